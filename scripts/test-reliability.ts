/**
 * `npm run test:reliability`: the fault-injecting suites, on PostgreSQL (TEST_DATABASE_URL, default
 * the local server on 127.0.0.1:5432) and against the production h5 and weapp builds. A part that
 * cannot run (no PostgreSQL, no Chromium) stops the run with the fix; nothing is skipped.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import pg from 'pg';
import { ensureConsoleBuild, ensureProductionBuild, ROOT } from '../test/build';
import { chromiumPath } from '../test/browser/chromium';
import { requireSupportedNode } from './runtime';

function fail(message: string): never {
  console.error(`\n✖ ${message}\n`);
  process.exit(1);
}

async function main(): Promise<void> {
  requireSupportedNode();
  const url = (process.env.TEST_DATABASE_URL ??= 'postgres://postgres@127.0.0.1:5432/postgres');
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
  try {
    await client.connect();
    await client.query('select 1');
  } catch (err) {
    fail(
      `PostgreSQL is not reachable at ${url.replace(/\/\/[^@]*@/, '//…@')} (${(err as Error).message}).\n` +
        '  The reliability suite runs on PostgreSQL: start it, or set TEST_DATABASE_URL to an admin URL\n' +
        '  (a database is created for each suite and dropped after it).',
    );
  } finally {
    await client.end().catch(() => undefined);
  }
  if (!existsSync(chromiumPath())) {
    fail(`Chromium not found at ${chromiumPath()}: install it with apt-get install -y chromium fonts-wqy-microhei (or set CHROMIUM_PATH).`);
  }
  // Reuse the builds of an `npm test` run in the same CI job when it exported PRIVACY_TEST_RUN.
  process.env.PRIVACY_TEST_RUN ??= `${process.pid}-${Date.now()}`;
  for (const platform of ['weapp', 'h5'] as const) {
    const started = Date.now();
    ensureProductionBuild(platform);
    console.log(`${platform} build ready in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  }
  ensureConsoleBuild();
  const jest = spawnSync(
    process.execPath,
    [require.resolve('jest/bin/jest'), '-c', 'test/reliability/jest.config.js', '--ci', '--forceExit', '--runInBand', ...process.argv.slice(2)],
    { cwd: ROOT, stdio: 'inherit', env: process.env },
  );
  process.exit(jest.status ?? 1);
}

void main();
