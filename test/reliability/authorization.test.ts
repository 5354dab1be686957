/**
 * The authorization matrix on PostgreSQL, walked from Fastify's route table (HEAD routes
 * included, through their GET route's case):
 * - every shopper route, called by another shopper (with the victim's id also slipped into the
 *   query, headers, cookie and body), never reads or changes the victim's rows; without a live
 *   shopper session (none, forged, expired, revoked, an ops token) it answers 401;
 * - every ops route answers 401 without a live ops credential (none, forged, expired, revoked,
 *   an expired console session, the console session of a revoked token) and 403 to a shopper
 *   session; every publisher action answers 403 to a viewer (bearer token or console session);
 *   every state-changing ops route answers 403 to a console session without its CSRF token or
 *   from another site.
 * No refused call changes any row (checksums after each call). A route without a case, without
 * a declared audience or (ops) without a role fails the suite.
 */
import { sql } from 'kysely';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { createOpsToken } from '../../server/src/commands/createOpsToken';
import { sha256Hex } from '../../server/src/domain/tokens';
import { CONSOLE_COOKIE, CSRF_HEADER } from '../../server/src/routes/console';
import { bearer, build, tableChecksums, tableNames, type TestServer } from '../../server/test/helper';
import { CASES, VICTIM_SECRETS, victimAndAttacker, type Case, type Caller, type Ctx } from '../../server/test/routeCases';

jest.setTimeout(300_000);

const adminUrl = process.env.TEST_DATABASE_URL;
if (!adminUrl) throw new Error('TEST_DATABASE_URL is not set: run this suite through `npm run test:reliability`.');

type Route = { method: string; url: string; auth: string | null; role: string | null };
const keyOf = (r: { method: string; url: string }) => `${r.method} ${r.url}`;
/** HEAD routes answer as their GET route does: they share its case. */
const caseOf = (r: Route): Case | undefined => CASES[keyOf({ method: r.method === 'HEAD' ? 'GET' : r.method, url: r.url })];
const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** One kind of caller in the matrix: where it applies and the answer every such call must get. */
interface CallerKind {
  code: string;
  label: string;
  applies(route: Route): boolean;
  status: number;
  /** Credential headers (replacing the case's own). */
  headers: Record<string, string>;
}

describe('authorization matrix (PostgreSQL)', () => {
  let s: TestServer;
  let victim: Caller;
  let attacker: Caller;
  let ctx: Ctx;
  let kinds: CallerKind[] = [];
  /** route → caller code → calls made and refused. */
  const matrix = new Map<string, Map<string, { calls: number; refused: number }>>();
  const tally = (route: string, code: string, refused: boolean) => {
    const row = matrix.get(route) ?? new Map<string, { calls: number; refused: number }>();
    matrix.set(route, row);
    const cell = row.get(code) ?? { calls: 0, refused: 0 };
    row.set(code, cell);
    cell.calls++;
    if (refused) cell.refused++;
  };

  const routes = (): Route[] => s.app.routeTable as Route[];
  /** The case's request with its credential headers replaced. */
  const withCredential = (req: InjectOptions, headers: Record<string, string>): InjectOptions => {
    const own = Object.fromEntries(Object.entries(req.headers ?? {}).filter(([k]) => k !== 'authorization' && k !== 'cookie' && k !== CSRF_HEADER));
    return { ...req, headers: { ...own, ...headers } };
  };

  beforeAll(async () => {
    s = await build({ name: 'postgres', adminUrl });
    ({ victim, attacker, ctx } = await victimAndAttacker(s));
    const expiredShopper = await s.login('authz-expired');
    await s.db.updateTable('sessions').set({ expires_at: new Date(Date.now() - 60_000).toISOString() }).where('token_hash', '=', sha256Hex(expiredShopper.token)).execute();
    const revokedShopper = await s.login('authz-revoked');
    await s.db.updateTable('sessions').set({ revoked_at: new Date().toISOString() }).where('token_hash', '=', sha256Hex(revokedShopper.token)).execute();
    const expired = await createOpsToken(s.db, { role: 'publisher', name: 'expired-publisher', expiresInDays: 1 });
    await s.db.updateTable('ops_tokens').set({ expires_at: new Date(Date.now() - 60_000).toISOString() }).where('id', '=', expired.id).execute();
    const revoked = await createOpsToken(s.db, { role: 'publisher', name: 'revoked-publisher', expiresInDays: 1 });
    expect((await s.app.inject({ method: 'DELETE', url: `/v1/admin/tokens/${revoked.id}`, headers: bearer(s.publisher) })).statusCode).toBe(200);

    // Console sessions: a viewer's, a publisher's, one expired since, one whose token was revoked since.
    const signIn = async (token: string) => {
      const res = await s.app.inject({ method: 'POST', url: '/ops/api/session', payload: { token } });
      expect(res.statusCode).toBe(201);
      const cookie = [res.headers['set-cookie']].flat().find((h) => typeof h === 'string' && h.startsWith(`${CONSOLE_COOKIE}=`))!.split(';')[0]!;
      return { cookie, [CSRF_HEADER]: res.json().csrfToken as string };
    };
    const consoleViewer = await signIn(s.viewer);
    const consolePublisher = await signIn(s.publisher);
    const consoleExpired = await signIn((await createOpsToken(s.db, { role: 'publisher', name: 'console-expired', expiresInDays: 1 })).token);
    await s.db
      .withTables<{ ops_console_sessions: { id_hash: string; expires_at: string } }>()
      .updateTable('ops_console_sessions')
      .set({ expires_at: new Date(Date.now() - 60_000).toISOString() })
      .where('id_hash', '=', sha256Hex(consoleExpired.cookie.slice(CONSOLE_COOKIE.length + 1)))
      .execute();
    const laterRevoked = await createOpsToken(s.db, { role: 'publisher', name: 'console-revoked', expiresInDays: 1 });
    const consoleRevoked = await signIn(laterRevoked.token);
    expect((await s.app.inject({ method: 'DELETE', url: `/v1/admin/tokens/${laterRevoked.id}`, headers: bearer(s.publisher) })).statusCode).toBe(200);

    // The live credentials work, so the refusals below are about the role, the session or the CSRF token.
    expect((await s.app.inject({ url: '/v1/admin/stats', headers: bearer(s.viewer) })).statusCode).toBe(200);
    expect((await s.app.inject({ url: '/v1/admin/stats', headers: consoleViewer })).statusCode).toBe(200);
    expect((await s.app.inject({ url: '/v1/admin/tokens', headers: consolePublisher })).statusCode).toBe(200);

    const shopper = (r: Route) => r.auth === 'shopper';
    const ops = (r: Route) => r.auth === 'ops';
    const publisherAction = (r: Route) => r.auth === 'ops' && r.role === 'publisher';
    const opsWrite = (r: Route) => r.auth === 'ops' && UNSAFE.has(r.method);
    kinds = [
      { code: 'S-none', label: 'shopper route, no token', applies: shopper, status: 401, headers: {} },
      { code: 'S-forged', label: 'shopper route, forged session token', applies: shopper, status: 401, headers: bearer(`st_${'f'.repeat(43)}`) },
      { code: 'S-expired', label: 'shopper route, expired session', applies: shopper, status: 401, headers: bearer(expiredShopper.token) },
      { code: 'S-revoked', label: 'shopper route, revoked session', applies: shopper, status: 401, headers: bearer(revokedShopper.token) },
      { code: 'S-ops', label: 'shopper route, publisher ops token', applies: shopper, status: 401, headers: bearer(s.publisher) },
      { code: 'O-none', label: 'ops route, no token', applies: ops, status: 401, headers: {} },
      { code: 'O-forged', label: 'ops route, forged ops token', applies: ops, status: 401, headers: bearer(`ops_${'f'.repeat(43)}`) },
      { code: 'O-expired', label: 'ops route, expired publisher token', applies: ops, status: 401, headers: bearer(expired.token) },
      { code: 'O-revoked', label: 'ops route, revoked publisher token', applies: ops, status: 401, headers: bearer(revoked.token) },
      { code: 'O-shopper', label: 'ops route, shopper session', applies: ops, status: 403, headers: bearer(attacker.token) },
      { code: 'C-expired', label: 'ops route, expired console session', applies: ops, status: 401, headers: consoleExpired },
      { code: 'C-revoked', label: 'ops route, console session of a revoked token', applies: ops, status: 401, headers: consoleRevoked },
      { code: 'P-viewer', label: 'publisher action, viewer token', applies: publisherAction, status: 403, headers: bearer(s.viewer) },
      { code: 'P-cviewer', label: 'publisher action, viewer console session', applies: publisherAction, status: 403, headers: consoleViewer },
      { code: 'W-nocsrf', label: 'ops write, publisher console session without CSRF token', applies: opsWrite, status: 403, headers: { cookie: consolePublisher.cookie } },
      {
        code: 'W-xsite',
        label: 'ops write, publisher console session from another site',
        applies: opsWrite,
        status: 403,
        headers: { ...consolePublisher, origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' },
      },
    ];
  });
  afterAll(async () => {
    if (matrix.size > 0) {
      const codes = ['cross', ...kinds.map((k) => k.code)];
      const width = Math.max(...[...matrix.keys()].map((r) => r.length)) + 2;
      const cell = (c: { calls: number; refused: number } | undefined) => (c ? `${c.refused}/${c.calls}` : '·');
      const totals = codes.map((code) => [...matrix.values()].reduce((t, row) => ({ calls: t.calls + (row.get(code)?.calls ?? 0), refused: t.refused + (row.get(code)?.refused ?? 0) }), { calls: 0, refused: 0 }));
      const all = totals.reduce((t, c) => ({ calls: t.calls + c.calls, refused: t.refused + c.refused }), { calls: 0, refused: 0 });
      console.log(
        [
          `authorization matrix: ${matrix.size} routes, refused / calls (cross = another shopper, 5 ways to name the victim; a refused cross-user call may answer 2xx with the caller's own data)`,
          `  ${'route'.padEnd(width)}${codes.map((c) => c.padStart(11)).join('')}`,
          ...[...matrix.entries()].map(([route, row]) => `  ${route.padEnd(width)}${codes.map((c) => cell(row.get(c)).padStart(11)).join('')}`),
          `  ${'refused'.padEnd(width)}${totals.map((t) => `${t.refused}/${t.calls}`.padStart(11)).join('')}`,
          `  all: ${all.refused}/${all.calls} refused (${((100 * all.refused) / Math.max(1, all.calls)).toFixed(1)}%); public routes, no credential needed: ${routes().filter((r) => r.auth === 'public').length}`,
          '  cross: another shopper | ' + kinds.map((k) => `${k.code}: ${k.label} → ${k.status}`).join(' | '),
        ].join('\n'),
      );
    }
    await s?.close();
  });

  it('has a case for every route, every route declares its audience, every ops route its role', () => {
    expect(routes().filter((r) => !caseOf(r)).map(keyOf)).toEqual([]);
    expect(routes().filter((r) => !['public', 'shopper', 'ops'].includes(r.auth ?? '')).map(keyOf)).toEqual([]);
    expect(routes().filter((r) => r.auth === 'ops' && !['viewer', 'publisher'].includes(r.role ?? '')).map(keyOf)).toEqual([]);
    // The matrix below is not empty: shopper routes, ops routes and publisher actions exist.
    expect(routes().filter((r) => r.auth === 'shopper').length).toBeGreaterThan(5);
    expect(routes().filter((r) => r.auth === 'ops' && r.role === 'publisher').length).toBeGreaterThan(5);
  });

  it('never lets one shopper read or change another shopper’s rows, whatever ids the request carries', async () => {
    // Every row of every table that mentions the victim.
    const victimRows = async () => {
      const out: Record<string, string[]> = {};
      for (const t of await tableNames(s.db)) {
        const r = await sql<{ x: string }>`select x::text as x from ${sql.table(t)} x where strpos(x::text, ${victim.userId}) > 0 order by 1`.execute(s.db);
        if (r.rows.length) out[t] = r.rows.map((row) => row.x);
      }
      return out;
    };
    const before = await victimRows();
    // The comparison has something to compare: the victim's account, session, ledger, request and key.
    expect(Object.keys(before).sort()).toEqual(expect.arrayContaining(['cancellation_requests', 'consent_events', 'idempotency_keys', 'sessions', 'users']));
    const request = await s.db.selectFrom('cancellation_requests').select('id').where('user_id', '=', victim.userId).executeTakeFirstOrThrow();
    const user = await s.db.selectFrom('users').select('subject_hash').where('id', '=', victim.userId).executeTakeFirstOrThrow();
    // (The attacker's own cases reuse the victim's event id on the attacker's account: ids are per user.)
    const secrets = [victim.userId, victim.token, sha256Hex(victim.token), String(request.id), user.subject_hash, VICTIM_SECRETS.deviceId, VICTIM_SECRETS.reason, VICTIM_SECRETS.nickname, VICTIM_SECRETS.phone];
    const leaks = (res: LightMyRequestResponse) => secrets.filter((x) => res.body.includes(x) || JSON.stringify(res.headers).includes(x));
    // The victim's id where a careless handler might take it instead of the session's.
    const smuggled = (o: InjectOptions): InjectOptions[] => {
      const url = String(o.url);
      const query = `${url}${url.includes('?') ? '&' : '?'}userId=${victim.userId}&user_id=${victim.userId}`;
      const headers = { ...o.headers, 'x-user-id': victim.userId, 'x-forwarded-user': victim.userId, cookie: `userId=${victim.userId}; user_id=${victim.userId}` };
      const payload = o.payload && typeof o.payload === 'object' && !Array.isArray(o.payload) ? { ...(o.payload as object), userId: victim.userId } : o.payload;
      return [o, { ...o, url: query }, { ...o, headers }, { ...o, payload }, { ...o, url: query, headers, payload }];
    };
    const failures: unknown[] = [];
    for (const route of routes().filter((r) => r.auth === 'shopper')) {
      for (const req of smuggled(caseOf(route)!(attacker, ctx))) {
        const res = await s.app.inject({ ...req, method: route.method as InjectOptions['method'] });
        const leaked = leaks(res);
        const untouched = JSON.stringify(await victimRows()) === JSON.stringify(before);
        const refused = res.statusCode < 500 && leaked.length === 0 && untouched;
        tally(keyOf(route), 'cross', refused);
        if (!refused) failures.push({ route: keyOf(route), url: req.url, status: res.statusCode, leaked, untouched });
      }
    }
    expect(failures).toEqual([]);
    const cells = [...matrix.values()].map((row) => row.get('cross')!);
    expect(cells.reduce((a, c) => a + c.refused, 0)).toBe(cells.reduce((a, c) => a + c.calls, 0));
    expect((await s.app.inject({ url: '/v1/me/cancellation', headers: bearer(victim.token) })).json().status).toBe('pending');
  });

  it('refuses every shopper and ops route without the credential it needs, and no refusal changes a row', async () => {
    const failures: unknown[] = [];
    let before = await tableChecksums(s.db);
    for (const kind of kinds) {
      for (const route of routes().filter((r) => kind.applies(r))) {
        const req = withCredential({ ...caseOf(route)!(attacker, ctx), method: route.method as InjectOptions['method'] }, kind.headers);
        const res = await s.app.inject(req);
        const after = await tableChecksums(s.db);
        const changed = Object.keys(after).filter((t) => after[t] !== before[t]);
        before = after;
        const refused = res.statusCode === kind.status && changed.length === 0;
        tally(keyOf(route), kind.code, refused);
        if (!refused) failures.push({ route: keyOf(route), caller: kind.label, status: res.statusCode, expected: kind.status, changed, body: res.body.slice(0, 200) });
      }
    }
    expect(failures).toEqual([]);
    // Every kind of caller met at least one route, and every ops route met every caller it applies to.
    for (const kind of kinds) expect({ kind: kind.code, calls: [...matrix.values()].some((row) => (row.get(kind.code)?.calls ?? 0) > 0) }).toEqual({ kind: kind.code, calls: true });
    const opsRoutes = routes().filter((r) => r.auth === 'ops');
    expect(opsRoutes.every((r) => kinds.filter((k) => k.applies(r)).every((k) => matrix.get(keyOf(r))?.get(k.code)?.calls === 1))).toBe(true);
    let calls = 0;
    let refused = 0;
    for (const row of matrix.values()) {
      for (const c of row.values()) {
        calls += c.calls;
        refused += c.refused;
      }
    }
    expect(refused).toBe(calls);
  });
});
