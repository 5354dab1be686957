/**
 * PermissionPlatformPort on WeChat. Every call goes through success/fail callbacks, which work
 * the same on raw `wx` and on Taro: Taro promisifies authorize/getSetting/openSetting/
 * openBluetoothAdapter/getFuzzyLocation, passes openAppAuthorizeSetting straight to wx (typed
 * as a Promise, but not wrapped), and getAppAuthorizeSetting/getSystemSetting are synchronous.
 */
import { capabilityDefinition } from '../domain/capabilities';
import Taro from '@tarojs/taro';
import type { Capability } from '../domain/contract';
import type { OsLayer } from '../domain/permission';
import {
  parseAppAuthorization,
  parseAuthSetting,
  parseCoordinates,
  parseSystemSwitch,
  readNativeFailure,
  type Coordinates,
} from '../domain/permission-native';
import type { PermissionScope } from '../domain/permission-types';
import { PermissionCallError, type PermissionPlatformPort } from '../ports';

/** success/fail callbacks of a WeChat API (method syntax: accepts WeChat's and Taro's typings). */
export interface WxCallbacks {
  success?(res: unknown): void;
  fail?(err: unknown): void;
}

/** The part of `wx` (or Taro) the permission adapter uses; members may be missing on old base libraries. */
export interface WxPermissionHost {
  getSetting?(options: WxCallbacks): unknown;
  authorize?(options: WxCallbacks & { scope: PermissionScope }): unknown;
  openSetting?(options: WxCallbacks): unknown;
  getAppAuthorizeSetting?(): unknown;
  getSystemSetting?(): unknown;
  openAppAuthorizeSetting?(options: WxCallbacks): unknown;
  openBluetoothAdapter?(options: WxCallbacks & { mode?: 'central' | 'peripheral' }): unknown;
  getFuzzyLocation?(options: WxCallbacks & { type?: 'wgs84' | 'gcj02' }): unknown;
}

/**
 * Runs a callback-style API as a promise. A promise Taro returns as well is silenced: its
 * rejection duplicates the fail callback and would surface as an unhandled rejection.
 */
export function viaCallbacks(api: string, invoke: ((callbacks: WxCallbacks) => unknown) | undefined): Promise<unknown> {
  return new Promise((resolve, reject) => {
    if (!invoke) {
      reject(new PermissionCallError(api, { errMsg: `${api}:fail not supported` }, true));
      return;
    }
    try {
      const ret = invoke({ success: resolve, fail: (err) => reject(new PermissionCallError(api, readNativeFailure(err))) });
      if (typeof ret === 'object' && ret !== null && typeof (ret as { then?: unknown }).then === 'function')
        (ret as PromiseLike<unknown>).then(undefined, () => undefined);
    } catch (err) {
      reject(new PermissionCallError(api, readNativeFailure(err)));
    }
  });
}

/** Calls a synchronous API; null when it is missing or throws (old base library, devtools). */
function readSync(read: (() => unknown) | undefined): unknown {
  if (!read) return null;
  try {
    return read();
  } catch {
    return null;
  }
}

function checkedAuthSetting(api: string, raw: unknown): Record<string, boolean> {
  const authSetting = parseAuthSetting(raw);
  if (!authSetting) throw new PermissionCallError(api, { errMsg: `${api}: result without authSetting` });
  return authSetting;
}

/** The WeChat implementation over a host (`Taro` in the app, a simulated `wx` in tests). */
export function createWeappPermissionPlatform(wx: WxPermissionHost): PermissionPlatformPort {
  const getSetting = wx.getSetting;
  const authorize = wx.authorize;
  const openSetting = wx.openSetting;
  const openAppAuthorizeSetting = wx.openAppAuthorizeSetting;
  const openBluetoothAdapter = wx.openBluetoothAdapter;
  const getFuzzyLocation = wx.getFuzzyLocation;
  const getAppAuthorizeSetting = wx.getAppAuthorizeSetting;
  const getSystemSetting = wx.getSystemSetting;

  return {
    async readScopes() {
      const res = await viaCallbacks('getSetting', getSetting && ((cb) => getSetting.call(wx, cb)));
      return checkedAuthSetting('getSetting', res);
    },

    async authorize(scope) {
      await viaCallbacks('authorize', authorize && ((cb) => authorize.call(wx, { ...cb, scope })));
    },

    async openSetting() {
      const res = await viaCallbacks('openSetting', openSetting && ((cb) => openSetting.call(wx, cb)));
      return checkedAuthSetting('openSetting', res);
    },

    async readOsLayer(capability: Capability): Promise<OsLayer> {
      const auth = readSync(getAppAuthorizeSetting && (() => getAppAuthorizeSetting.call(wx)));
      const system = readSync(getSystemSetting && (() => getSystemSetting.call(wx)));
      const field = (src: unknown, key: string): unknown =>
        typeof src === 'object' && src !== null ? (src as Record<string, unknown>)[key] : undefined;
      const { weapp } = capabilityDefinition(capability);
      return {
        apiAvailable: weapp.api === null || typeof (wx as unknown as Record<string, unknown>)[weapp.api] === 'function',
        appAuthorization: parseAppAuthorization(field(auth, weapp.appAuthorization)),
        systemSwitch: weapp.systemSwitch === null ? 'unknown' : parseSystemSwitch(field(system, weapp.systemSwitch)),
      };
    },

    async openAppAuthorizeSetting() {
      await viaCallbacks('openAppAuthorizeSetting', openAppAuthorizeSetting && ((cb) => openAppAuthorizeSetting.call(wx, cb)));
    },

    async openBluetoothAdapter() {
      await viaCallbacks('openBluetoothAdapter', openBluetoothAdapter && ((cb) => openBluetoothAdapter.call(wx, { ...cb, mode: 'central' })));
    },

    async getFuzzyLocation(): Promise<Coordinates> {
      const res = await viaCallbacks('getFuzzyLocation', getFuzzyLocation && ((cb) => getFuzzyLocation.call(wx, { ...cb, type: 'gcj02' })));
      const coords = parseCoordinates(res);
      if (!coords) throw new PermissionCallError('getFuzzyLocation', { errMsg: 'getFuzzyLocation: result without coordinates' });
      return coords;
    },
  };
}

/** The app's instance, over Taro. */
export function permissionPlatform(): PermissionPlatformPort {
  return createWeappPermissionPlatform(Taro);
}
