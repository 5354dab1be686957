/**
 * WeChat's privacy-gated interfaces, kept as data for the `wx` double.
 *
 * Source: "小程序用户隐私保护指引内容介绍" and the privacy development guide
 * (https://developers.weixin.qq.com/miniprogram/dev/framework/user-privacy/PrivacyAuthorize.html):
 * each information type the admin-console privacy guide can declare, with the interfaces, scopes and
 * components WeChat holds until the user agreed to the guide. Components (`<camera>`, buttons) are
 * listed under their referrer names (`button.getPhoneNumber`) for completeness.
 */

/** One information type of WeChat's privacy guide and the interfaces it gates. */
export interface PrivacyInfoType {
  /** Stable key used by the double's `privacyGuide` option. */
  readonly key: string;
  /** The wording of the admin console. */
  readonly label: string;
  /** `wx.*` interfaces held until the user agreed. */
  readonly apis: readonly string[];
  /** `scope.*` values whose `wx.authorize` is held until the user agreed. */
  readonly scopes: readonly string[];
  /** Components / buttons (referrer names), informational. */
  readonly components: readonly string[];
}

/** WeChat's privacy information types, as listed in the privacy guide. */
export const PRIVACY_INFO_TYPES: readonly PrivacyInfoType[] = Object.freeze([
  { key: 'userInfo', label: '收集你的昵称、头像', apis: ['getUserInfo', 'getUserProfile'], scopes: [], components: ['button.chooseAvatar', 'input.nickname', 'button.getUserInfo'] },
  { key: 'location', label: '收集你的位置信息', apis: ['getLocation', 'getFuzzyLocation', 'startLocationUpdate', 'startLocationUpdateBackground'], scopes: ['scope.userLocation', 'scope.userLocationBackground', 'scope.userFuzzyLocation'], components: [] },
  { key: 'choosePoi', label: '收集你选择的位置信息', apis: ['choosePoi', 'chooseLocation'], scopes: [], components: [] },
  { key: 'address', label: '收集你的地址', apis: ['chooseAddress'], scopes: [], components: [] },
  { key: 'invoice', label: '收集你的发票信息', apis: ['chooseInvoiceTitle', 'chooseInvoice'], scopes: [], components: [] },
  { key: 'weRun', label: '收集你的微信运动步数', apis: ['getWeRunData'], scopes: ['scope.werun'], components: [] },
  { key: 'phoneNumber', label: '收集你的手机号', apis: [], scopes: [], components: ['button.getPhoneNumber', 'button.getRealtimePhoneNumber'] },
  { key: 'licensePlate', label: '收集你的车牌号', apis: ['chooseLicensePlate'], scopes: [], components: [] },
  { key: 'album', label: '收集你选中的照片或视频信息', apis: ['chooseImage', 'chooseMedia', 'chooseVideo'], scopes: [], components: [] },
  { key: 'messageFile', label: '收集你选中的文件', apis: ['chooseMessageFile'], scopes: [], components: [] },
  { key: 'record', label: '访问你的麦克风', apis: ['startRecord', 'joinVoIPChat'], scopes: ['scope.record'], components: ['RecorderManager.start', 'live-pusher'] },
  { key: 'camera', label: '访问你的摄像头', apis: ['createVKSession'], scopes: ['scope.camera'], components: ['camera', 'live-pusher', 'voip-room'] },
  { key: 'bluetooth', label: '访问你的蓝牙', apis: ['openBluetoothAdapter', 'createBLEPeripheralServer'], scopes: ['scope.bluetooth'], components: [] },
  { key: 'albumWriteOnly', label: '使用你的相册（仅写入）权限', apis: ['saveImageToPhotosAlbum', 'saveVideoToPhotosAlbum'], scopes: ['scope.writePhotosAlbum'], components: [] },
  { key: 'contact', label: '使用你的通讯录（仅写入）权限', apis: ['addPhoneContact'], scopes: ['scope.addPhoneContact'], components: [] },
  { key: 'calendar', label: '使用你的日历（仅写入）权限', apis: ['addPhoneRepeatCalendar', 'addPhoneCalendar'], scopes: ['scope.addPhoneCalendar'], components: [] },
  { key: 'clipboard', label: '读取你的剪切板', apis: ['getClipboardData', 'setClipboardData'], scopes: [], components: [] },
].map((t) => Object.freeze({ ...t, apis: Object.freeze(t.apis), scopes: Object.freeze(t.scopes), components: Object.freeze(t.components) })));

/** Every `wx.*` interface WeChat holds until privacy agreement (excluding `authorize`, gated per scope). */
export const PRIVACY_GATED_APIS: readonly string[] = Object.freeze(PRIVACY_INFO_TYPES.flatMap((t) => t.apis));

/** Every `scope.*` whose `wx.authorize` is privacy-gated. */
export const PRIVACY_GATED_SCOPES: readonly string[] = Object.freeze(PRIVACY_INFO_TYPES.flatMap((t) => t.scopes));

/**
 * Interfaces that must be listed in app.json `requiredPrivateInfos` (WeChat, since 2022-07-14:
 * https://developers.weixin.qq.com/miniprogram/dev/reference/configuration/app.html#requiredPrivateInfos).
 */
export const REQUIRED_PRIVATE_INFOS_APIS: readonly string[] = Object.freeze([
  'getFuzzyLocation', 'getLocation', 'onLocationChange', 'startLocationUpdate', 'startLocationUpdateBackground',
  'chooseAddress', 'choosePoi', 'chooseLocation',
]);

/** The privacy information type a gated API or scope belongs to, or undefined when not gated. */
export function privacyInfoTypeOf(apiOrScope: string, types: readonly PrivacyInfoType[] = PRIVACY_INFO_TYPES): PrivacyInfoType | undefined {
  return types.find((t) => t.apis.includes(apiOrScope) || t.scopes.includes(apiOrScope) || t.components.includes(apiOrScope));
}

/** Privacy-gated components and buttons, by referrer name (`camera`, `button.getPhoneNumber`). */
export const PRIVACY_GATED_COMPONENTS: readonly string[] = Object.freeze(PRIVACY_INFO_TYPES.flatMap((t) => t.components));

/** True when this `wx` call or component use (name and first argument) is held by WeChat's privacy framework. */
export function isPrivacyGatedCall(name: string, firstArg?: unknown, types: readonly PrivacyInfoType[] = PRIVACY_INFO_TYPES): boolean {
  if (name === 'authorize') {
    const scope = (firstArg as { scope?: unknown } | undefined)?.scope;
    return typeof scope === 'string' && types.some((t) => t.scopes.includes(scope));
  }
  return types.some((t) => t.apis.includes(name) || t.components.includes(name));
}
