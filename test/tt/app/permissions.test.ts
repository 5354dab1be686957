/**
 * Just-in-time runtime permissions in the shop's production Douyin build, in the simulated Douyin
 * host: the warranty scan (camera, scope.camera), the boutique finder (location: Douyin asks for
 * scope.userLocation when tt.getLocation is called; it has no fuzzy location) and the check-in
 * (Bluetooth: no scope on Douyin, failures reported by tt.openBluetoothAdapter). The purpose sheet
 * comes before any system prompt, a refusal is respected (48 h quiet period), and nothing
 * privacy-gated runs before the policy is agreed or before the feature is tapped.
 */
import { decodeLedger } from '@maison/privacy/contract';
import type { PermissionEvent } from '@maison/privacy/contract';
import { agreeAndRegister, asShopper, useBackend } from '../../weapp/app/shopper';
import { launchTt, type PageHandle, type TtHost, type TtLaunchOptions } from '../harness';

jest.setTimeout(240_000);

const WARRANTY = 'features/warranty/index';
const BOUTIQUES = 'features/boutiques/index';
const CHECKIN = 'features/checkin/index';
const HOUR = 60 * 60 * 1000;

const backend = useBackend();
let host: TtHost | undefined;
afterEach(() => host?.close());
/** A new Douyin user for each member launch. */
let members = 0;

/** Launches, agrees to the policy on the home page, then opens `route`. */
async function agreedOn(route: string, options: TtLaunchOptions = {}): Promise<{ host: TtHost; page: PageHandle }> {
  host = await launchTt(options);
  const home = await host.openPage();
  await host.flush();
  await home.tap('privacy-agree');
  await host.flush();
  expect(home.exists('privacy-sheet')).toBe(false);
  const page = await host.openPage(route);
  await host.flush();
  return { host, page };
}

/** Launches as a new Douyin user signed in through the backend (platform 'tt'), agrees and registers, then opens `route`. */
async function memberOn(route: string, options: TtLaunchOptions = {}): Promise<{ host: TtHost; page: PageHandle }> {
  members += 1;
  host = await launchTt(asShopper(backend, `tt-permissions-${members}`, options, 'tt'));
  await agreeAndRegister(host);
  const page = await host.openPage(route);
  await host.flush();
  return { host, page };
}

/** The permission events of the device's ledger, oldest first. */
function permissionEvents(h: TtHost): PermissionEvent[] {
  const stored = h.device.storage.get('privacy.ledger');
  if (stored === undefined) return [];
  const value: unknown = JSON.parse(stored);
  const decoded = decodeLedger(typeof value === 'string' ? value : JSON.stringify(value));
  if (decoded.status !== 'ok') throw new Error(`ledger not readable: ${decoded.status}`);
  return decoded.entries.map((e) => e.event).filter((e): e is PermissionEvent => e.kind === 'permission');
}

const summary = (events: readonly PermissionEvent[]) => events.map((e) => `${e.purpose}:${e.value}:${e.source}`);
const scopePrompts = (h: TtHost) => h.prompts.filter((p) => p.kind === 'scope');

describe('before agreement and before a tap', () => {
  test('opening the three feature pages calls no gated tt API; a tap before agreement opens the policy sheet, agreeing continues to the purpose sheet', async () => {
    host = await launchTt();
    const home = await host.openPage();
    await host.flush();
    expect(home.exists('privacy-sheet')).toBe(true);
    for (const route of [WARRANTY, BOUTIQUES, CHECKIN]) {
      await host.openPage(route);
      await host.flush();
    }
    expect(host.gatedCalls()).toEqual([]);

    const checkin = host.currentPage();
    await checkin.tap('checkin-start');
    await host.flush();
    expect(checkin.exists('privacy-sheet')).toBe(true);
    expect(checkin.exists('purpose-sheet')).toBe(false);
    expect(host.gatedCalls()).toEqual([]);

    const beforeTap = host.wxCalls.length;
    await checkin.tap('privacy-agree');
    await host.flush();
    expect(checkin.exists('purpose-sheet')).toBe(true);
    expect(host.gatedCalls()).toEqual([]);
    await checkin.tap('purpose-continue');
    await host.flush();
    expect(checkin.exists('checkin-done')).toBe(true);
    // Douyin has no Bluetooth scope: nothing is authorised first, the adapter is simply opened.
    const gated = host.gatedCalls();
    expect(gated.map((c) => c.name)).toEqual(['openBluetoothAdapter']);
    expect(gated.every((c) => c.seq > beforeTap)).toBe(true);
    expect(host.callsTo('authorize')).toEqual([]);
    expect(host.errors).toEqual([]);
  });

  test('after a relaunch with the policy agreed, pages re-read scopes with tt.getSetting and make no gated call', async () => {
    ({ host } = await agreedOn(WARRANTY));
    await host.relaunch();
    await host.openPage();
    await host.flush();
    for (const route of [WARRANTY, BOUTIQUES, CHECKIN]) {
      await host.openPage(route);
      await host.flush();
    }
    expect(host.gatedCalls()).toEqual([]);
    expect(host.callsTo('getSetting').length).toBeGreaterThanOrEqual(3);
    expect(scopePrompts(host)).toEqual([]);
  });
});

describe('camera: warranty scan', () => {
  test('never asked → purpose sheet → scope.camera granted → the in-page camera starts and scans', async () => {
    const { host, page } = await memberOn(WARRANTY);
    await page.tap('warranty-scan');
    await host.flush();
    expect(page.exists('purpose-sheet')).toBe(true);
    expect(page.textOf('purpose-what')).toBe('使用您的摄像头');
    expect(scopePrompts(host)).toEqual([]);

    await page.tap('purpose-continue');
    await host.flush();
    expect(scopePrompts(host).map((p) => p.detail.scope)).toEqual(['scope.camera']);
    expect(page.exists('warranty-camera')).toBe(true);
    // Douyin's <camera> reports `initdone` and, with mode="scanCode", `scancode`
    // (https://developer.open-douyin.com/docs/resource/zh-CN/mini-app/develop/component/media-component/camera):
    // the build's base.ttml must bind them for the camera to become ready and scan.
    expect(page.textOf('warranty-camera-state')).toBe('摄像头已就绪');
    expect(summary(permissionEvents(host))).toEqual(['camera:prompted:feature', 'camera:granted:feature']);

    await page.trigger('warranty-camera', 'scancode', { result: 'cw-2024-000123', type: 'QR_CODE', charSet: 'utf-8', rawData: '' });
    await host.waitFor(() => page.exists('warranty-result'), { what: 'warranty registered' });
    expect(page.textOf('warranty-result')).toContain('CW-2024-000123');
    expect(host.errors).toEqual([]);
  });

  test("Douyin's own scanner asks for scope.camera, so it is not offered beside the purpose sheet (no tt.scanCode)", async () => {
    const { host, page } = await memberOn(WARRANTY);
    expect(page.exists('warranty-scan')).toBe(true);
    expect(page.exists('warranty-wechat-scan')).toBe(false);
    expect(host.callsTo('scanCode')).toEqual([]);
  });

  test('refused → the hint to the mini-program settings and the typed fallback; a re-ask prompts nobody', async () => {
    const { host, page } = await memberOn(WARRANTY, { device: { scopeAnswers: { 'scope.camera': 'reject' } } });
    await page.tap('warranty-scan');
    await host.flush();
    await page.tap('purpose-continue');
    await host.flush();
    expect(host.device.settings.authSetting['scope.camera']).toBe(false);
    expect(page.exists('warranty-camera')).toBe(false);
    expect(page.exists('hint-camera')).toBe(true);
    expect(page.textOf('hint-camera-settings')).toBe('去设置');
    expect(page.exists('warranty-manual')).toBe(true);
    expect(summary(permissionEvents(host))).toEqual(['camera:prompted:feature', 'camera:denied:feature']);

    await page.tap('warranty-scan');
    await host.flush();
    expect(page.exists('purpose-sheet')).toBe(false);
    expect(scopePrompts(host)).toHaveLength(1);

    await page.input('warranty-number', 'CW-2024-000123');
    await page.tap('warranty-submit');
    await host.waitFor(() => page.exists('warranty-result'), { what: 'warranty registered' });
    expect(page.textOf('warranty-result')).toContain('CW-2024-000123');
    expect(host.errors).toEqual([]);
  });

  test('"open settings" calls tt.openSetting from its tap; turning the camera on there updates the page and the ledger', async () => {
    const { host, page } = await memberOn(WARRANTY, {
      device: { scopeAnswers: { 'scope.camera': 'reject' } },
      ttOptions: { onOpenSetting: (d) => void (d.authSetting['scope.camera'] = true) },
    });
    await page.tap('warranty-scan');
    await host.flush();
    await page.tap('purpose-continue');
    await host.flush();
    await page.tap('hint-camera-settings');
    await host.flush();
    const opened = host.callsTo('openSetting');
    expect(opened).toHaveLength(1);
    expect(opened[0].duringGesture).toBe(true);
    expect(opened[0].status).toBe('ok');
    expect(page.exists('hint-camera')).toBe(false);
    expect(summary(permissionEvents(host)).slice(-1)).toEqual(['camera:granted:settings']);
    expect(host.errors).toEqual([]);
  });
});

describe('location: boutique finder', () => {
  test('never asked → purpose sheet → tt.getLocation asks scope.userLocation → nearest boutiques (no fuzzy-location API on Douyin)', async () => {
    const { host, page } = await agreedOn(BOUTIQUES, { device: { location: { latitude: 39.91, longitude: 116.45 } } });
    await page.tap('boutiques-locate');
    await host.flush();
    expect(page.textOf('purpose-what')).toContain('大致位置');
    expect(host.callsTo('getLocation')).toEqual([]);
    await page.tap('purpose-continue');
    await host.flush();
    expect(scopePrompts(host).map((p) => p.detail.scope)).toEqual(['scope.userLocation']);
    expect(host.callsTo('getLocation').every((c) => c.status === 'ok')).toBe(true);
    expect(host.callsTo('getLocation').length).toBeGreaterThanOrEqual(1);
    expect(host.callsTo('getFuzzyLocation')).toEqual([]);
    const nearest = page.findAll((n) => n.id.startsWith('nearby-') && !n.id.endsWith('-phone')).map((n) => n.id);
    expect(nearest[0]).toBe('nearby-bj-skp');
    expect(page.exists('city-list')).toBe(false);
    expect(summary(permissionEvents(host))).toEqual(['location:prompted:feature', 'location:granted:feature']);
    expect(host.errors).toEqual([]);
  });

  test('"not now" → the city list, no prompt, no tt.getLocation; the refusal is in the ledger', async () => {
    const { host, page } = await agreedOn(BOUTIQUES);
    await page.tap('boutiques-locate');
    await host.flush();
    await page.tap('purpose-not-now');
    await host.flush();
    expect(page.exists('purpose-sheet')).toBe(false);
    expect(page.exists('city-list')).toBe(true);
    expect(host.callsTo('getLocation')).toEqual([]);
    expect(host.gatedCalls()).toEqual([]);
    expect(scopePrompts(host)).toEqual([]);
    expect(summary(permissionEvents(host))).toEqual(['location:not-now:feature']);
  });

  test('48 h rule with an injected clock: no new sheet or prompt within 48 h of a refusal, even after a relaunch', async () => {
    let now = Date.UTC(2026, 10, 25, 2, 0, 0);
    const { host, page } = await agreedOn(BOUTIQUES, { clock: () => now });
    await page.tap('boutiques-locate');
    await host.flush();
    await page.tap('purpose-not-now');
    await host.flush();

    now += HOUR;
    await page.tap('boutiques-locate');
    await host.flush();
    expect(page.exists('purpose-sheet')).toBe(false);
    expect(page.exists('city-list')).toBe(true);

    await host.relaunch();
    now += 46 * HOUR; // 47 h after the refusal
    await host.openPage();
    await host.flush();
    const later = await host.openPage(BOUTIQUES);
    await host.flush();
    await later.tap('boutiques-locate');
    await host.flush();
    expect(later.exists('purpose-sheet')).toBe(false);
    expect(host.allWxCalls.filter((c) => c.name === 'getLocation')).toEqual([]);

    now += HOUR + 60_000; // 48 h and a minute after the refusal
    await later.tap('boutiques-locate');
    await host.flush();
    expect(later.exists('purpose-sheet')).toBe(true);
    await later.tap('purpose-continue');
    await host.flush();
    expect(later.exists('boutiques-nearby')).toBe(true);
    expect(host.errors).toEqual([]);
  });

  test('scope.userLocation refused at Douyin\'s prompt → the hint and the city list', async () => {
    const { host, page } = await agreedOn(BOUTIQUES, { device: { scopeAnswers: { 'scope.userLocation': 'reject' } } });
    await page.tap('boutiques-locate');
    await host.flush();
    await page.tap('purpose-continue');
    await host.flush();
    expect(host.callsTo('getLocation').map((c) => c.status)).toEqual(['fail']);
    expect(page.exists('boutiques-nearby')).toBe(false);
    expect(page.exists('city-list')).toBe(true);
    expect(page.exists('hint-location-settings')).toBe(true);
    expect(summary(permissionEvents(host))).toEqual(['location:prompted:feature', 'location:denied:feature']);
    await page.tap('city-shanghai');
    expect(page.exists('boutique-sh-plaza66')).toBe(true);
  });
});

describe('Bluetooth: check-in', () => {
  test('never asked → purpose sheet → adapter opened (no scope, no prompt) → checked in', async () => {
    const { host, page } = await agreedOn(CHECKIN);
    await page.tap('checkin-start');
    await host.flush();
    expect(page.textOf('purpose-what')).toBe('使用您的蓝牙');
    await page.tap('purpose-continue');
    await host.flush();
    expect(host.callsTo('openBluetoothAdapter').map((c) => c.status)).toEqual(['ok']);
    expect(scopePrompts(host)).toEqual([]);
    expect(page.exists('checkin-done')).toBe(true);
    expect(summary(permissionEvents(host))).toEqual(['bluetooth:prompted:feature', 'bluetooth:granted:feature']);
  });

  test('Bluetooth switched off → the switch hint and the check-in code; retry once it is on', async () => {
    const { host, page } = await agreedOn(CHECKIN, { device: { system: { bluetoothEnabled: false } } });
    await page.tap('checkin-start');
    await host.flush();
    await page.tap('purpose-continue');
    await host.flush();
    expect(host.callsTo('openBluetoothAdapter').map((c) => c.status)).toEqual(['fail']);
    expect(page.exists('checkin-done')).toBe(false);
    expect(page.textOf('hint-bluetooth-text')).toContain('蓝牙已关闭');
    expect(page.textOf('checkin-code')).toMatch(/^\d{6}$/);
    host.device.settings.system.bluetoothEnabled = true;
    await page.tap('hint-bluetooth-retry');
    await host.flush();
    expect(page.exists('checkin-done')).toBe(true);
    expect(host.errors).toEqual([]);
  });

  test('the phone refused Douyin Bluetooth (186689 "system auth deny") → not checked in: the system-settings hint for Douyin and the check-in code', async () => {
    const { host, page } = await agreedOn(CHECKIN, { device: { appAuthorize: { bluetooth: 'denied' } } });
    await page.tap('checkin-start');
    await host.flush();
    await page.tap('purpose-continue');
    await host.flush();
    const [opened] = host.callsTo('openBluetoothAdapter');
    expect(opened.result).toEqual({ errMsg: 'openBluetoothAdapter:fail system auth deny', errorCode: '186689' });
    // 186689 is documented as 系统鉴权失败 (the OS refused Douyin), not as a passing system error.
    expect(page.exists('checkin-done')).toBe(false);
    expect(page.exists('checkin-code')).toBe(true);
    expect(page.textOf('hint-bluetooth-text')).toContain('系统设置');
    expect(page.textOf('hint-bluetooth-text')).not.toContain('微信');
  });

  test('"not now" → the check-in code, no adapter call, and the camera is still asked on its own', async () => {
    const { host, page } = await memberOn(CHECKIN);
    await page.tap('checkin-start');
    await host.flush();
    await page.tap('purpose-not-now');
    await host.flush();
    expect(page.exists('checkin-code')).toBe(true);
    expect(host.callsTo('openBluetoothAdapter')).toEqual([]);
    expect(host.gatedCalls()).toEqual([]);
    const warranty = await host.openPage(WARRANTY);
    await host.flush();
    await warranty.tap('warranty-scan');
    await host.flush();
    expect(warranty.exists('purpose-sheet')).toBe(true);
    expect(warranty.textOf('purpose-what')).toBe('使用您的摄像头');
  });
});
