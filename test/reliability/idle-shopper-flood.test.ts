/**
 * Shoppers idle longer than the process's session cache write while junk tokens flood the server
 * from their own address, on PostgreSQL, through two listening processes sharing Redis (when it
 * is reachable): every write of theirs succeeds, each shopper behind the one address draws on an
 * allowance of their own, that allowance is counted once across both processes, and the flood
 * stays on the address's allowance without a database query per junk token.
 *
 * Figures (p50 before and during the flood, success counts) are printed with `console.log`.
 */
import { randomBytes } from 'node:crypto';
import Redis from 'ioredis';
import { startServer, type RunningServer } from '../../server/src';
import { TEST_PSEUDONYM_KEY } from '../../server/test/pseudonymKey';
import { testDatabase } from '../../server/test/helper';

jest.setTimeout(300_000);

const adminUrl = process.env.TEST_DATABASE_URL;
if (!adminUrl) throw new Error('TEST_DATABASE_URL is not set: run this suite through `npm run test:reliability`.');
const redisUrl = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/** The shipped write allowance, per shopper (or per address without a live session), a minute. */
const WRITES_PER_MINUTE = 120;
/** The session cache is cut to one second, so "idle longer than the cache" costs no long sleep. */
const CACHE_SECONDS = 1;
const FLOOD_LOOPS = 16;
const WRITES_BEFORE = 10;
const WRITES_DURING = 28;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const p50 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function redisReachable(): Promise<Redis | null> {
  const redis = new Redis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: 1, retryStrategy: () => null });
  redis.on('error', () => undefined);
  try {
    await redis.connect();
    return redis;
  } catch {
    redis.disconnect();
    return null;
  }
}

describe('an idle shopper during a junk-token flood from the same address', () => {
  let database: Awaited<ReturnType<typeof testDatabase>>;
  let redis: Redis | null;
  let a: RunningServer;
  let b: RunningServer;
  let version: number;
  let eventNo = 0;

  const clearCounters = async () => {
    const keys = (await redis?.keys('privacy-rl-*')) ?? [];
    if (keys.length) await redis!.del(...keys);
  };

  beforeAll(async () => {
    database = await testDatabase({ name: 'postgres', adminUrl });
    redis = await redisReachable();
    if (!redis) console.warn(`Redis not reachable at ${redisUrl}: the two processes count separately and the shared-allowance check is skipped`);
    await clearCounters();
    const env = {
      ...process.env,
      NODE_ENV: 'test',
      PSEUDONYM_KEY: TEST_PSEUDONYM_KEY,
      RATE_LIMIT_LOGIN_PER_MINUTE: '100000',
      RATE_LIMIT_WRITES_PER_MINUTE: String(WRITES_PER_MINUTE),
      SESSION_CACHE_SECONDS: String(CACHE_SECONDS),
      REDIS_URL: redis ? redisUrl : '',
    };
    const start = () => startServer({ port: 0, databaseUrl: database.url!, devLogin: true, logLevel: 'silent', purgeIntervalSeconds: 0, env });
    a = await start();
    b = await start();
    version = (await (await fetch(`${a.url}/v1/policy/current?include=meta`)).json()).version;
  });
  afterAll(async () => {
    await a?.close();
    await b?.close();
    await clearCounters().catch(() => undefined);
    await redis?.quit();
    await database?.drop();
  });

  const login = async (name: string) => {
    const res = await fetch(`${a.url}/v1/sessions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code: `dev:${name}` }) });
    expect(res.status).toBe(201);
    return (await res.json()) as { token: string; userId: string };
  };

  /** One consent write (a withdrawal) through `server`; its status and time taken. */
  const write = async (server: RunningServer, token: string): Promise<{ status: number; ms: number }> => {
    const t = performance.now();
    const res = await fetch(`${server.url}/v1/me/consents`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({
        events: [{ id: `idle-flood-${eventNo++}`, kind: 'consent', purpose: 'marketing', value: 'withdrawn', policyVersion: version, deviceId: 'device-0001', occurredAt: new Date().toISOString(), source: 'privacy-centre' }],
      }),
    });
    await res.arrayBuffer();
    return { status: res.status, ms: performance.now() - t };
  };

  it('every write of two idle shoppers behind the flooding address succeeds, whichever process serves it', async () => {
    const one = await login('idle-one');
    const two = await login('idle-two');
    // Baseline through process A only, then idle past the cache: A no longer remembers either
    // session, and B never saw them.
    const before: number[] = [];
    for (let i = 0; i < WRITES_BEFORE; i++) {
      for (const shopper of [one, two]) {
        const r = await write(a, shopper.token);
        expect(r.status).toBe(200);
        before.push(r.ms);
      }
    }
    await sleep(CACHE_SECONDS * 1000 + 500);

    // The flood: junk tokens (old 32-byte form and new 48-byte form) from the same address, to both processes.
    const flood = { stop: false, statuses: new Map<number, number>() };
    const loop = async (i: number) => {
      while (!flood.stop) {
        const junk = `st_${randomBytes(i % 2 ? 48 : 32).toString('base64url')}`;
        const { status } = await write(i % 2 ? a : b, junk);
        flood.statuses.set(status, (flood.statuses.get(status) ?? 0) + 1);
      }
    };
    const loops = Array.from({ length: FLOOD_LOOPS }, (_, i) => loop(i));
    await sleep(1_000);

    const during: number[] = [];
    const codes: number[] = [];
    for (let i = 0; i < WRITES_DURING; i++) {
      const [r1, r2] = await Promise.all([write(i % 2 ? a : b, one.token), write(i % 2 ? b : a, two.token)]);
      codes.push(r1.status, r2.status);
      during.push(r1.ms, r2.ms);
    }
    flood.stop = true;
    await Promise.all(loops);

    const floodTotal = [...flood.statuses.values()].reduce((x, y) => x + y, 0);
    const ok = codes.filter((c) => c === 200).length;
    console.log(
      [
        `idle shoppers during a junk flood (PostgreSQL, 2 processes, ${redis ? 'Redis shared' : 'no Redis'}, ${WRITES_PER_MINUTE} writes/min):`,
        `  shopper writes p50 before ${p50(before).toFixed(1)} ms (n=${before.length}), during ${p50(during).toFixed(1)} ms (n=${during.length})`,
        `  shopper writes succeeded ${ok}/${codes.length}`,
        `  flood requests ${floodTotal}: ${[...flood.statuses].map(([s, n]) => `${s} x ${n}`).join(', ')}`,
      ].join('\n'),
    );
    expect(codes).toEqual(Array(2 * WRITES_DURING).fill(200));
    // The flood drew on its address's allowance only: no junk got anything but 401 or 429.
    expect([...flood.statuses.keys()].filter((s) => s !== 401 && s !== 429)).toEqual([]);
    expect(flood.statuses.get(429) ?? 0).toBeGreaterThan(0);
    // Nothing the flood sent was stored.
    const stored = await database.database.db.selectFrom('consent_events').select(['user_id']).execute();
    expect(stored.filter((r) => r.user_id !== one.userId && r.user_id !== two.userId)).toEqual([]);
  });

  it('a shopper has one allowance across both processes', async () => {
    if (!redis) return;
    await clearCounters();
    const shopper = await login('shared-allowance');
    await sleep(CACHE_SECONDS * 1000 + 500);
    const codes: number[] = [];
    for (let i = 0; i < WRITES_PER_MINUTE + 10; i++) codes.push((await write(i % 2 ? a : b, shopper.token)).status);
    const ok = codes.filter((c) => c === 200).length;
    console.log(`one shopper alternating between two processes sharing Redis: ${ok} of ${codes.length} writes allowed (limit ${WRITES_PER_MINUTE} a minute)`);
    expect(ok).toBe(WRITES_PER_MINUTE);
    expect(codes.slice(WRITES_PER_MINUTE)).toEqual(Array(10).fill(429));
  });
});
