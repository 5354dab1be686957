/**
 * The shop's production Douyin build in the simulated Douyin host: the first-run privacy sheet
 * (regulator items 1, 2, 3 and 5) over Douyin's privacy framework (`usePrivacyCheck`,
 * tt.getPrivacySetting, tt.onNeedPrivacyAuthorization, the agreePrivacyAuthorization button).
 */
import { launchTt, type TtHost } from '../harness';

jest.setTimeout(240_000);

let host: TtHost | undefined;
afterEach(() => host?.close());

test('the build switches on Douyin\'s privacy framework with its own app.json key', async () => {
  host = await launchTt();
  expect(host.appJson.usePrivacyCheck).toBe(true);
  expect(host.appJson.__usePrivacyCheck__).toBeUndefined();
});

test('cold start with empty storage: the sheet is on screen and no privacy-gated tt call happened', async () => {
  host = await launchTt();
  const home = await host.openPage();
  await host.flush();
  expect(home.exists('privacy-sheet')).toBe(true);
  expect(home.textOf('privacy-sheet')).toContain('个人信息保护提示');
  for (const id of ['sheet-policy', 'sheet-collection', 'sheet-sharing']) expect(home.exists(id)).toBe(true);
  // Agree is Douyin's agreePrivacyAuthorization button; refuse has the same weight; nothing pre-ticked.
  expect(home.find('privacy-agree')?.props['open-type']).toBe('agreePrivacyAuthorization');
  expect(home.exists('privacy-refuse')).toBe(true);
  expect(home.findAll((n) => n.tag === 'checkbox' || n.tag === 'switch')).toHaveLength(0);
  expect(host.gatedCalls()).toEqual([]);
  expect(host.callsTo('getPrivacySetting').length).toBeGreaterThanOrEqual(1);
  expect(host.callsTo('onNeedPrivacyAuthorization')).toHaveLength(1);
  // Douyin has neither of WeChat's system-permission readers: the app never reaches for them.
  expect(host.callsTo('getAppAuthorizeSetting')).toEqual([]);
  expect(host.callsTo('getSystemSetting')).toEqual([]);
  expect(home.exists('product-tank-must')).toBe(true);
  expect(host.errors).toEqual([]);
});

test('agreeing through the button event closes the sheet, tells Douyin, and is remembered after a restart', async () => {
  host = await launchTt();
  const home = await host.openPage();
  await host.flush();
  await home.tap('privacy-agree');
  await host.flush();
  expect(home.exists('privacy-sheet')).toBe(false);
  expect(host.device.settings.privacyAgreed).toBe(true);
  await host.relaunch();
  const again = await host.openPage();
  await host.flush();
  expect(again.exists('privacy-sheet')).toBe(false);
  expect(host.errors).toEqual([]);
});

test('refusing leaves the catalogue usable, shows no pop-up again, and is remembered', async () => {
  host = await launchTt();
  const home = await host.openPage();
  await host.flush();
  await home.tap('privacy-refuse');
  await host.flush();
  expect(home.exists('privacy-sheet')).toBe(false);
  expect(home.exists('catalogue')).toBe(true);
  expect(host.callsTo('exitMiniProgram')).toEqual([]);
  expect(host.device.settings.privacyAgreed).toBe(false);
  await host.relaunch();
  const again = await host.openPage();
  await host.flush();
  expect(again.exists('privacy-sheet')).toBe(false);
  expect(again.exists('product-santos')).toBe(true);
  expect(host.gatedCalls()).toEqual([]);
});

test('Douyin forgot the agreement (its record cleared) while the shop remembers it: the sheet asks again, and agreeing releases the held call', async () => {
  host = await launchTt();
  const first = await host.openPage();
  await host.flush();
  await first.tap('privacy-agree');
  await host.flush();
  host.device.settings.privacyAgreed = false;
  await host.relaunch();
  const home = await host.openPage();
  await host.flush();
  expect(home.exists('privacy-sheet')).toBe(true);

  const page = await host.openPage('features/boutiques/index');
  await host.flush();
  await page.tap('boutiques-locate');
  await host.flush();
  if (page.exists('purpose-continue')) {
    await page.tap('purpose-continue');
    await host.flush();
  }
  const needs = host.privacyLog.filter((e) => e.type === 'need-authorization');
  expect(needs.length).toBeGreaterThanOrEqual(1);
  expect(page.exists('privacy-sheet')).toBe(true);
  await page.tap('privacy-agree');
  await host.flush();
  const agreed = host.privacyLog.filter((e) => e.type === 'resolve' && e.event === 'agree');
  expect(agreed.length).toBe(needs.length);
  expect(agreed.every((e) => e.buttonId === 'privacy-agree')).toBe(true);
  expect(host.privacyLog.some((e) => e.type === 'rejected-agree')).toBe(false);
  expect(host.heldCalls()).toEqual([]);
  expect(host.errors).toEqual([]);
});
