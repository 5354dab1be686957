/**
 * The sensitive personal information the policy names, in the policy's own words in each
 * language. Drives the bold + underline the policy promises ("我们以加粗、加下划线的方式提醒您注意").
 * Each wording occurs in the 2023-12 seed (a test checks it); edit alongside the policy text.
 */
import { sensitiveTermsByLang, type SensitiveTerm } from '@maison/privacy/config';

export type { SensitiveTerm };

const term = (id: string, kind: SensitiveTerm['kind'], zh: string[], en: string[]): SensitiveTerm =>
  Object.freeze({ id, kind, zh: Object.freeze(zh), en: Object.freeze(en) });

/** The policy's sensitive categories and items. */
export const SENSITIVE_TERM_ENTRIES: readonly SensitiveTerm[] = Object.freeze([
  // The definition in "您提供给我们的信息以及我们如何使用" / "Information you provide to us...".
  term('biometrics', 'category', ['生物识别'], ['biometric characteristics']),
  term('religion', 'category', ['宗教信仰'], ['religious belief']),
  term('special-identity', 'category', ['特定身份'], ['special identity']),
  term('health', 'category', ['医疗健康'], ['medical and health information']),
  term('financial-accounts', 'category', ['金融账户'], ['financial and account information']),
  // "tracking" alone is how the English list names 行踪轨迹; it also marks "tracking technologies".
  term('whereabouts', 'category', ['行踪轨迹'], ['tracking information', 'tracking']),
  term('minors-under-14', 'category', ['不满十四周岁未成年人的个人信息', '不满十四周岁'], ['personal information of minor under 14 years old']),
  // "...个人敏感信息,包括您的个人财务信息(包括交易和消费记录银行账号等)..." and its English.
  term('financial-information', 'item', ['个人财务信息'], ['financial information']),
  term('transaction-records', 'item', ['交易和消费记录'], ['transaction and consumption records']),
  term('bank-account', 'item', ['银行账号'], ['bank account']),
  term('identification', 'item', ['个人身份信息'], ['individual identification information']),
  term('communication-records', 'item', ['通信记录'], ['communication records']),
  term('browsing-records', 'item', ['网页浏览记录'], ['browsing history', 'browsing records']),
  term('precise-location', 'item', ['精准定位信息'], ['precise geographical location', 'precise location']),
  // Payment details at purchase: a financial account, and identity card data (sensitive under
  // GB/T 35273). The zh text runs "付款账号身份证信息" together, as it does the emphasised items
  // above, a sign the lost formatting marked them too.
  term('payment-account', 'item', ['付款账号'], ['payment account number']),
  term('id-card', 'item', ['身份证信息'], ['ID information']),
  // GB/T 35273-2020 Annex B lists as sensitive the passwords and password-protection answers of
  // 网络身份标识信息, and 通信记录和内容; the policy names them under registration, calls, live chat and video chat.
  term('passwords', 'item', ['相关密码', '密码保护问题', '密码'], ['password and password protection questions', 'password']),
  // GB/T 35273-2020 Annex B lists the address book (通讯录) as sensitive; the policy names it among
  // the permissions a feature may ask for.
  term('contacts', 'item', ['通讯录'], ['contact list']),
  term('communication-content', 'item', ['咨询内容', '聊天内容', '录音'], ['chat content', 'may be recorded']),
]);

/** Terms to emphasise, per language (input of `emphasise`). */
export const SENSITIVE_TERMS = sensitiveTermsByLang(SENSITIVE_TERM_ENTRIES);
