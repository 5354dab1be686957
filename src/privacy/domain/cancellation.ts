/**
 * Account cancellation (注销): status rules and the plain-words texts shown to the shopper.
 * Pure TypeScript: no platform, no framework imports; times are passed in, never read here.
 */
import { LIMITS, type CancellationResponse, type CancellationStatus, type Lang } from './contract';

export { formatChinaTime, formatChinaDate } from './chinaTime';

/** Working days the regulator allows at most (《App违法违规收集使用个人信息行为认定方法》 六.3; counted on China's calendar by the server). */
export const CANCELLATION_DEADLINE_WORKING_DAYS = 15;

/**
 * The shop's own promise for handling a request (cancellation, deletion, access): calendar days,
 * from the policy's "Contact us" section. The server takes it as the default of its configured rule
 * and never lets a deadline pass the regulator's 15 working days.
 */
export const POLICY_REQUEST_DEADLINE = Object.freeze({
  calendarDays: 15,
  source: Object.freeze({
    sectionId: 'contact-us',
    zh: '我们可能会要求先验明您的身份，然后在不超过15天的合理期限内处理您的请求。',
    en: 'We may first ask you to prove your identity and then handle your request within reasonable period of no longer than 15 days.',
  }),
});

/** Longest reason the server accepts. */
export const CANCELLATION_REASON_MAX = LIMITS.reasonMaxLength;

/** Statuses during which the account still exists and a request is under way. */
export const OPEN_CANCELLATION_STATUSES: readonly CancellationStatus[] = Object.freeze(['pending', 'processing'] as const);

/** True while a request is under way (a second one would be refused with 409). */
export function isCancellationOpen(status: CancellationStatus | null | undefined): boolean {
  return status === 'pending' || status === 'processing';
}

/** Undo is possible during the cooling-off period only. */
export function canWithdrawCancellation(status: CancellationStatus | null | undefined): boolean {
  return status === 'pending';
}

/** A new request may be made when there is none, or the last one was withdrawn. */
export function canRequestCancellation(latest: Pick<CancellationResponse, 'status'> | null): boolean {
  return latest === null || latest.status === 'withdrawn';
}

/** Status headings shown on the status screen. */
export const CANCELLATION_STATUS_TEXT: Readonly<Record<Lang, Readonly<Record<CancellationStatus, string>>>> = Object.freeze({
  zh: Object.freeze({ pending: '注销申请已提交（冷静期中）', processing: '注销处理中', completed: '账户已注销', withdrawn: '注销申请已撤销' }),
  en: Object.freeze({
    pending: 'Cancellation requested (cooling-off period)',
    processing: 'Cancellation in progress',
    completed: 'Account cancelled',
    withdrawn: 'Cancellation request withdrawn',
  }),
});

/** Shown after the local wipe: how to remove the mini-program from WeChat's recent list. */
export const REMOVE_FROM_RECENT_NOTE: Readonly<Record<Lang, string>> = Object.freeze({
  zh: '您的账户已注销，本机上的相关数据也已清除。如需从微信“最近使用”中移除本小程序：在微信首页下拉打开小程序列表，长按本小程序，拖到“删除”即可。',
  en: "Your account is cancelled and its data on this phone has been wiped. To remove the mini-program from WeChat's recent list: pull down on WeChat's chat screen to open the mini-program list, press and hold this mini-program, and drag it to Delete.",
});
