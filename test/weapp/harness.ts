/**
 * Weapp harness: the production weapp build of this test run, running in a simulated WeChat host.
 *
 * The compiled `dist/weapp` (app.js, taro.js, vendors.js, pages, subpackages) runs unmodified in a
 * fresh `vm` realm per app process with `App` / `Page` / `Component` / `getApp` / `getCurrentPages` /
 * `wx`. The real Taro runtime and React reconciler render through `setData`, which the host applies
 * to each page's (and each `<CustomWrapper>` component's) data; the rendered tree is decoded with the
 * build's own `base.wxml` templates. Events go through Taro's `eh` handler the way WeChat calls it
 * (target plus every ancestor whose template binds the event).
 *
 * ```ts
 * const host = await launchWeapp({ storage?, device?, wxOptions?, httpRoutes?, clock? });
 * const page = await host.openPage();                 // app.json's first page; launches the app
 * const policy = await host.openPage('privacy/pages/policy/index', { query: { v: '1' } });
 * page.textOf('hello'); page.exists('agree-btn'); page.find('x')?.props; page.allText();
 * await page.tap('agree-btn');                        // tap + open-type event, inside a gesture window
 * await page.input('name', 'Li'); await page.change('marketing', { value: true });
 * await page.scrollToLower('toc'); await page.reachBottom();
 * host.wxCalls; host.callsTo('authorize'); host.gatedCalls(); host.heldCalls();
 * host.setDataStats(); page.setDataStats().page.first; host.nodeCount(page);
 * host.prompts; host.privacyLog; host.errors; host.console;
 * await host.hide(); await host.show();               // background / foreground
 * await host.relaunch(); await host.openPage();       // killed and restarted: only the device survives
 * await host.flush();                                 // timers due soon, wx callbacks, HTTP settle
 * await host.runTimers({ withinMs: 60_000 });         // fire later timeouts now (retries, backoff)
 * host.close();                                       // in afterEach
 * ```
 *
 * API
 * - `launchWeapp(options?: LaunchOptions): Promise<WeappHost>` — builds (once per test run) and loads
 *   the app; nothing runs until the first `openPage`.
 *   `LaunchOptions`: `storage` (initial storage), `device` (`DeviceOverrides` or a `DeviceState` to
 *   continue on), `wxOptions` (`WxOptions`: authDenyMessage, privacyGuide, privacyCheck, missingApis,
 *   onOpenSetting, onOpenAppAuthorizeSetting, login, tempFiles, scanResult, privacyGapMs),
 *   `httpRoutes` (`{ 'https://api.example': 'http://127.0.0.1:PORT' }`), `distDir`, `clock`,
 *   `echoConsole`.
 * - `WeappHost`: `openPage(route?, { query? }): Promise<PageHandle>`, `currentPage()`, `pages()`,
 *   `entryPage`, `routes`, `wxCalls`, `allWxCalls`, `callsTo(name)`, `gatedCalls()`, `heldCalls()`,
 *   `prompts`, `privacyLog`, `errors`, `console`, `setDataLog`, `setDataStats()` (per owner:
 *   count, bytes[], total, largest, first), `nodeCount(page?, { includeText? })`, `flush({ maxMs?,
 *   timersWithinMs? })`, `runTimers({ withinMs }): Promise<number>`, `hide()`, `show()`, `relaunch(): Promise<WeappHost>` (same object, new
 *   process), `close()`, `device` (the `DeviceState`: settings + storage; change it between steps).
 * - `PageHandle`: `route`, `query`, `instance`, `alive`, `tree()`, `nodes()`, `find(id)`, `get(id)`,
 *   `findAll(pred)`, `exists(id)`, `textOf(id)`, `allText()`, `nodeCount()`, `setDataStats()`
 *   ({ page, components, all }), `tap(id)`, `input(id, value)`, `change(id, detail)`,
 *   `scrollToLower(id)`, `trigger(id, type, detail?, { bubbles?, gesture? })`, `reachBottom()`,
 *   `pageScroll(top)`.
 * - `HostNode`: `tag`, `id`, `sid`, `props` (decoded attributes, e.g. `props['open-type']`),
 *   `events`, `className`, `style`, `text`, `children`, `parent`.
 * - The `wx` double (`wx-double.ts`) and WeChat's privacy-gated API list (`privacy-apis.ts`) are
 *   re-exported for tests that script the device.
 *
 * Limits: no layout (selector queries answer `null`), switchTab behaves like reLaunch, no
 * `selectComponent`, bluetooth beyond the adapter is not simulated, `Date` follows `clock` only
 * when one is given. Node ids are what WeChat sees: the JSX `id`, else Taro's sid.
 */
import { ensureProductionBuild } from '../build';
import { WeappHost, resolveDistDir, type LaunchOptions } from './host';

export { WeappHost, PageHandle, resolveDistDir } from './host';
export type { LaunchOptions, SetDataRecord, SetDataStat, ConsoleEntry } from './host';
export type { HostNode, TemplateInfo } from './render';
export { parseBaseTemplates, applySetData, parseDataPath, textContent } from './render';
export * from './wx-double';
export * from './privacy-apis';

/** Loads the weapp production build of this test run into a fresh simulated WeChat host. */
export async function launchWeapp(options: LaunchOptions = {}): Promise<WeappHost> {
  const distDir = resolveDistDir(options.distDir, () => ensureProductionBuild('weapp'));
  return new WeappHost(distDir, options);
}
export { createBareWx } from './bare-wx';
export type { BareWx, BareWxOptions, Loose } from './bare-wx';
