/** Shoppers with data to purge, and what must be left of them afterwards (purge suites share these). */
import type { Kysely } from 'kysely';
import type { DB } from '../src/db/schema';
import { Pseudonyms } from '../src/domain/pseudonyms';
import { TEST_PSEUDONYM_KEY } from './pseudonymKey';
import { allText, bearer, type TestServer } from './helper';

export interface PurgeFixture {
  name: string;
  token: string;
  userId: string;
  deviceId: string;
  subject: string;
  eventIds: string[];
  /** The number of the warranty card the shopper registered (a shop record the purge deletes). */
  warranty: string;
  /** The free text of the shopper's rights request (the desk's requests go with the account). */
  requestDetails: string;
  /** Whether the shopper granted the cross-border consent (their data went to the overseas receiver). */
  crossBorder: boolean;
}

export interface PurgeFixtureOptions {
  /** Grant the cross-border consent (default), or another separate consent instead (marketing). */
  crossBorder?: boolean;
}

/**
 * A shopper with consents on one device (the cross-border one unless `crossBorder` is false), a
 * rights request, a warranty and a product view, a withdrawn and a pending cancellation (cooling-off 0).
 */
export async function purgeFixture(s: TestServer, version: number, name: string, options: PurgeFixtureOptions = {}): Promise<PurgeFixture> {
  const crossBorder = options.crossBorder ?? true;
  const { token, userId } = await s.login(name);
  const deviceId = `dev-${name}`.padEnd(12, 'x');
  const events = ['policy', 'consent', 'permission'].map((kind, i) => ({
    id: `${name}-evt-${i}`.padEnd(10, '0'),
    kind,
    purpose: kind === 'policy' ? 'policy' : kind === 'consent' ? (crossBorder ? 'cross-border' : 'marketing') : 'camera',
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
  expect((await s.app.inject({ method: 'POST', url: '/v1/me/cancellation/withdrawal', headers: bearer(token), payload: { code: `dev:${name}` } })).statusCode).toBe(200);
  expect((await ask(`${name}-key-2`.padEnd(10, '0'))).statusCode).toBe(202);
  // The shop's own records: a warranty registration through its route, a product view.
  const warranty = `WTY-${name.toUpperCase().replace(/[^A-Z0-9]/g, '-')}`.padEnd(10, '0').slice(0, 24);
  const registered = await s.app.inject({ method: 'POST', url: '/v1/shop/warranties', headers: { ...bearer(token), 'idempotency-key': `${name}-wty-1`.padEnd(10, '0') }, payload: { serial: warranty, international: false } });
  expect(registered.statusCode).toBe(201);
  await s.db.insertInto('shop_product_views').values({ user_id: userId, product_id: 'santos' }).execute();
  // A rights request at the desk, with free text of the shopper's own.
  const requestDetails = `request of ${name}`;
  const asked = await s.app.inject({
    method: 'POST',
    url: '/v1/me/requests',
    headers: { ...bearer(token), 'idempotency-key': `${name}-req-1`.padEnd(10, '0') },
    payload: { type: 'correction', details: requestDetails, code: `dev:${name}` },
  });
  expect(asked.statusCode).toBe(202);
  const subject = (await s.db.selectFrom('users').select('subject_hash').where('id', '=', userId).executeTakeFirstOrThrow()).subject_hash;
  return { name, token, userId, deviceId, subject, eventIds: events.map((e) => e.id), warranty, requestDetails, crossBorder };
}

/** What is left of a shopper after the purge, with the random ids taken out. */
export async function purgedEndState(db: Kysely<DB>, p: PurgeFixture, pseudonyms: Pseudonyms = new Pseudonyms(TEST_PSEUDONYM_KEY)) {
  // Proofs are kept under the user's pseudonym; requests and the receiver's deletion under another.
  const hash = pseudonyms.user(p.userId);
  const requestHash = pseudonyms.cancellation(p.userId);
  const events = await db.selectFrom('consent_events').select(['event_id', 'kind', 'purpose', 'value', 'device_id', 'user_id']).where('subject_hash', '=', hash).orderBy('seq').execute();
  const requests = await db.selectFrom('cancellation_requests').select(['status', 'reason', 'user_id']).where('subject_hash', '=', requestHash).orderBy('requested_at').execute();
  const receiver = await db.selectFrom('receiver_deletions').select(['receiver']).where('subject_hash', '=', requestHash).execute();
  const users = await db.selectFrom('users').select('id').where('id', '=', p.userId).execute();
  const live = await db.selectFrom('sessions').select('token_hash').where('user_id', '=', p.userId).execute();
  const keys = await db.selectFrom('idempotency_keys').select('key').where('user_id', '=', p.userId).execute();
  const rightsRequests = await db.selectFrom('rights_requests').select('id').where('user_id', '=', p.userId).execute();
  return {
    events: events.map((e) => ({ ...e, event_id: e.event_id.replace(p.name, 'X'), device_id: e.device_id === pseudonyms.device(p.deviceId) ? 'hashed' : e.device_id })),
    requests,
    receiver,
    users: users.length,
    liveSessions: live.length,
    keys: keys.length,
    rightsRequests: rightsRequests.length,
  };
}

/** The old token gets 410 and no text column anywhere holds one of the shopper's identifiers. */
export async function expectFullyPurged(s: TestServer, p: PurgeFixture): Promise<void> {
  const res = await s.app.inject({ url: '/v1/me/consents', headers: bearer(p.token) });
  expect(res.statusCode).toBe(410);
  expect(res.json().error.code).toBe('ACCOUNT_DELETED');
  const text = await allText(s.db);
  for (const identifier of [p.userId, p.subject, p.deviceId, `reason of ${p.name}`, p.warranty, p.requestDetails]) expect({ identifier, found: text.includes(identifier) }).toEqual({ identifier, found: false });
}
