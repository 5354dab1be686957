/**
 * The simulated mini-program logic layer (WeChat, or Douyin given `TT_PLATFORM`): a fresh JS realm
 * per app process with `App`/`Page`/`Component`, the page stack and its lifecycles, `setData`
 * applied to per-page and per-component data, the rendered tree, events routed through Taro's `eh`
 * handler, and the platform's API double (`wx`, `tt`) as its global.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, posix, relative, sep } from 'node:path';
import vm from 'node:vm';
import { WEAPP_PLATFORM, baseTemplateFile, checkBaseTemplate, isHostFile, type HostPlatform } from './platform';
import { buildTree, applySetData, parseBaseTemplates, textContent, walk, type HostNode, type TemplateInfo } from './render';
import {
  createDevice,
  type AppJson,
  type DeviceOverrides,
  type DeviceState,
  type GuestRealm,
  type PrivacyLogEntry,
  type UserPrompt,
  type WxCall,
  type WxDouble,
  type WxOptions,
} from './wx-double';

/** Options of `launchWeapp` (and, with `ttOptions` for `wxOptions`, of `launchTt`). */
export interface LaunchOptions {
  /** Initial storage (values as the app would have stored them). Ignored when `device` is a DeviceState. */
  storage?: Record<string, unknown>;
  /** Device settings, or a whole DeviceState to continue on (e.g. from another host). */
  device?: DeviceOverrides | DeviceState;
  /** Behaviour switches of the platform's double (`WxOptions`; on Douyin, `TtOptions`). */
  wxOptions?: WxOptions;
  /** `wx.request` origin prefix → local base URL (real HTTP); other URLs fail like WeChat's domain list. */
  httpRoutes?: Record<string, string>;
  /** Use this weapp build instead of building one for this test run. */
  distDir?: string;
  /** `Date.now()` inside the app (and the double's timing); default real time. */
  clock?: () => number;
  /** Print the app's console output (default: captured only; env WEAPP_ECHO_CONSOLE=1 also prints). */
  echoConsole?: boolean;
}

/** One recorded `setData` (Page or Component). */
export interface SetDataRecord {
  readonly seq: number;
  /** `page:<route>` or `component:<path>#<sid>`. */
  readonly owner: string;
  readonly kind: 'page' | 'component';
  /** Route of the page the owner belongs to. */
  readonly route: string;
  /** UTF-8 bytes of the JSON payload. */
  readonly bytes: number;
  readonly keys: readonly string[];
  readonly at: number;
}

/** setData figures for one owner (or a group of owners). */
export interface SetDataStat {
  readonly count: number;
  /** Bytes of each payload, in order. */
  readonly bytes: readonly number[];
  readonly total: number;
  readonly largest: number;
  /** Bytes of the first payload (0 when none). */
  readonly first: number;
}

/** A message the app wrote to its console. */
export interface ConsoleEntry {
  readonly level: 'log' | 'info' | 'warn' | 'error' | 'debug';
  readonly text: string;
}

function statOf(records: readonly SetDataRecord[]): SetDataStat {
  const bytes = records.map((r) => r.bytes);
  return {
    count: bytes.length,
    bytes,
    total: bytes.reduce((a, b) => a + b, 0),
    largest: bytes.reduce((a, b) => Math.max(a, b), 0),
    first: bytes[0] ?? 0,
  };
}

/** WeChat's limit of one setData payload (1024 KB). */
const SET_DATA_LIMIT_BYTES = 1024 * 1024;
/** WeChat keeps at most 10 pages in the stack. */
const MAX_PAGE_STACK = 10;

type LooseConfig = Record<string, unknown> & { data?: Record<string, unknown> };
type Instance = Record<string, unknown> & { data: Record<string, unknown> };
type Fn = (...args: unknown[]) => unknown;

interface PageRecord {
  readonly route: string;
  readonly query: Record<string, string>;
  readonly instance: Instance;
  readonly webviewId: number;
  readonly usingComponents: Record<string, string>;
  alive: boolean;
}

interface WrapperRecord {
  readonly sid: string;
  readonly path: string;
  readonly instance: Instance;
  readonly page: PageRecord;
  propJson: string;
}

interface TimerRecord {
  readonly handle: NodeJS.Timeout;
  readonly due: number;
  readonly interval: boolean;
  readonly run: () => void;
}

const scriptCache = new Map<string, vm.Script>();

/** Compiles a module once per distinct source (shared by every host and relaunch). */
function compiled(file: string, source: string): vm.Script {
  const key = createHash('sha1').update(source).digest('hex');
  const hit = scriptCache.get(key);
  if (hit) return hit;
  const script = new vm.Script(`(function (require, module, exports) {${source}\n})`, { filename: file });
  scriptCache.set(key, script);
  return script;
}

/**
 * The build's code and config, read once when the host is created: a rebuild of dist/ by another
 * test worker cannot change an app that is already running.
 */
export function snapshotDist(dir: string, platform: HostPlatform = WEAPP_PLATFORM): Map<string, string> {
  const files = new Map<string, string>();
  const visit = (d: string): void => {
    for (const name of readdirSync(d)) {
      const abs = join(d, name);
      if (statSync(abs).isDirectory()) visit(abs);
      else if (isHostFile(platform, name)) files.set(relative(dir, abs).split(sep).join('/'), readFileSync(abs, 'utf8'));
    }
  };
  visit(dir);
  return files;
}

function callIfFn(target: Record<string, unknown>, name: string, ...args: unknown[]): unknown {
  const fn = target[name];
  return typeof fn === 'function' ? (fn as Fn).apply(target, args) : undefined;
}

function parseUrl(url: string, from: string | undefined): { route: string; query: Record<string, string> } {
  const [pathPart, search = ''] = url.split('?');
  let route = pathPart;
  if (route.startsWith('/')) route = route.slice(1);
  else if (from) route = posix.normalize(posix.join(posix.dirname(from), route));
  const query: Record<string, string> = {};
  for (const pair of search.split('&')) {
    if (!pair) continue;
    const i = pair.indexOf('=');
    // WeChat hands query values to onLoad as written (no decoding).
    if (i < 0) query[pair] = '';
    else query[pair.slice(0, i)] = pair.slice(i + 1);
  }
  return { route, query };
}

/** One app process: its realm, its `wx`, its page stack. Killed by `relaunch`. */
class AppProcess {
  readonly ctx: vm.Context;
  readonly realm: GuestRealm;
  readonly double: WxDouble;
  readonly setDataLog: SetDataRecord[] = [];
  readonly consoleLog: ConsoleEntry[] = [];
  readonly errors: unknown[] = [];
  readonly stack: PageRecord[] = [];
  readonly wrappers = new Map<string, WrapperRecord>();
  private readonly timers = new Map<number, TimerRecord>();
  private readonly modules = new Map<string, { exports: unknown }>();
  private readonly pageConfigs = new Map<string, LooseConfig>();
  private readonly componentConfigs = new Map<string, LooseConfig>();
  private readonly loading: string[] = [];
  private appConfig: LooseConfig | undefined;
  private pendingIo = 0;
  private timerSeq = 0;
  private webviewSeq = 0;
  private gestureDepth = 0;
  private launchInfo = { launchPath: '', launchQuery: {} as Record<string, string>, scene: 1001 };
  private readonly appListeners = { show: new Set<(o: unknown) => void>(), hide: new Set<(o: unknown) => void>() };
  launched = false;
  killed = false;

  constructor(
    readonly distDir: string,
    private readonly files: ReadonlyMap<string, string>,
    readonly appJson: AppJson,
    readonly templates: ReadonlyMap<string, TemplateInfo>,
    readonly device: DeviceState,
    readonly options: LaunchOptions,
    readonly platform: HostPlatform,
  ) {
    const echo = options.echoConsole ?? process.env.WEAPP_ECHO_CONSOLE === '1';
    const makeConsole = (): Record<string, Fn> => {
      const out: Record<string, Fn> = {};
      for (const level of ['log', 'info', 'warn', 'error', 'debug'] as const) {
        out[level] = (...args: unknown[]) => {
          const text = args.map((a) => (typeof a === 'string' ? a : a instanceof Error ? a.stack ?? a.message : (() => { try { return JSON.stringify(a); } catch { return String(a); } })())).join(' ');
          this.consoleLog.push({ level, text });
          if (echo) console[level](`[${platform.name}] ${text}`);
        };
      }
      return out;
    };
    const sandbox: Record<string, unknown> = {
      console: makeConsole(),
      setTimeout: (fn: unknown, ms?: unknown, ...args: unknown[]) => this.addTimer(fn, Number(ms) || 0, false, args),
      setInterval: (fn: unknown, ms?: unknown, ...args: unknown[]) => this.addTimer(fn, Number(ms) || 0, true, args),
      clearTimeout: (id: unknown) => this.clearTimer(id),
      clearInterval: (id: unknown) => this.clearTimer(id),
      App: (config: LooseConfig) => {
        this.appConfig = config;
      },
      Page: (config: LooseConfig) => {
        this.pageConfigs.set(this.loading[this.loading.length - 1] ?? '', config);
      },
      Component: (config: LooseConfig) => {
        this.componentConfigs.set(this.loading[this.loading.length - 1] ?? '', config);
      },
      Behavior: (def: unknown) => def,
      getApp: () => this.appConfig,
      getCurrentPages: () => this.stack.filter((p) => p.alive).map((p) => p.instance),
      requirePlugin: () => {
        throw new Error('requirePlugin is not available in the simulated host');
      },
    };
    this.ctx = vm.createContext(sandbox, { name: platform.name });
    if (options.clock) {
      // Date.now() and `new Date()` inside the app follow the injected clock.
      const install = vm.runInContext(
        `(function (now) {
          var D = Date;
          function FakeDate() {
            if (!(this instanceof FakeDate)) return new D(now()).toString();
            var a = Array.prototype.slice.call(arguments);
            return a.length ? new (Function.prototype.bind.apply(D, [null].concat(a)))() : new D(now());
          }
          FakeDate.prototype = D.prototype;
          FakeDate.now = function () { return now(); };
          FakeDate.UTC = D.UTC;
          FakeDate.parse = D.parse;
          globalThis.Date = FakeDate;
        })`,
        this.ctx,
      ) as (now: () => number) => void;
      install(options.clock);
    }
    // Promises made with `new Promise` (Taro's promisified APIs, the double's results) are marked
    // handled: apps that use callbacks ignore the returned promise, and WeChat only reports such a
    // rejection to onUnhandledRejection. Rejections of derived promises and async functions still
    // surface (they fail the test, as a missing catch in app code should).
    vm.runInContext(
      `(function () {
        var Native = Promise;
        class HostPromise extends Native {
          constructor(executor) {
            super(executor);
            Native.prototype.catch.call(this, function () {});
          }
          static get [Symbol.species]() { return Native; }
          static [Symbol.hasInstance](value) { return value instanceof Native; }
        }
        globalThis.Promise = HostPromise;
      })()`,
      this.ctx,
    );
    this.realm = vm.runInContext('({ Promise: Promise, Error: Error, JSON: JSON })', this.ctx) as GuestRealm;
    this.double = platform.createDouble({
      device,
      appJson,
      options: options.wxOptions ?? {},
      httpRoutes: options.httpRoutes ?? {},
      realm: this.realm,
      schedule: (fn, ms) => void this.addTimer(fn, ms ?? 0, false, []),
      track: (p) => {
        this.pendingIo += 1;
        return p.finally(() => {
          this.pendingIo -= 1;
        });
      },
      inGesture: () => this.gestureDepth > 0,
      asGesture: (fn) => this.asGesture(fn),
      now: () => this.now(),
      navigator: {
        navigateTo: (url) => this.navigate('navigateTo', url),
        redirectTo: (url) => this.navigate('redirectTo', url),
        navigateBack: (delta) => this.navigateBack(delta),
        switchTab: (url) => this.navigate('switchTab', url),
        reLaunch: (url) => this.navigate('reLaunch', url),
      },
      visitSettings: (kind, during) => this.visitSettings(kind, during),
      appInfo: () => this.launchInfo,
      appListeners: this.appListeners,
    });
    sandbox[platform.global] = this.double.wx;
    this.require('app.js');
    if (!this.appConfig) throw new Error('app.js did not call App()');
  }

  now(): number {
    return this.options.clock ? this.options.clock() : Date.now();
  }

  // ---- modules -------------------------------------------------------------------------------------
  private require(rel: string): unknown {
    const file = rel.endsWith('.js') ? rel : `${rel}.js`;
    const key = posix.normalize(file);
    const hit = this.modules.get(key);
    if (hit) return hit.exports;
    const source = this.files.get(key);
    if (source === undefined) throw new Error(`module not found in the ${this.platform.name} build: ${key}`);
    const module = { exports: {} as unknown };
    this.modules.set(key, module);
    this.loading.push(key.replace(/\.js$/, ''));
    try {
      const fn = compiled(join(this.distDir, key), source).runInContext(this.ctx) as (r: (p: string) => unknown, m: unknown, e: unknown) => void;
      fn((p: string) => this.require(posix.join(posix.dirname(key), p)), module, module.exports);
    } finally {
      this.loading.pop();
    }
    return module.exports;
  }

  private readJson(rel: string): Record<string, unknown> {
    const text = this.files.get(posix.normalize(rel));
    return text === undefined ? {} : (JSON.parse(text) as Record<string, unknown>);
  }

  allRoutes(): string[] {
    const subs = this.appJson.subPackages ?? this.appJson.subpackages ?? [];
    return [...this.appJson.pages, ...subs.flatMap((s) => s.pages.map((p) => posix.join(s.root, p)))];
  }

  private tabRoutes(): string[] {
    return (this.appJson.tabBar?.list ?? []).map((t) => t.pagePath);
  }

  private loadPageConfig(route: string): { config: LooseConfig; usingComponents: Record<string, string> } {
    if (!this.allRoutes().includes(route)) throw new Error(`page "${route}" is not found`);
    const json = this.readJson(`${route}.json`);
    const using: Record<string, string> = {};
    for (const [name, p] of Object.entries((json.usingComponents ?? {}) as Record<string, string>)) {
      const resolved = p.startsWith('/') ? p.slice(1) : posix.normalize(posix.join(posix.dirname(route), p));
      using[name] = resolved;
      if (!this.componentConfigs.has(resolved)) this.require(resolved);
    }
    this.require(route);
    const config = this.pageConfigs.get(route);
    if (!config) throw new Error(`${route}.js did not call Page()`);
    return { config, usingComponents: using };
  }

  // ---- timers and gestures ---------------------------------------------------------------------------
  private addTimer(fn: unknown, ms: number, interval: boolean, args: unknown[]): number {
    if (this.killed || typeof fn !== 'function') return 0;
    this.timerSeq += 1;
    const id = this.timerSeq;
    const run = (): void => {
      if (this.killed) return;
      if (!interval) this.timers.delete(id);
      try {
        (fn as Fn)(...args);
      } catch (e) {
        this.reportError(e);
      }
    };
    const handle = interval ? setInterval(run, ms) : setTimeout(run, ms);
    this.timers.set(id, { handle, due: Date.now() + ms, interval, run });
    return id;
  }

  private clearTimer(id: unknown): void {
    const t = this.timers.get(Number(id));
    if (!t) return;
    clearTimeout(t.handle);
    clearInterval(t.handle);
    this.timers.delete(Number(id));
  }

  reportError(e: unknown): void {
    this.errors.push(e);
    const onError = this.appConfig?.onError;
    if (typeof onError === 'function') {
      try {
        (onError as Fn).call(this.appConfig, e instanceof Error ? `${e.message}\n${e.stack ?? ''}` : String(e));
      } catch (inner) {
        this.errors.push(inner);
      }
    }
  }

  asGesture(fn: () => void): void {
    this.gestureDepth += 1;
    // The gesture lasts for the handler and its microtasks: the close is queued before the handler
    // runs, so a timer or callback the handler starts is no longer "in the tap".
    setTimeout(() => {
      this.gestureDepth -= 1;
    }, 0);
    fn();
  }

  /** Lets the app's timers (due within `timersWithinMs`), callbacks and HTTP settle. */
  async flush(maxMs = 5000, timersWithinMs = 50): Promise<void> {
    const deadline = Date.now() + maxMs;
    let quiet = 0;
    while (Date.now() < deadline && !this.killed) {
      await new Promise((r) => setImmediate(r));
      const now = Date.now();
      let nextDue = Infinity;
      for (const t of this.timers.values()) if (!t.interval && t.due - now <= timersWithinMs) nextDue = Math.min(nextDue, t.due);
      if (nextDue !== Infinity || this.pendingIo > 0 || this.gestureDepth > 0) {
        quiet = 0;
        await new Promise((r) => setTimeout(r, Math.max(0, Math.min(nextDue - now, 5))));
        continue;
      }
      quiet += 1;
      if (quiet >= 3) return;
    }
  }

  /** Fires, early and in due order, the app's timeouts due within `ms` (including ones they schedule). */
  async runTimersWithin(ms: number): Promise<number> {
    const horizon = Date.now() + ms;
    let fired = 0;
    for (let guard = 0; guard < 10_000 && !this.killed; guard += 1) {
      let next: [number, TimerRecord] | undefined;
      for (const entry of this.timers) {
        if (!entry[1].interval && entry[1].due <= horizon && (!next || entry[1].due < next[1].due)) next = entry;
      }
      if (!next) break;
      clearTimeout(next[1].handle);
      next[1].run();
      fired += 1;
      await new Promise((r) => setImmediate(r));
    }
    await this.flush();
    return fired;
  }

  kill(): void {
    this.killed = true;
    for (const t of this.timers.values()) {
      clearTimeout(t.handle);
      clearInterval(t.handle);
    }
    this.timers.clear();
    this.double.dispose();
    for (const p of this.stack) p.alive = false;
  }

  // ---- app lifecycle -------------------------------------------------------------------------------
  launch(route: string, query: Record<string, string>): void {
    this.launched = true;
    this.launchInfo = { launchPath: route, launchQuery: query, scene: 1001 };
    const opts = { path: route, query, scene: 1001, referrerInfo: {} };
    callIfFn(this.appConfig as LooseConfig, 'onLaunch', this.guest(opts));
    this.appShow();
  }

  private guest<T>(v: T): T {
    return this.realm.JSON.parse(JSON.stringify(v)) as T;
  }

  appShow(): void {
    const opts = { path: this.launchInfo.launchPath, query: this.launchInfo.launchQuery, scene: this.launchInfo.scene, referrerInfo: {} };
    callIfFn(this.appConfig as LooseConfig, 'onShow', this.guest(opts));
    for (const fn of this.appListeners.show) fn(this.guest(opts));
  }

  appHide(): void {
    callIfFn(this.appConfig as LooseConfig, 'onHide');
    for (const fn of this.appListeners.hide) fn(this.guest({}));
  }

  top(): PageRecord | undefined {
    return this.stack[this.stack.length - 1];
  }

  private async visitSettings(kind: 'mini-program' | 'system', during: () => void | Promise<void>): Promise<void> {
    const page = this.top();
    if (page) callIfFn(page.instance, 'onHide');
    if (kind === 'system') this.appHide();
    await during();
    if (kind === 'system') this.appShow();
    if (page?.alive) callIfFn(page.instance, 'onShow');
  }

  // ---- pages ---------------------------------------------------------------------------------------
  private createPage(route: string, query: Record<string, string>): PageRecord {
    const { config, usingComponents } = this.loadPageConfig(route);
    const instance = Object.create(config) as Instance;
    this.webviewSeq += 1;
    const webviewId = this.webviewSeq;
    instance.data = JSON.parse(JSON.stringify(config.data ?? {})) as Record<string, unknown>;
    const record: PageRecord = { route, query, instance, webviewId, usingComponents, alive: true };
    Object.assign(instance, {
      route,
      __route__: route,
      options: this.guest(query),
      __wxWebviewId__: webviewId,
      getPageId: () => `pageId:${webviewId}`,
      setData: (patch: Record<string, unknown>, cb?: unknown) => this.setData(record, undefined, patch, cb),
      selectComponent: () => null,
      selectAllComponents: () => [],
      createSelectorQuery: () => (this.double.wx.createSelectorQuery as Fn)(),
      getOpenerEventChannel: () => ({ emit() {}, on() {}, once() {}, off() {} }),
    });
    return record;
  }

  /** Loads a page on top of the stack: onLoad → (previous onHide) → onShow → first render → onReady. */
  async pushPage(route: string, query: Record<string, string>, hidePrevious: boolean): Promise<PageRecord> {
    if (!this.launched) this.launch(route, query);
    const previous = this.top();
    const record = this.createPage(route, query);
    this.stack.push(record);
    callIfFn(record.instance, 'onLoad', record.instance.options);
    if (hidePrevious && previous?.alive) callIfFn(previous.instance, 'onHide');
    callIfFn(record.instance, 'onShow');
    await this.flush();
    if (record.alive) callIfFn(record.instance, 'onReady');
    await this.flush();
    return record;
  }

  private unload(record: PageRecord): void {
    if (!record.alive) return;
    callIfFn(record.instance, 'onUnload');
    record.alive = false;
    const i = this.stack.indexOf(record);
    if (i >= 0) this.stack.splice(i, 1);
    this.reconcileWrappers();
  }

  private async navigate(kind: 'navigateTo' | 'redirectTo' | 'switchTab' | 'reLaunch', url: string): Promise<void> {
    const { route, query } = parseUrl(url, this.top()?.route);
    if (!this.allRoutes().includes(route)) throw new Error(`page "${route}" is not found`);
    const isTab = this.tabRoutes().includes(route);
    if (kind === 'navigateTo' || kind === 'redirectTo') {
      if (isTab) throw new Error(`can not ${kind} a tabbar page`);
    }
    if (kind === 'switchTab' && !isTab) throw new Error('can not switch to no-tabBar page');
    if (kind === 'navigateTo') {
      if (this.stack.length >= MAX_PAGE_STACK) throw new Error('webview count limit exceed');
      await this.pushPage(route, query, true);
      return;
    }
    if (kind === 'redirectTo') {
      const top = this.top();
      if (top) this.unload(top);
      await this.pushPage(route, query, false);
      return;
    }
    // reLaunch and (simplified) switchTab: every open page is unloaded, the target opens fresh.
    for (const p of [...this.stack].reverse()) this.unload(p);
    await this.pushPage(route, query, false);
  }

  private async navigateBack(delta: number): Promise<void> {
    if (this.stack.length <= 1) throw new Error('cannot navigate back at first page.');
    const n = Math.min(Math.max(1, delta), this.stack.length - 1);
    for (let i = 0; i < n; i += 1) {
      const top = this.top();
      if (top) this.unload(top);
    }
    const revealed = this.top();
    if (revealed) callIfFn(revealed.instance, 'onShow');
    await this.flush();
  }

  // ---- setData and custom wrappers ---------------------------------------------------------------------
  setData(page: PageRecord, wrapper: WrapperRecord | undefined, patch: Record<string, unknown>, cb?: unknown): void {
    if (this.killed) return;
    const json = JSON.stringify(patch ?? {});
    const bytes = Buffer.byteLength(json, 'utf8');
    const owner = wrapper ? `component:${wrapper.path}#${wrapper.sid}` : `page:${page.route}`;
    this.setDataLog.push({
      seq: this.setDataLog.length + 1,
      owner,
      kind: wrapper ? 'component' : 'page',
      route: page.route,
      bytes,
      keys: Object.keys(patch ?? {}),
      at: this.now(),
    });
    if (bytes > SET_DATA_LIMIT_BYTES) this.errors.push(new Error(`setData payload of ${bytes} bytes exceeds WeChat's 1024 KB limit (${owner})`));
    const target = (wrapper ?? page).instance.data;
    applySetData(target, JSON.parse(json) as Record<string, unknown>);
    this.reconcileWrappers();
    this.startCameras(page);
    if (typeof cb === 'function') this.addTimer(cb, 0, false, []);
  }

  private readonly cameras = new Set<string>();
  private readonly hasCameraTemplate = (): boolean => [...this.templates.values()].some((t) => t.tag === 'camera');

  /** A rendered `<camera>` asks WeChat for the camera (privacy, scope.camera, OS): `initdone` or `error`. */
  private startCameras(page: PageRecord): void {
    if (!this.hasCameraTemplate()) return;
    for (const node of walk(this.tree(page))) {
      if (node.tag !== 'camera' || this.cameras.has(node.sid)) continue;
      this.cameras.add(node.sid);
      void this.double.componentAccess('camera', 'scope.camera').then((access) => {
        if (this.killed || !page.alive) return;
        const live = [...walk(this.tree(page))].find((n) => n.sid === node.sid);
        if (!live) return;
        if (access.ok) this.dispatch(live, 'initdone', { maxZoom: 1 }, false);
        else this.dispatch(live, 'error', { errMsg: `insertCamera:fail ${access.errMsg}`, ...(access.errno !== undefined ? { [this.double.errnoField]: access.errno } : {}) }, false);
      });
    }
  }

  /** Creates, updates and detaches custom-wrapper components to match the data of every open page. */
  reconcileWrappers(): void {
    const seen = new Set<string>();
    const visit = (children: unknown, page: PageRecord): void => {
      if (!Array.isArray(children)) return;
      for (const raw of children as Array<Record<string, unknown>>) {
        if (!raw || typeof raw !== 'object') continue;
        if (raw.nn === 'custom-wrapper') {
          const sid = String(raw.sid);
          seen.add(sid);
          const propJson = JSON.stringify(raw);
          let w = this.wrappers.get(sid);
          if (!w) {
            w = this.attachWrapper(raw, propJson, page);
          } else if (w.propJson !== propJson) {
            // The parent re-sent the `i` property: the component's data.i is replaced (WeChat property update).
            w.instance.data.i = JSON.parse(propJson);
            w.propJson = propJson;
          }
          visit((w.instance.data.i as Record<string, unknown> | undefined)?.cn, page);
        } else {
          visit(raw.cn, page);
        }
      }
    };
    for (const page of this.stack) if (page.alive) visit((page.instance.data.root as Record<string, unknown> | undefined)?.cn, page);
    for (const [sid, w] of this.wrappers) {
      if (seen.has(sid)) continue;
      this.wrappers.delete(sid);
      const config = this.componentConfigs.get(w.path);
      const detached = (config?.lifetimes as Record<string, unknown> | undefined)?.detached ?? config?.detached;
      if (typeof detached === 'function') (detached as Fn).call(w.instance);
    }
  }

  private attachWrapper(raw: Record<string, unknown>, propJson: string, page: PageRecord): WrapperRecord {
    const path = page.usingComponents['custom-wrapper'] ?? 'custom-wrapper';
    if (!this.componentConfigs.has(path)) this.require(path);
    const config = this.componentConfigs.get(path);
    if (!config) throw new Error(`${path}.js did not call Component()`);
    const instance = {} as Instance;
    for (const [k, v] of Object.entries((config.methods ?? {}) as Record<string, unknown>)) instance[k] = v;
    const defaults: Record<string, unknown> = {};
    for (const [k, v] of Object.entries((config.properties ?? {}) as Record<string, { value?: unknown }>)) defaults[k] = v?.value;
    instance.data = { ...JSON.parse(JSON.stringify(defaults)), ...(config.data ?? {}), i: JSON.parse(propJson), l: '' };
    const sid = String(raw.sid);
    const record: WrapperRecord = { sid, path, instance, page, propJson };
    Object.assign(instance, {
      is: path,
      id: typeof raw.uid === 'string' ? raw.uid : sid,
      properties: instance.data,
      props: instance.data,
      getPageId: () => `pageId:${page.webviewId}`,
      setData: (patch: Record<string, unknown>, cb?: unknown) => this.setData(page, record, patch, cb),
    });
    this.wrappers.set(sid, record);
    const attached = (config.lifetimes as Record<string, unknown> | undefined)?.attached ?? config.attached;
    if (typeof attached === 'function') (attached as Fn).call(instance);
    return record;
  }

  tree(page: PageRecord): HostNode[] {
    const root = page.instance.data.root as Record<string, unknown> | undefined;
    return buildTree(root?.cn, this.templates, page.instance, (sid) => {
      const w = this.wrappers.get(sid);
      return w ? { data: w.instance.data, owner: w.instance } : undefined;
    });
  }

  /** WeChat calls `eh` on the target and on every ancestor whose template binds the event (bubbling). */
  dispatch(node: HostNode, type: string, detail: Record<string, unknown>, bubbles: boolean): void {
    const info = (n: HostNode) => ({ id: n.id, offsetLeft: 0, offsetTop: 0, dataset: { sid: n.sid } });
    const path: HostNode[] = [];
    for (let n: HostNode | null = node; n; n = bubbles ? n.parent : null) path.push(n);
    for (const n of path) {
      const binding = n.events.get(type);
      if (!binding) continue;
      const event = this.guest({
        type,
        timeStamp: Math.round(this.now() % 1e9),
        target: info(node),
        currentTarget: info(n),
        detail,
        mark: {},
        mut: false,
        touches: [],
        changedTouches: [],
      });
      const owner = n.owner as Record<string, unknown>;
      const eh = owner.eh;
      if (typeof eh !== 'function') throw new Error(`no eh handler on the owner of #${n.id}`);
      (eh as Fn).call(owner, event);
      if (binding === 'catch') break;
    }
  }
}

/** A page of the simulated app, as a test sees it. */
export class PageHandle {
  constructor(
    private readonly host: MiniProgramHost,
    private readonly proc: AppProcess,
    private readonly record: PageRecord,
  ) {}

  /** The page route (`pages/index/index`). */
  get route(): string {
    return this.record.route;
  }

  /** The query the page was opened with. */
  get query(): Readonly<Record<string, string>> {
    return this.record.query;
  }

  /** The WeChat page instance (`this` of the Page). */
  get instance(): Record<string, unknown> {
    return this.record.instance;
  }

  /** False once the page was unloaded or its app process killed. */
  get alive(): boolean {
    return this.record.alive && !this.proc.killed;
  }

  private live(): AppProcess {
    if (this.proc.killed) throw new Error(`page ${this.route} belongs to a killed app process`);
    return this.proc;
  }

  /** The rendered tree (top-level nodes). */
  tree(): HostNode[] {
    return this.live().tree(this.record);
  }

  /** Every node, depth first. */
  nodes(): HostNode[] {
    return [...walk(this.tree())];
  }

  /** The node whose id (JSX `id`, else Taro sid) is `id`. */
  find(id: string): HostNode | undefined {
    return this.nodes().find((n) => n.id === id);
  }

  /** Like `find`, but throws with the ids on screen when missing. */
  get(id: string): HostNode {
    const n = this.find(id);
    if (!n) {
      const ids = this.nodes().filter((x) => x.hasUserId).map((x) => x.id);
      throw new Error(`#${id} is not on ${this.route}; ids on screen: ${ids.join(', ') || '(none)'}`);
    }
    return n;
  }

  /** Nodes matching a predicate. */
  findAll(predicate: (n: HostNode) => boolean): HostNode[] {
    return this.nodes().filter(predicate);
  }

  exists(id: string): boolean {
    return this.find(id) !== undefined;
  }

  /** Text inside the node `id`. */
  textOf(id: string): string {
    return textContent(this.get(id));
  }

  /** All text on the page, in document order. */
  allText(): string {
    return textContent(this.tree());
  }

  /** Rendered element count (text nodes excluded unless asked). */
  nodeCount(options: { includeText?: boolean } = {}): number {
    return this.nodes().filter((n) => options.includeText || n.tag !== '#text').length;
  }

  /** setData figures for this page: the Page itself, its custom-wrapper components, and both. */
  setDataStats(): { page: SetDataStat; components: SetDataStat; all: SetDataStat } {
    const mine = this.proc.setDataLog.filter((r) => r.route === this.route);
    return {
      page: statOf(mine.filter((r) => r.kind === 'page')),
      components: statOf(mine.filter((r) => r.kind === 'component')),
      all: statOf(mine),
    };
  }

  /** A user tap: `tap` (bubbling), then the button's open-type event; runs inside a gesture window. */
  async tap(id: string): Promise<void> {
    const proc = this.live();
    const node = this.get(id);
    let openTypes: string[] = [];
    proc.asGesture(() => {
      proc.dispatch(node, 'tap', { x: 0, y: 0 }, true);
      if (node.tag === 'button' && node.props.disabled !== true && typeof node.props['open-type'] === 'string') {
        openTypes = String(node.props['open-type']).split('|').filter(Boolean);
        if (openTypes.includes('agreePrivacyAuthorization')) {
          proc.double.agreeButtonTapped(node.id);
          proc.dispatch(node, 'agreeprivacyauthorization', {}, false);
        }
      }
    });
    if (openTypes.includes('openSetting') && typeof proc.double.wx.openSetting === 'function') {
      await this.openSettingFromButton(node);
    }
    if (openTypes.includes('getPhoneNumber')) {
      const access = await proc.double.componentAccess('button.getPhoneNumber');
      const detail = access.ok
        ? { errMsg: 'getPhoneNumber:ok', code: proc.double.nextPhoneCode() }
        : { errMsg: `getPhoneNumber:fail ${access.errMsg}`, ...(access.errno !== undefined ? { [proc.double.errnoField]: access.errno } : {}) };
      if (this.alive && this.exists(id)) proc.dispatch(this.get(id), 'getphonenumber', detail, false);
    }
    await proc.flush();
  }

  private async openSettingFromButton(node: HostNode): Promise<void> {
    const proc = this.live();
    await new Promise<void>((resolve) => {
      proc.asGesture(() => {
        (proc.double.wx.openSetting as Fn)({
          success: (res: { authSetting: unknown }) => {
            proc.dispatch(node, 'opensetting', { errMsg: 'openSetting:ok', authSetting: res.authSetting }, false);
            resolve();
          },
          fail: () => resolve(),
        });
      });
    });
  }

  /** Fires any event on a node (`bubbles` for touch-like events). */
  async trigger(id: string, type: string, detail: Record<string, unknown> = {}, options: { bubbles?: boolean; gesture?: boolean } = {}): Promise<void> {
    const proc = this.live();
    const node = this.get(id);
    const run = () => proc.dispatch(node, type, detail, options.bubbles ?? false);
    if (options.gesture) proc.asGesture(run);
    else run();
    await proc.flush();
  }

  /** Typing into an `<Input>` / `<Textarea>` (typing is not a tap: no gesture window). */
  async input(id: string, value: string): Promise<void> {
    await this.trigger(id, 'input', { value, cursor: value.length, keyCode: 0 });
  }

  /** A `change` event (`{ value }` for Switch, Checkbox group, Picker...). */
  async change(id: string, detail: Record<string, unknown>): Promise<void> {
    await this.trigger(id, 'change', detail, { gesture: true });
  }

  /** A `<ScrollView>` reached its end. */
  async scrollToLower(id: string): Promise<void> {
    await this.trigger(id, 'scrolltolower', { direction: 'bottom' });
  }

  /** The page itself was scrolled to its bottom (`onReachBottom`). */
  async reachBottom(): Promise<void> {
    const proc = this.live();
    callIfFn(this.record.instance, 'onReachBottom');
    await proc.flush();
  }

  /** The page was scrolled (`onPageScroll`). */
  async pageScroll(scrollTop: number): Promise<void> {
    const proc = this.live();
    callIfFn(this.record.instance, 'onPageScroll', { scrollTop });
    await proc.flush();
  }

  /** The host this page belongs to. */
  get app(): MiniProgramHost {
    return this.host;
  }
}

/**
 * The simulated client (WeChat, or Douyin with `TT_PLATFORM`) running one mini-program; see
 * harness.ts for the API overview.
 */
export class MiniProgramHost {
  private proc: AppProcess;
  private readonly previous: AppProcess[] = [];
  private readonly templates: ReadonlyMap<string, TemplateInfo>;
  private readonly files: ReadonlyMap<string, string>;
  readonly appJson: AppJson;
  readonly device: DeviceState;

  constructor(
    readonly distDir: string,
    private readonly options: LaunchOptions,
    snapshot?: ReadonlyMap<string, string>,
    readonly platform: HostPlatform = WEAPP_PLATFORM,
  ) {
    snapshot ??= snapshotDist(distDir, platform);
    const base = baseTemplateFile(platform);
    for (const required of ['app.js', 'app.json']) {
      if (!snapshot.has(required)) throw new Error(`incomplete ${platform.name} build in ${distDir}: ${required} is missing`);
    }
    if (!snapshot.has(base)) throw new Error(`${distDir} is not a ${platform.client} build: ${base} is missing`);
    checkBaseTemplate(platform, snapshot.get(base) ?? '', distDir);
    this.files = snapshot;
    this.appJson = JSON.parse(this.files.get('app.json') ?? '{}') as AppJson;
    this.templates = parseBaseTemplates(this.files.get(base) ?? '');
    const d = options.device as DeviceState | undefined;
    this.device = d && 'settings' in d && d.storage instanceof Map ? d : createDevice((options.device ?? {}) as DeviceOverrides, options.storage ?? {});
    this.proc = new AppProcess(distDir, this.files, this.appJson, this.templates, this.device, options, platform);
  }

  /** app.json's first page (the entry WeChat opens without a path). */
  get entryPage(): string {
    return this.appJson.pages[0];
  }

  /** Every page route of the build, main package and subpackages. */
  get routes(): string[] {
    return this.proc.allRoutes();
  }

  /** Every call the app made to its platform global (`wx`, `tt`) in the current app process. */
  get wxCalls(): readonly WxCall[] {
    return this.proc.double.calls;
  }

  /** Every `wx` call since the first launch, across relaunches. */
  get allWxCalls(): readonly WxCall[] {
    return [...this.previous.flatMap((p) => p.double.calls), ...this.proc.double.calls];
  }

  /** Calls of one API in the current process. */
  callsTo(name: string): WxCall[] {
    return this.proc.double.calls.filter((c) => c.name === name);
  }

  /** Privacy-gated calls the app made (held, passed or failed). */
  gatedCalls(): WxCall[] {
    return this.proc.double.calls.filter((c) => c.privacyGated);
  }

  /** Privacy-gated calls still held by the privacy framework. */
  heldCalls(): WxCall[] {
    return this.proc.double.heldCalls();
  }

  /** Scope prompts, the official privacy popup, OS prompts, modals, toasts the user saw. */
  get prompts(): readonly UserPrompt[] {
    return this.proc.double.prompts;
  }

  /** onNeedPrivacyAuthorization invocations and resolve() calls. */
  get privacyLog(): readonly PrivacyLogEntry[] {
    return this.proc.double.privacyLog;
  }

  /** Errors thrown from the app's timers and callbacks (also passed to App.onError). */
  get errors(): readonly unknown[] {
    return this.proc.errors;
  }

  /** The app's console output. */
  get console(): readonly ConsoleEntry[] {
    return this.proc.consoleLog;
  }

  /** Storage as the app would read it back (values parsed). */
  storage(): Record<string, unknown> {
    return Object.fromEntries([...this.device.storage].map(([k, v]) => [k, JSON.parse(v) as unknown]));
  }

  /** Every setData of the current process. */
  get setDataLog(): readonly SetDataRecord[] {
    return this.proc.setDataLog;
  }

  /** setData figures per owner (`page:<route>`, `component:<path>#<sid>`). */
  setDataStats(): Record<string, SetDataStat & { kind: 'page' | 'component'; route: string }> {
    const out: Record<string, SetDataStat & { kind: 'page' | 'component'; route: string }> = {};
    const owners = new Map<string, SetDataRecord[]>();
    for (const r of this.proc.setDataLog) owners.set(r.owner, [...(owners.get(r.owner) ?? []), r]);
    for (const [owner, records] of owners) out[owner] = { ...statOf(records), kind: records[0].kind, route: records[0].route };
    return out;
  }

  /** Opens a page: the first call launches the app (App onLaunch/onShow with this path); later calls push it like navigateTo. */
  async openPage(route: string = this.entryPage, options: { query?: Record<string, string> } = {}): Promise<PageHandle> {
    const clean = route.replace(/^\//, '');
    const record = await this.proc.pushPage(clean, options.query ?? {}, true);
    return new PageHandle(this, this.proc, record);
  }

  /** The page on top of the stack. */
  currentPage(): PageHandle {
    const top = this.proc.top();
    if (!top) throw new Error('no page is open');
    return new PageHandle(this, this.proc, top);
  }

  /** The page stack, bottom first. */
  pages(): PageHandle[] {
    return this.proc.stack.map((r) => new PageHandle(this, this.proc, r));
  }

  /** Rendered element count of a page (default: the current page). */
  nodeCount(page: PageHandle = this.currentPage(), options: { includeText?: boolean } = {}): number {
    return page.nodeCount(options);
  }

  /** Lets timers due soon, wx callbacks, renders and in-flight HTTP settle. */
  async flush(options: { maxMs?: number; timersWithinMs?: number } = {}): Promise<void> {
    await this.proc.flush(options.maxMs, options.timersWithinMs);
  }

  /** Flushes until `predicate` holds (e.g. a server answer rendered); throws after `timeoutMs`. */
  async waitFor(predicate: () => boolean, options: { timeoutMs?: number; what?: string } = {}): Promise<void> {
    const deadline = Date.now() + (options.timeoutMs ?? 5000);
    for (;;) {
      await this.proc.flush(200);
      if (predicate()) return;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${options.what ?? 'the condition'}`);
      await new Promise((r) => setTimeout(r, 10));
    }
  }

  /**
   * Fires now, in due order, the app's timeouts due within `withinMs` (retries, debounces), then
   * flushes. Returns how many ran. The app's `Date` moves only if the test moves its `clock`.
   */
  async runTimers(options: { withinMs: number }): Promise<number> {
    return this.proc.runTimersWithin(options.withinMs);
  }

  /** The app goes to the background: page onHide, then App onHide. */
  async hide(): Promise<void> {
    const top = this.proc.top();
    if (top) callIfFn(top.instance, 'onHide');
    this.proc.appHide();
    await this.proc.flush();
  }

  /** The app comes back: App onShow, then page onShow. */
  async show(): Promise<void> {
    this.proc.appShow();
    const top = this.proc.top();
    if (top) callIfFn(top.instance, 'onShow');
    await this.proc.flush();
  }

  /** Kills the app process (no lifecycles run, in-flight requests dropped) and starts a fresh one on the same device. */
  async relaunch(): Promise<this> {
    this.proc.kill();
    this.previous.push(this.proc);
    this.proc = new AppProcess(this.distDir, this.files, this.appJson, this.templates, this.device, this.options, this.platform);
    return this;
  }

  /** Kills the app process for good (call in afterEach). */
  close(): void {
    this.proc.kill();
  }
}

/** The WeChat host: what every weapp suite launches. */
export const WeappHost = MiniProgramHost;
export type WeappHost = MiniProgramHost;

/** Resolves the dist dir to use: an explicit one, or the build of this test run. */
export function resolveDistDir(distDir: string | undefined, build: () => string, platform: HostPlatform = WEAPP_PLATFORM): string {
  const dir = distDir ?? build();
  if (!existsSync(join(dir, 'app.json'))) throw new Error(`no ${platform.name} build in ${dir}`);
  return dirname(join(dir, 'app.json'));
}
