/**
 * The checklist ops follow to file Douyin's 《小程序用户隐私保护协议》 (抖音开放平台控制台 › 设置 ›
 * 基础设置 › 类目与配置 › 用户隐私保护协议), derived from the WeChat privacy-guide checklist, its
 * collector settings and the collection list in force: the purposes are the app's, typed once.
 * Douyin's form: https://developer.open-douyin.com/docs/resource/zh-CN/mini-app/open-capacity/basic-capacities/privacy-agreement
 * and https://developer.open-douyin.com/docs/resource/zh-CN/mini-app/develop/tutorial/open-capabilities/general-capabilities/privacy-component
 * Pure.
 */
import type { Capability } from '../domain/contract';
import type { CollectionItem, LocalisedText } from '../domain/lists';
import type { PrivacyDataTypeKey } from '../domain/permission-types';
import { contactRuns } from '../domain/contactLinks';
import {
  douyinCapabilityCalls,
  DOUYIN_INFO_TYPES,
  DOUYIN_MODULE_FEATURES,
  DOUYIN_NO_TYPE_NOTE,
  DOUYIN_TYPE_NOTES,
  DOUYIN_TYPE_OF_WECHAT,
  type DouyinInfoType,
} from '../data/douyin-privacy-types';
import { privacyGuideChecklist, privacyGuideOwner, type DeclaringApp, type PrivacyGuideItem, type PrivacyGuideOwner } from './permission-declarations';
import { appCapabilities, type PrivacyApp } from '../domain/app';

/** A feature that needs an information type: a capability's feature, or one of the module's own. */
export interface DouyinAgreementFeature {
  id: string;
  name: LocalisedText;
}

/** One "添加信息类型" of the form: the type, its purposes, and what needs it. */
export interface DouyinAgreementItem {
  /** Douyin's information type, or null where Douyin's list has none for the data (see `note`). */
  infoType: DouyinInfoType | null;
  /** Douyin's name of the type; the WeChat name of the data where Douyin has none. */
  label: LocalisedText;
  /** The WeChat data types of the same checklist it answers. */
  wechatDataTypes: PrivacyDataTypeKey[];
  /** The purposes ("用途") to fill, one per feature, as the WeChat checklist has them. */
  purposes: LocalisedText[];
  /** The features that need it. */
  features: DouyinAgreementFeature[];
  capabilities: Capability[];
  /** What the module uses on Douyin that needs it: the `authorize` scope, the API or the component. */
  ttApis: string[];
  /** Rows of the collection list in force that name the data (by their capability). */
  collectionRows: string[];
  /** What ops must know or check for this item, or null. */
  note: LocalisedText | null;
}

/** The developer contact the form asks for (e-mail, mobile or landline), from the collector's contact. */
export interface DouyinAgreementContact {
  /** The contact text it is read from (the WeChat collector settings' contact). */
  source: LocalisedText;
  emails: string[];
  mobiles: string[];
  landlines: string[];
  /** Set when the text gives none of the three: the form cannot be completed from it. */
  gap: LocalisedText | null;
}

/** The Douyin part of the privacy-guide checklist. */
export interface DouyinAgreement {
  items: DouyinAgreementItem[];
  contact: DouyinAgreementContact;
  steps: LocalisedText[];
}

/** A mainland mobile number: 11 digits starting with 1, after an optional +86. */
const isMobile = (phone: string): boolean => /^1\d{10}$/.test(phone.replace(/\D/g, '').replace(/^86(?=1\d{10}$)/, ''));

const CONTACT_GAP: LocalisedText = Object.freeze({
  zh: '收集方联系方式中没有邮箱、手机号或座机号码，而抖音要求至少填写其中一项：请在应用的隐私描述（controller.privacyContact）中补充。',
  en: "The collector's contact gives no e-mail address, mobile or landline number, and Douyin needs at least one: add one to the app's privacy description (controller.privacyContact).",
});

/** The e-mail addresses and phone numbers in the collector's contact, in both languages' texts. */
export function douyinAgreementContact(owner: Pick<PrivacyGuideOwner, 'contact'>): DouyinAgreementContact {
  const emails = new Set<string>();
  const mobiles = new Set<string>();
  const landlines = new Set<string>();
  for (const text of [owner.contact.zh, owner.contact.en]) {
    for (const run of contactRuns(text)) {
      if (run.kind === 'email') emails.add(run.text);
      else if (run.kind === 'phone') (isMobile(run.text) ? mobiles : landlines).add(run.text.trim());
    }
  }
  const none = emails.size + mobiles.size + landlines.size === 0;
  return { source: owner.contact, emails: [...emails], mobiles: [...mobiles], landlines: [...landlines], gap: none ? CONTACT_GAP : null };
}

/** The steps of Douyin's form, in its order (the privacy-component tutorial's "配置流程"). */
export const DOUYIN_AGREEMENT_STEPS: readonly LocalisedText[] = Object.freeze([
  {
    zh: '登录抖音开放平台控制台，进入本小程序：设置 › 基础设置 › 类目与配置 › 用户隐私保护协议，点击“去设置”。',
    en: 'Sign in to the Douyin Open Platform console and open this mini-program: Settings › Basic settings › Categories and configuration › User privacy protection agreement, then "去设置" (set up).',
  },
  {
    zh: '选择“本小程序处理了用户信息，将如实填写并及时更新用户信息处理情况”，阅读说明后点击“我已阅读并同意协议”。',
    en: 'Choose that the mini-program processes user information and will state it truthfully and keep it up to date; read the notes and confirm that you read and agree.',
  },
  {
    zh: '对下表每一行点击“添加信息类型”，选择该类型，并在用途中填写该行的用途（一个功能一条）。',
    en: 'For each row below, click "添加信息类型" (add information type), choose the type and fill in the row\'s purposes (one per feature) as its use.',
  },
  {
    zh: '填写开发者联系方式：邮箱、手机号或座机（见下方“联系方式”）。',
    en: 'Fill in the developer contact: e-mail, mobile or landline (see Contact below).',
  },
  {
    zh: '更新日期填写当天，与填写日期一致。',
    en: 'Set the update date to today, the same day as the filing.',
  },
  {
    zh: '点击“预览”核对生成的协议，确认无误后勾选底部确认项，点击“确定并生成协议”。',
    en: 'Click "预览" (preview) and check the generated agreement; then tick the box at the bottom and click "确定并生成协议" (confirm and generate).',
  },
  {
    zh: '未声明类型的接口调用会失败，errMsg 为 “api scope is not declared in the privacy agreement”（错误码因接口而异，如 tt.openBluetoothAdapter 为 186679，tt.setClipboardData 为 104179）：生成协议后在真机上逐一试用下表的功能。',
    en: 'A call whose type is not declared fails with errMsg "api scope is not declared in the privacy agreement" (the error number depends on the API: 186679 for tt.openBluetoothAdapter, 104179 for tt.setClipboardData): once the agreement is generated, try each feature below on a phone.',
  },
]);

/** The Douyin scopes and calls that stand for a WeChat item's gated APIs: the capabilities' calls, or the same-named tt API. */
function ttCallsOf(item: PrivacyGuideItem): string[] {
  if (item.capabilities.length > 0) {
    return item.capabilities.flatMap((c) => {
      const calls = douyinCapabilityCalls(c);
      return [...(calls.scope ? [calls.scope] : []), ...calls.apis];
    });
  }
  return item.gatedApis.filter((a) => a.startsWith('wx.') && !a.startsWith('wx.authorize:')).map((a) => `tt.${a.slice('wx.'.length)}`);
}

const push = <T>(list: T[], values: readonly T[], key: (v: T) => string = String): void => {
  for (const v of values) if (!list.some((x) => key(x) === key(v))) list.push(v);
};

/**
 * The Douyin checklist: one item per Douyin information type the app needs (WeChat types that
 * share a Douyin type are merged), then one per WeChat type Douyin has no type for.
 */
export function douyinAgreementChecklist(
  wechat: readonly PrivacyGuideItem[],
  owner: Pick<PrivacyGuideOwner, 'contact'>,
  features: Readonly<Partial<Record<Capability, DouyinAgreementFeature>>>,
  rows: readonly CollectionItem[],
): DouyinAgreement {
  const items: DouyinAgreementItem[] = [];
  for (const w of wechat) {
    const infoType = DOUYIN_TYPE_OF_WECHAT[w.dataType] ?? null;
    let item = infoType ? items.find((i) => i.infoType === infoType) : undefined;
    if (!item) {
      item = {
        infoType,
        label: infoType ? DOUYIN_INFO_TYPES[infoType] : w.label,
        wechatDataTypes: [],
        purposes: [],
        features: [],
        capabilities: [],
        ttApis: [],
        collectionRows: [],
        note: infoType ? null : (DOUYIN_TYPE_NOTES[w.dataType] ?? DOUYIN_NO_TYPE_NOTE),
      };
      items.push(item);
    }
    item.wechatDataTypes.push(w.dataType);
    push(item.purposes, w.purposes, (p) => `${p.zh}\u0000${p.en}`);
    push(item.capabilities, w.capabilities);
    const calls = ttCallsOf(w);
    push(item.ttApis, calls);
    const named = [...w.capabilities.flatMap((c) => (features[c] ? [features[c]] : [])), ...calls.flatMap((a) => DOUYIN_MODULE_FEATURES[a] ?? [])];
    push(item.features, named, (f) => f.id);
    push(
      item.collectionRows,
      rows.filter((r) => r.capability !== undefined && w.capabilities.includes(r.capability)).map((r) => r.id),
    );
  }
  // Types Douyin lists first, in Douyin's order; then the data Douyin has no type for.
  const order = Object.keys(DOUYIN_INFO_TYPES);
  const rank = (i: DouyinAgreementItem) => (i.infoType ? order.indexOf(i.infoType) : order.length);
  return { items: items.map((i, k) => [i, k] as const).sort((a, b) => rank(a[0]) - rank(b[0]) || a[1] - b[1]).map(([i]) => i), contact: douyinAgreementContact(owner), steps: [...DOUYIN_AGREEMENT_STEPS] };
}

/** The Douyin checklist of an app, from its description and the collection list in force. */
export function douyinAgreement(app: DeclaringApp & Pick<PrivacyApp, 'controller'>, rows: readonly CollectionItem[]): DouyinAgreement {
  const features: Partial<Record<Capability, DouyinAgreementFeature>> = {};
  for (const c of appCapabilities(app)) {
    const entry = (app.capabilities as Partial<Record<Capability, { feature: DouyinAgreementFeature }>>)[c];
    if (entry) features[c] = entry.feature;
  }
  return douyinAgreementChecklist(privacyGuideChecklist(app), privacyGuideOwner(app, rows), features, rows);
}
