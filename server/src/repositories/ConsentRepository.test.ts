import { appPurposes } from '@maison/privacy/config';
import { SHOP_PRIVACY } from '../../../src/shop/privacy-content/app';

const CONSENT_PURPOSES = appPurposes(SHOP_PRIVACY);
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { sql } from 'kysely';
import { CAPABILITIES, CONSENT_VALUES, PERMISSION_VALUES, POLICY_VALUES, type LedgerEvent, reduceLedger } from '@maison/privacy/contract';
import { publishPolicy, testTargets, tinyPolicy, type TestServer, build } from '../../test/helper';
import { sha256Hex } from '../domain/tokens';
import { ConsentRepository } from './ConsentRepository';

jest.setTimeout(120_000);

const event = fc.oneof(
  fc.record({ kind: fc.constant('policy' as const), purpose: fc.constant('policy' as const), value: fc.constantFrom(...POLICY_VALUES) }),
  fc.record({ kind: fc.constant('consent' as const), purpose: fc.constantFrom(...CONSENT_PURPOSES), value: fc.constantFrom(...CONSENT_VALUES) }),
  fc.record({ kind: fc.constant('permission' as const), purpose: fc.constantFrom(...CAPABILITIES), value: fc.constantFrom(...PERMISSION_VALUES) }),
);

/**
 * The events the server keeps of a history sent in order: every policy and consent decision, and
 * each observation (a device's permission, the policy shown) unless it repeats the value and
 * policy version of the one before it with its key.
 */
function keptOf(events: readonly LedgerEvent[]): LedgerEvent[] {
  const last = new Map<string, string>();
  return events.filter((e) => {
    const observation = e.kind === 'permission' || (e.kind === 'policy' && e.value === 'shown');
    const key = `${e.kind} ${e.purpose} ${e.kind === 'permission' ? e.deviceId : ''} ${e.kind === 'policy' && e.value === 'shown'}`;
    const repeat = last.get(key) === `${e.value} ${e.policyVersion}`;
    last.set(key, `${e.value} ${e.policyVersion}`);
    return !(observation && repeat);
  });
}

/** A state without its times: what the decisions are. */
const valuesOf = (state: ReturnType<typeof reduceLedger>) => JSON.parse(JSON.stringify(state, (k, v: unknown) => (k === 'at' ? undefined : v))) as unknown;

describe.each(testTargets())('ConsentRepository on $name', (target) => {
  let s: TestServer;
  let version: number;
  beforeAll(async () => {
    s = await build(target);
    version = await publishPolicy(s, tinyPolicy('repo'), true);
  });
  afterAll(async () => s?.close());

  it('derives the same state from the latest events as reducing the whole history', async () => {
    const repo = new ConsentRepository(s.db);
    let n = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(event, fc.constantFrom('dev-a', 'dev-b', 'dev-c')), { minLength: 0, maxLength: 40 }), fc.integer({ min: 1, max: 7 }), async (drawn, batch) => {
        const { token, userId } = await s.login(`state-${n++}`);
        const tokenHash = sha256Hex(token);
        const events = drawn.map(
          ([e, deviceId], i) =>
            ({ ...e, id: `e-${i}`, policyVersion: version, deviceId, occurredAt: new Date(Date.UTC(2026, 0, 1, 0, 0, 40 - i)).toISOString(), source: 'settings' }) as LedgerEvent,
        );
        const kept = keptOf(events);
        const keptIds = new Set(kept.map((e) => e.id));
        // Leaving the repeats out never changes a decision, only since when it holds.
        expect(valuesOf(reduceLedger(kept))).toEqual(valuesOf(reduceLedger(events)));
        // What the server should hold: the kept events, and after each policy refusal its own
        // withdrawal of every consent granted just before it (as the stored state and the batch's
        // earlier events have it), ordered by purpose, with the refusal's device, time and source.
        const model: LedgerEvent[] = [];
        const consentValue = new Map<string, string>();
        for (let i = 0; i < events.length; i += batch) {
          const slice = events.slice(i, i + batch);
          // Replays part of the previous batch too: duplicates are skipped and counted, as are repeats.
          const replayed = events.slice(Math.max(0, i - 2), i);
          const r = await repo.appendAsSession(tokenHash, [...replayed, ...slice]);
          if (r.kind !== 'stored') throw new Error(`not stored: ${r.kind === 'refused' ? `session ${r.session.kind}` : r.kind}`);
          expect(r.userId).toBe(userId);
          const fresh = slice.filter((e) => keptIds.has(e.id));
          expect({ accepted: r.accepted, duplicates: r.duplicates }).toEqual({ accepted: fresh.length, duplicates: replayed.length + slice.length - fresh.length });
          const before = new Map(consentValue);
          const inBatch = new Map<string, string>();
          for (const e of fresh) {
            model.push(e);
            if (e.kind === 'consent') {
              inBatch.set(e.purpose, e.value);
              consentValue.set(e.purpose, e.value);
            }
            if (e.kind === 'policy' && e.value === 'refused') {
              const view = new Map([...before, ...inBatch]);
              for (const purpose of [...view.keys()].sort()) {
                if (view.get(purpose) !== 'granted') continue;
                model.push({ ...e, kind: 'consent', purpose, value: 'withdrawn', id: `w_${sha256Hex(`${e.id}/${purpose}`).slice(0, 40)}` } as LedgerEvent);
                consentValue.set(purpose, 'withdrawn');
              }
            }
          }
          expect(r.state).toEqual(reduceLedger(model));
        }
        const stored = await repo.list(userId);
        expect(stored.map((e) => e.id)).toEqual(model.map((e) => e.id));
        expect(await repo.state(userId)).toEqual(reduceLedger(stored));
      }),
      { numRuns: 60 },
    );
  });

  it('keeps the state in step with the ledger when statements for one user race, and the migration rebuilds the same state', async () => {
    const repo = new ConsentRepository(s.db);
    const devices = ['dev-a', 'dev-b'];
    const shoppers = await Promise.all([1, 2, 3].map((i) => s.login(`race-${i}`)));
    let n = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(fc.array(fc.tuple(event, fc.constantFrom(...devices)), { minLength: 1, maxLength: 6 }), { minLength: 2, maxLength: 8 }), async (batches) => {
        // Every batch in its own statement, all at once: PostgreSQL runs them on separate connections.
        await Promise.all(
          batches.map((batch, b) =>
            repo.appendAll(
              shoppers.map((sh) => ({
                tokenHash: sha256Hex(sh.token),
                events: batch.map(([e, deviceId], i) => ({ ...e, id: `race-${n}-${b}-${i}`, policyVersion: version, deviceId, occurredAt: '2026-01-01T00:00:00.000Z', source: 'settings' }) as LedgerEvent),
              })),
            ),
          ),
        );
        n++;
        for (const sh of shoppers) expect(await repo.state(sh.userId)).toEqual(reduceLedger(await repo.list(sh.userId)));
      }),
      { numRuns: 25 },
    );
    const kept = () => s.db.selectFrom('consent_state').selectAll().orderBy(['user_id', 'kind', 'purpose', 'device_key', 'shown']).execute();
    const before = await kept();
    expect(before.length).toBeGreaterThan(0);
    const migration = readFileSync(join(__dirname, '..', 'migrations', '004_consent_state.sql'), 'utf8');
    const backfill = migration.slice(migration.indexOf('insert into consent_state'));
    await sql`delete from consent_state`.execute(s.db);
    await sql.raw(backfill).execute(s.db);
    expect(await kept()).toEqual(before);
  });

  it('stores nothing for a session that is unknown, expired, revoked or of a purged account', async () => {
    const repo = new ConsentRepository(s.db);
    const batch = [{ id: 'refused-1', kind: 'consent', purpose: 'marketing', value: 'granted', policyVersion: version, deviceId: 'dev-r', occurredAt: '2026-01-01T00:00:00.000Z', source: 'settings' } as LedgerEvent];
    const count = async () => Number((await s.db.selectFrom('consent_events').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
    const before = await count();
    expect(await repo.appendAsSession(sha256Hex('st_unknown-token-value'), batch)).toEqual({ kind: 'refused', session: { kind: 'none' } });
    const cases: [string, Record<string, unknown>, unknown][] = [
      ['expired', { expires_at: new Date(Date.now() - 1000).toISOString() }, { kind: 'none' }],
      ['revoked', { revoked_at: new Date().toISOString() }, { kind: 'none' }],
      ['purged', { account_deleted_at: '2026-02-02T00:00:00.000Z' }, { kind: 'deleted', completedAt: '2026-02-02T00:00:00.000Z' }],
    ];
    for (const [name, change, session] of cases) {
      const { token } = await s.login(`refused-${name}`);
      await s.db.updateTable('sessions').set(change).where('token_hash', '=', sha256Hex(token)).execute();
      expect({ name, outcome: await repo.appendAsSession(sha256Hex(token), batch) }).toEqual({ name, outcome: { kind: 'refused', session } });
    }
    expect(await count()).toBe(before);
  });

  it('knows published versions only, and remembers them', async () => {
    const repo = new ConsentRepository(s.db);
    expect([...(await repo.knownVersions([version, version + 50, version]))]).toEqual([version]);
    expect([...(await repo.knownVersions([]))]).toEqual([]);
    const draft = await s.app.inject({ method: 'POST', url: '/v1/admin/policies', headers: { authorization: `Bearer ${s.publisher}` }, payload: { content: tinyPolicy('draft') } });
    const draftVersion = (draft.json() as { version: number }).version;
    expect([...(await repo.knownVersions([draftVersion]))]).toEqual([]);
  });
});
