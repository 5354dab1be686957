/**
 * Production builds for the test layers. A build made in this test run is marked with the run's
 * stamp (env PRIVACY_TEST_RUN); a layer never loads a build from another run.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

export type Platform = 'weapp' | 'h5';

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
