/**
 * PermissionPlatformPort in the browser: the Permissions API for reads, getUserMedia and
 * geolocation for the prompts, Web Bluetooth availability for Bluetooth (UNAVAILABLE where the
 * browser lacks it). Browser refusals are reported with WeChat's errMsg (`auth deny`) so the
 * engine classifies both platforms the same way. Taro's own H5 APIs are not used: unsupported
 * ones "succeed" in production builds.
 */
import { CAPABILITY_LIST as CAPABILITIES, CAPABILITY_REGISTRY } from '../domain/capabilities';
import type { Capability } from '../domain/contract';
import type { OsLayer } from '../domain/permission';
import { parseCoordinates, type Coordinates } from '../domain/permission-native';
import { PermissionCallError, type PermissionPlatformPort } from '../ports';

/** The browser features the adapter uses; each may be missing. */
export interface BrowserPermissionHost {
  permissions?: { query(descriptor: { name: string }): Promise<unknown> };
  geolocation?: {
    getCurrentPosition(
      success: (position: unknown) => void,
      error: (err: unknown) => void,
      options?: { enableHighAccuracy?: boolean; maximumAge?: number; timeout?: number },
    ): void;
  };
  mediaDevices?: { getUserMedia(constraints: { video: boolean }): Promise<unknown> };
  bluetooth?: { getAvailability?(): Promise<unknown> };
}


const DENIED = 'authorize:fail auth deny';
const POSITION_OPTIONS = Object.freeze({ enableHighAccuracy: false, maximumAge: 10 * 60 * 1000, timeout: 15000 });

const errorName = (err: unknown): string =>
  typeof err === 'object' && err !== null && typeof (err as { name?: unknown }).name === 'string' ? String((err as { name: string }).name) : '';
const errorCode = (err: unknown): number | undefined =>
  typeof err === 'object' && err !== null && typeof (err as { code?: unknown }).code === 'number' ? (err as { code: number }).code : undefined;

/** The browser implementation over a host (`navigator` in the app, fakes in tests). */
export function createH5PermissionPlatform(host: BrowserPermissionHost): PermissionPlatformPort {
  // Answers given in this page session, for browsers whose Permissions API cannot tell.
  const session: Record<string, boolean> = {};

  const queryState = async (name: string): Promise<boolean | undefined> => {
    if (!host.permissions) return undefined;
    try {
      const status = await host.permissions.query({ name });
      const state = typeof status === 'object' && status !== null ? (status as { state?: unknown }).state : undefined;
      return state === 'granted' ? true : state === 'denied' ? false : undefined;
    } catch {
      // Firefox and Safari reject names they do not know (e.g. 'camera').
      return undefined;
    }
  };

  const currentPosition = (api: string): Promise<unknown> =>
    new Promise((resolve, reject) => {
      if (!host.geolocation) {
        reject(new PermissionCallError(api, { errMsg: `${api}:fail not supported` }, true));
        return;
      }
      host.geolocation.getCurrentPosition(resolve, (err) => {
        // GeolocationPositionError: 1 PERMISSION_DENIED, 2 POSITION_UNAVAILABLE, 3 TIMEOUT.
        const code = errorCode(err);
        reject(new PermissionCallError(api, { errMsg: code === 1 ? `${api}:fail auth deny` : `${api}:fail position unavailable`, ...(code !== undefined ? { errCode: code } : {}) }));
      }, POSITION_OPTIONS);
    });

  const readScopes = async (): Promise<Record<string, boolean>> => {
    const out: Record<string, boolean> = { ...session };
    for (const capability of CAPABILITIES) {
      const { scope, h5 } = CAPABILITY_REGISTRY[capability];
      if (h5.permissionName === null) continue;
      const state = await queryState(h5.permissionName);
      if (state !== undefined) out[scope] = state;
    }
    return out;
  };

  const bluetoothAvailable = async (): Promise<boolean> => {
    const getAvailability = host.bluetooth?.getAvailability;
    if (!getAvailability) return false;
    try {
      return (await getAvailability.call(host.bluetooth)) === true;
    } catch {
      return false;
    }
  };

  return {
    readScopes,

    async authorize(scope) {
      if (scope === 'scope.camera') {
        if (!host.mediaDevices) throw new PermissionCallError('authorize', { errMsg: 'authorize:fail not supported' }, true);
        try {
          const stream = await host.mediaDevices.getUserMedia({ video: true });
          // Only the permission is wanted here: release the camera at once.
          const tracks = typeof stream === 'object' && stream !== null && typeof (stream as { getTracks?: unknown }).getTracks === 'function'
            ? (stream as { getTracks(): unknown[] }).getTracks()
            : [];
          for (const t of tracks) if (typeof t === 'object' && t !== null && typeof (t as { stop?: unknown }).stop === 'function') (t as { stop(): void }).stop();
        } catch (err) {
          const name = errorName(err);
          if (name === 'NotAllowedError' || name === 'SecurityError') {
            session[scope] = false;
            throw new PermissionCallError('authorize', { errMsg: DENIED });
          }
          throw new PermissionCallError('authorize', { errMsg: `authorize:fail ${name || 'camera unavailable'}` }, name === 'NotFoundError');
        }
      } else if (scope === 'scope.userFuzzyLocation') {
        try {
          await currentPosition('authorize');
        } catch (err) {
          if (err instanceof PermissionCallError && err.failure.errCode === 1) session[scope] = false;
          throw err;
        }
      } else if (!(await bluetoothAvailable())) {
        throw new PermissionCallError('authorize', { errMsg: 'authorize:fail bluetooth not supported' }, true);
      }
      session[scope] = true;
    },

    // Browsers have no settings page a site may open: report the current state so the UI shows its hint.
    openSetting: readScopes,

    async readOsLayer(capability: Capability): Promise<OsLayer> {
      switch (capability) {
        case 'camera':
          return { apiAvailable: typeof host.mediaDevices?.getUserMedia === 'function', appAuthorization: 'unknown', systemSwitch: 'unknown' };
        case 'location':
          return { apiAvailable: typeof host.geolocation?.getCurrentPosition === 'function', appAuthorization: 'unknown', systemSwitch: 'unknown' };
        case 'bluetooth':
          return { apiAvailable: await bluetoothAvailable(), appAuthorization: 'unknown', systemSwitch: 'unknown' };
      }
    },

    async openAppAuthorizeSetting() {
      throw new PermissionCallError('openAppAuthorizeSetting', { errMsg: 'openAppAuthorizeSetting:fail not supported' }, true);
    },

    async openBluetoothAdapter() {
      // 10001 is WeChat's "adapter not available"; the engine reads it as Bluetooth off.
      if (!(await bluetoothAvailable())) throw new PermissionCallError('openBluetoothAdapter', { errMsg: 'openBluetoothAdapter:fail not available', errCode: 10001 });
    },

    async getFuzzyLocation(): Promise<Coordinates> {
      const position = await currentPosition('getFuzzyLocation');
      const coords = parseCoordinates(position);
      if (!coords) throw new PermissionCallError('getFuzzyLocation', { errMsg: 'getFuzzyLocation: result without coordinates' });
      return coords;
    },
  };
}

/** The app's instance, over `navigator`. */
export function permissionPlatform(): PermissionPlatformPort {
  const nav: BrowserPermissionHost = typeof navigator === 'undefined' ? {} : navigator;
  return createH5PermissionPlatform(nav);
}
