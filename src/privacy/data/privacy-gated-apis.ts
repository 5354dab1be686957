/**
 * WeChat's privacy-gated APIs and components, each with the user-information type it touches.
 * Source: WeChat's "小程序用户隐私保护指引内容介绍" table (隐私接口与对应的处理的信息关系), linked from
 * "小程序隐私协议开发指南"; data-type keys and labels from the privacy-guide settings (privacy_key).
 * A gated API fails with errno 112 unless its data type is declared in the admin console, and
 * waits for the privacy agreement (onNeedPrivacyAuthorization) when the shopper has not agreed.
 */
import type { GatedApiKind, LocalisedText, PrivacyDataTypeKey, PrivacyGatedApi } from '../domain/permission-types';

/** Labels of the privacy-guide data types, as the admin console shows them. */
export const PRIVACY_DATA_TYPES: Readonly<Record<PrivacyDataTypeKey, LocalisedText>> = Object.freeze({
  UserInfo: Object.freeze({ zh: '用户信息（微信昵称、头像）', en: 'User info (WeChat nickname, avatar)' }),
  Location: Object.freeze({ zh: '位置信息', en: 'Location' }),
  ChooseLocation: Object.freeze({ zh: '选择的位置信息', en: 'Chosen location' }),
  Address: Object.freeze({ zh: '地址', en: 'Address' }),
  Invoice: Object.freeze({ zh: '发票信息', en: 'Invoice details' }),
  RunData: Object.freeze({ zh: '微信运动步数', en: 'WeRun step count' }),
  PhoneNumber: Object.freeze({ zh: '手机号', en: 'Phone number' }),
  LicensePlate: Object.freeze({ zh: '车牌号', en: 'Licence plate' }),
  Album: Object.freeze({ zh: '选中的照片或视频信息', en: 'Selected photos or videos' }),
  MessageFile: Object.freeze({ zh: '选中的文件', en: 'Selected files' }),
  Record: Object.freeze({ zh: '麦克风', en: 'Microphone' }),
  Camera: Object.freeze({ zh: '摄像头', en: 'Camera' }),
  BlueTooth: Object.freeze({ zh: '蓝牙', en: 'Bluetooth' }),
  AlbumWriteOnly: Object.freeze({ zh: '相册（仅写入）权限', en: 'Photo album (write only)' }),
  Contact: Object.freeze({ zh: '通讯录（仅写入）权限', en: 'Contacts (write only)' }),
  CalendarWriteOnly: Object.freeze({ zh: '日历（仅写入）权限', en: 'Calendar (write only)' }),
  Accelerometer: Object.freeze({ zh: '加速传感器', en: 'Accelerometer' }),
  Compass: Object.freeze({ zh: '磁场传感器', en: 'Compass' }),
  DeviceMotion: Object.freeze({ zh: '方向传感器', en: 'Device orientation' }),
  Gyroscope: Object.freeze({ zh: '陀螺仪传感器', en: 'Gyroscope' }),
  Clipboard: Object.freeze({ zh: '剪切板', en: 'Clipboard' }),
  DeviceInfo: Object.freeze({ zh: '设备信息', en: 'Device information' }),
  Email: Object.freeze({ zh: '邮箱', en: 'Email' }),
  EXIDNumber: Object.freeze({ zh: '身份证号码', en: 'ID card number' }),
  EXOrderInfo: Object.freeze({ zh: '订单信息', en: 'Order information' }),
  EXUserPublishContent: Object.freeze({ zh: '发布内容', en: 'Published content' }),
  EXUserFollowAcct: Object.freeze({ zh: '所关注账号', en: 'Followed accounts' }),
  EXUserOpLog: Object.freeze({ zh: '操作日志', en: 'Operation log' }),
});

type Row = readonly [kind: GatedApiKind, name: string, dataType: PrivacyDataTypeKey, withdrawn?: boolean];

const ROWS = [
  ['open-type', 'chooseAvatar', 'UserInfo'],
  ['input-type', 'nickname', 'UserInfo'],
  ['api', 'getUserInfo', 'UserInfo', true],
  ['api', 'getUserProfile', 'UserInfo', true],
  ['open-type', 'userInfo', 'UserInfo', true],
  ['authorize-scope', 'scope.userLocation', 'Location'],
  ['authorize-scope', 'scope.userLocationBackground', 'Location'],
  ['authorize-scope', 'scope.userFuzzyLocation', 'Location'],
  ['api', 'getLocation', 'Location'],
  ['api', 'startLocationUpdate', 'Location'],
  ['api', 'startLocationUpdateBackground', 'Location'],
  ['api', 'getFuzzyLocation', 'Location'],
  ['method', 'MapContext.moveToLocation', 'Location'],
  ['api', 'choosePoi', 'ChooseLocation'],
  ['api', 'chooseLocation', 'ChooseLocation'],
  ['api', 'chooseAddress', 'Address'],
  ['api', 'chooseInvoiceTitle', 'Invoice'],
  ['api', 'chooseInvoice', 'Invoice'],
  ['authorize-scope', 'scope.werun', 'RunData'],
  ['api', 'getWeRunData', 'RunData'],
  ['open-type', 'getPhoneNumber', 'PhoneNumber'],
  ['open-type', 'getRealtimePhoneNumber', 'PhoneNumber'],
  ['api', 'chooseLicensePlate', 'LicensePlate'],
  ['api', 'chooseImage', 'Album'],
  ['api', 'chooseMedia', 'Album'],
  ['api', 'chooseVideo', 'Album'],
  ['api', 'chooseMessageFile', 'MessageFile'],
  ['authorize-scope', 'scope.record', 'Record'],
  ['api', 'startRecord', 'Record'],
  ['method', 'RecorderManager.start', 'Record'],
  ['component', 'live-pusher', 'Record'],
  ['api', 'joinVoIPChat', 'Record'],
  ['authorize-scope', 'scope.camera', 'Camera'],
  ['api', 'createVKSession', 'Camera'],
  ['component', 'camera', 'Camera'],
  ['component', 'live-pusher', 'Camera'],
  ['component', 'voip-room', 'Camera'],
  ['authorize-scope', 'scope.bluetooth', 'BlueTooth'],
  ['api', 'openBluetoothAdapter', 'BlueTooth'],
  ['api', 'createBLEPeripheralServer', 'BlueTooth'],
  ['authorize-scope', 'scope.writePhotosAlbum', 'AlbumWriteOnly'],
  ['api', 'saveImageToPhotosAlbum', 'AlbumWriteOnly'],
  ['api', 'saveVideoToPhotosAlbum', 'AlbumWriteOnly'],
  ['authorize-scope', 'scope.addPhoneContact', 'Contact'],
  ['api', 'addPhoneContact', 'Contact'],
  ['authorize-scope', 'scope.addPhoneCalendar', 'CalendarWriteOnly'],
  ['api', 'addPhoneRepeatCalendar', 'CalendarWriteOnly'],
  ['api', 'addPhoneCalendar', 'CalendarWriteOnly'],
  ['api', 'startAccelerometer', 'Accelerometer'],
  ['api', 'startCompass', 'Compass'],
  ['api', 'startDeviceMotionListening', 'DeviceMotion'],
  ['api', 'startGyroscope', 'Gyroscope'],
  ['api', 'setClipboardData', 'Clipboard'],
  ['api', 'getClipboardData', 'Clipboard'],
] as const satisfies readonly Row[];

/** The display id `gatedApiId` makes of a row's kind and name, as a type. */
type IdOf<Kind, Name extends string> = Kind extends 'api'
  ? `wx.${Name}`
  : Kind extends 'authorize-scope'
    ? `wx.authorize:${Name}`
    : Kind extends 'component'
      ? `<${Name}>`
      : Kind extends 'open-type'
        ? `<button open-type="${Name}">`
        : Kind extends 'input-type'
          ? `<input type="${Name}">`
          : Name;

/**
 * The id of a privacy-gated API or component, as a permission catalogue's `gatedApis` names it:
 * `wx.getFuzzyLocation`, `wx.authorize:scope.camera`, `<camera>`, `<button open-type="getPhoneNumber">`,
 * `<input type="nickname">`, `RecorderManager.start`.
 */
export type PrivacyGatedApiId = IdOfRow<(typeof ROWS)[number]>;
/** A row's id, row by row (distributed over the union of rows, so no kind is paired with another row's name). */
type IdOfRow<R> = R extends readonly [infer K, infer N extends string, ...unknown[]] ? IdOf<K, N> : never;

/** Display id of a gated entry: `wx.getFuzzyLocation`, `wx.authorize:scope.camera`, `<camera>`, … */
export function gatedApiId(kind: GatedApiKind, name: string): string {
  switch (kind) {
    case 'api':
      return `wx.${name}`;
    case 'authorize-scope':
      return `wx.authorize:${name}`;
    case 'component':
      return `<${name}>`;
    case 'open-type':
      return `<button open-type="${name}">`;
    case 'input-type':
      return `<input type="${name}">`;
    case 'method':
      return name;
  }
}

/** Every privacy-gated API and component, one entry per (id, data type). */
export const PRIVACY_GATED_APIS: readonly PrivacyGatedApi[] = Object.freeze(
  ROWS.map(([kind, name, dataType, withdrawn]) =>
    Object.freeze({ id: gatedApiId(kind, name), kind, name, dataType, ...(withdrawn ? { withdrawn } : {}) }),
  ),
);

/** Every id of `PRIVACY_GATED_APIS`, once each, in WeChat's table order. */
export const PRIVACY_GATED_API_IDS: readonly PrivacyGatedApiId[] = Object.freeze([...new Set(PRIVACY_GATED_APIS.map((a) => a.id as PrivacyGatedApiId))]);

/** Bare names of the gated `wx.*` functions, for the consent gate and the call-log assertions. */
export const PRIVACY_GATED_API_NAMES: readonly string[] = Object.freeze(
  PRIVACY_GATED_APIS.filter((a) => a.kind === 'api').map((a) => a.name),
);

/** True when calling `wx.<name>` needs the privacy agreement (and its data type declared). */
export function isPrivacyGatedApi(name: string): boolean {
  return PRIVACY_GATED_API_NAMES.includes(name);
}

/** True when the call `wx.<api>(options)` is privacy-gated (`authorize` counts for the gated scopes only). */
export function isPrivacyGatedCall(api: string, options?: unknown): boolean {
  if (api === 'authorize') {
    const scope = typeof options === 'object' && options !== null ? (options as { scope?: unknown }).scope : undefined;
    return PRIVACY_GATED_APIS.some((a) => a.kind === 'authorize-scope' && a.name === scope);
  }
  return isPrivacyGatedApi(api);
}
