/**
 * Account cancellation (注销): status rules and the promised deadlines. Pure TypeScript: no
 * platform, no framework imports; times are passed in, never read here. Its words are the texts'
 * (`common.cancellationStatus`, the `cancellation` and `cancellationNotice` screens).
 */
import { LIMITS, type CancellationResponse, type CancellationStatus } from './contract';

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

/** How long a cooling-off period lasts: whole days, hours, minutes or seconds (the short ones are test deployments). */
export interface CoolingOffLength {
  unit: 'days' | 'hours' | 'minutes' | 'seconds';
  count: number;
}

/** A cooling-off period of `seconds` (rounded to the second), in the largest unit that states it exactly. */
export function coolingOffLengthOf(seconds: number): CoolingOffLength {
  const secs = Math.max(0, Math.round(seconds));
  if (secs >= 86_400 && secs % 86_400 === 0) return { unit: 'days', count: secs / 86_400 };
  if (secs >= 3_600 && secs % 3_600 === 0) return { unit: 'hours', count: secs / 3_600 };
  if (secs >= 60 && secs % 60 === 0) return { unit: 'minutes', count: secs / 60 };
  return { unit: 'seconds', count: secs };
}

/** The cooling-off period's length, from the request's own dates. */
export function coolingOffLength(requestedAt: string, coolingOffEndsAt: string): CoolingOffLength {
  return coolingOffLengthOf((Date.parse(coolingOffEndsAt) - Date.parse(requestedAt)) / 1000);
}
