/** What the weapp app suites share: the backend with a fake code2Session, and a shopper's way in. */
import { startServer, type RunningServer } from '../../../server/src/index';
import { startFakeWechat, type FakeWechat } from '../../../server/test/fakeWechat';
import type { PageHandle, WeappHost } from '../harness';

/** The API origin baked into the weapp build (routed to the local backend by the harness). */
export const API = 'https://api.maison.example';
/** The app credentials the fake WeChat checks. */
export const WECHAT = Object.freeze({ appId: 'wx-test-app', secret: 'test-secret' });

/** The real backend on PGlite in memory, signing in through the fake WeChat at `wechatUrl`. */
export function startBackend(wechatUrl: string, options: { coolingOffSeconds?: number; purgeIntervalSeconds?: number } = {}): Promise<RunningServer> {
  return startServer({
    port: 0,
    dataDir: null,
    devLogin: false,
    wechatApiBase: wechatUrl,
    coolingOffSeconds: options.coolingOffSeconds,
    purgeIntervalSeconds: options.purgeIntervalSeconds ?? 0,
    logLevel: 'silent',
    env: { ...process.env, NODE_ENV: 'test', WECHAT_APP_ID: WECHAT.appId, WECHAT_APP_SECRET: WECHAT.secret, RATE_LIMIT_WRITES_PER_MINUTE: '100000', RATE_LIMIT_LOGIN_PER_MINUTE: '100000' },
  });
}

/**
 * The suite's fake WeChat and backend: started before its first test, stopped after its last.
 * `url` is the backend's origin once started.
 */
export function useBackend(options: { coolingOffSeconds?: number; purgeIntervalSeconds?: number } = {}): { readonly url: string } {
  let wechat: FakeWechat | undefined;
  let server: RunningServer | undefined;
  beforeAll(async () => {
    wechat = await startFakeWechat(WECHAT);
    server = await startBackend(wechat.url, options);
  });
  afterAll(async () => {
    await server?.close();
    await wechat?.close();
  });
  return {
    get url() {
      if (!server) throw new Error('the backend is used before beforeAll started it');
      return server.url;
    },
  };
}

/** From a fresh launch: agrees, registers as an adult (unless `register` is false) and opens the privacy centre from "me". */
export async function openCentre(host: WeappHost, register = true): Promise<PageHandle> {
  const home = await host.openPage();
  await host.flush();
  await home.tap('privacy-agree');
  await host.flush();
  const me = await host.openPage('pages/me/index');
  await host.flush();
  if (register) {
    await me.input('birth-year', '1990');
    await me.input('birth-month', '5');
    await me.tap('register');
    await host.waitFor(() => me.exists('member-badge'), { what: 'signed in' });
  }
  // One tap from "me" (two from home).
  await me.tap('me-privacy-centre');
  await host.flush();
  const centre = host.currentPage()!;
  if (centre.route !== 'privacy-pages/centre/index') throw new Error(`expected the privacy centre, got ${centre.route}`);
  return centre;
}
