import fs from 'node:fs';
import path from 'node:path';
import { Kysely, PostgresDialect, sql, type PostgresPool, type PostgresPoolClient } from 'kysely';
import pg from 'pg';
import { lockDataDir } from './dataDirLock';
import { PgliteClient } from './PgliteClient';
import { PgliteDialect } from './PgliteDialect';
import { isDatabaseUnavailable } from './unavailable';
import type { DB } from './schema';
import { serverPath } from '../paths';

/** Where the data lives: PostgreSQL by URL, or PGlite in a folder (or in memory when `dataDir` is null). */
export type DatabaseTarget =
  | {
      kind: 'postgres';
      url: string;
      poolSize?: number;
      /** How long to wait for a new connection before failing (default 5 s). */
      connectTimeoutMs?: number;
      /** How long a query may go unanswered before it fails (default 30 s). */
      queryTimeoutMs?: number;
    }
  | { kind: 'pglite'; dataDir: string | null };

/** An open database with its migrations applied. */
export interface Database {
  kind: DatabaseTarget['kind'];
  db: Kysely<DB>;
  /**
   * Calls `onMessage` on each NOTIFY on `channel` from any process (PostgreSQL only; PGlite has a
   * single process, which acts on its own changes directly). Returns the unsubscribe function.
   */
  listen(channel: string, onMessage: () => void): Promise<() => Promise<void>>;
  /**
   * Marks a statement text as one to prepare: on PostgreSQL each connection then parses and
   * plans it once and afterwards only binds and runs it (PGlite runs in-process: nothing to save).
   */
  prepare(text: string): void;
  close(): Promise<void>;
}

const MIGRATIONS_DIR = serverPath('src', 'migrations');
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

/**
 * The pool as Kysely sees it, with one change: a connection whose query failed because the
 * connection itself is gone (terminated, reset, timed out) is destroyed on release, so the next
 * request does not draw it from the pool before its close event arrives. Until then it fails
 * further queries at once: a transaction's rollback would otherwise wait out another timeout.
 * Texts in `prepared` run as the named prepared statement.
 */
function discardingDeadConnections(pool: pg.Pool, prepared: ReadonlyMap<string, string>): PostgresPool {
  return {
    async connect() {
      const client = await pool.connect();
      let dead: unknown = null;
      const query = ((text: unknown, parameters?: readonly unknown[]) => {
        if (typeof text !== 'string') return client.query(text as never);
        if (dead !== null) return Promise.reject(dead);
        const name = prepared.get(text);
        return (name ? client.query({ name, text, values: parameters as unknown[] }) : client.query(text, parameters as unknown[])).catch((err: unknown) => {
          if (isDatabaseUnavailable(err)) dead = err;
          throw err;
        });
      }) as unknown as PostgresPoolClient['query'];
      return { query, release: (destroy?: boolean) => client.release(Boolean(destroy) || dead !== null) };
    },
    end: () => pool.end(),
  };
}

/** Opens the database, takes the PGlite folder lock when embedded, and runs pending migrations. */
export async function openDatabase(target: DatabaseTarget): Promise<Database> {
  if (target.kind === 'postgres') {
    // Bounded waits: with the database unreachable, requests fail in seconds (503) instead of hanging.
    const pool = new pg.Pool({
      connectionString: target.url,
      max: target.poolSize ?? 10,
      connectionTimeoutMillis: target.connectTimeoutMs ?? 5_000,
      query_timeout: target.queryTimeoutMs ?? 30_000,
    });
    // A connection the server or the network ends (restart, failover, terminate, reset) must not
    // end the process: an idle one is dropped by the pool ('error' on the pool); one in use fails
    // its query (the request answers 503) and emits 'error' on the client, which the pool then
    // discards on release as no longer queryable.
    pool.on('error', () => undefined);
    pool.on('connect', (client) => client.on('error', () => undefined));
    try {
      await migratePostgres(pool);
    } catch (err) {
      await pool.end();
      throw err;
    }
    const prepared = new Map<string, string>();
    const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool: discardingDeadConnections(pool, prepared) }) });
    const listen = async (channel: string, onMessage: () => void) => {
      if (!/^[a-z_]+$/.test(channel)) throw new Error(`bad channel ${channel}`);
      // LISTEN needs a connection of its own, outside the pool. When it drops (restart, network),
      // it reconnects with a growing pause and calls `onMessage` once, since NOTIFYs sent while it
      // was away are lost.
      let client: pg.Client | null = null;
      let stopped = false;
      let retryTimer: NodeJS.Timeout | null = null;
      const connect = async (): Promise<void> => {
        // Both waits bounded: a server that accepts the connection but never answers the LISTEN
        // must not leave this connection hanging for good (no NOTIFY would ever arrive).
        const waitMs = target.connectTimeoutMs ?? 5_000;
        const c = new pg.Client({ connectionString: target.url, connectionTimeoutMillis: waitMs, query_timeout: waitMs });
        c.on('notification', (n) => {
          if (n.channel === channel) onMessage();
        });
        c.on('error', () => undefined);
        try {
          await c.connect();
          await c.query(`listen ${channel}`);
        } catch (err) {
          void c.end().catch(() => undefined);
          throw err;
        }
        if (stopped) {
          void c.end().catch(() => undefined);
          return;
        }
        c.once('end', () => {
          if (client === c) client = null;
          if (!stopped) scheduleReconnect(1);
        });
        client = c;
      };
      const scheduleReconnect = (attempt: number) => {
        retryTimer = setTimeout(() => {
          retryTimer = null;
          if (stopped) return;
          connect().then(
            () => {
              if (!stopped) onMessage();
            },
            () => scheduleReconnect(attempt + 1),
          );
        }, Math.min(30_000, 250 * 2 ** Math.min(attempt, 7)));
        retryTimer.unref();
      };
      await connect();
      return async () => {
        stopped = true;
        if (retryTimer) clearTimeout(retryTimer);
        await client?.end().catch(() => undefined);
      };
    };
    const prepare = (text: string) => {
      if (!prepared.has(text)) prepared.set(text, `prepared_${prepared.size + 1}`);
    };
    return { kind: 'postgres', db, listen, prepare, close: () => db.destroy() };
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
    prepare: () => undefined,
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
export async function databaseIsReachable(db: Kysely<DB>, timeoutMs = 2_000): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), timeoutMs);
  });
  try {
    return await Promise.race([sql`select 1`.execute(db).then(() => true), timeout]);
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
  }
}
