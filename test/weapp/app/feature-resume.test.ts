/**
 * What a shopper meets when a feature needs something first, in the production weapp build in
 * the simulated WeChat host: agreeing to the policy from a feature continues that feature (no
 * second tap), and after "not now" on a purpose sheet the feature still answers every tap with
 * something to act on — a way to allow, and the fallback — while the app asks nothing on its own.
 */
import { decodeLedger } from '@maison/privacy/contract';
import type { PermissionEvent } from '@maison/privacy/contract';
import { launchWeapp, type WeappHost } from '../harness';
import { agreeAndRegister, asShopper, registerOnMe, useBackend } from './shopper';

jest.setTimeout(240_000);

const WARRANTY = 'features/warranty/index';
const BOUTIQUES = 'features/boutiques/index';
const CHECKIN = 'features/checkin/index';

const backend = useBackend();
let host: WeappHost | undefined;
afterEach(() => host?.close());

function permissionEvents(h: WeappHost): string[] {
  const stored = h.device.storage.get('privacy.ledger');
  if (stored === undefined) return [];
  const value: unknown = JSON.parse(stored);
  const decoded = decodeLedger(typeof value === 'string' ? value : JSON.stringify(value));
  if (decoded.status !== 'ok') throw new Error(`ledger not readable: ${decoded.status}`);
  return decoded.entries
    .map((e) => e.event)
    .filter((e): e is PermissionEvent => e.kind === 'permission')
    .map((e) => `${e.purpose}:${e.value}:${e.source}`);
}

describe('agreeing from a feature continues it', () => {
  test('warranty scan: before agreement only the way to membership; "me" asks for the policy, agreeing continues to joining; a member\'s scan → purpose sheet at once → continue → the camera is open', async () => {
    host = await launchWeapp(asShopper(backend, 'resume-warranty'));
    await host.openPage();
    await host.flush();
    const me = await host.openPage('pages/me/index');
    await host.flush();
    await me.tap('me-warranty');
    await host.flush();
    const page = host.currentPage();
    expect(page.route).toBe(WARRANTY);
    // Registering a warranty needs a membership: nothing to scan, nothing asked, nothing called.
    expect(page.exists('warranty-sign-in')).toBe(true);
    expect(page.exists('warranty-scan')).toBe(false);
    expect(page.exists('purpose-sheet')).toBe(false);
    expect(host.gatedCalls()).toEqual([]);

    // The shopper goes to "me": membership asks for the policy first.
    await page.tap('warranty-go-me');
    await host.flush();
    expect(host.currentPage().route).toBe('pages/me/index');
    await me.tap('reopen-sheet');
    await host.flush();
    expect(me.exists('privacy-sheet')).toBe(true);
    await me.tap('privacy-agree');
    await host.flush();
    expect(me.exists('privacy-sheet')).toBe(false);
    // Agreeing from membership continues it: the joining form, no second tap.
    expect(me.exists('register')).toBe(true);
    expect(host.gatedCalls()).toEqual([]);
    await registerOnMe(host);

    await me.tap('me-warranty');
    await host.flush();
    const warranty = host.currentPage();
    expect(warranty.route).toBe(WARRANTY);
    await warranty.tap('warranty-scan');
    await host.flush();
    expect(warranty.exists('purpose-sheet')).toBe(true);
    expect(warranty.textOf('purpose-what')).toContain('摄像头');
    expect(host.callsTo('authorize')).toEqual([]);

    await warranty.tap('purpose-continue');
    await host.flush();
    expect(warranty.exists('warranty-camera')).toBe(true);
    expect(host.callsTo('authorize')).toHaveLength(1);
    expect(permissionEvents(host)).toEqual(['camera:prompted:feature', 'camera:granted:feature']);
    expect(host.errors).toEqual([]);
  });

  test('boutiques with location already allowed: agreeing from the feature lists the nearest boutiques with no further tap', async () => {
    host = await launchWeapp({ device: { authSetting: { 'scope.userFuzzyLocation': true } } });
    await host.openPage();
    await host.flush();
    const page = await host.openPage(BOUTIQUES);
    await host.flush();
    await page.tap('boutiques-locate');
    await host.flush();
    expect(page.exists('privacy-sheet')).toBe(true);
    expect(host.callsTo('getFuzzyLocation')).toEqual([]);

    await page.tap('privacy-agree');
    await host.flush();
    expect(page.exists('boutiques-nearby')).toBe(true);
    expect(host.callsTo('getFuzzyLocation')).toHaveLength(1);
    expect(host.errors).toEqual([]);
  });

  test('a refusal ends the wait: agreeing later elsewhere does not start the feature by itself', async () => {
    host = await launchWeapp();
    await host.openPage();
    await host.flush();
    const page = await host.openPage(CHECKIN);
    await host.flush();
    await page.tap('checkin-start');
    await host.flush();
    await page.tap('privacy-refuse');
    await host.flush();
    expect(page.exists('privacy-sheet')).toBe(false);
    expect(page.exists('purpose-sheet')).toBe(false);

    // The hint's own button reopens the sheet; agreeing there was not a request for check-in.
    await page.tap('hint-bluetooth-policy');
    await host.flush();
    expect(page.exists('privacy-sheet')).toBe(true);
    await page.tap('privacy-agree');
    await host.flush();
    expect(page.exists('purpose-sheet')).toBe(false);
    expect(page.exists('checkin-done')).toBe(false);
    expect(host.gatedCalls()).toEqual([]);

    // The feature itself still works from its own tap.
    await page.tap('checkin-start');
    await host.flush();
    expect(page.exists('purpose-sheet')).toBe(true);
    expect(host.errors).toEqual([]);
  });
});

describe('after "not now" the feature is never a dead button', () => {
  test('boutiques: tap → 暂不 → tap again → the hint with a way to allow, and the city list; allowing asks through the purpose sheet', async () => {
    host = await launchWeapp();
    const home = await host.openPage();
    await host.flush();
    await home.tap('privacy-agree');
    await host.flush();
    const page = await host.openPage(BOUTIQUES);
    await host.flush();

    await page.tap('boutiques-locate');
    await host.flush();
    await page.tap('purpose-not-now');
    await host.flush();
    expect(page.exists('city-list')).toBe(true);

    // The second tap: no pop-up the app starts (48 h rule), but an answer the shopper can act on.
    await page.tap('boutiques-locate');
    await host.flush();
    expect(page.exists('purpose-sheet')).toBe(false);
    expect(page.exists('city-list')).toBe(true);
    expect(page.textOf('hint-location-text')).toContain('允许使用位置信息');
    expect(page.textOf('hint-location-allow')).toBe('允许使用位置信息');
    // The fallback, the city list, is on screen already: the hint does not offer it twice.
    expect(page.exists('hint-location-fallback')).toBe(false);
    expect(host.callsTo('authorize')).toEqual([]);

    // The shopper asks for it themselves: the purpose sheet, then WeChat's prompt, then the result.
    await page.tap('hint-location-allow');
    await host.flush();
    expect(page.exists('purpose-sheet')).toBe(true);
    await page.tap('purpose-continue');
    await host.flush();
    expect(host.callsTo('authorize')).toHaveLength(1);
    expect(page.exists('boutiques-nearby')).toBe(true);
    expect(page.exists('hint-location')).toBe(false);
    expect(permissionEvents(host)).toEqual(['location:not-now:feature', 'location:prompted:feature', 'location:granted:feature']);
    expect(host.errors).toEqual([]);
  });

  test('camera and Bluetooth offer the same way back after "not now"', async () => {
    // A member: the warranty page offers its scan to members only.
    host = await launchWeapp(asShopper(backend, 'resume-not-now'));
    await agreeAndRegister(host);
    for (const [route, tapId, capability, label, fallback] of [
      [WARRANTY, 'warranty-scan', 'camera', '允许使用摄像头', 'warranty-manual'],
      [CHECKIN, 'checkin-start', 'bluetooth', '允许使用蓝牙', 'checkin-code'],
    ] as const) {
      const page = await host.openPage(route);
      await host.flush();
      await page.tap(tapId);
      await host.flush();
      await page.tap('purpose-not-now');
      await host.flush();
      await page.tap(tapId);
      await host.flush();
      expect(page.exists('purpose-sheet')).toBe(false);
      expect(page.textOf(`hint-${capability}-allow`)).toBe(label);
      // The fallback itself is on screen (typing the number, the check-in code), so the hint does not repeat it.
      expect(page.exists(fallback)).toBe(true);
      expect(page.exists(`hint-${capability}-fallback`)).toBe(false);
    }
    expect(host.callsTo('authorize')).toEqual([]);
    expect(host.errors).toEqual([]);
  });
});
