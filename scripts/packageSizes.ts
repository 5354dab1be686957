/**
 * A mini-program build's package sizes, counted as the platforms count them: every shipped file
 * under a subpackage root (app.json `subPackages`) is that subpackage's, the rest is the main
 * package. The same count for WeChat (`dist/weapp`) and Douyin (`dist/tt`).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

/** Every file under `dir`, recursively. */
export function filesUnder(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...filesUnder(p));
    else out.push(p);
  }
  return out;
}

/** Files a build ships: not licence notes, source maps or the test run's stamp. */
export const shipped = (f: string): boolean => !f.endsWith('.LICENSE.txt') && !f.endsWith('.test-run') && !f.endsWith('.map');

export const sizeOf = (list: readonly string[]): number => list.reduce((n, f) => n + statSync(f).size, 0);

export interface PackageFiles {
  all: string[];
  main: string[];
  /** Subpackage root → its files. */
  subpackages: Map<string, string[]>;
}

/** The shipped files of the build in `dist`, split by package. */
export function packageFiles(dist: string): PackageFiles {
  const all = filesUnder(dist).filter(shipped);
  const appJson = JSON.parse(readFileSync(join(dist, 'app.json'), 'utf8')) as { subPackages?: { root: string }[]; subpackages?: { root: string }[] };
  const roots = (appJson.subPackages ?? appJson.subpackages ?? []).map((p) => p.root.replace(/\/$/, ''));
  const rootOf = (f: string): string | undefined => roots.find((r) => relative(dist, f).split('\\').join('/').startsWith(`${r}/`));
  const subpackages = new Map(roots.map((r) => [r, all.filter((f) => rootOf(f) === r)]));
  return { all, main: all.filter((f) => rootOf(f) === undefined), subpackages };
}
