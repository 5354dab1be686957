import type { FastifySchemaValidationError } from 'fastify';
import { bearer, build, publishPolicy, testTargets, tinyPolicy, type TestServer } from '../test/helper';
import { finiteNumbersOnly, nonFinitePath } from './validation';

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
