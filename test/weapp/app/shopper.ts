/**
 * What the app suites of both mini-program hosts (weapp, tt) share: the backend with fake WeChat
 * and Douyin code2Session servers, and a shopper's way in. The page helpers work on either host.
 */
import { startServer, type RunningServer } from '../../../server/src/index';
import { startFakeDouyin, TEST_DOUYIN, type FakeDouyin } from '../../../server/test/fakeDouyin';
import { startFakeWechat, type FakeWechat } from '../../../server/test/fakeWechat';
import type { TtLaunchOptions } from '../../tt/harness';
import type { LaunchOptions, PageHandle, WeappHost, WxOptions } from '../harness';

/** The API origin baked into the weapp build (routed to the local backend by the harness). */
export const API = 'https://api.maison.example';
/** The app credentials the fake WeChat checks. */
export const WECHAT = Object.freeze({ appId: 'wx-test-app', secret: 'test-secret' });

/** The Douyin app credentials the fake Douyin checks. */
export const DOUYIN = TEST_DOUYIN;

/** Backend settings a suite may change. */
export interface BackendOptions {
  coolingOffSeconds?: number;
  purgeIntervalSeconds?: number;
  /** A fake Douyin's origin: Douyin sign-in (`platform: 'tt'`) is on, exchanging codes there. */
  douyinUrl?: string;
}

/** The real backend on PGlite in memory, signing in through the fake WeChat at `wechatUrl` (and the fake Douyin at `douyinUrl`). */
export function startBackend(wechatUrl: string, options: BackendOptions = {}): Promise<RunningServer> {
  const douyin = options.douyinUrl ? { DOUYIN_APP_ID: DOUYIN.appId, DOUYIN_APP_SECRET: DOUYIN.secret, DOUYIN_API_BASE: options.douyinUrl } : {};
  return startServer({
    port: 0,
    dataDir: null,
    devLogin: false,
    wechatApiBase: wechatUrl,
    coolingOffSeconds: options.coolingOffSeconds,
    purgeIntervalSeconds: options.purgeIntervalSeconds ?? 0,
    logLevel: 'silent',
    env: { ...process.env, NODE_ENV: 'test', WECHAT_APP_ID: WECHAT.appId, WECHAT_APP_SECRET: WECHAT.secret, ...douyin, RATE_LIMIT_WRITES_PER_MINUTE: '100000', RATE_LIMIT_LOGIN_PER_MINUTE: '100000' },
  });
}

/**
 * The suite's fake WeChat, fake Douyin and backend: started before its first test, stopped after
 * its last. `url` is the backend's origin once started.
 */
export function useBackend(options: Omit<BackendOptions, 'douyinUrl'> = {}): { readonly url: string } {
  let wechat: FakeWechat | undefined;
  let douyin: FakeDouyin | undefined;
  let server: RunningServer | undefined;
  beforeAll(async () => {
    wechat = await startFakeWechat(WECHAT);
    douyin = await startFakeDouyin(DOUYIN);
    server = await startBackend(wechat.url, { ...options, douyinUrl: douyin.url });
  });
  afterAll(async () => {
    await server?.close();
    await douyin?.close();
    await wechat?.close();
  });
  return {
    get url() {
      if (!server) throw new Error('the backend is used before beforeAll started it');
      return server.url;
    },
  };
}

/**
 * Launch options for a shopper who signs in through `backend` as the WeChat (or, with `'tt'`,
 * Douyin) user `openid`: `wx.login` / `tt.login` returns `ok:<openid>`, which the fake
 * code2Session accepts.
 */
export function asShopper(backend: { readonly url: string }, openid: string, options?: LaunchOptions): LaunchOptions;
export function asShopper(backend: { readonly url: string }, openid: string, options: TtLaunchOptions, platform: 'tt'): TtLaunchOptions;
export function asShopper(backend: { readonly url: string }, openid: string, options: LaunchOptions | TtLaunchOptions = {}, platform: 'weapp' | 'tt' = 'weapp'): LaunchOptions | TtLaunchOptions {
  const key = platform === 'tt' ? 'ttOptions' : 'wxOptions';
  const doubleOptions = (options as Record<string, WxOptions | undefined>)[key];
  return {
    ...options,
    httpRoutes: { ...options.httpRoutes, [API]: backend.url },
    [key]: { ...doubleOptions, login: () => `ok:${openid}` },
  };
}

/** From a fresh launch: agrees to the policy on the home page's sheet; returns home. */
export async function agreeOnHome(host: WeappHost): Promise<PageHandle> {
  const home = await host.openPage();
  await host.flush();
  await home.tap('privacy-agree');
  await host.flush();
  if (home.exists('privacy-sheet')) throw new Error('the policy sheet is still open after agreeing');
  return home;
}

/** With the policy agreed: opens "me" and registers as an adult (born May 1990); returns "me", signed in. */
export async function registerOnMe(host: WeappHost): Promise<PageHandle> {
  const me = await host.openPage('pages/me/index');
  await host.flush();
  await me.input('birth-year', '1990');
  await me.input('birth-month', '5');
  await me.tap('register');
  await host.waitFor(() => me.exists('member-badge'), { what: 'signed in' });
  return me;
}

/** From a fresh launch: agrees on home, then registers on "me"; returns "me", signed in. */
export async function agreeAndRegister(host: WeappHost): Promise<PageHandle> {
  await agreeOnHome(host);
  return registerOnMe(host);
}

/**
 * On "me", signed in: "Book an authorised dealer", then the dealer (`dealerId`) and the first day
 * offered, then "confirm": the dealer-sharing consent sheet is next (waited for).
 */
export async function bookDealer(host: WeappHost, me: PageHandle, dealerId = 'dealer-shanghai-1'): Promise<void> {
  await me.tap('book-dealer');
  await host.flush();
  await me.tap(`dealer-${dealerId}`);
  // The days are `dealer-day-<date>`; `dealer-day-title` is their heading.
  const [day] = me.findAll((n) => /^dealer-day-\d{4}-\d{2}-\d{2}$/.test(n.id));
  if (!day) throw new Error('no appointment day is offered');
  await me.tap(day.id);
  // Nothing is shared before the shopper has chosen: no sheet yet.
  if (me.exists('consent-sheet')) throw new Error('the dealer sheet opened before the dealer and day were confirmed');
  await me.tap('dealer-confirm');
  await host.waitFor(() => me.exists('consent-sheet'), { what: 'dealer sheet' });
}

/** From a fresh launch: agrees, registers as an adult (unless `register` is false) and opens the privacy centre from "me". */
export async function openCentre(host: WeappHost, register = true): Promise<PageHandle> {
  await agreeOnHome(host);
  let me: PageHandle;
  if (register) me = await registerOnMe(host);
  else {
    me = await host.openPage('pages/me/index');
    await host.flush();
  }
  // One tap from "me" (two from home).
  await me.tap('me-privacy-centre');
  await host.flush();
  const centre = host.currentPage()!;
  if (centre.route !== 'privacy-pages/centre/index') throw new Error(`expected the privacy centre, got ${centre.route}`);
  return centre;
}
