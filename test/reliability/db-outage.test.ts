/**
 * PostgreSQL cut off from the backend by a TCP proxy this test owns (the database itself is a
 * shared service and keeps running), twice: connections reset, then a black hole that answers
 * nothing. Meanwhile `/readyz` fails, writes answer 503 within seconds, the process stays up and
 * the app's outbox keeps the shopper's decisions; after recovery every one arrives exactly once,
 * and the policy cache's LISTEN connection is back (an activation made elsewhere shows up).
 */
import net, { type AddressInfo } from 'node:net';
import { startServer, type RunningServer } from '../../server/src';
import { createOpsToken } from '../../server/src/commands/createOpsToken';
import { testDatabase, tinyPolicy } from '../../server/test/helper';
import { createH5Http } from '../../src/privacy/adapters/http.h5';
import { PrivacyApi } from '../../src/privacy/adapters/PrivacyApi';
import { CONSENT_PURPOSES, type LedgerEvent } from '../../src/privacy/domain/contract';
import { reduceLedger } from '../../src/privacy/domain/ledger';
import { ConsentStore } from '../../src/privacy/stores/ConsentStore';
import { MemoryStorage, SequentialIds, seededRandom } from '../../src/privacy/testing';

jest.setTimeout(300_000);

const adminUrl = process.env.TEST_DATABASE_URL;
if (!adminUrl) throw new Error('TEST_DATABASE_URL is not set: run this suite through `npm run test:reliability`.');

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

type Mode = 'up' | 'reset' | 'black-hole';

/** A TCP proxy in front of PostgreSQL that can reset every connection or swallow all traffic. */
async function startProxy(target: { host: string; port: number }) {
  let mode: Mode = 'up';
  const pairs = new Set<{ client: net.Socket; upstream: net.Socket | null }>();
  const server = net.createServer((client) => {
    if (mode === 'reset') return void client.resetAndDestroy();
    const pair = { client, upstream: null as net.Socket | null };
    pairs.add(pair);
    client.on('error', () => undefined);
    client.on('close', () => {
      pairs.delete(pair);
      pair.upstream?.destroy();
    });
    if (mode === 'black-hole') return; // accepted, never answered
    const upstream = net.connect(target.port, target.host);
    pair.upstream = upstream;
    upstream.on('error', () => client.destroy());
    upstream.on('close', () => client.destroy());
    client.on('data', (d) => {
      if (mode === 'up') upstream.write(d);
    });
    upstream.on('data', (d) => {
      if (mode === 'up') client.write(d);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    port: (server.address() as AddressInfo).port,
    cut(next: Exclude<Mode, 'up'>) {
      mode = next;
      // A reset ends every open connection at once; a black hole leaves them open and silent.
      if (next === 'reset') for (const p of pairs) p.client.resetAndDestroy();
    },
    restore() {
      // After a partition the old connections are dead: end them so clients notice, then forward again.
      for (const p of pairs) p.client.resetAndDestroy();
      mode = 'up';
    },
    close: () =>
      new Promise<void>((r) => {
        for (const p of pairs) p.client.destroy();
        server.close(() => r());
      }),
  };
}

describe('PostgreSQL unreachable for a while', () => {
  let database: Awaited<ReturnType<typeof testDatabase>>;
  let proxy: Awaited<ReturnType<typeof startProxy>>;
  let backend: RunningServer;
  let other: RunningServer;

  beforeAll(async () => {
    database = await testDatabase({ name: 'postgres', adminUrl });
    const direct = new URL(database.url!);
    proxy = await startProxy({ host: direct.hostname, port: Number(direct.port || 5432) });
    const viaProxy = new URL(database.url!);
    viaProxy.hostname = '127.0.0.1';
    viaProxy.port = String(proxy.port);
    const env = {
      ...process.env,
      NODE_ENV: 'test',
      RATE_LIMIT_LOGIN_PER_MINUTE: '100000',
      RATE_LIMIT_WRITES_PER_MINUTE: '100000',
      DATABASE_CONNECT_TIMEOUT_MS: '1000',
      DATABASE_QUERY_TIMEOUT_MS: '2000',
    };
    // Behind the proxy; the poll is slowed right down so only LISTEN can bring activations quickly.
    backend = await startServer({ port: 0, databaseUrl: viaProxy.toString(), devLogin: true, logLevel: 'silent', purgeIntervalSeconds: 0, env: { ...env, POLICY_POLL_SECONDS: '3600' } });
    // Another process's view of the same database, on a direct connection: ops act through it.
    other = await startServer({ port: 0, databaseUrl: database.url!, devLogin: true, logLevel: 'silent', purgeIntervalSeconds: 0, env });
  });
  afterAll(async () => {
    await backend?.close();
    await other?.close();
    await proxy?.close();
    await database?.drop();
  });

  it('fails readiness and writes fast, keeps the outbox, then delivers everything once and hears activations again', async () => {
    let token: string | null = null;
    const api = new PrivacyApi({ http: createH5Http({ baseUrl: backend.url, defaultTimeoutMs: 10_000 }), onTokenChange: (t) => (token = t) });
    const store = new ConsentStore({
      storage: new MemoryStorage(),
      clock: { now: () => Date.now() },
      ids: new SequentialIds('outage-evt'),
      api,
      deviceId: 'outage-device',
      timer: { setTimeout: (fn, ms) => clearTimeout.bind(null, setTimeout(fn, ms)) },
      random: seededRandom(7),
      backoff: { baseMs: 100, maxMs: 1_000 },
    });
    await store.hydrate();
    await api.login('dev:outage-shopper');
    const meta = (await (await fetch(`${backend.url}/v1/policy/current?include=meta`)).json()) as { version: number };
    await store.acceptPolicy(meta.version);
    for (const p of CONSENT_PURPOSES.slice(0, 3)) await store.grant(p);
    await store.sync();
    expect(store.pendingCount).toBe(0);

    const timings: Record<string, number> = {};
    for (const mode of ['reset', 'black-hole'] as const) {
      proxy.cut(mode);
      let t = Date.now();
      const ready = await fetch(`${backend.url}/readyz`);
      timings[`${mode}: readyz`] = Date.now() - t;
      expect(ready.status).toBe(503);
      expect(((await ready.json()) as { error: { code: string } }).error.code).toBe('SERVICE_UNAVAILABLE');
      expect(timings[`${mode}: readyz`]).toBeLessThan(3_000);
      expect((await fetch(`${backend.url}/healthz`)).status).toBe(200); // the process itself is fine

      t = Date.now();
      const write = await fetch(`${backend.url}/v1/me/consents`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ events: [{ id: `probe-${mode}`, kind: 'consent', purpose: 'marketing', value: 'granted', policyVersion: meta.version, deviceId: 'probe-device', occurredAt: new Date().toISOString(), source: 'settings' }] }),
      });
      timings[`${mode}: write`] = Date.now() - t;
      expect(write.status).toBe(503);
      expect(write.headers.get('retry-after')).toBe('5');
      expect(((await write.json()) as { error: { code: string } }).error.code).toBe('SERVICE_UNAVAILABLE');
      expect(timings[`${mode}: write`]).toBeLessThan(4_000);

      // The shopper keeps deciding; the outbox keeps everything and keeps trying.
      for (let i = 0; i < 5; i++) await (i % 2 ? store.withdraw(CONSENT_PURPOSES[i]!) : store.grant(CONSENT_PURPOSES[i]!));
      await store.sync();
      expect(store.pendingCount).toBe(5);
      await sleep(1_500);
      expect(store.pendingCount).toBe(5);
      expect(['sending', 'waiting']).toContain(store.outbox.status); // retrying, never given up

      proxy.restore();
      t = Date.now();
      while ((await fetch(`${backend.url}/readyz`)).status !== 200) {
        expect(Date.now() - t).toBeLessThan(15_000);
        await sleep(200);
      }
      timings[`${mode}: ready again after restore`] = Date.now() - t;
      t = Date.now();
      while (store.pendingCount > 0) {
        expect(Date.now() - t).toBeLessThan(20_000);
        await sleep(200);
      }
      timings[`${mode}: outbox drained after restore`] = Date.now() - t;
    }

    // Everything the device decided is stored once, in order; the state is its reduction.
    const res = await fetch(`${backend.url}/v1/me/consents`, { headers: { authorization: `Bearer ${token}` } });
    const body = (await res.json()) as { state: unknown; events: LedgerEvent[] };
    expect(body.events.map((e) => e.id)).toEqual(store.events.map((e) => e.id));
    expect(body.state).toEqual(reduceLedger(store.events));

    // An activation made by the other process reaches this one through its reconnected LISTEN.
    const { token: publisher } = await createOpsToken(database.database.db, { role: 'publisher', name: 'outage-publisher', expiresInDays: 1 });
    const h = { authorization: `Bearer ${publisher}`, 'content-type': 'application/json' };
    const draft = await fetch(`${other.url}/v1/admin/policies`, { method: 'POST', headers: h, body: JSON.stringify({ content: tinyPolicy('after-outage') }) });
    const { version } = (await draft.json()) as { version: number };
    expect((await fetch(`${other.url}/v1/admin/policies/${version}/publish`, { method: 'POST', headers: h, body: JSON.stringify({ material: true, summary: { zh: '变更', en: 'Changes' } }) })).status).toBe(200);
    expect((await fetch(`${other.url}/v1/admin/policies/${version}/activate`, { method: 'POST', headers: h, body: '{}' })).status).toBe(200);
    const t = Date.now();
    for (;;) {
      const current = (await (await fetch(`${backend.url}/v1/policy/current?include=meta`)).json()) as { version: number };
      if (current.version === version) break;
      expect(Date.now() - t).toBeLessThan(20_000);
      await sleep(200);
    }
    timings['activation seen after the outages'] = Date.now() - t;
    console.log(`database outage timings (ms): ${JSON.stringify(timings)}`);
  });
});
