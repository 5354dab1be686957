/** A throw-away PostgreSQL database for one benchmark run, on the local server. */
import { randomBytes } from 'node:crypto';
import pg from 'pg';

/** The admin URL benchmarks use: BENCH_DATABASE_URL, else TEST_DATABASE_URL, else the local server. */
export const benchAdminUrl = (): string => process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

async function admin(adminUrl: string, statement: string): Promise<void> {
  const c = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 5_000 });
  try {
    await c.connect();
  } catch (err) {
    throw new Error(`PostgreSQL is not reachable (${(err as Error).message}): the server benchmarks need it. Start it or set BENCH_DATABASE_URL to an admin URL.`);
  }
  try {
    await c.query(statement);
  } finally {
    await c.end();
  }
}

/** Creates a database named privacy_bench_<random>; `drop()` removes it. */
export async function createBenchDatabase(adminUrl = benchAdminUrl()): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `privacy_bench_${randomBytes(4).toString('hex')}`;
  await admin(adminUrl, `create database ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => admin(adminUrl, `drop database if exists ${name} with (force)`) };
}
