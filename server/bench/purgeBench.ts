/**
 * Purge throughput: N cancelled accounts (each with a session, three consent events and an
 * idempotency key) purged by one AccountPurger. `tsx server/bench/purgeBench.ts [N]` runs on
 * PostgreSQL (BENCH_DATABASE_URL, an admin URL; a database is created and dropped), or on PGlite
 * in memory with `--pglite`. `npm run bench` reports the same figure.
 */
import { sql } from 'kysely';
import { createBenchDatabase } from '../../bench/pgDatabase';
import { randomBytes } from 'node:crypto';
import { AccountPurger, PURGE_BATCH_SIZE } from '../src/commands/AccountPurger';
import { Pseudonyms } from '../src/domain/pseudonyms';
import { OVERSEAS_PURPOSES } from '../src/deployment';
import { openDatabase, type Database } from '../src/db/database';

export interface PurgeResult {
  accounts: number;
  seconds: number;
  fixtureSeconds: number;
  usersLeft: number;
  kind: Database['kind'];
}

/** Builds the fixture set-based (the figure is the purge, not the fixture), then times one purge run. */
export async function purgeBench(n: number, options: { pglite?: boolean } = {}): Promise<PurgeResult> {
  const pgDb = options.pglite ? null : await createBenchDatabase();
  const database = pgDb ? await openDatabase({ kind: 'postgres', url: pgDb.url }) : await openDatabase({ kind: 'pglite', dataDir: null });
  const db = database.db;
  try {
    const t0 = Date.now();
    await sql`insert into users (id, subject_hash) select gen_random_uuid(), 'subject-' || g from generate_series(1, ${n}) g`.execute(db);
    await sql`insert into sessions (token_hash, user_id, expires_at) select 'tok-' || id, id, now() + interval '1 day' from users`.execute(db);
    await sql`insert into consent_events (user_id, event_id, kind, purpose, value, policy_version, device_id, occurred_at, source)
      select u.id, 'evt-' || k, 'consent', 'marketing', 'granted', 1, 'device-' || u.subject_hash, now(), 'settings' from users u, generate_series(1, 3) k`.execute(db);
    await sql`insert into consent_state (user_id, kind, purpose, device_key, shown, value, policy_version, device_id, occurred_at, seq)
      select distinct on (user_id) user_id, kind, purpose, '', false, value, policy_version, device_id, occurred_at, seq from consent_events order by user_id, seq desc`.execute(db);
    await sql`insert into idempotency_keys (user_id, route, key, request_hash, status_code, response)
      select id, 'POST /v1/me/cancellation', 'key', 'h', 202, '{}' from users`.execute(db);
    await sql`insert into cancellation_requests (id, user_id, status, requested_at, cooling_off_ends_at, deadline)
      select gen_random_uuid(), id, 'pending', now() - interval '8 days', now() - interval '1 day', now() + interval '20 days' from users`.execute(db);
    const fixtureSeconds = (Date.now() - t0) / 1000;
    const purger = new AccountPurger(db, { receiver: 'bench', overseasPurposes: OVERSEAS_PURPOSES, batchSize: PURGE_BATCH_SIZE[database.kind], pseudonyms: new Pseudonyms(randomBytes(32).toString('hex')) });
    const t1 = Date.now();
    const accounts = await purger.runOnce();
    const seconds = (Date.now() - t1) / 1000;
    const left = await sql<{ n: number }>`select count(*)::int as n from users`.execute(db);
    return { accounts, seconds, fixtureSeconds, usersLeft: left.rows[0]?.n ?? -1, kind: database.kind };
  } finally {
    await database.close();
    await pgDb?.drop();
  }
}

if (require.main === module) {
  const n = Number(process.argv.find((a) => /^\d+$/.test(a)) ?? 100_000);
  purgeBench(n, { pglite: process.argv.includes('--pglite') }).then(
    (r) => console.log(`fixture ${r.fixtureSeconds.toFixed(1)} s; purged ${r.accounts} accounts in ${r.seconds.toFixed(1)} s (${Math.round(r.accounts / r.seconds)}/s) on ${r.kind}; users left: ${r.usersLeft}`),
    (err) => {
      console.error(err);
      process.exit(1);
    },
  );
}
