/**
 * What this server holds about a shopper, by row of the shop's collection list: where each row's
 * data is in the export (JSON Pointers into the export file), or why the server holds none. A row
 * of the list in force that is named in neither table is one this server keeps nothing under (it
 * has no table for it): the export says so, and never that its data was not collected.
 */
import type { ConsentPurpose } from '@maison/privacy/contract';

/** Export parts per collection-list row. Every table of the server that holds personal data is reached from here. */
export const HELD_ROWS: Readonly<Record<string, readonly string[]>> = Object.freeze({
  // The account number the server gives a WeChat user, its login platform, the keyed hash it keeps
  // of the openid (not the openid), and when the account was created and last signed in. For a
  // Douyin account the hash is at /profile/douyinIdHash (`heldRowsOf`).
  'wechat-identifiers': ['/profile/userId', '/profile/platform', '/profile/wechatIdHash', '/profile/createdAt', '/profile/lastLoginAt'],
  // The account nickname the shopper gave, and the account's sign-ins.
  'online-identifiers': ['/profile/nickname', '/sessions'],
  // The mobile number the shopper gave.
  registration: ['/profile/phone', '/profile/profileUpdatedAt'],
  // The contact details given (the mobile number); the marketing consent itself is an authorisation record.
  marketing: ['/profile/phone'],
  'authorisation-records': ['/consents'],
  'account-cancellation': ['/cancellationRequests'],
  // Warranty registrations (the card's serial number and the warranty choice).
  'after-sales': ['/app/warranties'],
  // Products the shopper opened, kept only while the personalisation consent holds.
  personalisation: ['/app/productViews'],
  'browsing-records': ['/app/productViews'],
  // 14–17: the guardian's confirmation (its time, the keyed hash kept instead of the number); the birth date is neither kept nor sent.
  'age-verification': ['/guardianConfirmations'],
});

/** Where the export of an account on `platform` holds each row's data: a Douyin account's openid hash is `douyinIdHash`. */
export function heldRowsOf(platform: 'weapp' | 'tt'): Readonly<Record<string, readonly string[]>> {
  if (platform === 'weapp') return HELD_ROWS;
  return Object.fromEntries(Object.entries(HELD_ROWS).map(([row, parts]) => [row, parts.map((p) => (p === '/profile/wechatIdHash' ? '/profile/douyinIdHash' : p))]));
}

/** Parts of the export no row of the list covers: the request desk's requests (a gap of the list). */
export const NOT_ON_LIST: readonly string[] = Object.freeze(['/rightsRequests']);

type Why = { where: 'phone-only' | 'used-not-kept' | 'not-collected'; why: { zh: string; en: string } };

const USED_NOT_KEPT = (zh: string, en: string): Why => ({ where: 'used-not-kept', why: { zh, en } });

/** Rows this server holds nothing under, and why (true of this mini-program's code). */
export const NOT_HELD_ROWS: Readonly<Record<string, Why>> = Object.freeze({
  location: USED_NOT_KEPT('模糊位置仅在本机用于查找附近的专卖店，不发送到服务器。', 'Your approximate location is used on your phone to find a nearby boutique and is not sent to the server.'),
  camera: USED_NOT_KEPT('相机画面仅在本机读取保修卡二维码，不发送；登记的卡号见“售后服务与预约”。', 'Camera images are read on your phone for the warranty card code and not sent; the registered number is under after-sales.'),
  bluetooth: USED_NOT_KEPT('蓝牙仅在本机用于到店签到，不发送到服务器。', 'Bluetooth is used on your phone to check in at a boutique and nothing of it is sent to the server.'),
  payment: USED_NOT_KEPT('退款时填写的银行账号仅随该次请求发送，服务器不保存。', 'A bank account given for a refund is sent with that request only and not kept by the server.'),
  'sensitive-financial': USED_NOT_KEPT('退款时填写的银行账号仅随该次请求发送，服务器不保存。', 'A bank account given for a refund is sent with that request only and not kept by the server.'),
  profiling: USED_NOT_KEPT('推荐在每次请求时由您的商品浏览记录得出，不保存画像。', 'Recommendations are worked out from your product views at each request; no profile of you is kept.'),
  'device-and-usage': USED_NOT_KEPT('页面访问统计不带账户发送，服务器不保存。', 'Page visit counts are sent without your account and not kept by the server.'),
});

/** Why the server holds nothing under a row named in neither table. */
export const NOT_ON_SERVER: Why['why'] & object = Object.freeze({
  zh: '本小程序的服务器不保存此类信息；卡地亚的其他渠道（专卖店、电话、网站）可能持有，可通过“我的请求”查询。',
  en: "This mini-program's server keeps nothing of this kind; Cartier's other channels (boutiques, phone, website) may hold some: ask through My requests.",
});

/** Rows whose records here have a separate consent as their only basis: deleted when it is withdrawn (PIPL art. 47(3)). */
export const CONSENT_ONLY_ROWS: Readonly<Record<string, ConsentPurpose>> = Object.freeze({
  personalisation: 'personalisation',
  'browsing-records': 'personalisation',
});
