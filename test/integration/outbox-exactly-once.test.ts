/**
 * The consent outbox against the real backend (PGlite) through a proxy that lets the server commit
 * and then drops the answer, plus app restarts mid-sync: every event is stored exactly once, in
 * order, and the server's state equals the reduction of the device's decisions.
 */
import { appPurposes } from '@maison/privacy/config';
import { SHOP_PRIVACY } from '../../src/shop/privacy-content';

const CONSENT_PURPOSES = appPurposes(SHOP_PRIVACY);
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { startServer, type RunningServer } from '../../server/src';
import { reduceLedger } from '@maison/privacy/contract';
import { ConsentStore, createFetchHttp, PrivacyApi } from '@maison/privacy/client';
import { ManualClock, MemoryStorage, SequentialIds, seededRandom } from '@maison/privacy/testing';

jest.setTimeout(120_000);

/** Forwards to the server; for chosen requests it waits for the server's answer, then drops it. */
function lossyProxy(target: string, shouldDrop: (req: http.IncomingMessage, n: number) => boolean) {
  let n = 0;
  const dropped: number[] = [];
  const server = http.createServer((req, res) => {
    const index = n++;
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const upstream = http.request(`${target}${req.url}`, { method: req.method, headers: req.headers }, (up) => {
        const body: Buffer[] = [];
        up.on('data', (c: Buffer) => body.push(c));
        up.on('end', () => {
          if (shouldDrop(req, index)) {
            dropped.push(index);
            res.socket?.destroy(); // committed on the server, lost on the way back
            return;
          }
          res.writeHead(up.statusCode ?? 502, up.headers);
          res.end(Buffer.concat(body));
        });
      });
      upstream.end(Buffer.concat(chunks));
    });
  });
  return {
    dropped,
    listen: () => new Promise<string>((resolve) => server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`))),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

let backend: RunningServer;
beforeAll(async () => {
  backend = await startServer({ port: 0, dataDir: null, devLogin: true, logLevel: 'silent', purgeIntervalSeconds: 0, env: { ...process.env, NODE_ENV: 'test' } });
});
afterAll(async () => backend?.close());

test('answers lost after commit and restarts mid-sync: every event stored exactly once and in order', async () => {
  // Drop every second consents POST answer.
  const proxy = lossyProxy(backend.url, (req, n) => req.method === 'POST' && req.url === '/v1/me/consents' && n % 2 === 0);
  const url = await proxy.listen();
  const storage = new MemoryStorage();
  const clock = new ManualClock();
  let token: string | null = null;
  const boot = (seed: number) => {
    const api = new PrivacyApi({ http: createFetchHttp({ baseUrl: url, defaultTimeoutMs: 5_000 }), token, onTokenChange: (t) => (token = t) });
    const store = new ConsentStore({ storage, clock, ids: new SequentialIds(`evt-${seed}`), api, deviceId: 'device-exactly-once', random: seededRandom(seed), autoSync: false });
    return { api, store };
  };

  let { api, store } = boot(1);
  await store.hydrate();
  await api.login('dev:exactly-once');
  const decided: string[] = [(await store.acceptPolicy(1)).id];
  for (let round = 0; round < 6; round++) {
    for (let i = 0; i < 40; i++) {
      const purpose = CONSENT_PURPOSES[(round * 40 + i) % CONSENT_PURPOSES.length];
      decided.push(((round + i) % 3 === 0 ? await store.withdraw(purpose) : await store.grant(purpose)).id);
    }
    await store.sync();
    if (round % 2 === 1) {
      // The app is killed and restarted: a new store over the same storage resumes the outbox.
      ({ api, store } = boot(round + 2));
      await store.hydrate();
    }
  }
  for (let i = 0; i < 20 && store.pendingCount > 0; i++) await store.outbox.flush({ force: true });
  expect(store.pendingCount).toBe(0);
  expect(proxy.dropped.length).toBeGreaterThan(0);

  const res = await fetch(`${backend.url}/v1/me/consents`, { headers: { authorization: `Bearer ${token}` } });
  const body = (await res.json()) as { events: { id: string }[]; state: unknown };
  const stored = body.events.map((e) => e.id);
  expect(new Set(stored).size).toBe(stored.length);
  expect(stored).toEqual(decided);
  expect(body.state).toEqual(reduceLedger(store.events.filter((e) => decided.includes(e.id))));
  await proxy.close();
});
