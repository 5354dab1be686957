/**
 * Production weapp build of the harness's fixture app (test/weapp/fixture). The output folder is
 * named after a hash of the fixture's sources and the Taro version, so a build is reused only while
 * it matches the sources (never stale) and parallel test workers share one build.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { ROOT } from '../build';

const FIXTURE_DIR = join(__dirname, 'fixture');
const COMPLETE = '.complete';

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    if (name === 'dist' || name === 'node_modules') continue;
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...sourceFiles(p));
    else out.push(p);
  }
  return out.sort();
}

function fixtureHash(): string {
  const h = createHash('sha256');
  for (const f of sourceFiles(FIXTURE_DIR)) {
    h.update(relative(FIXTURE_DIR, f));
    h.update(readFileSync(f));
  }
  h.update(readFileSync(join(ROOT, 'node_modules', '@tarojs', 'runtime', 'package.json')));
  return h.digest('hex').slice(0, 16);
}

/** Builds of older fixture sources are never used again. */
function pruneOtherBuilds(keep: string): void {
  for (const name of readdirSync(join(FIXTURE_DIR, 'dist'))) {
    const p = join(FIXTURE_DIR, 'dist', name);
    if (p !== keep && !name.includes('.tmp-')) rmSync(p, { recursive: true, force: true });
  }
}

/** Builds the fixture app for production unless a build of the same sources exists; returns its dist dir. */
export function ensureFixtureBuild(): string {
  const out = join(FIXTURE_DIR, 'dist', fixtureHash());
  if (existsSync(join(out, COMPLETE))) {
    pruneOtherBuilds(out);
    return out;
  }
  const tmp = `${out}.tmp-${process.pid}`;
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(join(FIXTURE_DIR, 'dist'), { recursive: true });
  try {
    execFileSync(join(ROOT, 'node_modules', '.bin', 'taro'), ['build', '--type', 'weapp'], {
      cwd: FIXTURE_DIR,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, NODE_ENV: 'production', FIXTURE_OUT: tmp },
      maxBuffer: 64 * 1024 * 1024,
    });
  } catch (e) {
    // Taro's progress output is noise when the build works; show it only when it fails.
    const err = e as { stdout?: Buffer; stderr?: Buffer };
    throw new Error(`fixture build failed:\n${err.stdout?.toString() ?? ''}\n${err.stderr?.toString() ?? ''}`);
  }
  writeFileSync(join(tmp, COMPLETE), new Date().toISOString());
  try {
    renameSync(tmp, out);
  } catch {
    // Another worker finished the same build first: keep theirs.
    rmSync(tmp, { recursive: true, force: true });
  }
  if (!existsSync(join(out, COMPLETE))) throw new Error(`fixture build missing in ${out}`);
  pruneOtherBuilds(out);
  return out;
}
