/**
 * Generated bad input on every route of the route table, on PostgreSQL: at least 1,000 requests
 * per route (RELIABILITY_RUNS), mixing wrong types and shapes, unknown fields, oversized and deeply
 * nested bodies, invalid UTF-8, wrong content types, injection strings in path, query, headers
 * and body, replayed idempotency keys, and expired, forged, revoked or wrong-door credentials.
 * No answer is a 5xx and no row of any table changes.
 */
import fc from 'fast-check';
import type { InjectOptions } from 'fastify';
import { BODY_LIMIT } from '../../server/src';
import { createOpsToken } from '../../server/src/commands/createOpsToken';
import { sha256Hex } from '../../server/src/domain/tokens';
import { bearer, build, publishPolicy, tableChecksums, tinyPolicy, type TestServer } from '../../server/test/helper';
import { CASES, type Caller, type Ctx } from '../../server/test/routeCases';

jest.setTimeout(900_000);

const adminUrl = process.env.TEST_DATABASE_URL;
if (!adminUrl) throw new Error('TEST_DATABASE_URL is not set: run this suite through `npm run test:reliability`.');
const RUNS = Math.max(1000, Number(process.env.RELIABILITY_RUNS ?? 1000));

/** Strings that have broken parsers, queries, templates and paths elsewhere. */
const HOSTILE = [
  "' or 1=1 --",
  "'; drop table consent_events; --",
  '" or ""="',
  '1; select pg_sleep(5)',
  '$1',
  '\u0000',
  'a\u0000b',
  '<script>alert(1)</script>',
  '{{7*7}}',
  '${7*7}',
  '../../../etc/passwd',
  '..%2f..%2f',
  '%00',
  '%',
  '\u202e\u200b\u200d',
  '\ud800',
  '__proto__',
  'constructor',
  'NaN',
  'Infinity',
  '-1',
  '0',
  '1e309',
  '99999999999999999999999',
  ' ',
  '',
  'null',
  'undefined',
  'x'.repeat(5000),
  '隐私政策'.repeat(300),
];

/** Percent-encodes every UTF-8 byte (a lone surrogate becomes U+FFFD, as a browser would send it). */
const pct = (text: string) => [...Buffer.from(text, 'utf8')].map((b) => `%${b.toString(16).padStart(2, '0')}`).join('');

describe('generated bad input on every route (PostgreSQL)', () => {
  let s: TestServer;
  let ctx: Ctx;
  let attacker: Caller;
  let pending: Caller;
  const creds: Record<string, Record<string, string>> = {};

  beforeAll(async () => {
    s = await build({ name: 'postgres', adminUrl });
    const version = await publishPolicy(s, tinyPolicy('fuzz'), true);
    attacker = await s.login('fuzz-attacker');
    // A shopper with a pending cancellation: its idempotency key is replayed with other bodies.
    pending = await s.login('fuzz-pending');
    const slow = await s.another({ COOLING_OFF_SECONDS: '86400' });
    const c = await slow.inject({ method: 'POST', url: '/v1/me/cancellation', headers: { ...bearer(pending.token), 'idempotency-key': 'fuzz-replayed-key-1' }, payload: { confirm: true, code: 'dev:fuzz-pending' } });
    expect(c.statusCode).toBe(202);
    const expiredShopper = await s.login('fuzz-expired');
    await s.db.updateTable('sessions').set({ expires_at: new Date(Date.now() - 60_000).toISOString() }).where('token_hash', '=', sha256Hex(expiredShopper.token)).execute();
    const revoked = await createOpsToken(s.db, { role: 'publisher', name: 'fuzz-revoked', expiresInDays: 1 });
    await s.db.updateTable('ops_tokens').set({ revoked_at: new Date().toISOString() }).where('id', '=', revoked.id).execute();
    const expiredOps = await createOpsToken(s.db, { role: 'publisher', name: 'fuzz-expired', expiresInDays: 1 });
    await s.db.updateTable('ops_tokens').set({ expires_at: new Date(Date.now() - 60_000).toISOString() }).where('id', '=', expiredOps.id).execute();
    Object.assign(creds, {
      none: {},
      forgedShopper: bearer(`st_${'A'.repeat(43)}`),
      forgedOps: bearer(`ot_${'B'.repeat(43)}`),
      garbage: { authorization: 'Bearer \u0000; drop' },
      basic: { authorization: 'Basic YWRtaW46YWRtaW4=' },
      expiredShopper: bearer(expiredShopper.token),
      revokedOps: bearer(revoked.token),
      expiredOps: bearer(expiredOps.token),
      attacker: bearer(attacker.token),
      viewer: bearer(s.viewer),
      publisher: bearer(s.publisher),
      cookie: { cookie: `ops_session=${'x'.repeat(40)}; __proto__=1` },
    });
    const tokens = (await s.app.inject({ url: '/v1/admin/tokens', headers: bearer(s.publisher) })).json() as { tokens: { id: string; name: string }[] };
    ctx = { version, victimTokenId: tokens.tokens.find((t) => t.name === 'test-viewer')!.id };
  });
  afterAll(async () => s?.close());

  it(`answers ${RUNS} bad requests per route with no 5xx and changes no table`, async () => {
    const before = await tableChecksums(s.db);
    const hostile = fc.oneof(fc.constantFrom(...HOSTILE), fc.string({ maxLength: 40 }), fc.string({ unit: 'binary', maxLength: 20 }));
    // Never a valid request body: not JSON, not an object, or an object with a field no schema allows.
    const badJson = fc.oneof(
      fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v)),
      fc.dictionary(fc.oneof(fc.constantFrom('__proto__', 'constructor', 'events', 'code', 'content', 'items'), fc.string({ maxLength: 10 })), fc.jsonValue({ maxDepth: 2 })).map((o) =>
        JSON.stringify({ ...o, unexpectedField: true }),
      ),
      fc.record({ events: fc.array(fc.dictionary(fc.string({ maxLength: 8 }), hostile), { maxLength: 5 }) }).map((o) => JSON.stringify({ ...o, unexpectedField: 1 })),
      hostile.map((h) => `{"code": ${JSON.stringify(h)}, "unexpectedField": true}`),
      fc.integer({ min: 200, max: 20_000 }).map((n) => `${'['.repeat(n)}${']'.repeat(n)}`),
      fc.constant(`{"items": "${'x'.repeat(BODY_LIMIT + 10)}"}`),
      fc.constantFrom('{', '{"a":', '[1,]', '{"a":1}{"b":2}', 'nul', '\ufeff{}', '{"a":"\\ud800"}', '{"__proto__": {"admin": true}}'),
    );
    const body = fc.oneof(
      { weight: 5, arbitrary: badJson.map((t) => Buffer.from(t, 'utf8')) },
      { weight: 1, arbitrary: fc.uint8Array({ maxLength: 300 }).map((b) => Buffer.from(b)) },
      { weight: 1, arbitrary: fc.constant(Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xc3, 0x28, 0xff, 0x22, 0x7d])) }, // invalid UTF-8
    );
    // Mostly JSON, so most bodies reach the parser and the schemas; the rest tests the media-type check.
    const contentType = fc.oneof(
      { weight: 6, arbitrary: fc.constantFrom('application/json', 'application/json; charset=utf-8') },
      { weight: 4, arbitrary: fc.constantFrom('application/json; charset=latin1', 'text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', '', 'application/json, text/html') },
    );
    const credential = fc.constantFrom(...Object.keys(creds));
    const failures: { route: string; status: number; input: string }[] = [];
    const counts: Record<string, Record<string, number>> = {};

    for (const route of s.app.routeTable.filter((r) => r.method !== 'HEAD')) {
      const name = `${route.method} ${route.url}`;
      const template = CASES[name]!(attacker, ctx);
      const tally: Record<string, number> = (counts[name] = {});
      await fc.assert(
        fc.asyncProperty(
          hostile,
          fc.array(fc.tuple(hostile, hostile), { maxLength: 3 }),
          body,
          contentType,
          credential,
          fc.oneof(fc.constant('fuzz-replayed-key-1'), hostile),
          fc.boolean(),
          async (seg, query, payload, type, who, idemKey, replay) => {
            // Path parameters: hostile text, never a plain integer or a real id.
            const path = route.url.replace(/:[a-zA-Z]+/g, () => pct(`z${seg}`));
            // Query: percent-encoded hostile text, plus malformed escapes now and then.
            const qs = query.map(([k, v], i) => `${pct(k)}=${pct(v)}${i === 1 ? '%zz%' : ''}`).join('&');
            const url = qs ? `${path}?${qs}` : path;
            // A replayed key goes with the pending shopper's session and a different body (not on
            // DELETE /v1/me/cancellation, which would legitimately withdraw that request).
            const asPending = replay && route.auth === 'shopper' && name !== 'DELETE /v1/me/cancellation';
            const auth = asPending ? bearer(pending.token) : creds[who]!;
            const headers: Record<string, string> = { ...auth, 'idempotency-key': idemKey, 'x-forwarded-for': seg.slice(0, 50) };
            if (type) headers['content-type'] = type;
            const req: InjectOptions = { method: template.method ?? 'GET', url, headers };
            if (route.method !== 'GET') req.payload = payload;
            let status: number;
            try {
              status = (await s.app.inject(req)).statusCode;
            } catch {
              status = 599; // inject itself failed: the server threw outside the handler chain
            }
            tally[status] = (tally[status] ?? 0) + 1;
            // A write may succeed only where it provably changes nothing: signing out of the console
            // without a session (the table checksums below hold it to that).
            const write = route.method !== 'GET' && name !== 'DELETE /ops/api/session';
            if (status >= 500 || (write && status < 400)) {
              failures.push({ route: name, status, input: JSON.stringify({ url, who: asPending ? 'pending' : who, type, body: payload.toString('utf8').slice(0, 200) }) });
            }
          },
        ),
        { numRuns: RUNS },
      );
    }
    const lines = Object.entries(counts).map(([route, t]) => `  ${route.padEnd(48)} ${Object.values(t).reduce((a, b) => a + b, 0)} requests: ${JSON.stringify(t)}`);
    console.log(`bad input, ${RUNS} per route:\n${lines.join('\n')}`);
    for (const t of Object.values(counts)) expect(Object.values(t).reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(RUNS);
    expect(failures.slice(0, 20)).toEqual([]);
    expect(await tableChecksums(s.db)).toEqual(before);
  });
});
