/**
 * Just-in-time runtime permissions in the shop's production weapp build, in the simulated WeChat
 * host: the warranty scan (camera), the boutique finder (fuzzy location) and the check-in
 * (Bluetooth). The journeys both hosts share are in permission-journeys.ts (purpose sheet, system
 * prompt, refusal, settings, the 48 h rule, changes made in the background, nothing privacy-gated
 * before the policy is agreed or before the feature is tapped); WeChat's own are here: its scanner,
 * fuzzy location, the OS layer it reports (getAppAuthorizeSetting / getSystemSetting /
 * openAppAuthorizeSetting) and the Bluetooth adapter's 10001 / iOS state (regulator items 2, 4, 5).
 */
import { launchWeapp } from '../harness';
import { BOUTIQUES, CHECKIN, WARRANTY, permissionEvents, permissionJourneys, summary, usePermissionSuite } from './permission-journeys';

jest.setTimeout(240_000);

const suite = usePermissionSuite({
  launch: ({ native, ...options } = {}) => launchWeapp({ ...options, wxOptions: native }),
  locationScope: 'scope.userFuzzyLocation',
  locationCalls: ['authorize', 'getFuzzyLocation'],
  bluetoothGrantCalls: ['authorize', 'openBluetoothAdapter'],
});
const { agreedOn, memberOn, registered } = suite;

permissionJourneys(suite);

describe('camera: warranty scan (WeChat)', () => {
  test("WeChat's own scanner (scanCode) needs no scope and never goes through the engine", async () => {
    const { host, page } = await memberOn(WARRANTY, { native: { scanResult: 'CW-2024-000777' } });
    await page.tap('warranty-wechat-scan');
    await host.flush();
    expect(host.callsTo('scanCode')).toHaveLength(1);
    expect(await registered(host, page)).toContain('CW-2024-000777');
    expect(page.exists('purpose-sheet')).toBe(false);
    expect(host.callsTo('authorize')).toEqual([]);
    expect(host.gatedCalls()).toEqual([]);
    expect(permissionEvents(host)).toEqual([]);
  });

  test('OS-level denied → BLOCKED with guidance to the system settings (openAppAuthorizeSetting, not openSetting)', async () => {
    const { host, page } = await memberOn(WARRANTY, {
      device: { appAuthorize: { camera: 'denied' } },
      native: { onOpenAppAuthorizeSetting: (d) => void (d.appAuthorize.camera = 'authorized') },
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
});

describe('location: boutique finder (WeChat)', () => {
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

describe('Bluetooth: check-in (WeChat)', () => {
  test('Bluetooth off (adapter error 10001) → UNAVAILABLE with the system switch hint and the check-in code; retry once it is on', async () => {
    // Without getSystemSetting the switch cannot be read up front: the adapter's 10001 tells.
    const { host, page } = await agreedOn(CHECKIN, { device: { system: { bluetoothEnabled: false } }, native: { missingApis: ['getSystemSetting'] } });
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
      native: { missingApis: ['getAppAuthorizeSetting'] },
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
});
