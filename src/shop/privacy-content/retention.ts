/**
 * How long the shop keeps what it collects, in the 2023-12 policy's own terms ("Retention" and
 * "Deletion and account cancellation" under "Your choices"; "Cross-border transfers"). The policy
 * gives no period in days or years: where it is silent about a period the law requires, the
 * content declares a gap (shown to ops in the console) instead of inventing one.
 */
import type { KeptAfterCancellation, LocalisedText, Retention } from '@maison/privacy/config';

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

/**
 * The age step and a guardian's confirmation: what the app and its backend keep of them
 * (`AGE_REFUSAL_DAYS` on the device; server/README.md, "Guardian confirmation").
 */
export const AGE_CHECK_RETENTION: Retention = Object.freeze({
  period: {
    zh: '出生年月不保存：仅在您的手机上用于判断年龄段。未满14周岁时，本机只保存“因年龄未能注册”及当天日期，保存30天。监护人手机号码本身不保存：我们只保存用密钥计算的散列值及确认时间；确认未完成的，一天后删除；完成的，作为监护人同意的证明随账户保存。',
    en: 'Your year and month of birth are not kept: they are used on your phone to tell your age band. Under 14, your phone keeps only that membership was refused for age and the day, for 30 days. The guardian’s mobile number itself is not kept: we keep only a hash of it computed with a secret key, with the time of the confirmation; a confirmation not completed is deleted after a day, a completed one is kept with the account as proof of the guardian’s consent.',
  },
  atEnd: {
    zh: '未满14周岁的记录在30天后您下次打开小程序时删除；注销账户后，监护人确认记录与账户的关联被删除，散列值与时间仍保留，政策与系统均未规定其保存期限。',
    en: 'The under-14 record is deleted the next time you open the mini-program after the 30 days; when the account is cancelled, the link between the guardian’s confirmation and the account is deleted, while the hash and the time stay, for a period neither the policy nor the system sets.',
  },
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

/** Neither the policy nor the system sets a period for what a purge keeps (server/README.md, "What a purge keeps"). */
const NO_PERIOD_SET: LocalisedText = Object.freeze({
  zh: '隐私政策没有规定保存期限，系统目前也不会自动删除：在我们确定并公布期限之前，一直保存。',
  en: 'The privacy policy sets no period, and the system does not delete them by itself yet: they are kept until we set and publish a period.',
});

/** What a keyed pseudonym is, and is not (PIPL art. 73(3), (4)). */
const PSEUDONYMISED: LocalisedText = Object.freeze({
  zh: '这是去标识化，而非匿名化：我们持有密钥，知道您的账户标识时仍能找到这些记录，因此它们仍属于您的个人信息（《个人信息保护法》第七十三条）。',
  en: 'This is pseudonymisation, not anonymisation: we hold the key, and given your account id we can still find them, so they remain your personal information (PIPL art. 73).',
});

const both = (a: LocalisedText, b: LocalisedText): LocalisedText => ({ zh: `${a.zh}${b.zh}`, en: `${a.en} ${b.en}` });

/**
 * What this shop's backend still holds of a cancelled account, as its purge leaves it
 * (server/README.md, "What a purge keeps, and how it is keyed"; "Deletion notices to the overseas
 * receiver"), each with why and for how long; the cancellation page lists them before the shopper
 * asks. Where the 2023-12 policy gives no period none is invented: the text says none is set.
 */
export const AFTER_CANCELLATION: readonly KeptAfterCancellation[] = Object.freeze([
  {
    id: 'consent-records',
    category: {
      zh: '您的授权与同意记录：您对隐私政策、各项单独同意及系统权限作出的每一次选择（选择内容、政策版本、日期）',
      en: 'Your authorisation and consent records: each choice you made on the privacy policy, the separate consents and the system permissions (the choice, the policy version, the day)',
    },
    form: both(
      {
        zh: '账户与设备标识换成用密钥计算的化名，时间只保留到日期，不保留记录编号。',
        en: 'Your account and device ids are replaced by pseudonyms computed with a secret key, times are kept to the day only and the record ids are dropped.',
      },
      PSEUDONYMISED,
    ),
    basis: {
      zh: '证明我们处理您的个人信息时取得了您的同意，以及您的撤回何时生效（《个人信息保护法》第十四条）；如发生争议，需由我们证明自己没有过错（第六十九条）。',
      en: 'To prove that we had your consent when we processed your personal information, and when your withdrawals took effect (PIPL art. 14); in a dispute it is for us to prove we were not at fault (art. 69).',
    },
    period: NO_PERIOD_SET,
  },
  {
    id: 'cancellation-record',
    category: {
      zh: '您的注销申请记录（含此前撤销的申请）：申请、冷静期结束、截止、撤销、开始处理与完成的时间和状态',
      en: 'The records of your cancellation requests (earlier ones you undid included): when each was requested, its cooling-off end, deadline, any undo, when processing started and ended, and its status',
    },
    form: both(
      { zh: '不含注销原因与账户标识，以另一个密钥化名保存（与同意记录的化名不同）。', en: 'Without the reason or your account id, under another keyed pseudonym (not the one of the consent records).' },
      PSEUDONYMISED,
    ),
    basis: {
      zh: '证明您的删除请求已依法处理，并在承诺期限内完成（《个人信息保护法》第四十七条、第五十条）。',
      en: 'To prove that your request to delete was handled as the law requires, within the time we promised (PIPL arts. 47, 50).',
    },
    period: NO_PERIOD_SET,
  },
  {
    id: 'overseas-deletion-notice',
    category: {
      zh: '仅当您曾同意个人信息出境时：我们通知境外接收方删除的记录（记录时间、尝试次数与最近一次尝试的时间、对方确认删除的时间）',
      en: 'Only if you ever agreed to the transfer abroad: the record of our notice to the overseas recipient to delete (when it was recorded, how many attempts and when the last was made, when the recipient confirmed)',
    },
    form: {
      zh: '以注销记录的化名保存；境外接收方确认删除后，我们不再保留对方用以识别您的编号。',
      en: 'Under the cancellation record’s pseudonym; once the recipient confirms, we no longer keep the id it knew you by.',
    },
    basis: {
      zh: '证明我们已促使境外接收方删除您的个人信息（隐私政策“跨境传输”与“您的选择—保留”；《个人信息保护法》第三十八条、第四十七条）。',
      en: 'To prove that we had the overseas recipient delete your personal information (the policy’s “Cross-border transfers” and “Your choices – Retention”; PIPL arts. 38, 47).',
    },
    period: NO_PERIOD_SET,
  },
  {
    id: 'sign-in-records',
    category: {
      zh: '您的登录记录：各次登录令牌的哈希值，及其创建、到期、结束和账户删除的时间',
      en: 'Your sign-in records: the hash of each sign-in token, with when it was made, expires, ended and when the account was deleted',
    },
    form: { zh: '不含账户标识。', en: 'Without your account id.' },
    basis: {
      zh: '您在其他设备上再次打开本小程序时，告诉该设备账户已注销，使其清除本机保存的数据（《个人信息保护法》第四十七条）。',
      en: 'So that another phone of yours, opening the mini-program again, is told the account is gone and clears what it holds (PIPL art. 47).',
    },
    period: NO_PERIOD_SET,
  },
  {
    id: 'transactions',
    category: {
      zh: '交易、支付、物流、退换货与售后服务记录',
      en: 'Transaction, payment, logistics, returns and after-sales records',
    },
    basis: {
      zh: '隐私政策称，为履行适用法律法规规定的义务，注销后“一定时间内”可能保留这类记录（“您的选择—删除和注销账户”）。',
      en: 'The policy says such records may be kept “within certain period of time” after cancellation to meet legal obligations (“Your choices – Deletion and account cancellation”).',
    },
    period: {
      zh: '隐私政策没有写明期限。本小程序的后台不保存订单、支付、物流或退款记录；您登记的保修卡在注销时一并删除。因此本次注销不会保留此类信息。',
      en: 'The policy states no period. This mini-program’s backend stores no order, payment, logistics or refund records; the warranty cards you registered are deleted with the account. So this cancellation keeps none.',
    },
  },
  {
    id: 'backups',
    category: {
      zh: '注销前的数据库备份',
      en: 'Database backups made before the cancellation',
    },
    basis: {
      zh: '如运维对数据库做了备份，注销前的备份中仍有您的信息，用于数据丢失后的恢复（隐私政策“保护您的信息”）。',
      en: 'If our operators back up the database, backups made before the cancellation still hold your information, for recovery after a loss (the policy’s “Protecting your information”).',
    },
    period: {
      zh: '隐私政策没有规定备份的保存期限，本系统也没有设定：备份被删除之前，其中的信息一直保留。',
      en: 'The policy sets no period for backups, and this system sets none: the information stays in a backup until the backup is deleted.',
    },
  },
]);
