/**
 * Just-in-time permission journeys both mini-program hosts run (weapp/app/permissions.test.ts,
 * tt/app/permissions.test.ts): the warranty scan (camera), the boutique finder (location) and the
 * check-in (Bluetooth) as the shopper meets them wherever the platforms behave alike — purpose
 * sheet, grant, refusal, settings, changes made in the background, the 48 h rule — and, on the
 * call log, nothing privacy-gated before the policy is agreed or before the feature is tapped.
 * What differs per platform (how location is read and asked for, what a Bluetooth grant calls) is
 * in the `PermissionPlatform` a suite passes; journeys only one platform has stay in its own file.
 */
import { decodeLedger } from '@maison/privacy/contract';
import type { PermissionEvent } from '@maison/privacy/contract';
import type { LaunchOptions, MiniProgramHost, PageHandle, WxOptions } from '../harness';
import { agreeAndRegister, API, useBackend } from './shopper';

export const WARRANTY = 'features/warranty/index';
export const BOUTIQUES = 'features/boutiques/index';
export const CHECKIN = 'features/checkin/index';
export const HOUR = 60 * 60 * 1000;

/** Launch options every host takes; `native` are the platform double's switches (`wxOptions` / `ttOptions`). */
export type JourneyLaunchOptions<O extends WxOptions = WxOptions> = Omit<LaunchOptions, 'wxOptions'> & { native?: O };

/** What a host's permission suite differs in. */
export interface PermissionPlatform<O extends WxOptions = WxOptions> {
  launch(options?: JourneyLaunchOptions<O>): Promise<MiniProgramHost>;
  /** The scope that stands for the shop's location capability on this platform. */
  readonly locationScope: string;
  /** The calls that read the location or ask for it (none may happen without a grant). */
  readonly locationCalls: readonly string[];
  /** The privacy-gated calls a Bluetooth grant makes, in order. */
  readonly bluetoothGrantCalls: readonly string[];
}

/** The permission events of the device's ledger, oldest first. */
export function permissionEvents(h: MiniProgramHost): PermissionEvent[] {
  const stored = h.device.storage.get('privacy.ledger');
  if (stored === undefined) return [];
  const value: unknown = JSON.parse(stored);
  const decoded = decodeLedger(typeof value === 'string' ? value : JSON.stringify(value));
  if (decoded.status !== 'ok') throw new Error(`ledger not readable: ${decoded.status}`);
  return decoded.entries.map((e) => e.event).filter((e): e is PermissionEvent => e.kind === 'permission');
}

export const summary = (events: readonly PermissionEvent[]) => events.map((e) => `${e.purpose}:${e.value}:${e.source}`);
export const scopePrompts = (h: MiniProgramHost) => h.prompts.filter((p) => p.kind === 'scope');

/** A suite's launchers; each host it launches is closed after its test. */
export interface PermissionSuite<O extends WxOptions = WxOptions> {
  readonly platform: PermissionPlatform<O>;
  /** Launches (closed after the test). */
  launch(options?: JourneyLaunchOptions<O>): Promise<MiniProgramHost>;
  /** Launches, agrees to the policy on the home page, then opens `route`. */
  agreedOn(route: string, options?: JourneyLaunchOptions<O>): Promise<{ host: MiniProgramHost; page: PageHandle }>;
  /** Launches as a new platform user signed in through the backend, agrees and registers (the warranty scan is for members), then opens `route`. */
  memberOn(route: string, options?: JourneyLaunchOptions<O>): Promise<{ host: MiniProgramHost; page: PageHandle }>;
  /** Waits for the server's answer to a warranty registration; returns what the page says. */
  registered(h: MiniProgramHost, page: PageHandle): Promise<string>;
}

/** Registers the suite's backend and host clean-up (call at the top level of a test file). */
export function usePermissionSuite<O extends WxOptions>(platform: PermissionPlatform<O>): PermissionSuite<O> {
  const backend = useBackend();
  let open: MiniProgramHost | undefined;
  let members = 0;
  afterEach(() => open?.close());
  const launch = async (options: JourneyLaunchOptions<O> = {}): Promise<MiniProgramHost> => {
    open = await platform.launch(options);
    return open;
  };
  return {
    platform,
    launch,
    async agreedOn(route, options = {}) {
      const host = await launch(options);
      const home = await host.openPage();
      await host.flush();
      await home.tap('privacy-agree');
      await host.flush();
      expect(home.exists('privacy-sheet')).toBe(false);
      const page = await host.openPage(route);
      await host.flush();
      return { host, page };
    },
    async memberOn(route, options = {}) {
      members += 1;
      const openid = `permissions-${members}`;
      const native = { ...options.native, login: () => `ok:${openid}` } as O;
      const host = await launch({ ...options, httpRoutes: { ...options.httpRoutes, [API]: backend.url }, native });
      await agreeAndRegister(host);
      const page = await host.openPage(route);
      await host.flush();
      return { host, page };
    },
    async registered(h, page) {
      await h.waitFor(() => page.exists('warranty-result'), { what: 'warranty registered' });
      return page.textOf('warranty-result');
    },
  };
}

/** The journeys every host runs (call at the top level of a test file, after `usePermissionSuite`). */
export function permissionJourneys<O extends WxOptions>(suite: PermissionSuite<O>): void {
  const { platform, launch, agreedOn, memberOn, registered } = suite;

  describe('before agreement and before a tap', () => {
    test('opening the three feature pages calls no gated API; a tap before agreement opens the policy sheet and runs nothing', async () => {
      const host = await launch();
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
      expect(gated.map((c) => c.name)).toEqual(platform.bluetoothGrantCalls);
      expect(gated.every((c) => c.seq > beforeTap)).toBe(true);
      expect(host.errors).toEqual([]);
    });

    test('after a relaunch with the policy agreed, pages re-read statuses without any gated call', async () => {
      const { host } = await agreedOn(WARRANTY);
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
      // The <camera> reports `initdone` (WeChat's and Douyin's component docs): the build's base
      // template must bind it for the camera to become ready, and `scancode` for it to scan.
      expect(page.textOf('warranty-camera-state')).toBe('摄像头已就绪');
      expect(page.exists('hint-camera')).toBe(false);
      expect(summary(permissionEvents(host))).toEqual(['camera:prompted:feature', 'camera:granted:feature']);

      await page.trigger('warranty-camera', 'scancode', { result: 'cw-2024-000123', type: 'QR_CODE', charSet: 'utf-8', rawData: '' });
      expect(await registered(host, page)).toContain('CW-2024-000123');
      expect(host.errors).toEqual([]);
    });

    test.each([
      ['auth deny', 'authorize:fail auth deny'],
      ['auth denied', 'authorize:fail auth denied'],
    ])('system deny (%s) → BLOCKED with the hint and the fallback; a re-ask fails at once with no prompt', async (message, errMsg) => {
      const { host, page } = await memberOn(WARRANTY, {
        device: { scopeAnswers: { 'scope.camera': 'reject' } },
        native: { authDenyMessage: message } as O,
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

      // Re-ask: the platform would fail at once; the app does not even try, and no sheet appears.
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
        native: { onOpenSetting: (d) => void (d.authSetting['scope.camera'] = true) } as O,
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
      for (const name of platform.locationCalls) expect(host.callsTo(name)).toEqual([]);
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
      expect(host.allWxCalls.filter((c) => c.name === 'authorize' || platform.locationCalls.includes(c.name))).toEqual([]);

      now += HOUR + 60_000; // 48 h and a minute after the refusal
      await later.tap('boutiques-locate');
      await host.flush();
      expect(later.exists('purpose-sheet')).toBe(true);
      await later.tap('purpose-continue');
      await host.flush();
      expect(later.exists('boutiques-nearby')).toBe(true);
      expect(host.errors).toEqual([]);
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
    const host = await launch();
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
}
