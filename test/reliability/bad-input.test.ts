/**
 * Generated bad input on every route of Fastify's route table (HEAD routes included), on
 * PostgreSQL: at least 1,000 requests per route (RELIABILITY_RUNS raises it; RELIABILITY_SEED
 * replays a run). The requests mix wrong JSON types and shapes, unknown and `__proto__` fields,
 * bodies over the route's limit, huge strings and deep nesting inside otherwise valid bodies,
 * invalid UTF-8, wrong, absent and lying content headers, injection strings in path, query,
 * headers and body, a replayed idempotency key with other bodies, and expired, forged, revoked
 * and wrong-door credentials (bearer tokens and console cookies with and without their CSRF
 * token). Unpaired UTF-16 surrogates go into every string and key of a body (policy documents
 * included), sent with the route's own credential to a live resource (the draft where a route
 * edits or publishes one), and must answer 400. No answer is a 5xx; a write answers 2xx only
 * where that provably changes nothing; and no row of any table changes (checksums after every route).
 */
import fc from 'fast-check';
import type { InjectOptions } from 'fastify';
import { BODY_LIMIT } from '../../server/src';
import { createOpsToken } from '../../server/src/commands/createOpsToken';
import { sha256Hex } from '../../server/src/domain/tokens';
import { CONSOLE_COOKIE, CSRF_HEADER } from '../../server/src/routes/console';
import { bearer, build, publishPolicy, tableChecksums, tinyPolicy, type TestServer } from '../../server/test/helper';
import { CASES, type Case, type Caller, type Ctx } from '../../server/test/routeCases';

jest.setTimeout(900_000);

const adminUrl = process.env.TEST_DATABASE_URL;
if (!adminUrl) throw new Error('TEST_DATABASE_URL is not set: run this suite through `npm run test:reliability`.');

/** Requests per route: 1,000 unless RELIABILITY_RUNS asks for more. */
function runsPerRoute(): number {
  const raw = process.env.RELIABILITY_RUNS;
  if (raw === undefined || raw === '') return 1000;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1000) throw new Error(`RELIABILITY_RUNS must be a whole number of at least 1000, not "${raw}"`);
  return n;
}
const RUNS = runsPerRoute();
const SEED = process.env.RELIABILITY_SEED ? Number(process.env.RELIABILITY_SEED) : Date.now() % 2_147_483_647;

/** Strings that have broken parsers, queries, templates and paths elsewhere. */
const HOSTILE = [
  "' or 1=1 --",
  "'; drop table consent_events; --",
  '" or ""="',
  '1; select pg_sleep(5)',
  "%27%20or%201%3D1--",
  '$1',
  '\u0000',
  'a\u0000b',
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  '{{7*7}}',
  '${7*7}',
  '../../../etc/passwd',
  '..\\..\\windows\\win.ini',
  '..%2f..%2f',
  '%2e%2e%2f',
  '%00',
  '%',
  '%%',
  '\r\nset-cookie: x=1',
  '\u202e\u200b\u200d\ufeff',
  '\u2028\u2029',
  '\ud800',
  '١٢٣',
  '１',
  '__proto__',
  'constructor',
  'prototype',
  'NaN',
  'Infinity',
  '-Infinity',
  '1e400',
  '-1',
  '0',
  '1.5',
  '0x10',
  '1e309',
  '99999999999999999999999',
  'true',
  '[]',
  '{}',
  ' ',
  '',
  'null',
  'undefined',
  'x'.repeat(5000),
  '隐私政策'.repeat(300),
];
/** Login codes the fake WeChat (or the dev login) would honour or fail on purpose: never generated. */
const honoured = (text: string) => /^(ok:|dev:)/i.test(text) || ['invalid', 'used', 'busy', 'ratelimited', 'slow', 'malformed', 'noopenid', 'http500'].includes(text);
/** Path segments sent as they are (not percent-encoded): traversal, broken escapes, separators. */
const RAW_SEGMENTS = ['..', '.', '..%2f..%2fetc%2fpasswd', '%2e%2e', '%00', '%', '%zz', '%c0%af', '%ff', '%e2%80%ae', ';drop', '*', '~', '%20', '+'];
/** Query keys some route reads, so hostile values reach their schemas. */
const QUERY_KEYS = ['lang', 'include', 'limit', 'before', 'against', 'history', 'userId', 'version', 'token', '__proto__', 'constructor'];
/** Whole query strings of known trouble: prototype keys, repeats, long lists, broken escapes. */
const RAW_QUERIES = ['__proto__[admin]=1', 'constructor[prototype][admin]=1', 'a[b][c][d]=1', 'limit=1&limit=2', 'limit=-1&before=0', 'lang=zh&lang=en', `history=${'a,'.repeat(3000)}`, 'include=meta&include=%00', '%', '&&&=&=', 'limit=1e3', 'against=1.5', 'limit=Infinity', 'before=-1e999'];
/** Headers some part of the server reads. */
const HEADER_NAMES = ['x-forwarded-for', 'accept-language', 'user-agent', 'if-none-match', 'if-modified-since', 'accept', 'origin', 'referer', 'sec-fetch-site', 'x-request-id', 'x-user-id', 'range', CSRF_HEADER, 'host'];
const JSON_TYPES = ['application/json', 'application/json; charset=utf-8', 'application/json; charset=UTF-8', 'application/json;charset="utf-8"'];
const OTHER_TYPES = [
  'application/json; charset=latin1',
  'application/json; charset=utf-16',
  'APPLICATION/JSON',
  'application/json, text/html',
  'application/vnd.api+json',
  'application/jsonx',
  'text/plain',
  'text/json',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x',
  'application/octet-stream',
  ';',
  '',
];
const B64URL = [...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'];

/** The pending shopper's cancellation, made before the baseline; its key is replayed. */
const REPLAYED_KEY = 'fuzz-replayed-key-1';
const PENDING_BODY = { confirm: true, code: 'dev:fuzz-pending' };
const CANCEL = 'POST /v1/me/cancellation';
const ABSENT_VERSION = '999999';
const ABSENT_UUID = '00000000-0000-4000-8000-000000000000';

/** Percent-encodes every UTF-8 byte (a lone surrogate becomes U+FFFD, as a browser would send it). */
const pct = (text: string) => [...Buffer.from(text, 'utf8')].map((b) => `%${b.toString(16).padStart(2, '0')}`).join('');

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Path = (string | number)[];
const isObject = (v: Json): v is { [key: string]: Json } => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Where a body can be changed: leaves and containers outside a policy document's free-form content, and every container. */
function spotsOf(root: Json) {
  const strict = { leaves: [] as Path[], objects: [] as Path[], containers: [] as Path[] };
  const anywhere: Path[] = [];
  const walk = (v: Json, path: Path, inContent: boolean) => {
    if (isObject(v) || Array.isArray(v)) {
      anywhere.push(path);
      if (!inContent) {
        if (path.length > 0) strict.containers.push(path);
        if (isObject(v)) strict.objects.push(path);
      }
      const entries: [string | number, Json][] = Array.isArray(v) ? v.map((x, i) => [i, x]) : Object.entries(v);
      for (const [k, x] of entries) walk(x, [...path, k], inContent || k === 'content');
    } else if (!inContent) {
      strict.leaves.push(path);
    }
  };
  walk(root, [], false);
  return { ...strict, anywhere };
}

/** Every string leaf, policy documents included. */
function stringsOf(root: Json): Path[] {
  const out: Path[] = [];
  const walk = (v: Json, path: Path) => {
    if (typeof v === 'string') out.push(path);
    else if (Array.isArray(v)) v.forEach((x, i) => walk(x, [...path, i]));
    else if (isObject(v)) for (const [k, x] of Object.entries(v)) walk(x, [...path, k]);
  };
  walk(root, []);
  return out;
}

/** A copy of `root` with the value at `path` replaced (an own property even for `__proto__`). */
function setAt(root: Json, path: Path, value: Json): Json {
  if (path.length === 0) return value;
  const copy = structuredClone(root) as Json;
  let node = copy as Record<string | number, Json>;
  for (const k of path.slice(0, -1)) node = node[k] as Record<string | number, Json>;
  Object.defineProperty(node, path[path.length - 1]!, { value, enumerable: true, writable: true, configurable: true });
  return copy;
}
const getAt = (root: Json, path: Path): Json => path.reduce<Json>((node, k) => (node as Record<string | number, Json>)[k]!, root);

/** Text spliced into a serialised body where a marker string stands (deep nesting, raw bytes). */
function render(value: Json, splice?: { marker: string; bytes: Buffer }): Buffer {
  const text = JSON.stringify(value);
  if (!splice) return Buffer.from(text, 'utf8');
  const [before, after] = text.split(`"${splice.marker}"`) as [string, string];
  return Buffer.concat([Buffer.from(before, 'utf8'), splice.bytes, Buffer.from(after, 'utf8')]);
}
const MARK = 'fuzz-splice-here';
const deepText = (n: number, kind: 'array' | 'object') => (kind === 'array' ? `${'['.repeat(n)}${']'.repeat(n)}` : `${'{"a":'.repeat(n)}1${'}'.repeat(n)}`);
/** Well-formed RFC 3339 times outside what a client may send (years 2000–2099): PostgreSQL refuses some, JavaScript others. */
const OUT_OF_RANGE_TIMES = ['0000-01-01T00:00:00Z', '0001-01-01T00:00:00Z', '1969-12-31T23:59:59Z', '1999-12-31T23:59:59.999Z', '2100-01-01T00:00:00Z', '9999-12-31T23:59:59Z', '4714-11-24T00:00:00Z', '294277-01-01T00:00:00Z'];
/** Free text with control characters (NUL, escapes, DEL, C1), alone or inside ordinary text. */
const CONTROL_TEXTS = ['\u0000', 'moving\u0000away', 'a\u0001b', '\u001b[31mred', 'x\u0008', 'bell\u0007', '\u007f', 'next\u0085line', '\u009b2J', 'end\u0000'];
/**
 * Text with a UTF-16 surrogate that has no partner: high or low alone, at either end, the pair
 * reversed, beside CJK text or a valid pair. JSON carries them as `\ud800` escapes; no PostgreSQL
 * text or jsonb holds them.
 */
const SURROGATE_TEXTS = ['\ud800', '\udbff', '\udc00', '\udfff', 'a\ud83d', '\ude00z', '\ude00\ud83d', '隐私\udfff政策', '\ud83d\ude00\ud800', 'x'.repeat(100) + '\udc01'];
/** Optional free-text fields of a route's body that its case leaves out. */
const OPTIONAL_TEXT: Record<string, string[]> = { 'POST /v1/me/cancellation': ['reason'] };
/** Byte sequences no UTF-8 decoder accepts: stray continuation, overlong, surrogate, truncated, 0xFF. */
const INVALID_UTF8 = [[0xc3, 0x28], [0xc0, 0xaf], [0xed, 0xa0, 0x80], [0xe2, 0x82], [0xff], [0xfe, 0xff], [0xf8, 0x88, 0x80, 0x80, 0x80]].map((b) => Buffer.from(b));

/**
 * How a generated body relates to the route: `invalid` can never pass the route's schema or
 * parser; `maybe-valid` might (a hostile string or a deep object where the schema allows any),
 * so it is only sent where the request is refused anyway (absent or finished resource, wrong
 * credential) or the route stores nothing; `bad-credential` is the route's valid body, sent
 * only with a credential that must be refused; the two replays use the pending shopper's key;
 * `surrogate` is the route's valid body with an unpaired surrogate in one string or key, sent as
 * the route's rightful caller to a live resource, and must answer 400.
 */
type Family = 'invalid' | 'maybe-valid' | 'bad-credential' | 'replay-other' | 'exact-replay' | 'surrogate';
interface Body {
  family: Family;
  payload: Buffer;
}

describe('generated bad input on every route (PostgreSQL)', () => {
  let s: TestServer;
  let ctx: Ctx;
  let attacker: Caller;
  let draft: number;
  let revokedOpsId: string;
  /** Named credentials: each a set of headers. */
  const creds: Record<string, Record<string, string>> = {};
  /** Credentials that never pass any route's check. */
  const BAD = [
    'none',
    'garbage',
    'basic',
    'expiredShopper',
    'revokedShopper',
    'revokedOps',
    'expiredOps',
    'cookieForged',
    'cookieProto',
    'consoleNoCsrf',
    'consoleWrongCsrf',
    'consoleCrossSite',
    'consoleExpired',
    'consoleRevoked',
  ];
  /**
   * Credentials left out on one route because with them the request is a legitimate action, not
   * bad input: withdrawing the pending requests, answering a rights request, signing a live console session out, and the
   * console's session check, which removes a dead session's row.
   */
  const LEFT_OUT: Record<string, string[]> = {
    'POST /v1/me/cancellation/withdrawal': ['pending'],
    'POST /v1/me/requests/:id/withdrawal': ['pending'],
    'POST /v1/admin/requests/:id/decision': ['publisher', 'consolePublisher'],
    'DELETE /ops/api/session': ['consolePublisher', 'consoleViewer', 'consoleRevoked'],
    'GET /ops/api/session': ['consoleExpired', 'consoleRevoked'],
    'HEAD /ops/api/session': ['consoleExpired', 'consoleRevoked'],
  };

  const routes = () => s.app.routeTable;
  const keyOf = (r: { method: string; url: string }) => `${r.method} ${r.url}`;
  /** HEAD routes answer as their GET route does: they share its case. */
  const caseOf = (r: { method: string; url: string }): Case | undefined => CASES[keyOf({ method: r.method === 'HEAD' ? 'GET' : r.method, url: r.url })];

  beforeAll(async () => {
    s = await build({ name: 'postgres', adminUrl });
    const version = await publishPolicy(s, tinyPolicy('fuzz'), true);
    const created = await s.app.inject({ method: 'POST', url: '/v1/admin/policies', headers: bearer(s.publisher), payload: { content: tinyPolicy('fuzz-draft') } });
    expect(created.statusCode).toBe(201);
    draft = created.json().version;
    attacker = await s.login('fuzz-attacker');
    // A shopper with a pending cancellation and a long cooling-off: its key is replayed.
    const pending = await s.login('fuzz-pending');
    const slow = await s.another({ COOLING_OFF_SECONDS: '86400' });
    const c = await slow.inject({ method: 'POST', url: '/v1/me/cancellation', headers: { ...bearer(pending.token), 'idempotency-key': REPLAYED_KEY }, payload: PENDING_BODY });
    expect(c.statusCode).toBe(202);
    const expiredShopper = await s.login('fuzz-expired');
    await s.db.updateTable('sessions').set({ expires_at: new Date(Date.now() - 60_000).toISOString() }).where('token_hash', '=', sha256Hex(expiredShopper.token)).execute();
    const revokedShopper = await s.login('fuzz-revoked');
    await s.db.updateTable('sessions').set({ revoked_at: new Date().toISOString() }).where('token_hash', '=', sha256Hex(revokedShopper.token)).execute();
    const revoked = await createOpsToken(s.db, { role: 'publisher', name: 'fuzz-revoked', expiresInDays: 1 });
    await s.db.updateTable('ops_tokens').set({ revoked_at: new Date().toISOString() }).where('id', '=', revoked.id).execute();
    revokedOpsId = revoked.id;
    const expiredOps = await createOpsToken(s.db, { role: 'publisher', name: 'fuzz-expired', expiresInDays: 1 });
    await s.db.updateTable('ops_tokens').set({ expires_at: new Date(Date.now() - 60_000).toISOString() }).where('id', '=', expiredOps.id).execute();

    // Console sessions: live (publisher, viewer), expired, and one whose token was revoked since.
    const signIn = async (token: string) => {
      const res = await s.app.inject({ method: 'POST', url: '/ops/api/session', payload: { token } });
      expect(res.statusCode).toBe(201);
      const cookie = [res.headers['set-cookie']].flat().find((h) => typeof h === 'string' && h.startsWith(`${CONSOLE_COOKIE}=`))!.split(';')[0]!;
      return { cookie, csrf: res.json().csrfToken as string, secret: cookie.slice(CONSOLE_COOKIE.length + 1) };
    };
    const consolePublisher = await signIn(s.publisher);
    const consoleViewer = await signIn(s.viewer);
    const laterExpired = await signIn((await createOpsToken(s.db, { role: 'publisher', name: 'fuzz-console-expired', expiresInDays: 1 })).token);
    await s.db.withTables<{ ops_console_sessions: { id_hash: string; expires_at: string } }>()
      .updateTable('ops_console_sessions')
      .set({ expires_at: new Date(Date.now() - 60_000).toISOString() })
      .where('id_hash', '=', sha256Hex(laterExpired.secret))
      .execute();
    const laterRevoked = await createOpsToken(s.db, { role: 'publisher', name: 'fuzz-console-revoked', expiresInDays: 1 });
    const consoleRevoked = await signIn(laterRevoked.token);
    await s.db.updateTable('ops_tokens').set({ revoked_at: new Date().toISOString() }).where('id', '=', laterRevoked.id).execute();

    const session = (x: { cookie: string; csrf: string }) => ({ cookie: x.cookie, [CSRF_HEADER]: x.csrf });
    Object.assign(creds, {
      none: {},
      garbage: { authorization: 'Bearer \u0000; drop' },
      basic: { authorization: 'Basic YWRtaW46YWRtaW4=' },
      expiredShopper: bearer(expiredShopper.token),
      revokedShopper: bearer(revokedShopper.token),
      revokedOps: bearer(revoked.token),
      expiredOps: bearer(expiredOps.token),
      attacker: bearer(attacker.token),
      pending: bearer(pending.token),
      viewer: bearer(s.viewer),
      publisher: bearer(s.publisher),
      cookieForged: { cookie: `${CONSOLE_COOKIE}=${'Q'.repeat(43)}`, [CSRF_HEADER]: 'R'.repeat(43) },
      cookieProto: { cookie: `${CONSOLE_COOKIE}=x; __proto__=1; constructor=2` },
      consolePublisher: session(consolePublisher),
      consoleViewer: session(consoleViewer),
      consoleNoCsrf: { cookie: consolePublisher.cookie },
      consoleWrongCsrf: { cookie: consolePublisher.cookie, [CSRF_HEADER]: consoleViewer.csrf },
      consoleCrossSite: { ...session(consolePublisher), origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' },
      consoleExpired: session(laterExpired),
      consoleRevoked: session(consoleRevoked),
      // A shopper's bearer token and the publisher's console cookie together.
      bothDoors: { ...bearer(attacker.token), ...session(consolePublisher) },
    });
    const tokens = (await s.app.inject({ url: '/v1/admin/tokens', headers: bearer(s.publisher) })).json() as { tokens: { id: string; name: string }[] };
    // An open rights request of another shopper's, for the routes that name one.
    const asked = await s.app.inject({ method: 'POST', url: '/v1/me/requests', headers: { ...bearer(pending.token), 'idempotency-key': 'fuzz-desk-key-1' }, payload: { type: 'access' } });
    if (asked.statusCode !== 202) throw new Error(`rights request: ${asked.body}`);
    ctx = { version, victimTokenId: tokens.tokens.find((t) => t.name === 'test-viewer')!.id, victimRequestId: (asked.json() as { id: string }).id };
  });
  afterAll(async () => s?.close());

  it('has a case for every route of the route table, HEAD routes through their GET route', () => {
    expect(routes().filter((r) => !caseOf(r)).map(keyOf)).toEqual([]);
    expect(routes().filter((r) => r.auth === null).map(keyOf)).toEqual([]);
  });

  it(`answers ${RUNS} bad requests per route with no 5xx, no accepted write and no changed row`, async () => {
    const started = Date.now();
    const hostile = fc.oneof(fc.constantFrom(...HOSTILE), fc.string({ maxLength: 40 }), fc.string({ unit: 'binary', maxLength: 20 })).filter((h) => !honoured(h));
    const forged = fc
      .tuple(fc.constantFrom('st_', 'ops_', 'ot_', 'ST_', 'st-', 'sx_', 'op_', 'Bearer_', ''), fc.constantFrom(46, 47), fc.string({ unit: fc.constantFrom(...B64URL), minLength: 47, maxLength: 47 }))
      .map(([prefix, length, body]) => ({ name: `forged ${prefix || '(no prefix)'}`, headers: bearer(`${prefix}${body}`.slice(0, length)) }));
    // Never a valid request body anywhere: not JSON, not an object, or an object with a field no schema allows.
    const badJson = fc.oneof(
      fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v)),
      fc
        .dictionary(fc.oneof(fc.constantFrom('__proto__', 'constructor', 'events', 'code', 'content', 'items', 'token', 'role'), fc.string({ maxLength: 10 })), fc.jsonValue({ maxDepth: 2 }))
        .map((o) => JSON.stringify({ ...o, unexpectedField: true })),
      fc.record({ events: fc.array(fc.dictionary(fc.string({ maxLength: 8 }), hostile), { maxLength: 5 }) }).map((o) => JSON.stringify({ ...o, unexpectedField: 1 })),
      hostile.map((h) => `{"code": ${JSON.stringify(h)}, "unexpectedField": true}`),
      fc.tuple(fc.integer({ min: 200, max: 20_000 }), fc.constantFrom('array' as const, 'object' as const)).map(([n, kind]) => deepText(n, kind)),
      fc.constantFrom(
        '{',
        '{"a":',
        '[1,]',
        '{"a":1}{"b":2}',
        'nul',
        '\ufeff{}',
        '{"a":"\\ud800"}',
        '{"a":"\\u0000"}',
        '{"__proto__": {"admin": true}}',
        '{"constructor": {"prototype": {"admin": true}}}',
        '{"code": 1, "code": 2}',
        '{"events": [{"policyVersion": 1e309}]}',
        '{"policyVersion": -0.0, "x": 1}',
        '"\\u0000"',
        '1e999999',
        '',
      ),
    );
    const overAll = Buffer.from(`{"items":"${'x'.repeat(2 * 1024 * 1024 + 10)}"}`);
    const overDefault = Buffer.from(`{"items":"${'x'.repeat(BODY_LIMIT + 10)}"}`);
    const invalidBodies: fc.Arbitrary<Buffer>[] = [
      badJson.map((t) => Buffer.from(t, 'utf8')),
      fc.uint8Array({ maxLength: 300 }).map((b) => Buffer.from(b)),
      fc.constantFrom(...INVALID_UTF8).map((b) => Buffer.concat([Buffer.from('{"a":"'), b, Buffer.from('"}')])),
      fc.constantFrom(overAll, overDefault, Buffer.from(JSON.stringify({ content: 'x'.repeat(BODY_LIMIT) }))),
      fc.constant(Buffer.from(JSON.stringify('\ufeff{}'), 'utf16le')),
    ];
    const huge = fc.tuple(fc.constantFrom('x', '隐', "'", '\u0000', '<script>', '\u202e'), fc.integer({ min: 2001, max: 60_000 })).map(([unit, n]) => {
      const fit = Math.floor((BODY_LIMIT - 2048) / Buffer.byteLength(JSON.stringify(unit)));
      return unit.repeat(Math.min(n, fit));
    });
    /** A value of another JSON type than `v` (numbers, strings, booleans, null, arrays, objects). */
    const kindOf = (v: Json) => (v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v);
    const otherType = (v: Json): fc.Arbitrary<Json> => {
      const byKind: Record<string, fc.Arbitrary<Json>> = {
        number: fc.oneof(fc.integer(), fc.double()),
        string: fc.string({ maxLength: 5 }),
        boolean: fc.boolean(),
        null: fc.constant(null),
        array: fc.constantFrom<Json>([], [v]),
        object: fc.constant({}),
      };
      return fc.oneof(...Object.entries(byKind).filter(([kind]) => kind !== kindOf(v)).map(([, a]) => a));
    };

    /** Bodies for one route: from its valid case where it has one, else only wholly invalid ones. */
    const bodiesFor = (name: string, template: Json | undefined, isPublic: boolean): fc.Arbitrary<Body> => {
      const invalid = (a: fc.Arbitrary<Buffer>, weight: number) => ({ weight, arbitrary: a.map((payload): Body => ({ family: 'invalid', payload })) });
      const options = invalidBodies.map((a, i) => invalid(a, i === 0 ? 6 : 1));
      if (template !== undefined && isObject(template)) {
        const spots = spotsOf(template);
        const pick = (list: Path[]) => fc.constantFrom(...list);
        // Guaranteed invalid: every request schema bounds its strings (≤ 2,000) and closes its objects.
        if (spots.leaves.length + spots.containers.length > 0) {
          options.push(invalid(fc.tuple(pick([...spots.leaves, ...spots.containers]), huge).map(([p, h]) => render(setAt(template, p, h))), 3));
          options.push(invalid(pick([...spots.leaves, ...spots.containers]).chain((p) => otherType(getAt(template, p)).map((v) => render(setAt(template, p, v)))), 3));
          options.push(
            invalid(
              fc.tuple(pick([...spots.leaves, ...spots.containers]), fc.integer({ min: 50, max: 20_000 }), fc.constantFrom('array' as const, 'object' as const)).map(([p, n, kind]) =>
                render(setAt(template, p, MARK), { marker: MARK, bytes: Buffer.from(deepText(n, kind)) }),
              ),
              1,
            ),
          );
        }
        // Times out of range where the body holds a time, control characters where it holds free text.
        const times = spots.leaves.filter((p) => ['occurredAt', 'at'].includes(String(p[p.length - 1])));
        if (times.length > 0) options.push(invalid(fc.tuple(pick(times), fc.constantFrom(...OUT_OF_RANGE_TIMES)).map(([p, t]) => render(setAt(template, p, t))), 2));
        const texts = spots.leaves.filter((p) => p[p.length - 1] === 'reason' || p.includes('summary'));
        if (texts.length > 0) options.push(invalid(fc.tuple(pick(texts), fc.constantFrom(...CONTROL_TEXTS)).map(([p, t]) => render(setAt(template, p, t))), 2));
        // Unpaired surrogates in any string (a value, inside a policy document too) or a key of any object.
        const strings = stringsOf(template);
        const surrogate = (a: fc.Arbitrary<Buffer>) => ({ weight: 3, arbitrary: a.map((payload): Body => ({ family: 'surrogate', payload })) });
        const lone = fc.constantFrom(...SURROGATE_TEXTS);
        if (strings.length > 0) {
          options.push(
            surrogate(
              fc.tuple(pick(strings), lone, fc.constantFrom('replace', 'append', 'prepend')).map(([p, t, how]) => {
                const old = getAt(template, p) as string;
                return render(setAt(template, p, how === 'replace' ? t : how === 'append' ? `${old}${t}` : `${t}${old}`));
              }),
            ),
          );
        }
        options.push(surrogate(fc.tuple(pick(spots.anywhere.filter((p) => isObject(getAt(template, p)))), lone).map(([p, t]) => render(setAt(template, [...p, `k${t}`], 'x')))));
        // Optional free text the route's case leaves out.
        for (const field of OPTIONAL_TEXT[name] ?? []) options.push(surrogate(lone.map((t) => render({ ...template, [field]: `moving${t}` }))));
        options.push(
          invalid(
            fc.tuple(pick(spots.objects), fc.oneof(fc.constantFrom('__proto__', 'constructor', 'userId', 'isAdmin', 'role', 'token'), fc.string({ minLength: 1, maxLength: 12 })), fc.jsonValue({ maxDepth: 2 })).map(([p, k, v]) => {
              const target = getAt(template, p) as Record<string, Json>;
              const key = Object.prototype.hasOwnProperty.call(target, k) ? `${k}_extra` : k;
              return render(setAt(template, [...p, key], v as Json));
            }),
            3,
          ),
        );
        // Maybe valid: hostile text, invalid bytes or deep objects where the schema allows them.
        const maybe = (a: fc.Arbitrary<Buffer>, family: Family = 'maybe-valid') => ({ weight: 2, arbitrary: a.map((payload): Body => ({ family, payload })) });
        if (spots.leaves.length > 0) {
          options.push(maybe(fc.tuple(pick(spots.leaves), hostile).map(([p, h]) => render(setAt(template, p, h)))));
          options.push(maybe(fc.tuple(pick(spots.leaves), fc.constantFrom(...INVALID_UTF8)).map(([p, b]) => render(setAt(template, p, MARK), { marker: MARK, bytes: Buffer.concat([Buffer.from('"a'), b, Buffer.from('"')]) }))));
        }
        options.push(
          maybe(
            fc.tuple(pick(spots.anywhere), fc.integer({ min: 50, max: 20_000 })).map(([p, n]) => {
              const target = getAt(template, p);
              return render(setAt(template, Array.isArray(target) ? [...p, target.length] : [...p, 'deep'], MARK), { marker: MARK, bytes: Buffer.from(deepText(n, 'object')) });
            }),
          ),
        );
        if (!isPublic) options.push({ weight: 2, arbitrary: fc.constant<Body>({ family: 'bad-credential', payload: render(template) }) });
        if (name === CANCEL) {
          // The pending shopper's key again, with another body (valid-looking or not), or the very same body.
          const other = hostile.filter((h) => h.length <= 500).map((reason) => ({ ...PENDING_BODY, reason }));
          options.push(maybe(other.map((o) => render(o as Json)), 'replay-other'));
          // The same body with another login code is the same request (a retry brings a fresh one-use
          // code): it must replay the stored 202, like the very same body.
          // (The route's case body is such a body: the victim's code, no reason.)
          const freshCode = hostile.filter((h) => h.length > 0 && h.length <= 100 && /^[\x21-\x7e]+$/.test(h)).map((code) => ({ confirm: true, code }));
          options.push({ weight: 1, arbitrary: fc.oneof(fc.constantFrom(PENDING_BODY, { code: PENDING_BODY.code, confirm: true }, template), freshCode).map((o): Body => ({ family: 'exact-replay', payload: render(o as Json) })) });
        }
      }
      return fc.oneof(...options);
    };

    const failures: { route: string; status: number | string; request: string }[] = [];
    const counts: { route: string; total: number; ok: number; refused: number; surrogates: number; statuses: Record<string, number>; ms: number }[] = [];
    const writes2xx: string[] = [];
    // A refused console sign-in is audited (one coalesced entry per address, reason and window):
    // that entry is left out of the comparison, and checked on its own after the run.
    const checksums = () => tableChecksums(s.db, { exceptFailedSignIns: true });
    const before = await checksums();
    let previous = before;
    for (const route of routes()) {
      const name = keyOf(route);
      const routeStarted = Date.now();
      const template = caseOf(route)!(attacker, ctx).payload as Json | undefined;
      const read = route.method === 'GET' || route.method === 'HEAD';
      const params = route.url.match(/:[a-zA-Z]+/g) ?? [];
      // Real path values that still refuse any write: an absent resource, a published version
      // (drafts only are edited and published), a draft (only published versions activate), a revoked token.
      const real: Record<string, string[]> = {
        ':version': read ? [String(ctx.version), String(draft), ABSENT_VERSION] : route.url.endsWith('/activate') ? [String(draft), ABSENT_VERSION] : [String(ctx.version), ABSENT_VERSION],
        ':kind': ['collection', 'sharing'],
        ':id': [revokedOpsId, ABSENT_UUID],
      };
      // Where the surrogate family goes: a resource the route would really change (the draft, but
      // the published version for activation), as its rightful caller, with nothing else wrong.
      const live: Record<string, string> = { ':version': read || route.url.endsWith('/activate') ? String(ctx.version) : String(draft), ':kind': 'collection', ':id': revokedOpsId };
      const rightful = route.auth === 'ops' ? 'publisher' : route.auth === 'shopper' ? 'attacker' : 'none';
      const segment = (param: string) =>
        fc.oneof(
          { weight: 4, arbitrary: hostile.map((h) => pct(h) || 'x') },
          { weight: 1, arbitrary: fc.constantFrom(...RAW_SEGMENTS) },
          { weight: 3, arbitrary: fc.constantFrom(...(real[param] ?? ['1'])) },
        );
      const allowed = Object.keys(creds).filter((c) => !(LEFT_OUT[name] ?? []).includes(c));
      const named = (list: string[]) => fc.constantFrom(...list).map((c) => ({ name: c, headers: creds[c]! }));
      const tally: Record<string, number> = {};
      const stat = { route: name, total: 0, ok: 0, refused: 0, surrogates: 0, statuses: tally, ms: 0 };
      counts.push(stat);

      await fc.assert(
        fc.asyncProperty(
          fc.record({
            path: fc.tuple(...params.map(segment)),
            pick: fc.nat(1000),
            query: fc.oneof(
              { weight: 4, arbitrary: fc.array(fc.tuple(fc.oneof(hostile, fc.constantFrom(...QUERY_KEYS)), hostile, fc.boolean()), { maxLength: 4 }) },
              { weight: 1, arbitrary: fc.constantFrom(...RAW_QUERIES) },
            ),
            headers: fc.dictionary(fc.constantFrom(...HEADER_NAMES), hostile, { maxKeys: 3 }),
            type: fc.oneof({ weight: 6, arbitrary: fc.constantFrom(...JSON_TYPES) }, { weight: 3, arbitrary: fc.constantFrom(...OTHER_TYPES) }),
            // Now and then a Content-Length that does not match the body.
            length: fc.oneof({ weight: 11, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: fc.constantFrom('0', '1', '-1', 'abc', '99999999999', '1e3', ' 5') }),
            cred: fc.oneof({ weight: 5, arbitrary: named(allowed) }, { weight: 1, arbitrary: forged }),
            badCred: fc.oneof({ weight: 5, arbitrary: named(BAD.filter((c) => allowed.includes(c))) }, { weight: 1, arbitrary: forged }),
            key: fc.oneof(fc.constant(REPLAYED_KEY), hostile, fc.stringMatching(/^[A-Za-z0-9_-]{8,128}$/)),
            body: bodiesFor(name, template, route.auth === 'public'),
          }),
          async (g) => {
            const { family } = g.body;
            const replay = family === 'replay-other' || family === 'exact-replay';
            const lone = family === 'surrogate';
            // A body that might pass the schema goes where the request is refused anyway: to an
            // absent or finished resource, with a bad credential, or to a public route that stores
            // nothing. The valid body goes with a bad credential, to a real path.
            const pinned = family === 'maybe-valid' && !read && route.auth !== 'public';
            const realPath = (pinned && params.length > 0) || family === 'bad-credential';
            const cred = lone
              ? { name: rightful, headers: creds[rightful]! }
              : replay
                ? { name: 'pending', headers: creds.pending! }
                : (pinned && !realPath) || family === 'bad-credential'
                  ? g.badCred
                  : g.cred;
            const segments = lone ? params.map((p) => live[p] ?? '1') : realPath ? params.map((p, n) => (real[p] ?? ['1'])[(g.pick + n) % (real[p] ?? ['1']).length]!) : g.path;
            let i = 0;
            const path = route.url.replace(/:[a-zA-Z]+/g, () => segments[i++]!);
            const qs = typeof g.query === 'string' ? g.query : g.query.map(([k, v, broken]) => `${pct(k)}=${pct(v)}${broken ? '%zz%' : ''}`).join('&');
            // An exact replay is the first request again, and a surrogate body is the only thing
            // wrong with its request: no generated (possibly broken) query or headers either.
            const clean = family === 'exact-replay' || lone;
            const url = qs && !clean ? `${path}?${qs}` : path;
            const headers: Record<string, string> = { ...(lone ? {} : g.headers), ...cred.headers, 'idempotency-key': replay ? REPLAYED_KEY : lone ? 'fuzz-surrogate-key-1' : g.key };
            const type = clean ? 'application/json' : g.type;
            if (type) headers['content-type'] = type;
            if (g.length !== null && !clean) headers['content-length'] = g.length;
            const req: InjectOptions = { method: route.method as InjectOptions['method'], url, headers, payload: g.body.payload };
            const shown = () =>
              JSON.stringify({ url: url.slice(0, 300), credential: cred.name, family, headers: Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, v.slice(0, 80)])), body: g.body.payload.subarray(0, 300).toString('utf8'), bodyBytes: g.body.payload.length });
            let status: number;
            try {
              status = (await s.app.inject(req)).statusCode;
            } catch (err) {
              failures.push({ route: name, status: `inject threw: ${(err as Error).message}`, request: shown() });
              return;
            }
            tally[status] = (tally[status] ?? 0) + 1;
            stat.total++;
            if (status < 300) stat.ok++;
            else if (status < 500) stat.refused++;
            if (lone) stat.surrogates++;
            // 2xx on a write only where it changes nothing: the exact replay (its stored answer),
            // console sign-out without a live session, and a hostile but valid body on a public
            // route that stores nothing. The checksums after the route hold all three to that.
            const may2xx = read || family === 'exact-replay' || name === 'DELETE /ops/api/session' || (family === 'maybe-valid' && route.auth === 'public');
            if (status >= 500 || (status < 400 && !may2xx) || (family === 'exact-replay' && status !== 202) || (lone && status !== 400)) failures.push({ route: name, status, request: shown() });
            if (!read && status < 300) writes2xx.push(`${name} ${shown()}`);
          },
        ),
        { numRuns: RUNS, seed: SEED },
      );
      const after = await checksums();
      const changed = Object.keys(after).filter((t) => after[t] !== previous[t]);
      if (changed.length) failures.push({ route: name, status: `rows changed in ${changed.join(', ')}`, request: writes2xx.filter((w) => w.startsWith(`${name} `)).slice(0, 5).join('\n') || '(no write answered 2xx)' });
      previous = after;
      stat.ms = Date.now() - routeStarted;
    }

    const seconds = (Date.now() - started) / 1000;
    const pad = (x: string | number, n: number) => String(x).padStart(n);
    const lines = counts.map((c) => `  ${c.route.padEnd(46)}${pad(c.total, 7)}${pad(c.ok, 6)}${pad(c.refused, 7)}${pad(c.surrogates, 6)}${pad(c.ms, 7)}  ${JSON.stringify(c.statuses)}`);
    const total = counts.reduce((a, c) => a + c.total, 0);
    console.log(
      [
        `bad input: ${counts.length} routes × ${RUNS} (seed ${SEED}; replay with RELIABILITY_SEED=${SEED}), ${total} requests in ${seconds.toFixed(1)} s`,
        `  ${'route'.padEnd(46)}${pad('sent', 7)}${pad('2xx', 6)}${pad('4xx', 7)}${pad('lone', 6)}${pad('ms', 7)}  statuses`,
        ...lines,
        `  ${'all routes'.padEnd(46)}${pad(total, 7)}${pad(counts.reduce((a, c) => a + c.ok, 0), 6)}${pad(counts.reduce((a, c) => a + c.refused, 0), 7)}`,
      ].join('\n'),
    );

    expect({ failures: failures.length, first: failures.slice(0, 25) }).toEqual({ failures: 0, first: [] });
    for (const c of counts) expect({ route: c.route, sent: c.total >= RUNS }).toEqual({ route: c.route, sent: true });
    // Every route that takes a JSON body met the surrogate family (each one answered 400 above).
    const withBody = routes().filter((r) => caseOf(r)!(attacker, ctx).payload !== undefined).map(keyOf);
    for (const c of counts.filter((x) => withBody.includes(x.route))) expect({ route: c.route, surrogates: c.surrogates > 0 }).toEqual({ route: c.route, surrogates: true });
    // The generators reach past the parsers: validation and credential checks both answer on
    // every protected write, and the replayed key meets the idempotency check.
    for (const c of counts.filter((x) => !/^(GET|HEAD) /.test(x.route) && routes().find((r) => keyOf(r) === x.route)!.auth !== 'public')) {
      const has = (codes: number[]) => codes.some((code) => (c.statuses[code] ?? 0) > 0);
      expect({ route: c.route, validation: has([400]), credentials: has([401, 403]) }).toEqual({ route: c.route, validation: true, credentials: true });
    }
    const cancel = counts.find((c) => c.route === CANCEL)!;
    expect(cancel.statuses[422] ?? 0).toBeGreaterThan(0);
    expect(cancel.statuses[202] ?? 0).toBeGreaterThan(0);
    expect(await checksums()).toEqual(before);
    // The refused sign-ins went into the audit log as coalesced entries, never with a token.
    const failedSignIns = await s.db.selectFrom('audit_log').select(['actor', 'details']).where('action', '=', 'console.sign-in.failed').execute();
    expect(failedSignIns.length).toBeGreaterThan(0);
    expect(failedSignIns.length).toBeLessThan(counts.find((c) => c.route === 'POST /ops/api/session')!.total);
    for (const row of failedSignIns) expect(Object.keys(row.details as object).sort()).toEqual(expect.arrayContaining(['attempts', 'firstAt', 'lastAt', 'reason']));
  });
});
