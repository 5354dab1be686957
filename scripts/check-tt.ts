/**
 * `npm run check:tt`: the Douyin build (`dist/tt`, built for production when absent) is a
 * mini-program Douyin's IDE can open and load: project.config.json with an app id, app.json naming
 * its pages, each page's .js, .json and .ttml, the privacy keys are Douyin's (check:app-config compares their values), no browser
 * adapter reached the bundle, and the main package stays within its budget.
 * Douyin's own `tma project-size` needs its IDE's login; the count here is the one it makes
 * (files outside the subpackage roots).
 */
import { existsSync, readFileSync } from 'node:fs';
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

function main(): number {
  const dist = existsSync(join(distDir('tt'), 'app.json')) ? distDir('tt') : ensureProductionBuild('tt');
  const problems = ttBuildProblems(dist);
  const { main: mainFiles, subpackages } = packageFiles(dist);
  console.log(`check:tt: main package ${(sizeOf(mainFiles) / 1024).toFixed(1)} KB (budget ${TT_MAIN_PACKAGE_BUDGET_KB} KB); ${[...subpackages].map(([r, f]) => `${r} ${(sizeOf(f) / 1024).toFixed(1)} KB`).join(', ')}`);
  if (problems.length === 0) return 0;
  console.error('check:tt failed:');
  for (const p of problems) console.error(`  - ${p}`);
  return 1;
}

if (require.main === module) process.exit(main());
