/**
 * The audit log as ops read it: filters (action, actor, China days) validated on the server, the
 * CSV export (header, quoting, formula guard, China time, the console's sentences), and refused
 * console sign-ins audited coalesced, without the token.
 */
import { sql } from 'kysely';
import { bearer, build, publishPolicy, tableChecksums, testTargets, tinyPolicy, type TestServer } from '../../test/helper';
import { SIGN_IN_FAILURE_ROWS_PER_WINDOW, SIGN_IN_FAILURE_WINDOW_MS } from '../repositories/OpsRepository';
import { CONSOLE_COOKIE } from './console';

jest.setTimeout(120_000);

type Entry = { id: number; at: string; actor: string; action: string; target: string | null; details: Record<string, unknown> };

/** RFC 4180 reader for the test: quoted cells, doubled quotes, CRLF rows. */
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
  if (cell !== '' || row.length > 0) throw new Error(`CSV does not end with CRLF: ${JSON.stringify(text.slice(-40))}`);
  return rows;
}

describe.each(testTargets())('the audit log for ops on $name', (target) => {
  let s: TestServer;
  const entries = async (query = '', token = s.viewer): Promise<Entry[]> => {
    const res = await s.app.inject({ url: `/v1/admin/audit${query}`, headers: bearer(token) });
    expect({ query, status: res.statusCode, body: res.statusCode === 200 ? '' : res.body }).toEqual({ query, status: 200, body: '' });
    return res.json().entries as Entry[];
  };
  /** Inserts an entry at a chosen time (the date filter's edges), as the server writes them. */
  const insertAt = (at: string, actor: string, action: string, target: string | null, details: Record<string, unknown> = {}) =>
    s.db.insertInto('audit_log').values({ at, actor, action, target, details: JSON.stringify(details) }).execute();
  const signInWith = (token: string, remoteAddress = '127.0.0.1') => s.app.inject({ method: 'POST', url: '/ops/api/session', remoteAddress, payload: { token } });
  const failedRows = async () =>
    (await s.db.selectFrom('audit_log').select(['actor', 'target', 'details', 'coalesce_key']).where('action', '=', 'console.sign-in.failed').orderBy('id').execute()) as {
      actor: string;
      target: string | null;
      details: Record<string, unknown>;
      coalesce_key: string | null;
    }[];

  beforeAll(async () => {
    s = await build(target);
    await publishPolicy(s, tinyPolicy('audit'), true);
    // 23:59:59 and 00:00:00 China time around the start of 2 March 2025, and one more a day later.
    await insertAt('2025-03-01T15:59:59.000Z', 'ops:carol', 'policy.activate', 'policy:1', { effectiveAt: '2025-03-01T15:59:59.000Z' });
    await insertAt('2025-03-01T16:00:00.000Z', 'ops:carol', 'token.create', 'token:00000000-0000-4000-8000-000000000001', { name: '=HYPERLINK("http://evil.example")', role: 'viewer', expiresAt: '2025-04-01T04:00:00.000Z' });
    await insertAt('2025-03-02T16:00:00.000Z', 'ops:dave', 'policy.publish.override', 'policy:1', {
      reason: '-1+2, "quoted", @SUM(A1)\nsecond line',
      material: true,
      against: 1,
      materialChanges: [],
      gaps: [{ code: 'retention-gap', where: 'collection.orders' }],
    });
  });
  afterAll(async () => {
    await s?.close();
  });

  describe('filters', () => {
    it('filters by action, by actor (a name matches its ops: entries) and by China day, both ends included', async () => {
      const published = await entries('?action=policy.publish');
      expect(published.length).toBeGreaterThan(0);
      expect(published.every((e) => e.action === 'policy.publish')).toBe(true);
      const carol = await entries('?actor=carol');
      expect(carol.map((e) => e.action)).toEqual(['token.create', 'policy.activate']);
      expect(await entries('?actor=ops%3Acarol')).toEqual(carol);
      expect((await entries('?actor=test-publisher')).every((e) => e.actor === 'ops:test-publisher')).toBe(true);
      expect((await entries('?actor=cli')).map((e) => e.action)).toEqual(['token.create', 'token.create']);
      // 2 March China time starts at 16:00 UTC on 1 March: the 15:59:59 entry is the day before.
      expect((await entries('?from=2025-03-02&to=2025-03-02')).map((e) => e.at)).toEqual(['2025-03-01T16:00:00.000Z']);
      expect((await entries('?to=2025-03-01')).map((e) => e.at)).toEqual(['2025-03-01T15:59:59.000Z']);
      expect((await entries('?from=2025-03-02&to=2025-03-03')).map((e) => e.actor)).toEqual(['ops:dave', 'ops:carol']);
      expect((await entries('?from=2025-03-01&to=2025-03-03&actor=dave&action=policy.publish.override')).map((e) => e.actor)).toEqual(['ops:dave']);
      expect(await entries('?action=console.sign-out&actor=nobody')).toEqual([]);
      // Pages keep the filters.
      const all = await entries('?actor=carol');
      expect(await entries(`?actor=carol&limit=1&before=${all[0]!.id}`)).toEqual([all[1]]);
    });

    it.each([
      ['an unknown action', '?action=policy.delete', /action/],
      ['an actor with characters no name has', `?actor=${encodeURIComponent("x'; drop table audit_log")}`, /actor/],
      ['a day that does not exist', '?from=2025-02-30', /from is not a day that exists: 2025-02-30/],
      ['a day written another way', '?to=2025%2F03%2F01', /to/],
      ['from after to', '?from=2025-03-03&to=2025-03-02', /from \(2025-03-03\) is after to \(2025-03-02\)/],
      ['an unknown parameter', '?who=carol', /who/],
      ['a limit of 0', '?limit=0', /limit/],
    ])('refuses %s with a 400 that says what is wrong, and changes nothing', async (_label, query, message) => {
      const before = await tableChecksums(s.db);
      for (const url of [`/v1/admin/audit${query}`, `/v1/admin/audit.csv${query}`]) {
        const res = await s.app.inject({ url, headers: bearer(s.viewer) });
        expect({ url, status: res.statusCode }).toEqual({ url, status: 400 });
        expect(res.json().error.code).toBe('BAD_REQUEST');
        expect(res.json().error.message).toMatch(message);
      }
      expect(await tableChecksums(s.db)).toEqual(before);
    });
  });

  describe('the CSV export', () => {
    it('answers a CSV file with a header, every entry the filters match, China time, the sentence in the asked language, and escaped cells', async () => {
      const res = await s.app.inject({ url: '/v1/admin/audit.csv?from=2025-03-01&to=2025-03-03&lang=en', headers: bearer(s.viewer) });
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
      expect(res.headers['content-disposition']).toMatch(/^attachment; filename="audit-log-\d{4}-\d{2}-\d{2}\.csv"$/);
      expect(res.headers['cache-control']).toBe('no-store');
      expect(res.body.startsWith('\uFEFF')).toBe(true);
      const rows = parseCsv(res.body.slice(1));
      expect(rows[0]).toEqual(['Entry', 'Time (China time, UTC+8)', 'Who', 'What happened', 'Action', 'Action code', 'Concerns', 'Details']);
      expect(rows.slice(1).map((r) => r[1])).toEqual(['2025-03-03 00:00:00', '2025-03-02 00:00:00', '2025-03-01 23:59:59']);
      const [override, token, activation] = rows.slice(1);
      expect(override!.slice(2, 7)).toEqual(['dave', 'dave published v1 despite the content check, and gave a reason.', 'Published despite the content check', 'policy.publish.override', 'policy:1']);
      // A cell that starts like a formula is kept as text; quotes, commas and line breaks stay inside their cell.
      expect(override![7]).toBe('Reason given: -1+2, "quoted", @SUM(A1)\nsecond line; Material change: yes; Content compared with: v1; Content changes that make it material: 0; Compliance gaps: 1');
      expect(token![3]).toBe('carol created the ops token “=HYPERLINK("http://evil.example")” (viewer).');
      expect(token![7]).toContain('Expires: 1 Apr 2025, 12:00');
      expect(activation![3]).toBe('carol made v1 the active policy.');
      // Raw: each cell is quoted, and the guarded ones start with an apostrophe.
      const raw = res.body.split('\r\n');
      expect(raw[0]!.startsWith('\uFEFF"Entry","Time')).toBe(true);
      await s.db.insertInto('audit_log').values({ actor: '=cmd|calc', action: '@import', target: '+1', details: JSON.stringify({ note: '-2' }) }).execute();
      const hostile = parseCsv((await s.app.inject({ url: '/v1/admin/audit.csv?lang=en', headers: bearer(s.viewer) })).body.slice(1));
      const row = hostile.find((r) => r[5] === "'@import")!;
      expect(row).toBeDefined();
      expect(row[2]).toBe("'=cmd|calc");
      expect(row[6]).toBe("'+1");
      expect(row[7]).toBe('note: -2');
      await s.db.deleteFrom('audit_log').where('action', '=', '@import').execute();
    });

    it('writes the header and the sentences in Chinese by default', async () => {
      const res = await s.app.inject({ url: '/v1/admin/audit.csv?actor=carol', headers: bearer(s.viewer) });
      const rows = parseCsv(res.body.slice(1));
      expect(rows[0]![1]).toBe('时间（北京时间，UTC+8）');
      expect(rows.slice(1).map((r) => r[3])).toEqual(['carol 创建了访问令牌“=HYPERLINK("http://evil.example")”（查看者）。', 'carol 使 v1 成为生效中的政策。']);
    });

    it('streams every matching entry, past one page of the reader', async () => {
      await s.db
        .insertInto('audit_log')
        .values(Array.from({ length: 1_203 }, (_, i) => ({ actor: 'ops:bulk', action: 'console.sign-out', at: new Date(Date.UTC(2024, 0, 1, 0, 0, i)).toISOString(), details: '{}' })))
        .execute();
      const rows = parseCsv((await s.app.inject({ url: '/v1/admin/audit.csv?actor=bulk', headers: bearer(s.viewer) })).body.slice(1));
      expect(rows).toHaveLength(1_204);
      expect(new Set(rows.slice(1).map((r) => r[0])).size).toBe(1_203);
      await s.db.deleteFrom('audit_log').where('actor', '=', 'ops:bulk').execute();
    });

    it('needs an ops token or console session: none is 401, a shopper is 403, a viewer reads it', async () => {
      for (const url of ['/v1/admin/audit.csv', '/v1/admin/audit?action=console.sign-in']) {
        expect({ url, status: (await s.app.inject({ url })).statusCode }).toEqual({ url, status: 401 });
        expect({ url, status: (await s.app.inject({ url, headers: bearer(`ops_${'f'.repeat(43)}`) })).statusCode }).toEqual({ url, status: 401 });
        const shopper = await s.login('audit-shopper');
        expect({ url, status: (await s.app.inject({ url, headers: bearer(shopper.token) })).statusCode }).toEqual({ url, status: 403 });
        expect({ url, status: (await s.app.inject({ url, headers: bearer(s.viewer) })).statusCode }).toEqual({ url, status: 200 });
      }
      const signed = await signInWith(s.viewer);
      const cookie = [signed.headers['set-cookie']].flat().find((c) => typeof c === 'string' && c.startsWith(`${CONSOLE_COOKIE}=`))!.split(';')[0]!;
      const viaCookie = await s.app.inject({ url: '/v1/admin/audit.csv?lang=en', headers: { cookie } });
      expect(viaCookie.statusCode).toBe(200);
      expect(viaCookie.body).toContain('test-viewer signed in to the console.');
    });
  });

  describe('refused console sign-ins', () => {
    beforeEach(async () => {
      await s.db.deleteFrom('audit_log').where('action', '=', 'console.sign-in.failed').execute();
    });

    it('audits a token the server never issued, coalesced per address, without the token or any part of it', async () => {
      const junk = `ops_${'Q7xZ'.repeat(10)}k2`;
      for (let i = 0; i < 4; i++) expect((await signInWith(junk)).statusCode).toBe(401);
      // A shopper's session token is no ops token: refused and audited the same way.
      const shopper = await s.login('audit-signin-shopper');
      expect((await signInWith(shopper.token)).statusCode).toBe(401);
      const rows = await failedRows();
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({ actor: 'anonymous', target: null, details: { reason: 'unknown', address: '127.0.0.1', attempts: 5 } });
      expect(Date.parse(rows[0]!.details.lastAt as string)).toBeGreaterThanOrEqual(Date.parse(rows[0]!.details.firstAt as string));
      const stored = (await sql<{ x: string }>`select x::text as x from audit_log x`.execute(s.db)).rows.map((r) => r.x).join('\n');
      for (const token of [junk, shopper.token]) {
        // No run of 8 characters of the token is anywhere in the log.
        for (let i = 0; i + 8 <= token.length; i++) expect({ token: token.slice(0, 6), at: i, found: stored.includes(token.slice(i, i + 8)) }).toEqual({ token: token.slice(0, 6), at: i, found: false });
      }
      const shown = (await entries('?action=console.sign-in.failed'))[0]!;
      expect(shown.details).toMatchObject({ reason: 'unknown', attempts: 5 });
      const csv = (await s.app.inject({ url: '/v1/admin/audit.csv?action=console.sign-in.failed&lang=en', headers: bearer(s.viewer) })).body;
      expect(csv).toContain('A console sign-in with a token the server never issued was refused (5 attempts from 127.0.0.1).');
    });

    it('names an expired or revoked token of ours by its name (not its secret), each with its own row', async () => {
      const expired = await s.app.repos.ops.createToken({ name: 'old-alice', role: 'publisher', expiresAt: new Date(Date.now() - 1000), createdBy: 'test' });
      const revoked = await s.app.repos.ops.createToken({ name: 'gone-bob', role: 'viewer', expiresAt: new Date(Date.now() + 3600_000), createdBy: 'test' });
      expect(await s.app.repos.ops.revokeToken(revoked.id)).toBe(true);
      expect((await signInWith(expired.token)).statusCode).toBe(401);
      expect((await signInWith(revoked.token)).statusCode).toBe(401);
      expect((await signInWith(revoked.token)).statusCode).toBe(401);
      const rows = await failedRows();
      expect(rows.map((r) => ({ target: r.target, ...r.details }))).toEqual([
        expect.objectContaining({ target: `token:${expired.id}`, reason: 'expired', tokenName: 'old-alice', attempts: 1 }),
        expect.objectContaining({ target: `token:${revoked.id}`, reason: 'revoked', tokenName: 'gone-bob', attempts: 2 }),
      ]);
      const stored = JSON.stringify(rows);
      expect(stored).not.toContain(expired.token.slice(4, 16));
      expect(stored).not.toContain(revoked.token.slice(4, 16));
    });

    it('cannot flood the table: per window one row per address, at most a bounded number of them, the rest counted on one row', async () => {
      const addresses = Array.from({ length: SIGN_IN_FAILURE_ROWS_PER_WINDOW + 15 }, (_, i) => `198.51.100.${i + 1}`);
      const junk = `ops_${'z'.repeat(43)}`;
      for (const address of addresses) expect((await signInWith(junk, address)).statusCode).toBe(401);
      for (const address of addresses.slice(-5)) expect((await signInWith(junk, address)).statusCode).toBe(401);
      const rows = await failedRows();
      // Unless the run crossed a window's edge (then the count starts again, still bounded).
      const windows = new Set(rows.map((r) => r.coalesce_key!.split('|')[1]));
      expect(rows.length).toBeLessThanOrEqual((SIGN_IN_FAILURE_ROWS_PER_WINDOW + 1) * windows.size);
      expect(rows.reduce((n, r) => n + (r.details.attempts as number), 0)).toBe(addresses.length + 5);
      if (windows.size === 1) {
        expect(rows).toHaveLength(SIGN_IN_FAILURE_ROWS_PER_WINDOW + 1);
        expect(rows.at(-1)!.details).toMatchObject({ reason: 'overflow', attempts: 20 });
        expect(rows.at(-1)!.details.address).toBeUndefined();
      }
    });

    it('starts a new row in the next window', async () => {
      const start = Math.ceil(Date.now() / SIGN_IN_FAILURE_WINDOW_MS) * SIGN_IN_FAILURE_WINDOW_MS;
      const failure = { reason: 'unknown' as const, token: null, address: '203.0.113.9' };
      await s.app.repos.ops.auditFailedSignIn(failure, new Date(start + 1000));
      await s.app.repos.ops.auditFailedSignIn(failure, new Date(start + SIGN_IN_FAILURE_WINDOW_MS - 1));
      await s.app.repos.ops.auditFailedSignIn(failure, new Date(start + SIGN_IN_FAILURE_WINDOW_MS));
      expect((await failedRows()).map((r) => r.details.attempts)).toEqual([2, 1]);
    });

    it('does not audit a sign-in that succeeds as a failure, nor a body the schema refuses', async () => {
      expect((await signInWith(s.publisher)).statusCode).toBe(201);
      expect((await s.app.inject({ method: 'POST', url: '/ops/api/session', payload: { token: 'short' } })).statusCode).toBe(400);
      expect(await failedRows()).toEqual([]);
    });
  });
});
