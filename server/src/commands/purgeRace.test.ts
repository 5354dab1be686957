import type { FastifyInstance } from 'fastify';
import { buildServer } from '../app';
import { allText, bearer, build, publishPolicy, testConfig, testTargets, tinyPolicy, type TestServer } from '../../test/helper';
import { OVERSEAS_PURPOSES } from '../deployment';
import { AccountPurger, type PurgeStep } from './AccountPurger';

jest.setTimeout(120_000);

/**
 * A shopper's consent write arriving while the purge of that shopper's account runs. The purge is
 * held after one of its steps, inside its transaction, while the write is sent. On PostgreSQL the
 * two really overlap; PGlite has one connection, so there the write simply waits its turn.
 */
describe.each(testTargets())('a consent write racing the purge on $name', (target) => {
  let s: TestServer;
  let app: FastifyInstance;
  let version: number;
  const lines: string[] = [];

  beforeAll(async () => {
    s = await build(target);
    // An instance whose log lines the test reads (info: every request's lines).
    app = await buildServer(testConfig(s.wechat.url, { LOG_LEVEL: 'info' }), { database: s.database, logStream: { write: (l) => void lines.push(l) } });
    await app.ready();
    version = await publishPolicy(s, tinyPolicy('purge-race'), true);
  });
  afterAll(async () => {
    await app?.close();
    await s?.close();
  });

  const event = (id: string, deviceId: string, value = 'granted') => ({
    id,
    kind: 'consent',
    purpose: 'marketing',
    value,
    policyVersion: version,
    deviceId,
    occurredAt: '2025-03-03T03:03:03.000Z',
    source: 'privacy-centre',
  });
  const write = (token: string, events: object[]) => app.inject({ method: 'POST', url: '/v1/me/consents', headers: bearer(token), payload: { events } });

  /** A shopper with a consent and a due cancellation request (cooling-off is 0 in tests). */
  const leaving = async (name: string) => {
    const { token, userId } = await s.login(name);
    const deviceId = `device-${name}`;
    expect((await write(token, [event(`${name}-first`, deviceId)])).statusCode).toBe(200);
    const asked = await app.inject({ method: 'POST', url: '/v1/me/cancellation', headers: { ...bearer(token), 'idempotency-key': `${name}-key-1` }, payload: { confirm: true, code: `dev:${name}` } });
    expect(asked.statusCode).toBe(202);
    return { token, userId, deviceId };
  };

  /** Runs a purge held after `step` while `during` runs; the hold ends after `holdMs`. */
  const purgeHeldAt = async <T>(step: PurgeStep, during: () => Promise<T>, holdMs = 400): Promise<{ purged: number; during: T }> => {
    let reached!: () => void;
    const atStep = new Promise<void>((r) => (reached = r));
    let held = false;
    const purger = new AccountPurger(s.db, {
      receiver: s.app.config.overseasReceiver,
      overseasPurposes: OVERSEAS_PURPOSES,
      pseudonyms: s.app.pseudonyms,
      onStep: async (at) => {
        if (at !== step || held) return;
        held = true;
        reached();
        await new Promise((r) => setTimeout(r, holdMs));
      },
    });
    const purging = purger.runOnce();
    // On PGlite the held transaction owns the one connection: the write starts and waits.
    await Promise.race([atStep, purging]);
    const writing = during();
    const [purged, result] = await Promise.all([purging, writing]);
    return { purged, during: result };
  };

  it.each([
    // A decision on a new purpose committed between the anonymising step and the final delete:
    // the delete used to fail on the new row's foreign key and roll the whole batch back.
    ['delete-idempotency-keys', 'a new purpose', 'personalisation'],
    // A change of a kept decision, waiting on the purge's delete of that state row: it used to go
    // on after the purge and fail its foreign key check, 500, the user id in the logged error.
    ['delete-idempotency-keys', 'a kept purpose', 'marketing'],
    ['delete-users', 'a kept purpose', 'marketing'],
  ] as [PurgeStep, string, string][])('held after %s, a write of %s: the purge completes, the write gets 410, no log line names the shopper', async (step, _what, purpose) => {
    const p = await leaving(`race-${step}-${purpose}`);
    const bystander = await s.login(`bystander-${step}-${purpose}`);
    const { purged, during } = await purgeHeldAt(step, () =>
      Promise.all([
        write(p.token, [{ ...event(`race-${step}-late`, p.deviceId, 'withdrawn'), purpose }]),
        write(bystander.token, [event(`bystander-${step}-1`, 'device-bystander')]),
      ]),
    ).catch((err: unknown) => ({ purged: `failed: ${String(err)}`, during: null }));
    const naming = () => lines.filter((l) => l.includes(p.userId) || l.includes(p.deviceId));
    expect({ purged, late: during?.[0].statusCode, naming: naming() }).toEqual({ purged: 1, late: 410, naming: [] });
    const [late, other] = during!;
    expect(late.json().error).toMatchObject({ code: 'ACCOUNT_DELETED', completedAt: expect.any(String) });
    // Another shopper's write at the same time is not harmed.
    expect(other.statusCode).toBe(200);
    expect(other.json()).toMatchObject({ accepted: 1 });

    // The account is gone whole: no row names the user, nothing was stored under it.
    expect(await s.db.selectFrom('users').select('id').where('id', '=', p.userId).execute()).toEqual([]);
    expect(await s.db.selectFrom('consent_events').select('seq').where('user_id', '=', p.userId).execute()).toEqual([]);
    expect(await s.db.selectFrom('cancellation_requests').select('status').where('user_id', '=', p.userId).execute()).toEqual([]);
    const text = await allText(s.db);
    expect({ found: text.includes(p.userId) }).toEqual({ found: false });
    // No log line holds the purged account's id or device id.
    expect(naming()).toEqual([]);
  });
});
