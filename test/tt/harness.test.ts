/**
 * The Douyin host itself: it loads only a tt build (base.ttml with tt: directives, utils.sjs) and
 * hands the app the `tt` double as its global; a weapp build is refused, and the WeChat host
 * refuses a tt build.
 */
import { ensureWeappBuild, launchWeapp } from '../weapp/harness';
import { ensureTtBuild, launchTt, TT_PLATFORM, type TtHost } from './harness';

jest.setTimeout(240_000);

let host: TtHost | undefined;
afterEach(() => host?.close());

test('a weapp build is not a Douyin build, nor a tt build a WeChat one', async () => {
  const weapp = ensureWeappBuild();
  const tt = ensureTtBuild();
  await expect(launchTt({ distDir: weapp })).rejects.toThrow(/not a Douyin build/);
  await expect(launchWeapp({ distDir: tt })).rejects.toThrow(/not a WeChat build/);
});

test('the tt build runs on `tt`: its templates decode, its pages render, and every API call reaches the tt double', async () => {
  expect(TT_PLATFORM.global).toBe('tt');
  host = await launchTt();
  expect(host.platform.name).toBe('tt');
  expect(host.routes).toEqual(expect.arrayContaining(['pages/index/index', 'features/checkin/index', 'privacy-pages/cancel/index']));
  const home = await host.openPage();
  await host.flush();
  const tags = new Set(home.nodes().map((n) => n.tag));
  for (const tag of ['view', 'button', '#text']) expect(tags.has(tag)).toBe(true);
  expect(host.wxCalls.map((c) => c.name)).toEqual(expect.arrayContaining(['getPrivacySetting', 'onNeedPrivacyAuthorization']));
  // A WeChat-only API reached for on Douyin would be missing on `tt` and throw: none did.
  expect(host.errors).toEqual([]);
  expect(host.setDataStats()['page:pages/index/index'].count).toBeGreaterThan(0);
});
