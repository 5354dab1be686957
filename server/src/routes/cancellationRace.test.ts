import fs from 'node:fs';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { bearer, build, testTargets, type TestServer } from '../../test/helper';

jest.setTimeout(120_000);

const MIGRATION = fs.readFileSync(path.join(__dirname, '..', 'migrations', '006_one_open_cancellation.sql'), 'utf8');

/**
 * Cancellation requests sent at once (two devices, a client making a new Idempotency-Key per tap)
 * leave one open request, and a withdrawal leaves none for the purge. On PostgreSQL the requests
 * really run at once, through two app instances (two processes behind a balancer).
 */
describe.each(testTargets())('cancellation requests sent at once on $name', (target) => {
  let s: TestServer;
  let other: FastifyInstance;

  beforeAll(async () => {
    s = await build(target);
    other = await s.another();
  });
  afterAll(async () => s?.close());

  const ask = (app: FastifyInstance, token: string, name: string, key: string) =>
    app.inject({ method: 'POST', url: '/v1/me/cancellation', headers: { ...bearer(token), 'idempotency-key': key }, payload: { confirm: true, code: `dev:${name}` } });
  const withdraw = (token: string, name: string) => s.app.inject({ method: 'POST', url: '/v1/me/cancellation/withdrawal', headers: bearer(token), payload: { code: `dev:${name}` } });
  const statuses = async (userId: string) =>
    (await s.db.selectFrom('cancellation_requests').select('status').where('user_id', '=', userId).execute()).map((r) => r.status).sort();

  it('keeps one open request when 20 arrive at once with different keys; the others get 409', async () => {
    const { token, userId } = await s.login('race-keys');
    const answers = await Promise.all(Array.from({ length: 20 }, (_, i) => ask(i % 2 ? other : s.app, token, 'race-keys', `race-key-${String(i).padStart(4, '0')}`)));
    const codes = answers.map((a) => a.statusCode).sort();
    expect(codes).toEqual([202, ...Array(19).fill(409)]);
    expect(await statuses(userId)).toEqual(['pending']);
    const winner = answers.find((a) => a.statusCode === 202)!.json();
    for (const a of answers.filter((x) => x.statusCode === 409)) expect(a.json().error).toMatchObject({ code: 'CONFLICT' });
    expect((await s.app.inject({ url: '/v1/me/cancellation', headers: bearer(token) })).json()).toMatchObject({ id: winner.id, status: 'pending' });

    // One withdrawal keeps the account: the purge (cooling-off 0, so everything open is due) finds nothing.
    const undo = await withdraw(token, 'race-keys');
    expect(undo.statusCode).toBe(200);
    expect(undo.json()).toMatchObject({ id: winner.id, status: 'withdrawn' });
    await s.app.purger.runOnce();
    expect(await statuses(userId)).toEqual(['withdrawn']);
    expect((await s.db.selectFrom('users').select('id').where('id', '=', userId).execute()).length).toBe(1);
    expect((await s.app.inject({ url: '/v1/me/consents', headers: bearer(token) })).statusCode).toBe(200);
  });

  it('answers every request sent at once with one key with the same first answer', async () => {
    const { token, userId } = await s.login('race-one-key');
    const answers = await Promise.all(Array.from({ length: 10 }, (_, i) => ask(i % 2 ? other : s.app, token, 'race-one-key', 'race-same-key-1')));
    const winners = answers.filter((a) => a.statusCode === 202);
    // A loser that finds the winner still writing may be told to retry (409); none makes a second request.
    for (const a of answers) expect([202, 409]).toContain(a.statusCode);
    expect(winners.length).toBeGreaterThanOrEqual(1);
    expect(new Set(winners.map((a) => a.json().id)).size).toBe(1);
    expect(await statuses(userId)).toEqual(['pending']);
    await withdraw(token, 'race-one-key');
  });

  it('refuses a second open request at the database, whatever the route checked', async () => {
    const { token, userId } = await s.login('race-db');
    expect((await ask(s.app, token, 'race-db', 'race-db-key-1')).statusCode).toBe(202);
    const row = await s.db.selectFrom('cancellation_requests').selectAll().where('user_id', '=', userId).executeTakeFirstOrThrow();
    const copy = { ...row, id: '00000000-0000-4000-8000-0000000000d1', requested_at: new Date().toISOString() };
    await expect(s.db.insertInto('cancellation_requests').values(copy as never).execute()).rejects.toMatchObject({ code: '23505' });
    await s.db.updateTable('cancellation_requests').set({ status: 'processing' }).where('id', '=', row.id).execute();
    await expect(s.db.insertInto('cancellation_requests').values(copy as never).execute()).rejects.toMatchObject({ code: '23505' });
    // Closed requests do not count.
    await s.db.updateTable('cancellation_requests').set({ status: 'completed' }).where('id', '=', row.id).execute();
    await s.db.insertInto('cancellation_requests').values({ ...copy, status: 'withdrawn' } as never).execute();
    expect(await statuses(userId)).toEqual(['completed', 'withdrawn']);
  });

  it('ends every open request at a withdrawal, and the migration fits requests stored before it', async () => {
    // Requests stored before the index: several open at once, as the race used to leave them.
    await sql`drop index cancellation_requests_one_open_idx`.execute(s.db);
    try {
      const { token, userId } = await s.login('race-legacy');
      const row = (at: number, status: string, id: string) => ({
        id,
        user_id: userId,
        status,
        requested_at: new Date(Date.now() - at * 1000).toISOString(),
        cooling_off_ends_at: new Date(Date.now() - at * 1000).toISOString(),
        deadline: new Date(Date.now() + 86400_000).toISOString(),
      });
      await s.db
        .insertInto('cancellation_requests')
        .values([row(30, 'pending', '00000000-0000-4000-8000-00000000aa01'), row(20, 'pending', '00000000-0000-4000-8000-00000000aa02'), row(10, 'pending', '00000000-0000-4000-8000-00000000aa03')] as never)
        .execute();
      const undo = await withdraw(token, 'race-legacy');
      expect(undo.statusCode).toBe(200);
      expect(undo.json()).toMatchObject({ id: '00000000-0000-4000-8000-00000000aa03', status: 'withdrawn' });
      expect(await statuses(userId)).toEqual(['withdrawn', 'withdrawn', 'withdrawn']);
      await s.app.purger.runOnce();
      expect((await s.db.selectFrom('users').select('id').where('id', '=', userId).execute()).length).toBe(1);

      // What the migration finds: shopper A withdrew after two of its three pending requests
      // (the third came later); shopper B has a processing and two pending; C one pending.
      const a = (await s.login('legacy-a')).userId;
      const b = (await s.login('legacy-b')).userId;
      const c = (await s.login('legacy-c')).userId;
      const at = (secondsAgo: number) => new Date(Date.now() - secondsAgo * 1000).toISOString();
      const req = (id: string, user: string, status: string, requested: number, withdrawn: number | null = null) => ({
        id: `00000000-0000-4000-8000-000000${id}`,
        user_id: user,
        status,
        requested_at: at(requested),
        cooling_off_ends_at: at(requested - 86400),
        deadline: at(requested - 86400 * 15),
        withdrawn_at: withdrawn === null ? null : at(withdrawn),
      });
      await s.db
        .insertInto('cancellation_requests')
        .values([
          req('0a0001', a, 'pending', 50),
          req('0a0002', a, 'pending', 49),
          req('0a0003', a, 'withdrawn', 48, 40),
          req('0a0004', a, 'pending', 30),
          req('0b0001', b, 'pending', 50),
          req('0b0002', b, 'processing', 45),
          req('0b0003', b, 'pending', 40),
          req('0c0001', c, 'pending', 10),
        ] as never)
        .execute();
      for (const statement of MIGRATION.split(/;\s*$/m).filter((t) => t.replace(/--.*$/gm, '').trim())) await sql.raw(statement).execute(s.db);
      const after = await s.db
        .selectFrom('cancellation_requests')
        .select(['id', 'status'])
        .where('user_id', 'in', [a, b, c])
        .orderBy('id')
        .execute();
      expect(after.map((r) => [r.id.slice(-6), r.status])).toEqual([
        ['0a0001', 'withdrawn'],
        ['0a0002', 'withdrawn'],
        ['0a0003', 'withdrawn'],
        ['0a0004', 'pending'],
        ['0b0001', 'withdrawn'],
        ['0b0002', 'processing'],
        ['0b0003', 'withdrawn'],
        ['0c0001', 'pending'],
      ]);
      // Ended by the withdrawal, at its time.
      const withdrawnAt = async (id: string) =>
        new Date((await s.db.selectFrom('cancellation_requests').select('withdrawn_at').where('id', '=', `00000000-0000-4000-8000-000000${id}`).executeTakeFirstOrThrow()).withdrawn_at as string).getTime();
      expect(await withdrawnAt('0a0001')).toBe(await withdrawnAt('0a0003'));
    } finally {
      // Whatever failed above, the rows this test made do not keep the index from coming back.
      await sql`update cancellation_requests set status = 'withdrawn' where id::text like '00000000-0000-4000-8000-%' and status = 'pending'`.execute(s.db);
      await sql`create unique index if not exists cancellation_requests_one_open_idx on cancellation_requests (user_id) where status in ('pending', 'processing')`.execute(s.db);
    }
  });
});
