/**
 * Just-in-time runtime permissions in the shop's production weapp build, in the simulated WeChat
 * host: the warranty scan (camera), the boutique finder (fuzzy location) and the check-in
 * (Bluetooth). Every path of the engine as the shopper meets it — purpose sheet, system prompt,
 * refusal, settings, system switches, the 48 h rule, changes made in the background — and, on the
 * wx call log, nothing privacy-gated before the policy is agreed or before the feature is tapped
 * (regulator items 2, 4 and 5).
 */
import { decodeLedger } from '@maison/privacy/contract';
import type { PermissionEvent } from '@maison/privacy/contract';
import { launchWeapp, type LaunchOptions, type PageHandle, type WeappHost } from '../harness';
import { agreeAndRegister, asShopper, useBackend } from './shopper';

jest.setTimeout(240_000);

const WARRANTY = 'features/warranty/index';
const BOUTIQUES = 'features/boutiques/index';
const CHECKIN = 'features/checkin/index';
const HOUR = 60 * 60 * 1000;

const backend = useBackend();
let host: WeappHost | undefined;
afterEach(() => host?.close());
/** A new WeChat user for each member launch. */
let members = 0;

/** Launches, agrees to the policy on the home page, then opens `route`. */
async function agreedOn(route: string, options: LaunchOptions = {}): Promise<{ host: WeappHost; page: PageHandle }> {
  host = await launchWeapp(options);
  const home = await host.openPage();
  await host.flush();
  await home.tap('privacy-agree');
  await host.flush();
  expect(home.exists('privacy-sheet')).toBe(false);
  const page = await host.openPage(route);
  await host.flush();
  return { host, page };
}

/**
 * Launches as a new WeChat user, agrees on the home page and registers on "me" (the warranty page
 * offers its scan and type-in controls to members only), then opens `route`.
 */
async function memberOn(route: string, options: LaunchOptions = {}): Promise<{ host: WeappHost; page: PageHandle }> {
  members += 1;
  host = await launchWeapp(asShopper(backend, `permissions-${members}`, options));
  await agreeAndRegister(host);
  const page = await host.openPage(route);
  await host.flush();
  return { host, page };
}

/** Waits for the server's answer to a warranty registration; returns what the page says. */
async function registered(h: WeappHost, page: PageHandle): Promise<string> {
  await h.waitFor(() => page.exists('warranty-result'), { what: 'warranty registered' });
  return page.textOf('warranty-result');
}

/** The permission events of the device's ledger, oldest first. */
function permissionEvents(h: WeappHost): PermissionEvent[] {
  const stored = h.device.storage.get('privacy.ledger');
  if (stored === undefined) return [];
  const value: unknown = JSON.parse(stored);
  const decoded = decodeLedger(typeof value === 'string' ? value : JSON.stringify(value));
  if (decoded.status !== 'ok') throw new Error(`ledger not readable: ${decoded.status}`);
  return decoded.entries.map((e) => e.event).filter((e): e is PermissionEvent => e.kind === 'permission');
}

const summary = (events: readonly PermissionEvent[]) => events.map((e) => `${e.purpose}:${e.value}:${e.source}`);
const scopePrompts = (h: WeappHost) => h.prompts.filter((p) => p.kind === 'scope');

describe('before agreement and before a tap', () => {
  test('opening the three feature pages calls no gated API; a tap before agreement opens the policy sheet and runs nothing', async () => {
    host = await launchWeapp();
    const home = await host.openPage();
    await host.flush();
    expect(home.exists('privacy-sheet')).toBe(true);
    // Shown but not answered: the shopper wanders to the features first.
    for (const route of [WARRANTY, BOUTIQUES, CHECKIN]) {
      const page = await host.openPage(route);
      await host.flush();
      expect(page.exists('purpose-sheet')).toBe(false);
    }
    expect(host.gatedCalls()).toEqual([]);
    expect(host.callsTo('getSetting').every((c) => !c.privacyGated)).toBe(true);

    const checkin = host.currentPage();
    await checkin.tap('checkin-start');
    await host.flush();
    expect(checkin.exists('privacy-sheet')).toBe(true);
    expect(checkin.exists('purpose-sheet')).toBe(false);
    expect(checkin.exists('checkin-done')).toBe(false);
    expect(host.gatedCalls()).toEqual([]);
    expect(host.callsTo('authorize')).toEqual([]);
    expect(host.callsTo('openBluetoothAdapter')).toEqual([]);
    expect(scopePrompts(host)).toEqual([]);

    // Agreeing from the sheet the feature opened continues that feature: its purpose sheet comes
    // next without a second tap, still before any gated call.
    const beforeTap = host.wxCalls.length;
    await checkin.tap('privacy-agree');
    await host.flush();
    expect(checkin.exists('privacy-sheet')).toBe(false);
    expect(checkin.exists('purpose-sheet')).toBe(true);
    expect(host.gatedCalls()).toEqual([]);
    await checkin.tap('purpose-continue');
    await host.flush();
    expect(checkin.exists('checkin-done')).toBe(true);
    const gated = host.gatedCalls();
    expect(gated.map((c) => c.name)).toEqual(['authorize', 'openBluetoothAdapter']);
    expect(gated.every((c) => c.seq > beforeTap)).toBe(true);
    expect(host.errors).toEqual([]);
  });

  test('after a relaunch with the policy agreed, pages re-read statuses without any gated call', async () => {
    ({ host } = await agreedOn(WARRANTY));
    await host.relaunch();
    await host.openPage();
    await host.flush();
    for (const route of [WARRANTY, BOUTIQUES, CHECKIN]) {
      await host.openPage(route);
      await host.flush();
    }
    expect(host.gatedCalls()).toEqual([]);
    // Each page onShow re-read the scopes (getSetting is not privacy-gated).
    expect(host.callsTo('getSetting').length).toBeGreaterThanOrEqual(3);
    expect(scopePrompts(host)).toEqual([]);
  });
});

describe('camera: warranty scan', () => {
  test('never asked → purpose sheet → system grant → the in-page camera starts and scans', async () => {
    const { host, page } = await memberOn(WARRANTY);
    expect(page.exists('hint-camera')).toBe(false);
    expect(page.exists('warranty-camera')).toBe(false);

    await page.tap('warranty-scan');
    await host.flush();
    expect(page.exists('purpose-sheet')).toBe(true);
    // One capability per sheet: what, why and what happens if refused, for the camera only.
    expect(page.textOf('purpose-what')).toBe('使用您的摄像头');
    expect(page.textOf('purpose-why')).toContain('扫描保修卡');
    expect(page.textOf('purpose-if-refused')).toContain('手动输入');
    expect(page.textOf('purpose-sheet')).not.toMatch(/位置|蓝牙/);
    expect(page.exists('purpose-not-now')).toBe(true);
    expect(host.callsTo('authorize')).toEqual([]);

    await page.tap('purpose-continue');
    await host.flush();
    expect(page.exists('purpose-sheet')).toBe(false);
    expect(host.callsTo('authorize').map((c) => (c.args[0] as { scope: string }).scope)).toEqual(['scope.camera']);
    expect(scopePrompts(host).map((p) => p.detail.scope)).toEqual(['scope.camera']);
    expect(page.exists('warranty-camera')).toBe(true);
    expect(page.textOf('warranty-camera-state')).toBe('摄像头已就绪');
    expect(page.exists('hint-camera')).toBe(false);
    expect(summary(permissionEvents(host))).toEqual(['camera:prompted:feature', 'camera:granted:feature']);

    await page.trigger('warranty-camera', 'scancode', { result: 'cw-2024-000123', type: 'QR_CODE', charSet: 'utf-8', rawData: '' });
    expect(await registered(host, page)).toContain('CW-2024-000123');
    expect(host.errors).toEqual([]);
  });

  test("WeChat's own scanner (scanCode) needs no scope and never goes through the engine", async () => {
    const { host, page } = await memberOn(WARRANTY, { wxOptions: { scanResult: 'CW-2024-000777' } });
    await page.tap('warranty-wechat-scan');
    await host.flush();
    expect(host.callsTo('scanCode')).toHaveLength(1);
    expect(await registered(host, page)).toContain('CW-2024-000777');
    expect(page.exists('purpose-sheet')).toBe(false);
    expect(host.callsTo('authorize')).toEqual([]);
    expect(host.gatedCalls()).toEqual([]);
    expect(permissionEvents(host)).toEqual([]);
  });

  test.each([
    ['auth deny', 'authorize:fail auth deny'],
    ['auth denied', 'authorize:fail auth denied'],
  ])('system deny (%s) → BLOCKED with the hint and the fallback; a re-ask fails at once with no prompt', async (message, errMsg) => {
    const { host, page } = await memberOn(WARRANTY, {
      device: { scopeAnswers: { 'scope.camera': 'reject' } },
      wxOptions: { authDenyMessage: message },
    });
    await page.tap('warranty-scan');
    await host.flush();
    await page.tap('purpose-continue');
    await host.flush();
    const [refused] = host.callsTo('authorize');
    expect(refused.status).toBe('fail');
    expect((refused.result as { errMsg: string }).errMsg).toBe(errMsg);
    expect(host.device.settings.authSetting['scope.camera']).toBe(false);
    // The quiet inline hint: mini-program settings, and the fallback already shown.
    expect(page.exists('hint-camera')).toBe(true);
    expect(page.textOf('hint-camera-text')).toContain('设置中开启');
    expect(page.textOf('hint-camera-settings')).toBe('去设置');
    expect(page.exists('warranty-manual')).toBe(true);
    expect(page.exists('warranty-camera')).toBe(false);
    expect(summary(permissionEvents(host))).toEqual(['camera:prompted:feature', 'camera:denied:feature']);

    // Re-ask: WeChat would fail at once; the app does not even try, and no sheet appears.
    await page.tap('warranty-scan');
    await host.flush();
    expect(page.exists('purpose-sheet')).toBe(false);
    expect(host.callsTo('authorize')).toHaveLength(1);
    expect(scopePrompts(host)).toHaveLength(1);
    expect(page.exists('hint-camera-settings')).toBe(true);
    expect(host.callsTo('openSetting')).toEqual([]);

    // The fallback works: the number typed by hand.
    await page.input('warranty-number', 'CW-2024-000123');
    await page.tap('warranty-submit');
    expect(await registered(host, page)).toContain('CW-2024-000123');
    expect(host.errors).toEqual([]);
  });

  test('a scope refused in an earlier session: the tap goes straight to the hint, no sheet, no authorize', async () => {
    const { host, page } = await memberOn(WARRANTY, { device: { authSetting: { 'scope.camera': false } } });
    // Known from the onShow re-read: the hint is there before any tap.
    expect(page.exists('hint-camera-settings')).toBe(true);
    await page.tap('warranty-scan');
    await host.flush();
    expect(page.exists('purpose-sheet')).toBe(false);
    expect(host.callsTo('authorize')).toEqual([]);
    expect(host.gatedCalls()).toEqual([]);
    expect(page.exists('warranty-camera')).toBe(false);
  });

  test('"open settings" calls openSetting only from its tap; turning the camera on there updates the page and the ledger', async () => {
    const { host, page } = await memberOn(WARRANTY, {
      device: { scopeAnswers: { 'scope.camera': 'reject' } },
      wxOptions: { onOpenSetting: (d) => void (d.authSetting['scope.camera'] = true) },
    });
    await page.tap('warranty-scan');
    await host.flush();
    await page.tap('purpose-continue');
    await host.flush();
    expect(host.callsTo('openSetting')).toEqual([]);

    await page.tap('hint-camera-settings');
    await host.flush();
    const opened = host.callsTo('openSetting');
    expect(opened).toHaveLength(1);
    expect(opened[0].duringGesture).toBe(true);
    expect(opened[0].status).toBe('ok');
    expect(host.callsTo('openAppAuthorizeSetting')).toEqual([]);
    expect(page.exists('hint-camera')).toBe(false);
    expect(summary(permissionEvents(host)).slice(-1)).toEqual(['camera:granted:settings']);

    await page.tap('warranty-scan');
    await host.flush();
    expect(page.exists('purpose-sheet')).toBe(false);
    expect(page.exists('warranty-camera')).toBe(true);
    expect(host.callsTo('authorize')).toHaveLength(1);
    expect(host.errors).toEqual([]);
  });

  test('OS-level denied → BLOCKED with guidance to the system settings (openAppAuthorizeSetting, not openSetting)', async () => {
    const { host, page } = await memberOn(WARRANTY, {
      device: { appAuthorize: { camera: 'denied' } },
      wxOptions: { onOpenAppAuthorizeSetting: (d) => void (d.appAuthorize.camera = 'authorized') },
    });
    expect(page.exists('hint-camera')).toBe(true);
    expect(page.textOf('hint-camera-text')).toContain('手机系统未允许微信使用摄像头');
    expect(page.textOf('hint-camera-settings')).toBe('打开系统设置');

    await page.tap('warranty-scan');
    await host.flush();
    expect(page.exists('purpose-sheet')).toBe(false);
    expect(host.callsTo('authorize')).toEqual([]);
    expect(page.exists('warranty-manual')).toBe(true);

    await page.tap('hint-camera-settings');
    await host.flush();
    expect(host.callsTo('openAppAuthorizeSetting')).toHaveLength(1);
    expect(host.callsTo('openSetting')).toEqual([]);
    // Back from the system settings (app onHide/onShow): re-read, the block is gone.
    expect(page.exists('hint-camera')).toBe(false);

    // Now the camera can be asked for, through the purpose sheet (no quiet period: nothing was refused).
    await page.tap('warranty-scan');
    await host.flush();
    expect(page.exists('purpose-sheet')).toBe(true);
    await page.tap('purpose-continue');
    await host.flush();
    expect(page.exists('warranty-camera')).toBe(true);
    expect(host.errors).toEqual([]);
  });

  test('settings changed while in the background: onShow updates the store, the page and the ledger', async () => {
    const { host, page } = await memberOn(WARRANTY);
    await page.tap('warranty-scan');
    await host.flush();
    await page.tap('purpose-continue');
    await host.flush();
    expect(page.exists('warranty-camera')).toBe(true);
    const readsBefore = host.callsTo('getSetting').length;

    await host.hide();
    host.device.settings.authSetting['scope.camera'] = false;
    await host.show();
    expect(host.callsTo('getSetting').length).toBeGreaterThan(readsBefore);
    expect(page.exists('warranty-camera')).toBe(false);
    expect(page.exists('hint-camera-settings')).toBe(true);
    expect(summary(permissionEvents(host)).slice(-1)).toEqual(['camera:blocked:settings']);

    // And back on again, still from outside the app.
    await host.hide();
    host.device.settings.authSetting['scope.camera'] = true;
    await host.show();
    expect(page.exists('hint-camera')).toBe(false);
    expect(summary(permissionEvents(host)).slice(-1)).toEqual(['camera:granted:settings']);
    expect(host.gatedCalls().filter((c) => c.name === 'authorize')).toHaveLength(1);
    expect(host.errors).toEqual([]);
  });

  test('a change made while the app was closed is found on the next launch and recorded', async () => {
    const { host, page } = await memberOn(WARRANTY);
    await page.tap('warranty-scan');
    await host.flush();
    await page.tap('purpose-continue');
    await host.flush();
    await host.relaunch();
    host.device.settings.authSetting['scope.camera'] = false;
    await host.openPage();
    await host.flush();
    const again = await host.openPage(WARRANTY);
    await host.flush();
    expect(again.exists('hint-camera-settings')).toBe(true);
    expect(summary(permissionEvents(host)).slice(-1)).toEqual(['camera:blocked:settings']);
    expect(host.gatedCalls()).toEqual([]);
  });
});

describe('location: boutique finder', () => {
  test('never asked → purpose sheet → grant → fuzzy location → nearest boutiques', async () => {
    const { host, page } = await agreedOn(BOUTIQUES, { device: { location: { latitude: 39.91, longitude: 116.45 } } });
    await page.tap('boutiques-locate');
    await host.flush();
    expect(page.textOf('purpose-what')).toContain('大致位置');
    expect(host.callsTo('getFuzzyLocation')).toEqual([]);
    await page.tap('purpose-continue');
    await host.flush();
    expect(host.callsTo('authorize').map((c) => (c.args[0] as { scope: string }).scope)).toEqual(['scope.userFuzzyLocation']);
    const located = host.callsTo('getFuzzyLocation');
    expect(located).toHaveLength(1);
    expect(located[0].status).toBe('ok');
    // Only the fuzzy API exists in this app: never the precise one.
    expect(host.callsTo('getLocation')).toEqual([]);
    expect(page.exists('boutiques-nearby')).toBe(true);
    // The boutiques' rows (each also holds its phone link, `nearby-<id>-phone`).
    const nearest = page.findAll((n) => n.id.startsWith('nearby-') && n.props['aria-role'] === 'listitem').map((n) => n.id);
    expect(nearest[0]).toBe('nearby-bj-skp');
    expect(nearest).toHaveLength(3);
    expect(page.exists('city-list')).toBe(false);
    expect(host.errors).toEqual([]);
  });

  test('"not now" → the city list, no system prompt, no location call; the refusal is in the ledger', async () => {
    const { host, page } = await agreedOn(BOUTIQUES);
    expect(page.exists('city-list')).toBe(false);
    await page.tap('boutiques-locate');
    await host.flush();
    await page.tap('purpose-not-now');
    await host.flush();
    expect(page.exists('purpose-sheet')).toBe(false);
    expect(page.exists('city-list')).toBe(true);
    expect(page.exists('hint-location')).toBe(true);
    expect(host.callsTo('authorize')).toEqual([]);
    expect(host.callsTo('getFuzzyLocation')).toEqual([]);
    expect(host.gatedCalls()).toEqual([]);
    expect(scopePrompts(host)).toEqual([]);
    expect(summary(permissionEvents(host))).toEqual(['location:not-now:feature']);

    await page.tap('city-shanghai');
    expect(page.exists('boutique-sh-plaza66')).toBe(true);
    expect(page.exists('boutique-bj-skp')).toBe(false);
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
    expect(later.exists('city-list')).toBe(true);
    expect(host.allWxCalls.filter((c) => c.name === 'authorize')).toEqual([]);

    now += HOUR + 60_000; // 48 h and a minute after the refusal
    await later.tap('boutiques-locate');
    await host.flush();
    expect(later.exists('purpose-sheet')).toBe(true);
    await later.tap('purpose-continue');
    await host.flush();
    expect(later.exists('boutiques-nearby')).toBe(true);
    expect(host.errors).toEqual([]);
  });

  test('a system deny → BLOCKED with the hint; the city list is the fallback', async () => {
    const { host, page } = await agreedOn(BOUTIQUES, { device: { scopeAnswers: { 'scope.userFuzzyLocation': 'reject' } } });
    await page.tap('boutiques-locate');
    await host.flush();
    await page.tap('purpose-continue');
    await host.flush();
    expect(host.callsTo('getFuzzyLocation')).toEqual([]);
    expect(page.exists('city-list')).toBe(true);
    expect(page.exists('hint-location-settings')).toBe(true);
    // The fallback is already on screen, so the hint does not offer it again: a city can be chosen.
    expect(page.exists('hint-location-fallback')).toBe(false);
    await page.tap('city-shanghai');
    expect(page.exists('boutique-sh-plaza66')).toBe(true);
    expect(summary(permissionEvents(host))).toEqual(['location:prompted:feature', 'location:denied:feature']);
  });
});

describe('Bluetooth: check-in', () => {
  test('never asked → purpose sheet → grant → adapter opened → checked in', async () => {
    const { host, page } = await agreedOn(CHECKIN);
    await page.tap('checkin-start');
    await host.flush();
    expect(page.textOf('purpose-what')).toBe('使用您的蓝牙');
    await page.tap('purpose-continue');
    await host.flush();
    expect(host.callsTo('openBluetoothAdapter')).toHaveLength(1);
    expect(page.exists('checkin-done')).toBe(true);
    expect(page.exists('hint-bluetooth')).toBe(false);
    expect(summary(permissionEvents(host))).toEqual(['bluetooth:prompted:feature', 'bluetooth:granted:feature']);
  });

  test('Bluetooth off (adapter error 10001) → UNAVAILABLE with the system switch hint and the check-in code; retry once it is on', async () => {
    // Without getSystemSetting the switch cannot be read up front: the adapter's 10001 tells.
    const { host, page } = await agreedOn(CHECKIN, { device: { system: { bluetoothEnabled: false } }, wxOptions: { missingApis: ['getSystemSetting'] } });
    expect(page.exists('hint-bluetooth')).toBe(false);
    await page.tap('checkin-start');
    await host.flush();
    await page.tap('purpose-continue');
    await host.flush();
    const [opened] = host.callsTo('openBluetoothAdapter');
    expect(opened.status).toBe('fail');
    expect((opened.result as { errCode: number }).errCode).toBe(10001);
    expect(page.exists('checkin-done')).toBe(false);
    expect(page.textOf('hint-bluetooth-text')).toContain('蓝牙已关闭');
    expect(page.exists('hint-bluetooth-settings')).toBe(false);
    expect(page.exists('checkin-code')).toBe(true);
    expect(page.textOf('checkin-code')).toMatch(/^\d{6}$/);
    // A switch is not a decision: nothing but the request and the grant is recorded.
    expect(summary(permissionEvents(host))).toEqual(['bluetooth:prompted:feature', 'bluetooth:granted:feature']);

    host.device.settings.system.bluetoothEnabled = true;
    await page.tap('hint-bluetooth-retry');
    await host.flush();
    expect(page.exists('checkin-done')).toBe(true);
    expect(host.callsTo('authorize')).toHaveLength(1);
    expect(host.errors).toEqual([]);
  });

  test('Bluetooth switched off, read up front (getSystemSetting): UNAVAILABLE before any prompt', async () => {
    const { host, page } = await agreedOn(CHECKIN, { device: { platform: 'ios', system: { bluetoothEnabled: false } } });
    expect(page.textOf('hint-bluetooth-text')).toContain('蓝牙已关闭');
    await page.tap('checkin-start');
    await host.flush();
    expect(page.exists('purpose-sheet')).toBe(false);
    expect(host.callsTo('authorize')).toEqual([]);
    expect(host.callsTo('openBluetoothAdapter')).toEqual([]);
    expect(page.exists('checkin-code')).toBe(true);
  });

  test('iOS, WeChat denied Bluetooth by the OS, read up front → BLOCKED with the system settings hint, no prompt', async () => {
    const { host, page } = await agreedOn(CHECKIN, { device: { platform: 'ios', appAuthorize: { bluetooth: 'denied' } } });
    expect(page.textOf('hint-bluetooth-settings')).toBe('打开系统设置');
    await page.tap('checkin-start');
    await host.flush();
    expect(page.exists('purpose-sheet')).toBe(false);
    expect(host.callsTo('authorize')).toEqual([]);
    expect(page.exists('checkin-code')).toBe(true);
  });

  test('iOS, WeChat denied Bluetooth by the OS, found by the adapter (state 3) → BLOCKED with openAppAuthorizeSetting', async () => {
    // Without getAppAuthorizeSetting the OS layer is unknown until openBluetoothAdapter reports state 3.
    const { host, page } = await agreedOn(CHECKIN, {
      device: { platform: 'ios', appAuthorize: { bluetooth: 'denied' } },
      wxOptions: { missingApis: ['getAppAuthorizeSetting'] },
    });
    expect(page.exists('hint-bluetooth')).toBe(false);
    await page.tap('checkin-start');
    await host.flush();
    await page.tap('purpose-continue');
    await host.flush();
    const [opened] = host.callsTo('openBluetoothAdapter');
    expect((opened.result as { state?: number }).state).toBe(3);
    expect(page.exists('checkin-done')).toBe(false);
    expect(page.textOf('hint-bluetooth-settings')).toBe('打开系统设置');
    expect(page.exists('checkin-code')).toBe(true);
    await page.tap('hint-bluetooth-settings');
    await host.flush();
    expect(host.callsTo('openAppAuthorizeSetting')).toHaveLength(1);
    expect(host.callsTo('openSetting')).toEqual([]);
  });

  test('"not now" → the check-in code, no prompt, and the other features still ask normally', async () => {
    // A member: the warranty page below offers its scan to members only.
    const { host, page } = await memberOn(CHECKIN);
    await page.tap('checkin-start');
    await host.flush();
    await page.tap('purpose-not-now');
    await host.flush();
    expect(page.exists('checkin-code')).toBe(true);
    expect(host.gatedCalls()).toEqual([]);

    // One permission per request, refusals per capability: the camera is still asked on its own.
    const warranty = await host.openPage(WARRANTY);
    await host.flush();
    expect(warranty.exists('hint-camera')).toBe(false);
    await warranty.tap('warranty-scan');
    await host.flush();
    expect(warranty.exists('purpose-sheet')).toBe(true);
    expect(warranty.textOf('purpose-what')).toBe('使用您的摄像头');
  });
});

test('the "Me" page links to the three features', async () => {
  host = await launchWeapp();
  await host.openPage();
  await host.flush();
  const me = await host.openPage('pages/me/index');
  await host.flush();
  for (const [id, route] of [['me-warranty', WARRANTY], ['me-boutiques', BOUTIQUES], ['me-checkin', CHECKIN]] as const) {
    await me.tap(id);
    await host.flush();
    expect(host.currentPage().route).toBe(route);
    expect(host.gatedCalls()).toEqual([]);
  }
});
