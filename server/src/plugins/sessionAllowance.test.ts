import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { sha256Hex } from '../domain/tokens';
import { bearer, build, testTargets, type TestServer } from '../../test/helper';

jest.setTimeout(180_000);

/** Old-format tokens (32 random bytes) and new-format ones (48 bytes) that the server never issued. */
const junkTokens = (n: number) => Array.from({ length: n }, (_, i) => `st_${randomBytes(i % 2 ? 48 : 32).toString('base64url')}`);

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Counts the statements reading sessions an app sends to its database while `body` runs (background jobs' queries aside). */
async function queriesDuring(app: FastifyInstance, body: () => Promise<void>): Promise<number> {
  const executor = app.database.db.getExecutor();
  const spy = jest.spyOn(executor, 'executeQuery');
  try {
    await body();
    return spy.mock.calls.filter(([query]) => /\bsessions\b/.test(query.sql)).length;
  } finally {
    spy.mockRestore();
  }
}

describe.each(testTargets())('a valid session draws on its own allowance, on $name', (target) => {
  let s: TestServer;
  let version: number;
  const WRITES = 10;
  beforeAll(async () => {
    s = await build(target, { RATE_LIMIT_WRITES_PER_MINUTE: String(WRITES), SESSION_CACHE_SECONDS: '1' });
    version = (await s.app.inject('/v1/policy/current?include=meta')).json().version;
  });
  afterAll(async () => {
    await s?.close();
  });

  const write = (app: FastifyInstance, token: string, id: string, remoteAddress: string) =>
    app.inject({
      method: 'POST',
      url: '/v1/me/consents',
      remoteAddress,
      headers: bearer(token),
      payload: { events: [{ id, kind: 'consent', purpose: 'marketing', value: 'withdrawn', policyVersion: version, deviceId: 'device-0001', occurredAt: '2025-01-02T03:04:05.000Z', source: 'privacy-centre' }] },
    });
  const flood = (app: FastifyInstance, remoteAddress: string, n: number) => Promise.all(junkTokens(n).map((t, i) => write(app, t, `junk-event-${i}`, remoteAddress)));

  it('after idling longer than the session cache, during a junk flood from its own address', async () => {
    const shopper = await s.login('idle-shopper');
    await sleep(1_300);
    const floodRes = await flood(s.app, '10.20.0.1', 3 * WRITES);
    expect(floodRes.filter((r) => r.statusCode === 429).length).toBeGreaterThan(0);
    const codes = [];
    for (let i = 0; i < WRITES; i++) codes.push((await write(s.app, shopper.token, `idle-write-${i}`, '10.20.0.1')).statusCode);
    expect(codes).toEqual(Array(WRITES).fill(200));
  });

  it('in a process that never saw the session, and for two shoppers behind one address', async () => {
    const other = await s.another({ RATE_LIMIT_WRITES_PER_MINUTE: String(WRITES) });
    const a = await s.login('nat-a');
    const b = await s.login('nat-b');
    const floodRes = await flood(other, '10.20.0.2', 3 * WRITES);
    expect(floodRes.filter((r) => r.statusCode === 429).length).toBeGreaterThan(0);
    const codes = await Promise.all(
      Array.from({ length: WRITES }, async (_, i) => [(await write(other, a.token, `nat-a-write-${i}`, '10.20.0.2')).statusCode, (await write(other, b.token, `nat-b-write-${i}`, '10.20.0.2')).statusCode]),
    );
    expect(codes.flat()).toEqual(Array(2 * WRITES).fill(200));
    // The shopper's own allowance still ends.
    expect((await write(other, a.token, 'nat-a-over', '10.20.0.2')).statusCode).toBe(429);
  });

  it('junk tokens cost no database query, on reads and writes, while issued tokens keep working', async () => {
    const other = await s.another();
    const shopper = await s.login('real-reader');
    const junk = junkTokens(40);
    // The first unsigned token a process meets loads the index of the sessions issued before
    // tokens were signed: one query, once.
    expect(await queriesDuring(other, async () => void (await other.inject({ url: '/v1/me/consents', headers: bearer(junk[0]!) })))).toBeLessThanOrEqual(1);
    const n = await queriesDuring(other, async () => {
      for (const t of junk) {
        expect((await other.inject({ url: '/v1/me/consents', headers: bearer(t) })).statusCode).toBe(401);
        expect((await other.inject({ url: '/v1/me/export', headers: bearer(t) })).statusCode).toBe(401);
        // Past the address's write allowance they are 429, and still cost nothing.
        expect([401, 429]).toContain((await write(other, t, 'junk-write', '10.20.0.3')).statusCode);
      }
    });
    expect(n).toBe(0);
    expect((await other.inject({ url: '/v1/me/consents', headers: bearer(shopper.token) })).statusCode).toBe(200);
  });

  it('a revoked token replayed costs one lookup, not one per request', async () => {
    const shopper = await s.login('revoked-replayer');
    expect((await s.app.inject({ method: 'POST', url: '/v1/sessions/sign-out', headers: bearer(shopper.token), payload: { scope: 'this-device' } })).statusCode).toBe(200);
    const other = await s.another();
    const n = await queriesDuring(other, async () => {
      for (let i = 0; i < 20; i++) expect((await other.inject({ url: '/v1/me/consents', headers: bearer(shopper.token) })).statusCode).toBe(401);
    });
    expect(n).toBeLessThanOrEqual(1);
  });

  it('sessions issued before signed tokens (32 random bytes) keep working', async () => {
    const shopper = await s.login('legacy-holder');
    const legacy = `st_${randomBytes(32).toString('base64url')}`;
    await s.db.insertInto('sessions').values({ token_hash: sha256Hex(legacy), user_id: shopper.userId, expires_at: new Date(Date.now() + 3_600_000).toISOString() }).execute();
    const other = await s.another();
    const res = await other.inject({ url: '/v1/me/consents', headers: bearer(legacy) });
    expect(res.statusCode).toBe(200);
    expect((await write(other, legacy, 'legacy-write', '10.20.0.4')).statusCode).toBe(200);
  });
});
