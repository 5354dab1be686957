/**
 * The `wx` double on its own, without loading the app bundle: for conformance rows and for
 * adapter tests that only need `wx`. Taps are simulated with `gesture(fn)`. With a `dialect`
 * (Douyin's `TT_DIALECT`) it is that platform's double.
 */
import {
  createDevice,
  createWxDouble,
  type AppJson,
  type DeviceOverrides,
  type DeviceState,
  type PlatformDialect,
  type WxDouble,
  type WxOptions,
} from './wx-double';

/** A loosely typed value, for poking at the double's results in tests. */
export interface Loose {
  [key: string]: Loose;
  (...args: unknown[]): Loose;
}

/** A standalone `wx` double and its controls. */
export interface BareWx {
  /** The double's `wx`, typed loosely for direct calls. */
  readonly wx: Record<string, (...args: unknown[]) => Loose>;
  readonly double: WxDouble;
  readonly device: DeviceState;
  /** Navigation requests the double forwarded (`navigateTo:/pages/x`). */
  readonly navigations: string[];
  /** Settings pages the user visited. */
  readonly visits: Array<'mini-program' | 'system'>;
  /** Runs `fn` as a user tap (the gesture lasts until the next macrotask). */
  gesture(fn: () => void): void;
  /** Waits until scheduled callbacks and HTTP requests have settled. */
  flush(maxMs?: number): Promise<void>;
}

/** Options of `createBareWx`. */
export interface BareWxOptions {
  device?: DeviceOverrides | DeviceState;
  storage?: Record<string, unknown>;
  wxOptions?: WxOptions;
  appJson?: Partial<AppJson>;
  httpRoutes?: Record<string, string>;
  clock?: () => number;
  /** Another platform's dialect (default WeChat's); the privacy framework is switched on with its app.json key. */
  dialect?: PlatformDialect;
}

/** Builds a `wx` double with a minimal host (timers on the real event loop). */
export function createBareWx(options: BareWxOptions = {}): BareWx {
  const d = options.device as DeviceState | undefined;
  const device = d && 'settings' in d && d.storage instanceof Map ? d : createDevice((options.device ?? {}) as DeviceOverrides, options.storage ?? {});
  const appJson: AppJson = { pages: ['pages/index/index'], [options.dialect?.privacyCheckKey ?? '__usePrivacyCheck__']: true, ...options.appJson };
  let pending = 0;
  let gestureDepth = 0;
  const navigations: string[] = [];
  const visits: Array<'mini-program' | 'system'> = [];
  const schedule = (fn: () => void, ms = 0): void => {
    pending += 1;
    setTimeout(() => {
      pending -= 1;
      fn();
    }, ms);
  };
  const asGesture = (fn: () => void): void => {
    gestureDepth += 1;
    setTimeout(() => {
      gestureDepth -= 1;
    }, 0);
    fn();
  };
  const double = createWxDouble({
    device,
    appJson,
    options: options.wxOptions ?? {},
    httpRoutes: options.httpRoutes ?? {},
    realm: { Promise, Error, JSON },
    schedule,
    track: (p) => {
      pending += 1;
      return p.finally(() => {
        pending -= 1;
      });
    },
    inGesture: () => gestureDepth > 0,
    asGesture,
    now: options.clock ?? Date.now,
    navigator: {
      navigateTo: async (url) => void navigations.push(`navigateTo:${url}`),
      redirectTo: async (url) => void navigations.push(`redirectTo:${url}`),
      navigateBack: async (delta) => void navigations.push(`navigateBack:${delta}`),
      switchTab: async (url) => void navigations.push(`switchTab:${url}`),
      reLaunch: async (url) => void navigations.push(`reLaunch:${url}`),
    },
    visitSettings: async (kind, during) => {
      visits.push(kind);
      await during();
    },
    appInfo: () => ({ launchPath: appJson.pages[0], launchQuery: {}, scene: 1001 }),
    appListeners: { show: new Set(), hide: new Set() },
    dialect: options.dialect,
  });
  return {
    wx: double.wx as BareWx['wx'],
    double,
    device,
    navigations,
    visits,
    gesture: asGesture,
    async flush(maxMs = 5000) {
      const deadline = Date.now() + maxMs;
      let quiet = 0;
      while (Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 1));
        if (pending > 0 || gestureDepth > 0) {
          quiet = 0;
          continue;
        }
        quiet += 1;
        if (quiet >= 3) return;
      }
    },
  };
}
