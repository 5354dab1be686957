import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CompiledQuery, sql } from 'kysely';
import { databaseIsReachable, openDatabase, type Database } from './database';
import { DataDirLockedError, lockDataDir } from './dataDirLock';
import { isDatabaseUnavailable } from './unavailable';
import { testDatabase, testTargets } from '../../test/helper';
import { startTcpProxy, type TcpProxy } from '../../test/tcpProxy';

jest.setTimeout(120_000);

describe('embedded database (PGlite)', () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pglite-test-'));
  });
  afterAll(() => {
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('keeps data across restarts, runs migrations once, and holds the folder lock while open', async () => {
    const first = await openDatabase({ kind: 'pglite', dataDir: dir });
    await first.db.insertInto('audit_log').values({ actor: 'test', action: 'kept' }).execute();
    // A second opener in the same folder is refused with a clear message.
    await expect(openDatabase({ kind: 'pglite', dataDir: dir })).rejects.toThrow(DataDirLockedError);
    await expect(openDatabase({ kind: 'pglite', dataDir: dir })).rejects.toThrow(/in use by process \d+.*DATABASE_URL/);

    // The single connection is handed out in turn: concurrent transactions do not interleave.
    const order: string[] = [];
    await Promise.all(
      ['a', 'b', 'c'].map((name) =>
        first.db.transaction().execute(async (tx) => {
          order.push(`${name}:begin`);
          await sql`select pg_sleep(0.05)`.execute(tx);
          await tx.insertInto('audit_log').values({ actor: 'test', action: name }).execute();
          order.push(`${name}:end`);
        }),
      ),
    );
    expect(order).toEqual(['a:begin', 'a:end', 'b:begin', 'b:end', 'c:begin', 'c:end']);

    // A failed transaction rolls back and frees the connection.
    await expect(
      first.db.transaction().execute(async (tx) => {
        await tx.insertInto('audit_log').values({ actor: 'test', action: 'rolled-back' }).execute();
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    await first.close();
    expect(fs.existsSync(path.join(dir, 'server.lock'))).toBe(false);

    const second = await openDatabase({ kind: 'pglite', dataDir: dir });
    const actions = (await second.db.selectFrom('audit_log').select('action').orderBy('id').execute()).map((r) => r.action);
    expect(actions).toEqual(['kept', 'a', 'b', 'c']);
    const migrations = await second.db.selectFrom('schema_migrations').select('name').execute();
    const files = fs.readdirSync(path.join(__dirname, '..', 'migrations')).filter((f) => f.endsWith('.sql')).sort();
    expect(migrations.map((m) => m.name).sort()).toEqual(files);
    expect(files[0]).toBe('001_initial.sql');
    await second.close();
  });

  it('takes over a lock left by a dead process', () => {
    const stale = fs.mkdtempSync(path.join(os.tmpdir(), 'pglite-lock-'));
    // A pid that cannot be alive (above the kernel's pid_max).
    fs.writeFileSync(path.join(stale, 'server.lock'), '99999999\n');
    const release = lockDataDir(stale);
    expect(fs.readFileSync(path.join(stale, 'server.lock'), 'utf8').trim()).toBe(String(process.pid));
    release();
    expect(fs.existsSync(path.join(stale, 'server.lock'))).toBe(false);
    fs.rmSync(stale, { recursive: true, force: true });
  });
});

const pgTarget = testTargets().find((t) => t.name === 'postgres');
// With TEST_DATABASE_URL (CI sets it); PGlite has no server to end connections.
if (pgTarget) describe('PostgreSQL connections ended by the server', () => {
  it('drops the ended idle connections and keeps serving, without an unhandled error', async () => {
    const { database, drop } = await testDatabase(pgTarget!);
    try {
      // Fill the pool with idle connections, then end them from the server side.
      await Promise.all(Array.from({ length: 5 }, () => sql`select pg_sleep(0.05)`.execute(database.db)));
      const admin = await sql<{ n: number }>`select count(pg_terminate_backend(pid))::int as n from pg_stat_activity
        where datname = current_database() and pid <> pg_backend_pid()`.execute(database.db);
      expect(admin.rows[0]!.n).toBeGreaterThan(0);
      await new Promise((r) => setTimeout(r, 200));
      expect(await databaseIsReachable(database.db)).toBe(true);
      const r = await sql<{ one: number }>`select 1 as one`.execute(database.db);
      expect(r.rows).toEqual([{ one: 1 }]);
    } finally {
      await drop();
    }
  });

  it('fails only the query whose connection is ended mid-flight, and keeps serving', async () => {
    const { database, drop } = await testDatabase(pgTarget!);
    try {
      const slow = sql`select pg_sleep(5)`.execute(database.db);
      const outcome = slow.then(
        () => 'finished',
        (err: Error) => err.message,
      );
      await new Promise((r) => setTimeout(r, 300));
      await sql`select pg_terminate_backend(pid) from pg_stat_activity where datname = current_database() and query like 'select pg_sleep(5)%'`.execute(database.db);
      expect(await outcome).toMatch(/terminat/i);
      // The next queries get working connections (the dead one was discarded on release).
      for (let i = 0; i < 3; i++) expect((await sql<{ one: number }>`select 1 as one`.execute(database.db)).rows).toEqual([{ one: 1 }]);
    } finally {
      await drop();
    }
  });
});

if (pgTarget) describe('PostgreSQL prepared statements', () => {
  it('runs a text marked for preparing as a named statement on each connection, with fresh parameters each time', async () => {
    const { database, drop } = await testDatabase(pgTarget!);
    try {
      const text = 'select $1::int + 1 as n';
      database.prepare(text);
      database.prepare(text); // marking twice changes nothing
      const run = async (x: number) => (await database.db.executeQuery<{ n: number }>(CompiledQuery.raw(text, [x]))).rows[0]!.n;
      expect(await Promise.all([1, 2, 3, 4, 5, 6].map(run))).toEqual([2, 3, 4, 5, 6, 7]);
      // Each connection holds it prepared (the same connection reads its own list).
      const names = await database.db.connection().execute(async (c) => {
        await c.executeQuery(CompiledQuery.raw(text, [41]));
        return (await c.executeQuery<{ name: string; statement: string }>(CompiledQuery.raw('select name, statement from pg_prepared_statements', []))).rows;
      });
      expect(names).toEqual([{ name: 'prepared_1', statement: text }]);
      // Other texts are not prepared.
      expect((await sql<{ one: number }>`select 1 as one`.execute(database.db)).rows).toEqual([{ one: 1 }]);
    } finally {
      await drop();
    }
  });
});

// PostgreSQL behind a TCP proxy the test cuts (the shared server itself keeps running).
if (pgTarget) describe('PostgreSQL behind a network that fails', () => {
  let direct: Awaited<ReturnType<typeof testDatabase>>;
  let proxy: TcpProxy;
  let viaProxy: Database;
  const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

  beforeEach(async () => {
    direct = await testDatabase(pgTarget!);
    const url = new URL(direct.url!);
    proxy = await startTcpProxy({ host: url.hostname, port: Number(url.port || 5432) });
    url.hostname = '127.0.0.1';
    url.port = String(proxy.port);
    viaProxy = await openDatabase({ kind: 'postgres', url: url.toString(), poolSize: 2, connectTimeoutMs: 500, queryTimeoutMs: 1_000 });
  });
  afterEach(async () => {
    await viaProxy?.close();
    await proxy?.close();
    await direct?.drop();
  });

  it('fails a transaction whose connection stops answering within one query timeout, not one per statement', async () => {
    const t = Date.now();
    const err = await viaProxy.db
      .transaction()
      .execute(async (tx) => {
        await sql`select 1`.execute(tx);
        proxy.cut('stall');
        await sql`select 2`.execute(tx);
      })
      .then(
        () => null,
        (e: unknown) => e,
      );
    const elapsed = Date.now() - t;
    expect(isDatabaseUnavailable(err)).toBe(true);
    // The rollback is not sent into the silence to wait out a second timeout.
    expect(elapsed).toBeGreaterThanOrEqual(1_000);
    expect(elapsed).toBeLessThan(1_600);
    proxy.restore();
    expect((await sql<{ one: number }>`select 1 as one`.execute(viaProxy.db)).rows).toEqual([{ one: 1 }]);
  });

  it('re-LISTENs after its connection drops, re-checks once, and gives up a reconnect that gets no answer', async () => {
    let calls = 0;
    const unlisten = await viaProxy.listen('outage_probe', () => calls++);
    const notify = () => sql`select pg_notify('outage_probe', '')`.execute(direct.database.db);
    const until = async (what: () => boolean, ms: number) => {
      const t = Date.now();
      while (!what()) {
        if (Date.now() - t > ms) throw new Error(`not within ${ms} ms`);
        await sleep(20);
      }
      return Date.now() - t;
    };
    try {
      await notify();
      await until(() => calls === 1, 2_000);

      // The connection is reset; reconnects then find a server that accepts and never answers.
      proxy.cut('reset');
      proxy.cut('mute');
      await notify(); // lost: nobody is listening
      await sleep(2_000); // reconnect attempts at +0.5 s and +1.5 s, each given up after 0.5 s
      expect(calls).toBe(1);
      proxy.restore();

      // The next attempt (+3.5 s) succeeds and re-checks once, for the NOTIFYs it may have missed.
      await until(() => calls === 2, 5_000);
      await notify();
      await until(() => calls === 3, 2_000);
    } finally {
      await unlisten();
    }
  });
});
