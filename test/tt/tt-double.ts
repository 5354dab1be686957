/**
 * A `tt` double that follows Douyin's documented behaviour, for running the compiled tt build in
 * Node. Douyin's mini-program APIs are WeChat's in most respects (callbacks, `errMsg`
 * "<api>:ok" / "<api>:fail <reason>", the privacy framework's names, storage, request), so this
 * double is the `wx` double with Douyin's dialect: only the differences are written here, and each
 * is a row of `tt-double.conformance.test.ts` with the page it comes from. Where Douyin's docs say
 * nothing about a behaviour, the WeChat behaviour is kept and the comment says so.
 */
import type { PrivacyInfoType } from '../weapp/privacy-apis';
import { createWxDouble, WX_FAIL, type AppJson, type DoubleKit, type PlatformDialect, type WxDouble, type WxHostHooks, type WxOptions } from '../weapp/wx-double';

/** Behaviour switches of the `tt` double (those of the `wx` double, plus Douyin's login). */
export interface TtOptions extends WxOptions {
  /** The user is logged in to the Douyin app: only then does `tt.login` give a `code` (default true). */
  hostLoggedIn?: boolean;
  /** What a logged-out user does in Douyin's login window that `tt.login({ force: true })` opens (default 'cancel'). */
  hostLoginAnswer?: 'login' | 'cancel';
  /**
   * Douyin's own Bluetooth question to the user. tt.openBluetoothAdapter documents 186690 "auth
   * deny" (a user refusal) but not when Douyin asks: by default it never does ('none'); a test
   * scripts the question and its answer ('accept' / 'reject', asked once, remembered per device).
   */
  bluetoothPrompt?: 'none' | 'accept' | 'reject';
}

/**
 * Error numbers Douyin documents per API (`errNo` on the fail result). tt.getLocation's table:
 * 10201 "privacy permission is not authorized" (the user refused the privacy agreement), 10202
 * "api scope is not declared in the privacy agreement".
 */
export const TT_ERRNO = Object.freeze({
  getLocation: Object.freeze({ notAuthorized: 10201, notDeclared: 10202 }),
});

/**
 * tt.openBluetoothAdapter's documented error codes, carried as a string in `errorCode` (its
 * table: errorCode / errMsg / errorType): 186679 "api scope is not declared in the privacy
 * agreement" (type D, the developer's), 186680 "privacy permission is not authorized" (U, the
 * user's), 186689 "system auth deny" (U: the OS refused Douyin Bluetooth), 186690 "auth deny" (U).
 */
export const TT_BLUETOOTH_ERROR = Object.freeze({
  notDeclared: '186679',
  notAuthorized: '186680',
  systemAuthDeny: '186689',
  authDeny: '186690',
});

/** Fail reasons Douyin documents that WeChat words differently or lacks. */
export const TT_FAIL = Object.freeze({
  systemAuthDeny: 'system auth deny',
  hostLoginFail: 'host login fail',
});

/**
 * Douyin's privacy information types and the interfaces they gate, keyed like WeChat's so the
 * `privacyGuide` option works alike. Douyin's privacy-agreement page maps each information type
 * (地理位置, 相机, 相册, 剪切板, 日历, 麦克风, 通讯地址, 手机号, 用户头像昵称 ...) to interfaces;
 * the interfaces named here are those whose own pages document a privacy failure (tt.getLocation,
 * tt.openBluetoothAdapter) or whose scope AuthSetting ties to the type (scope.camera ↔ tt.scanCode,
 * tt.chooseImage, tt.chooseVideo; scope.userLocation ↔ tt.getLocation, tt.chooseLocation).
 */
export const TT_PRIVACY_INFO_TYPES: readonly PrivacyInfoType[] = Object.freeze([
  { key: 'userInfo', label: '用户头像、昵称', apis: ['getUserProfile', 'getUserInfo'], scopes: ['scope.userInfo'], components: [] },
  { key: 'phoneNumber', label: '手机号', apis: [], scopes: [], components: ['button.getPhoneNumber'] },
  { key: 'address', label: '通讯地址', apis: ['chooseAddress'], scopes: ['scope.address'], components: [] },
  { key: 'location', label: '地理位置', apis: ['getLocation', 'chooseLocation', 'startLocationUpdate'], scopes: ['scope.userLocation'], components: [] },
  { key: 'clipboard', label: '剪切板', apis: ['getClipboardData', 'setClipboardData'], scopes: ['scope.clipboard'], components: [] },
  { key: 'calendar', label: '日历', apis: ['addPhoneCalendar'], scopes: ['scope.calendar'], components: [] },
  { key: 'record', label: '麦克风', apis: ['startRecord'], scopes: ['scope.record'], components: [] },
  { key: 'camera', label: '相机', apis: ['scanCode', 'chooseImage', 'chooseVideo', 'chooseMedia'], scopes: ['scope.camera'], components: ['camera'] },
  { key: 'album', label: '相册', apis: ['saveImageToPhotosAlbum', 'saveVideoToPhotosAlbum'], scopes: ['scope.album'], components: [] },
  { key: 'bluetooth', label: '蓝牙', apis: ['openBluetoothAdapter'], scopes: [], components: [] },
].map((t) => Object.freeze({ ...t, apis: Object.freeze(t.apis), scopes: Object.freeze(t.scopes), components: Object.freeze(t.components) })));

/** The scopes Douyin's AuthSetting documents (tt.getSetting / tt.openSetting / tt.authorize). No Bluetooth and no fuzzy-location scope. */
export const TT_SCOPES: readonly string[] = Object.freeze([
  'scope.userInfo', 'scope.userLocation', 'scope.address', 'scope.record', 'scope.album', 'scope.camera', 'scope.hostId', 'scope.clipboard', 'scope.calendar',
]);

/** Scope an API asks for when called (AuthSetting: "对应接口"). */
export const TT_API_SCOPE: Readonly<Record<string, string>> = Object.freeze({
  getLocation: 'scope.userLocation',
  chooseLocation: 'scope.userLocation',
  startLocationUpdate: 'scope.userLocation',
  scanCode: 'scope.camera',
  chooseImage: 'scope.camera',
  chooseVideo: 'scope.camera',
  chooseMedia: 'scope.camera',
  chooseAddress: 'scope.address',
  getClipboardData: 'scope.clipboard',
  setClipboardData: 'scope.clipboard',
  startRecord: 'scope.record',
  saveImageToPhotosAlbum: 'scope.album',
  saveVideoToPhotosAlbum: 'scope.album',
  addPhoneCalendar: 'scope.calendar',
});

/**
 * WeChat interfaces Douyin does not have: no system-permission trio (Douyin's "设置" section lists
 * only tt.getSetting, tt.openSetting and AuthSetting), no fuzzy location (its location section:
 * getLocation, chooseLocation, openLocation, startLocationUpdate …), no file sharing into a chat,
 * no getAppBaseInfo (system information is tt.getSystemInfo / getSystemInfoSync).
 */
export const TT_ABSENT_APIS: readonly string[] = Object.freeze([
  'getAppAuthorizeSetting', 'getSystemSetting', 'openAppAuthorizeSetting', 'getFuzzyLocation', 'shareFileMessage', 'getAppBaseInfo',
]);

/** tt.login: `code` only for a user logged in to Douyin; `anonymousCode` always; `isLogin`. */
function ttLogin(kit: DoubleKit): void {
  const options = kit.host.options as TtOptions;
  let anonymousSeq = 0;
  kit.asyncApi('login', (a) => {
    anonymousSeq += 1;
    const anonymousCode = `anonymous-code-${anonymousSeq}`;
    let loggedIn = options.hostLoggedIn ?? true;
    if (!loggedIn && a.force !== false) {
      // force (default true): Douyin's own login window opens; cancelling it fails the call.
      const answer = options.hostLoginAnswer ?? 'cancel';
      kit.prompt('host-login', { answer });
      if (answer === 'cancel') return kit.fail(TT_FAIL.hostLoginFail);
      loggedIn = true;
    }
    if (!loggedIn) return kit.ok({ anonymousCode, isLogin: false });
    const made = kit.nextLoginCode();
    return 'fail' in made ? kit.fail(made.fail) : kit.ok({ code: made.code, anonymousCode, isLogin: true });
  });
}

/** tt.authorize: Douyin's scopes only; success carries `data: { [scope]: 'ok' }`. */
function ttAuthorize(kit: DoubleKit): void {
  kit.asyncApi(
    'authorize',
    (a) => {
      const scope = typeof a.scope === 'string' ? a.scope : '';
      // Douyin documents no text for an unknown scope: WeChat's "invalid scope" is kept.
      if (!TT_SCOPES.includes(scope)) return kit.fail('invalid scope');
      const denied = kit.scopeCheck(scope);
      if (denied) return { ok: false, ...denied };
      return kit.ok({ data: { [scope]: 'ok' } });
    },
    (a) => (typeof a.scope === 'string' && TT_PRIVACY_INFO_TYPES.some((t) => t.scopes.includes(a.scope as string)) ? 'authorize' : undefined),
  );
}

/**
 * tt.openBluetoothAdapter: no scope; privacy failures and the OS refusal are reported with the
 * documented `errorCode`s. Douyin documents no code for a switched-off Bluetooth: WeChat's
 * `errCode` 10001 "not available" is kept (iOS `state` 4 likewise).
 */
function ttBluetooth(kit: DoubleKit): void {
  const s = kit.settings;
  const options = kit.host.options as TtOptions;
  kit.asyncApi('openBluetoothAdapter', async (_a, call) => {
    const blocked = await kit.privacyGate('openBluetoothAdapter', call);
    if (blocked) {
      const code = blocked.reason === WX_FAIL.privacyNotDeclared ? TT_BLUETOOTH_ERROR.notDeclared : TT_BLUETOOTH_ERROR.notAuthorized;
      return kit.fail(blocked.reason, { extra: { errorCode: code } });
    }
    kit.osCheck('bluetooth', 'openBluetoothAdapter'); // the OS prompt, when Douyin was never asked
    if (s.appAuthorize.bluetooth === 'denied') return kit.fail(TT_FAIL.systemAuthDeny, { extra: { errorCode: TT_BLUETOOTH_ERROR.systemAuthDeny } });
    const question = options.bluetoothPrompt ?? 'none';
    if (question !== 'none') {
      // Asked once; the answer is kept on the device (not in authSetting: AuthSetting has no Bluetooth entry).
      const key = 'douyin.bluetooth';
      if (s.scopeAnswers[key] === undefined) {
        kit.prompt('scope', { question: 'bluetooth', answer: question });
        s.scopeAnswers[key] = question;
      }
      if (s.scopeAnswers[key] === 'reject') return kit.fail(WX_FAIL.authDeny, { extra: { errorCode: TT_BLUETOOTH_ERROR.authDeny } });
    }
    if (!s.system.bluetoothEnabled) {
      return kit.fail(WX_FAIL.bluetoothNotAvailable, { errCode: 10001, errMsg: `openBluetoothAdapter:fail:${WX_FAIL.bluetoothNotAvailable}`, extra: s.platform === 'ios' ? { state: 4 } : {} });
    }
    kit.bluetooth.open = true;
    return kit.ok();
  });
}

/** Douyin's dialect of the shared double. */
export const TT_DIALECT: PlatformDialect = Object.freeze({
  // Douyin's switch has no underscores; WeChat's `__usePrivacyCheck__` means nothing to it.
  privacyCheckKey: 'usePrivacyCheck',
  errnoField: 'errNo',
  privacyErrno: (referrer: string, kind: 'notAuthorized' | 'notDeclared') => (referrer === 'getLocation' ? TT_ERRNO.getLocation[kind] : undefined),
  privacyInfoTypes: TT_PRIVACY_INFO_TYPES,
  // Douyin's location tutorial makes declaring scope.userLocation in app.json a prerequisite of the
  // location APIs ("否则会导致权限申请失败"); the example it shows is cut off after `"requiredP`, so
  // the double accepts the declarations it can mean: `permission['scope.userLocation']`, or
  // `requiredPrivateInfos` naming the scope or (WeChat's way) the API. The failure text is WeChat's.
  requiredPrivateInfos: Object.freeze(['getLocation', 'chooseLocation', 'startLocationUpdate']),
  isDeclared: (api: string, appJson: AppJson) => {
    const scope = TT_API_SCOPE[api];
    const listed = appJson.requiredPrivateInfos ?? [];
    return listed.includes(api) || (scope !== undefined && (listed.includes(scope) || appJson.permission?.[scope] !== undefined));
  },
  apiScope: TT_API_SCOPE,
  scopeOs: Object.freeze({
    'scope.userLocation': 'location',
    'scope.camera': 'camera',
    'scope.record': 'microphone',
    'scope.album': 'album',
    'scope.calendar': 'phoneCalendar',
    bluetooth: 'bluetooth',
  }),
  extend(kit: DoubleKit) {
    for (const name of TT_ABSENT_APIS) delete kit.api[name];
    ttLogin(kit);
    ttAuthorize(kit);
    ttBluetooth(kit);
    // tt.scanCode asks for scope.camera (AuthSetting), unlike WeChat's scanner.
    const scanResult = (): Record<string, unknown> => ({ result: kit.host.options.scanResult ?? '', scanType: 'QR_CODE', charSet: 'utf-8', path: '', rawData: '' });
    kit.scopedApi('scanCode', () => kit.ok(scanResult()), true);
  },
});

/** Builds a `tt` double bound to one app process. */
export function createTtDouble(hooks: WxHostHooks): WxDouble {
  return createWxDouble({ ...hooks, dialect: TT_DIALECT });
}
