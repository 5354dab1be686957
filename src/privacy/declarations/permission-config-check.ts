/**
 * The static check behind `npm run check:app-config`: app.json's `permission` and
 * `requiredPrivateInfos` must equal what the catalogue derives, and every privacy-gated API or
 * component used in src/ must be declared (else WeChat fails it with errno 112 or refuses the
 * location API). Pure: the script hands it the configs and the source texts.
 */
import { appCapabilities } from '../domain/app';
import {
  appJsonPermission,
  catalogueProblems,
  privacyAppJson,
  requiredPrivateInfos,
  type DeclaringApp,
  type MiniProgramPlatform,
} from './permission-declarations';
import { PRECISE_LOCATION_APIS, REQUIRED_PRIVATE_INFO_APIS, type PermissionCatalogueEntry, type PrivacyGatedApi } from '../domain/permission-types';
import type { Capability } from '../domain/contract';
import { PRIVACY_GATED_APIS } from '../data/privacy-gated-apis';

/** One source file of the app. */
export interface SourceFile {
  path: string;
  text: string;
}

/** A place where a gated API or component is used. */
export interface GatedUse {
  id: string;
  path: string;
  line: number;
}

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const pascal = (tag: string): string => tag.split('-').map((p) => p.charAt(0).toUpperCase() + p.slice(1)).join('');

/** The pattern that finds an entry in Taro/TypeScript source. */
export function detectionPattern(api: Pick<PrivacyGatedApi, 'kind' | 'name'>): RegExp {
  switch (api.kind) {
    case 'api':
      return new RegExp(`\\b(?:Taro|wx)\\s*\\.\\s*${escape(api.name)}\\b`);
    case 'authorize-scope':
      return new RegExp(`scope\\s*:\\s*['"\`]${escape(api.name)}['"\`]`);
    case 'component':
      return new RegExp(`<(?:${escape(pascal(api.name))}|${escape(api.name)})\\b`);
    case 'open-type':
      return new RegExp(`open-?type\\s*=\\s*\\{?\\s*['"\`]${escape(api.name)}['"\`]`, 'i');
    case 'input-type':
      return new RegExp(`\\btype\\s*=\\s*\\{?\\s*['"\`]${escape(api.name)}['"\`]`);
    case 'method':
      return api.name === 'RecorderManager.start'
        ? /\b(?:Taro|wx)\s*\.\s*getRecorderManager\b/
        : new RegExp(`\\.\\s*${escape(api.name.split('.').pop() ?? api.name)}\\s*\\(`);
  }
}

/**
 * Blanks out comments (keeping line breaks and string contents), so a comment that names an API
 * is not a use of it.
 */
export function stripComments(text: string): string {
  let out = '';
  let quote: string | null = null;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    const next = text[i + 1];
    if (quote) {
      out += ch;
      if (ch === '\\') {
        out += next ?? '';
        i++;
      } else if (ch === quote) quote = null;
      continue;
    }
    if (ch === '/' && next === '/') {
      while (i < text.length && text[i] !== '\n') i++;
      out += '\n';
      continue;
    }
    if (ch === '/' && next === '*') {
      i += 2;
      while (i < text.length && !(text[i] === '*' && text[i + 1] === '/')) {
        if (text[i] === '\n') out += '\n';
        i++;
      }
      i++;
      continue;
    }
    if (ch === '"' || ch === "'" || ch === '`') quote = ch;
    out += ch;
  }
  return out;
}

/** Every use of a privacy-gated API or component in the sources. */
export function findGatedUses(sources: readonly SourceFile[], gatedApis: readonly PrivacyGatedApi[] = PRIVACY_GATED_APIS): GatedUse[] {
  const uses: GatedUse[] = [];
  const seen = new Set<string>();
  for (const file of sources) {
    const lines = stripComments(file.text).split('\n');
    for (const api of gatedApis) {
      const pattern = detectionPattern(api);
      lines.forEach((line, i) => {
        const key = `${api.id}|${file.path}|${i}`;
        if (!seen.has(key) && pattern.test(line)) {
          seen.add(key);
          uses.push({ id: api.id, path: file.path, line: i + 1 });
        }
      });
    }
  }
  return uses;
}

/** Names of the `requiredPrivateInfos` APIs called in the sources. */
export function findRequiredPrivateInfoCalls(sources: readonly SourceFile[]): GatedUse[] {
  return findGatedUses(
    sources,
    REQUIRED_PRIVATE_INFO_APIS.map((name) => ({ id: name, kind: 'api' as const, name, dataType: 'Location' as const })),
  );
}

const sameJson = (a: unknown, b: unknown): boolean => JSON.stringify(sortKeys(a)) === JSON.stringify(sortKeys(b));
function sortKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (typeof v === 'object' && v !== null) {
    return Object.fromEntries(Object.keys(v).sort().map((k) => [k, sortKeys((v as Record<string, unknown>)[k])]));
  }
  return v;
}

/** A compiled or source app config to check, with a label for messages. */
export interface LabelledConfig {
  label: string;
  config: unknown;
  /** Whose app.json it is (default WeChat): Douyin's carries its own keys (`privacyAppJson`). */
  platform?: MiniProgramPlatform;
}

/** What the check compares: configs, sources, and (for tests) another catalogue or gated list. */
export interface AppConfigCheckInput {
  configs: readonly LabelledConfig[];
  sources: readonly SourceFile[];
  /** The app's description (its capabilities and other declarations). */
  app: DeclaringApp;
  gatedApis?: readonly PrivacyGatedApi[];
}

/** Douyin's app.json: exactly `privacyAppJson(app, 'tt')`'s keys, and none of WeChat's (Douyin ignores them). */
function douyinConfigProblems(label: string, c: Record<string, unknown>, app: DeclaringApp): string[] {
  const problems: string[] = [];
  const expected = privacyAppJson(app, 'tt');
  for (const [key, value] of Object.entries(expected))
    if (!sameJson(c[key] ?? null, value)) problems.push(`${label}: ${key} is ${JSON.stringify(c[key] ?? null)}, the app derives ${JSON.stringify(value)}`);
  for (const key of ['__usePrivacyCheck__', 'requiredPrivateInfos'])
    if (key in c) problems.push(`${label}: ${key} is WeChat's key; Douyin ignores it (its app.json takes ${Object.keys(expected).join(', ')})`);
  return problems;
}

/** Every drift between the app config, the sources and the catalogue; empty when all agree. */
export function appConfigProblems(input: AppConfigCheckInput): string[] {
  const { app } = input;
  const others = app.otherDeclarations ?? [];
  const gatedApis = input.gatedApis ?? PRIVACY_GATED_APIS;
  const fromCatalogue = catalogueProblems(app, gatedApis);
  if (fromCatalogue.length > 0) return fromCatalogue.map((p) => `permission catalogue: ${p}`);

  const problems: string[] = [];
  const permission = appJsonPermission(app);
  const infos = requiredPrivateInfos(app);

  for (const { label, config, platform } of input.configs) {
    const c = typeof config === 'object' && config !== null ? (config as Record<string, unknown>) : {};
    if (platform === 'tt') {
      problems.push(...douyinConfigProblems(label, c, app));
      continue;
    }
    if (!sameJson(c.permission ?? {}, permission))
      problems.push(`${label}: permission is ${JSON.stringify(c.permission ?? null)}, the catalogue derives ${JSON.stringify(permission)}`);
    const declared = c.requiredPrivateInfos;
    if (!Array.isArray(declared) || !declared.every((d) => typeof d === 'string')) {
      if (declared !== undefined || infos.length > 0)
        problems.push(`${label}: requiredPrivateInfos is ${JSON.stringify(declared ?? null)}, the catalogue derives ${JSON.stringify(infos)}`);
    } else {
      const list = declared as string[];
      if (new Set(list).size !== list.length || !sameJson([...list].sort(), [...infos].sort()))
        problems.push(`${label}: requiredPrivateInfos is ${JSON.stringify(list)}, the catalogue derives ${JSON.stringify(infos)}`);
      const precise = list.filter((d) => (PRECISE_LOCATION_APIS as readonly string[]).includes(d));
      if (list.includes('getFuzzyLocation') && precise.length > 0)
        problems.push(`${label}: requiredPrivateInfos declares getFuzzyLocation beside ${precise.join(', ')} (WeChat forbids it)`);
    }
  }

  const declaredIds = new Set([...appCapabilities(app).flatMap((c) => (app.capabilities as Partial<Record<Capability, PermissionCatalogueEntry>>)[c]?.gatedApis ?? []), ...others.flatMap((d) => d.gatedApis)]);
  for (const use of findGatedUses(input.sources, gatedApis)) {
    if (declaredIds.has(use.id)) continue;
    const types = gatedApis.filter((a) => a.id === use.id).map((a) => a.dataType);
    problems.push(`${use.path}:${use.line}: ${use.id} (${types.join('/')}) is privacy-gated but not declared in the permission catalogue`);
  }
  for (const use of findRequiredPrivateInfoCalls(input.sources)) {
    if (!(infos as string[]).includes(use.id))
      problems.push(`${use.path}:${use.line}: ${use.id} must be listed in requiredPrivateInfos (add it to the catalogue)`);
  }
  return problems;
}
