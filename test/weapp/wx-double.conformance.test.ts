/**
 * Conformance table of the `wx` double: one row per WeChat behaviour it copies, with its source.
 * Where WeChat documents a behaviour but not the exact failure text, the row says so and the text
 * is the one WeChat clients report (kept in `WX_FAIL`, one place to correct).
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createBareWx, type BareWx, type BareWxOptions, type Loose } from './bare-wx';
import { PRIVACY_GATED_APIS, PRIVACY_GATED_SCOPES, REQUIRED_PRIVATE_INFOS_APIS } from './privacy-apis';
import { STORAGE_KEY_LIMIT_BYTES, STORAGE_TOTAL_LIMIT_BYTES, USER_DATA_PATH, createDevice, type WxCall } from './wx-double';

const DOCS = 'https://developers.weixin.qq.com/miniprogram/dev';
const SRC = Object.freeze({
  api: `${DOCS}/framework/app-service/api.html`,
  setStorage: `${DOCS}/api/storage/wx.setStorage.html`,
  getStorage: `${DOCS}/api/storage/wx.getStorage.html`,
  getStorageSync: `${DOCS}/api/storage/wx.getStorageSync.html`,
  removeStorage: `${DOCS}/api/storage/wx.removeStorage.html`,
  getStorageInfo: `${DOCS}/api/storage/wx.getStorageInfo.html`,
  getSetting: `${DOCS}/api/open-api/setting/wx.getSetting.html`,
  authorize: `${DOCS}/api/open-api/authorize/wx.authorize.html`,
  openSetting: `${DOCS}/api/open-api/setting/wx.openSetting.html`,
  privacyGuide: `${DOCS}/framework/user-privacy/PrivacyAuthorize.html`,
  getPrivacySetting: `${DOCS}/api/open-api/privacy/wx.getPrivacySetting.html`,
  onNeed: `${DOCS}/api/open-api/privacy/wx.onNeedPrivacyAuthorization.html`,
  requirePrivacy: `${DOCS}/api/open-api/privacy/wx.requirePrivacyAuthorize.html`,
  openPrivacyContract: `${DOCS}/api/open-api/privacy/wx.openPrivacyContract.html`,
  popupGap: 'https://developers.weixin.qq.com/community/develop/doc/0006a63b6d4ff89c5f5014eab66000',
  errno112: 'https://developers.weixin.qq.com/community/develop/doc/000c880a1606b020d6a0630f66bc00',
  requiredPrivateInfos: `${DOCS}/reference/configuration/app.html#requiredPrivateInfos`,
  appAuthorize: `${DOCS}/api/base/system/wx.getAppAuthorizeSetting.html`,
  systemSetting: `${DOCS}/api/base/system/wx.getSystemSetting.html`,
  openAppAuthorize: `${DOCS}/api/base/system/wx.openAppAuthorizeSetting.html`,
  bluetooth: `${DOCS}/api/device/bluetooth/wx.openBluetoothAdapter.html`,
  bluetoothState: `${DOCS}/api/device/bluetooth/wx.getBluetoothAdapterState.html`,
  fuzzyLocation: `${DOCS}/api/location/wx.getFuzzyLocation.html`,
  appBaseInfo: `${DOCS}/api/base/system/wx.getAppBaseInfo.html`,
  login: `${DOCS}/api/open-api/login/wx.login.html`,
  request: `${DOCS}/api/network/request/wx.request.html`,
  network: `${DOCS}/framework/ability/network.html`,
  showModal: `${DOCS}/api/ui/interaction/wx.showModal.html`,
  showToast: `${DOCS}/api/ui/interaction/wx.showToast.html`,
  navigateTo: `${DOCS}/api/route/wx.navigateTo.html`,
  compatibility: `${DOCS}/framework/compatibility.html`,
  subscribe: `${DOCS}/api/open-api/subscribe-message/wx.requestSubscribeMessage.html`,
  writeFile: `${DOCS}/api/file/FileSystemManager.writeFile.html`,
  fileSystem: `${DOCS}/framework/ability/file-system.html`,
  shareFileMessage: `${DOCS}/api/share/wx.shareFileMessage.html`,
});

/** Calls an async API with callbacks and resolves with which callback ran and its result. */
function call(w: BareWx, name: string, args: Record<string, unknown> = {}): Promise<{ ok: boolean; res: Record<string, Loose>; order: string[] }> {
  return new Promise((resolve) => {
    const order: string[] = [];
    let ok = false;
    let res: Record<string, Loose> = {};
    w.wx[name]({
      ...args,
      success: (r: Record<string, Loose>) => {
        order.push('success');
        ok = true;
        res = r;
      },
      fail: (r: Record<string, Loose>) => {
        order.push('fail');
        res = r;
      },
      complete: () => {
        order.push('complete');
        resolve({ ok, res, order });
      },
    });
  });
}

/** A privacy listener that records each need-authorization event. */
function listen(w: BareWx): Array<{ resolve: (a: unknown) => void; info: { referrer: string } }> {
  const events: Array<{ resolve: (a: unknown) => void; info: { referrer: string } }> = [];
  w.wx.onNeedPrivacyAuthorization((resolve: (a: unknown) => void, info: { referrer: string }) => events.push({ resolve, info }));
  return events;
}

const settle = (ms = 20) => new Promise((r) => setTimeout(r, ms));
const fuzzyApp: BareWxOptions['appJson'] = { requiredPrivateInfos: ['getFuzzyLocation'] };

interface Row {
  behaviour: string;
  source: string;
  run: () => Promise<void>;
}

let server: http.Server;
let origin = '';
beforeAll(async () => {
  server = http.createServer((req, res) => {
    if (req.url?.startsWith('/slow')) {
      setTimeout(() => res.end('late'), 500);
      return;
    }
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      res.setHeader('content-type', 'application/json');
      res.setHeader('x-echo', 'yes');
      res.statusCode = req.url?.startsWith('/missing') ? 404 : 200;
      res.end(JSON.stringify({ method: req.method, url: req.url, body: Buffer.concat(chunks).toString('utf8'), auth: req.headers.authorization ?? null }));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((r) => server.close(r));
});

const rows: Row[] = [
  // ---- general API conventions ----
  {
    behaviour: 'success and complete receive errMsg "<api>:ok"',
    source: SRC.api,
    run: async () => {
      const r = await call(createBareWx(), 'getSetting');
      expect(r.ok).toBe(true);
      expect(r.res.errMsg).toBe('getSetting:ok');
      expect(r.order).toEqual(['success', 'complete']);
    },
  },
  {
    behaviour: 'fail then complete receive errMsg "<api>:fail <reason>"',
    source: SRC.api,
    run: async () => {
      const r = await call(createBareWx(), 'getStorage', { key: 'absent' });
      expect(r.order).toEqual(['fail', 'complete']);
      expect(r.res.errMsg).toBe('getStorage:fail data not found');
    },
  },
  {
    behaviour: 'callbacks run asynchronously, never inside the call',
    source: SRC.api,
    run: async () => {
      const w = createBareWx();
      let ran = false;
      w.wx.getSetting({ success: () => (ran = true) });
      expect(ran).toBe(false);
      await w.flush();
      expect(ran).toBe(true);
    },
  },
  {
    behaviour: 'without success/fail/complete an async API returns a Promise (resolve = success, reject = fail)',
    source: SRC.api,
    run: async () => {
      const w = createBareWx();
      await expect(w.wx.getSetting()).resolves.toMatchObject({ errMsg: 'getSetting:ok' });
      await expect(w.wx.getStorage({ key: 'absent' })).rejects.toMatchObject({ errMsg: 'getStorage:fail data not found' });
    },
  },
  {
    behaviour: 'with a callback an async API returns nothing',
    source: SRC.api,
    run: async () => {
      const w = createBareWx();
      expect(w.wx.getSetting({ success() {} })).toBeUndefined();
      await w.flush();
    },
  },
  {
    behaviour: 'request is not promisified: it returns a RequestTask',
    source: SRC.api,
    run: async () => {
      const w = createBareWx();
      const task = w.wx.request({ url: 'https://elsewhere.example/x' });
      expect(typeof task.abort).toBe('function');
      expect(typeof (task as { then?: unknown }).then).toBe('undefined');
      await w.flush();
    },
  },
  {
    behaviour: 'privacy APIs are not promisified ("以 Promise 风格调用：不支持")',
    source: SRC.getPrivacySetting,
    run: async () => {
      const w = createBareWx();
      expect(w.wx.getPrivacySetting({})).toBeUndefined();
      await w.flush();
    },
  },
  {
    behaviour: 'a synchronous API throws when it fails',
    source: SRC.api,
    run: async () => {
      const w = createBareWx();
      expect(() => w.wx.setStorageSync('big', 'x'.repeat(STORAGE_KEY_LIMIT_BYTES))).toThrow(/^setStorageSync:fail /);
    },
  },
  // ---- storage ----
  {
    behaviour: 'storage keeps native types and JSON-serialisable objects (sync and async)',
    source: SRC.setStorage,
    run: async () => {
      const w = createBareWx();
      w.wx.setStorageSync('n', 42);
      await call(w, 'setStorage', { key: 'o', data: { a: [1, 'b'], c: true } });
      expect(w.wx.getStorageSync('n')).toBe(42);
      expect((await call(w, 'getStorage', { key: 'o' })).res.data).toEqual({ a: [1, 'b'], c: true });
      expect(w.wx.getStorageSync('o')).toEqual({ a: [1, 'b'], c: true });
    },
  },
  {
    behaviour: 'getStorageSync of a missing key returns "" (the docs example tests the value for falsiness)',
    source: SRC.getStorageSync,
    run: async () => {
      expect(createBareWx().wx.getStorageSync('never-set')).toBe('');
    },
  },
  {
    behaviour: 'removeStorage / removeStorageSync delete the key',
    source: SRC.removeStorage,
    run: async () => {
      const w = createBareWx({ storage: { a: 1, b: 2 } });
      await call(w, 'removeStorage', { key: 'a' });
      w.wx.removeStorageSync('b');
      expect(w.wx.getStorageSync('a')).toBe('');
      expect((await call(w, 'getStorage', { key: 'b' })).ok).toBe(false);
    },
  },
  {
    behaviour: 'one key holds at most 1 MB: setStorage fails, nothing is written',
    source: SRC.setStorage,
    run: async () => {
      const w = createBareWx({ storage: { big: 'old' } });
      const r = await call(w, 'setStorage', { key: 'big', data: 'x'.repeat(STORAGE_KEY_LIMIT_BYTES) });
      expect(r.ok).toBe(false);
      expect(r.res.errMsg).toMatch(/^setStorage:fail /);
      expect(w.wx.getStorageSync('big')).toBe('old');
      expect((await call(w, 'setStorage', { key: 'big', data: 'x'.repeat(STORAGE_KEY_LIMIT_BYTES - 100) })).ok).toBe(true);
    },
  },
  {
    behaviour: 'all keys together hold at most 10 MB: the write that crosses it fails',
    source: SRC.setStorage,
    run: async () => {
      const w = createBareWx();
      const chunk = 'y'.repeat(STORAGE_KEY_LIMIT_BYTES - 1000);
      let written = 0;
      for (let i = 0; i < 11; i += 1) {
        try {
          w.wx.setStorageSync(`k${i}`, chunk);
          written += 1;
        } catch (e) {
          expect((e as Error).message).toMatch(/^setStorageSync:fail /);
        }
      }
      expect(written).toBe(10);
      const info = w.wx.getStorageInfoSync();
      expect(info.currentSize).toBeLessThanOrEqual(STORAGE_TOTAL_LIMIT_BYTES / 1024);
      w.wx.removeStorageSync('k0');
      expect(() => w.wx.setStorageSync('k10', chunk)).not.toThrow();
    },
  },
  {
    behaviour: 'getStorageInfo reports keys, currentSize and limitSize in KB (10240)',
    source: SRC.getStorageInfo,
    run: async () => {
      const w = createBareWx({ storage: { a: 'z'.repeat(3000) } });
      const r = await call(w, 'getStorageInfo');
      expect(r.res).toMatchObject({ errMsg: 'getStorageInfo:ok', keys: ['a'], limitSize: 10240 });
      expect(r.res.currentSize).toBe(3);
      expect(w.wx.getStorageInfoSync()).toMatchObject({ keys: ['a'], limitSize: 10240 });
    },
  },
  // ---- scopes ----
  {
    behaviour: 'getSetting().authSetting lists only scopes already asked: a never-asked scope is undefined',
    source: SRC.getSetting,
    run: async () => {
      const w = createBareWx({ device: { privacyAgreed: true, authSetting: { 'scope.camera': true } } });
      const r = await call(w, 'getSetting');
      expect(r.res.authSetting['scope.camera']).toBe(true);
      expect(r.res.authSetting['scope.bluetooth']).toBeUndefined();
      expect('scope.bluetooth' in r.res.authSetting).toBe(false);
    },
  },
  {
    behaviour: 'authorize prompts once; once granted it succeeds without a prompt',
    source: SRC.authorize,
    run: async () => {
      const w = createBareWx({ device: { privacyAgreed: true } });
      expect((await call(w, 'authorize', { scope: 'scope.camera' })).res.errMsg).toBe('authorize:ok');
      expect((await call(w, 'authorize', { scope: 'scope.camera' })).ok).toBe(true);
      expect(w.double.prompts.filter((p) => p.kind === 'scope')).toHaveLength(1);
      expect((await call(w, 'getSetting')).res.authSetting['scope.camera']).toBe(true);
    },
  },
  {
    behaviour: 'after a refusal authorize fails at once with "authorize:fail auth deny", no prompt',
    source: SRC.authorize,
    run: async () => {
      const w = createBareWx({ device: { privacyAgreed: true, scopeAnswers: { 'scope.bluetooth': 'reject' } } });
      const first = await call(w, 'authorize', { scope: 'scope.bluetooth' });
      const second = await call(w, 'authorize', { scope: 'scope.bluetooth' });
      expect(first.res.errMsg).toBe('authorize:fail auth deny');
      expect(second.res.errMsg).toBe('authorize:fail auth deny');
      expect(w.double.prompts.filter((p) => p.kind === 'scope')).toHaveLength(1);
      expect((await call(w, 'getSetting')).res.authSetting['scope.bluetooth']).toBe(false);
    },
  },
  {
    behaviour: 'the refusal text is configurable for clients that say "auth denied"',
    source: SRC.authorize,
    run: async () => {
      const w = createBareWx({ device: { privacyAgreed: true, authSetting: { 'scope.camera': false } }, wxOptions: { authDenyMessage: 'auth denied' } });
      expect((await call(w, 'authorize', { scope: 'scope.camera' })).res.errMsg).toBe('authorize:fail auth denied');
    },
  },
  {
    behaviour: 'an API that needs a scope asks for it on first use, then fails at once when refused',
    source: SRC.authorize,
    run: async () => {
      const w = createBareWx({ appJson: fuzzyApp, device: { privacyAgreed: true, scopeAnswers: { 'scope.userFuzzyLocation': 'reject' } } });
      expect((await call(w, 'getFuzzyLocation')).res.errMsg).toBe('getFuzzyLocation:fail auth deny');
      expect((await call(w, 'getFuzzyLocation')).res.errMsg).toBe('getFuzzyLocation:fail auth deny');
      expect(w.double.prompts.filter((p) => p.kind === 'scope')).toHaveLength(1);
    },
  },
  {
    behaviour: 'openSetting only works from a user tap (base library ≥ 2.3.0)',
    source: SRC.openSetting,
    run: async () => {
      const w = createBareWx({ device: { privacyAgreed: true, authSetting: { 'scope.camera': false } } });
      const r = await call(w, 'openSetting');
      expect(r.ok).toBe(false);
      expect(r.res.errMsg).toMatch(/^openSetting:fail /);
      expect(w.visits).toEqual([]);
    },
  },
  {
    behaviour: 'openSetting from a tap opens the settings page; scopes changed there are returned',
    source: SRC.openSetting,
    run: async () => {
      const w = createBareWx({
        device: { privacyAgreed: true, authSetting: { 'scope.camera': false } },
        wxOptions: { onOpenSetting: (d) => void (d.authSetting['scope.camera'] = true) },
      });
      const result = new Promise<Record<string, Loose>>((resolve) => w.gesture(() => w.wx.openSetting({ success: resolve, fail: resolve })));
      const res = await result;
      expect(res.errMsg).toBe('openSetting:ok');
      expect(res.authSetting['scope.camera']).toBe(true);
      expect(w.visits).toEqual(['mini-program']);
    },
  },
  {
    behaviour: 'a tap does not carry over into callbacks: openSetting after an awaited getSetting fails',
    source: SRC.openSetting,
    run: async () => {
      const w = createBareWx({ device: { privacyAgreed: true } });
      const res = await new Promise<Record<string, Loose>>((resolve) =>
        w.gesture(() => w.wx.getSetting({ success: () => w.wx.openSetting({ success: resolve, fail: resolve }) })),
      );
      expect(res.errMsg).toBe('openSetting:fail can only be invoked by user TAP gesture.');
    },
  },
  // ---- files ----
  {
    behaviour: 'FileSystemManager.writeFile writes text under wx.env.USER_DATA_PATH; callbacks only (no Promise style)',
    source: SRC.writeFile,
    run: async () => {
      const w = createBareWx();
      const env = (w.wx as unknown as { env: { USER_DATA_PATH: string } }).env;
      expect(env.USER_DATA_PATH).toBe(USER_DATA_PATH);
      const fs = w.wx.getFileSystemManager();
      const filePath = `${env.USER_DATA_PATH}/my-data.json`;
      const res = await new Promise<Record<string, Loose>>((resolve) => fs.writeFile({ filePath, data: '{"a":1}', encoding: 'utf8', success: resolve, fail: resolve }));
      expect(res.errMsg).toBe('writeFile:ok');
      expect(w.device.files?.get(filePath)).toBe('{"a":1}');
      expect(fs.writeFile({ filePath, data: 'x', encoding: 'utf8' })).toBeUndefined();
    },
  },
  {
    behaviour: 'writeFile outside the user data folder fails "permission denied, open ${dirPath}"; a missing folder "no such file or directory, open ${filePath}"',
    source: SRC.writeFile,
    run: async () => {
      const w = createBareWx();
      const fs = w.wx.getFileSystemManager();
      const write = (filePath: string) => new Promise<Record<string, Loose>>((resolve) => fs.writeFile({ filePath, data: 'x', success: resolve, fail: resolve }));
      expect((await write('wxfile://tmp/a.json')).errMsg).toBe('writeFile:fail permission denied, open wxfile://tmp');
      expect((await write(`${USER_DATA_PATH}/no-dir/a.json`)).errMsg).toBe(`writeFile:fail no such file or directory, open ${USER_DATA_PATH}/no-dir/a.json`);
      expect(w.device.files?.size).toBe(0);
    },
  },
  {
    behaviour: 'shareFileMessage only works from a tap ("仅在点击行为时调用"); from a tap it opens the chat picker',
    source: SRC.shareFileMessage,
    run: async () => {
      const w = createBareWx();
      const filePath = `${USER_DATA_PATH}/my-data.json`;
      await new Promise((resolve) => w.wx.getFileSystemManager().writeFile({ filePath, data: '{}', success: resolve, fail: resolve }));
      const away = await call(w, 'shareFileMessage', { filePath });
      expect(away.res.errMsg).toBe('shareFileMessage:fail can only be invoked by user TAP gesture.');
      const tapped = await new Promise<Record<string, Loose>>((resolve) =>
        w.gesture(() => w.wx.shareFileMessage({ filePath, fileName: 'copy.json', success: resolve, fail: resolve })),
      );
      expect(tapped.errMsg).toBe('shareFileMessage:ok');
      expect(w.double.prompts.filter((p) => p.kind === 'share-file').map((p) => p.detail.fileName)).toEqual(['copy.json']);
    },
  },
  {
    behaviour: 'closing the chat picker fails shareFileMessage with "cancel"; an older base library (< 2.16.1) has no shareFileMessage',
    source: SRC.shareFileMessage,
    run: async () => {
      const w = createBareWx({ device: { shareFileAnswer: 'cancel' } });
      const filePath = `${USER_DATA_PATH}/my-data.json`;
      await new Promise((resolve) => w.wx.getFileSystemManager().writeFile({ filePath, data: '{}', success: resolve, fail: resolve }));
      const res = await new Promise<Record<string, Loose>>((resolve) => w.gesture(() => w.wx.shareFileMessage({ filePath, success: resolve, fail: resolve })));
      expect(res.errMsg).toBe('shareFileMessage:fail cancel');
      const old = createBareWx({ wxOptions: { missingApis: ['shareFileMessage'] } });
      expect(old.wx.canIUse('shareFileMessage')).toBe(false);
    },
  },
  // ---- privacy framework ----
  {
    behaviour: 'getPrivacySetting: needAuthorization true until agreed, with privacyContractName',
    source: SRC.getPrivacySetting,
    run: async () => {
      const w = createBareWx();
      const r = await call(w, 'getPrivacySetting');
      expect(r.res).toMatchObject({ errMsg: 'getPrivacySetting:ok', needAuthorization: true });
      expect(typeof r.res.privacyContractName).toBe('string');
      const agreed = createBareWx({ device: { privacyAgreed: true } });
      expect((await call(agreed, 'getPrivacySetting')).res.needAuthorization).toBe(false);
    },
  },
  {
    behaviour: 'privacy check follows app.json __usePrivacyCheck__ (off → nothing is held)',
    source: SRC.privacyGuide,
    run: async () => {
      const w = createBareWx({ appJson: { ...fuzzyApp, __usePrivacyCheck__: false } });
      const events = listen(w);
      expect((await call(w, 'getFuzzyLocation')).ok).toBe(true);
      expect(events).toHaveLength(0);
      expect((await call(w, 'getPrivacySetting')).res.needAuthorization).toBe(false);
    },
  },
  {
    behaviour: 'a gated API called before agreement is held; the listener gets (resolve, { referrer })',
    source: SRC.onNeed,
    run: async () => {
      const w = createBareWx({ appJson: fuzzyApp });
      const events = listen(w);
      let settled = false;
      w.wx.getFuzzyLocation({ complete: () => (settled = true) });
      await settle();
      expect(events.map((e) => e.info.referrer)).toEqual(['getFuzzyLocation']);
      expect(typeof events[0].resolve).toBe('function');
      expect(settled).toBe(false);
      expect(w.double.heldCalls().map((c: WxCall) => c.name)).toEqual(['getFuzzyLocation']);
      expect(w.double.prompts.filter((p) => p.kind === 'scope')).toHaveLength(0);
    },
  },
  {
    behaviour: 'resolve({ event: "exposureAuthorization" }) reports the sheet; the call stays held',
    source: SRC.onNeed,
    run: async () => {
      const w = createBareWx({ appJson: fuzzyApp });
      const events = listen(w);
      let settled = false;
      w.wx.getFuzzyLocation({ complete: () => (settled = true) });
      await settle();
      events[0].resolve({ event: 'exposureAuthorization' });
      await settle();
      expect(settled).toBe(false);
      expect(w.double.privacyLog.some((e) => e.type === 'resolve' && e.event === 'exposureAuthorization')).toBe(true);
    },
  },
  {
    behaviour: 'resolve({ event: "agree", buttonId }) after a tap on that agreePrivacyAuthorization button lets the held call proceed',
    source: SRC.onNeed,
    run: async () => {
      const w = createBareWx({ appJson: fuzzyApp });
      const events = listen(w);
      const result = call(w, 'getFuzzyLocation');
      await settle();
      w.gesture(() => w.double.agreeButtonTapped('agree-btn'));
      events[0].resolve({ event: 'agree', buttonId: 'agree-btn' });
      const r = await result;
      expect(r.res).toMatchObject({ errMsg: 'getFuzzyLocation:ok' });
      expect(typeof r.res.latitude).toBe('number');
      expect((await call(w, 'getPrivacySetting')).res.needAuthorization).toBe(false);
    },
  },
  {
    behaviour: 'agree is refused when that button was never tapped (the base library checks the click)',
    source: SRC.onNeed,
    run: async () => {
      const w = createBareWx({ appJson: fuzzyApp });
      const events = listen(w);
      const result = call(w, 'getFuzzyLocation');
      await settle();
      w.gesture(() => w.double.agreeButtonTapped('other-btn'));
      events[0].resolve({ event: 'agree', buttonId: 'agree-btn' });
      const r = await result;
      expect(r.ok).toBe(false);
      expect(r.res).toMatchObject({ errMsg: 'getFuzzyLocation:fail privacy permission is not authorized', errno: 104 });
    },
  },
  {
    behaviour: 'resolve({ event: "disagree" }) fails the held call: "<api>:fail privacy permission is not authorized", errno 104',
    source: SRC.onNeed,
    run: async () => {
      const w = createBareWx({ appJson: fuzzyApp });
      const events = listen(w);
      const result = call(w, 'getFuzzyLocation');
      await settle();
      events[0].resolve({ event: 'disagree' });
      const r = await result;
      expect(r.res).toEqual({ errMsg: 'getFuzzyLocation:fail privacy permission is not authorized', errno: 104 });
      expect((await call(w, 'getPrivacySetting')).res.needAuthorization).toBe(true);
    },
  },
  {
    behaviour: 'each held call has its own resolve; resolving one leaves the others held',
    source: SRC.onNeed,
    run: async () => {
      const w = createBareWx({ appJson: fuzzyApp });
      const events = listen(w);
      const a = call(w, 'getFuzzyLocation');
      let bDone = false;
      w.wx.chooseImage({ complete: () => (bDone = true) });
      await settle();
      expect(events.map((e) => e.info.referrer)).toEqual(['getFuzzyLocation', 'chooseImage']);
      events[0].resolve({ event: 'disagree' });
      await a;
      await settle();
      expect(bDone).toBe(false);
    },
  },
  {
    behaviour: 'authorize of a privacy scope is held like the API it unlocks',
    source: SRC.privacyGuide,
    run: async () => {
      const w = createBareWx();
      const events = listen(w);
      const r = call(w, 'authorize', { scope: 'scope.bluetooth' });
      await settle();
      expect(events.map((e) => e.info.referrer)).toEqual(['authorize']);
      events[0].resolve({ event: 'disagree' });
      expect((await r).res).toMatchObject({ errMsg: 'authorize:fail privacy permission is not authorized', errno: 104 });
    },
  },
  {
    behaviour: 'without a listener WeChat shows its own popup; after a refusal it stays silent for 10 s and calls fail',
    source: SRC.popupGap,
    run: async () => {
      let now = 1_000_000;
      const w = createBareWx({ appJson: fuzzyApp, device: { officialPrivacyPopupAnswer: 'disagree' }, clock: () => now });
      const first = await call(w, 'getFuzzyLocation');
      expect(first.res).toMatchObject({ errMsg: 'getFuzzyLocation:fail privacy permission is not authorized', errno: 104 });
      now += 9_000;
      const inGap = await call(w, 'getFuzzyLocation');
      expect(inGap.res.errno).toBe(104);
      expect(w.double.prompts.filter((p) => p.kind === 'privacy-popup')).toHaveLength(1);
      now += 2_000;
      w.device.settings.officialPrivacyPopupAnswer = 'agree';
      expect((await call(w, 'getFuzzyLocation')).ok).toBe(true);
      expect(w.double.prompts.filter((p) => p.kind === 'privacy-popup')).toHaveLength(2);
    },
  },
  {
    behaviour: 'an interface whose information type is not declared in the privacy guide fails with errno 112',
    source: SRC.errno112,
    run: async () => {
      const w = createBareWx({ appJson: fuzzyApp, device: { privacyAgreed: true }, wxOptions: { privacyGuide: ['bluetooth'] } });
      const r = await call(w, 'getFuzzyLocation');
      expect(r.res).toEqual({ errMsg: 'getFuzzyLocation:fail api scope is not declared in the privacy agreement', errno: 112 });
      expect((await call(w, 'openBluetoothAdapter')).ok).toBe(true);
    },
  },
  {
    behaviour: 'location interfaces must be listed in app.json requiredPrivateInfos, else they fail',
    source: SRC.requiredPrivateInfos,
    run: async () => {
      const w = createBareWx({ device: { privacyAgreed: true } });
      const r = await call(w, 'getFuzzyLocation');
      expect(r.res.errMsg).toBe('getFuzzyLocation:fail the api need to be declared in the requiredPrivateInfos field in app.json/ext.json');
      expect(REQUIRED_PRIVATE_INFOS_APIS).toContain('getFuzzyLocation');
    },
  },
  {
    behaviour: 'requirePrivacyAuthorize: succeeds when agreed, else raises the privacy event (referrer requirePrivacyAuthorize)',
    source: SRC.requirePrivacy,
    run: async () => {
      expect((await call(createBareWx({ device: { privacyAgreed: true } }), 'requirePrivacyAuthorize')).res.errMsg).toBe('requirePrivacyAuthorize:ok');
      const w = createBareWx();
      const events = listen(w);
      const r = call(w, 'requirePrivacyAuthorize');
      await settle();
      expect(events[0].info.referrer).toBe('requirePrivacyAuthorize');
      events[0].resolve({ event: 'disagree' });
      expect((await r).res).toMatchObject({ errMsg: 'requirePrivacyAuthorize:fail privacy permission is not authorized', errno: 104 });
    },
  },
  {
    behaviour: 'openPrivacyContract opens the contract page',
    source: SRC.openPrivacyContract,
    run: async () => {
      const w = createBareWx();
      expect((await call(w, 'openPrivacyContract')).res.errMsg).toBe('openPrivacyContract:ok');
      expect(w.double.prompts.map((p) => p.kind)).toContain('privacy-contract');
    },
  },
  {
    behaviour: 'a gated component (getPhoneNumber button, <camera>) is held too, with its referrer name',
    source: SRC.onNeed,
    run: async () => {
      const w = createBareWx();
      const events = listen(w);
      const access = w.double.componentAccess('button.getPhoneNumber');
      await settle();
      expect(events.map((e) => e.info.referrer)).toEqual(['button.getPhoneNumber']);
      events[0].resolve({ event: 'disagree' });
      expect(await access).toEqual({ ok: false, errMsg: 'privacy permission is not authorized', errno: 104 });
      expect(w.double.calls.map((c) => [c.name, c.privacyGated])).toEqual([['onNeedPrivacyAuthorization', false], ['button.getPhoneNumber', true]]);
    },
  },
  {
    behaviour: 'the agreement is kept by WeChat for the device: a new app process does not ask again',
    source: SRC.privacyGuide,
    run: async () => {
      const device = createDevice();
      const first = createBareWx({ device, appJson: fuzzyApp });
      const events = listen(first);
      const r = call(first, 'getFuzzyLocation');
      await settle();
      first.gesture(() => first.double.agreeButtonTapped('agree'));
      events[0].resolve({ event: 'agree', buttonId: 'agree' });
      await r;
      first.double.dispose();
      const second = createBareWx({ device, appJson: fuzzyApp });
      expect((await call(second, 'getPrivacySetting')).res.needAuthorization).toBe(false);
      expect((await call(second, 'getFuzzyLocation')).ok).toBe(true);
    },
  },
  {
    behaviour: 'the gated-interface list is kept as data (location, camera, Bluetooth, album, clipboard...)',
    source: SRC.privacyGuide,
    run: async () => {
      for (const api of ['getFuzzyLocation', 'getLocation', 'chooseLocation', 'openBluetoothAdapter', 'chooseImage', 'chooseMedia', 'getUserProfile', 'chooseAddress', 'getWeRunData', 'saveImageToPhotosAlbum', 'startRecord', 'getClipboardData']) {
        expect(PRIVACY_GATED_APIS).toContain(api);
      }
      for (const scope of ['scope.camera', 'scope.bluetooth', 'scope.userFuzzyLocation', 'scope.record', 'scope.writePhotosAlbum']) {
        expect(PRIVACY_GATED_SCOPES).toContain(scope);
      }
    },
  },
  // ---- system state ----
  {
    behaviour: "getAppAuthorizeSetting reports WeChat's OS permissions as 'authorized' | 'denied' | 'not determined'",
    source: SRC.appAuthorize,
    run: async () => {
      const w = createBareWx({ device: { platform: 'ios', appAuthorize: { camera: 'denied', location: 'not determined' } } });
      expect(w.wx.getAppAuthorizeSetting()).toMatchObject({ cameraAuthorized: 'denied', locationAuthorized: 'not determined', bluetoothAuthorized: 'authorized' });
    },
  },
  {
    behaviour: 'getSystemSetting reports the system switches (bluetoothEnabled, locationEnabled, wifiEnabled)',
    source: SRC.systemSetting,
    run: async () => {
      const w = createBareWx({ device: { system: { bluetoothEnabled: false } } });
      expect(w.wx.getSystemSetting()).toMatchObject({ bluetoothEnabled: false, locationEnabled: true, wifiEnabled: true });
    },
  },
  {
    behaviour: "openAppAuthorizeSetting opens WeChat's system settings (the app goes to the background and back)",
    source: SRC.openAppAuthorize,
    run: async () => {
      const w = createBareWx({ device: { appAuthorize: { camera: 'denied' } }, wxOptions: { onOpenAppAuthorizeSetting: (d) => void (d.appAuthorize.camera = 'authorized') } });
      expect((await call(w, 'openAppAuthorizeSetting')).res.errMsg).toBe('openAppAuthorizeSetting:ok');
      expect(w.visits).toEqual(['system']);
      expect(w.wx.getAppAuthorizeSetting().cameraAuthorized).toBe('authorized');
    },
  },
  {
    behaviour: 'openBluetoothAdapter fails with errCode 10001 when Bluetooth is off (iOS adds state 4)',
    source: SRC.bluetooth,
    run: async () => {
      const android = await call(createBareWx({ device: { privacyAgreed: true, system: { bluetoothEnabled: false } } }), 'openBluetoothAdapter');
      expect(android.res).toMatchObject({ errCode: 10001 });
      expect(android.res.errMsg).toMatch(/^openBluetoothAdapter:fail/);
      expect(android.res.state).toBeUndefined();
      const ios = await call(createBareWx({ device: { privacyAgreed: true, platform: 'ios', system: { bluetoothEnabled: false } } }), 'openBluetoothAdapter');
      expect(ios.res).toMatchObject({ errCode: 10001, state: 4 });
    },
  },
  {
    behaviour: 'on iOS, WeChat without Bluetooth permission fails openBluetoothAdapter with state 3',
    source: SRC.bluetooth,
    run: async () => {
      const r = await call(createBareWx({ device: { privacyAgreed: true, platform: 'ios', appAuthorize: { bluetooth: 'denied' } } }), 'openBluetoothAdapter');
      expect(r.res).toMatchObject({ errCode: 10001, state: 3 });
    },
  },
  {
    behaviour: 'Bluetooth APIs before openBluetoothAdapter fail with errCode 10000',
    source: SRC.bluetoothState,
    run: async () => {
      const w = createBareWx({ device: { privacyAgreed: true } });
      expect((await call(w, 'getBluetoothAdapterState')).res.errCode).toBe(10000);
      await call(w, 'openBluetoothAdapter');
      expect((await call(w, 'getBluetoothAdapterState')).ok).toBe(true);
    },
  },
  {
    behaviour: 'getFuzzyLocation returns latitude and longitude once agreed, declared and authorised',
    source: SRC.fuzzyLocation,
    run: async () => {
      const w = createBareWx({ appJson: fuzzyApp, device: { privacyAgreed: true, location: { latitude: 30, longitude: 120 } } });
      expect((await call(w, 'getFuzzyLocation')).res).toEqual({ errMsg: 'getFuzzyLocation:ok', latitude: 30, longitude: 120 });
      expect((await call(w, 'getSetting')).res.authSetting['scope.userFuzzyLocation']).toBe(true);
    },
  },
  {
    behaviour: "getAppBaseInfo().language is WeChat's UI language",
    source: SRC.appBaseInfo,
    run: async () => {
      expect(createBareWx({ device: { language: 'en' } }).wx.getAppBaseInfo().language).toBe('en');
    },
  },
  {
    behaviour: 'login returns a fresh code each call',
    source: SRC.login,
    run: async () => {
      const w = createBareWx();
      const a = await call(w, 'login');
      const b = await call(w, 'login');
      expect(a.res.errMsg).toBe('login:ok');
      expect(typeof a.res.code).toBe('string');
      expect(a.res.code).not.toBe(b.res.code);
    },
  },
  // ---- network ----
  {
    behaviour: 'request sends real HTTP and returns data (JSON parsed), statusCode and header',
    source: SRC.request,
    run: async () => {
      const w = createBareWx({ httpRoutes: { 'https://api.example': origin } });
      const r = await call(w, 'request', { url: 'https://api.example/v1/echo?x=1', method: 'POST', data: { a: 1 }, header: { Authorization: 'Bearer t' } });
      expect(r.res.errMsg).toBe('request:ok');
      expect(r.res.statusCode).toBe(200);
      expect(r.res.header['x-echo']).toBe('yes');
      expect(r.res.data).toEqual({ method: 'POST', url: '/v1/echo?x=1', body: '{"a":1}', auth: 'Bearer t' });
    },
  },
  {
    behaviour: 'an HTTP error status is still request:ok (success callback with statusCode)',
    source: SRC.request,
    run: async () => {
      const w = createBareWx({ httpRoutes: { 'https://api.example': origin } });
      const r = await call(w, 'request', { url: 'https://api.example/missing' });
      expect(r.ok).toBe(true);
      expect(r.res.statusCode).toBe(404);
    },
  },
  {
    behaviour: 'request honours timeout: "request:fail timeout"',
    source: SRC.request,
    run: async () => {
      const w = createBareWx({ httpRoutes: { 'https://api.example': origin } });
      const r = await call(w, 'request', { url: 'https://api.example/slow', timeout: 50 });
      expect(r.res.errMsg).toBe('request:fail timeout');
    },
  },
  {
    behaviour: 'a connection failure is "request:fail <reason>"',
    source: SRC.request,
    run: async () => {
      const w = createBareWx({ httpRoutes: { 'https://api.example': 'http://127.0.0.1:1' } });
      const r = await call(w, 'request', { url: 'https://api.example/x' });
      expect(r.ok).toBe(false);
      expect(r.res.errMsg).toMatch(/^request:fail \S+/);
    },
  },
  {
    behaviour: 'a domain outside the configured list fails: "request:fail url not in domain list"',
    source: SRC.network,
    run: async () => {
      const r = await call(createBareWx({ httpRoutes: { 'https://api.example': origin } }), 'request', { url: 'https://tracker.example/pixel' });
      expect(r.res.errMsg).toBe('request:fail url not in domain list');
    },
  },
  {
    behaviour: 'RequestTask.abort fails the request with "request:fail abort"',
    source: SRC.request,
    run: async () => {
      const w = createBareWx({ httpRoutes: { 'https://api.example': origin } });
      const r = new Promise<Record<string, Loose>>((resolve) => {
        const task = w.wx.request({ url: 'https://api.example/slow', fail: resolve, success: resolve });
        setTimeout(() => task.abort(), 20);
      });
      expect((await r).errMsg).toBe('request:fail abort');
    },
  },
  // ---- interaction, navigation, compatibility ----
  {
    behaviour: 'showModal answers { confirm, cancel } with the scripted choice',
    source: SRC.showModal,
    run: async () => {
      const w = createBareWx({ device: { modalAnswers: [{ confirm: false }] } });
      const r = await call(w, 'showModal', { title: 'T', content: 'C' });
      expect(r.res).toMatchObject({ errMsg: 'showModal:ok', confirm: false, cancel: true });
      expect((await call(w, 'showModal', { title: 'T2' })).res.confirm).toBe(true);
      expect(w.double.prompts.filter((p) => p.kind === 'modal').map((p) => p.detail.title)).toEqual(['T', 'T2']);
    },
  },
  {
    behaviour: 'showToast shows a toast and succeeds',
    source: SRC.showToast,
    run: async () => {
      const w = createBareWx();
      expect((await call(w, 'showToast', { title: '已保存' })).res.errMsg).toBe('showToast:ok');
      expect(w.double.prompts.find((p) => p.kind === 'toast')?.detail.title).toBe('已保存');
    },
  },
  {
    behaviour: 'requestSubscribeMessage only works from a user tap',
    source: SRC.subscribe,
    run: async () => {
      const w = createBareWx();
      expect((await call(w, 'requestSubscribeMessage', { tmplIds: ['t1'] })).res.errMsg).toMatch(/^requestSubscribeMessage:fail /);
      const res = await new Promise<Record<string, Loose>>((resolve) => w.gesture(() => w.wx.requestSubscribeMessage({ tmplIds: ['t1'], success: resolve, fail: resolve })));
      expect(res).toMatchObject({ errMsg: 'requestSubscribeMessage:ok', t1: 'accept' });
    },
  },
  {
    behaviour: 'navigateTo hands the url to the page stack and answers navigateTo:ok',
    source: SRC.navigateTo,
    run: async () => {
      const w = createBareWx();
      expect((await call(w, 'navigateTo', { url: '/pages/me/index?x=1' })).res.errMsg).toBe('navigateTo:ok');
      expect(w.navigations).toEqual(['navigateTo:/pages/me/index?x=1']);
    },
  },
  {
    behaviour: 'an older base library lacks newer APIs: they are absent and canIUse says false',
    source: SRC.compatibility,
    run: async () => {
      const w = createBareWx({ wxOptions: { missingApis: ['onNeedPrivacyAuthorization', 'getPrivacySetting'] } });
      expect(w.wx.onNeedPrivacyAuthorization).toBeUndefined();
      expect(w.wx.canIUse('getPrivacySetting')).toBe(false);
      expect(w.wx.canIUse('getSetting')).toBe(true);
    },
  },
];

describe('wx double conformance', () => {
  test.each(rows.map((r) => [r.behaviour, r.source, r] as const))('%s  (%s)', async (_b, _s, row) => {
    expect(row.source).toMatch(/^https:\/\/developers\.weixin\.qq\.com\//);
    await row.run();
  });
});
