/**
 * Signing out from the privacy centre in the production weapp build against the real backend: on
 * this device, everywhere, and offline (the sign-out is kept and reaches the server at the next
 * launch, so the session does not stay valid there); and signing in again with one tap, to the same
 * account, without the age question. `wx.request` to the API domain goes through a
 * proxy that can refuse connections, as a phone without network does.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { launchWeapp, type WeappHost } from '../harness';
import { API, openCentre, useBackend } from './shopper';

jest.setTimeout(240_000);

const backend = useBackend();
let proxy: http.Server;
let proxyUrl: string;
let offline = false;
let host: WeappHost | undefined;

beforeAll(async () => {
  proxy = http.createServer((req, res) => {
    if (offline) return void req.socket.destroy();
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const up = http.request(backend.url + (req.url ?? '/'), { method: req.method, headers: req.headers }, (upRes) => {
        res.writeHead(upRes.statusCode ?? 502, upRes.headers);
        upRes.pipe(res);
      });
      up.end(Buffer.concat(chunks));
    });
  });
  await new Promise<void>((r) => proxy.listen(0, '127.0.0.1', r));
  proxyUrl = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((r) => proxy.close(r));
});
afterEach(() => {
  offline = false;
  host?.close();
});

/** Whether the server still accepts a session token. */
async function live(token: string): Promise<boolean> {
  const res = await fetch(`${backend.url}/v1/me/consents`, { headers: { authorization: `Bearer ${token}` } });
  if (res.status !== 200 && res.status !== 401) throw new Error(`unexpected ${res.status}`);
  return res.status === 200;
}

/** A second device of the same WeChat user. */
async function otherDevice(openid: string): Promise<string> {
  const res = await fetch(`${backend.url}/v1/sessions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code: `ok:${openid}` }) });
  return ((await res.json()) as { token: string }).token;
}

function storedSession(): { token: string; userId: string } {
  const raw = host!.storage()['privacy.session'];
  return (typeof raw === 'string' ? JSON.parse(raw) : raw) as { token: string; userId: string };
}

function storedToken(): string {
  return storedSession().token;
}

async function centreOf(openid: string) {
  host = await launchWeapp({ httpRoutes: { [API]: proxyUrl }, wxOptions: { login: () => `ok:${openid}` } });
  return openCentre(host);
}

test('"sign out" ends this session on the server and forgets it here; other devices stay signed in', async () => {
  const centre = await centreOf('signout-here');
  const token = storedToken();
  const tablet = await otherDevice('signout-here');
  await centre.tap('centre-sign-out');
  await host!.waitFor(() => centre.allText().includes('已退出登录。'), { what: 'signed-out note' });
  expect(host!.storage()['privacy.session']).toBeUndefined();
  expect(await live(token)).toBe(false);
  expect(await live(tablet)).toBe(true);
  expect(host!.errors).toEqual([]);
});

test('"sign out on all devices" ends every session of the shopper', async () => {
  const centre = await centreOf('signout-all');
  const token = storedToken();
  const tablet = await otherDevice('signout-all');
  const stranger = await otherDevice('signout-stranger');
  await centre.tap('centre-sign-out-everywhere');
  await host!.waitFor(() => centre.allText().includes('已退出登录。'), { what: 'signed-out note' });
  expect(await live(token)).toBe(false);
  expect(await live(tablet)).toBe(false);
  expect(await live(stranger)).toBe(true);
});

test('offline: signed out here at once, and the server session ends at the next launch', async () => {
  const centre = await centreOf('signout-offline');
  const token = storedToken();
  offline = true;
  await centre.tap('centre-sign-out');
  await host!.waitFor(() => centre.allText().includes('网络恢复后'), { what: 'queued sign-out note' });
  expect(host!.storage()['privacy.session']).toBeUndefined();
  expect(host!.storage()['privacy.signOuts']).toBeDefined();
  // The server has not heard of it yet.
  expect(await live(token)).toBe(true);

  // Killed and started again with network: the sign-out goes out in the background.
  offline = false;
  await host!.relaunch();
  await host!.openPage();
  const deadline = Date.now() + 20_000;
  while (await live(token)) {
    if (Date.now() > deadline) throw new Error('the server session is still valid after the relaunch');
    await host!.flush();
    await new Promise((r) => setTimeout(r, 100));
  }
  await host!.waitFor(() => host!.storage()['privacy.signOuts'] === undefined, { what: 'pending sign-out cleared' });
  expect(host!.errors).toEqual([]);
});

test('signed out, one tap signs the member in again to the same account: no birth date asked, their history back', async () => {
  const centre = await centreOf('signout-again');
  const first = storedSession();
  await centre.tap('centre-sign-out');
  await host!.waitFor(() => centre.allText().includes('已退出登录。'), { what: 'signed-out note' });
  // The centre offers the account back at once.
  await host!.waitFor(() => centre.exists('centre-sign-in'), { what: 'sign-in in the centre' });

  // Killed and launched again: the phone still knows the member, "me" asks no birth date.
  await host!.relaunch();
  const me = await host!.openPage('pages/me/index');
  await host!.flush();
  expect(me.exists('returning-member')).toBe(true);
  expect(me.exists('birth-year')).toBe(false);
  const codes = host!.callsTo('login').length;
  await me.tap('member-sign-in');
  await host!.waitFor(() => me.exists('member-badge'), { what: 'signed in again' });
  // One fresh wx.login code, exchanged for a session of the same account.
  expect(host!.callsTo('login').length).toBe(codes + 1);
  const again = storedSession();
  expect(again.userId).toBe(first.userId);
  expect(again.token).not.toBe(first.token);
  expect(await live(again.token)).toBe(true);
  // The same account: the policy agreement made at the first launch is in its history on the server.
  const history = (await (await fetch(`${backend.url}/v1/me/consents`, { headers: { authorization: `Bearer ${again.token}` } })).json()) as { events: { kind: string; value: string }[] };
  expect(history.events).toEqual(expect.arrayContaining([expect.objectContaining({ kind: 'policy', value: 'accepted' })]));
  expect(host!.errors).toEqual([]);
});
