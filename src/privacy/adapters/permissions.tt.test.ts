jest.mock('@tarojs/taro', () => ({ __esModule: true, default: {} }));

import { adapterStateOfFailure, classifyFailure } from '../domain/permission-native';
import { PermissionCallError } from '../ports';
import { createTtPermissionPlatform, TT_LOCATION_DECIMALS, type TtPermissionHost } from './permissions.tt';
import type { WxCallbacks } from './permissions.weapp';

const succeed = (res: unknown) => jest.fn((o: WxCallbacks) => o.success?.(res));
const failWith = (err: unknown) => jest.fn((o: WxCallbacks) => o.fail?.(err));

// Douyin's answers as its docs give them: tt.getSetting (authSetting by scope), tt.authorize
// ("authorize:fail auth deny", errNo as a string), tt.getLocation (latitude/longitude).
describe('createTtPermissionPlatform', () => {
  it("reads Douyin's scopes under the module's names: scope.userLocation is the location capability", async () => {
    const p = createTtPermissionPlatform({
      getSetting: succeed({ errMsg: 'getSetting:ok', authSetting: { 'scope.camera': false, 'scope.userLocation': true, 'scope.album': true } }),
    });
    await expect(p.readScopes()).resolves.toEqual({ 'scope.camera': false, 'scope.userFuzzyLocation': true });
    const bad = createTtPermissionPlatform({ getSetting: succeed({ errMsg: 'getSetting:ok' }) });
    await expect(bad.readScopes()).rejects.toBeInstanceOf(PermissionCallError);
  });

  it('has no Bluetooth scope on Douyin, and a scope for the camera and location', () => {
    const p = createTtPermissionPlatform({});
    expect(p.hasScope?.('bluetooth')).toBe(false);
    expect(p.hasScope?.('camera')).toBe(true);
    expect(p.hasScope?.('location')).toBe(true);
  });

  it('asks for the camera with tt.authorize under scope.camera, and reports a refusal as auth-denied', async () => {
    const authorize = failWith({ errMsg: 'authorize:fail auth deny', errNo: '10200' });
    const p = createTtPermissionPlatform({ authorize });
    const err = await p.authorize('scope.camera').catch((e: unknown) => e);
    expect(authorize).toHaveBeenCalledWith(expect.objectContaining({ scope: 'scope.camera' }));
    expect(err).toBeInstanceOf(PermissionCallError);
    expect(classifyFailure((err as PermissionCallError).failure)).toBe('auth-denied');
  });

  it('asks for location by using it (tt.getLocation), not with the withdrawn tt.authorize', async () => {
    const authorize = succeed({ errMsg: 'authorize:ok' });
    const getLocation = succeed({ errMsg: 'getLocation:ok', latitude: 31.230416, longitude: 121.473701 });
    const p = createTtPermissionPlatform({ authorize, getLocation });
    await p.authorize('scope.userFuzzyLocation');
    expect(getLocation).toHaveBeenCalledWith(expect.objectContaining({ type: 'gcj02' }));
    expect(authorize).not.toHaveBeenCalled();
  });

  it('asks nothing for Bluetooth (no scope): opening the adapter is the first use', async () => {
    const openBluetoothAdapter = succeed({ errMsg: 'openBluetoothAdapter:ok' });
    const authorize = succeed({ errMsg: 'authorize:ok' });
    const p = createTtPermissionPlatform({ authorize, openBluetoothAdapter });
    await p.authorize('scope.bluetooth');
    expect(authorize).not.toHaveBeenCalled();
    expect(openBluetoothAdapter).not.toHaveBeenCalled();
    await p.openBluetoothAdapter();
    expect(openBluetoothAdapter).toHaveBeenCalledTimes(1);
  });

  it("reads Douyin's Bluetooth codes (errorCode, a string): 186679 not declared, 186680 not agreed, 186689 the phone refusing Douyin, 186690 the shopper refusing", async () => {
    const codes: Array<[string, string, string, string]> = [
      ['186679', 'api scope is not declared in the privacy agreement', 'not-declared', 'unknown'],
      ['186680', 'privacy permission is not authorized', 'privacy-not-agreed', 'unknown'],
      ['186689', 'system auth deny', 'other', 'unauthorized'],
      ['186690', 'auth deny', 'auth-denied', 'unknown'],
    ];
    for (const [errorCode, reason, kind, adapter] of codes) {
      const p = createTtPermissionPlatform({ openBluetoothAdapter: failWith({ errMsg: `openBluetoothAdapter:fail ${reason}`, errorCode, errorType: 'U' }) });
      const err = (await p.openBluetoothAdapter().catch((e: unknown) => e)) as PermissionCallError;
      expect(err).toBeInstanceOf(PermissionCallError);
      expect(classifyFailure(err.failure)).toBe(kind);
      expect(adapterStateOfFailure(err.failure)).toBe(adapter);
    }
  });

  it('coarsens the position to about 1 km before any feature sees it', async () => {
    const p = createTtPermissionPlatform({ getLocation: succeed({ errMsg: 'getLocation:ok', latitude: 31.230416, longitude: 121.473701 }) });
    expect(TT_LOCATION_DECIMALS).toBe(2);
    await expect(p.getFuzzyLocation()).resolves.toEqual({ latitude: 31.23, longitude: 121.47 });
    const bad = createTtPermissionPlatform({ getLocation: succeed({ errMsg: 'getLocation:ok', latitude: 'x' }) });
    await expect(bad.getFuzzyLocation()).rejects.toBeInstanceOf(PermissionCallError);
  });

  it('reads no OS layer on Douyin (no getAppAuthorizeSetting / getSystemSetting) and checks the API exists', async () => {
    const withApis: TtPermissionHost = { getLocation: succeed({}), openBluetoothAdapter: succeed({}) };
    const p = createTtPermissionPlatform(withApis);
    await expect(p.readOsLayer('location')).resolves.toEqual({ apiAvailable: true, appAuthorization: 'unknown', systemSwitch: 'unknown' });
    await expect(p.readOsLayer('camera')).resolves.toMatchObject({ apiAvailable: true });
    const old = createTtPermissionPlatform({});
    await expect(old.readOsLayer('bluetooth')).resolves.toMatchObject({ apiAvailable: false });
    const err = (await p.openAppAuthorizeSetting().catch((e: unknown) => e)) as PermissionCallError;
    expect(err.unsupported).toBe(true);
  });

  it('opens tt.openSetting and answers with the new scopes under the module names', async () => {
    const p = createTtPermissionPlatform({ openSetting: succeed({ errMsg: 'openSetting:ok', authSetting: { 'scope.userLocation': false } }) });
    await expect(p.openSetting()).resolves.toEqual({ 'scope.userFuzzyLocation': false });
  });
});
