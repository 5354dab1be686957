import AjvCompiler from '@fastify/ajv-compiler';
import type { FastifyInstance } from 'fastify';
import type { CollectionItem, RightsRequest } from '@maison/privacy/contract';
import { bearer, build, errorCode, publishPolicy, tableChecksums, testTargets, tinyPolicy, type TestServer } from '../../test/helper';
import { COLLECTION_LIST } from '../../../src/shop/privacy-content/collection-list';
import { CONSENT_CSV_COLUMNS } from '../domain/consentCsv';
import { sweepWithoutBasis } from '../services/consentErasure';

jest.setTimeout(180_000);

// The server's own validator settings (app.ts): no coercion, nothing removed.
const compile = AjvCompiler()({}, { customOptions: { coerceTypes: false, removeAdditional: false, allErrors: true }, plugins: [] });
const validate = (schema: object, value: unknown) => {
  const check = compile({ schema, method: 'GET', url: '/', httpPart: 'body' } as never) as ((v: unknown) => boolean) & { errors?: unknown };
  return check(value) ? null : check.errors;
};

/** RFC 4180 reader, enough for the ledger's CSV: quoted fields, doubled quotes, CRLF lines. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else cell += c;
  }
  if (cell !== '' || row.length) throw new Error('CSV does not end with CRLF');
  return rows;
}

/**
 * What the server does itself at once: the profile it holds corrected (a fulfilled correction),
 * the records whose only basis was a withdrawn consent deleted (a fulfilled deletion), and an
 * export that names every row of the collection list, follows its JSON Schema, with the ledger in CSV.
 */
describe.each(testTargets())('rights the server answers at once, on $name', (target) => {
  let s: TestServer;
  let other: FastifyInstance;
  let version: number;

  beforeAll(async () => {
    s = await build(target);
    other = await s.another();
    version = await publishPolicy(s, tinyPolicy('at-once'), true);
  });
  afterAll(async () => s?.close());

  let keys = 0;
  const key = () => `once-key-${String(++keys).padStart(6, '0')}`;
  const put = (token: string, payload: Record<string, unknown>, k = key(), app = s.app) =>
    app.inject({ method: 'PUT', url: '/v1/me/profile', headers: { ...bearer(token), 'idempotency-key': k }, payload });
  const profile = async (token: string) => (await s.app.inject({ url: '/v1/me/profile', headers: bearer(token) })).json();
  const mine = async (token: string) => (await s.app.inject({ url: '/v1/me/requests', headers: bearer(token) })).json().requests as RightsRequest[];
  const ask = (token: string, payload: Record<string, unknown>, k = key()) =>
    s.app.inject({ method: 'POST', url: '/v1/me/requests', headers: { ...bearer(token), 'idempotency-key': k }, payload });
  let seq = 0;
  const decide = async (token: string, purpose: string, value: 'granted' | 'withdrawn') => {
    seq += 1;
    const event = { id: `once-evt-${seq}`.padEnd(12, '0'), kind: 'consent', purpose, value, policyVersion: version, deviceId: 'once-device-1', occurredAt: new Date().toISOString(), source: 'feature' };
    const res = await s.app.inject({ method: 'POST', url: '/v1/me/consents', headers: bearer(token), payload: { events: [event] } });
    expect({ status: res.statusCode, body: res.statusCode === 200 ? null : res.body }).toEqual({ status: 200, body: null });
  };
  const view = (token: string, productId: string) => s.app.inject({ method: 'POST', url: '/v1/shop/product-views', headers: bearer(token), payload: { productId } });
  const viewCount = async (userId: string) => (await s.db.selectFrom('shop_product_views').select('id').where('user_id', '=', userId).execute()).length;
  const user = async (userId: string) => s.db.selectFrom('users').select(['nickname', 'phone']).where('id', '=', userId).executeTakeFirstOrThrow();

  it('keeps the profile on the server; changing it corrects it there and records a fulfilled correction', async () => {
    const a = await s.login('once-profile-a');
    expect(await profile(a.token)).toEqual({ nickname: '', phone: '', updatedAt: null });

    // Given the first time: stored, no correction.
    const first = await put(a.token, { nickname: '小王', phone: '13800000000', code: 'dev:once-profile-a' });
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({ profile: { nickname: '小王', phone: '13800000000' }, request: null });
    expect(await user(a.userId)).toEqual({ nickname: '小王', phone: '13800000000' });
    expect(await mine(a.token)).toEqual([]);

    // Changed: corrected on the server, and a fulfilled correction of the phone's row only.
    const k = key();
    const fix = await put(a.token, { nickname: '小王', phone: '13900000000', code: 'dev:once-profile-a' }, k);
    expect(fix.statusCode).toBe(200);
    const request = fix.json().request as RightsRequest;
    expect(request).toMatchObject({ type: 'correction', status: 'fulfilled', outcome: 'fulfilled', categories: ['registration'] });
    expect(await user(a.userId)).toEqual({ nickname: '小王', phone: '13900000000' });
    expect(await profile(a.token)).toMatchObject({ nickname: '小王', phone: '13900000000' });
    expect(await mine(a.token)).toEqual([expect.objectContaining({ id: request.id, status: 'fulfilled', decidedAt: request.receivedAt })]);

    // The same key again: the first answer, no second request, even with a spent code.
    const again = await put(a.token, { nickname: '小王', phone: '13900000000', code: 'dev:someone-else' }, k);
    expect({ status: again.statusCode, body: again.json() }).toEqual({ status: 200, body: fix.json() });
    expect(await mine(a.token)).toHaveLength(1);
    // The same key with other values: refused, nothing changed.
    const reused = await put(a.token, { nickname: '老王', phone: '13900000000', code: 'dev:once-profile-a' }, k);
    expect({ status: reused.statusCode, code: errorCode(reused) }).toEqual({ status: 422, code: 'IDEMPOTENCY_KEY_REUSED' });
    expect(await user(a.userId)).toEqual({ nickname: '小王', phone: '13900000000' });

    // Another shopper reaches only their own profile and never sees A's request.
    const b = await s.login('once-profile-b');
    expect(await profile(b.token)).toEqual({ nickname: '', phone: '', updatedAt: null });
    expect((await s.app.inject({ method: 'POST', url: `/v1/me/requests/${request.id}/withdrawal`, headers: bearer(b.token) })).statusCode).toBe(404);
    // B's login code cannot change A's profile.
    const foreign = await put(a.token, { nickname: '坏人', phone: '', code: 'dev:once-profile-b' });
    expect(foreign.statusCode).toBe(403);
    expect(await user(a.userId)).toEqual({ nickname: '小王', phone: '13900000000' });
    // Through another process too.
    expect((await put(b.token, { nickname: 'B', phone: '', code: 'dev:once-profile-b' }, key(), other)).statusCode).toBe(200);
    expect(await user(a.userId)).toEqual({ nickname: '小王', phone: '13900000000' });
  });

  it.each([
    ['a phone that is not a mainland mobile number', { nickname: 'x', phone: '12345', code: 'dev:once-bad' }],
    ['a nickname over 20 characters', { nickname: 'x'.repeat(21), phone: '', code: 'dev:once-bad' }],
    ['control characters in the nickname', { nickname: 'a\u0007b', phone: '', code: 'dev:once-bad' }],
    ['no login code', { nickname: 'x', phone: '' }],
    ['an unknown field', { nickname: 'x', phone: '', code: 'dev:once-bad', email: 'a@b.c' }],
    ['a number for the phone', { nickname: 'x', phone: 13800000000, code: 'dev:once-bad' }],
  ])('refuses %s with 400 and changes nothing', async (_what, payload) => {
    const bad = await s.login('once-bad');
    await put(bad.token, { nickname: '原来', phone: '13700000000', code: 'dev:once-bad' });
    const before = await tableChecksums(s.db);
    const res = await put(bad.token, payload);
    expect(res.statusCode).toBe(400);
    expect(await tableChecksums(s.db)).toEqual(before);
  });

  it('refuses a profile change without an Idempotency-Key or session', async () => {
    const c = await s.login('once-nokey');
    const res = await s.app.inject({ method: 'PUT', url: '/v1/me/profile', headers: bearer(c.token), payload: { nickname: 'x', phone: '', code: 'dev:once-nokey' } });
    expect(res.statusCode).toBe(400);
    expect((await s.app.inject({ method: 'PUT', url: '/v1/me/profile', headers: { 'idempotency-key': key() }, payload: { nickname: 'x', phone: '', code: 'dev:once-nokey' } })).statusCode).toBe(401);
    expect(await user(c.userId)).toEqual({ nickname: '', phone: '' });
  });

  it('deletes the product views when personalisation is withdrawn, records a fulfilled deletion, and records no more', async () => {
    const p = await s.login('once-views');
    await decide(p.token, 'personalisation', 'granted');
    expect((await view(p.token, 'love-bracelet')).statusCode).toBe(201);
    expect((await view(p.token, 'santos')).statusCode).toBe(201);
    expect(await viewCount(p.userId)).toBe(2);

    await decide(p.token, 'personalisation', 'withdrawn');
    expect(await viewCount(p.userId)).toBe(0);
    const [deletion] = await mine(p.token);
    expect(deletion).toMatchObject({ type: 'deletion', status: 'fulfilled', outcome: 'fulfilled', categories: ['personalisation', 'browsing-records'] });
    expect((await view(p.token, 'tank-must')).statusCode).toBe(403);
    expect(await viewCount(p.userId)).toBe(0);
    // Withdrawing again deletes nothing more and records nothing more.
    await decide(p.token, 'personalisation', 'withdrawn');
    expect(await mine(p.token)).toHaveLength(1);
    // Another shopper's views are untouched.
    const q = await s.login('once-views-other');
    await decide(q.token, 'personalisation', 'granted');
    expect((await view(q.token, 'santos')).statusCode).toBe(201);
    await decide(p.token, 'personalisation', 'withdrawn');
    expect(await viewCount(q.userId)).toBe(1);
  });

  it('finds, at start, views left by a withdrawal whose deletion did not run', async () => {
    const p = await s.login('once-sweep');
    await decide(p.token, 'personalisation', 'withdrawn');
    // As if the process had stopped between the withdrawal and its deletion.
    await s.db.insertInto('shop_product_views').values({ user_id: p.userId, product_id: 'santos' }).execute();
    expect(await sweepWithoutBasis(s.app)).toBeGreaterThanOrEqual(1);
    expect(await viewCount(p.userId)).toBe(0);
    expect(await mine(p.token)).toEqual([expect.objectContaining({ type: 'deletion', status: 'fulfilled' })]);
  });

  it('fulfils at once a deletion of rows whose only basis is a withdrawn consent; others go to ops', async () => {
    const d = await s.login('once-delete');
    await decide(d.token, 'personalisation', 'granted');
    expect((await view(d.token, 'santos')).statusCode).toBe(201);
    // While the consent holds, its rows are not deleted at once: ops answer.
    const held = await ask(d.token, { type: 'deletion', categories: ['personalisation'], code: 'dev:once-delete' });
    expect(held.json()).toMatchObject({ status: 'received' });
    expect(await viewCount(d.userId)).toBe(1);
    // Another category: ops, as before.
    expect((await ask(d.token, { type: 'deletion', categories: ['orders'], code: 'dev:once-delete' })).json()).toMatchObject({ status: 'received' });
    // Refused consent, then a deletion of its rows: fulfilled at once (nothing left to delete here).
    await decide(d.token, 'personalisation', 'withdrawn');
    const k = key();
    const now = await ask(d.token, { type: 'deletion', categories: ['browsing-records'], code: 'dev:once-delete' }, k);
    expect(now.statusCode).toBe(202);
    expect(now.json()).toMatchObject({ type: 'deletion', status: 'fulfilled' });
    const repeat = await ask(d.token, { type: 'deletion', categories: ['browsing-records'], code: 'dev:once-delete' }, k);
    expect(repeat.json()).toEqual(now.json());
    expect((await mine(d.token)).filter((r) => r.id === now.json().id)).toHaveLength(1);
    // The same without a login code is refused.
    expect((await ask(d.token, { type: 'deletion', categories: ['browsing-records'] })).statusCode).toBe(400);
  });

  it('answers a portability request at once with the export file', async () => {
    const e = await s.login('once-port');
    const res = await ask(e.token, { type: 'portability', code: 'dev:once-port' });
    expect(res.json()).toMatchObject({ status: 'fulfilled', file: '/v1/me/export' });
    expect((await mine(e.token))[0]).toMatchObject({ type: 'portability', status: 'fulfilled', file: '/v1/me/export' });
    expect((await ask(e.token, { type: 'portability' })).statusCode).toBe(400);
  });

  it('exports a file that follows its JSON Schema, names every collection-list row, and a CSV of the whole ledger', async () => {
    const x = await s.login('once-export');
    await put(x.token, { nickname: '导出', phone: '13600000000', code: 'dev:once-export' });
    await decide(x.token, 'personalisation', 'granted');
    await decide(x.token, 'marketing', 'granted');
    expect((await view(x.token, 'santos')).statusCode).toBe(201);
    const res = await s.app.inject({ url: '/v1/me/export', headers: bearer(x.token) });
    expect(res.statusCode).toBe(200);
    const data = res.json();

    const schemaRes = await s.app.inject({ url: data.schema });
    expect(schemaRes.statusCode).toBe(200);
    const schema = schemaRes.json();
    expect(schema.$schema).toBe('http://json-schema.org/draft-07/schema#');
    expect(validate(schema, data)).toBeNull();
    // The schema can fail: a file missing its rows, or with a stray field, does not follow it.
    const { rows: _rows, ...withoutRows } = data;
    expect(validate(schema, withoutRows)).not.toBeNull();
    expect(validate(schema, { ...data, extra: 1 })).not.toBeNull();

    // Every row of the list in force, once, held or not held with why.
    const ids = ((await s.app.inject('/v1/policy/current/lists')).json().collection as CollectionItem[]).map((i) => i.id);
    // The shop's list (as bundled) is the one in force here.
    expect([...ids].sort()).toEqual(COLLECTION_LIST.map((i) => i.id).sort());
    const named = [...data.rows.held.map((r: { id: string }) => r.id), ...data.rows.notHeld.map((r: { id: string }) => r.id)];
    expect([...named].sort()).toEqual([...ids].sort());
    for (const r of data.rows.notHeld) expect(r.why.zh.length * r.why.en.length).toBeGreaterThan(0);
    // Each held part is really in the file (JSON Pointer).
    const at = (pointer: string) => pointer.split('/').slice(1).reduce((o: Record<string, unknown> | undefined, k) => (o as Record<string, unknown> | undefined)?.[k] as never, data);
    for (const r of data.rows.held) for (const part of r.parts) expect({ part, present: at(part) !== undefined }).toEqual({ part, present: true });
    expect(data.profile).toMatchObject({ nickname: '导出', phone: '13600000000' });
    // The WeChat identifier is there as the server keeps it: its keyed hash, never the login name itself.
    expect(data.profile.wechatIdHash).toEqual(expect.stringMatching(/^[0-9a-f]{64}$/));
    expect(JSON.stringify(data)).not.toContain('once-export');
    expect(data.app.productViews).toHaveLength(1);
    expect(data.complete).toBe(true);

    // The CSV parses and matches the ledger event for event.
    const csv = await s.app.inject({ url: data.consentLedgerCsv, headers: bearer(x.token) });
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    const [header, ...lines] = parseCsv(csv.body);
    expect(header).toEqual([...CONSENT_CSV_COLUMNS]);
    const ledger = (await s.app.inject({ url: '/v1/me/consents', headers: bearer(x.token) })).json().events as Record<string, unknown>[];
    expect(lines).toHaveLength(ledger.length);
    expect(lines.map((l) => Object.fromEntries(header!.map((h, i) => [h, l[i]])))).toEqual(
      ledger.map((e) => Object.fromEntries(CONSENT_CSV_COLUMNS.map((c) => [c, e[c] === undefined ? '' : String(e[c])]))),
    );
    // Another shopper's CSV holds none of these events.
    const y = await s.login('once-export-other');
    const theirs = parseCsv((await s.app.inject({ url: data.consentLedgerCsv, headers: bearer(y.token) })).body);
    expect(theirs).toEqual([header]);
    expect((await s.app.inject({ url: data.consentLedgerCsv })).statusCode).toBe(401);
  });
});
