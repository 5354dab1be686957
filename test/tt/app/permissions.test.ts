/**
 * Just-in-time runtime permissions in the shop's production Douyin build, in the simulated Douyin
 * host. The journeys both hosts share (test/weapp/app/permission-journeys.ts) run here on Douyin's
 * terms: the camera is scope.camera (still asked with tt.authorize), location is
 * scope.userLocation, asked by tt.getLocation itself (Douyin has no fuzzy location), and Bluetooth
 * has no scope (a grant only opens the adapter). Douyin's own are below: no scanner of its own
 * beside the purpose sheet (tt.scanCode asks for scope.camera), the location prompt at
 * tt.getLocation, and tt.openBluetoothAdapter's failures.
 */
import { BOUTIQUES, CHECKIN, WARRANTY, permissionEvents, permissionJourneys, scopePrompts, summary, usePermissionSuite } from '../../weapp/app/permission-journeys';
import { launchTt, type TtOptions } from '../harness';

jest.setTimeout(240_000);

const suite = usePermissionSuite<TtOptions>({
  launch: ({ native, ...options } = {}) => launchTt({ ...options, ttOptions: native }),
  locationScope: 'scope.userLocation',
  locationCalls: ['getLocation'],
  bluetoothGrantCalls: ['openBluetoothAdapter'],
});
const { agreedOn, memberOn } = suite;

permissionJourneys(suite);

describe('camera: warranty scan (Douyin)', () => {
  test("Douyin's own scanner asks for scope.camera, so none is offered beside the purpose sheet (no tt.scanCode)", async () => {
    const { host, page } = await memberOn(WARRANTY);
    expect(page.exists('warranty-scan')).toBe(true);
    expect(page.exists('warranty-wechat-scan')).toBe(false);
    expect(host.callsTo('scanCode')).toEqual([]);
  });
});

describe('location: boutique finder (Douyin)', () => {
  test('never asked → purpose sheet → tt.getLocation asks scope.userLocation → nearest boutiques (no fuzzy-location API on Douyin)', async () => {
    const { host, page } = await agreedOn(BOUTIQUES, { device: { location: { latitude: 39.91, longitude: 116.45 } } });
    await page.tap('boutiques-locate');
    await host.flush();
    expect(page.textOf('purpose-what')).toContain('大致位置');
    expect(host.callsTo('getLocation')).toEqual([]);
    await page.tap('purpose-continue');
    await host.flush();
    expect(scopePrompts(host).map((p) => p.detail.scope)).toEqual(['scope.userLocation']);
    expect(host.callsTo('getLocation').length).toBeGreaterThanOrEqual(1);
    expect(host.callsTo('getLocation').every((c) => c.status === 'ok')).toBe(true);
    expect(host.callsTo('authorize')).toEqual([]);
    expect(host.callsTo('getFuzzyLocation')).toEqual([]);
    const nearest = page.findAll((n) => n.id.startsWith('nearby-') && !n.id.endsWith('-phone')).map((n) => n.id);
    expect(nearest[0]).toBe('nearby-bj-skp');
    expect(nearest).toHaveLength(3);
    expect(page.exists('city-list')).toBe(false);
    expect(summary(permissionEvents(host))).toEqual(['location:prompted:feature', 'location:granted:feature']);
    expect(host.errors).toEqual([]);
  });

  test("scope.userLocation refused at Douyin's prompt → the hint and the city list", async () => {
    const { host, page } = await agreedOn(BOUTIQUES, { device: { scopeAnswers: { 'scope.userLocation': 'reject' } } });
    await page.tap('boutiques-locate');
    await host.flush();
    await page.tap('purpose-continue');
    await host.flush();
    // Douyin asks when tt.getLocation is called: the call that asked is the one that failed.
    expect(host.callsTo('getLocation').map((c) => c.status)).toEqual(['fail']);
    expect(page.exists('boutiques-nearby')).toBe(false);
    expect(page.exists('city-list')).toBe(true);
    expect(page.exists('hint-location-settings')).toBe(true);
    expect(page.exists('hint-location-fallback')).toBe(false);
    expect(summary(permissionEvents(host))).toEqual(['location:prompted:feature', 'location:denied:feature']);
    await page.tap('city-shanghai');
    expect(page.exists('boutique-sh-plaza66')).toBe(true);
  });
});

describe('Bluetooth: check-in (Douyin)', () => {
  test('a grant asks nothing (no Bluetooth scope on Douyin): no prompt, nothing in tt.getSetting', async () => {
    const { host, page } = await agreedOn(CHECKIN);
    await page.tap('checkin-start');
    await host.flush();
    await page.tap('purpose-continue');
    await host.flush();
    expect(host.callsTo('openBluetoothAdapter').map((c) => c.status)).toEqual(['ok']);
    expect(host.callsTo('authorize')).toEqual([]);
    expect(scopePrompts(host)).toEqual([]);
    expect(host.device.settings.authSetting).toEqual({});
  });

  test('Bluetooth switched off (no getSystemSetting on Douyin: the adapter tells) → the switch hint and the check-in code; retry once it is on', async () => {
    const { host, page } = await agreedOn(CHECKIN, { device: { system: { bluetoothEnabled: false } } });
    expect(page.exists('hint-bluetooth')).toBe(false);
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

  test('the phone refused Douyin Bluetooth (186689 "system auth deny") → not checked in: a system-settings hint naming no other app, and the check-in code', async () => {
    const { host, page } = await agreedOn(CHECKIN, { device: { appAuthorize: { bluetooth: 'denied' } } });
    await page.tap('checkin-start');
    await host.flush();
    await page.tap('purpose-continue');
    await host.flush();
    const [opened] = host.callsTo('openBluetoothAdapter');
    expect(opened.result).toEqual({ errMsg: 'openBluetoothAdapter:fail system auth deny', errorCode: '186689' });
    // 186689 is documented as 系统鉴权失败 (the OS refused Douyin Bluetooth), not a passing error:
    // https://developer.open-douyin.com/docs/resource/zh-CN/mini-app/develop/api/device/bluetooth/tt-open-bluetooth
    expect(page.exists('checkin-done')).toBe(false);
    expect(page.exists('checkin-code')).toBe(true);
    expect(page.textOf('hint-bluetooth-text')).toContain('系统设置');
    expect(page.textOf('hint-bluetooth-text')).not.toContain('微信');
  });

  test("the shopper refuses Douyin's own Bluetooth question (186690 \"auth deny\") → not checked in, recorded as their refusal, the check-in code", async () => {
    const { host, page } = await agreedOn(CHECKIN, { native: { bluetoothPrompt: 'reject' } });
    await page.tap('checkin-start');
    await host.flush();
    await page.tap('purpose-continue');
    await host.flush();
    const [opened] = host.callsTo('openBluetoothAdapter');
    expect(opened.result).toEqual({ errMsg: 'openBluetoothAdapter:fail auth deny', errorCode: '186690' });
    expect(page.exists('checkin-done')).toBe(false);
    expect(page.exists('checkin-code')).toBe(true);
    expect(summary(permissionEvents(host)).slice(-1)).toEqual(['bluetooth:denied:feature']);
  });

  test("Bluetooth missing from Douyin's privacy agreement (186679) → not checked in: the check-in code instead", async () => {
    const { host, page } = await agreedOn(CHECKIN, { native: { privacyGuide: ['location', 'camera'] } });
    await page.tap('checkin-start');
    await host.flush();
    await page.tap('purpose-continue');
    await host.flush();
    const [opened] = host.callsTo('openBluetoothAdapter');
    // Douyin reports the code as a string in `errorCode` (the API's error table), not as errNo.
    expect(opened.result).toEqual({ errMsg: 'openBluetoothAdapter:fail api scope is not declared in the privacy agreement', errorCode: '186679' });
    expect(page.exists('checkin-done')).toBe(false);
    expect(page.exists('checkin-code')).toBe(true);
  });
});
