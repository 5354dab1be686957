/**
 * `npm run check:tt`: the Douyin build (`dist/tt`, built for production when absent) is a
 * mini-program Douyin's IDE can open and load: project.config.json with an app id, app.json naming
 * its pages, each page's .js, .json and .ttml, no browser adapter in the bundle (check:app-config
 * compares the privacy keys), and the main package within its budget as Douyin's own CLI measures
 * it (`tma project-size` of tt-ide-cli, offline; its usage report is switched off).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureProductionBuild, distDir } from '../test/build';
import { packageFiles, sizeOf } from './packageSizes';

/** The tt main package may not grow past this (KB); Douyin's own limit is 2 MB. Measured 491.9 KB when set (weapp 530 KB). */
export const TT_MAIN_PACKAGE_BUDGET_KB = 540;

/** What in a build betrays the browser adapters (localStorage, fetch, the development login) or the h5 camera. */
const BROWSER_MARKERS = Object.freeze([/localStorage\./, /\bgetUserMedia\b/, /`dev:\$\{/]);

export function ttBuildProblems(dist: string, budgetKB = TT_MAIN_PACKAGE_BUDGET_KB): string[] {
  const problems: string[] = [];
  const appJson = JSON.parse(readFileSync(join(dist, 'app.json'), 'utf8')) as { pages?: string[]; subPackages?: { root: string; pages: string[] }[] };
  const pages = [...(appJson.pages ?? []), ...(appJson.subPackages ?? []).flatMap((s) => s.pages.map((p) => `${s.root.replace(/\/$/, '')}/${p}`))];
  if (pages.length === 0) problems.push(`${dist}/app.json names no pages`);
  for (const page of pages)
    for (const ext of ['.js', '.json', '.ttml']) if (!existsSync(join(dist, page + ext))) problems.push(`${page}${ext} is missing`);
  // Douyin's IDE opens the folder by its project.config.json (Taro writes it from src/project.tt.json).
  const project = join(dist, 'project.config.json');
  if (!existsSync(project)) problems.push('project.config.json is missing: Douyin\'s IDE cannot open the build (src/project.tt.json)');
  else if (typeof (JSON.parse(readFileSync(project, 'utf8')) as { appid?: unknown }).appid !== 'string') problems.push('project.config.json has no appid');
  const { all, main } = packageFiles(dist);
  for (const f of all.filter((f) => f.endsWith('.js'))) {
    const text = readFileSync(f, 'utf8');
    for (const marker of BROWSER_MARKERS) if (marker.test(text)) problems.push(`${f}: browser code (${marker}) in the Douyin build`);
  }
  const mainKB = sizeOf(main) / 1024;
  if (mainKB > budgetKB) problems.push(`main package ${mainKB.toFixed(1)} KB is over its ${budgetKB} KB budget`);
  return problems;
}

/** Package sizes in bytes as Douyin's CLI reports them (`tma project-size --json`). */
export interface TmaSizes {
  main: { size: number };
  sub: { path: string; size: number }[];
  total: number;
}

/** Runs `tma project-size` on `dist`; throws with the fix when the CLI is missing or fails. */
export function tmaProjectSize(dist: string): TmaSizes {
  const tma = join(__dirname, '..', 'node_modules', '.bin', 'tma');
  if (!existsSync(tma)) throw new Error(`Douyin's CLI (tma) not found at ${tma}: run npm install (devDependency tt-ide-cli)`);
  const home = mkdtempSync(join(tmpdir(), 'tma-home-'));
  try {
    // ALLOW_REPORT_EVENT=no: the CLI sends no usage report; TMA_CLI_HOME keeps its files out of ~.
    const run = spawnSync(tma, ['project-size', '--json', dist], { encoding: 'utf8', env: { ...process.env, ALLOW_REPORT_EVENT: 'no', TMA_CLI_HOME: home }, timeout: 120_000 });
    const line = run.stdout.trim().split('\n').reverse().find((l) => l.startsWith('{'));
    if (run.status !== 0 || !line) throw new Error(`tma project-size ${dist} failed (exit ${run.status}): ${(run.stderr || run.stdout).slice(-2000)}`);
    const sizes = JSON.parse(line) as TmaSizes;
    if (typeof sizes.main?.size !== 'number') throw new Error(`tma project-size answered without a main package size: ${line}`);
    return sizes;
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
}

function main(): number {
  const dist = existsSync(join(distDir('tt'), 'app.json')) ? distDir('tt') : ensureProductionBuild('tt');
  // The budget on Douyin's own count; ours (packageFiles, the bench's) is the rest of the check.
  const tma = tmaProjectSize(dist);
  const problems = ttBuildProblems(dist, Number.POSITIVE_INFINITY);
  const tmaKB = tma.main.size / 1024;
  if (tmaKB > TT_MAIN_PACKAGE_BUDGET_KB) problems.push(`main package ${tmaKB.toFixed(1)} KB (tma project-size) is over its ${TT_MAIN_PACKAGE_BUDGET_KB} KB budget`);
  const { main: mainFiles } = packageFiles(dist);
  console.log(
    `check:tt: main package ${tmaKB.toFixed(1)} KB by tma project-size (budget ${TT_MAIN_PACKAGE_BUDGET_KB} KB; ${(sizeOf(mainFiles) / 1024).toFixed(1)} KB by our count); ` +
      `${tma.sub.map((p) => `${p.path.replace(/\/$/, '')} ${(p.size / 1024).toFixed(1)} KB`).join(', ')}`,
  );
  if (problems.length === 0) return 0;
  console.error('check:tt failed:');
  for (const p of problems) console.error(`  - ${p}`);
  return 1;
}

if (require.main === module) process.exit(main());
