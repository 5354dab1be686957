/**
 * Weapp harness: the production weapp build of this test run, running in a simulated WeChat host.
 *
 * The compiled `dist/weapp` (app.js, taro.js, vendors.js, pages, subpackages) runs unmodified in a
 * fresh `vm` realm per app process with `App` / `Page` / `Component` / `getApp` / `getCurrentPages` /
 * `wx`. The real Taro runtime and React reconciler render through `setData`, which the host applies
 * to each page's (and each `<CustomWrapper>` component's) data; the rendered tree is decoded with the
 * build's own `base.wxml` templates. Events go through Taro's `eh` handler the way WeChat calls it
 * (target plus every ancestor whose template binds the event, stopping at `catch` bindings).
 *
 * ```ts
 * const host = await launchWeapp({ storage?, device?, wxOptions?, httpRoutes?, clock? });
 * const page = await host.openPage();                 // app.json's first page; launches the app
 * const policy = await host.openPage('privacy-pages/policy/index', { query: { section: 's3' } });
 * page.textOf('hello'); page.exists('agree-btn'); page.find('x')?.props; page.allText();
 * await page.tap('agree-btn');                        // tap + open-type event, inside a gesture window
 * await page.input('name', 'Li'); await page.change('marketing', { value: true });
 * await page.scrollToLower('toc'); await page.reachBottom();
 * host.wxCalls; host.callsTo('authorize'); host.gatedCalls(); host.heldCalls();
 * host.setDataStats(); page.setDataStats().page.first; host.nodeCount(page);
 * host.prompts; host.privacyLog; host.errors; host.console; host.storage();
 * host.device.settings.scopeAnswers['scope.camera'] = 'reject';   // script the user and the phone
 * host.device.settings.system.bluetoothEnabled = false;
 * await host.hide(); await host.show();               // background / foreground
 * await host.relaunch(); await host.openPage();       // killed and restarted: only the device survives
 * await host.flush();                                 // timers due soon, wx callbacks, HTTP settle
 * await host.runTimers({ withinMs: 60_000 });         // fire later timeouts now (retries, backoff)
 * host.close();                                       // in afterEach
 * ```
 *
 * API
 * - `ensureWeappBuild(): string` — the dist dir of this run's build (building it if needed).
 * - `launchWeapp(options?: LaunchOptions): Promise<WeappHost>` — loads the production build made in
 *   this test run (`ensureProductionBuild('weapp')`; the first call of a run builds it, ~30 s, so
 *   give that test or `beforeAll` a long timeout); nothing runs until the first `openPage`.
 *   `LaunchOptions`: `storage` (initial storage), `device` (`DeviceOverrides` or a `DeviceState` to
 *   continue on), `wxOptions` (`WxOptions`: authDenyMessage, privacyGuide, privacyCheck, missingApis,
 *   onOpenSetting, onOpenAppAuthorizeSetting, login, tempFiles, scanResult, privacyGapMs,
 *   officialPopupRefusalErrno, phoneCode), `httpRoutes` (`{ 'https://api.example':
 *   'http://127.0.0.1:PORT' }`: real HTTP; other URLs fail `request:fail url not in domain list`),
 *   `distDir`, `clock` (Date.now inside the app), `echoConsole`.
 * - `WeappHost`: `openPage(route?, { query? }): Promise<PageHandle>` (first call = App onLaunch /
 *   onShow with that path, later calls push like navigateTo), `currentPage()`, `pages()`,
 *   `entryPage`, `routes`, `appJson`, `device`, `wxCalls`, `allWxCalls`, `callsTo(name)`,
 *   `gatedCalls()`, `heldCalls()`, `prompts`, `privacyLog`, `errors`, `console`, `storage()`,
 *   `setDataLog`, `setDataStats()` (per owner `page:<route>` / `component:<path>#<sid>`: count,
 *   bytes[], total, largest, first), `nodeCount(page?, { includeText? })`, `flush({ maxMs?,
 *   timersWithinMs? })`, `waitFor(predicate, { timeoutMs?, what? })`,
 *   `runTimers({ withinMs }): Promise<number>`, `hide()`, `show()`,
 *   `relaunch(): Promise<WeappHost>` (same object, new process: memory, timers and in-flight
 *   requests are gone; `device` — storage, scopes, WeChat's privacy agreement, OS settings — stays),
 *   `close()`.
 * - `PageHandle`: `route`, `query`, `instance`, `alive`, `tree()`, `nodes()`, `find(id)`, `get(id)`,
 *   `findAll(pred)`, `exists(id)`, `textOf(id)`, `allText()`, `nodeCount()`, `setDataStats()`
 *   ({ page, components, all }), `tap(id)`, `input(id, value)`, `change(id, detail)`,
 *   `scrollToLower(id)`, `trigger(id, type, detail?, { bubbles?, gesture? })`, `reachBottom()`,
 *   `pageScroll(top)`.
 * - `HostNode`: `tag`, `id`, `sid`, `hasUserId`, `props` (decoded attributes, e.g.
 *   `props['open-type']`), `events`, `className`, `style`, `text`, `children`, `parent`.
 * - `createBareWx(options)`: the `wx` double alone (no bundle), for adapter tests.
 * - The `wx` double (`wx-double.ts`: `createDevice`, `WX_FAIL`, `WX_ERRNO`, limits) and WeChat's
 *   privacy-gated interface list (`privacy-apis.ts`) are re-exported.
 *
 * Platform events the host simulates: open-type buttons (`agreePrivacyAuthorization` records the
 * tap WeChat checks before `resolve({ event: 'agree', buttonId })`, `getPhoneNumber` goes through
 * the privacy framework, `openSetting`), a rendered `<camera>` (privacy, scope.camera, OS
 * permission → `initdone` / `error`), openSetting / openAppAuthorizeSetting (page or app
 * hide/show around the script in `wxOptions`), showModal answers from `device.settings.modalAnswers`
 * (the modal's button counts as a tap).
 *
 * Limits: no layout (selector queries answer `null`), switchTab behaves like reLaunch, no
 * `selectComponent`, bluetooth beyond the adapter is not simulated, `Date` follows `clock` only
 * when one is given, `tap` does not send touchstart/touchend. Rejections of promises made by
 * `new Promise` (Taro's promisified APIs) never count as unhandled (WeChat only reports them);
 * an unhandled rejection of an async function fails the test. Node ids are what WeChat sees: the
 * JSX `id`, else Taro's sid.
 *
 * Other platforms: the host takes its platform as a parameter (`HostPlatform`, platform.ts: the
 * global the app calls, template and script-module extensions, dist dir). `launchHost(platform,
 * options)` loads that platform's build of this run; `launchWeapp` is `launchHost(WEAPP_PLATFORM)`
 * and test/tt/harness.ts's `launchTt` is the Douyin one (`tt`, base.ttml, utils.sjs, the `tt` double).
 * The `wx` double's WeChat specifics are its `WX_DIALECT`; another platform's double passes its own.
 *
 * Tests: `npx jest --selectProjects weapp -- test/weapp` (the fixture app in test/weapp/fixture is
 * built once per change of its sources, ~35 s).
 */
import { mkdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, ensureProductionBuild } from '../build';
import { MiniProgramHost, WeappHost, resolveDistDir, snapshotDist, type LaunchOptions } from './host';
import { WEAPP_PLATFORM, type HostPlatform } from './platform';

export { MiniProgramHost, WeappHost, PageHandle, resolveDistDir, snapshotDist } from './host';
export type { LaunchOptions, SetDataRecord, SetDataStat, ConsoleEntry } from './host';
export type { HostNode, TemplateInfo } from './render';
export { parseBaseTemplates, applySetData, parseDataPath, textContent } from './render';
export { WEAPP_PLATFORM, type HostPlatform } from './platform';
export * from './wx-double';
export * from './privacy-apis';

/** One lock for every mini-program build (weapp, tt): two Taro builds at once would starve a 2-core machine. */
const BUILD_LOCK = join(ROOT, 'dist', '.weapp-build.lock');
/** A lock older than this was left by a killed process. */
const STALE_LOCK_MS = 10 * 60_000;

/** Runs `build` while holding a cross-process lock, so parallel test workers never build into dist/ at once. */
function withBuildLock<T>(build: () => T): T {
  mkdirSync(join(ROOT, 'dist'), { recursive: true });
  const sleeper = new Int32Array(new SharedArrayBuffer(4));
  for (;;) {
    try {
      mkdirSync(BUILD_LOCK);
      break;
    } catch {
      try {
        if (Date.now() - statSync(BUILD_LOCK).mtimeMs > STALE_LOCK_MS) rmSync(BUILD_LOCK, { recursive: true, force: true });
      } catch {
        // released meanwhile
      }
      Atomics.wait(sleeper, 0, 0, 200);
    }
  }
  try {
    return build();
  } finally {
    rmSync(BUILD_LOCK, { recursive: true, force: true });
  }
}

/** Builds dist/<platform> for this test run unless already built (serialised across test workers). */
export function ensureHostBuild(platform: HostPlatform): string {
  return withBuildLock(() => ensureProductionBuild(platform.name));
}

/** Builds dist/weapp for this test run unless already built (serialised across test workers). */
export function ensureWeappBuild(): string {
  return ensureHostBuild(WEAPP_PLATFORM);
}

/** This process's copy of this run's builds, per platform: later launches reuse it even if dist/ is rebuilt meanwhile. */
const runBuilds = new Map<string, { run: string | undefined; dir: string; files: ReadonlyMap<string, string> }>();

/** Loads the production build of `platform` made in this test run (or `options.distDir`) into a fresh simulated host. */
export async function launchHost(platform: HostPlatform, options: LaunchOptions = {}): Promise<MiniProgramHost> {
  if (options.distDir) return new MiniProgramHost(resolveDistDir(options.distDir, () => '', platform), options, undefined, platform);
  let build = runBuilds.get(platform.name);
  if (!build || build.run !== process.env.PRIVACY_TEST_RUN) {
    // Read into memory while holding the lock: no other worker of this run rebuilds it meanwhile.
    build = withBuildLock(() => {
      const dir = resolveDistDir(undefined, () => ensureProductionBuild(platform.name), platform);
      return { run: process.env.PRIVACY_TEST_RUN, dir, files: snapshotDist(dir, platform) };
    });
    runBuilds.set(platform.name, build);
  }
  return new MiniProgramHost(build.dir, options, build.files, platform);
}

/** Loads the weapp production build of this test run into a fresh simulated WeChat host. */
export async function launchWeapp(options: LaunchOptions = {}): Promise<WeappHost> {
  return launchHost(WEAPP_PLATFORM, options);
}
