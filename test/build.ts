/**
 * Production builds for the test layers. A build made in this test run is marked with the run's
 * stamp (env PRIVACY_TEST_RUN); a layer never loads a build from another run.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

export type Platform = 'weapp' | 'tt' | 'h5';

export const ROOT = resolve(__dirname, '..');
export const distDir = (platform: Platform): string => join(ROOT, 'dist', platform);
const stampFile = (platform: Platform): string => join(distDir(platform), '.test-run');

/** Builds `platform` for production unless this run (PRIVACY_TEST_RUN) already built it. */
export function ensureProductionBuild(platform: Platform, env: Record<string, string> = {}): string {
  const run = process.env.PRIVACY_TEST_RUN ?? `${process.pid}-${Date.now()}`;
  process.env.PRIVACY_TEST_RUN = run;
  const stamp = stampFile(platform);
  if (existsSync(stamp) && readFileSync(stamp, 'utf8') === run) return distDir(platform);
  const taro = join(ROOT, 'node_modules', '.bin', 'taro');
  try {
    execFileSync(taro, ['build', '--type', platform], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, ...env, NODE_ENV: 'production' },
      maxBuffer: 64 * 1024 * 1024,
    });
  } catch (err) {
    const e = err as { stdout?: Buffer; stderr?: Buffer };
    const output = `${e.stdout?.toString() ?? ''}\n${e.stderr?.toString() ?? ''}`.slice(-8000);
    throw new Error(`taro build --type ${platform} failed:\n${output}`);
  }
  writeFileSync(stamp, run);
  return distDir(platform);
}

/** Where `npm run build:console` writes the ops console (served by the backend at /ops). */
export const CONSOLE_DIST = join(ROOT, 'server', 'console', 'dist');
const CONSOLE_SOURCES = [join(ROOT, 'server', 'console'), join(ROOT, 'src', 'privacy')];

/** Newest modification time among the console's sources and the module it bundles (tests and builds left out). */
function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'dist' || entry.name === 'node_modules' || entry.name.includes('.test.')) continue;
    const full = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSource(full) : statSync(full).mtimeMs);
  }
  return newest;
}

/**
 * Builds the ops console (Vite) unless this run already built it, or, outside a stamped run, unless
 * the build is newer than every source it comes from. Returns its folder.
 */
export function ensureConsoleBuild(): string {
  const run = process.env.PRIVACY_TEST_RUN;
  const stamp = join(CONSOLE_DIST, '.test-run');
  const index = join(CONSOLE_DIST, 'index.html');
  if (existsSync(stamp) && run !== undefined && readFileSync(stamp, 'utf8') === run) return CONSOLE_DIST;
  if (run === undefined && existsSync(index) && statSync(index).mtimeMs > Math.max(...CONSOLE_SOURCES.map(newestSource))) return CONSOLE_DIST;
  try {
    // NODE_ENV=production: under Jest it is `test`, which would make Vite bundle React's development build.
    execFileSync('npm', ['run', '--silent', 'build:console'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NODE_ENV: 'production', VITE_CONFIG_NATIVE_IGNORE_WARNING: 'true' } });
  } catch (err) {
    const e = err as { stdout?: Buffer; stderr?: Buffer };
    throw new Error(`npm run build:console failed:\n${`${e.stdout?.toString() ?? ''}\n${e.stderr?.toString() ?? ''}`.slice(-8000)}`);
  }
  if (run !== undefined) writeFileSync(stamp, run);
  return CONSOLE_DIST;
}

/** The compiled backend (`npm run build --workspace server`): what production runs with `node dist/main.js`. */
export const SERVER_DIST = join(ROOT, 'server', 'dist');

/**
 * Compiles the backend to server/dist (esbuild, under a second) unless this run (PRIVACY_TEST_RUN)
 * already did, or, outside a stamped run, unless it is newer than every file it was built from.
 */
export function ensureServerBuild(): string {
  const run = process.env.PRIVACY_TEST_RUN;
  const stamp = join(SERVER_DIST, '.test-run');
  if (run !== undefined && existsSync(stamp) && readFileSync(stamp, 'utf8') === run) return SERVER_DIST;
  try {
    execFileSync(process.execPath, [join(ROOT, 'server', 'scripts', 'build.mjs'), ...(run === undefined ? ['--if-stale'] : [])], { cwd: join(ROOT, 'server'), stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (err) {
    const e = err as { stdout?: Buffer; stderr?: Buffer };
    throw new Error(`server build failed:\n${`${e.stdout?.toString() ?? ''}\n${e.stderr?.toString() ?? ''}`.slice(-8000)}`);
  }
  if (run !== undefined) writeFileSync(stamp, run);
  return SERVER_DIST;
}
