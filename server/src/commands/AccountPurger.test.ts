import { sql } from 'kysely';
import { bearer, build, publishPolicy, testTargets, tinyPolicy, type TestServer } from '../../test/helper';
import { expectFullyPurged, purgedEndState, purgeFixture, type PurgeFixture } from '../../test/purgeFixtures';
import { OVERSEAS_PURPOSES } from '../deployment';
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

  const shopperWithData = (name: string) => purgeFixture(s, version, name);
  const endState = (p: PurgeFixture) => purgedEndState(s.db, p, s.app.pseudonyms);
  const expectPurged = (p: PurgeFixture) => expectFullyPurged(s, p);

  it('purges completely: proofs kept under keyed pseudonyms, everything else gone, old token 410', async () => {
    const p = await shopperWithData('clean');
    expect(await s.app.purger.runOnce()).toBeGreaterThanOrEqual(1);
    const state = await endState(p);
    expect(state).toEqual({
      events: [
        { event_id: 'purged', kind: 'policy', purpose: 'policy', value: 'accepted', device_id: 'hashed', user_id: null },
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
      rightsRequests: 0,
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
      overseasPurposes: OVERSEAS_PURPOSES,
      pseudonyms: s.app.pseudonyms,
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
    const workers = [0, 1, 2].map(() => new AccountPurger(s.db, { receiver: s.app.config.overseasReceiver, overseasPurposes: OVERSEAS_PURPOSES, batchSize: 2, pseudonyms: s.app.pseudonyms }));
    const counts = await Promise.all(workers.map((w) => w.runOnce()));
    expect(counts.reduce((a, b) => a + b, 0)).toBe(people.length);
    for (const p of people) {
      const hash = s.app.pseudonyms.cancellation(p.userId);
      const receiver = await sql<{ n: number }>`select count(*)::int as n from receiver_deletions where subject_hash = ${hash}`.execute(s.db);
      expect(receiver.rows[0]?.n).toBe(1);
      await expectPurged(p);
    }
  });

  it('queues a deletion notice to the overseas receiver only for a shopper who granted the cross-border consent', async () => {
    const abroad = await purgeFixture(s, version, 'notice-abroad');
    const home = await purgeFixture(s, version, 'notice-home', { crossBorder: false });
    // Granted, then withdrawn: the data went abroad while the consent held.
    const withdrawn = await purgeFixture(s, version, 'notice-withdrawn');
    const event = (id: string, value: string) => ({ id, kind: 'consent', purpose: 'cross-border', value, policyVersion: version, deviceId: withdrawn.deviceId, occurredAt: '2025-02-03T02:02:02.000Z', source: 'settings' });
    expect((await s.app.inject({ method: 'POST', url: '/v1/me/consents', headers: bearer(withdrawn.token), payload: { events: [event('notice-wd-01', 'withdrawn')] } })).statusCode).toBe(200);
    // Refused only: nothing went abroad.
    const refused = await purgeFixture(s, version, 'notice-refused', { crossBorder: false });
    expect((await s.app.inject({ method: 'POST', url: '/v1/me/consents', headers: bearer(refused.token), payload: { events: [{ ...event('notice-rf-01', 'refused'), deviceId: refused.deviceId }] } })).statusCode).toBe(200);

    await s.app.purger.runOnce();
    const notices = async (p: PurgeFixture) =>
      s.db.selectFrom('receiver_deletions').select(['receiver', 'receiver_subject', 'notification_id', 'next_attempt_at', 'acknowledged_at', 'attempts']).where('subject_hash', '=', s.app.pseudonyms.cancellation(p.userId)).execute();
    for (const p of [abroad, withdrawn]) {
      const [notice, ...more] = await notices(p);
      expect(more).toEqual([]);
      // The id the receiver knows the shopper by, nothing the app holds; due at once, not yet acknowledged.
      expect(notice).toEqual({
        receiver: s.app.config.overseasReceiver,
        receiver_subject: s.app.pseudonyms.overseas(p.userId),
        notification_id: expect.stringMatching(/^[0-9a-f-]{36}$/),
        next_attempt_at: expect.anything(),
        acknowledged_at: null,
        attempts: 0,
      });
      await expectPurged(p);
    }
    for (const p of [home, refused]) {
      expect(await notices(p)).toEqual([]);
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
