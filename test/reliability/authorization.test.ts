/**
 * The authorization matrix on PostgreSQL, walked from Fastify's route table: every shopper route
 * called by another shopper (also with the victim's id slipped into headers, query and body)
 * never reads or changes the victim's rows; every ops route refuses no token, forged, expired
 * and revoked ops tokens and shopper sessions; every publisher action refuses viewer tokens. No
 * refused call changes any table.
 */
import type { InjectOptions } from 'fastify';
import { createOpsToken } from '../../server/src/commands/createOpsToken';
import { bearer, build, tableChecksums, type TestServer } from '../../server/test/helper';
import { CASES, victimAndAttacker, type Caller, type Ctx } from '../../server/test/routeCases';

jest.setTimeout(300_000);

const adminUrl = process.env.TEST_DATABASE_URL;
if (!adminUrl) throw new Error('TEST_DATABASE_URL is not set: run this suite through `npm run test:reliability`.');

describe('authorization matrix (PostgreSQL)', () => {
  let s: TestServer;
  let victim: Caller;
  let attacker: Caller;
  let ctx: Ctx;
  const opsTokens: Record<'expired' | 'revoked', string> = { expired: '', revoked: '' };
  const summary: { callers: string; calls: number; refused: number }[] = [];

  beforeAll(async () => {
    s = await build({ name: 'postgres', adminUrl });
    ({ victim, attacker, ctx } = await victimAndAttacker(s));
    const expired = await createOpsToken(s.db, { role: 'publisher', name: 'expired-publisher', expiresInDays: 1 });
    await s.db.updateTable('ops_tokens').set({ expires_at: new Date(Date.now() - 60_000).toISOString() }).where('id', '=', expired.id).execute();
    const revoked = await createOpsToken(s.db, { role: 'publisher', name: 'revoked-publisher', expiresInDays: 1 });
    expect((await s.app.inject({ method: 'DELETE', url: `/v1/admin/tokens/${revoked.id}`, headers: bearer(s.publisher) })).statusCode).toBeLessThan(300);
    opsTokens.expired = expired.token;
    opsTokens.revoked = revoked.token;
  });
  afterAll(async () => {
    if (summary.length) console.log(`authorization matrix:\n${summary.map((r) => `  ${r.callers.padEnd(58)} ${r.refused}/${r.calls} refused`).join('\n')}`);
    await s?.close();
  });

  const routes = () => s.app.routeTable.filter((r) => r.method !== 'HEAD');
  const key = (r: { method: string; url: string }) => `${r.method} ${r.url}`;

  it('has a case for every route, and every ops route names its role', () => {
    expect(routes().filter((r) => !CASES[key(r)]).map(key)).toEqual([]);
    expect(routes().filter((r) => r.auth === 'ops' && r.role === null).map(key)).toEqual([]);
    expect(routes().filter((r) => r.auth === 'shopper').length).toBeGreaterThan(5);
    expect(routes().filter((r) => r.auth === 'ops' && r.role === 'publisher').length).toBeGreaterThan(5);
  });

  it('never lets one shopper read or change another shopper’s rows, whatever ids the request carries', async () => {
    const victimRows = async () =>
      JSON.stringify(
        await Promise.all(
          (['consent_events', 'cancellation_requests', 'idempotency_keys', 'sessions'] as const).map((t) => s.db.selectFrom(t).selectAll().where('user_id', '=', victim.userId).execute()),
        ),
      );
    const before = await victimRows();
    // (The attacker's own cases reuse the victim's event id on the attacker's account: ids are per user.)
    const secrets = [victim.userId, victim.token, 'victim-dev-01', 'victim-reason'];
    // The victim's id where a careless handler might read it instead of the session's.
    const smuggle = (o: InjectOptions): InjectOptions[] => {
      const url = String(o.url);
      const withQuery = `${url}${url.includes('?') ? '&' : '?'}userId=${victim.userId}&user_id=${victim.userId}`;
      const payload = o.payload && typeof o.payload === 'object' && !Array.isArray(o.payload) ? { ...(o.payload as object), userId: victim.userId } : o.payload;
      return [o, { ...o, url: withQuery }, { ...o, headers: { ...o.headers, 'x-user-id': victim.userId, 'x-forwarded-user': victim.userId } }, { ...o, payload }];
    };
    let calls = 0;
    let refused = 0;
    for (const route of routes().filter((r) => r.auth === 'shopper')) {
      for (const req of smuggle(CASES[key(route)]!(attacker, ctx))) {
        const res = await s.app.inject(req);
        calls++;
        const leaked = secrets.filter((x) => res.body.includes(x));
        expect({ route: key(route), status: res.statusCode < 500, leaked }).toEqual({ route: key(route), status: true, leaked: [] });
        if ((await victimRows()) === before) refused++;
      }
    }
    summary.push({ callers: 'shopper routes, another shopper (ids smuggled 4 ways)', calls, refused });
    expect(refused).toBe(calls);
    expect((await s.app.inject({ url: '/v1/me/cancellation', headers: bearer(victim.token) })).json().status).toBe('pending');
  });

  it('refuses every ops route without a valid ops token of the needed role, and changes nothing', async () => {
    const before = await tableChecksums(s.db);
    const callers: { name: string; headers: Record<string, string>; status: number; applies: (role: string | null) => boolean }[] = [
      { name: 'no token', headers: {}, status: 401, applies: () => true },
      { name: 'forged ops token', headers: bearer(`ot_${'x'.repeat(43)}`), status: 401, applies: () => true },
      { name: 'expired publisher token', headers: {}, status: 401, applies: () => true },
      { name: 'revoked publisher token', headers: {}, status: 401, applies: () => true },
      { name: 'shopper session', headers: bearer(attacker.token), status: 403, applies: () => true },
      { name: 'viewer token on a publisher action', headers: bearer(s.viewer), status: 403, applies: (role) => role === 'publisher' },
    ];
    callers[2]!.headers = bearer(opsTokens.expired);
    callers[3]!.headers = bearer(opsTokens.revoked);
    for (const caller of callers) {
      let calls = 0;
      let refused = 0;
      for (const route of routes().filter((r) => r.auth === 'ops' && caller.applies(r.role))) {
        const req = CASES[key(route)]!(attacker, ctx);
        const headers = { ...Object.fromEntries(Object.entries(req.headers ?? {}).filter(([k]) => k !== 'authorization')), ...caller.headers };
        const res = await s.app.inject({ ...req, headers });
        calls++;
        if (res.statusCode === caller.status) refused++;
        else expect({ route: key(route), caller: caller.name, status: res.statusCode }).toEqual({ route: key(route), caller: caller.name, status: caller.status });
      }
      summary.push({ callers: `ops routes, ${caller.name}`, calls, refused });
      expect(calls).toBeGreaterThan(0);
      expect(refused).toBe(calls);
    }
    expect(await tableChecksums(s.db)).toEqual(before);
  });
});
