import { sql } from 'kysely';
import { sha256Hex } from '../domain/tokens';
import { bearer, build, publishPolicy, testTargets, tinyPolicy, type TestServer } from '../../test/helper';
import { PROOF_TIME_ZONE, PURGED_EVENT_ID } from './AccountPurger';

jest.setTimeout(120_000);

/**
 * After a purge the consent proofs stay (PIPL: the shop must be able to prove consent) but nothing
 * the shopper's app holds, and nothing else kept about the account, leads to them. Everything the
 * app knows is tried as a way in: the session token, the user id, the request id and its answers,
 * the 410's completedAt, the event ids, the device id and the device clock's times.
 */
describe.each(testTargets())('kept consent proofs after a purge on $name', (target) => {
  let s: TestServer;
  let version: number;

  beforeAll(async () => {
    s = await build(target);
    version = await publishPolicy(s, tinyPolicy('unlinkable'), true);
  });
  afterAll(async () => s?.close());

  it('cannot be joined back to the shopper, and the server key still finds them', async () => {
    const name = 'unlinkable';
    const { token, userId } = await s.login(name);
    const deviceId = 'unlinkable-device-1';
    const events = [
      { id: 'unlinkable-ev-1', kind: 'policy', purpose: 'policy', value: 'accepted', policyVersion: version, deviceId, occurredAt: '2025-04-01T09:10:11.123Z', source: 'first-run-sheet' },
      { id: 'unlinkable-ev-2', kind: 'consent', purpose: 'marketing', value: 'granted', policyVersion: version, deviceId, occurredAt: '2025-04-01T09:10:12.456Z', source: 'first-run-sheet' },
      { id: 'unlinkable-ev-3', kind: 'consent', purpose: 'marketing', value: 'withdrawn', policyVersion: version, deviceId, occurredAt: new Date().toISOString(), source: 'privacy-centre' },
    ];
    expect((await s.app.inject({ method: 'POST', url: '/v1/me/consents', headers: bearer(token), payload: { events } })).statusCode).toBe(200);
    const asked = await s.app.inject({ method: 'POST', url: '/v1/me/cancellation', headers: { ...bearer(token), 'idempotency-key': 'unlinkable-key-1' }, payload: { confirm: true, code: `dev:${name}` } });
    expect(asked.statusCode).toBe(202);
    const request = asked.json() as { id: string; requestedAt: string; coolingOffEndsAt: string; deadline: string };
    expect(await s.app.purger.runOnce()).toBeGreaterThanOrEqual(1);
    const gone = await s.app.inject({ url: '/v1/me/consents', headers: bearer(token) });
    expect(gone.statusCode).toBe(410);
    const completedAt: string = gone.json().error.completedAt;

    // What the app holds (or held) after the purge.
    const held = [token, sha256Hex(token), userId, deviceId, request.id, ...events.map((e) => e.id)];
    const heldTimes = [...events.map((e) => e.occurredAt), request.requestedAt, request.coolingOffEndsAt, request.deadline, completedAt].map((t) => Date.parse(t));

    // The proofs are kept, in order, under the keyed pseudonym (the key is not in the database).
    const proofs = await s.db.selectFrom('consent_events').selectAll().where('subject_hash', '=', s.app.pseudonyms.user(userId)).orderBy('seq').execute();
    expect(proofs.map((p) => [p.kind, p.purpose, p.value, p.policy_version, p.source])).toEqual(events.map((e) => [e.kind, e.purpose, e.value, e.policyVersion, e.source]));
    expect(proofs.map((p) => p.device_id)).toEqual(events.map(() => s.app.pseudonyms.device(deviceId)));

    // 1. The old session row: its deletion time leads to the request, the request nowhere further.
    const session = await s.db.selectFrom('sessions').selectAll().where('token_hash', '=', sha256Hex(token)).executeTakeFirstOrThrow();
    expect(session.user_id).toBeNull();
    const byTime = await sql<{ seq: string }>`
      select e.seq from cancellation_requests c join consent_events e on e.subject_hash = c.subject_hash
      where c.completed_at = ${session.account_deleted_at}`.execute(s.db);
    expect(byTime.rows).toEqual([]);
    const byReceiver = await sql<{ seq: string }>`
      select e.seq from receiver_deletions d join consent_events e on e.subject_hash = d.subject_hash
      where d.cancellation_id = ${request.id}`.execute(s.db);
    expect(byReceiver.rows).toEqual([]);

    // 2. The request id the app was answered with.
    const byRequest = await sql<{ seq: string }>`
      select e.seq from cancellation_requests c join consent_events e on e.subject_hash = c.subject_hash where c.id = ${request.id}`.execute(s.db);
    expect(byRequest.rows).toEqual([]);

    // 3. The event ids, the device id and the user id, verbatim.
    expect(await s.db.selectFrom('consent_events').select('seq').where('event_id', 'in', events.map((e) => e.id)).execute()).toEqual([]);
    for (const p of proofs) {
      expect(p.event_id).toBe(PURGED_EVENT_ID);
      for (const value of [p.subject_hash, p.device_id, p.event_id, p.source, p.kind, p.purpose, p.value]) expect(held).not.toContain(value);
    }

    // 4. Times: none is one the app holds or near one (a device clock's time, the server's receipt
    //    a moment later); each is a day in China time.
    for (const p of proofs) {
      for (const t of [p.occurred_at, p.received_at]) {
        const ms = new Date(t as string).getTime();
        for (const h of heldTimes) expect({ t: new Date(ms).toISOString(), near: Math.abs(ms - h) < 60_000 }).toEqual({ t: new Date(ms).toISOString(), near: false });
      }
    }
    const days = await sql<{ midnight: boolean }>`
      select bool_and((occurred_at at time zone ${PROOF_TIME_ZONE})::time = '00:00' and (received_at at time zone ${PROOF_TIME_ZONE})::time = '00:00') as midnight
      from consent_events where subject_hash = ${s.app.pseudonyms.user(userId)}`.execute(s.db);
    expect(days.rows[0]?.midnight).toBe(true);

    // 5. No value kept about the account outside the proofs is also in a proof.
    const kept = [
      ...Object.values(session),
      ...(await s.db.selectFrom('cancellation_requests').selectAll().where('id', '=', request.id).execute()).flatMap((r) => Object.values(r)),
      ...(await s.db.selectFrom('receiver_deletions').selectAll().where('cancellation_id', '=', request.id).execute()).flatMap((r) => Object.values(r)),
    ]
      .filter((v) => v !== null)
      .map((v) => (v instanceof Date ? v.toISOString() : String(v)));
    for (const p of proofs) {
      const values = Object.entries(p)
        .filter(([k]) => k !== 'seq' && k !== 'user_id')
        .map(([, v]) => (v instanceof Date ? v.toISOString() : String(v)));
      expect(values.filter((v) => kept.includes(v))).toEqual([]);
    }
  });
});
