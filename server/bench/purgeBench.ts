/**
 * Purge throughput: N cancelled accounts (each with a session, three consent events and an
 * idempotency key) purged by one AccountPurger. `tsx server/bench/purgeBench.ts [N]` with
 * BENCH_DATABASE_URL (an admin URL; a database is created and dropped) or PGlite in memory.
 */
import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import pg from 'pg';
import { AccountPurger } from '../src/commands/AccountPurger';
import { openDatabase, type Database } from '../src/db/database';

async function main(): Promise<void> {
  const n = Number(process.argv[2] ?? 100_000);
  const admin = process.env.BENCH_DATABASE_URL;
  let database: Database;
  let drop = async () => {};
  if (admin) {
    const name = `privacy_bench_${randomBytes(4).toString('hex')}`;
    const c = new pg.Client({ connectionString: admin });
    await c.connect();
    await c.query(`create database ${name}`);
    await c.end();
    const url = new URL(admin);
    url.pathname = `/${name}`;
    database = await openDatabase({ kind: 'postgres', url: url.toString() });
    drop = async () => {
      const d = new pg.Client({ connectionString: admin });
      await d.connect();
      await d.query(`drop database if exists ${name} with (force)`);
      await d.end();
    };
  } else {
    database = await openDatabase({ kind: 'pglite', dataDir: null });
  }
  const db = database.db;
  try {
    const t0 = Date.now();
    // Set-based fixture: the figure is the purge, not the fixture.
    await sql`insert into users (id, subject_hash) select gen_random_uuid(), 'subject-' || g from generate_series(1, ${n}) g`.execute(db);
    await sql`insert into sessions (token_hash, user_id, expires_at) select 'tok-' || id, id, now() + interval '1 day' from users`.execute(db);
    await sql`insert into consent_events (user_id, event_id, kind, purpose, value, policy_version, device_id, occurred_at, source)
      select u.id, 'evt-' || k, 'consent', 'marketing', 'granted', 1, 'device-' || u.subject_hash, now(), 'settings' from users u, generate_series(1, 3) k`.execute(db);
    await sql`insert into idempotency_keys (user_id, route, key, request_hash, status_code, response)
      select id, 'POST /v1/me/cancellation', 'key', 'h', 202, '{}' from users`.execute(db);
    await sql`insert into cancellation_requests (id, user_id, status, requested_at, cooling_off_ends_at, deadline)
      select gen_random_uuid(), id, 'pending', now() - interval '8 days', now() - interval '1 day', now() + interval '20 days' from users`.execute(db);
    console.log(`fixture: ${n} accounts in ${((Date.now() - t0) / 1000).toFixed(1)} s (${database.kind})`);
    const purger = new AccountPurger(db, { receiver: 'bench', batchSize: database.kind === 'pglite' ? 50 : 500 });
    const t1 = Date.now();
    const purged = await purger.runOnce();
    const seconds = (Date.now() - t1) / 1000;
    const left = await sql<{ n: number }>`select count(*)::int as n from users`.execute(db);
    console.log(`purged ${purged} accounts in ${seconds.toFixed(1)} s (${Math.round(purged / seconds)}/s); users left: ${left.rows[0]?.n}`);
  } finally {
    await database.close();
    await drop();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
