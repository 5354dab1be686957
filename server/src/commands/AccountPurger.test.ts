import { sql } from 'kysely';
import { bearer, build, allText, publishPolicy, testTargets, tinyPolicy, type TestServer } from '../../test/helper';
import { sha256Hex, subjectHashOf } from '../domain/tokens';
import { AccountPurger, PURGE_STEPS, type PurgeStep } from './AccountPurger';

jest.setTimeout(300_000);

class SimulatedCrash extends Error {
  override name = 'SimulatedCrash';
}

describe.each(testTargets())('account purge on $name', (target) => {
  let s: TestServer;
  let version: number;

  beforeAll(async () => {
    s = await build(target);
    version = await publishPolicy(s, tinyPolicy('purge'), true);
  });
  afterAll(async () => {
    await s?.close();
  });

  /** A shopper with consents on one device, a withdrawn and a pending cancellation (cooling-off 0). */
  async function shopperWithData(name: string) {
    const { token, userId } = await s.login(name);
    const deviceId = `dev-${name}`.padEnd(12, 'x');
    const events = ['policy', 'consent', 'permission'].map((kind, i) => ({
      id: `${name}-evt-${i}`.padEnd(10, '0'),
      kind,
      purpose: kind === 'policy' ? 'policy' : kind === 'consent' ? 'cross-border' : 'camera',
      value: kind === 'policy' ? 'accepted' : 'granted',
      policyVersion: version,
      deviceId,
      occurredAt: '2025-02-02T02:02:02.000Z',
      source: 'first-run-sheet',
    }));
    expect((await s.app.inject({ method: 'POST', url: '/v1/me/consents', headers: bearer(token), payload: { events } })).statusCode).toBe(200);
    const ask = (key: string) =>
      s.app.inject({ method: 'POST', url: '/v1/me/cancellation', headers: { ...bearer(token), 'idempotency-key': key }, payload: { confirm: true, code: `dev:${name}`, reason: `reason of ${name}` } });
    // With a zero cooling-off the first request is due at once: withdraw it before asking again.
    expect((await ask(`${name}-key-1`.padEnd(10, '0'))).statusCode).toBe(202);
    expect((await s.app.inject({ method: 'DELETE', url: '/v1/me/cancellation', headers: bearer(token) })).statusCode).toBe(200);
    expect((await ask(`${name}-key-2`.padEnd(10, '0'))).statusCode).toBe(202);
    const subject = (await s.db.selectFrom('users').select('subject_hash').where('id', '=', userId).executeTakeFirstOrThrow()).subject_hash;
    return { name, token, userId, deviceId, subject, eventIds: events.map((e) => e.id) };
  }

  /** What is left of a shopper after the purge, with the random ids taken out. */
  async function endState(p: Awaited<ReturnType<typeof shopperWithData>>) {
    const hash = subjectHashOf(p.userId);
    const events = await s.db.selectFrom('consent_events').select(['event_id', 'kind', 'purpose', 'value', 'device_id', 'user_id']).where('subject_hash', '=', hash).orderBy('seq').execute();
    const requests = await s.db.selectFrom('cancellation_requests').select(['status', 'reason', 'user_id']).where('subject_hash', '=', hash).orderBy('requested_at').execute();
    const receiver = await s.db.selectFrom('receiver_deletions').select(['receiver']).where('subject_hash', '=', hash).execute();
    const users = await s.db.selectFrom('users').select('id').where('id', '=', p.userId).execute();
    const live = await s.db.selectFrom('sessions').select('token_hash').where('user_id', '=', p.userId).execute();
    const keys = await s.db.selectFrom('idempotency_keys').select('key').where('user_id', '=', p.userId).execute();
    return {
      events: events.map((e) => ({ ...e, event_id: e.event_id.replace(p.name, 'X'), device_id: e.device_id === sha256Hex(`device:${p.deviceId}`) ? 'hashed' : e.device_id })),
      requests,
      receiver,
      users: users.length,
      liveSessions: live.length,
      keys: keys.length,
    };
  }

  async function expectPurged(p: Awaited<ReturnType<typeof shopperWithData>>) {
    const res = await s.app.inject({ url: '/v1/me/consents', headers: bearer(p.token) });
    expect(res.statusCode).toBe(410);
    expect(res.json().error.code).toBe('ACCOUNT_DELETED');
    const text = await allText(s.db);
    for (const identifier of [p.userId, p.subject, p.deviceId, `reason of ${p.name}`]) expect({ identifier, found: text.includes(identifier) }).toEqual({ identifier, found: false });
  }

  it('purges completely: proofs kept under a one-way hash, everything else gone, old token 410', async () => {
    const p = await shopperWithData('clean');
    expect(await s.app.purger.runOnce()).toBeGreaterThanOrEqual(1);
    const state = await endState(p);
    expect(state).toEqual({
      events: [
        { event_id: 'X-evt-0', kind: 'policy', purpose: 'policy', value: 'accepted', device_id: 'hashed', user_id: null },
        expect.objectContaining({ kind: 'consent', device_id: 'hashed', user_id: null }),
        expect.objectContaining({ kind: 'permission', device_id: 'hashed', user_id: null }),
      ],
      requests: [
        { status: 'withdrawn', reason: null, user_id: null },
        { status: 'completed', reason: null, user_id: null },
      ],
      receiver: [{ receiver: s.app.config.overseasReceiver }],
      users: 0,
      liveSessions: 0,
      keys: 0,
    });
    await expectPurged(p);
    // Re-running changes nothing.
    expect(await s.app.purger.runOnce()).toBe(0);
    expect(await endState(p)).toEqual(state);
  });

  it.each(PURGE_STEPS.map((step) => [step]))('reaches the same end state after a crash at step %s', async (step: PurgeStep) => {
    const reference = await shopperWithData(`ref-${step}`);
    await s.app.purger.runOnce();
    const expected = await endState(reference);

    const p = await shopperWithData(`crash-${step}`);
    const crashing = new AccountPurger(s.db, {
      receiver: s.app.config.overseasReceiver,
      onStep: (at) => {
        if (at === step) throw new SimulatedCrash(step);
      },
    });
    await expect(crashing.runOnce()).rejects.toThrow(SimulatedCrash);
    // Nothing is half-done: the account is still whole (the claim, when it committed, only says processing).
    const mid = await s.db.selectFrom('cancellation_requests').select('status').where('user_id', '=', p.userId).orderBy('requested_at', 'desc').executeTakeFirst();
    expect(['pending', 'processing']).toContain(mid?.status);
    expect((await s.db.selectFrom('users').select('id').where('id', '=', p.userId).execute()).length).toBe(1);

    await s.app.purger.runOnce();
    expect(await endState(p)).toEqual(expected);
    await expectPurged(p);
  });

  it('lets several workers run at once without purging anyone twice', async () => {
    const people = await Promise.all(['w1', 'w2', 'w3', 'w4', 'w5', 'w6'].map((n) => shopperWithData(`multi-${n}`)));
    const workers = [0, 1, 2].map(() => new AccountPurger(s.db, { receiver: s.app.config.overseasReceiver, batchSize: 2 }));
    const counts = await Promise.all(workers.map((w) => w.runOnce()));
    expect(counts.reduce((a, b) => a + b, 0)).toBe(people.length);
    for (const p of people) {
      const hash = subjectHashOf(p.userId);
      const receiver = await sql<{ n: number }>`select count(*)::int as n from receiver_deletions where subject_hash = ${hash}`.execute(s.db);
      expect(receiver.rows[0]?.n).toBe(1);
      await expectPurged(p);
    }
  });

  it('leaves requests in their cooling-off period alone', async () => {
    const slow = await s.another({ COOLING_OFF_SECONDS: '3600' });
    const { token, userId } = await s.login('cooling');
    const res = await slow.inject({ method: 'POST', url: '/v1/me/cancellation', headers: { ...bearer(token), 'idempotency-key': 'cooling-key-1' }, payload: { confirm: true, code: 'dev:cooling' } });
    expect(res.statusCode).toBe(202);
    await s.app.purger.runOnce();
    expect((await s.db.selectFrom('users').select('id').where('id', '=', userId).execute()).length).toBe(1);
    expect((await s.app.inject({ url: '/v1/me/cancellation', headers: bearer(token) })).json().status).toBe('pending');
  });
});
