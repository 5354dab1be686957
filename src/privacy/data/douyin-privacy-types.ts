/**
 * Douyin's 《小程序用户隐私保护协议》: the information types its form offers ("添加信息类型"), which
 * of WeChat's privacy-guide data types each one answers, and the Douyin calls the module makes for
 * each capability. The Douyin part of the privacy-guide checklist is derived from the WeChat
 * checklist through these tables, so an app's purposes are typed once.
 *
 * Sources (read 2026-12):
 * - Information types: the table "个人信息与隐私接口的对应关系" of
 *   https://developer.open-douyin.com/docs/resource/zh-CN/mini-app/open-capacity/basic-capacities/privacy-agreement
 *   (用户头像、昵称 / 手机号 / 拨打电话 / 通讯地址 / 地理位置 / 剪切板 / 日历 / 麦克风 / 相机 / 相册 /
 *   人脸识别 / 加速度计 / 罗盘 / 陀螺仪 / WIFI状态 / 抖音账号数据 / 钱包实名认证). The copy read ends at
 *   钱包实名认证 and names no Bluetooth type.
 * - Bluetooth: https://developer.open-douyin.com/docs/resource/zh-CN/mini-app/develop/api/device/bluetooth/tt-open-bluetooth
 *   lists error 186679 "api scope is not declared in the privacy agreement" (and 186680 "privacy
 *   permission is not authorized") for tt.openBluetoothAdapter since base library 3.87.0: the call is
 *   gated by the agreement although the agreement's type list names no Bluetooth.
 * - Clipboard: https://developer.open-douyin.com/docs/resource/zh-CN/mini-app/develop/api/device/pasting-board/tt-set-clipboard-data
 *   (error 104179, undeclared clipboard). The error number differs per API; the errMsg is the same.
 * - Scopes: https://developer.open-douyin.com/docs/resource/zh-CN/mini-app/develop/tutorial/open-capabilities/general-capabilities/user-authorization
 *   (scope.userLocation, scope.camera, …; there is no Bluetooth scope).
 * Pure data.
 */
import type { Capability } from '../domain/contract';
import type { LocalisedText, PrivacyDataTypeKey } from '../domain/permission-types';
import { capabilityDefinition } from '../domain/capabilities';

/** The information types of Douyin's agreement form, in the order Douyin lists them. */
export const DOUYIN_INFO_TYPES = Object.freeze({
  'user-info': Object.freeze({ zh: '用户头像、昵称', en: 'Avatar and nickname' }),
  'phone-number': Object.freeze({ zh: '手机号', en: 'Phone number' }),
  'phone-call': Object.freeze({ zh: '拨打电话', en: 'Phone calls' }),
  address: Object.freeze({ zh: '通讯地址', en: 'Postal address' }),
  location: Object.freeze({ zh: '地理位置', en: 'Location' }),
  clipboard: Object.freeze({ zh: '剪切板', en: 'Clipboard' }),
  calendar: Object.freeze({ zh: '日历', en: 'Calendar' }),
  microphone: Object.freeze({ zh: '麦克风', en: 'Microphone' }),
  camera: Object.freeze({ zh: '相机', en: 'Camera' }),
  album: Object.freeze({ zh: '相册', en: 'Photo album' }),
  'face-recognition': Object.freeze({ zh: '人脸识别', en: 'Face recognition' }),
  accelerometer: Object.freeze({ zh: '加速度计', en: 'Accelerometer' }),
  compass: Object.freeze({ zh: '罗盘', en: 'Compass' }),
  gyroscope: Object.freeze({ zh: '陀螺仪', en: 'Gyroscope' }),
  wifi: Object.freeze({ zh: 'WIFI状态', en: 'Wi-Fi status' }),
  'douyin-account': Object.freeze({ zh: '抖音账号数据', en: 'Douyin account data' }),
  'wallet-verification': Object.freeze({ zh: '钱包实名认证', en: 'Wallet real-name verification' }),
} satisfies Record<string, LocalisedText>);

/** One information type of Douyin's agreement form. */
export type DouyinInfoType = keyof typeof DOUYIN_INFO_TYPES;

/**
 * The Douyin type that answers each WeChat data type; absent where Douyin's list has none (then
 * the checklist says so, and ops check the form). Only pairs both platforms' lists name alike.
 */
export const DOUYIN_TYPE_OF_WECHAT: Readonly<Partial<Record<PrivacyDataTypeKey, DouyinInfoType>>> = Object.freeze({
  UserInfo: 'user-info',
  PhoneNumber: 'phone-number',
  Address: 'address',
  Location: 'location',
  Clipboard: 'clipboard',
  CalendarWriteOnly: 'calendar',
  Record: 'microphone',
  Camera: 'camera',
  Album: 'album',
  AlbumWriteOnly: 'album',
  Accelerometer: 'accelerometer',
  Compass: 'compass',
  Gyroscope: 'gyroscope',
});

/**
 * What the module calls on Douyin for a capability, from its registry entry (domain/capabilities.ts
 * `tt`): the scope (null: Douyin has none) and the gated API or component.
 */
export function douyinCapabilityCalls(capability: Capability): { scope: string | null; apis: string[] } {
  const { tt } = capabilityDefinition(capability);
  return { scope: tt.scope, apis: [...(tt.api ? [`tt.${tt.api}`] : []), ...(tt.component ? [`<${tt.component}>`] : [])] };
}

/** Why a WeChat data type has no Douyin type to add, when the reason is known. */
export const DOUYIN_TYPE_NOTES: Readonly<Partial<Record<PrivacyDataTypeKey, LocalisedText>>> = Object.freeze({
  BlueTooth: Object.freeze({
    zh: '抖音隐私协议的信息类型列表中没有蓝牙，抖音也没有蓝牙授权 scope；但 tt.openBluetoothAdapter 的文档列出错误 186679（api scope is not declared in the privacy agreement）。若表单中有蓝牙类型，请添加并填写此用途；若没有，生成协议后在真机上试用此功能，仍报 186679 时向抖音开放平台提交工单。',
    en: "Douyin's agreement lists no Bluetooth information type and Douyin has no Bluetooth scope, yet tt.openBluetoothAdapter documents error 186679 (api scope is not declared in the privacy agreement). If the form offers a Bluetooth type, add it with this purpose; if not, try this feature on a phone once the agreement is generated, and open a ticket with Douyin if it still fails with 186679.",
  }),
});

/** Said of a WeChat data type Douyin's list has no type for, when no particular note applies. */
export const DOUYIN_NO_TYPE_NOTE: LocalisedText = Object.freeze({
  zh: '抖音隐私协议的信息类型列表中没有对应的类型：请在表单中查找最接近的类型；若没有，在本小程序的隐私政策中写明。',
  en: "Douyin's agreement lists no matching information type: look for the nearest type in the form; if there is none, state it in the mini-program's own privacy policy.",
});

/**
 * The module's own features that call a gated Douyin API outside the capabilities, by that API,
 * named as their pages name them (the names are checked against the pages' texts in the tests).
 * On Douyin the export is copied (tt.setClipboardData): Douyin has no shareFileMessage.
 */
export const DOUYIN_MODULE_FEATURES: Readonly<Record<string, readonly { id: string; name: LocalisedText }[]>> = Object.freeze({
  'tt.setClipboardData': Object.freeze([
    Object.freeze({ id: 'data-export', name: Object.freeze({ zh: '下载我的数据副本 › 复制全部', en: 'Download a copy of my data › Copy all' }) }),
    Object.freeze({ id: 'contact-copy', name: Object.freeze({ zh: '联系我们 › 复制邮箱地址', en: 'Contact us › Copy the e-mail address' }) }),
  ]),
});
