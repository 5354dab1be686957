/**
 * PermissionPlatformPort on Douyin, over `tt` (through Taro, which hands each call to `tt`). Each
 * capability's Douyin facts are its registry entry's `tt` (domain/capabilities.ts):
 * - scopes: `scope.camera` and `scope.userLocation`, read with `tt.getSetting` and reported under
 *   the module's scope names, so the permission engine reads one vocabulary on every platform;
 * - asking: `tt.authorize` is being withdrawn and Douyin asks when an API is first used, so a
 *   location request calls `tt.getLocation`; the camera, whose feature is a component, still asks
 *   with `tt.authorize`; Bluetooth has no scope, so nothing is asked here (the engine keeps the
 *   shopper's purpose-sheet answer) and opening the adapter afterwards reports the rest;
 * - no `getAppAuthorizeSetting` / `getSystemSetting`: the OS layer reads `unknown`, and an OS
 *   refusal shows as the API's own failure;
 * - failures carry `errNo` (tt.getLocation's 10201 / 10202, worded as WeChat's privacy errors) or,
 *   on tt.openBluetoothAdapter, `errorCode` as a string (186679 not declared in the agreement,
 *   186680 not agreed, 186689 the phone refusing Douyin, 186690 the shopper refusing), read by
 *   `readNativeFailure` / `classifyFailure` / `adapterStateOfFailure`.
 */
import Taro from '@tarojs/taro';
import { CAPABILITY_LIST, capabilityDefinition, capabilityOfScope } from '../domain/capabilities';
import type { Capability } from '../domain/contract';
import type { OsLayer } from '../domain/permission';
import { parseAuthSetting, parseCoordinates, type Coordinates } from '../domain/permission-native';
import type { PermissionScope } from '../domain/permission-types';
import { PermissionCallError, type PermissionPlatformPort } from '../ports';
import { viaCallbacks, type WxCallbacks } from './permissions.weapp';

/** The part of `tt` (or Taro on Douyin) the adapter uses; members may be missing on old base libraries. */
export interface TtPermissionHost {
  getSetting?(options: WxCallbacks): unknown;
  authorize?(options: WxCallbacks & { scope: string }): unknown;
  openSetting?(options: WxCallbacks): unknown;
  getLocation?(options: WxCallbacks & { type?: 'wgs84' | 'gcj02' }): unknown;
  openBluetoothAdapter?(options: WxCallbacks): unknown;
}

/**
 * Decimal places kept of a Douyin position: 2 (about 1 km). The module asks for an approximate
 * location and Douyin's fuzzy location is granted only on application, so the phone coarsens the
 * precise fix before any feature sees it.
 */
export const TT_LOCATION_DECIMALS = 2;

const coarsen = (v: number): number => Math.round(v * 10 ** TT_LOCATION_DECIMALS) / 10 ** TT_LOCATION_DECIMALS;

/** Douyin's authSetting under the module's scope names (camera → scope.camera, location → scope.userFuzzyLocation). */
function moduleScopes(api: string, raw: unknown): Record<string, boolean> {
  const authSetting = parseAuthSetting(raw);
  if (!authSetting) throw new PermissionCallError(api, { errMsg: `${api}: result without authSetting` });
  const out: Record<string, boolean> = {};
  for (const c of CAPABILITY_LIST) {
    const { scope } = capabilityDefinition(c).tt;
    if (scope !== null && typeof authSetting[scope] === 'boolean') out[capabilityDefinition(c).scope] = authSetting[scope];
  }
  return out;
}

/** The Douyin implementation over a host (`Taro` in the app, a simulated `tt` in tests). */
export function createTtPermissionPlatform(tt: TtPermissionHost): PermissionPlatformPort {
  const getSetting = tt.getSetting;
  const authorize = tt.authorize;
  const openSetting = tt.openSetting;
  const getLocation = tt.getLocation;
  const openBluetoothAdapter = tt.openBluetoothAdapter;

  const locate = async (): Promise<Coordinates> => {
    const res = await viaCallbacks('getLocation', getLocation && ((cb) => getLocation.call(tt, { ...cb, type: 'gcj02' })));
    const coords = parseCoordinates(res);
    if (!coords) throw new PermissionCallError('getLocation', { errMsg: 'getLocation: result without coordinates' });
    return { latitude: coarsen(coords.latitude), longitude: coarsen(coords.longitude) };
  };

  return {
    async readScopes() {
      return moduleScopes('getSetting', await viaCallbacks('getSetting', getSetting && ((cb) => getSetting.call(tt, cb))));
    },

    hasScope: (capability) => capabilityDefinition(capability).tt.scope !== null,

    async authorize(scope: PermissionScope) {
      const capability = capabilityOfScope(scope);
      if (!capability) throw new PermissionCallError('authorize', { errMsg: `authorize:fail unknown scope ${scope}` }, true);
      const { tt: douyin } = capabilityDefinition(capability);
      if (douyin.ask === 'getLocation') await locate();
      else if (douyin.ask === 'authorize' && douyin.scope !== null) {
        const douyinScope = douyin.scope;
        await viaCallbacks('authorize', authorize && ((cb) => authorize.call(tt, { ...cb, scope: douyinScope })));
      }
    },

    async openSetting() {
      return moduleScopes('openSetting', await viaCallbacks('openSetting', openSetting && ((cb) => openSetting.call(tt, cb))));
    },

    async readOsLayer(capability: Capability): Promise<OsLayer> {
      const { api } = capabilityDefinition(capability).tt;
      return {
        apiAvailable: api === null || typeof (tt as unknown as Record<string, unknown>)[api] === 'function',
        appAuthorization: 'unknown',
        systemSwitch: 'unknown',
      };
    },

    async openAppAuthorizeSetting() {
      throw new PermissionCallError('openAppAuthorizeSetting', { errMsg: 'openAppAuthorizeSetting:fail not supported on Douyin' }, true);
    },

    async openBluetoothAdapter() {
      await viaCallbacks('openBluetoothAdapter', openBluetoothAdapter && ((cb) => openBluetoothAdapter.call(tt, cb)));
    },

    getFuzzyLocation: locate,
  };
}

/** The app's instance, over Taro. */
export function permissionPlatform(): PermissionPlatformPort {
  return createTtPermissionPlatform(Taro as unknown as TtPermissionHost);
}
