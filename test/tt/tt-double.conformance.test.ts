/**
 * Conformance table of the `tt` double: one row per Douyin behaviour it follows, with the Douyin
 * page it comes from. The double is the `wx` double with Douyin's dialect (tt-double.ts), so the
 * rows cover where Douyin differs from WeChat, and the shared conventions the app relies on, checked
 * again on `tt`. Where a row keeps WeChat's behaviour because Douyin's docs say nothing, it says so.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createBareWx, type BareWx, type BareWxOptions, type Loose } from '../weapp/bare-wx';
import { WX_FAIL } from '../weapp/wx-double';
import { TT_ABSENT_APIS, TT_BLUETOOTH_ERROR, TT_DIALECT, TT_ERRNO, TT_SCOPES, type TtOptions } from './tt-double';

const DOUYIN = 'https://developer.open-douyin.com/docs/resource/zh-CN/mini-app/develop';
const SRC = Object.freeze({
  privacyGuide: `${DOUYIN}/tutorial/security-requirements/privacy-authorize`,
  privacyComponent: `${DOUYIN}/tutorial/open-capabilities/general-capabilities/privacy-component`,
  getPrivacySetting: `${DOUYIN}/api/open-interface/privacy/tt-getPrivacySetting`,
  requirePrivacy: `${DOUYIN}/api/open-interface/privacy/tt-requirePrivacyAuthorize`,
  onNeed: `${DOUYIN}/api/open-interface/privacy/tt-onNeedPrivacyAuthorization`,
  openPrivacyContract: `${DOUYIN}/api/open-interface/privacy/tt-openPrivacyContract`,
  authorize: `${DOUYIN}/api/open-interface/authorization/tt-authorize`,
  getSetting: `${DOUYIN}/api/open-interface/set/tt-get-setting`,
  authSetting: `${DOUYIN}/api/open-interface/set/auth-setting`,
  openSettingButton: `${DOUYIN}/component/open-capacity/button-open-setting`,
  userAuthorization: `${DOUYIN}/tutorial/open-capabilities/general-capabilities/user-authorization`,
  getLocation: 'https://developer.open-douyin.com/docs/resource/zh-cn/mini-app/develop/api/location/tt-get-location',
  bluetooth: `${DOUYIN}/api/device/bluetooth/tt-open-bluetooth`,
  login: `${DOUYIN}/api/open-interface/log-in/tt-login`,
  request: `${DOUYIN}/api/network/http/tt-request`,
  share: `${DOUYIN}/api/open-interface/retweet/review`,
  // The mini-game docs state it outright ("结果中只会包含…请求过的权限"); the mini-app tutorial agrees (`userAuthorization`).
  settingOnlyAsked: 'https://developer.open-douyin.com/docs/resource/zh-CN/mini-game/develop/api/open-capacity/user-information/set/tt-get-setting',
  // Douyin's own storage page is not in the search index; this is a copy of its text (1 MB per key, 10 MB in all).
  storage: 'https://w3cschool.cn/microapp/microapp-mnod34ex.html',
  // Platform table of `openAppAuthorizeSetting`: not on 抖音小程序 (corroborates Douyin's "设置" section).
  uniOpenAppAuthorize: 'https://uniapp.dcloud.io/api/system/openappauthorizesetting.html',
  // Platform table of `getAppBaseInfo`: not on 抖音小程序 (Douyin's system-information section: getSystemInfo, getSystemInfoSync, getDeviceInfoSync).
  uniGetAppBaseInfo: 'https://uniapp.dcloud.io/api/system/getAppBaseInfo.html',
});

/** A `tt` double with no app around it. */
const bareTt = (options: Omit<BareWxOptions, 'dialect' | 'wxOptions'> & { ttOptions?: TtOptions } = {}): BareWx =>
  createBareWx({ ...options, wxOptions: options.ttOptions, dialect: TT_DIALECT });

/** Calls an async `tt` API with callbacks; resolves with which callback ran and its result. */
function call(w: BareWx, name: string, args: Record<string, unknown> = {}): Promise<{ ok: boolean; res: Record<string, Loose> }> {
  return new Promise((resolve) => {
    let ok = false;
    let res: Record<string, Loose> = {};
    w.wx[name]({
      ...args,
      success: (r: Record<string, Loose>) => {
        ok = true;
        res = r;
      },
      fail: (r: Record<string, Loose>) => {
        res = r;
      },
      complete: () => resolve({ ok, res }),
    });
  });
}

/** Records each onNeedPrivacyAuthorization event. */
function listen(w: BareWx): Array<{ resolve: (a: unknown) => void; info: { referrer: string } }> {
  const events: Array<{ resolve: (a: unknown) => void; info: { referrer: string } }> = [];
  w.wx.onNeedPrivacyAuthorization((resolve: (a: unknown) => void, info: { referrer: string }) => events.push({ resolve, info }));
  return events;
}

/** The user taps `<button open-type="agreePrivacyAuthorization" id=...>`. */
const tapAgree = (w: BareWx, id: string): void => w.gesture(() => w.double.agreeButtonTapped(id));
const settle = (ms = 20) => new Promise((r) => setTimeout(r, ms));
const app = (json: Record<string, unknown>): BareWxOptions['appJson'] => json as BareWxOptions['appJson'];
/** An app.json that declares the location APIs (see the requiredPrivateInfos row). */
const locating = app({ requiredPrivateInfos: ['getLocation'] });

let server: http.Server;
let origin = '';
beforeAll(async () => {
  server = http.createServer((req, res) => {
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ method: req.method, url: req.url }));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((r) => server.close(r));
});

interface Row {
  behaviour: string;
  source: string;
  run: () => Promise<void>;
}

/** A row: `absent` are not on `tt` (nor does canIUse claim them), `present` are. */
function absentRow(behaviour: string, source: string, absent: readonly string[], present: readonly string[]): Row {
  return {
    behaviour,
    source,
    run: async () => {
      const w = bareTt();
      for (const name of absent) {
        expect(w.wx[name]).toBeUndefined();
        expect(w.wx.canIUse(name)).toBe(false);
      }
      for (const name of present) expect(typeof w.wx[name]).toBe('function');
    },
  };
}

const rows: Row[] = [
  // ---- conventions shared with WeChat, on tt ----
  {
    behaviour: 'success receives errMsg "<api>:ok", fail "<api>:fail <reason>" (getSetting:ok)',
    source: SRC.getSetting,
    run: async () => {
      const w = bareTt();
      expect((await call(w, 'getSetting')).res.errMsg).toBe('getSetting:ok');
      const failed = await call(w, 'getStorage', { key: 'absent' });
      expect(failed.ok).toBe(false);
      expect(String(failed.res.errMsg)).toMatch(/^getStorage:fail /);
    },
  },
  {
    behaviour: 'storage: 1 MB per key, 10 MB in all — the same limits as WeChat',
    source: SRC.storage,
    run: async () => {
      const w = bareTt();
      const tooBig = await call(w, 'setStorage', { key: 'k', data: 'x'.repeat(1024 * 1024) });
      expect(tooBig.ok).toBe(false);
      expect((await call(w, 'setStorage', { key: 'k', data: 'fits' })).ok).toBe(true);
      expect(w.wx.getStorageSync('k')).toBe('fits');
    },
  },

  {
    behaviour: 'tt.request: success carries statusCode, header and the JSON-parsed data; a domain not configured fails "request:fail …"',
    source: SRC.request,
    run: async () => {
      const w = bareTt({ httpRoutes: { 'https://api.example': origin } });
      const r = await call(w, 'request', { url: 'https://api.example/v1/ping', method: 'POST', data: { a: 1 } });
      expect(r.res).toMatchObject({ errMsg: 'request:ok', statusCode: 200, data: { method: 'POST', url: '/v1/ping' } });
      expect(r.res.header).toMatchObject({ 'content-type': 'application/json' });
      const outside = await call(w, 'request', { url: 'https://elsewhere.example/' });
      expect(outside.ok).toBe(false);
      expect(String(outside.res.errMsg)).toMatch(/^request:fail /);
    },
  },

  // ---- the privacy framework ----
  {
    behaviour: 'app.json `usePrivacyCheck: true` switches the privacy framework on (base library 3.19.0+)',
    source: SRC.privacyGuide,
    run: async () => {
      const w = bareTt({ appJson: app({ usePrivacyCheck: true }) });
      const r = await call(w, 'getPrivacySetting');
      expect(r.res.needAuthorization).toBe(true);
    },
  },
  {
    behaviour: "WeChat's `__usePrivacyCheck__` means nothing to Douyin: framework off, gated calls are not held",
    source: SRC.privacyGuide,
    run: async () => {
      const w = bareTt({ appJson: app({ usePrivacyCheck: false, __usePrivacyCheck__: true, ...locating }) });
      const events = listen(w);
      expect((await call(w, 'getPrivacySetting')).res.needAuthorization).toBe(false);
      expect((await call(w, 'getLocation')).ok).toBe(true);
      expect(events).toHaveLength(0);
    },
  },
  {
    behaviour: 'an app created after 2024-03-25 has the framework on whatever app.json says (option privacyCheck: always)',
    source: SRC.privacyGuide,
    run: async () => {
      const w = bareTt({ appJson: app({ usePrivacyCheck: false }), ttOptions: { privacyCheck: 'always' } });
      expect((await call(w, 'getPrivacySetting')).res.needAuthorization).toBe(true);
    },
  },
  {
    behaviour: 'getPrivacySetting → { errMsg "getPrivacySetting:ok", needAuthorization, privacyContractName }; false once agreed',
    source: SRC.getPrivacySetting,
    run: async () => {
      const w = bareTt({ device: { privacyContractName: '《Maison抖音小程序隐私保护协议》' } });
      const before = await call(w, 'getPrivacySetting');
      expect(before.res).toEqual({ errMsg: 'getPrivacySetting:ok', needAuthorization: true, privacyContractName: '《Maison抖音小程序隐私保护协议》' });
      w.device.settings.privacyAgreed = true;
      expect((await call(w, 'getPrivacySetting')).res.needAuthorization).toBe(false);
    },
  },
  {
    behaviour: 'getPrivacySetting: needAuthorization is false when the agreement declares no information type',
    source: SRC.getPrivacySetting,
    run: async () => {
      const w = bareTt({ ttOptions: { privacyGuide: [] } });
      expect((await call(w, 'getPrivacySetting')).res.needAuthorization).toBe(false);
    },
  },
  {
    behaviour: 'onNeedPrivacyAuthorization is synchronous (returns nothing)',
    source: SRC.onNeed,
    run: async () => {
      const w = bareTt();
      expect(w.wx.onNeedPrivacyAuthorization(() => undefined)).toBeUndefined();
    },
  },
  {
    behaviour: 'requirePrivacyAuthorize, agreed before: success at once, the listener is not called',
    source: SRC.requirePrivacy,
    run: async () => {
      const w = bareTt({ device: { privacyAgreed: true } });
      const events = listen(w);
      const r = await call(w, 'requirePrivacyAuthorize');
      expect(r.ok).toBe(true);
      expect(r.res.errMsg).toBe('requirePrivacyAuthorize:ok');
      expect(events).toHaveLength(0);
    },
  },
  {
    behaviour: 'requirePrivacyAuthorize, not agreed: the listener fires and the call is pending; resolve({ buttonId, event: "agree" }) after the button tap → success',
    source: SRC.requirePrivacy,
    run: async () => {
      const w = bareTt();
      const events = listen(w);
      const pending = call(w, 'requirePrivacyAuthorize');
      await settle();
      expect(events).toHaveLength(1);
      expect(events[0].info.referrer).toBe('requirePrivacyAuthorize');
      expect(w.double.heldCalls().map((c) => c.name)).toEqual(['requirePrivacyAuthorize']);
      tapAgree(w, 'agree-btn');
      events[0].resolve({ buttonId: 'agree-btn', event: 'agree' });
      expect((await pending).ok).toBe(true);
      expect((await call(w, 'getPrivacySetting')).res.needAuthorization).toBe(false);
    },
  },
  {
    behaviour: "resolve({ event: 'agree' }) naming a button never tapped: the base library's check refuses it",
    source: SRC.onNeed,
    run: async () => {
      const w = bareTt();
      const events = listen(w);
      const pending = call(w, 'requirePrivacyAuthorize');
      await settle();
      events[0].resolve({ buttonId: 'agree-btn', event: 'agree' });
      const r = await pending;
      expect(r.ok).toBe(false);
      expect(w.device.settings.privacyAgreed).toBe(false);
    },
  },
  {
    behaviour: "resolve({ event: 'disagree' }) → the pending call fails \"<api>:fail privacy permission is not authorized\"",
    source: SRC.onNeed,
    run: async () => {
      const w = bareTt();
      const events = listen(w);
      const pending = call(w, 'requirePrivacyAuthorize');
      await settle();
      events[0].resolve({ event: 'disagree' });
      const r = await pending;
      expect(r.ok).toBe(false);
      expect(r.res.errMsg).toBe(`requirePrivacyAuthorize:fail ${WX_FAIL.privacyNotAuthorized}`);
    },
  },
  {
    behaviour: "resolve's documented events are agree and disagree only; WeChat's exposureAuthorization is not Douyin's: it settles nothing (the call stays pending)",
    source: SRC.onNeed,
    run: async () => {
      const w = bareTt();
      const events = listen(w);
      let settled = false;
      void call(w, 'requirePrivacyAuthorize').then(() => (settled = true));
      await settle();
      events[0].resolve({ event: 'exposureAuthorization' });
      await settle();
      expect(settled).toBe(false);
      expect(w.double.heldCalls().map((c) => c.name)).toEqual(['requirePrivacyAuthorize']);
    },
  },
  {
    behaviour: 'no listener: a gated call raises the official privacy popup; agreeing there lets the call run',
    source: SRC.privacyGuide,
    run: async () => {
      const w = bareTt({ appJson: locating });
      const r = await call(w, 'getLocation');
      expect(r.ok).toBe(true);
      expect(w.double.prompts.map((p) => p.kind)).toEqual(['privacy-popup', 'scope']);
    },
  },
  {
    behaviour: 'openPrivacyContract → "openPrivacyContract:ok" and the agreement is shown',
    source: SRC.openPrivacyContract,
    run: async () => {
      const w = bareTt();
      const r = await call(w, 'openPrivacyContract');
      expect(r.res.errMsg).toBe('openPrivacyContract:ok');
      expect(w.double.prompts.map((p) => p.kind)).toEqual(['privacy-contract']);
    },
  },
  {
    behaviour: 'failures carry the error number as `errNo` (camelCase), never WeChat\'s `errno`',
    source: SRC.getLocation,
    run: async () => {
      const w = bareTt({ appJson: locating });
      const events = listen(w);
      const pending = call(w, 'getLocation');
      await settle();
      events[0].resolve({ event: 'disagree' });
      const r = await pending;
      expect(r.res).toHaveProperty('errNo');
      expect(r.res).not.toHaveProperty('errno');
    },
  },
  {
    behaviour: 'tt.getLocation refused in the privacy popup → errNo 10201 "getLocation:fail privacy permission is not authorized"',
    source: SRC.getLocation,
    run: async () => {
      const w = bareTt({ appJson: locating, device: { officialPrivacyPopupAnswer: 'disagree' } });
      const r = await call(w, 'getLocation');
      expect(r.res).toEqual({ errMsg: `getLocation:fail ${WX_FAIL.privacyNotAuthorized}`, errNo: TT_ERRNO.getLocation.notAuthorized });
      expect(TT_ERRNO.getLocation.notAuthorized).toBe(10201);
    },
  },
  {
    behaviour: 'tt.getLocation with location not declared in the privacy agreement → errNo 10202 "api scope is not declared in the privacy agreement"',
    source: SRC.getLocation,
    run: async () => {
      const w = bareTt({ appJson: locating, ttOptions: { privacyGuide: ['camera'] } });
      const r = await call(w, 'getLocation');
      expect(r.res).toEqual({ errMsg: `getLocation:fail ${WX_FAIL.privacyNotDeclared}`, errNo: 10202 });
      expect(w.double.prompts).toEqual([]);
    },
  },
  {
    behaviour: 'the not-declared failure uses the wording Douyin gives an unauthorised call ("fail api scope is not declared in the privacy agreement")',
    source: SRC.privacyComponent,
    run: async () => {
      expect(WX_FAIL.privacyNotDeclared).toBe('api scope is not declared in the privacy agreement');
    },
  },

  // ---- scopes ----
  {
    behaviour: 'tt.getLocation asks for scope.userLocation when called; allowed → the position; getSetting then shows it granted',
    source: SRC.userAuthorization,
    run: async () => {
      const w = bareTt({ appJson: locating, device: { privacyAgreed: true, location: { latitude: 39.91, longitude: 116.45 } } });
      const r = await call(w, 'getLocation');
      expect(r.ok).toBe(true);
      expect(r.res).toMatchObject({ errMsg: 'getLocation:ok', latitude: 39.91, longitude: 116.45 });
      expect(w.double.prompts.map((p) => p.detail.scope)).toEqual(['scope.userLocation']);
      expect((await call(w, 'getSetting')).res.authSetting).toEqual({ 'scope.userLocation': true });
    },
  },
  {
    behaviour: 'refused scope: this call fails, and later calls fail at once without a prompt until the user changes it in the settings page',
    source: SRC.userAuthorization,
    run: async () => {
      const w = bareTt({ appJson: locating, device: { privacyAgreed: true, scopeAnswers: { 'scope.userLocation': 'reject' } } });
      expect((await call(w, 'getLocation')).ok).toBe(false);
      expect((await call(w, 'getLocation')).ok).toBe(false);
      expect(w.double.prompts.filter((p) => p.kind === 'scope')).toHaveLength(1);
      expect((await call(w, 'getSetting')).res.authSetting).toEqual({ 'scope.userLocation': false });
    },
  },
  {
    behaviour: 'getSetting only lists scopes the mini-program has asked for',
    source: SRC.settingOnlyAsked,
    run: async () => {
      const w = bareTt({ device: { privacyAgreed: true } });
      expect((await call(w, 'getSetting')).res.authSetting).toEqual({});
    },
  },
  {
    behaviour: 'tt.scanCode asks for scope.camera (AuthSetting ties scope.camera to tt.scanCode, chooseImage, chooseVideo) — unlike WeChat\'s scanner',
    source: SRC.authSetting,
    run: async () => {
      const w = bareTt({ device: { privacyAgreed: true }, ttOptions: { scanResult: 'CW-1' } });
      const r = await call(w, 'scanCode');
      expect(r.res.result).toBe('CW-1');
      expect(w.double.prompts.map((p) => p.detail.scope)).toEqual(['scope.camera']);
      const refused = bareTt({ device: { privacyAgreed: true, scopeAnswers: { 'scope.camera': 'reject' } } });
      expect((await call(refused, 'scanCode')).ok).toBe(false);
    },
  },
  {
    behaviour: 'AuthSetting has no Bluetooth and no fuzzy-location scope: tt.authorize of either fails and prompts nobody',
    source: SRC.authSetting,
    run: async () => {
      expect(TT_SCOPES).not.toContain('scope.bluetooth');
      expect(TT_SCOPES).not.toContain('scope.userFuzzyLocation');
      const w = bareTt({ device: { privacyAgreed: true } });
      for (const scope of ['scope.bluetooth', 'scope.userFuzzyLocation']) {
        const r = await call(w, 'authorize', { scope });
        expect(r.ok).toBe(false);
        expect(String(r.res.errMsg)).toMatch(/^authorize:fail/);
      }
      expect(w.double.prompts).toEqual([]);
    },
  },
  {
    behaviour: 'tt.authorize (being phased out, still documented): success carries data { [scope]: "ok" }; refusal "authorize:fail …"',
    source: SRC.authorize,
    run: async () => {
      const w = bareTt({ device: { privacyAgreed: true } });
      const r = await call(w, 'authorize', { scope: 'scope.camera' });
      expect(r.res).toEqual({ errMsg: 'authorize:ok', data: { 'scope.camera': 'ok' } });
      const refused = bareTt({ device: { privacyAgreed: true, scopeAnswers: { 'scope.camera': 'reject' } } });
      expect(String((await call(refused, 'authorize', { scope: 'scope.camera' })).res.errMsg)).toMatch(/^authorize:fail/);
    },
  },
  {
    behaviour: 'the settings page is tt.openSetting: it answers the authSetting the user left (its open-type button likewise)',
    source: SRC.openSettingButton,
    run: async () => {
      const w = bareTt({ device: { privacyAgreed: true, authSetting: { 'scope.camera': false } }, ttOptions: { onOpenSetting: (d) => void (d.authSetting['scope.camera'] = true) } });
      let result: Promise<{ ok: boolean; res: Record<string, Loose> }> | undefined;
      // WeChat requires a tap for openSetting; Douyin's docs are silent, so the rule is kept.
      w.gesture(() => {
        result = call(w, 'openSetting');
      });
      const r = await result!;
      expect(r.res).toEqual({ errMsg: 'openSetting:ok', authSetting: { 'scope.camera': true } });
    },
  },
  {
    behaviour: 'scope.userLocation must be declared in app.json before a location API works (permission, or requiredPrivateInfos naming the scope or the API; the failure text is WeChat\'s)',
    source: SRC.userAuthorization,
    run: async () => {
      const undeclared = await call(bareTt({ device: { privacyAgreed: true } }), 'getLocation');
      expect(undeclared.ok).toBe(false);
      expect(undeclared.res.errMsg).toBe(`getLocation:fail ${WX_FAIL.requiredPrivateInfos}`);
      for (const declared of [{ permission: { 'scope.userLocation': { desc: 'x' } } }, { requiredPrivateInfos: ['scope.userLocation'] }, { requiredPrivateInfos: ['getLocation'] }]) {
        expect((await call(bareTt({ device: { privacyAgreed: true }, appJson: app(declared) }), 'getLocation')).ok).toBe(true);
      }
    },
  },

  // ---- interfaces WeChat has and Douyin does not ----
  absentRow(
    'no getAppAuthorizeSetting, getSystemSetting or openAppAuthorizeSetting: the settings section is getSetting, openSetting, AuthSetting',
    SRC.authSetting,
    ['getAppAuthorizeSetting', 'getSystemSetting', 'openAppAuthorizeSetting'],
    ['getSetting', 'openSetting'],
  ),
  {
    behaviour: '(corroboration) openAppAuthorizeSetting is not available on 抖音小程序',
    source: SRC.uniOpenAppAuthorize,
    run: async () => {
      expect(TT_ABSENT_APIS).toContain('openAppAuthorizeSetting');
    },
  },
  absentRow('no getAppBaseInfo: the host language and system come from getSystemInfoSync', SRC.uniGetAppBaseInfo, ['getAppBaseInfo'], ['getSystemInfoSync', 'getSystemInfo']),
  absentRow('no getFuzzyLocation: the location section is getLocation, chooseLocation, openLocation, startLocationUpdate …', SRC.getLocation, ['getFuzzyLocation'], ['getLocation']),
  absentRow('no shareFileMessage: sharing is the page share (open-type="share", showShareMenu)', SRC.share, ['shareFileMessage'], ['showShareMenu']),

  // ---- Bluetooth ----
  {
    behaviour: 'tt.openBluetoothAdapter needs no scope: success "openBluetoothAdapter:ok", no prompt, nothing in getSetting',
    source: SRC.bluetooth,
    run: async () => {
      const w = bareTt({ device: { privacyAgreed: true } });
      const r = await call(w, 'openBluetoothAdapter');
      expect(r.res.errMsg).toBe('openBluetoothAdapter:ok');
      expect(w.double.prompts).toEqual([]);
      expect((await call(w, 'getSetting')).res.authSetting).toEqual({});
      expect((await call(w, 'getBluetoothAdapterState')).ok).toBe(true);
    },
  },
  {
    behaviour: 'Bluetooth refused in the privacy popup → errorCode "186680", "openBluetoothAdapter:fail privacy permission is not authorized"',
    source: SRC.bluetooth,
    run: async () => {
      const w = bareTt({ device: { officialPrivacyPopupAnswer: 'disagree' } });
      const r = await call(w, 'openBluetoothAdapter');
      expect(r.res).toEqual({ errMsg: `openBluetoothAdapter:fail ${WX_FAIL.privacyNotAuthorized}`, errorCode: TT_BLUETOOTH_ERROR.notAuthorized });
      expect(TT_BLUETOOTH_ERROR.notAuthorized).toBe('186680');
    },
  },
  {
    behaviour: 'Bluetooth not declared in the privacy agreement → errorCode "186679", "openBluetoothAdapter:fail api scope is not declared in the privacy agreement"',
    source: SRC.bluetooth,
    run: async () => {
      const w = bareTt({ ttOptions: { privacyGuide: ['location'] } });
      const r = await call(w, 'openBluetoothAdapter');
      expect(r.res).toEqual({ errMsg: `openBluetoothAdapter:fail ${WX_FAIL.privacyNotDeclared}`, errorCode: '186679' });
    },
  },
  {
    behaviour: 'the OS refused Douyin Bluetooth → errorCode "186689", "openBluetoothAdapter:fail system auth deny" (系统鉴权失败, not a system error)',
    source: SRC.bluetooth,
    run: async () => {
      const w = bareTt({ device: { privacyAgreed: true, appAuthorize: { bluetooth: 'denied' } } });
      const r = await call(w, 'openBluetoothAdapter');
      expect(r.res).toEqual({ errMsg: 'openBluetoothAdapter:fail system auth deny', errorCode: TT_BLUETOOTH_ERROR.systemAuthDeny });
      expect(TT_BLUETOOTH_ERROR.systemAuthDeny).toBe('186689');
    },
  },
  {
    behaviour: 'the user refused Douyin\'s own Bluetooth question → errorCode "186690", "openBluetoothAdapter:fail auth deny" (when Douyin asks is not documented: scripted by the test)',
    source: SRC.bluetooth,
    run: async () => {
      const w = bareTt({ device: { privacyAgreed: true }, ttOptions: { bluetoothPrompt: 'reject' } });
      const r = await call(w, 'openBluetoothAdapter');
      expect(r.res).toEqual({ errMsg: 'openBluetoothAdapter:fail auth deny', errorCode: TT_BLUETOOTH_ERROR.authDeny });
      expect(TT_BLUETOOTH_ERROR.authDeny).toBe('186690');
      // Asked once: the refusal stands, and it is not an AuthSetting scope.
      expect((await call(w, 'openBluetoothAdapter')).res.errorCode).toBe('186690');
      expect(w.double.prompts).toHaveLength(1);
      expect((await call(w, 'getSetting')).res.authSetting).toEqual({});
    },
  },
  {
    behaviour: 'OS permission never asked: the OS prompt first; "deny" there → 186689',
    source: SRC.bluetooth,
    run: async () => {
      const w = bareTt({ device: { privacyAgreed: true, appAuthorize: { bluetooth: 'not determined' }, osPromptAnswer: 'deny' } });
      const r = await call(w, 'openBluetoothAdapter');
      expect(r.res.errorCode).toBe('186689');
      expect(w.double.prompts.map((p) => p.kind)).toEqual(['os']);
    },
  },
  {
    behaviour: 'Bluetooth switched off: Douyin documents no code for it, so WeChat\'s errCode 10001 "not available" is kept',
    source: SRC.bluetooth,
    run: async () => {
      const w = bareTt({ device: { privacyAgreed: true, system: { bluetoothEnabled: false } } });
      const r = await call(w, 'openBluetoothAdapter');
      expect(r.ok).toBe(false);
      expect(r.res.errCode).toBe(10001);
    },
  },

  // ---- login ----
  {
    behaviour: 'tt.login, user logged in to Douyin → { errMsg "login:ok", code, anonymousCode, isLogin: true }',
    source: SRC.login,
    run: async () => {
      const w = bareTt({ ttOptions: { login: () => 'ok:member-1' } });
      const r = await call(w, 'login');
      expect(r.res).toMatchObject({ errMsg: 'login:ok', code: 'ok:member-1', isLogin: true });
      expect(typeof r.res.anonymousCode).toBe('string');
    },
  },
  {
    behaviour: 'tt.login({ force: false }) for a user logged out of Douyin → only anonymousCode, isLogin false',
    source: SRC.login,
    run: async () => {
      const w = bareTt({ ttOptions: { hostLoggedIn: false } });
      const r = await call(w, 'login', { force: false });
      expect(r.ok).toBe(true);
      expect(r.res.code).toBeUndefined();
      expect(r.res.isLogin).toBe(false);
      expect(typeof r.res.anonymousCode).toBe('string');
    },
  },
  {
    behaviour: 'tt.login (force defaults to true) for a logged-out user opens Douyin\'s login window; cancelling it fails with "host login fail"',
    source: SRC.login,
    run: async () => {
      const cancelled = bareTt({ ttOptions: { hostLoggedIn: false } });
      const r = await call(cancelled, 'login');
      expect(r.ok).toBe(false);
      expect(r.res.errMsg).toBe('login:fail host login fail');
      const signedIn = bareTt({ ttOptions: { hostLoggedIn: false, hostLoginAnswer: 'login', login: () => 'ok:member-2' } });
      expect((await call(signedIn, 'login')).res.code).toBe('ok:member-2');
      expect(signedIn.double.prompts.map((p) => p.kind)).toEqual(['host-login']);
    },
  },
];

describe('tt double conformance', () => {
  test.each(rows.map((r) => [r.behaviour, r.source, r] as const))('%s  (%s)', async (_b, _s, row) => {
    await row.run();
  });
});
