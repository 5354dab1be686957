/**
 * Account cancellation in a production mini-program build (weapp, tt) against the real backend
 * (PGlite in memory, fake WeChat and Douyin code2Session servers): regulator item 9; what the page
 * says before anything is asked; signed out, the way back to the account. Requests to the API
 * domain go through a small proxy that can hold or drop the cancellation answer after the server
 * has acted. Each host's suite (weapp/app/cancellation.test.ts, tt/app/cancellation.test.ts) runs
 * these journeys with its own launcher.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { RunningServer } from '../../../server/src/index';
import { startFakeDouyin, type FakeDouyin } from '../../../server/test/fakeDouyin';
import { startFakeWechat, type FakeWechat } from '../../../server/test/fakeWechat';
import type { MiniProgramHost, PageHandle } from '../harness';
import { DOUYIN, openCentre, startBackend, WECHAT } from './shopper';
import { AFTER_CANCELLATION } from '../../../src/shop/privacy-content/retention';

/** The host a suite runs the journeys on. */
export interface CancellationHost {
  /** Launches the build as the platform user `openid`, its API requests routed to `apiUrl`. */
  launch(apiUrl: string, openid: string): Promise<MiniProgramHost>;
  /** The `platform` of the backend's POST /v1/sessions for this host's login codes (omitted for WeChat). */
  loginPlatform?: 'tt';
  /** What the closing note after the purge says on this platform (and must not say). */
  deletedNote: { contains: string; lacks?: string };
}

/** Defines the cancellation journeys (call at the top level of a test file). */
export function cancellationJourneys(platform: CancellationHost): void {

  /** What the proxy does with the next POST /v1/me/cancellation answer. */
  type Mode = 'pass' | 'hold' | 'drop';

  let wechat: FakeWechat;
  let douyin: FakeDouyin;
  let server: RunningServer;
  let proxy: http.Server;
  let proxyUrl: string;
  /** Where the proxy forwards: the short cooling-off server, or one with a long cooling-off. */
  let upstream = '';
  let mode: Mode = 'pass';
  let cancellationPosts = 0;
  let host: MiniProgramHost | undefined;

  const backend = (coolingOffSeconds: number) => startBackend(wechat.url, { coolingOffSeconds, purgeIntervalSeconds: 1, douyinUrl: douyin.url });
  /** POST /v1/sessions body for the platform user `openid`. */
  const sessionBody = (openid: string): string => JSON.stringify({ code: `ok:${openid}`, ...(platform.loginPlatform ? { platform: platform.loginPlatform } : {}) });

  beforeAll(async () => {
    wechat = await startFakeWechat(WECHAT);
    douyin = await startFakeDouyin(DOUYIN);
    server = await backend(3);
    upstream = server.url;
    proxy = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const isCancel = req.method === 'POST' && (req.url ?? '').split('?')[0] === '/v1/me/cancellation';
        if (isCancel) cancellationPosts += 1;
        const up = http.request(upstream + (req.url ?? '/'), { method: req.method, headers: req.headers }, (upRes) => {
          const body: Buffer[] = [];
          upRes.on('data', (c: Buffer) => body.push(c));
          upRes.on('end', () => {
            // The server has acted; the answer is then delivered, held (app killed meanwhile) or dropped.
            if (isCancel && mode === 'hold') return;
            if (isCancel && mode === 'drop') {
              mode = 'pass';
              return void req.socket.destroy();
            }
            res.writeHead(upRes.statusCode ?? 502, upRes.headers);
            res.end(Buffer.concat(body));
          });
        });
        up.end(Buffer.concat(chunks));
      });
    });
    await new Promise<void>((r) => proxy.listen(0, '127.0.0.1', r));
    proxyUrl = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    proxy.closeAllConnections();
    await new Promise<void>((r) => proxy.close(() => r()));
    await server.close();
    await douyin.close();
    await wechat.close();
  });

  beforeEach(() => {
    upstream = server.url;
    mode = 'pass';
    cancellationPosts = 0;
  });
  afterEach(() => host?.close());

  /** Agrees, registers (fresh WeChat user per test) and opens the cancellation page through "me" → centre. */
  async function signedInAtCancel(openid: string): Promise<PageHandle> {
    host = await platform.launch(proxyUrl, openid);
    const centre = await openCentre(host);
    await centre.tap('centre-cancel-account');
    await host.flush();
    const cancel = host.currentPage()!;
    expect(cancel.route).toBe('privacy-pages/cancel/index');
    return cancel;
  }

  function storedSession(): { token: string; userId: string } {
    const raw = host!.storage()['privacy.session'];
    return (typeof raw === 'string' ? JSON.parse(raw) : raw) as { token: string; userId: string };
  }

  async function confirmAndSubmit(page: PageHandle): Promise<void> {
    await page.change('cancel-confirm', { value: true });
    await host!.flush();
    await page.tap('cancel-submit');
  }

  async function serverStatus(openid: string, base = server.url): Promise<{ status: number; body: { status?: string } }> {
    const login = await fetch(`${base}/v1/sessions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: sessionBody(openid) });
    const { token } = (await login.json()) as { token: string };
    const res = await fetch(`${base}/v1/me/cancellation`, { headers: { authorization: `Bearer ${token}` } });
    // No request at all is a 204 with no body.
    return { status: res.status, body: res.status === 204 ? {} : ((await res.json()) as { status?: string }) };
  }

  test('full flow: plain words, unticked confirmation, fresh login code, pending with cooling-off end in China time', async () => {
    const page = await signedInAtCancel('full-flow');
    expect(page.textOf('cancel-explanation')).toContain('其他平台');
    expect(page.textOf('cancel-explanation')).toContain('15 天内完成注销');
    expect(page.textOf('cancel-kept-transactions')).toContain('交易、支付、物流');
    expect(page.find('cancel-confirm')?.props.checked).not.toBe(true);
    // Not confirmed: nothing is sent.
    await page.tap('cancel-submit');
    await host!.flush();
    expect(cancellationPosts).toBe(0);
    const codesBefore = host!.callsTo('login').length;
    await page.input('cancel-reason', '不再使用');
    await confirmAndSubmit(page);
    await host!.waitFor(() => page.exists('cancel-status'), { what: 'status screen' });
    expect(host!.callsTo('login').length).toBe(codesBefore + 1);
    expect(page.textOf('cancel-status-text')).toContain('冷静期');
    expect(page.textOf('cancel-cooling-off-end')).toContain('北京时间');
    expect(cancellationPosts).toBe(1);
    expect((await serverStatus('full-flow')).body.status).toBe('pending');
    expect(host!.errors).toEqual([]);
  });

  test('before anything is asked: the cooling-off length the server applies, the overseas recipient told to delete, and each record still kept with how, why and how long', async () => {
    const page = await signedInAtCancel('kept-before');
    // The server's cooling-off (3 s here), read before the request.
    await host!.waitFor(() => page.textOf('cancel-explanation').includes('提交后有 3 秒的冷静期'), { what: 'cooling-off length' });
    expect(page.textOf('cancel-explanation')).toContain('注销时我们会通知境外接收方');
    for (const kept of AFTER_CANCELLATION) {
      const text = page.textOf(`cancel-kept-${kept.id}`);
      expect(text).toContain(kept.category.zh);
      expect(text).toContain(`保留原因：${kept.basis.zh}`);
      expect(text).toContain(`保存期限：${kept.period.zh}`);
    }
    expect(page.textOf('cancel-kept-consent-records')).toContain('这是去标识化，而非匿名化');
    // Nothing was sent to ask for it.
    expect(cancellationPosts).toBe(0);
    expect(host!.errors).toEqual([]);
  });

  test('signed out, the page offers signing in, and the member is back at the form with one tap', async () => {
    await signedInAtCancel('signed-out-at-cancel');
    const userId = storedSession().userId;
    const centre = await host!.openPage('privacy-pages/centre/index');
    await host!.flush();
    await centre.tap('centre-sign-out');
    await host!.waitFor(() => centre.exists('centre-sign-in'), { what: 'signed out' });
    const cancel = await host!.openPage('privacy-pages/cancel/index');
    await host!.flush();
    expect(cancel.exists('cancel-signed-out')).toBe(true);
    expect(cancel.exists('cancel-submit')).toBe(false);
    await cancel.tap('cancel-account-sign-in');
    await host!.waitFor(() => cancel.exists('cancel-submit'), { what: 'the form after signing in' });
    expect(storedSession().userId).toBe(userId);
    expect(host!.errors).toEqual([]);
  });

  test('double tap on submit creates one request', async () => {
    const page = await signedInAtCancel('double-tap');
    await page.change('cancel-confirm', { value: true });
    await host!.flush();
    await Promise.all([page.tap('cancel-submit'), page.tap('cancel-submit')]);
    await host!.waitFor(() => page.exists('cancel-status'), { what: 'status screen' });
    expect(cancellationPosts).toBe(1);
  });

  test('network loss after the server acted: clear message, retry with the same key, one request', async () => {
    const page = await signedInAtCancel('network-loss');
    mode = 'drop';
    await confirmAndSubmit(page);
    await host!.waitFor(() => page.exists('cancel-problem'), { what: 'network message' });
    expect(page.textOf('cancel-problem')).toContain('网络');
    await page.tap('cancel-retry');
    await host!.waitFor(() => page.exists('cancel-status'), { what: 'status after retry' });
    expect(cancellationPosts).toBe(2);
    const keys = host!.callsTo('request').map((c) => (c.args[0] as { url: string; header?: Record<string, string> })).filter((a) => a.url.endsWith('/v1/me/cancellation') && a.header?.['Idempotency-Key']).map((a) => a.header!['Idempotency-Key']);
    expect(new Set(keys).size).toBe(1);
    expect((await serverStatus('network-loss')).body.status).toBe('pending');
  });

  test('killed between request and answer, then relaunched: one request, pending shown at launch', async () => {
    // A long cooling-off: the purge must not finish while the app is away.
    const slow = await backend(600);
    upstream = slow.url;
    try {
      await killedMidRequest(slow);
    } finally {
      await slow.close();
    }
  });

  async function killedMidRequest(slow: RunningServer): Promise<void> {
    const page = await signedInAtCancel('killed');
    mode = 'hold';
    await confirmAndSubmit(page);
    await host!.waitFor(() => cancellationPosts === 1, { what: 'request on the wire' });
    await new Promise((r) => setTimeout(r, 300));
    await host!.relaunch();
    mode = 'pass';
    const home = await host!.openPage();
    await host!.flush();
    await host!.waitFor(() => home.exists('cancellation-launch-notice'), { what: 'launch notice' });
    expect(home.textOf('cancellation-launch-notice')).toContain('冷静期');
    await home.tap('cancellation-launch-view');
    await host!.flush();
    const status = host!.currentPage()!;
    await host!.waitFor(() => status.exists('cancel-status'), { what: 'status page' });
    expect(status.textOf('cancel-status-text')).toContain('冷静期');
    expect(cancellationPosts).toBe(1);
    expect((await serverStatus('killed', slow.url)).body.status).toBe('pending');
  }

  test('undo during the cooling-off period', async () => {
    const page = await signedInAtCancel('undo');
    await confirmAndSubmit(page);
    await host!.waitFor(() => page.exists('cancel-undo'), { what: 'undo button' });
    // The undo is re-authenticated like the request: it takes a fresh wx.login code.
    const logins = host!.callsTo('login').length;
    await page.tap('cancel-undo');
    await host!.waitFor(() => page.exists('cancel-withdrawn'), { what: 'withdrawn' });
    expect(host!.callsTo('login').length).toBe(logins + 1);
    expect((await serverStatus('undo')).body.status).toBe('withdrawn');
  });

  test('purge completion: at the next launch the 410 wipes ledger, session and cancellation; the note is shown', async () => {
    const page = await signedInAtCancel('purged');
    await confirmAndSubmit(page);
    await host!.waitFor(() => page.exists('cancel-status'), { what: 'pending' });
    const raw = host!.storage()['privacy.session'];
    const session = (typeof raw === 'string' ? JSON.parse(raw) : raw) as { token: string; userId: string };
    expect(session.token).toEqual(expect.any(String));
    // Cooling-off 3 s, purge every second.
    const deadline = Date.now() + 20_000;
    for (;;) {
      const st = await serverStatus('purged').catch(() => null);
      // A new sign-in by the same WeChat user starts an empty account: no request at all.
      if (st && st.status === 204) break;
      if (Date.now() > deadline) throw new Error('purge did not complete');
      await new Promise((r) => setTimeout(r, 500));
    }
    await host!.relaunch();
    const home = await host!.openPage();
    await host!.waitFor(() => home.exists('cancellation-deleted-note'), { what: 'closing note' });
    expect(home.textOf('cancellation-deleted-note')).toContain(platform.deletedNote.contains);
    if (platform.deletedNote.lacks) expect(home.textOf('cancellation-deleted-note')).not.toContain(platform.deletedNote.lacks);
    const keys = Object.keys(host!.storage());
    for (const gone of ['session', 'ledger', 'cancellation', 'outbox']) expect(keys.filter((k) => k.includes(gone))).toEqual([]);
    expect(home.exists('privacy-sheet')).toBe(false);

    // Server side: the old token gets 410 and no export; consent proofs remain under a keyed pseudonym only.
    const old = await fetch(`${server.url}/v1/me/export`, { headers: { authorization: `Bearer ${session.token}` } });
    expect(old.status).toBe(410);
    expect(((await old.json()) as { error: { code: string } }).error.code).toBe('ACCOUNT_DELETED');
    const db = server.app.database.db;
    const proofs = await db.selectFrom('consent_events').select(['user_id', 'purpose', 'value']).where('subject_hash', '=', server.app.pseudonyms.user(session.userId)).execute();
    expect(proofs.length).toBeGreaterThan(0);
    expect(proofs.every((p) => p.user_id === null)).toBe(true);
    expect(await db.selectFrom('users').select('id').where('id', '=', session.userId).execute()).toEqual([]);
    // A new sign-in by the same WeChat user starts an empty account.
    const again = (await (await fetch(`${server.url}/v1/sessions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: sessionBody('purged') })).json()) as { token: string; userId: string };
    expect(again.userId).not.toBe(session.userId);
    const fresh = (await (await fetch(`${server.url}/v1/me/export`, { headers: { authorization: `Bearer ${again.token}` } })).json()) as { consents: { events: unknown[] }; cancellationRequests: unknown[] };
    expect(fresh.consents.events).toEqual([]);
    expect(fresh.cancellationRequests).toEqual([]);
  });
}
