/**
 * Everything declared to WeChat, derived from the app's description (`PrivacyApp`): app.json
 * `permission`, `requiredPrivateInfos`, and the checklist ops file in the admin console's privacy
 * guide. Only the capabilities and gated APIs the app declares appear. Pure.
 */
import type { Capability } from '../domain/contract';
import { appCapabilities, type PrivacyApp } from '../domain/app';
import { capabilityDefinition } from '../domain/capabilities';
import {
  LOCATION_SCOPES,
  PERMISSION_DESC_MAX_CHARS,
  PRECISE_LOCATION_APIS,
  REQUIRED_PRIVATE_INFO_APIS,
  type LocalisedText,
  type PermissionCatalogueEntry,
  type PrivacyDataTypeKey,
  type PrivacyDeclaration,
  type PrivacyGatedApi,
  type RequiredPrivateInfo,
} from '../domain/permission-types';
import { PRIVACY_DATA_TYPES, PRIVACY_GATED_APIS } from '../data/privacy-gated-apis';
import type { CollectionItem } from '../domain/lists';

/** The part of an app's description its declarations come from. */
export type DeclaringApp = Pick<PrivacyApp, 'capabilities' | 'otherDeclarations'>;

const entriesOf = (app: DeclaringApp): PermissionCatalogueEntry[] =>
  appCapabilities(app).map((c) => (app.capabilities as Partial<Record<Capability, PermissionCatalogueEntry>>)[c]!);

/** Raised when the catalogue would produce declarations WeChat rejects. */
export class PermissionDeclarationError extends Error {
  override name = 'PermissionDeclarationError';
  constructor(readonly problems: readonly string[]) {
    super(`permission catalogue: ${problems.join('; ')}`);
  }
}

/** Characters as WeChat counts them (code points, so a CJK character is one). */
export const charCount = (s: string): number => [...s].length;

const isLocationScope = (scope: string): boolean => (LOCATION_SCOPES as readonly string[]).includes(scope);

/** Every reason the app's capabilities cannot be declared as they stand; empty when they are sound. */
export function catalogueProblems(app: DeclaringApp, gatedApis: readonly PrivacyGatedApi[] = PRIVACY_GATED_APIS): string[] {
  const problems: string[] = [];
  const others: readonly PrivacyDeclaration[] = app.otherDeclarations ?? [];
  for (const e of entriesOf(app)) {
    const capability = e.capability;
    if (e.capability !== capability) problems.push(`${capability}: entry names capability ${e.capability}`);
    const { scope } = capabilityDefinition(capability);
    if (isLocationScope(scope)) {
      if (!e.permissionDesc) problems.push(`${capability}: ${scope} needs permission.desc`);
      else if (charCount(e.permissionDesc) > PERMISSION_DESC_MAX_CHARS)
        problems.push(`${capability}: permission.desc has ${charCount(e.permissionDesc)} characters, WeChat allows ${PERMISSION_DESC_MAX_CHARS}`);
    } else if (e.permissionDesc !== undefined) {
      problems.push(`${capability}: app.json permission takes location scopes only, not ${scope}`);
    }
    for (const text of [e.purpose.what, e.purpose.why, e.purpose.ifRefused, e.feature.name, e.fallback]) {
      if (!text.zh.trim() || !text.en.trim()) problems.push(`${capability}: a purpose, feature or fallback text is empty`);
    }
    for (const info of e.requiredPrivateInfos) {
      if (!(REQUIRED_PRIVATE_INFO_APIS as readonly string[]).includes(info)) problems.push(`${capability}: ${info} is not a requiredPrivateInfos API`);
    }
  }
  const declared = [...entriesOf(app).map((e) => ({ dataType: capabilityDefinition(e.capability).dataType, gatedApis: e.gatedApis })), ...others];
  for (const d of declared) {
    for (const id of d.gatedApis) {
      const known = gatedApis.find((a) => a.id === id);
      if (!known) problems.push(`${id} is not in WeChat's list of privacy-gated APIs`);
      else if (known.dataType !== d.dataType) problems.push(`${id} touches ${known.dataType}, declared under ${d.dataType}`);
    }
  }
  const infos = entriesOf(app).flatMap((e) => e.requiredPrivateInfos);
  const precise = infos.filter((i) => PRECISE_LOCATION_APIS.includes(i));
  if (infos.includes('getFuzzyLocation') && precise.length > 0)
    problems.push(`getFuzzyLocation cannot be declared beside ${precise.join(', ')}`);
  return problems;
}

function assertSound(app: DeclaringApp): void {
  const problems = catalogueProblems(app);
  if (problems.length > 0) throw new PermissionDeclarationError(problems);
}

/** app.json `permission`: `{ [locationScope]: { desc } }` from the app's capabilities. */
export function appJsonPermission(app: DeclaringApp): Record<string, { desc: string }> {
  assertSound(app);
  const permission: Record<string, { desc: string }> = {};
  for (const e of entriesOf(app)) {
    const { scope } = capabilityDefinition(e.capability);
    if (isLocationScope(scope) && e.permissionDesc) permission[scope] = { desc: e.permissionDesc };
  }
  return permission;
}

/** The mini-program platforms whose app.json carries privacy keys. */
export type MiniProgramPlatform = 'weapp' | 'tt';

/**
 * Douyin's app.json `permission`: the subtitle of its location prompt, under Douyin's scope
 * (`scope.userLocation`; https://developer.open-douyin.com/docs/resource/zh-CN/mini-app/develop/framework/general-configuration).
 */
export function douyinAppJsonPermission(app: DeclaringApp): Record<string, { desc: string }> {
  assertSound(app);
  const permission: Record<string, { desc: string }> = {};
  for (const e of entriesOf(app)) {
    const { scope, tt } = capabilityDefinition(e.capability);
    if (isLocationScope(scope) && tt.scope !== null && e.permissionDesc) permission[tt.scope] = { desc: e.permissionDesc };
  }
  return permission;
}

/**
 * The privacy keys of app.json for the platform being built (`process.env.TARO_ENV` in the host's
 * app.config.ts), derived from the app's capabilities:
 * - WeChat: `__usePrivacyCheck__` (gated calls wait for the privacy agreement), `permission` and
 *   `requiredPrivateInfos`;
 * - Douyin: `usePrivacyCheck` (its own spelling, base library 3.19.0+) and `permission`; Douyin
 *   reads neither of WeChat's other keys;
 * - h5 (and no platform named): none for h5; WeChat's when unnamed, as the app's checks read the config in Node.
 */
export function privacyAppJson(app: DeclaringApp, platform: string | undefined): Record<string, unknown> {
  if (platform === 'h5') return {};
  if (platform === 'tt') return { usePrivacyCheck: true, permission: douyinAppJsonPermission(app) };
  return { __usePrivacyCheck__: true, permission: appJsonPermission(app), requiredPrivateInfos: requiredPrivateInfos(app) };
}

/** app.json `requiredPrivateInfos`, deduplicated; throws if fuzzy and precise location would meet. */
export function requiredPrivateInfos(app: DeclaringApp): RequiredPrivateInfo[] {
  assertSound(app);
  const infos = new Set<RequiredPrivateInfo>();
  for (const e of entriesOf(app)) for (const i of e.requiredPrivateInfos) infos.add(i);
  return [...infos];
}

/** One line of the privacy-guide checklist: a data type, the gated APIs that use it, and why. */
export interface PrivacyGuideItem {
  dataType: PrivacyDataTypeKey;
  label: LocalisedText;
  gatedApis: string[];
  /** The purpose ops type into the console ("用于…"), one per feature using the data type. */
  purposes: LocalisedText[];
  capabilities: Capability[];
}

/** The items ops must declare in the admin console's privacy guide, one per data type. */
export function privacyGuideChecklist(app: DeclaringApp): PrivacyGuideItem[] {
  assertSound(app);
  const byType = new Map<PrivacyDataTypeKey, PrivacyGuideItem>();
  const add = (dataType: PrivacyDataTypeKey, apis: readonly string[], why: LocalisedText, capability?: Capability): void => {
    const item = byType.get(dataType) ?? { dataType, label: PRIVACY_DATA_TYPES[dataType], gatedApis: [], purposes: [], capabilities: [] };
    for (const a of apis) if (!item.gatedApis.includes(a)) item.gatedApis.push(a);
    item.purposes.push(why);
    if (capability) item.capabilities.push(capability);
    byType.set(dataType, item);
  };
  for (const e of entriesOf(app)) add(capabilityDefinition(e.capability).dataType, e.gatedApis, e.purpose.why, e.capability);
  for (const d of app.otherDeclarations ?? []) add(d.dataType, d.gatedApis, d.why);
  return [...byType.values()];
}

/**
 * Data the app collects itself, without a WeChat API: the guide declares it too (WeChat takes its
 * own keys such as EXOrderInfo or EXIDNumber, or a custom one). One per collection-list row that
 * no runtime permission covers, with its purpose and how long it is kept.
 */
export interface PrivacyGuideCollected {
  row: string;
  category: LocalisedText;
  items: LocalisedText;
  purpose: LocalisedText;
  /** The row's retention ("period; at the end"), or null where the list declares it a gap. */
  retention: LocalisedText | null;
}

/**
 * The guide's collector settings (WeChat's `owner_setting`): the contact, how a change of what is
 * collected is told to users (`notice_method`), and how long it is kept (`store_expire_timestamp`).
 */
export interface PrivacyGuideOwner {
  contact: LocalisedText;
  /** True of the module: advance notice, the re-consent sheet, the notice of a minor change. */
  noticeMethod: LocalisedText;
  /** The period most rows give; rows with another period are named in `storePeriodExceptions`. */
  storePeriod: LocalisedText | null;
  storePeriodExceptions: string[];
}

/** How the module tells shoppers of a change to the policy (ReconsentSheet, UpcomingNotice, PolicyNotice). */
export const NOTICE_METHOD: LocalisedText = Object.freeze({
  zh: '小程序内弹窗与页面通知：重要变更在生效前公告生效日期与变更摘要，生效后以弹窗请用户阅读并重新确认是否同意；其他变更以页面通知告知。',
  en: 'In-app pop-up and page notice: a material change is announced with its date and summary before it takes effect, and once in force a pop-up asks users to read it and agree again; other changes are told in a page notice.',
});

const joinRetention = (r: { period: LocalisedText; atEnd: LocalisedText }): LocalisedText => ({ zh: `${r.period.zh}；${r.atEnd.zh}`, en: `${r.period.en}; ${r.atEnd.en}` });

/** The rows of the collection list the guide must declare beside the WeChat APIs. */
export function privacyGuideCollected(rows: readonly CollectionItem[]): PrivacyGuideCollected[] {
  return rows
    .filter((r) => r.capability === undefined)
    .map((r) => ({ row: r.id, category: r.category, items: r.items, purpose: r.purpose, retention: r.retention ? joinRetention(r.retention) : null }));
}

/** The collector settings, from the app's controller and the collection list's retention periods. */
export function privacyGuideOwner(app: Pick<PrivacyApp, 'controller'>, rows: readonly CollectionItem[]): PrivacyGuideOwner {
  const periods = new Map<string, { text: LocalisedText; rows: string[] }>();
  for (const r of rows) {
    if (!r.retention) continue;
    const key = `${r.retention.period.zh}\u0000${r.retention.period.en}`;
    const entry = periods.get(key) ?? { text: r.retention.period, rows: [] as string[] };
    entry.rows.push(r.id);
    periods.set(key, entry);
  }
  const ranked = [...periods.values()].sort((a, b) => b.rows.length - a.rows.length);
  return {
    contact: app.controller.privacyContact,
    noticeMethod: NOTICE_METHOD,
    storePeriod: ranked[0]?.text ?? null,
    storePeriodExceptions: ranked.slice(1).flatMap((p) => p.rows),
  };
}

/** The checklist as plain text for ops, in one language. */
export function formatPrivacyGuideChecklist(items: readonly PrivacyGuideItem[], lang: 'zh' | 'en'): string {
  const head =
    lang === 'zh'
      ? '小程序管理后台 → 设置 → 服务内容声明 → 用户隐私保护指引：逐项声明以下信息类型及用途'
      : 'Admin console → Settings → Service content declaration → User privacy guide: declare each data type below with its purpose';
  const lines = items.map((item, i) => {
    const purposes = item.purposes.map((p) => `    ${lang === 'zh' ? '用途' : 'Purpose'}: ${p[lang]}`).join('\n');
    const apis = `    ${lang === 'zh' ? '涉及接口/组件' : 'Gated APIs/components'}: ${item.gatedApis.join(', ')}`;
    return `${i + 1}. ${item.label[lang]} (${item.dataType})\n${purposes}\n${apis}`;
  });
  return [head, ...lines].join('\n');
}
