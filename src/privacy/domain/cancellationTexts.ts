/**
 * The cancellation page's and the privacy centre's words: what cancellation means, the cooling-off
 * length, the consent history in plain words. Only those subpackage pages import this file, so it
 * ships with them; `cancellation.ts` (status rules, the notice on every page) stays small.
 */
import { formatChinaTime } from './chinaTime';
import { CAPABILITY_REGISTRY, type Capability } from './capabilities';
import type { ConsentPurpose, ConsentValue, Lang, LedgerEvent } from './contract';
import { POLICY_REQUEST_DEADLINE } from './cancellation';

/** How long the cooling-off period lasts, in words (from the request's own dates). */
export function coolingOffLength(requestedAt: string, coolingOffEndsAt: string, lang: Lang): string {
  const secs = Math.max(0, Math.round((Date.parse(coolingOffEndsAt) - Date.parse(requestedAt)) / 1000));
  const days = Math.round(secs / 86_400);
  if (days >= 1) return lang === 'zh' ? `${days} 天` : `${days} day${days === 1 ? '' : 's'}`;
  const minutes = Math.max(1, Math.round(secs / 60));
  return lang === 'zh' ? `${minutes} 分钟` : `${minutes} minute${minutes === 1 ? '' : 's'}`;
}

/** What cancellation means, point by point (`{brand}`: the controller's short name; see `cancellationExplanation`). */
const CANCELLATION_EXPLANATION: Readonly<Record<Lang, readonly string[]>> = Object.freeze({
  zh: Object.freeze([
    '注销后，我们将删除您的个人信息，或按法律要求进行匿名化处理，且无法恢复。',
    '依照法律规定，交易记录（如支付记录）、物流与快递记录、退换货及售后服务记录可能在法定期限内保留，仅用于履行法定义务。',
    '本次注销仅针对本小程序账户；您在{brand}其他平台的账户不受影响，除非您另行申请注销全部平台账户。',
    '提交后有一段冷静期，期间您可随时撤销注销申请，账户将恢复正常；冷静期结束后注销开始执行，不能再撤销。',
    '如有未完成的订单或退款，它们会先正常完成，不会因此拒绝或拖延您的注销申请。',
    `我们将在提交后 ${POLICY_REQUEST_DEADLINE.calendarDays} 天内完成注销（本隐私政策“联系我们”所承诺的期限），具体截止日期见申请状态。`,
  ]),
  en: Object.freeze([
    'After cancellation your personal information is deleted, or anonymised where the law requires, and cannot be restored.',
    'As the law requires, transaction records (such as payments), logistics and delivery records and returns and after-sales records may be kept for the legal period, only to meet legal duties.',
    'This cancels your account in this mini-program only; your accounts on other {brand} platforms are untouched unless you ask us to cancel them all.',
    'A cooling-off period follows your request: until it ends you can undo the request at any time and your account carries on as before. After that the cancellation runs and can no longer be undone.',
    'Open orders or refunds are completed first as usual; they are never a reason to refuse or delay your request.',
    `We complete the cancellation within ${POLICY_REQUEST_DEADLINE.calendarDays} days of your request (the time our privacy policy promises under "Contact us"); the status shows the exact date.`,
  ]),
});

const PURPOSE_WORDS: Readonly<Record<Lang, Readonly<Record<string, string>>>> = Object.freeze({
  zh: Object.freeze({
    policy: '隐私政策',
    guardian: '监护人同意',
  }),
  en: Object.freeze({
    policy: 'the privacy policy',
    guardian: "a guardian's consent",
  }),
});

const VERBS: Readonly<Record<Lang, Readonly<Record<string, string>>>> = Object.freeze({
  zh: Object.freeze({
    'policy:accepted': '您同意了{p}（第 {v} 版）',
    'policy:refused': '您未同意或撤回了对{p}的同意',
    'policy:shown': '向您展示了{p}（第 {v} 版）',
    'consent:granted': '您同意了{p}',
    'consent:refused': '您拒绝了{p}',
    'consent:withdrawn': '您撤回了{p}',
    'permission:granted': '您允许了{p}',
    'permission:denied': '您拒绝了{p}',
    'permission:blocked': '{p}在系统设置中被关闭',
    'permission:unavailable': '本设备无法使用{p}',
    'permission:prompted': '向您请求了{p}',
    'permission:not-now': '您暂不开启{p}',
  }),
  en: Object.freeze({
    'policy:accepted': 'You agreed to {p} (version {v})',
    'policy:refused': 'You did not agree to, or withdrew from, {p}',
    'policy:shown': 'You were shown {p} (version {v})',
    'consent:granted': 'You agreed to {p}',
    'consent:refused': 'You said no to {p}',
    'consent:withdrawn': 'You withdrew {p}',
    'permission:granted': 'You allowed {p}',
    'permission:denied': 'You refused {p}',
    'permission:blocked': '{p} is switched off in system settings',
    'permission:unavailable': '{p} is not available on this device',
    'permission:prompted': 'You were asked for {p}',
    'permission:not-now': 'You chose "not now" for {p}',
  }),
});

/** One line of the consent history in plain words, with its time in China time. */
export interface HistoryLine {
  id: string;
  when: string;
  text: string;
}

/** What cancellation means, point by point, naming the controller by its short name. */
export function cancellationExplanation(lang: Lang, brand: string): readonly string[] {
  return CANCELLATION_EXPLANATION[lang].map((line) => line.replace('{brand}', brand));
}

/** Names of the app's consents (their titles), for the history and the export. */
export type PurposeLabels = Readonly<Record<string, Readonly<Record<Lang, string>>>>;

/** The consent history in plain words, newest first; consents are named by the app's titles. */
export function consentHistory(events: readonly LedgerEvent[], lang: Lang, labels: PurposeLabels = {}): HistoryLine[] {
  return [...events]
    .reverse()
    .map((e) => {
      const template = VERBS[lang][`${e.kind}:${e.value}`] ?? `${e.kind} ${e.value} {p}`;
      const purpose = purposeWords(e.purpose, lang, labels);
      return { id: e.id, when: formatChinaTime(e.occurredAt, lang), text: template.replace('{p}', purpose).replace('{v}', String(e.policyVersion)) };
    });
}

/** Words for a purpose: the module's own (policy, guardian, a capability's access from the registry), else the app's consent title, else the id. */
export function purposeWords(purpose: ConsentPurpose | string, lang: Lang, labels: PurposeLabels = {}): string {
  const own = Object.prototype.hasOwnProperty.call(PURPOSE_WORDS[lang], purpose) ? PURPOSE_WORDS[lang][purpose] : undefined;
  if (own !== undefined) return own;
  if (Object.prototype.hasOwnProperty.call(CAPABILITY_REGISTRY, purpose)) return CAPABILITY_REGISTRY[purpose as Capability].names.access[lang];
  const label = Object.prototype.hasOwnProperty.call(labels, purpose) ? labels[purpose] : undefined;
  return label ? label[lang] : purpose;
}

/** Whether a consent value counts as "on" for a switch: only an explicit grant (never pre-ticked). */
export function consentIsOn(value: ConsentValue | undefined): boolean {
  return value === 'granted';
}
