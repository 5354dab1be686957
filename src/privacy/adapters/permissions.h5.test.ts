import { createH5PermissionPlatform, type BrowserPermissionHost } from './permissions.h5';
import { PermissionCallError } from '../ports';

type State = 'granted' | 'denied' | 'prompt';

/** A browser with a Permissions API, geolocation and a camera, each answering as told. */
function browser(opts: { camera?: State; geolocation?: State; cameraAnswer?: string; geoAnswer?: number | 'ok'; bluetooth?: boolean | 'absent' } = {}) {
  const stopped: string[] = [];
  const host: BrowserPermissionHost = {
    permissions: {
      query: async ({ name }) => {
        if (name === 'camera' && opts.camera) return { state: opts.camera };
        if (name === 'geolocation' && opts.geolocation) return { state: opts.geolocation };
        throw new TypeError(`'${name}' is not a valid value for enumeration PermissionName`);
      },
    },
    geolocation: {
      getCurrentPosition: (success, error) => {
        const answer = opts.geoAnswer ?? 'ok';
        if (answer === 'ok') success({ coords: { latitude: 31.23, longitude: 121.47 }, timestamp: 0 });
        else error({ code: answer, message: 'x' });
      },
    },
    mediaDevices: {
      getUserMedia: async () => {
        if (opts.cameraAnswer) throw Object.assign(new Error('x'), { name: opts.cameraAnswer });
        return { getTracks: () => [{ stop: () => stopped.push('video') }] };
      },
    },
    ...(opts.bluetooth === 'absent' ? {} : { bluetooth: { getAvailability: async () => opts.bluetooth ?? false } }),
  };
  return { host, stopped };
}

describe('createH5PermissionPlatform', () => {
  it('reads the Permissions API as authSetting: granted → true, denied → false, prompt → never asked', async () => {
    const { host } = browser({ camera: 'granted', geolocation: 'denied' });
    await expect(createH5PermissionPlatform(host).readScopes()).resolves.toEqual({ 'scope.camera': true, 'scope.userFuzzyLocation': false });
    const { host: fresh } = browser({ camera: 'prompt', geolocation: 'prompt' });
    await expect(createH5PermissionPlatform(fresh).readScopes()).resolves.toEqual({});
  });

  it('asks for the camera with getUserMedia, releases it at once, and reports a refusal as auth deny', async () => {
    const { host, stopped } = browser();
    const p = createH5PermissionPlatform(host);
    await p.authorize('scope.camera');
    expect(stopped).toEqual(['video']);
    // Browsers whose Permissions API does not know 'camera' still remember the answer for the session.
    await expect(p.readScopes()).resolves.toEqual({ 'scope.camera': true });

    const refused = createH5PermissionPlatform(browser({ cameraAnswer: 'NotAllowedError' }).host);
    await expect(refused.authorize('scope.camera')).rejects.toMatchObject({ failure: { errMsg: 'authorize:fail auth deny' } });
    await expect(refused.readScopes()).resolves.toEqual({ 'scope.camera': false });

    const noCamera = createH5PermissionPlatform(browser({ cameraAnswer: 'NotFoundError' }).host);
    await expect(noCamera.authorize('scope.camera')).rejects.toMatchObject({ unsupported: true });
  });

  it('asks for location with geolocation; PERMISSION_DENIED is auth deny, other errors are not', async () => {
    const ok = createH5PermissionPlatform(browser().host);
    await expect(ok.authorize('scope.userFuzzyLocation')).resolves.toBeUndefined();
    await expect(ok.getFuzzyLocation()).resolves.toEqual({ latitude: 31.23, longitude: 121.47 });

    const denied = createH5PermissionPlatform(browser({ geoAnswer: 1 }).host);
    await expect(denied.authorize('scope.userFuzzyLocation')).rejects.toMatchObject({ failure: { errMsg: 'authorize:fail auth deny', errCode: 1 } });
    const unavailable = createH5PermissionPlatform(browser({ geoAnswer: 2 }).host);
    const err = await unavailable.authorize('scope.userFuzzyLocation').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PermissionCallError);
    expect((err as PermissionCallError).failure.errMsg).not.toMatch(/auth den/);
  });

  it('reports Bluetooth UNAVAILABLE where the browser lacks it', async () => {
    for (const bluetooth of ['absent', false] as const) {
      const p = createH5PermissionPlatform(browser({ bluetooth }).host);
      await expect(p.readOsLayer('bluetooth')).resolves.toEqual({ apiAvailable: false, appAuthorization: 'unknown', systemSwitch: 'unknown' });
      await expect(p.authorize('scope.bluetooth')).rejects.toMatchObject({ unsupported: true });
      await expect(p.openBluetoothAdapter()).rejects.toMatchObject({ failure: { errCode: 10001 } });
    }
    const withBluetooth = createH5PermissionPlatform(browser({ bluetooth: true }).host);
    await expect(withBluetooth.readOsLayer('bluetooth')).resolves.toMatchObject({ apiAvailable: true });
    await expect(withBluetooth.openBluetoothAdapter()).resolves.toBeUndefined();
  });

  it('reports camera and location unavailable without mediaDevices / geolocation', async () => {
    const p = createH5PermissionPlatform({});
    await expect(p.readOsLayer('camera')).resolves.toMatchObject({ apiAvailable: false });
    await expect(p.readOsLayer('location')).resolves.toMatchObject({ apiAvailable: false });
    await expect(p.readScopes()).resolves.toEqual({});
    await expect(p.openAppAuthorizeSetting()).rejects.toMatchObject({ unsupported: true });
  });
});
