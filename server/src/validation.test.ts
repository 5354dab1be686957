import type { FastifySchemaValidationError } from 'fastify';
import { GAPS_OVERRIDE, bearer, build, publishPolicy, tableChecksums, testTargets, tinyPolicy, type TestServer } from '../test/helper';
import { finiteNumbersOnly, nonFinitePath, unstorablePath } from './validation';

jest.setTimeout(120_000);

describe('non-finite numbers from coerced text', () => {
  it('finds the first non-finite number and its path', () => {
    expect(nonFinitePath({ version: 3, limit: '9' })).toBeNull();
    expect(nonFinitePath({ version: Infinity })).toBe('/version');
    expect(nonFinitePath({ ids: [1, -Infinity] })).toBe('/ids/1');
    expect(nonFinitePath({ n: NaN })).toBe('/n');
    expect(nonFinitePath(null)).toBeNull();
  });

  it('fails a passing validation that left one, and keeps the inner errors otherwise', () => {
    const inner = Object.assign((data: unknown) => typeof data === 'object', { errors: null as FastifySchemaValidationError[] | null });
    const v = finiteNumbersOnly(inner);
    expect(v({ version: 2 })).toBe(true);
    expect(v({ version: Infinity })).toBe(false);
    expect(v.errors).toEqual([expect.objectContaining({ instancePath: '/version', message: 'must be a finite number' })]);
    const notObject = { keyword: 'type', instancePath: '', schemaPath: '#/type', params: {}, message: 'must be object' };
    inner.errors = [notObject];
    expect(v('x')).toBe(false);
    expect(v.errors).toEqual([notObject]);
  });
});

describe.each(testTargets())('integer path and query parameters on $name', (target) => {
  let s: TestServer;
  let version: number;
  beforeAll(async () => {
    s = await build(target);
    version = await publishPolicy(s, tinyPolicy('finite'), true);
  });
  afterAll(async () => s?.close());

  // Each of these used to reach the handler as ±Infinity and fail in the database with a 500.
  it.each([
    '/v1/policy/versions/Infinity',
    '/v1/policy/versions/-Infinity',
    '/v1/policy/versions/1e400',
    '/v1/admin/policies/Infinity',
    '/v1/admin/policies/1e999/diff',
    '/v1/admin/lists/Infinity',
    '/v1/admin/audit?limit=Infinity',
    '/v1/admin/audit?before=-1e400',
  ])('answers %s with 400', async (url) => {
    const res = await s.app.inject({ url, headers: bearer(s.viewer) });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('BAD_REQUEST');
  });

  // Finite but past what an audit id (bigint, read as a JS number) can be: used to fail in the database.
  it.each(['99999999999999999999999', '9007199254740992'])('answers the audit log before %s with 400', async (before) => {
    const res = await s.app.inject({ url: `/v1/admin/audit?before=${before}`, headers: bearer(s.viewer) });
    expect(res.statusCode).toBe(400);
  });

  it('answers the diff against a non-finite version with 400', async () => {
    const res = await s.app.inject({ url: `/v1/admin/policies/${version}/diff?against=Infinity`, headers: bearer(s.viewer) });
    expect(res.statusCode).toBe(400);
  });

  it('still takes finite numbers written as text', async () => {
    expect((await s.app.inject({ url: `/v1/policy/versions/${version}` })).statusCode).toBe(200);
    expect((await s.app.inject({ url: `/v1/policy/versions/${version}.0` })).statusCode).toBe(200);
    expect((await s.app.inject({ url: '/v1/admin/audit?limit=5', headers: bearer(s.viewer) })).statusCode).toBe(200);
    expect((await s.app.inject({ url: '/v1/admin/audit?before=9007199254740991', headers: bearer(s.viewer) })).statusCode).toBe(200);
  });
});

describe('text no database column can hold', () => {
  it('finds U+0000 and unpaired surrogates in values and keys, and passes paired ones', () => {
    expect(unstorablePath({ a: 'plain', b: ['隐私', '😀', '\ud83d\ude00'] })).toBeNull();
    expect(unstorablePath({ summary: { zh: 'a\u0000b' } })).toEqual({ path: '/summary/zh', message: 'must not contain U+0000' });
    for (const lone of ['\ud800', 'x\udbff', '\udc00y', '\ude00\ud83d', 'a\ud83d\ude00\ud800']) {
      expect(unstorablePath({ list: [lone] })).toEqual({ path: '/list/0', message: 'must not contain an unpaired UTF-16 surrogate' });
    }
    // A key is quoted in the message with the offending unit escaped.
    expect(unstorablePath({ content: { ['k\ud800']: 1 } })).toEqual({ path: '/content/k\\ud800', message: 'key must not contain an unpaired UTF-16 surrogate' });
  });
});

describe.each(testTargets())('unpaired surrogates in request bodies on $name', (target) => {
  let s: TestServer;
  let draft: number;
  let shopper: string;
  beforeAll(async () => {
    s = await build(target);
    await publishPolicy(s, tinyPolicy('surrogate'), true);
    const created = await s.app.inject({ method: 'POST', url: '/v1/admin/policies', headers: bearer(s.publisher), payload: { content: tinyPolicy('surrogate-draft') } });
    draft = created.json().version;
    shopper = (await s.login('surrogate-shopper')).token;
  });
  afterAll(async () => s?.close());

  // Each of these reached PostgreSQL, which refused the text as jsonb: a 500 instead of a 400.
  const cases: [string, () => { method: 'POST' | 'PUT'; url: string; headers: Record<string, string>; payload: string }][] = [
    ['the publish summary', () => ({ method: 'POST', url: `/v1/admin/policies/${draft}/publish`, headers: bearer(s.publisher), payload: '{"material":true,"summary":{"zh":"\\ud800","en":"ok"}}' })],
    ['a low surrogate alone', () => ({ method: 'POST', url: `/v1/admin/policies/${draft}/publish`, headers: bearer(s.publisher), payload: '{"material":true,"summary":{"zh":"ok","en":"end\\udc00"}}' })],
    ['a key inside a draft document', () => ({ method: 'PUT', url: `/v1/admin/policies/${draft}`, headers: bearer(s.publisher), payload: JSON.stringify({ content: { ...tinyPolicy('k'), 'x\ud800': 1 } }) })],
    ['a cancellation reason', () => ({ method: 'POST', url: '/v1/me/cancellation', headers: { ...bearer(shopper), 'idempotency-key': 'surrogate-key-1' }, payload: '{"confirm":true,"code":"dev:surrogate-shopper","reason":"\\udfff"}' })],
  ];
  it.each(cases)('refuses %s with 400 and changes nothing', async (_name, req) => {
    const before = await tableChecksums(s.db);
    const r = req();
    const res = await s.app.inject({ ...r, headers: { ...r.headers, 'content-type': 'application/json' } });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toEqual(expect.objectContaining({ code: 'BAD_REQUEST', message: expect.stringMatching(/unpaired UTF-16 surrogate/) }));
    expect(await tableChecksums(s.db)).toEqual(before);
  });

  it('still takes paired surrogates (emoji) in free text', async () => {
    const res = await s.app.inject({ method: 'POST', url: `/v1/admin/policies/${draft}/publish`, headers: bearer(s.publisher), payload: { material: false, summary: { zh: '更新 😀', en: 'Update 😀' }, override: GAPS_OVERRIDE } });
    expect(res.statusCode).toBe(200);
    expect(res.json().summary).toEqual({ zh: '更新 😀', en: 'Update 😀' });
  });
});
