/**
 * Tt harness: the production Douyin build of this test run (`taro build --type tt` → dist/tt),
 * running in the simulated host of test/weapp/harness.ts with Douyin's platform: the global `tt`
 * (the `tt` double, tt-double.ts), base.ttml with `tt:` directives, utils.sjs. Everything the weapp
 * harness documents holds — pages, taps, setData, relaunch, the device — with these differences:
 *
 * ```ts
 * const host = await launchTt({ ttOptions?: { login, hostLoggedIn, hostLoginAnswer, ... }, device?, httpRoutes?, clock? });
 * host.wxCalls;          // the app's `tt` calls (the name is the harness's, shared with weapp)
 * host.callsTo('openBluetoothAdapter');
 * ```
 *
 * - `launchTt(options?: TtLaunchOptions): Promise<TtHost>` — loads this run's tt build
 *   (`ensureProductionBuild('tt')`, ~15–30 s the first time: give `beforeAll` or the first test a
 *   long timeout); `ttOptions` are the `tt` double's switches (`TtOptions`).
 * - `ensureTtBuild()` — the dist dir of this run's tt build.
 * - `TT_PLATFORM` — Douyin as a `HostPlatform` (global `tt`, ttml, sjs).
 *
 * Tests: `npx tsx scripts/test.ts --selectProjects tt`.
 */
import { ensureHostBuild, launchHost, type HostPlatform, type LaunchOptions, type MiniProgramHost } from '../weapp/harness';
import { createTtDouble, type TtOptions } from './tt-double';

export { PageHandle, createDevice, type HostNode } from '../weapp/harness';
export * from './tt-double';

/** Douyin: dist/tt, `tt`, base.ttml with `tt:` directives, utils.sjs. */
export const TT_PLATFORM: HostPlatform = Object.freeze({
  name: 'tt',
  client: 'Douyin',
  global: 'tt',
  template: Object.freeze({ ext: 'ttml', directive: 'tt' }),
  scriptModule: Object.freeze({ tag: 'sjs', ext: 'sjs' }),
  createDouble: createTtDouble,
});

/** The simulated Douyin client running one mini-program. */
export type TtHost = MiniProgramHost;

/** Options of `launchTt`: those of `launchWeapp`, with the `tt` double's switches as `ttOptions`. */
export type TtLaunchOptions = Omit<LaunchOptions, 'wxOptions'> & { ttOptions?: TtOptions };

/** Builds dist/tt for this test run unless already built (serialised with the other builds). */
export function ensureTtBuild(): string {
  return ensureHostBuild(TT_PLATFORM);
}

/** Loads the tt production build of this test run into a fresh simulated Douyin host. */
export async function launchTt(options: TtLaunchOptions = {}): Promise<TtHost> {
  const { ttOptions, ...rest } = options;
  return launchHost(TT_PLATFORM, { ...rest, wxOptions: ttOptions });
}
