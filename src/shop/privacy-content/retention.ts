/**
 * How long the shop keeps what it collects, in the 2023-12 policy's own terms ("Retention" and
 * "Deletion and account cancellation" under "Your choices"; "Cross-border transfers"). The policy
 * gives no period in days or years: where it is silent about a period the law requires, the
 * content declares a gap (shown to ops in the console) instead of inventing one.
 */
import type { LocalisedText, Retention } from '@maison/privacy/config';

/** The policy's general rule: as long as the purposes need, at most until cancellation; then deleted or anonymised. */
export const UNTIL_CANCELLED: Retention = Object.freeze({
  period: {
    zh: '仅在实现上述目的所需的期限内保存，最长至您注销账户（适用法律要求更长保存期限的除外）',
    en: 'Only as long as the purposes above need, at most until you cancel your account (unless the law requires longer)',
  },
  atEnd: {
    zh: '在合理期限内删除或匿名化，删除以无法恢复或复制的方式进行',
    en: 'Deleted or anonymised within a reasonable period; deletion is done so that it cannot be restored or reproduced',
  },
});

/** Marketing: the same rule, and the policy keeps a record of your objection so you are not contacted again. */
export const MARKETING_RETENTION: Retention = Object.freeze({
  period: {
    zh: '至您撤回同意或注销账户；撤回后我们可能保留您拒绝接收卡地亚新讯息的记录，以确保不再联系您',
    en: 'Until you withdraw this consent or cancel your account; after a withdrawal we may keep a record of your objection so that we do not contact you again',
  },
  atEnd: UNTIL_CANCELLED.atEnd,
});

/**
 * Product views for the recommendations: the newest 50 per shopper (server `PRODUCT_VIEWS_KEPT`),
 * deleted with the account (the purge's `delete-shop-records`); a withdrawal stops recording and
 * using them but does not delete what is recorded (a deletion request does).
 */
export const BROWSING_RETENTION: Retention = Object.freeze({
  period: {
    zh: '保留最近 50 条商品打开记录，至您注销账户；撤回同意后不再记录或使用，已记录的可在隐私中心“我的请求”中要求删除',
    en: 'The latest 50 product views, until you cancel your account; after a withdrawal nothing more is recorded or used, and you can have what was recorded deleted under "My requests" in the privacy centre',
  },
  atEnd: UNTIL_CANCELLED.atEnd,
});

/** A consent on which nothing is processed (the earlier combined one, kept to be withdrawn). */
export const NOTHING_KEPT: Retention = Object.freeze({
  period: { zh: '不依据本项保存任何信息', en: 'Nothing is kept on this consent' },
  atEnd: { zh: '无需处理', en: 'Nothing to delete' },
});

/** Cross-border: kept at the overseas receiver until the purpose is met or the account is cancelled. */
export const OVERSEAS_RETENTION: Retention = Object.freeze({
  period: {
    zh: '保留在境外接收方，直至传输目的达成或您注销账户两者中较早者',
    en: 'Kept at the overseas receiver until the purpose of the transfer is met or you cancel your account, whichever is earlier',
  },
  atEnd: {
    zh: '我们要求境外接收方删除或匿名化，并记录该要求',
    en: 'We have the overseas receiver delete or anonymise it, and record that we asked',
  },
});

/**
 * The consent proofs and cancellation records this backend keeps after a purge (server/README.md,
 * "What a purge keeps"): pseudonymous, with no end date in the policy or in the code.
 */
export const PROOF_GAP: LocalisedText = Object.freeze({
  zh: '账户存续期间完整保存。注销后，为证明曾取得同意（《个人信息保护法》第十四条）及已按期处理注销，后台以化名保留同意记录与注销申请记录（不含账户、设备标识与注销原因，时间仅保留到日），但政策与系统均未规定其保存期限；请确定期限并在政策中写明。',
  en: 'Kept in full while the account exists. After cancellation the backend keeps the consent records and the cancellation record under a pseudonym, to prove the consent relied on (PIPL art. 14) and that the cancellation was done in time (no account, device id or reason; times cut to the day), but neither the policy nor the system sets how long; decide a period and state it in the policy.',
});

/** The policy's rule for transaction records after cancellation: "within certain period of time", no period given. */
export const TRANSACTION_GAP: LocalisedText = Object.freeze({
  zh: '政策称注销账户后为履行法定义务，在“一定时间内”保留交易、支付、物流、退换货与售后信息，但未写明期限及其到期后的处理；请在下一版本中写明期限与法律依据。',
  en: 'The policy says transaction, payment, logistics, return and after-sales information is kept "within certain period of time" after cancellation to meet legal obligations, but states no period or what happens at its end; state the period and its legal basis in the next version.',
});
