/**
 * The adoption app (test/adoption/app) as an adopter has it: a copy with the packed package
 * installed. Shared by the adoption test and the adopter-cost benchmark (bench/adopterCost.ts).
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../build';

/** The app's sources. */
export const ADOPTION_APP_SOURCE = join(__dirname, 'app');

/** Runs a command in `cwd`; its output, or an error carrying it. */
export const run = (cmd: string, args: string[], cwd: string, env: Record<string, string> = {}): string =>
  execFileSync(cmd, args, { cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 64 * 1024 * 1024 }).toString();

/** Throws `what` failed, with the end of the failed command's output. */
export const fail = (what: string, err: unknown): never => {
  const e = err as { stdout?: Buffer; stderr?: Buffer };
  throw new Error(`${what} failed:\n${`${e.stdout?.toString() ?? ''}\n${e.stderr?.toString() ?? ''}`.slice(-6000)}`);
};

/**
 * A fresh copy of the app in `dir` (under ROOT, so that Taro, React and MobX come from the
 * repository's node_modules: Node resolves upwards), with the tarball `npm pack` makes of the
 * package (its `prepack` builds dist/) unpacked into the copy's own node_modules/@maison/privacy:
 * only the files the package declares, what an adopter installs.
 */
export function installAdoptionApp(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  cpSync(ADOPTION_APP_SOURCE, dir, { recursive: true });
  const tarball = run('npm', ['pack', '--silent', '--pack-destination', dir], join(ROOT, 'src/privacy')).trim().split('\n').pop()!;
  const target = join(dir, 'node_modules', '@maison', 'privacy');
  mkdirSync(target, { recursive: true });
  run('tar', ['xzf', join(dir, tarball), '-C', target, '--strip-components=1'], dir);
}

/** A production build of the app in `dir` for `platform` (into its dist/<platform>, as its config says). */
export function buildAdoptionApp(dir: string, platform: 'weapp' | 'tt' | 'h5', env: Record<string, string> = {}): void {
  try {
    run(join(ROOT, 'node_modules/.bin/taro'), ['build', '--type', platform], dir, { NODE_ENV: 'production', ...env });
  } catch (err) {
    fail(`taro build --type ${platform} of ${dir}`, err);
  }
}
