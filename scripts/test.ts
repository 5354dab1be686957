/**
 * `npm test`: builds weapp, h5 and tt for production once, then runs every Jest layer against those
 * builds (unit, weapp and tt harnesses, Chromium). A layer that cannot run fails loudly with the fix.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { ensureConsoleBuild, ensureProductionBuild, ensureServerBuild, ROOT } from '../test/build';
import { chromiumPath } from '../test/browser/chromium';
import { requireSupportedNode } from './runtime';

function fail(message: string): never {
  console.error(`\n✖ ${message}\n`);
  process.exit(1);
}

// Every layer, and every process the layers spawn, runs on this Node (see scripts/runtime.ts).
requireSupportedNode();

if (!existsSync(chromiumPath())) {
  fail(
    `Chromium not found at ${chromiumPath()}: the browser test layer cannot run.\n` +
      '  Install it with: apt-get install -y chromium fonts-wqy-microhei\n' +
      '  (or set CHROMIUM_PATH to a Chromium binary).',
  );
}

// CI exports one stamp for `npm test` and `npm run test:reliability` so the builds are made once.
process.env.PRIVACY_TEST_RUN ??= `${process.pid}-${Date.now()}`;
for (const platform of ['weapp', 'h5', 'tt'] as const) {
  const started = Date.now();
  ensureProductionBuild(platform);
  console.log(`built ${platform} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}
const consoleStarted = Date.now();
ensureConsoleBuild();
console.log(`built the ops console in ${((Date.now() - consoleStarted) / 1000).toFixed(1)} s`);
const serverStarted = Date.now();
ensureServerBuild();
console.log(`built the server (server/dist) in ${((Date.now() - serverStarted) / 1000).toFixed(1)} s`);

// --forceExit: a server or browser handle left open by a failing test must not hang CI.
// Two workers, whatever the core count: Jest's default (cores − 1) is a single process on a 2-core
// machine, which then sits idle while Chromium, PostgreSQL and the builds the tests start do the work.
// Builds shared between workers are made once (see test/build.ts and test/weapp/fixture-build.ts).
const args = process.argv.slice(2);
const workers = args.some((a) => /^(--maxWorkers|-w|--runInBand|-i$)/.test(a)) ? [] : ['--maxWorkers=2'];
const jest = spawnSync(process.execPath, [require.resolve('jest/bin/jest'), '--ci', '--forceExit', ...workers, ...args], {
  cwd: ROOT,
  stdio: 'inherit',
  env: process.env,
});
process.exit(jest.status ?? 1);
