jest.mock('@tarojs/taro', () => ({ __esModule: true, default: {} }));

import { createWeappPermissionPlatform, viaCallbacks, type WxCallbacks, type WxPermissionHost } from './permissions.weapp';
import { PermissionCallError } from '../ports';

type Opts = WxCallbacks & Record<string, unknown>;
const succeed = (res: unknown) => (o: Opts) => o.success?.(res);
const failWith = (err: unknown) => (o: Opts) => o.fail?.(err);

describe('viaCallbacks', () => {
  it('resolves on success and rejects with a checked PermissionCallError on fail', async () => {
    await expect(viaCallbacks('x', (cb) => cb.success?.({ ok: 1 }))).resolves.toEqual({ ok: 1 });
    const err = await viaCallbacks('authorize', (cb) => cb.fail?.({ errMsg: 'authorize:fail auth deny', errno: 103, junk: 'x' })).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PermissionCallError);
    expect((err as PermissionCallError).failure).toEqual({ errMsg: 'authorize:fail auth deny', errno: 103 });
    expect((err as PermissionCallError).name).toBe('PermissionCallError');
  });
  it('reports a missing API as unsupported', async () => {
    const err = await viaCallbacks('getFuzzyLocation', undefined).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PermissionCallError);
    expect((err as PermissionCallError).unsupported).toBe(true);
  });
  it('silences the duplicate rejection of a Taro-promisified API', async () => {
    const unhandled = jest.fn();
    process.on('unhandledRejection', unhandled);
    try {
      const taroStyle = (cb: WxCallbacks) =>
        new Promise((_resolve, reject) => {
          cb.fail?.({ errMsg: 'authorize:fail auth deny' });
          reject({ errMsg: 'authorize:fail auth deny' });
        });
      await expect(viaCallbacks('authorize', taroStyle)).rejects.toBeInstanceOf(PermissionCallError);
      await new Promise((r) => setTimeout(r, 10));
      expect(unhandled).not.toHaveBeenCalled();
    } finally {
      process.off('unhandledRejection', unhandled);
    }
  });
  it('turns a throwing API into a rejection', async () => {
    await expect(viaCallbacks('x', () => { throw new Error('no'); })).rejects.toMatchObject({ failure: { errMsg: 'no' } });
  });
});

describe('createWeappPermissionPlatform', () => {
  it('reads authSetting through getSetting, checked', async () => {
    const p = createWeappPermissionPlatform({ getSetting: succeed({ errMsg: 'getSetting:ok', authSetting: { 'scope.camera': true, 'scope.bluetooth': 'x' } }) });
    await expect(p.readScopes()).resolves.toEqual({ 'scope.camera': true });
    const bad = createWeappPermissionPlatform({ getSetting: succeed({ errMsg: 'getSetting:ok' }) });
    await expect(bad.readScopes()).rejects.toBeInstanceOf(PermissionCallError);
  });

  it('asks for a scope through authorize and passes refusals on', async () => {
    const seen: unknown[] = [];
    const host: WxPermissionHost = {
      authorize: (o) => {
        seen.push(o.scope);
        if (o.scope === 'scope.camera') o.success?.({ errMsg: 'authorize:ok' });
        else o.fail?.({ errMsg: 'authorize:fail:auth denied' });
      },
    };
    const p = createWeappPermissionPlatform(host);
    await expect(p.authorize('scope.camera')).resolves.toBeUndefined();
    await expect(p.authorize('scope.bluetooth')).rejects.toMatchObject({ failure: { errMsg: 'authorize:fail:auth denied' } });
    expect(seen).toEqual(['scope.camera', 'scope.bluetooth']);
  });

  it('reads the OS layer from the synchronous getAppAuthorizeSetting / getSystemSetting', async () => {
    const p = createWeappPermissionPlatform({
      getAppAuthorizeSetting: () => ({ cameraAuthorized: 'denied', locationAuthorized: 'not determined', bluetoothAuthorized: undefined }),
      getSystemSetting: () => ({ locationEnabled: false, bluetoothEnabled: true }),
      getFuzzyLocation: succeed({}),
      openBluetoothAdapter: succeed({}),
    });
    await expect(p.readOsLayer('camera')).resolves.toEqual({ apiAvailable: true, appAuthorization: 'denied', systemSwitch: 'unknown' });
    await expect(p.readOsLayer('location')).resolves.toEqual({ apiAvailable: true, appAuthorization: 'not-determined', systemSwitch: 'off' });
    await expect(p.readOsLayer('bluetooth')).resolves.toEqual({ apiAvailable: true, appAuthorization: 'unknown', systemSwitch: 'on' });
  });

  it('reads missing or throwing APIs (old base library) as unknown or unavailable', async () => {
    const p = createWeappPermissionPlatform({
      getAppAuthorizeSetting: () => {
        throw new Error('not supported');
      },
    });
    await expect(p.readOsLayer('location')).resolves.toEqual({ apiAvailable: false, appAuthorization: 'unknown', systemSwitch: 'unknown' });
    await expect(p.readOsLayer('bluetooth')).resolves.toMatchObject({ apiAvailable: false });
    await expect(p.getFuzzyLocation()).rejects.toMatchObject({ unsupported: true });
  });

  it('passes Bluetooth adapter failures on with errCode and iOS state', async () => {
    const p = createWeappPermissionPlatform({ openBluetoothAdapter: failWith({ errMsg: 'openBluetoothAdapter:fail not available', errCode: 10001, state: 4 }) });
    await expect(p.openBluetoothAdapter()).rejects.toMatchObject({ failure: { errCode: 10001, state: 4 } });
  });

  it('checks getFuzzyLocation results', async () => {
    const ok = createWeappPermissionPlatform({ getFuzzyLocation: succeed({ latitude: 31.2, longitude: 121.5, errMsg: 'getFuzzyLocation:ok' }) });
    await expect(ok.getFuzzyLocation()).resolves.toEqual({ latitude: 31.2, longitude: 121.5 });
    const bad = createWeappPermissionPlatform({ getFuzzyLocation: succeed({ latitude: 'a' }) });
    await expect(bad.getFuzzyLocation()).rejects.toBeInstanceOf(PermissionCallError);
  });

  it('opens both settings pages through callbacks', async () => {
    const calls: string[] = [];
    const p = createWeappPermissionPlatform({
      openSetting: (o) => {
        calls.push('openSetting');
        o.success?.({ authSetting: { 'scope.camera': false } });
      },
      openAppAuthorizeSetting: (o) => {
        calls.push('openAppAuthorizeSetting');
        o.success?.({ errMsg: 'openAppAuthorizeSetting:ok' });
      },
    });
    await expect(p.openSetting()).resolves.toEqual({ 'scope.camera': false });
    await expect(p.openAppAuthorizeSetting()).resolves.toBeUndefined();
    expect(calls).toEqual(['openSetting', 'openAppAuthorizeSetting']);
  });
});
