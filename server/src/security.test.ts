import fc from 'fast-check';
import type { InjectOptions } from 'fastify';
import { bearer, build, tableChecksums, testTargets, type TestServer } from '../test/helper';
import { CASES, victimAndAttacker, type Caller, type Ctx } from '../test/routeCases';

jest.setTimeout(300_000);

describe.each(testTargets())('security on $name', (target) => {
  let s: TestServer;
  let victim: Caller;
  let attacker: Caller;
  let ctx: Ctx;

  beforeAll(async () => {
    s = await build(target);
    ({ victim, attacker, ctx } = await victimAndAttacker(s));
  });
  afterAll(async () => {
    await s?.close();
  });

  it('has a case for every route in the route table', () => {
    const routes = s.app.routeTable.filter((r) => r.method !== 'HEAD').map((r) => `${r.method} ${r.url}`);
    const missing = routes.filter((r) => !CASES[r]);
    expect(missing).toEqual([]);
    for (const r of s.app.routeTable) expect(r.auth).not.toBeNull();
    // Every ops route says which role it needs.
    expect(s.app.routeTable.filter((r) => r.auth === 'ops' && !r.role).map((r) => `${r.method} ${r.url}`)).toEqual([]);
  });

  it("never lets one shopper read or change another's rows", async () => {
    const victimRows = async () => {
      const events = await s.db.selectFrom('consent_events').selectAll().where('user_id', '=', victim.userId).execute();
      const requests = await s.db.selectFrom('cancellation_requests').selectAll().where('user_id', '=', victim.userId).execute();
      const keys = await s.db.selectFrom('idempotency_keys').selectAll().where('user_id', '=', victim.userId).execute();
      const desk = await s.db.selectFrom('rights_requests').selectAll().where('user_id', '=', victim.userId).execute();
      return JSON.stringify({ events, requests, keys, desk });
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
