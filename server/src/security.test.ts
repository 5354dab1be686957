import fc from 'fast-check';
import type { InjectOptions } from 'fastify';
import { bearer, build, publishPolicy, tableChecksums, testTargets, tinyPolicy, type TestServer } from '../test/helper';

jest.setTimeout(300_000);

type Caller = { token: string; userId: string };
/** How to call a route as `caller`; the path uses the victim's resources where it names any. */
type Case = (caller: Caller, ctx: Ctx) => InjectOptions;
interface Ctx {
  version: number;
  victimTokenId: string;
}

const EVENT = (id: string, version: number) => ({
  id,
  kind: 'consent',
  purpose: 'marketing',
  value: 'granted',
  policyVersion: version,
  deviceId: 'attacker-dev-1',
  occurredAt: '2025-01-01T00:00:00.000Z',
  source: 'settings',
});

/**
 * One case per route. A route added without a case here fails the matrix test, so every new
 * route is checked for cross-user access.
 */
const CASES: Record<string, Case> = {
  'GET /healthz': () => ({ url: '/healthz' }),
  'GET /readyz': () => ({ url: '/readyz' }),
  'GET /openapi.json': () => ({ url: '/openapi.json' }),
  'POST /v1/sessions': () => ({ method: 'POST', url: '/v1/sessions', payload: { code: 'dev:attacker' } }),
  'GET /v1/policy/current': () => ({ url: '/v1/policy/current' }),
  'GET /v1/policy/versions/:version': (_c, ctx) => ({ url: `/v1/policy/versions/${ctx.version}` }),
  'GET /v1/me/consents': (c) => ({ url: '/v1/me/consents', headers: bearer(c.token) }),
  'POST /v1/me/consents': (c, ctx) => ({ method: 'POST', url: '/v1/me/consents', headers: bearer(c.token), payload: { events: [EVENT('victim-evt-0001', ctx.version)] } }),
  'GET /v1/me/export': (c) => ({ url: '/v1/me/export', headers: bearer(c.token) }),
  'POST /v1/me/cancellation': (c) => ({
    method: 'POST',
    url: '/v1/me/cancellation',
    headers: { ...bearer(c.token), 'idempotency-key': 'victim-key-0001' },
    payload: { confirm: true, code: 'dev:victim' },
  }),
  'GET /v1/me/cancellation': (c) => ({ url: '/v1/me/cancellation', headers: bearer(c.token) }),
  'DELETE /v1/me/cancellation': (c) => ({ method: 'DELETE', url: '/v1/me/cancellation', headers: bearer(c.token) }),
  'GET /v1/admin/policies': (c) => ({ url: '/v1/admin/policies', headers: bearer(c.token) }),
  'GET /v1/admin/policies/:version': (c, ctx) => ({ url: `/v1/admin/policies/${ctx.version}`, headers: bearer(c.token) }),
  'POST /v1/admin/policies': (c) => ({ method: 'POST', url: '/v1/admin/policies', headers: bearer(c.token), payload: { content: tinyPolicy('evil') } }),
  'PUT /v1/admin/policies/:version': (c, ctx) => ({ method: 'PUT', url: `/v1/admin/policies/${ctx.version}`, headers: bearer(c.token), payload: { content: tinyPolicy('evil') } }),
  'POST /v1/admin/policies/:version/publish': (c, ctx) => ({
    method: 'POST',
    url: `/v1/admin/policies/${ctx.version}/publish`,
    headers: bearer(c.token),
    payload: { material: true, summary: { zh: 'x', en: 'x' } },
  }),
  'POST /v1/admin/policies/:version/activate': (c, ctx) => ({ method: 'POST', url: `/v1/admin/policies/${ctx.version}/activate`, headers: bearer(c.token), payload: {} }),
  'GET /v1/admin/stats': (c) => ({ url: '/v1/admin/stats', headers: bearer(c.token) }),
  'GET /v1/admin/audit': (c) => ({ url: '/v1/admin/audit', headers: bearer(c.token) }),
  'GET /v1/admin/tokens': (c) => ({ url: '/v1/admin/tokens', headers: bearer(c.token) }),
  'POST /v1/admin/tokens': (c) => ({ method: 'POST', url: '/v1/admin/tokens', headers: bearer(c.token), payload: { name: 'evil', role: 'publisher' } }),
  'DELETE /v1/admin/tokens/:id': (c, ctx) => ({ method: 'DELETE', url: `/v1/admin/tokens/${ctx.victimTokenId}`, headers: bearer(c.token) }),
  // The ops console: static files and its cookie session (a shopper token is no ops token).
  'GET /ops': () => ({ url: '/ops' }),
  'GET /ops/': () => ({ url: '/ops/' }),
  'GET /ops/console.js': () => ({ url: '/ops/console.js' }),
  'GET /ops/console.css': () => ({ url: '/ops/console.css' }),
  'GET /ops/sensitive-terms.json': () => ({ url: '/ops/sensitive-terms.json' }),
  'GET /ops/api/session': () => ({ url: '/ops/api/session' }),
  'POST /ops/api/session': (c) => ({ method: 'POST', url: '/ops/api/session', payload: { token: c.token } }),
  'DELETE /ops/api/session': () => ({ method: 'DELETE', url: '/ops/api/session' }),
  'GET /v1/admin/activations': (c) => ({ url: '/v1/admin/activations', headers: bearer(c.token) }),
  'GET /v1/admin/lists/:version': (c, ctx) => ({ url: `/v1/admin/lists/${ctx.version}`, headers: bearer(c.token) }),
  'PUT /v1/admin/lists/:version/:kind': (c, ctx) => ({ method: 'PUT', url: `/v1/admin/lists/${ctx.version}/collection`, headers: bearer(c.token), payload: { items: [] } }),
  'GET /v1/admin/policies/:version/diff': (c, ctx) => ({ url: `/v1/admin/policies/${ctx.version}/diff`, headers: bearer(c.token) }),
  'GET /v1/admin/privacy-guide': (c) => ({ url: '/v1/admin/privacy-guide', headers: bearer(c.token) }),
  'POST /v1/admin/privacy-guide/filings': (c, ctx) => ({ method: 'POST', url: '/v1/admin/privacy-guide/filings', headers: bearer(c.token), payload: { policyVersion: ctx.version } }),
  // The demo shop's consumers: each checks the caller's own consents.
  'GET /v1/shop/recommendations': (c) => ({ url: '/v1/shop/recommendations', headers: bearer(c.token) }),
  'POST /v1/shop/newsletter': (c) => ({ method: 'POST', url: '/v1/shop/newsletter', headers: bearer(c.token), payload: { channel: 'sms' } }),
  'POST /v1/shop/dealer-appointments': (c) => ({ method: 'POST', url: '/v1/shop/dealer-appointments', headers: bearer(c.token), payload: { dealerId: 'd1', date: '2025-05-05' } }),
  'POST /v1/shop/warranties': (c) => ({ method: 'POST', url: '/v1/shop/warranties', headers: bearer(c.token), payload: { serial: 'SN1', international: true } }),
  'POST /v1/shop/refunds': (c) => ({ method: 'POST', url: '/v1/shop/refunds', headers: bearer(c.token), payload: { orderId: 'o1', bankAccount: '123456789012' } }),
  'POST /v1/shop/analytics': (c) => ({ method: 'POST', url: '/v1/shop/analytics', headers: bearer(c.token), payload: { route: '/home' } }),
};

describe.each(testTargets())('security on $name', (target) => {
  let s: TestServer;
  let victim: Caller;
  let attacker: Caller;
  let ctx: Ctx;

  beforeAll(async () => {
    s = await build(target);
    const version = await publishPolicy(s, tinyPolicy('sec'), true);
    victim = await s.login('victim');
    attacker = await s.login('attacker');
    // The victim's own data: events, a pending cancellation with its idempotency key.
    await s.app.inject({ method: 'POST', url: '/v1/me/consents', headers: bearer(victim.token), payload: { events: [{ ...EVENT('victim-evt-0001', version), deviceId: 'victim-dev-01' }] } });
    const slow = await s.another({ COOLING_OFF_SECONDS: '86400' });
    const c = await slow.inject({
      method: 'POST',
      url: '/v1/me/cancellation',
      headers: { ...bearer(victim.token), 'idempotency-key': 'victim-key-0001' },
      payload: { confirm: true, code: 'dev:victim', reason: 'victim-reason' },
    });
    expect(c.statusCode).toBe(202);
    const tokens = (await s.app.inject({ url: '/v1/admin/tokens', headers: bearer(s.publisher) })).json();
    ctx = { version, victimTokenId: tokens.tokens.find((t: { name: string }) => t.name === 'test-viewer').id };
  });
  afterAll(async () => {
    await s?.close();
  });

  it('has a case for every route in the route table', () => {
    const routes = s.app.routeTable.filter((r) => r.method !== 'HEAD').map((r) => `${r.method} ${r.url}`);
    const missing = routes.filter((r) => !CASES[r]);
    expect(missing).toEqual([]);
    for (const r of s.app.routeTable) expect(r.auth).not.toBeNull();
  });

  it("never lets one shopper read or change another's rows", async () => {
    const victimRows = async () => {
      const events = await s.db.selectFrom('consent_events').selectAll().where('user_id', '=', victim.userId).execute();
      const requests = await s.db.selectFrom('cancellation_requests').selectAll().where('user_id', '=', victim.userId).execute();
      const keys = await s.db.selectFrom('idempotency_keys').selectAll().where('user_id', '=', victim.userId).execute();
      return JSON.stringify({ events, requests, keys });
    };
    const before = await victimRows();
    for (const route of s.app.routeTable) {
      if (route.method === 'HEAD') continue;
      const key = `${route.method} ${route.url}`;
      const res = await s.app.inject(CASES[key]!(attacker, ctx));
      expect({ key, status: res.statusCode < 500 }).toEqual({ key, status: true });
      for (const secret of [victim.userId, victim.token, 'victim-dev-01', 'victim-reason']) {
        expect({ key, leaked: res.body.includes(secret) }).toEqual({ key, leaked: false });
      }
      if (route.auth === 'ops') expect({ key, status: res.statusCode }).toEqual({ key, status: 403 });
    }
    expect(await victimRows()).toBe(before);
    // The victim's own request is untouched by the attacker's DELETE and POST.
    expect((await s.app.inject({ url: '/v1/me/cancellation', headers: bearer(victim.token) })).json().status).toBe('pending');
  });

  it('answers generated bad input with 4xx only and changes no table', async () => {
    const before = await tableChecksums(s.db);
    const routes = s.app.routeTable.filter((r) => r.url.startsWith('/v1/') && r.method !== 'HEAD' && r.method !== 'GET');
    const tokenFor = (r: (typeof routes)[number]) => (r.auth === 'ops' ? s.publisher : r.auth === 'shopper' ? attacker.token : undefined);
    const pathOf = (url: string, seg: string) => url.replace(/:[a-zA-Z]+/g, encodeURIComponent(seg) || 'x');
    // Bodies that are never valid for any route: wrong shapes, extra fields, wrong types.
    const badBody = fc.oneof(
      fc.jsonValue(),
      fc.dictionary(fc.string({ maxLength: 12 }), fc.jsonValue({ maxDepth: 2 })).map((o) => ({ ...o, unexpectedField: true })),
      fc.record({ events: fc.array(fc.jsonValue({ maxDepth: 2 }), { minLength: 1, maxLength: 5 }) }),
      fc.record({ code: fc.oneof(fc.integer(), fc.constant(null), fc.string({ minLength: 200, maxLength: 300 })) }),
      fc.record({ content: fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 2 })) }),
      fc.record({ material: fc.jsonValue({ maxDepth: 1 }), summary: fc.jsonValue({ maxDepth: 2 }) }),
      fc.record({ at: fc.string({ maxLength: 30 }) }),
      fc.record({ name: fc.string({ maxLength: 80 }), role: fc.string({ maxLength: 10 }) }),
    );
    for (const route of routes) {
      await fc.assert(
        fc.asyncProperty(badBody, fc.string({ maxLength: 20 }), fc.string({ maxLength: 40 }), async (body, seg, key) => {
          const token = tokenFor(route);
          const res = await s.app.inject({
            method: route.method as InjectOptions['method'],
            url: pathOf(route.url, seg),
            headers: { ...(token ? bearer(token) : {}), 'content-type': 'application/json', 'idempotency-key': key || 'x' },
            payload: JSON.stringify(body),
          });
          if (route.method === 'DELETE' && res.statusCode < 300) return; // deleting nothing of one's own is allowed
          expect({ route: `${route.method} ${route.url}`, body, status: res.statusCode >= 400 && res.statusCode < 500 }).toEqual({
            route: `${route.method} ${route.url}`,
            body,
            status: true,
          });
        }),
        { numRuns: 25 },
      );
    }
    // Query strings and raw bytes on the read routes.
    await fc.assert(
      fc.asyncProperty(fc.string({ maxLength: 30 }), fc.string({ maxLength: 30 }), async (k, v) => {
        for (const url of ['/v1/policy/current', '/v1/admin/audit']) {
          const res = await s.app.inject({ url: `${url}?${encodeURIComponent(k)}=${encodeURIComponent(v)}`, headers: bearer(s.viewer) });
          expect(res.statusCode).toBeLessThan(500);
        }
      }),
      { numRuns: 40 },
    );
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 200 }), async (bytes) => {
        const res = await s.app.inject({ method: 'POST', url: '/v1/me/consents', headers: { ...bearer(attacker.token), 'content-type': 'application/json' }, payload: Buffer.from(bytes) });
        expect(res.statusCode).toBeGreaterThanOrEqual(400);
        expect(res.statusCode).toBeLessThan(500);
      }),
      { numRuns: 40 },
    );
    expect(await tableChecksums(s.db)).toEqual(before);
  });
});
