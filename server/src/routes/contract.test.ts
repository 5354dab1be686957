/**
 * One definition per shape: the client's types come from the contract's JSON schemas (FromSchema),
 * the server validates and serialises with the same objects. Serialisation does not validate, so
 * this suite checks what the server really answers against those schemas, and that the client's
 * event check and the server's event schema agree.
 */
import { appPurposes } from '@maison/privacy/config';
import { SHOP_PRIVACY } from '../../../src/shop/privacy-content/app';

const CONSENT_PURPOSES = appPurposes(SHOP_PRIVACY);
import AjvCompiler from '@fastify/ajv-compiler';
import fc from 'fast-check';
import {
  CAPABILITIES,
  CONSENT_VALUES,
  EVENT_SOURCES,
  PERMISSION_VALUES,
  POLICY_VALUES,
  cancellationResponseSchema,
  errorBodySchema,
  exportResponseSchema,
  getConsentsResponseSchema,
  ledgerEventProblem,
  ledgerEventSchema,
  loginResponseSchema,
  policyVersionResponseSchema,
  postConsentsResponseSchema,
  signOutResponseSchema,
} from '@maison/privacy/contract';
import { bearer, build, type TestServer } from '../../test/helper';

jest.setTimeout(120_000);

// The server's own validator settings (app.ts): no coercion, nothing removed.
const compile = AjvCompiler()({}, { customOptions: { coerceTypes: false, removeAdditional: false, allErrors: true }, plugins: [] });
const validator = (schema: object) => compile({ schema, method: 'GET', url: '/', httpPart: 'body' } as never) as ((v: unknown) => boolean) & { errors?: unknown };

function expectValid(schema: object, value: unknown, what: string): void {
  const check = validator(schema);
  const ok = check(value);
  expect({ what, errors: ok ? null : check.errors }).toEqual({ what, errors: null });
}

describe('what the server answers matches the contract schemas the client types come from', () => {
  let s: TestServer;
  beforeAll(async () => {
    s = await build({ name: 'pglite' }, { COOLING_OFF_SECONDS: '3600' });
  });
  afterAll(async () => {
    await s?.close();
  });

  it('sign-in, consents, export, cancellation and its undo, sign-out, errors', async () => {
    const login = await s.app.inject({ method: 'POST', url: '/v1/sessions', payload: { code: 'dev:contract' } });
    expectValid(loginResponseSchema, login.json(), 'POST /v1/sessions');
    const { token } = login.json();
    const policy = await s.app.inject('/v1/policy/current');
    expectValid(policyVersionResponseSchema, policy.json(), 'GET /v1/policy/current');
    const version = policy.json().version;
    const meta = await s.app.inject('/v1/policy/current?include=meta&lang=en');
    expectValid(policyVersionResponseSchema, meta.json(), 'GET /v1/policy/current?include=meta');

    const at = '2026-03-02T08:00:00.000Z';
    const base = { policyVersion: version, deviceId: 'device-contract', occurredAt: at };
    const events = [
      { id: 'contract-p1', kind: 'policy', purpose: 'policy', value: 'accepted', source: 'first-run-sheet', ...base },
      { id: 'contract-c1', kind: 'consent', purpose: 'marketing', value: 'granted', source: 'privacy-centre', ...base },
      { id: 'contract-c2', kind: 'consent', purpose: 'cross-border', value: 'refused', source: 'feature', ...base },
      { id: 'contract-m1', kind: 'permission', purpose: 'camera', value: 'granted', source: 'feature', ...base },
    ];
    const posted = await s.app.inject({ method: 'POST', url: '/v1/me/consents', headers: bearer(token), payload: { events } });
    expect(posted.statusCode).toBe(200);
    expectValid(postConsentsResponseSchema, posted.json(), 'POST /v1/me/consents');
    const read = await s.app.inject({ url: '/v1/me/consents', headers: bearer(token) });
    expectValid(getConsentsResponseSchema, read.json(), 'GET /v1/me/consents');
    expect(read.json().events).toHaveLength(4);

    const asked = await s.app.inject({ method: 'POST', url: '/v1/me/cancellation', headers: { ...bearer(token), 'idempotency-key': 'contract-key-1' }, payload: { confirm: true, code: 'dev:contract', reason: 'moving' } });
    expect(asked.statusCode).toBe(202);
    expectValid(cancellationResponseSchema, asked.json(), 'POST /v1/me/cancellation');
    const undone = await s.app.inject({ method: 'POST', url: '/v1/me/cancellation/withdrawal', headers: bearer(token), payload: { code: 'dev:contract' } });
    expectValid(cancellationResponseSchema, undone.json(), 'POST /v1/me/cancellation/withdrawal');
    const exported = await s.app.inject({ url: '/v1/me/export', headers: bearer(token) });
    expectValid(exportResponseSchema, exported.json(), 'GET /v1/me/export');
    expect(exported.json().cancellationRequests[0]).toMatchObject({ status: 'withdrawn', reason: 'moving' });

    for (const bad of [
      await s.app.inject({ method: 'POST', url: '/v1/me/consents', headers: bearer(token), payload: { events: [{ ...events[0], id: 'x' }] } }),
      await s.app.inject({ url: '/v1/me/consents', headers: bearer('st_unknown') }),
      await s.app.inject({ url: '/v1/policy/versions/999999' }),
    ]) {
      expectValid(errorBodySchema, bad.json(), `error ${bad.statusCode}`);
    }
    const out = await s.app.inject({ method: 'POST', url: '/v1/sessions/sign-out', headers: bearer(token), payload: { scope: 'everywhere' } });
    expectValid(signOutResponseSchema, out.json(), 'POST /v1/sessions/sign-out');
  });
});

describe("the client's event check and the server's event schema agree", () => {
  const schema = validator(ledgerEventSchema);
  const pick = <T>(xs: readonly T[]) => fc.constantFrom(...xs);
  const wellFormed = fc.oneof(
    fc.record({ kind: fc.constant('policy'), purpose: fc.constant('policy'), value: pick(POLICY_VALUES) }),
    fc.record({ kind: fc.constant('consent'), purpose: pick(CONSENT_PURPOSES), value: pick(CONSENT_VALUES) }),
    fc.record({ kind: fc.constant('permission'), purpose: pick(CAPABILITIES), value: pick(PERMISSION_VALUES) }),
  );
  const event = fc
    .tuple(
      wellFormed,
      fc.stringMatching(/^[A-Za-z0-9_-]{8,64}$/),
      fc.stringMatching(/^[A-Za-z0-9_-]{8,64}$/),
      fc.integer({ min: 1, max: 2147483647 }),
      pick(EVENT_SOURCES),
      fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2099-12-31T23:59:59Z'), noInvalidDate: true }),
    )
    .map(([kpv, id, deviceId, policyVersion, source, at]) => ({ ...kpv, id, deviceId, policyVersion, source, occurredAt: at.toISOString() }) as Record<string, unknown>);
  // What a buggy or hostile client might send instead (every time within the server's range).
  const mutation = fc.oneof(
    fc.constant((e: Record<string, unknown>) => ({ ...e, extra: 1 })),
    fc.constantFrom('id', 'kind', 'purpose', 'value', 'policyVersion', 'deviceId', 'occurredAt', 'source').map((k) => (e: Record<string, unknown>) => {
      const { [k]: _gone, ...rest } = e;
      return rest;
    }),
    fc.constantFrom('policy', 'consent', 'permission', 'other').map((kind) => (e: Record<string, unknown>) => ({ ...e, kind })),
    fc.constantFrom('policy', 'marketing', 'camera', 'guardian', 'tracking-social', 'x').map((purpose) => (e: Record<string, unknown>) => ({ ...e, purpose })),
    fc.constantFrom('accepted', 'granted', 'not-now', 'withdrawn', 'blocked', '').map((value) => (e: Record<string, unknown>) => ({ ...e, value })),
    fc.constantFrom(0, -1, 1.5, 2147483648, '3', null).map((policyVersion) => (e: Record<string, unknown>) => ({ ...e, policyVersion })),
    fc.constantFrom('short', 'has space in it', 'a'.repeat(65), 42).map((id) => (e: Record<string, unknown>) => ({ ...e, id })),
    fc.constantFrom('dev', 'dev!ce-0001', 'b'.repeat(65)).map((deviceId) => (e: Record<string, unknown>) => ({ ...e, deviceId })),
    fc.constantFrom('shop', '', 'Settings').map((source) => (e: Record<string, unknown>) => ({ ...e, source })),
  );

  it('accept the same events and refuse the same mutations', () => {
    fc.assert(
      fc.property(event, fc.option(mutation, { nil: undefined }), (e, mutate) => {
        const candidate = mutate ? mutate(e) : e;
        const client = ledgerEventProblem(candidate) === null;
        const server = schema(candidate);
        expect({ candidate, client }).toEqual({ candidate, client: server });
      }),
      { numRuns: 2000 },
    );
  });

  it("differ only where the contract says so: the device clock's year", () => {
    const e = { id: 'clock-test-1', kind: 'policy', purpose: 'policy', value: 'shown', policyVersion: 1, deviceId: 'device-0001', source: 'first-run-sheet', occurredAt: '1999-12-31T23:59:59.000Z' };
    expect(ledgerEventProblem(e)).toBeNull();
    expect(schema(e)).toBe(false);
  });
});
