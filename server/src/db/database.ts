import fs from 'node:fs';
import path from 'node:path';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { lockDataDir } from './dataDirLock';
import { PgliteClient } from './PgliteClient';
import { PgliteDialect } from './PgliteDialect';
import type { DB } from './schema';

/** Where the data lives: PostgreSQL by URL, or PGlite in a folder (or in memory when `dataDir` is null). */
export type DatabaseTarget = { kind: 'postgres'; url: string; poolSize?: number } | { kind: 'pglite'; dataDir: string | null };

/** An open database with its migrations applied. */
export interface Database {
  kind: DatabaseTarget['kind'];
  db: Kysely<DB>;
  /**
   * Calls `onMessage` on each NOTIFY on `channel` from any process (PostgreSQL only; PGlite has a
   * single process, which acts on its own changes directly). Returns the unsubscribe function.
   */
  listen(channel: string, onMessage: () => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

const MIGRATIONS_DIR = path.join(__dirname, '..', 'migrations');
// Any constant shared by all processes: serialises concurrent migrations on one PostgreSQL.
const MIGRATION_LOCK_KEY = 724_815_001;

function migrationFiles(): { name: string; sql: string }[] {
  return fs
    .readdirSync(MIGRATIONS_DIR)
    .filter((f) => f.endsWith('.sql'))
    .sort()
    .map((name) => ({ name, sql: fs.readFileSync(path.join(MIGRATIONS_DIR, name), 'utf8') }));
}

const CREATE_MIGRATIONS_TABLE =
  'create table if not exists schema_migrations (name text primary key, applied_at timestamptz not null default now())';

async function migratePostgres(pool: pg.Pool): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('select pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    await client.query(CREATE_MIGRATIONS_TABLE);
    const done = new Set((await client.query<{ name: string }>('select name from schema_migrations')).rows.map((r) => r.name));
    for (const m of migrationFiles()) {
      if (done.has(m.name)) continue;
      await client.query('begin');
      try {
        await client.query(m.sql);
        await client.query('insert into schema_migrations (name) values ($1)', [m.name]);
        await client.query('commit');
      } catch (err) {
        await client.query('rollback');
        throw err;
      }
    }
  } finally {
    await client.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]).catch(() => undefined);
    client.release();
  }
}

async function migratePglite(client: PgliteClient): Promise<void> {
  await client.exec(CREATE_MIGRATIONS_TABLE);
  const done = new Set((await client.query('select name from schema_migrations')).rows.map((r) => String(r.name)));
  for (const m of migrationFiles()) {
    if (done.has(m.name)) continue;
    await client.exec(`begin;\n${m.sql}\n;insert into schema_migrations (name) values ('${m.name.replace(/'/g, "''")}');\ncommit;`);
  }
}

/** Opens the database, takes the PGlite folder lock when embedded, and runs pending migrations. */
export async function openDatabase(target: DatabaseTarget): Promise<Database> {
  if (target.kind === 'postgres') {
    const pool = new pg.Pool({ connectionString: target.url, max: target.poolSize ?? 10 });
    // An idle connection the server ends (restart, failover, terminate) is dropped by the pool and
    // replaced on the next checkout; without a listener its 'error' would end the process.
    pool.on('error', () => undefined);
    try {
      await migratePostgres(pool);
    } catch (err) {
      await pool.end();
      throw err;
    }
    const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
    const listen = async (channel: string, onMessage: () => void) => {
      if (!/^[a-z_]+$/.test(channel)) throw new Error(`bad channel ${channel}`);
      // LISTEN needs a connection of its own, outside the pool.
      const client = new pg.Client({ connectionString: target.url });
      await client.connect();
      client.on('notification', (n) => {
        if (n.channel === channel) onMessage();
      });
      client.on('error', () => undefined);
      await client.query(`listen ${channel}`);
      return async () => {
        await client.end().catch(() => undefined);
      };
    };
    return { kind: 'postgres', db, listen, close: () => db.destroy() };
  }
  let release: (() => void) | null = null;
  let pgDir: string | undefined;
  if (target.dataDir) {
    release = lockDataDir(target.dataDir);
    pgDir = path.join(target.dataDir, 'pglite');
  }
  const client = new PgliteClient(pgDir);
  try {
    await client.ready();
    await migratePglite(client);
  } catch (err) {
    await client.close().catch(() => undefined);
    release?.();
    throw err;
  }
  const db = new Kysely<DB>({ dialect: new PgliteDialect(client) });
  let closing: Promise<void> | null = null;
  return {
    kind: 'pglite',
    db,
    listen: async () => async () => undefined,
    close: () => {
      closing ??= (async () => {
        await db.destroy();
        await client.close();
        release?.();
      })();
      return closing;
    },
  };
}

/** True when the database answers a trivial query. */
export async function databaseIsReachable(db: Kysely<DB>): Promise<boolean> {
  try {
    await sql`select 1`.execute(db);
    return true;
  } catch {
    return false;
  }
}
