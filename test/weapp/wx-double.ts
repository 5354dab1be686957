/**
 * A `wx` double that follows WeChat's documented behaviour, for running the compiled weapp bundle in
 * Node. Every behaviour it copies is a row of `wx-double.conformance.test.ts`, with its source.
 *
 * Device state (storage, scopes, privacy agreement, OS permissions, system switches) lives in a
 * `DeviceState` that outlives one app process: a relaunch builds a new double on the same device.
 */
import http from 'node:http';
import https from 'node:https';
import { URL } from 'node:url';
import {
  PRIVACY_INFO_TYPES,
  REQUIRED_PRIVATE_INFOS_APIS,
  isPrivacyGatedCall,
  privacyInfoTypeOf,
  type PrivacyInfoType,
} from './privacy-apis';

/** WeChat's per-key storage limit (1 MB) — wx.setStorage docs. */
export const STORAGE_KEY_LIMIT_BYTES = 1024 * 1024;
/** WeChat's total storage limit (10 MB) — wx.setStorage docs. */
export const STORAGE_TOTAL_LIMIT_BYTES = 10 * 1024 * 1024;
/** Official privacy popup: after a refusal it is not shown again for 10 s; calls fail meanwhile. */
export const PRIVACY_POPUP_GAP_MS = 10_000;

/**
 * Fail reasons WeChat reports (the text after `<api>:fail `). The privacy, scope, tap, domain and
 * requiredPrivateInfos texts are WeChat's; the storage-limit, system-permission and location-switch
 * texts are what clients report where the docs give only the rule (platforms word them differently).
 */
export const WX_FAIL = Object.freeze({
  storageItemTooLarge: 'exceed storage item max length',
  storageFull: 'exceed storage max size 10M',
  storageNotFound: 'data not found',
  authDeny: 'auth deny',
  notTap: 'can only be invoked by user TAP gesture.',
  privacyNotAuthorized: 'privacy permission is not authorized',
  privacyInGap: 'privacy permission is not authorized in gap',
  privacyNotDeclared: 'api scope is not declared in the privacy agreement',
  requiredPrivateInfos: 'the api need to be declared in the requiredPrivateInfos field in app.json/ext.json',
  bluetoothNotAvailable: 'not available',
  bluetoothNotInit: 'not init',
  systemPermissionDenied: 'system permission denied',
  locationSwitchOff: 'location service is off',
  urlNotInDomainList: 'url not in domain list',
  requestTimeout: 'timeout',
  requestAbort: 'abort',
  cancel: 'cancel',
  fileStorageFull: 'the maximum size of the file storage limit is exceeded',
});

/** WeChat's cap on the files a mini-program keeps under `wx.env.USER_DATA_PATH` (file-system docs: 200 MB). */
export const USER_FILES_LIMIT_BYTES = 200 * 1024 * 1024;
/** `wx.env.USER_DATA_PATH`: the one folder a mini-program may write. */
export const USER_DATA_PATH = 'wxfile://usr';

/** WeChat's errno values used by the privacy framework. */
export const WX_ERRNO = Object.freeze({ privacyNotAuthorized: 104, privacyNotDeclared: 112 });

/** OS-level permission of WeChat itself (`getAppAuthorizeSetting`). */
export type AppAuthorizeStatus = 'authorized' | 'denied' | 'not determined';

/** What the (simulated) user answers to a prompt. */
export type PromptAnswer = 'accept' | 'reject';

/** Device-level settings a test can script; they survive a relaunch. */
export interface DeviceSettings {
  platform: 'ios' | 'android' | 'devtools';
  /** `getAppBaseInfo().language` (WeChat's UI language, e.g. zh_CN, en). */
  language: string;
  system: { bluetoothEnabled: boolean; locationEnabled: boolean; wifiEnabled: boolean };
  appAuthorize: {
    camera: AppAuthorizeStatus;
    location: AppAuthorizeStatus;
    bluetooth: AppAuthorizeStatus;
    microphone: AppAuthorizeStatus;
    album: AppAuthorizeStatus;
    notification: AppAuthorizeStatus;
    phoneCalendar: AppAuthorizeStatus;
  };
  /** Answer to the OS prompt when an `appAuthorize` entry is 'not determined'. */
  osPromptAnswer: 'allow' | 'deny';
  /** `getSetting().authSetting`: absent = never asked. */
  authSetting: Record<string, boolean>;
  /** What the user answers to a scope prompt (default 'accept'). */
  scopeAnswers: Record<string, PromptAnswer>;
  /** The user agreed to the privacy guide (WeChat's record, not the app's). */
  privacyAgreed: boolean;
  privacyContractName: string;
  /** Answer given to WeChat's own privacy popup (shown when no listener is registered). */
  officialPrivacyPopupAnswer: 'agree' | 'disagree';
  location: { latitude: number; longitude: number; accuracy: number };
  networkType: 'wifi' | '4g' | '5g' | 'none';
  /** Answers to `wx.showModal`, consumed in order; empty = confirm. */
  modalAnswers: Array<{ confirm: boolean; content?: string }>;
  /** Answer to `requestSubscribeMessage` for every template. */
  subscribeAnswer: 'accept' | 'reject';
  /** What the user does in the chat picker `shareFileMessage` opens: pick a chat, or close it. */
  shareFileAnswer: 'send' | 'cancel';
}

/** The simulated phone: settings plus storage (strings of JSON, as WeChat serialises them). */
export interface DeviceState {
  settings: DeviceSettings;
  storage: Map<string, string>;
  /** Files written under USER_DATA_PATH (path → text); they survive a relaunch, like storage. */
  files?: Map<string, string>;
}

/** A partial override of device settings (nested objects merged one level deep). */
export type DeviceOverrides = Partial<Omit<DeviceSettings, 'system' | 'appAuthorize' | 'location'>> & {
  system?: Partial<DeviceSettings['system']>;
  appAuthorize?: Partial<DeviceSettings['appAuthorize']>;
  location?: Partial<DeviceSettings['location']>;
};

/** Creates a device with WeChat's defaults for a first run (nothing asked, nothing agreed). */
export function createDevice(overrides: DeviceOverrides = {}, storage: Record<string, unknown> = {}): DeviceState {
  const base: DeviceSettings = {
    platform: 'android',
    language: 'zh_CN',
    system: { bluetoothEnabled: true, locationEnabled: true, wifiEnabled: true },
    appAuthorize: {
      camera: 'authorized', location: 'authorized', bluetooth: 'authorized', microphone: 'authorized',
      album: 'authorized', notification: 'authorized', phoneCalendar: 'authorized',
    },
    osPromptAnswer: 'allow',
    authSetting: {},
    scopeAnswers: {},
    privacyAgreed: false,
    privacyContractName: '《Maison小程序隐私保护指引》',
    officialPrivacyPopupAnswer: 'agree',
    location: { latitude: 31.2304, longitude: 121.4737, accuracy: 65 },
    networkType: 'wifi',
    modalAnswers: [],
    subscribeAnswer: 'accept',
    shareFileAnswer: 'send',
  };
  const settings: DeviceSettings = {
    ...base,
    ...overrides,
    system: { ...base.system, ...overrides.system },
    appAuthorize: { ...base.appAuthorize, ...overrides.appAuthorize },
    location: { ...base.location, ...overrides.location },
    authSetting: { ...(overrides.authSetting ?? {}) },
    scopeAnswers: { ...(overrides.scopeAnswers ?? {}) },
    modalAnswers: [...(overrides.modalAnswers ?? [])],
  };
  const map = new Map<string, string>();
  for (const [k, v] of Object.entries(storage)) map.set(k, JSON.stringify(v));
  return { settings, storage: map, files: new Map() };
}

/** Behaviour switches of the double. */
export interface WxOptions {
  /** Text of a refused scope (`authorize:fail <text>`); WeChat says `auth deny`, some clients `auth denied`. */
  authDenyMessage?: string;
  /** Privacy info types declared in the admin-console privacy guide (`PRIVACY_INFO_TYPES` keys); default all. */
  privacyGuide?: readonly string[];
  /** Privacy framework on: from app.json `__usePrivacyCheck__` (default), or forced (WeChat after 2023-10-17: always). */
  privacyCheck?: 'app.json' | 'always' | 'never';
  /** Remove these APIs from `wx` (simulates an older base library). */
  missingApis?: readonly string[];
  /** Called while the user is in the mini-program settings page (`openSetting`); change scopes here. */
  onOpenSetting?: (device: DeviceSettings) => void | Promise<void>;
  /** Called while the user is in WeChat's system settings (`openAppAuthorizeSetting`). */
  onOpenAppAuthorizeSetting?: (device: DeviceSettings) => void | Promise<void>;
  /** `wx.login` code factory; throw or return `{ fail }` to fail. Default: `code-<n>`. */
  login?: () => string | { fail: string };
  /** Result of `scanCode`, `chooseImage`/`chooseMedia` (temp paths). */
  scanResult?: string;
  tempFiles?: readonly string[];
  /** Official privacy popup gap after a refusal (default 10 s). */
  privacyGapMs?: number;
  /** errno of a refusal in WeChat's own popup: 104 (documented wording); some clients report 103. */
  officialPopupRefusalErrno?: number;
  /** `getPhoneNumber` button result code factory. Default: `phone-code-<n>`. */
  phoneCode?: () => string;
}

/** One recorded `wx` call. */
export interface WxCall {
  readonly seq: number;
  readonly name: string;
  /** Arguments without functions (JSON-safe copy). */
  readonly args: unknown[];
  /** Host clock time of the call (ms; the `clock` option when given). */
  readonly at: number;
  /** Called while a user gesture (tap) was being handled. */
  readonly duringGesture: boolean;
  /** True for privacy-gated calls (held when agreement is needed). */
  readonly privacyGated: boolean;
  /** 'held' while waiting for the privacy event; 'ok' / 'fail' once settled; 'sync' for sync returns. */
  status: 'pending' | 'held' | 'ok' | 'fail' | 'sync' | 'threw';
  /** The object passed to success/fail (or the sync return value). */
  result?: unknown;
}

/** Something the user saw: a scope prompt, the official privacy popup, an OS prompt, a modal... */
export interface UserPrompt {
  readonly kind: 'scope' | 'privacy-popup' | 'os' | 'modal' | 'toast' | 'loading' | 'privacy-contract' | 'settings' | 'app-settings' | 'subscribe' | 'share-file' | 'host-login';
  readonly detail: Record<string, unknown>;
  readonly at: number;
}

/** A privacy event resolution or listener invocation, for assertions. */
export interface PrivacyLogEntry {
  readonly type: 'need-authorization' | 'resolve' | 'agree-button' | 'rejected-agree' | 'ignored-resolve';
  readonly referrer?: string;
  readonly event?: string;
  readonly buttonId?: string;
  readonly at: number;
}

/** Page-stack operations the host performs for navigation APIs (reject with the fail reason). */
export interface WxNavigator {
  navigateTo(url: string): Promise<void>;
  redirectTo(url: string): Promise<void>;
  navigateBack(delta: number): Promise<void>;
  switchTab(url: string): Promise<void>;
  reLaunch(url: string): Promise<void>;
}

/** Values created inside the app's realm (its Promise, Error, JSON). */
export interface GuestRealm {
  Promise: PromiseConstructor;
  Error: ErrorConstructor;
  JSON: JSON;
}

/** What the host provides to the double. */
export interface WxHostHooks {
  readonly device: DeviceState;
  readonly appJson: AppJson;
  readonly options: WxOptions;
  /** Origin prefix → local base URL, e.g. `{ 'https://api.example': 'http://127.0.0.1:4000' }`. */
  readonly httpRoutes: Readonly<Record<string, string>>;
  readonly realm: GuestRealm;
  /** Runs `fn` on a macrotask of the current app process (dropped when the process is killed). */
  schedule(fn: () => void, ms?: number): void;
  /** Keeps `flush()` waiting while real I/O is in flight. */
  track<T>(p: Promise<T>): Promise<T>;
  inGesture(): boolean;
  /** Runs `fn` inside a user-gesture window (a tap on a modal button counts as a tap). */
  asGesture(fn: () => void): void;
  now(): number;
  readonly navigator: WxNavigator;
  /** The user leaves for a settings page and comes back (page or app hide/show). */
  visitSettings(kind: 'mini-program' | 'system', during: () => void | Promise<void>): Promise<void>;
  appInfo(): { launchPath: string; launchQuery: Record<string, string>; scene: number };
  /** App-wide `wx.onAppShow` / `onAppHide` listeners are fired by the host. */
  readonly appListeners: { show: Set<(o: unknown) => void>; hide: Set<(o: unknown) => void> };
  /** The platform's differences from WeChat (default `WX_DIALECT`). */
  readonly dialect?: PlatformDialect;
}

/** app.json fields the double reads. */
export interface AppJson {
  pages: string[];
  subPackages?: Array<{ root: string; pages: string[] }>;
  subpackages?: Array<{ root: string; pages: string[] }>;
  tabBar?: { list: Array<{ pagePath: string }> };
  requiredPrivateInfos?: string[];
  __usePrivacyCheck__?: boolean;
  permission?: Record<string, { desc: string }>;
  [key: string]: unknown;
}

/** A failure: the reason after `<api>:fail `, the platform's error number, extra fields. */
export type Fail = { reason: string; errno?: number | string; errCode?: number; extra?: Record<string, unknown>; errMsg?: string };
/** What an API implementation settles with. */
export type Outcome = { ok: true; res?: Record<string, unknown> } | ({ ok: false } & Fail);
/** An API implementation of the double. */
export type Impl = (args: Args, call: WxCall) => Outcome | Promise<Outcome>;
/** The argument object of an async API. */
export type Args = Record<string, unknown>;

/**
 * What a platform's double shares with this one, and where it differs. The `wx` double is the
 * WeChat dialect (`WX_DIALECT`); another platform (Douyin: test/tt/tt-double.ts) passes its own
 * tables and an `extend` step that replaces or removes the APIs it documents differently.
 */
export interface PlatformDialect {
  /** The app.json key that switches the privacy framework on (`__usePrivacyCheck__`, `usePrivacyCheck`). */
  readonly privacyCheckKey: string;
  /** The field carrying the error number on fail results (`errno`, `errNo`). */
  readonly errnoField: string;
  /** Error number of a privacy failure of `referrer` (undefined: the result carries none). */
  privacyErrno(referrer: string, kind: 'notAuthorized' | 'notDeclared'): number | string | undefined;
  /** The information types of the platform's privacy agreement and the interfaces each gates. */
  readonly privacyInfoTypes: readonly PrivacyInfoType[];
  /** Interfaces that must be declared in app.json before use. */
  readonly requiredPrivateInfos: readonly string[];
  /** Whether app.json declares `api` (default: WeChat's rule, `requiredPrivateInfos` lists it). */
  isDeclared?(api: string, appJson: AppJson): boolean;
  /** Scope an API prompts for on first use. */
  readonly apiScope: Readonly<Record<string, string>>;
  /** Scope → the OS permission of the host app it also needs. */
  readonly scopeOs: Readonly<Record<string, keyof DeviceSettings['appAuthorize']>>;
  /** Replaces or removes APIs after the shared ones are built (runs before `missingApis`). */
  extend?(kit: DoubleKit): void;
}

/** The double's building blocks, for a dialect's `extend` step. */
export interface DoubleKit {
  /** The API object under construction (the platform's global). */
  readonly api: Record<string, unknown>;
  readonly host: WxHostHooks;
  readonly settings: DeviceSettings;
  /** An async API with success/fail/complete and a Promise; `gateReferrer` names the privacy-gated referrer. */
  asyncApi(name: string, impl: Impl, gateReferrer?: (args: Args) => string | undefined): void;
  syncApi(name: string, impl: (...args: unknown[]) => unknown): void;
  ok(res?: Record<string, unknown>): Outcome;
  fail(reason: string, more?: Partial<Fail>): Outcome;
  /** The scope flow: granted → go; refused before → fail; never asked → prompt once. */
  scopeCheck(scope: string): Fail | undefined;
  /** The OS layer (the host app's own permission, the system switch) of a scope or permission. */
  osCheck(scope: string, api: string): Fail | undefined;
  /** An async API that prompts for `apiScope[name]` (and checks `requiredPrivateInfos`); `gated`: privacy-gated as `name`. */
  scopedApi(name: string, impl: Impl, gated: boolean): void;
  /** The privacy framework for one call: undefined to proceed, or the failure (the call may be held meanwhile). */
  privacyGate(referrer: string, call: WxCall): Promise<Fail | undefined>;
  /** The Bluetooth adapter's state in this process (`openBluetoothAdapter` opens it). */
  readonly bluetooth: { open: boolean };
  /** Something the user saw. */
  prompt(kind: UserPrompt['kind'], detail: Record<string, unknown>): void;
  /** Next `login` code from `options.login` (`code-<n>` by default), or its failure reason. */
  nextLoginCode(): { code: string } | { fail: string };
}

/** APIs whose promisified form WeChat does not offer (they return a task or are documented "不支持"). */
const NO_PROMISE = new Set([
  'request', 'downloadFile', 'uploadFile', 'connectSocket', 'FileSystemManager.writeFile',
  'getPrivacySetting', 'requirePrivacyAuthorize', 'openPrivacyContract',
]);

/** Scope an API prompts for on first use (WeChat asks automatically when the API is called). */
export const WX_API_SCOPE: Readonly<Record<string, string>> = Object.freeze({
  getLocation: 'scope.userLocation',
  startLocationUpdate: 'scope.userLocation',
  startLocationUpdateBackground: 'scope.userLocationBackground',
  getFuzzyLocation: 'scope.userFuzzyLocation',
  startRecord: 'scope.record',
  saveImageToPhotosAlbum: 'scope.writePhotosAlbum',
  saveVideoToPhotosAlbum: 'scope.writePhotosAlbum',
  openBluetoothAdapter: 'scope.bluetooth',
  getWeRunData: 'scope.werun',
  addPhoneContact: 'scope.addPhoneContact',
  addPhoneCalendar: 'scope.addPhoneCalendar',
  addPhoneRepeatCalendar: 'scope.addPhoneCalendar',
});

/** Scope → OS permission of WeChat it also needs. */
export const WX_SCOPE_OS: Readonly<Record<string, keyof DeviceSettings['appAuthorize']>> = Object.freeze({
  'scope.userLocation': 'location',
  'scope.userFuzzyLocation': 'location',
  'scope.userLocationBackground': 'location',
  'scope.camera': 'camera',
  'scope.record': 'microphone',
  'scope.bluetooth': 'bluetooth',
  'scope.writePhotosAlbum': 'album',
  'scope.addPhoneCalendar': 'phoneCalendar',
});

/** WeChat's dialect: the rows of wx-double.conformance.test.ts. */
export const WX_DIALECT: PlatformDialect = Object.freeze({
  privacyCheckKey: '__usePrivacyCheck__',
  errnoField: 'errno',
  privacyErrno: (_referrer: string, kind: 'notAuthorized' | 'notDeclared') => (kind === 'notDeclared' ? WX_ERRNO.privacyNotDeclared : WX_ERRNO.privacyNotAuthorized),
  privacyInfoTypes: PRIVACY_INFO_TYPES,
  requiredPrivateInfos: REQUIRED_PRIVATE_INFOS_APIS,
  apiScope: WX_API_SCOPE,
  scopeOs: WX_SCOPE_OS,
});

function jsonSafe(value: unknown): unknown {
  try {
    return JSON.parse(JSON.stringify(value, (_k, v) => (typeof v === 'function' ? undefined : v)) ?? 'null');
  } catch {
    return String(value);
  }
}

function utf8Bytes(s: string): number {
  return Buffer.byteLength(s, 'utf8');
}

/** The double: `wx` plus everything it recorded. */
export interface WxDouble {
  readonly wx: Record<string, unknown>;
  /** The field carrying the error number on fail results (`errno` on WeChat). */
  readonly errnoField: string;
  readonly calls: WxCall[];
  readonly prompts: UserPrompt[];
  readonly privacyLog: PrivacyLogEntry[];
  /** Privacy-gated calls still held (waiting for resolve). */
  heldCalls(): WxCall[];
  /** The host reports a real tap on `<button open-type="agreePrivacyAuthorization" id=...>`. */
  agreeButtonTapped(buttonId: string): void;
  /** True when WeChat would answer `getPrivacySetting().needAuthorization === true`. */
  needsPrivacyAuthorization(): boolean;
  /**
   * A privacy-gated component is used (`camera`, `button.getPhoneNumber`): recorded like a call, held
   * by the privacy framework, then the scope (if any) and the OS permission are checked.
   */
  componentAccess(referrer: string, scope?: string): Promise<{ ok: true } | { ok: false; errMsg: string; errno?: number | string }>;
  /** A `getPhoneNumber` button code. */
  nextPhoneCode(): string;
  /** Stops delivering results (the process was killed); aborts in-flight requests. */
  dispose(): void;
}

/** Builds a `wx` double bound to one app process. */
export function createWxDouble(host: WxHostHooks): WxDouble {
  const { device, options, realm } = host;
  const dialect = host.dialect ?? WX_DIALECT;
  const s = device.settings;
  const calls: WxCall[] = [];
  const prompts: UserPrompt[] = [];
  const privacyLog: PrivacyLogEntry[] = [];
  const agreeTaps = new Set<string>();
  const inflight = new Set<http.ClientRequest>();
  let privacyListener: ((resolve: (arg: unknown) => void, info: unknown) => void) | undefined;
  let popupGapUntil = 0;
  let loginSeq = 0;
  let phoneSeq = 0;
  let disposed = false;
  const bluetooth = { open: false };
  const authDeny = options.authDenyMessage ?? WX_FAIL.authDeny;
  const gapMs = options.privacyGapMs ?? PRIVACY_POPUP_GAP_MS;

  const toGuest = <T>(v: T): T => (v === undefined ? v : (realm.JSON.parse(JSON.stringify(v)) as T));
  const prompt = (kind: UserPrompt['kind'], detail: Record<string, unknown>): void => {
    prompts.push({ kind, detail, at: host.now() });
  };

  const privacyCheckOn = (): boolean => {
    const mode = options.privacyCheck ?? 'app.json';
    if (mode === 'always') return true;
    if (mode === 'never') return false;
    return host.appJson[dialect.privacyCheckKey] === true;
  };
  const declaredTypes = (): readonly string[] => options.privacyGuide ?? dialect.privacyInfoTypes.map((t) => t.key);
  const needsPrivacyAuthorization = (): boolean => privacyCheckOn() && declaredTypes().length > 0 && !s.privacyAgreed;

  /** WeChat's privacy framework for one call: undefined to proceed, or the failure. */
  const privacyGate = (referrer: string, call: WxCall): Promise<Fail | undefined> => {
    if (!privacyCheckOn()) return Promise.resolve(undefined);
    const type = privacyInfoTypeOf(referrer, dialect.privacyInfoTypes);
    if (type && !declaredTypes().includes(type.key)) {
      return Promise.resolve({ reason: WX_FAIL.privacyNotDeclared, errno: dialect.privacyErrno(referrer, 'notDeclared') });
    }
    if (!needsPrivacyAuthorization()) return Promise.resolve(undefined);
    call.status = 'held';
    if (privacyListener) {
      const listener = privacyListener;
      return new Promise((resolveGate) => {
        let settled = false;
        const resolve = (arg: unknown): void => {
          const a = (arg ?? {}) as { event?: unknown; buttonId?: unknown };
          const event = typeof a.event === 'string' ? a.event : undefined;
          const buttonId = typeof a.buttonId === 'string' ? a.buttonId : undefined;
          if (settled) {
            privacyLog.push({ type: 'ignored-resolve', referrer, event, buttonId, at: host.now() });
            return;
          }
          privacyLog.push({ type: 'resolve', referrer, event, buttonId, at: host.now() });
          if (event === 'exposureAuthorization') return;
          if (event === 'agree') {
            settled = true;
            // The base library checks that this agree button was really tapped.
            if (buttonId !== undefined && agreeTaps.has(buttonId)) {
              s.privacyAgreed = true;
              resolveGate(undefined);
            } else {
              privacyLog.push({ type: 'rejected-agree', referrer, buttonId, at: host.now() });
              resolveGate({ reason: WX_FAIL.privacyNotAuthorized, errno: dialect.privacyErrno(referrer, 'notAuthorized') });
            }
            return;
          }
          if (event === 'disagree') {
            settled = true;
            resolveGate({ reason: WX_FAIL.privacyNotAuthorized, errno: dialect.privacyErrno(referrer, 'notAuthorized') });
          }
        };
        privacyLog.push({ type: 'need-authorization', referrer, at: host.now() });
        host.schedule(() => listener(resolve, toGuest({ referrer })));
      });
    }
    // No listener: WeChat shows its own popup, throttled after a refusal.
    if (host.now() < popupGapUntil) {
      return Promise.resolve({ reason: WX_FAIL.privacyInGap, errno: dialect.privacyErrno(referrer, 'notAuthorized') });
    }
    const answer = s.officialPrivacyPopupAnswer;
    prompt('privacy-popup', { referrer, answer });
    if (answer === 'agree') {
      s.privacyAgreed = true;
      return Promise.resolve(undefined);
    }
    popupGapUntil = host.now() + gapMs;
    return Promise.resolve({ reason: WX_FAIL.privacyNotAuthorized, errno: options.officialPopupRefusalErrno ?? dialect.privacyErrno(referrer, 'notAuthorized') });
  };

  const record = (name: string, args: unknown[]): WxCall => {
    const call: WxCall = {
      seq: calls.length + 1,
      name,
      args: args.map(jsonSafe),
      at: host.now(),
      duringGesture: host.inGesture(),
      privacyGated: isPrivacyGatedCall(name, args[0], dialect.privacyInfoTypes),
      status: 'pending',
    };
    calls.push(call);
    return call;
  };

  const wx: Record<string, unknown> = {};

  /** An async API with success/fail/complete and, where WeChat offers it, a Promise. */
  const asyncApi = (name: string, impl: Impl, gateReferrer?: (args: Args) => string | undefined): void => {
    wx[name] = (rawArgs?: unknown, ...rest: unknown[]): unknown => {
      const args = (rawArgs && typeof rawArgs === 'object' ? rawArgs : {}) as Args;
      const call = record(name, [rawArgs, ...rest]);
      const hasCallbacks = ['success', 'fail', 'complete'].some((k) => typeof args[k] === 'function');
      const run = async (): Promise<Outcome> => {
        const referrer = gateReferrer?.(args);
        if (referrer) {
          const blocked = await privacyGate(referrer, call);
          if (blocked) return { ok: false, ...blocked };
        }
        return impl(args, call);
      };
      const deliver = (outcome: Outcome, settle?: (ok: boolean, res: unknown) => void): void => {
        const res = outcome.ok
          ? { errMsg: `${name}:ok`, ...(outcome.res ?? {}) }
          : {
              errMsg: outcome.errMsg ?? `${name}:fail ${outcome.reason}`,
              ...(outcome.errno !== undefined ? { [dialect.errnoField]: outcome.errno } : {}),
              ...(outcome.errCode !== undefined ? { errCode: outcome.errCode } : {}),
              ...(outcome.extra ?? {}),
            };
        call.status = outcome.ok ? 'ok' : 'fail';
        call.result = jsonSafe(res);
        if (disposed) return;
        host.schedule(() => {
          const guestRes = toGuest(res);
          if (settle) settle(outcome.ok, guestRes);
          const cb = outcome.ok ? args.success : args.fail;
          if (typeof cb === 'function') cb(guestRes);
          if (typeof args.complete === 'function') (args.complete as (r: unknown) => void)(guestRes);
        });
      };
      const started = run().catch((e: unknown): Outcome => ({ ok: false, reason: e instanceof Error ? e.message : String(e) }));
      if (!hasCallbacks && !NO_PROMISE.has(name)) {
        return new realm.Promise((resolve, reject) => {
          void started.then((o) => deliver(o, (ok, res) => (ok ? resolve(res) : reject(res))));
        });
      }
      void started.then((o) => deliver(o));
      return undefined;
    };
  };

  /** A synchronous API: returns, or throws an Error whose message is the errMsg. */
  const syncApi = (name: string, impl: (...args: unknown[]) => unknown): void => {
    wx[name] = (...args: unknown[]): unknown => {
      const call = record(name, args);
      try {
        const value = impl(...args);
        call.status = 'sync';
        call.result = jsonSafe(value);
        return toGuest(value);
      } catch (e) {
        call.status = 'threw';
        const message = e instanceof Error ? e.message : String(e);
        call.result = { errMsg: message };
        throw new realm.Error(message);
      }
    };
  };

  const ok = (res?: Record<string, unknown>): Outcome => ({ ok: true, res });
  const fail = (reason: string, more: Partial<Fail> = {}): Outcome => ({ ok: false, reason, ...more });

  // ---- storage -------------------------------------------------------------------------------
  const storageBytes = (): number => {
    let total = 0;
    for (const [k, v] of device.storage) total += utf8Bytes(k) + utf8Bytes(v);
    return total;
  };
  const storageSet = (key: unknown, data: unknown): string | undefined => {
    if (typeof key !== 'string' || key === '') return 'parameter error: parameter.key should be String instead of ' + typeof key + ';';
    const json = JSON.stringify(data === undefined ? null : data);
    const size = utf8Bytes(key) + utf8Bytes(json);
    if (size > STORAGE_KEY_LIMIT_BYTES) return WX_FAIL.storageItemTooLarge;
    const old = device.storage.get(key);
    const oldSize = old === undefined ? 0 : utf8Bytes(key) + utf8Bytes(old);
    if (storageBytes() - oldSize + size > STORAGE_TOTAL_LIMIT_BYTES) return WX_FAIL.storageFull;
    device.storage.set(key, json);
    return undefined;
  };
  const storageInfo = (): Record<string, unknown> => ({
    keys: [...device.storage.keys()],
    currentSize: Math.ceil(storageBytes() / 1024),
    limitSize: STORAGE_TOTAL_LIMIT_BYTES / 1024,
  });
  asyncApi('setStorage', (a) => {
    const err = storageSet(a.key, a.data);
    return err ? fail(err) : ok();
  });
  syncApi('setStorageSync', (key, data) => {
    const err = storageSet(key, data);
    if (err) throw new Error(`setStorageSync:fail ${err}`);
  });
  asyncApi('getStorage', (a) => {
    const v = typeof a.key === 'string' ? device.storage.get(a.key) : undefined;
    return v === undefined ? fail(WX_FAIL.storageNotFound) : ok({ data: JSON.parse(v) });
  });
  syncApi('getStorageSync', (key) => {
    const v = typeof key === 'string' ? device.storage.get(key) : undefined;
    return v === undefined ? '' : JSON.parse(v);
  });
  asyncApi('removeStorage', (a) => {
    if (typeof a.key === 'string') device.storage.delete(a.key);
    return ok();
  });
  syncApi('removeStorageSync', (key) => {
    if (typeof key === 'string') device.storage.delete(key);
  });
  asyncApi('clearStorage', () => {
    device.storage.clear();
    return ok();
  });
  syncApi('clearStorageSync', () => {
    device.storage.clear();
  });
  asyncApi('getStorageInfo', () => ok(storageInfo()));
  syncApi('getStorageInfoSync', () => storageInfo());

  // ---- scopes ----------------------------------------------------------------------------------
  /** The OS layer (WeChat's own permission and the system switch) for a scope. */
  const osCheck = (scope: string, api: string): Fail | undefined => {
    const os = dialect.scopeOs[scope];
    if (!os) return undefined;
    if (s.appAuthorize[os] === 'not determined') {
      const allow = s.osPromptAnswer === 'allow';
      prompt('os', { permission: os, answer: s.osPromptAnswer, api });
      s.appAuthorize[os] = allow ? 'authorized' : 'denied';
    }
    if (os === 'bluetooth') return undefined; // reported by openBluetoothAdapter itself (10001 / state)
    if (s.appAuthorize[os] === 'denied') return { reason: WX_FAIL.systemPermissionDenied };
    if (os === 'location' && !s.system.locationEnabled) return { reason: WX_FAIL.locationSwitchOff };
    return undefined;
  };
  /** WeChat's scope flow: granted → go; refused before → fail at once; never asked → prompt once. */
  const scopeCheck = (scope: string): Fail | undefined => {
    const current = s.authSetting[scope];
    if (current === true) return undefined;
    if (current === false) return { reason: authDeny };
    const answer = s.scopeAnswers[scope] ?? 'accept';
    prompt('scope', { scope, answer });
    s.authSetting[scope] = answer === 'accept';
    return answer === 'accept' ? undefined : { reason: authDeny };
  };
  const scopedApi = (name: string, impl: Impl, gated: boolean): void => {
    asyncApi(
      name,
      (a, call) => {
        const declared = dialect.isDeclared ? dialect.isDeclared(name, host.appJson) : (host.appJson.requiredPrivateInfos ?? []).includes(name);
        if (dialect.requiredPrivateInfos.includes(name) && !declared) {
          return fail(WX_FAIL.requiredPrivateInfos);
        }
        const scope = dialect.apiScope[name];
        if (scope) {
          const denied = scopeCheck(scope) ?? osCheck(scope, name);
          if (denied) return { ok: false, ...denied };
        }
        return impl(a, call);
      },
      gated ? () => name : undefined,
    );
  };

  asyncApi(
    'authorize',
    (a) => {
      const scope = typeof a.scope === 'string' ? a.scope : '';
      if (!scope.startsWith('scope.')) return fail('invalid scope');
      const denied = scopeCheck(scope);
      if (denied) return { ok: false, ...denied };
      return ok();
    },
    (a) => (typeof a.scope === 'string' && dialect.privacyInfoTypes.some((t) => t.scopes.includes(a.scope as string)) ? 'authorize' : undefined),
  );
  asyncApi('getSetting', () => ok({ authSetting: { ...s.authSetting } }));
  asyncApi('openSetting', async () => {
    if (!host.inGesture()) return fail(WX_FAIL.notTap);
    prompt('settings', {});
    await host.visitSettings('mini-program', () => options.onOpenSetting?.(s));
    return ok({ authSetting: { ...s.authSetting } });
  });
  syncApi('getAppAuthorizeSetting', () => ({
    albumAuthorized: s.appAuthorize.album,
    bluetoothAuthorized: s.appAuthorize.bluetooth,
    cameraAuthorized: s.appAuthorize.camera,
    locationAuthorized: s.appAuthorize.location,
    microphoneAuthorized: s.appAuthorize.microphone,
    notificationAuthorized: s.appAuthorize.notification,
    phoneCalendarAuthorized: s.appAuthorize.phoneCalendar,
    ...(s.platform === 'ios' ? { locationReducedAccuracy: false } : {}),
  }));
  syncApi('getSystemSetting', () => ({
    bluetoothEnabled: s.system.bluetoothEnabled,
    locationEnabled: s.system.locationEnabled,
    wifiEnabled: s.system.wifiEnabled,
    deviceOrientation: 'portrait',
  }));
  asyncApi('openAppAuthorizeSetting', async () => {
    prompt('app-settings', {});
    await host.visitSettings('system', () => options.onOpenAppAuthorizeSetting?.(s));
    return ok();
  });

  // ---- privacy framework -------------------------------------------------------------------------
  asyncApi('getPrivacySetting', () => ok({ needAuthorization: needsPrivacyAuthorization(), privacyContractName: s.privacyContractName }));
  wx.onNeedPrivacyAuthorization = (listener: unknown): void => {
    record('onNeedPrivacyAuthorization', [listener]).status = 'sync';
    if (typeof listener === 'function') privacyListener = listener as typeof privacyListener;
  };
  asyncApi('requirePrivacyAuthorize', () => ok(), () => 'requirePrivacyAuthorize');
  asyncApi('openPrivacyContract', () => {
    prompt('privacy-contract', { name: s.privacyContractName });
    return ok();
  });

  // ---- location ------------------------------------------------------------------------------
  const position = (): Record<string, unknown> => ({ ...s.location, speed: -1, altitude: 0, verticalAccuracy: 0, horizontalAccuracy: s.location.accuracy });
  scopedApi('getFuzzyLocation', () => ok({ latitude: s.location.latitude, longitude: s.location.longitude }), true);
  scopedApi('getLocation', () => ok(position()), true);
  scopedApi('chooseLocation', () => ok({ name: '', address: '', latitude: s.location.latitude, longitude: s.location.longitude }), true);
  scopedApi('choosePoi', () => ok({ type: 1, city: 0, name: '', address: '', latitude: s.location.latitude, longitude: s.location.longitude }), true);
  scopedApi('chooseAddress', () => ok({ userName: '张三', telNumber: '020-81167888', provinceName: '广东省', cityName: '广州市', countyName: '海珠区', detailInfo: '新港中路397号', postalCode: '510000', nationalCode: '510000' }), true);
  scopedApi('startLocationUpdate', () => ok(), true);

  // ---- bluetooth -----------------------------------------------------------------------------
  scopedApi('openBluetoothAdapter', () => {
    const ios = s.platform === 'ios';
    if (s.appAuthorize.bluetooth === 'denied') {
      return fail(WX_FAIL.bluetoothNotAvailable, { errCode: 10001, errMsg: `openBluetoothAdapter:fail:${WX_FAIL.bluetoothNotAvailable}`, extra: ios ? { state: 3 } : {} });
    }
    if (!s.system.bluetoothEnabled) {
      return fail(WX_FAIL.bluetoothNotAvailable, { errCode: 10001, errMsg: `openBluetoothAdapter:fail:${WX_FAIL.bluetoothNotAvailable}`, extra: ios ? { state: 4 } : {} });
    }
    bluetooth.open = true;
    return ok({ errCode: 0 });
  }, true);
  asyncApi('closeBluetoothAdapter', () => {
    bluetooth.open = false;
    return ok();
  });
  asyncApi('getBluetoothAdapterState', () =>
    bluetooth.open ? ok({ discovering: false, available: s.system.bluetoothEnabled }) : fail(WX_FAIL.bluetoothNotInit, { errCode: 10000 }));
  asyncApi('startBluetoothDevicesDiscovery', () => (bluetooth.open ? ok({ errCode: 0 }) : fail(WX_FAIL.bluetoothNotInit, { errCode: 10000 })));
  asyncApi('stopBluetoothDevicesDiscovery', () => (bluetooth.open ? ok({ errCode: 0 }) : fail(WX_FAIL.bluetoothNotInit, { errCode: 10000 })));
  for (const name of ['onBluetoothDeviceFound', 'onBluetoothAdapterStateChange', 'offBluetoothDeviceFound', 'offBluetoothAdapterStateChange']) {
    wx[name] = (fn: unknown) => void record(name, [fn]);
  }

  // ---- other gated interfaces ------------------------------------------------------------------
  const files = (): string[] => [...(options.tempFiles ?? ['wxfile://tmp/photo-1.jpg'])];
  scopedApi('chooseImage', () => ok({ tempFilePaths: files(), tempFiles: files().map((path) => ({ path, size: 1024 })) }), true);
  scopedApi('chooseMedia', () => ok({ type: 'image', tempFiles: files().map((tempFilePath) => ({ tempFilePath, size: 1024, fileType: 'image' })) }), true);
  scopedApi('chooseVideo', () => ok({ tempFilePath: 'wxfile://tmp/video-1.mp4', duration: 3, size: 2048, height: 720, width: 1280 }), true);
  scopedApi('chooseMessageFile', () => ok({ tempFiles: files().map((path) => ({ path, size: 1024, name: path.split('/').pop(), type: 'file', time: 0 })) }), true);
  scopedApi('getUserProfile', () => (host.inGesture() ? ok({ userInfo: { nickName: '微信用户', avatarUrl: '', gender: 0, language: s.language } }) : fail(WX_FAIL.notTap, { errMsg: `getUserProfile:fail ${WX_FAIL.notTap}` }, )), true);
  scopedApi('getWeRunData', () => ok({ encryptedData: 'enc', iv: 'iv', cloudID: 'cloud' }), true);
  scopedApi('saveImageToPhotosAlbum', () => ok(), true);
  scopedApi('saveVideoToPhotosAlbum', () => ok(), true);
  scopedApi('startRecord', () => ok({ tempFilePath: 'wxfile://tmp/record-1.silk' }), true);
  scopedApi('addPhoneContact', () => ok(), true);
  scopedApi('addPhoneCalendar', () => ok(), true);
  scopedApi('chooseInvoiceTitle', () => ok({ type: '0', title: '', taxNumber: '' }), true);
  let clipboard = '';
  scopedApi('setClipboardData', (a) => {
    clipboard = String(a.data ?? '');
    return ok();
  }, true);
  scopedApi('getClipboardData', () => ok({ data: clipboard }), true);
  asyncApi('requestSubscribeMessage', (a) => {
    if (!host.inGesture()) return fail(WX_FAIL.notTap);
    const ids = Array.isArray(a.tmplIds) ? (a.tmplIds as unknown[]).map(String) : [];
    prompt('subscribe', { tmplIds: ids, answer: s.subscribeAnswer });
    return ok(Object.fromEntries(ids.map((id) => [id, s.subscribeAnswer])));
  });
  asyncApi('scanCode', () => ok({ result: options.scanResult ?? '', scanType: 'QR_CODE', charSet: 'utf-8', path: '', rawData: '' }));

  // ---- files: FileSystemManager.writeFile (callbacks only) and shareFileMessage ----------------
  const userFiles = (): Map<string, string> => (device.files ??= new Map());
  // Recorded as FileSystemManager.writeFile; WeChat's errMsg says writeFile.
  const fsFail = (reason: string): Outcome => fail(reason, { errMsg: `writeFile:fail ${reason}` });
  asyncApi('FileSystemManager.writeFile', (a) => {
    const filePath = typeof a.filePath === 'string' ? a.filePath : '';
    if (typeof a.data !== 'string') return fsFail('parameter error: parameter.data should be String');
    const encoding = a.encoding ?? 'utf8';
    if (encoding !== 'utf8' && encoding !== 'utf-8') return fsFail(`invalid encoding ${String(encoding)} (this double writes text only)`);
    // Only the user data folder is writable; a folder that does not exist fails as on WeChat.
    const dir = filePath.slice(0, filePath.lastIndexOf('/'));
    if (!filePath.startsWith(`${USER_DATA_PATH}/`)) return fsFail(`permission denied, open ${dir || filePath}`);
    if (dir !== USER_DATA_PATH) return fsFail(`no such file or directory, open ${filePath}`);
    let total = 0;
    for (const [path, text] of userFiles()) if (path !== filePath) total += utf8Bytes(text);
    if (total + utf8Bytes(a.data) > USER_FILES_LIMIT_BYTES) return fsFail(WX_FAIL.fileStorageFull);
    userFiles().set(filePath, a.data);
    return ok({ errMsg: 'writeFile:ok' });
  });
  const writeFile = wx['FileSystemManager.writeFile'];
  delete wx['FileSystemManager.writeFile'];
  wx.getFileSystemManager = (): unknown => {
    record('getFileSystemManager', []).status = 'sync';
    return { writeFile };
  };
  asyncApi('shareFileMessage', (a) => {
    // Documented limit: "仅在点击行为时调用" (only from a tap).
    if (!host.inGesture()) return fail(WX_FAIL.notTap);
    const filePath = typeof a.filePath === 'string' ? a.filePath : '';
    if (!userFiles().has(filePath)) return fail(`no such file or directory ${filePath}`);
    const fileName = typeof a.fileName === 'string' && a.fileName !== '' ? a.fileName : filePath.split('/').pop();
    prompt('share-file', { filePath, fileName, answer: s.shareFileAnswer });
    return s.shareFileAnswer === 'send' ? ok() : fail(WX_FAIL.cancel);
  });

  // ---- login, network ----------------------------------------------------------------------------
  const nextLoginCode = (): { code: string } | { fail: string } => {
    loginSeq += 1;
    const made = options.login ? options.login() : `code-${loginSeq}`;
    return typeof made === 'object' ? made : { code: made };
  };
  asyncApi('login', () => {
    const made = nextLoginCode();
    return 'fail' in made ? fail(made.fail) : ok({ code: made.code });
  });
  asyncApi('checkSession', () => ok());
  asyncApi('getNetworkType', () => ok({ networkType: s.networkType, signalStrength: 0, hasSystemProxy: false }));
  for (const name of ['onNetworkStatusChange', 'offNetworkStatusChange', 'onMemoryWarning', 'onUnhandledRejection', 'onError', 'offError', 'onPageNotFound', 'onThemeChange']) {
    wx[name] = (fn: unknown) => void record(name, [fn]);
  }
  wx.onAppShow = (fn: unknown): void => {
    record('onAppShow', [fn]);
    if (typeof fn === 'function') host.appListeners.show.add(fn as (o: unknown) => void);
  };
  wx.onAppHide = (fn: unknown): void => {
    record('onAppHide', [fn]);
    if (typeof fn === 'function') host.appListeners.hide.add(fn as (o: unknown) => void);
  };
  wx.offAppShow = (fn: unknown): void => {
    record('offAppShow', [fn]);
    host.appListeners.show.delete(fn as (o: unknown) => void);
  };
  wx.offAppHide = (fn: unknown): void => {
    record('offAppHide', [fn]);
    host.appListeners.hide.delete(fn as (o: unknown) => void);
  };

  wx.request = (rawArgs?: unknown): unknown => {
    const a = (rawArgs ?? {}) as Args;
    const call = record('request', [rawArgs]);
    let aborted = false;
    let req: http.ClientRequest | undefined;
    const finish = (outcome: { ok: true; res: Record<string, unknown> } | { ok: false; reason: string }): void => {
      const res = outcome.ok ? { errMsg: 'request:ok', ...outcome.res } : { errMsg: `request:fail ${outcome.reason}` };
      call.status = outcome.ok ? 'ok' : 'fail';
      call.result = jsonSafe(res);
      if (disposed) return;
      host.schedule(() => {
        const guestRes = toGuest(res);
        const cb = outcome.ok ? a.success : a.fail;
        if (typeof cb === 'function') cb(guestRes);
        if (typeof a.complete === 'function') (a.complete as (r: unknown) => void)(guestRes);
      });
    };
    const url = String(a.url ?? '');
    const route = Object.entries(host.httpRoutes).find(([origin]) => url === origin || url.startsWith(origin.endsWith('/') ? origin : `${origin}/`) || url.startsWith(`${origin}?`));
    if (!route) {
      finish({ ok: false, reason: WX_FAIL.urlNotInDomainList });
      return { abort() {}, onHeadersReceived() {}, offHeadersReceived() {}, onChunkReceived() {}, offChunkReceived() {} };
    }
    const method = String(a.method ?? 'GET').toUpperCase();
    const target = new URL(route[1].replace(/\/$/, '') + url.slice(route[0].replace(/\/$/, '').length));
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries((a.header ?? {}) as Record<string, unknown>)) headers[k.toLowerCase()] = String(v);
    let body: string | undefined;
    if (a.data !== undefined && a.data !== null) {
      if (method === 'GET') {
        if (typeof a.data === 'object') for (const [k, v] of Object.entries(a.data as Record<string, unknown>)) target.searchParams.append(k, typeof v === 'object' ? JSON.stringify(v) : String(v));
        else target.search = String(a.data);
      } else if (typeof a.data === 'string') {
        body = a.data;
      } else if ((headers['content-type'] ?? '').includes('application/x-www-form-urlencoded')) {
        body = new URLSearchParams(Object.entries(a.data as Record<string, unknown>).map(([k, v]) => [k, String(v)])).toString();
      } else {
        headers['content-type'] ??= 'application/json';
        body = JSON.stringify(a.data);
      }
    }
    const timeout = typeof a.timeout === 'number' ? a.timeout : 60_000;
    const transport = target.protocol === 'https:' ? https : http;
    const done = host.track(
      new Promise<void>((resolveDone) => {
        req = transport.request(target, { method, headers }, (resp) => {
          const chunks: Buffer[] = [];
          resp.on('data', (c: Buffer) => chunks.push(c));
          resp.on('end', () => {
            inflight.delete(req as http.ClientRequest);
            const text = Buffer.concat(chunks).toString('utf8');
            let data: unknown = text;
            if ((a.dataType ?? 'json') === 'json') {
              try {
                data = JSON.parse(text);
              } catch {
                data = text; // WeChat hands back the raw string when the body is not JSON
              }
            }
            const header: Record<string, string> = {};
            for (const [k, v] of Object.entries(resp.headers)) if (v !== undefined) header[k] = Array.isArray(v) ? v.join(',') : v;
            finish({ ok: true, res: { data, statusCode: resp.statusCode ?? 0, header, cookies: [] } });
            resolveDone();
          });
          resp.on('error', (e) => {
            inflight.delete(req as http.ClientRequest);
            if (!aborted) finish({ ok: false, reason: e.message });
            resolveDone();
          });
        });
        inflight.add(req);
        req.setTimeout(timeout, () => {
          req?.destroy(new Error(WX_FAIL.requestTimeout));
        });
        req.on('error', (e: NodeJS.ErrnoException) => {
          inflight.delete(req as http.ClientRequest);
          if (aborted) finish({ ok: false, reason: WX_FAIL.requestAbort });
          else if (e.message === WX_FAIL.requestTimeout) finish({ ok: false, reason: WX_FAIL.requestTimeout });
          else finish({ ok: false, reason: e.code ?? e.message });
          resolveDone();
        });
        if (body !== undefined) req.write(body);
        req.end();
      }),
    );
    void done;
    return {
      abort() {
        aborted = true;
        req?.destroy(new Error(WX_FAIL.requestAbort));
      },
      onHeadersReceived() {},
      offHeadersReceived() {},
      onChunkReceived() {},
      offChunkReceived() {},
    };
  };

  // ---- interaction -----------------------------------------------------------------------------
  asyncApi('showToast', (a) => {
    prompt('toast', { title: a.title, icon: a.icon ?? 'success', duration: a.duration ?? 1500 });
    return ok();
  });
  asyncApi('hideToast', () => ok());
  asyncApi('showLoading', (a) => {
    prompt('loading', { title: a.title });
    return ok();
  });
  asyncApi('hideLoading', () => ok());
  wx.showModal = (rawArgs?: unknown): unknown => {
    const a = (rawArgs ?? {}) as Args;
    const call = record('showModal', [rawArgs]);
    const answer = s.modalAnswers.shift() ?? { confirm: true };
    prompt('modal', { title: a.title, content: a.content, confirmText: a.confirmText, cancelText: a.cancelText, answer });
    const res = { errMsg: 'showModal:ok', confirm: answer.confirm, cancel: !answer.confirm, ...(a.editable ? { content: answer.content ?? '' } : {}) };
    call.status = 'ok';
    call.result = res;
    const hasCallbacks = ['success', 'fail', 'complete'].some((k) => typeof a[k] === 'function');
    let settle: ((v: unknown) => void) | undefined;
    const p = hasCallbacks ? undefined : new realm.Promise((r) => (settle = r));
    // The user's tap on a modal button is itself a gesture (openSetting from a modal's confirm works).
    host.schedule(() =>
      host.asGesture(() => {
        const guestRes = toGuest(res);
        settle?.(guestRes);
        if (typeof a.success === 'function') a.success(guestRes);
        if (typeof a.complete === 'function') a.complete(guestRes);
      }),
    );
    return p;
  };
  asyncApi('showActionSheet', () => fail(WX_FAIL.cancel));
  asyncApi('vibrateShort', () => ok());
  asyncApi('makePhoneCall', () => ok());

  // ---- navigation (delegated to the host's page stack) ------------------------------------------
  const nav = (name: string, run: (a: Args) => Promise<void>): void =>
    asyncApi(name, async (a) => {
      try {
        await run(a);
        return ok();
      } catch (e) {
        return fail(e instanceof Error ? e.message : String(e));
      }
    });
  nav('navigateTo', (a) => host.navigator.navigateTo(String(a.url ?? '')));
  nav('redirectTo', (a) => host.navigator.redirectTo(String(a.url ?? '')));
  nav('navigateBack', (a) => host.navigator.navigateBack(typeof a.delta === 'number' ? a.delta : 1));
  nav('switchTab', (a) => host.navigator.switchTab(String(a.url ?? '')));
  nav('reLaunch', (a) => host.navigator.reLaunch(String(a.url ?? '')));
  asyncApi('navigateToMiniProgram', () => fail(WX_FAIL.cancel));
  asyncApi('setNavigationBarTitle', () => ok());
  asyncApi('setNavigationBarColor', () => ok());
  asyncApi('showNavigationBarLoading', () => ok());
  asyncApi('hideNavigationBarLoading', () => ok());
  asyncApi('pageScrollTo', () => ok());
  asyncApi('stopPullDownRefresh', () => ok());
  asyncApi('startPullDownRefresh', () => ok());
  asyncApi('hideHomeButton', () => ok());
  asyncApi('showShareMenu', () => ok());
  asyncApi('hideShareMenu', () => ok());
  asyncApi('setBackgroundColor', () => ok());
  asyncApi('setBackgroundTextStyle', () => ok());
  asyncApi('loadSubPackage', () => ok());

  // ---- base ------------------------------------------------------------------------------------
  const windowInfo = () => ({ pixelRatio: 2, screenWidth: 375, screenHeight: 812, windowWidth: 375, windowHeight: 724, statusBarHeight: 44, safeArea: { left: 0, right: 375, top: 44, bottom: 778, width: 375, height: 734 }, screenTop: 0 });
  const appBase = () => ({ SDKVersion: '3.6.0', enableDebug: false, host: { appId: '' }, language: s.language, version: '8.0.50', theme: 'light' });
  const deviceInfo = () => ({ abi: 'arm64', benchmarkLevel: 1, brand: 'devtools', model: 'simulated', platform: s.platform, system: s.platform === 'ios' ? 'iOS 17.0' : 'Android 14', memorySize: 8192 });
  syncApi('getWindowInfo', windowInfo);
  syncApi('getAppBaseInfo', appBase);
  syncApi('getDeviceInfo', deviceInfo);
  const systemInfo = () => ({
    ...windowInfo(), ...appBase(), ...deviceInfo(),
    fontSizeSetting: 16,
    bluetoothEnabled: s.system.bluetoothEnabled,
    locationEnabled: s.system.locationEnabled,
    wifiEnabled: s.system.wifiEnabled,
    cameraAuthorized: s.appAuthorize.camera === 'authorized',
    locationAuthorized: s.appAuthorize.location === 'authorized',
    microphoneAuthorized: s.appAuthorize.microphone === 'authorized',
    notificationAuthorized: s.appAuthorize.notification === 'authorized',
    albumAuthorized: s.appAuthorize.album === 'authorized',
    bluetoothAuthorized: s.appAuthorize.bluetooth === 'authorized',
  });
  syncApi('getSystemInfoSync', systemInfo);
  asyncApi('getSystemInfo', () => ok(systemInfo()));
  syncApi('getAccountInfoSync', () => ({ miniProgram: { appId: 'touristappid', envVersion: 'release', version: '' } }));
  syncApi('getLaunchOptionsSync', () => {
    const i = host.appInfo();
    return { path: i.launchPath, query: i.launchQuery, scene: i.scene, referrerInfo: {} };
  });
  syncApi('getEnterOptionsSync', () => {
    const i = host.appInfo();
    return { path: i.launchPath, query: i.launchQuery, scene: i.scene, referrerInfo: {}, apiCategory: 'default' };
  });
  syncApi('getMenuButtonBoundingClientRect', () => ({ width: 87, height: 32, top: 48, right: 368, bottom: 80, left: 281 }));
  wx.canIUse = (schema: unknown): boolean => {
    record('canIUse', [schema]).status = 'sync';
    const name = String(schema ?? '').split('.')[0];
    return typeof wx[name] === 'function';
  };
  wx.nextTick = (fn: unknown): void => {
    if (typeof fn === 'function') host.schedule(fn as () => void);
  };
  wx.reportEvent = (...args: unknown[]): void => void record('reportEvent', args);
  wx.reportAnalytics = (...args: unknown[]): void => void record('reportAnalytics', args);
  const selectorQuery = (): Record<string, unknown> => {
    const q: Record<string, unknown> = {};
    const node = { boundingClientRect: () => q, scrollOffset: () => q, fields: () => q, node: () => q, context: () => q };
    Object.assign(q, {
      in: () => q,
      select: () => node,
      selectAll: () => node,
      selectViewport: () => node,
      exec: (cb?: unknown) => {
        if (typeof cb === 'function') host.schedule(() => (cb as (r: unknown) => void)(toGuest([null])));
      },
    });
    return q;
  };
  wx.createSelectorQuery = (): unknown => {
    record('createSelectorQuery', []).status = 'sync';
    return selectorQuery();
  };
  wx.createIntersectionObserver = (): unknown => {
    record('createIntersectionObserver', []).status = 'sync';
    const o: Record<string, unknown> = {};
    Object.assign(o, { relativeTo: () => o, relativeToViewport: () => o, observe: () => undefined, disconnect: () => undefined });
    return o;
  };
  wx.getUpdateManager = (): unknown => {
    record('getUpdateManager', []).status = 'sync';
    return { onCheckForUpdate() {}, onUpdateReady() {}, onUpdateFailed() {}, applyUpdate() {} };
  };
  wx.env = { USER_DATA_PATH };

  dialect.extend?.({ api: wx, host, settings: s, asyncApi, syncApi, ok, fail, scopeCheck, osCheck, scopedApi, privacyGate, bluetooth, prompt, nextLoginCode });
  for (const name of options.missingApis ?? []) delete wx[name];

  return {
    wx,
    errnoField: dialect.errnoField,
    calls,
    prompts,
    privacyLog,
    heldCalls: () => calls.filter((c) => c.status === 'held'),
    agreeButtonTapped(buttonId: string) {
      agreeTaps.add(buttonId);
      // Tapping the agree button itself tells WeChat the user agreed (privacy development guide).
      if (privacyCheckOn()) s.privacyAgreed = true;
      privacyLog.push({ type: 'agree-button', buttonId, at: host.now() });
    },
    needsPrivacyAuthorization,
    async componentAccess(referrer: string, scope?: string) {
      const call = record(referrer, []);
      const settleWith = (r: { ok: true } | { ok: false; errMsg: string; errno?: number | string }) => {
        call.status = r.ok ? 'ok' : 'fail';
        call.result = r;
        return r;
      };
      const blocked = await privacyGate(referrer, call);
      if (blocked) return settleWith({ ok: false, errMsg: blocked.reason, errno: blocked.errno });
      if (scope) {
        const denied = scopeCheck(scope) ?? osCheck(scope, referrer);
        if (denied) return settleWith({ ok: false, errMsg: denied.reason });
      }
      return settleWith({ ok: true });
    },
    nextPhoneCode() {
      phoneSeq += 1;
      return options.phoneCode ? options.phoneCode() : `phone-code-${phoneSeq}`;
    },
    dispose() {
      disposed = true;
      for (const req of inflight) req.destroy();
      inflight.clear();
    },
  };
}
