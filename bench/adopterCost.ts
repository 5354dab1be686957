/**
 * The minimal adopter's main-package cost: the adoption app (test/adoption/app, Acme Coffee: one
 * camera feature, one separate consent) with `@maison/privacy` installed from its packed tarball,
 * against the same app without it (bench/adopter-baseline: the same entry, page and home page
 * markup, nothing of the package, no subpackage). Goal: ≤ 150 KB more in the main package.
 *
 * Both are production weapp builds with the app's own settings (bench/adopterConfig.ts adds hidden
 * source maps, which change no shipped byte). Sizes are miniprogram-ci's `analyseCode` (what
 * `npm run check:weapp` prints and WeChat's upload counts: every shipped file, no source maps, no
 * LICENSE files). The difference is attributed through the source maps, per package and per
 * module of the package, and per kind of file for what is not JavaScript.
 */
import { cpSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { ROOT } from '../test/build';
import { ADOPTION_APP_SOURCE, buildAdoptionApp, installAdoptionApp } from '../test/adoption/adopterApp';
import { weappSizes } from '../scripts/check-weapp';
import { bytesBySource } from './sourceBytes';
import type { Row } from './row';


const kb = (bytes: number) => Math.round((bytes / 1024) * 10) / 10;

/** What the app without the module drops of the adoption app: the package's pages, Acme's privacy content, its privacy tests. */
const WITHOUT_MODULE_REMOVED = ['src/legal', 'src/privacy-content', 'test', 'jest.config.js', 'jest.manual.config.js'];
const BASELINE_SOURCES = join(__dirname, 'adopter-baseline', 'src');

/** The copy builds with bench/adopterConfig.ts, its own config beside it as config/adopter.ts. */
function useBenchConfig(app: string): void {
  renameSync(join(app, 'config', 'index.ts'), join(app, 'config', 'adopter.ts'));
  cpSync(join(__dirname, 'adopterConfig.ts'), join(app, 'config', 'index.ts'));
}

const filesUnder = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((d) => (d.isDirectory() ? filesUnder(join(dir, d.name)) : [join(dir, d.name)]));

/** The adoption app without the module, in `dir`: its files less WITHOUT_MODULE_REMOVED, bench/adopter-baseline/src over them. */
function prepareWithout(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
  cpSync(ADOPTION_APP_SOURCE, dir, { recursive: true });
  for (const path of WITHOUT_MODULE_REMOVED) rmSync(join(dir, path), { recursive: true, force: true });
  cpSync(BASELINE_SOURCES, join(dir, 'src'), { recursive: true });
  const importing = filesUnder(join(dir, 'src')).filter((f) => /\.[jt]sx?$/.test(f) && readFileSync(f, 'utf8').includes('@maison/privacy'));
  if (importing.length) throw new Error(`the adoption app without the module still imports it: ${importing.map((f) => relative(dir, f)).join(', ')} (bench/adopterCost.ts WITHOUT_MODULE_REMOVED)`);
}

/** The package, or part of the app, a source of the build's maps (absolute paths) belongs to. */
export function packageOfSource(source: string, app: string): string {
  const path = source.split(sep).join('/');
  const nm = path.lastIndexOf('/node_modules/');
  if (nm >= 0) {
    const [scope, name] = path.slice(nm + '/node_modules/'.length).split('/');
    return scope!.startsWith('@') ? `${scope}/${name}` : scope!;
  }
  // The app's own files, by path, or by webpack's name for a module Taro's loader wraps (`./src/app.tsx?…`).
  if (path.startsWith(`${app.split(sep).join('/')}/src/`) || /^webpack:\/\/[^/]*\/\.\/src\//.test(path)) return '(app)';
  // Taro's packages ship their own source maps, which name their files `../src/…` only.
  if (path.endsWith('.ts') && path.includes('/src/')) return '@tarojs/* (named by their own maps)';
  return '(webpack runtime, unmapped)';
}

/** Which row a package's bytes go to. */
function groupOf(pkg: string): string {
  if (pkg === '@maison/privacy' || pkg === 'mobx' || pkg === 'mobx-react-lite') return pkg;
  if (pkg === 'react' || pkg === 'react-reconciler' || pkg === 'scheduler' || pkg === 'react-dom') return 'React (react, react-reconciler, scheduler)';
  if (pkg.startsWith('@tarojs/')) return 'Taro runtime (@tarojs/*)';
  if (pkg === '(app)') return "the app's own code (Acme's privacy description, app entry, home page)";
  return 'Babel helpers, tslib, webpack runtime, unmapped';
}

interface Build {
  dist: string;
  /** Main-package files as analyseCode counts them. */
  mainFiles: string[];
  /** Main-package JavaScript bytes per source (absolute path). */
  mainSources: Map<string, number>;
}

function measure(app: string): Build {
  const dist = join(app, 'dist', 'weapp');
  const appJson = JSON.parse(readFileSync(join(dist, 'app.json'), 'utf8')) as { subPackages?: { root: string }[] };
  const roots = (appJson.subPackages ?? []).map((s) => `${s.root.replace(/\/$/, '')}/`);
  const inSub = (f: string) => roots.some((r) => relative(dist, f).startsWith(r));
  const mainFiles = filesUnder(dist).filter((f) => !inSub(f) && !f.endsWith('.map') && !f.endsWith('.LICENSE.txt'));
  const groups = bytesBySource(dist, (f) => (inSub(f) ? 'sub' : 'main'));
  return { dist, mainFiles, mainSources: groups.get('main') ?? new Map() };
}

/** Packs the package, builds the adoption app with it and without it for weapp, and compares their main packages. */
export function adopterCost(): Row[] {
  console.log("\n# the minimal adopter's main-package cost (test/adoption/app with @maison/privacy, and without it)");
  const dir = join(ROOT, 'test-output', 'adopter-cost');
  const withApp = join(dir, 'with');
  const withoutApp = join(dir, 'without');
  rmSync(dir, { recursive: true, force: true });
  installAdoptionApp(withApp);
  useBenchConfig(withApp);
  prepareWithout(withoutApp);
  useBenchConfig(withoutApp);
  buildAdoptionApp(withApp, 'weapp');
  buildAdoptionApp(withoutApp, 'weapp', { ADOPTER_WITHOUT_MODULE: '1' });

  const withBuild = measure(withApp);
  const withoutBuild = measure(withoutApp);
  const [withSizes, withoutSizes] = weappSizes(withBuild.dist, withoutBuild.dist);
  const cost = withSizes!.main - withoutSizes!.main;

  // Bytes per group in each build, and the package's own modules in the main package.
  const byGroup = (build: Build, app: string) => {
    const out = new Map<string, number>();
    for (const [source, bytes] of build.mainSources) {
      const g = groupOf(packageOfSource(source, app));
      out.set(g, (out.get(g) ?? 0) + bytes);
    }
    return out;
  };
  const withGroups = byGroup(withBuild, withApp);
  const withoutGroups = byGroup(withoutBuild, withoutApp);
  if (withoutGroups.has('@maison/privacy')) throw new Error('the build without the module holds @maison/privacy code');
  if (!withGroups.has('@maison/privacy')) throw new Error("the adoption app's build holds no @maison/privacy code: the source maps name none");
  const modules = [...withBuild.mainSources]
    .filter(([source]) => packageOfSource(source, withApp) === '@maison/privacy')
    .map(([source, bytes]) => [source.slice(source.lastIndexOf('/@maison/privacy/') + '/@maison/privacy/'.length), bytes] as const)
    .sort((a, b) => b[1] - a[1]);

  // What is not JavaScript, per kind of file.
  const bytesOf = (files: string[]) => files.reduce((n, f) => n + statSync(f).size, 0);
  const KINDS: [RegExp, string][] = [
    [/\.wxml$/, 'WXML (Taro templates: base.wxml, pages)'],
    [/\.wxss$/, 'WXSS (stylesheets)'],
    [/\.json$/, 'JSON (app.json, pages)'],
    [/\.wxs$/, 'WXS'],
  ];
  const notJs = (build: Build) =>
    new Map(KINDS.map(([re, k]) => [k, bytesOf(build.mainFiles.filter((f) => re.test(f)))] as const));
  const withKinds = notJs(withBuild);
  const withoutKinds = notJs(withoutBuild);
  const sum = (m: Map<string, number>) => [...m.values()].reduce((a, b) => a + b, 0);
  const diff = (a: Map<string, number>, b: Map<string, number>, key: string) => (a.get(key) ?? 0) - (b.get(key) ?? 0);

  const rows: Row[] = [];
  const without = { name: 'the same app without it', value: kb(withoutSizes!.main) };
  rows.push({ name: 'adopter app weapp main package, with @maison/privacy (miniprogram-ci)', value: kb(withSizes!.main), unit: 'KB', baseline: without });
  rows.push({ name: "adopter app: the module's main-package cost (with − without)", value: kb(cost), unit: 'KB', goal: '≤ 150 KB' });
  rows.push({ name: "adopter app: the module's cost, share of the app without it", value: Math.round((cost / withoutSizes!.main) * 1000) / 10, unit: '%' });
  const groups = [...new Set([...withGroups.keys(), ...withoutGroups.keys()])].map((g) => [g, diff(withGroups, withoutGroups, g)] as const).sort((a, b) => b[1] - a[1]);
  for (const [g, bytes] of groups) rows.push({ name: `  of which JS: ${g}`, value: kb(bytes), unit: 'KB' });
  for (const [, k] of KINDS) rows.push({ name: `  of which ${k}`, value: kb(diff(withKinds, withoutKinds, k)), unit: 'KB' });
  // What neither covers: JavaScript no source map covers (line breaks), files of other kinds.
  const rest = cost - (sum(withGroups) - sum(withoutGroups)) - (sum(withKinds) - sum(withoutKinds));
  rows.push({ name: '  of which the rest (JS line breaks, other files)', value: kb(rest), unit: 'KB' });
  rows.push({ name: '  @maison/privacy modules in the main package (the 10 largest below)', value: modules.length, unit: 'modules' });
  for (const [module, bytes] of modules.slice(0, 10)) rows.push({ name: `    ${module}`, value: kb(bytes), unit: 'KB' });
  rows.push({ name: 'adopter app weapp subpackage (the package pages, Acme policy)', value: kb(withSizes!.subpackages), unit: 'KB' });
  // analyseCode counts every main-package file but source maps and LICENSE files; were that to change, say so.
  for (const [name, build, sizes] of [['with', withBuild, withSizes!], ['without', withoutBuild, withoutSizes!]] as const) {
    if (bytesOf(build.mainFiles) !== sizes.main) console.log(`  (note: the main package's files sum to ${bytesOf(build.mainFiles)} B ${name} the module, analyseCode ${sizes.main} B)`);
  }
  return rows;
}
