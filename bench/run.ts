/**
 * `npm run bench`: one table of size and speed figures, each beside a baseline measured in the
 * same run where one exists. `--smoke` uses small sizes (CI). Results also go to
 * bench-results/<timestamp>.json so runs can be compared.
 */
import { appPurposes } from '@maison/privacy/config';
import { SHOP_PRIVACY } from '../src/shop/privacy-content/app';

const CONSENT_PURPOSES = appPurposes(SHOP_PRIVACY);
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, statSync, writeFileSync, existsSync } from 'node:fs';
import { cpus } from 'node:os';
import { join, relative } from 'node:path';
import { performance } from 'node:perf_hooks';
import { ConsentStore } from '@maison/privacy/client';
import { CAPABILITIES, type LedgerEvent, reduceLedger, type LedgerEntry, encodeLedger, LEDGER_FORMAT, sha256Hex } from '@maison/privacy/contract';
import { ManualClock, MemoryStorage, SequentialIds } from '@maison/privacy/testing';
import { ROOT, ensureProductionBuild } from '../test/build';
import { bytesBySource, jsonParseLiterals } from './sourceBytes';
import { filesUnder, packageFiles, shipped, sizeOf } from '../scripts/packageSizes';
import { TT_MAIN_PACKAGE_BUDGET_KB } from '../scripts/check-tt';
import type { Row } from './row';

const smoke = process.argv.includes('--smoke');
/** `--only sizes,pages,paint,ledger,server`: just those parts (while iterating); the table is partial. */
const onlyArg = process.argv.indexOf('--only');
const only = onlyArg >= 0 ? new Set((process.argv[onlyArg + 1] ?? '').split(',')) : null;
const part = (name: string) => only === null || only.has(name);
const rows: Row[] = [];
const row = (r: Row) => {
  rows.push(r);
  const ratio = r.baseline ? `  (${r.baseline.name} ${fmt(r.baseline.value)} ${r.unit}; ratio ${(r.value / r.baseline.value).toFixed(2)})` : '';
  console.log(`${r.name.padEnd(56)} ${fmt(r.value).padStart(10)} ${r.unit}${ratio}${r.goal ? `  goal ${r.goal}` : ''}`);
};
const fmt = (n: number) => (Number.isInteger(n) ? String(n) : n.toFixed(2));
const kb = (bytes: number) => Math.round((bytes / 1024) * 10) / 10;

const files = filesUnder;

/** A production weapp build into `dist/<name>`, with extra build settings (see config/index.ts). */
function buildWeapp(name: string, env: Record<string, string>): string {
  execFileSync(join(ROOT, 'node_modules', '.bin', 'taro'), ['build', '--type', 'weapp'], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ...env, NODE_ENV: 'production', PRIVACY_OUTPUT_ROOT: `dist/${name}` },
    maxBuffer: 64 * 1024 * 1024,
  });
  return join(ROOT, 'dist', name);
}

/** The baseline: a Taro + React + MobX app without the module (bench/baseline). */
const buildBaseline = () => buildWeapp('baseline-weapp', { PRIVACY_SOURCE_ROOT: 'bench/baseline' });
/** The app's build again with source maps beside it, for attributing bytes to folders. */
const buildWithSourceMaps = () => buildWeapp('weapp-sourcemaps', { PRIVACY_SOURCE_MAPS: '1' });

/** Which part of the app a webpack source name belongs to (Taro names them `._src_privacy_…`). */
function partOf(source: string): 'module' | 'shop' | 'framework' {
  const path = source.replace(/^webpack:\/\/[^/]*\//, '').replace(/^\.\/src\//, '._src_').replace(/\//g, '_');
  // The package @maison/privacy: its own folder, or an installed copy of it.
  if (path.startsWith('._src_privacy_') || path.includes('node_modules_@maison_privacy_')) return 'module';
  if (/^\._src_(shop|pages|app)/.test(path)) return 'shop';
  return 'framework';
}

function sizes(): void {
  console.log('\n# weapp package sizes (production build)');
  const dist = ensureProductionBuild('weapp');
  const baseline = buildBaseline();
  const all = files(dist).filter(shipped);
  // Every subpackage the build declares (the module's pages, the shop's features): what is left is the main package.
  const appJson = JSON.parse(readFileSync(join(dist, 'app.json'), 'utf8')) as { subPackages?: { root: string }[]; subpackages?: { root: string }[] };
  const subRoots = (appJson.subPackages ?? appJson.subpackages ?? []).map((p) => p.root.replace(/\/$/, ''));
  const inSub = (f: string, root: string, d = dist) => relative(d, f).startsWith(`${root}/`);
  const main = all.filter((f) => !subRoots.some((r) => inSub(f, r)));
  const baseAll = files(baseline).filter(shipped);
  row({ name: 'weapp total', value: kb(sizeOf(all)), unit: 'KB' });
  row({ name: 'weapp main package', value: kb(sizeOf(main)), unit: 'KB', baseline: { name: 'Taro+React+MobX app', value: kb(sizeOf(baseAll)) }, goal: '≤ 480 KB (budget 540 KB: scripts/check-weapp.ts)' });
  row({ name: 'weapp main package: base.wxml', value: kb(statSync(join(dist, 'base.wxml')).size), unit: 'KB', baseline: { name: 'baseline app', value: kb(statSync(join(baseline, 'base.wxml')).size) } });
  for (const r of subRoots) row({ name: `weapp subpackage ${r}`, value: kb(sizeOf(all.filter((f) => inSub(f, r)))), unit: 'KB' });
  // Douyin: the same app and module, counted the same way, beside WeChat's.
  const tt = packageFiles(ensureProductionBuild('tt'));
  row({ name: 'tt main package', value: kb(sizeOf(tt.main)), unit: 'KB', baseline: { name: 'weapp main package', value: kb(sizeOf(main)) }, goal: `budget ${TT_MAIN_PACKAGE_BUDGET_KB} KB (scripts/check-tt.ts)` });
  for (const [r, list] of tt.subpackages) row({ name: `tt subpackage ${r}`, value: kb(sizeOf(list)), unit: 'KB', baseline: { name: `weapp subpackage ${r}`, value: kb(sizeOf(all.filter((f) => inSub(f, r)))) } });
  const js = (list: string[]) => sizeOf(list.filter((f) => f.endsWith('.js')));
  const appJs = js(all);
  const baseJs = js(baseAll);
  row({ name: 'app JS (module + demo shop + bundled policy)', value: kb(appJs), unit: 'KB', baseline: { name: 'Taro+React+MobX app', value: kb(baseJs) } });
  row({ name: 'app JS beyond Taro+React+MobX, incl. bundled policy', value: kb(appJs - baseJs), unit: 'KB' });
  // The same bytes attributed through source maps, per package: the module alone, apart from the
  // demo shop. Webpack inlines the policy JSON as one JSON.parse('…') literal that has no mapping
  // of its own: it is carved out and counted as the data it is.
  const built = buildWithSourceMaps();
  const POLICY = '(data) bundled policy JSON';
  const groups = bytesBySource(
    built,
    (f) => (subRoots.some((r) => inSub(f, r, built)) ? 'sub' : 'main'),
    (code) => jsonParseLiterals(code, '{"schemaVersion":1,', POLICY),
  );
  const parts = (g: string) => {
    const out = { module: 0, shop: 0, framework: 0, policy: 0 };
    for (const [source, bytes] of groups.get(g) ?? new Map<string, number>()) {
      if (source === POLICY) out.policy += bytes;
      else out[partOf(source)] += bytes;
    }
    return out;
  };
  const inMain = parts('main');
  const inSubpackages = parts('sub');
  row({ name: 'bundled policy JSON in the main package', value: kb(inMain.policy), unit: 'KB', goal: '0 (in the subpackage)' });
  row({ name: 'bundled policy JSON in the privacy subpackage', value: kb(inSubpackages.policy), unit: 'KB' });
  row({ name: 'module code in the main package (excl. data), by source map', value: kb(inMain.module), unit: 'KB', goal: '≤ 100 KB' });
  row({ name: 'module JS in all (package @maison/privacy, excl. policy data), by source map', value: kb(inMain.module + inSubpackages.module), unit: 'KB', goal: '≤ 145 KB' });
  row({ name: 'demo shop JS (src/pages, src/shop, app), by source map', value: kb(inMain.shop + inSubpackages.shop), unit: 'KB' });
  row({ name: 'Taro + React + MobX + runtime JS, by source map', value: kb(inMain.framework + inSubpackages.framework), unit: 'KB', baseline: { name: 'baseline app JS', value: kb(baseJs) } });
}

async function policyPage(): Promise<void> {
  console.log('\n# policy page in the weapp harness (whole bilingual policy, each language read to the end)');
  const { launchWeapp } = await import('../test/weapp/harness');
  for (const [lang, language] of [['zh', 'zh_CN'], ['en', 'en']] as const) {
    const host = await launchWeapp({ device: { language } });
    try {
      const route = 'privacy-pages/policy/index';
      const page = await host.openPage(route);
      await host.flush();
      const nodes = host.nodeCount(page);
      for (let i = 0; i < 200 && page.exists('policy-more'); i++) {
        await page.reachBottom();
        await host.flush();
      }
      if (page.exists('policy-more')) throw new Error(`the ${lang} policy did not reveal to its end`);
      const stats = host.setDataStats()[`page:${route}`];
      row({ name: `policy page (${lang}) first setData`, value: kb(stats.first), unit: 'KB', goal: '≤ 16 KB' });
      row({ name: `policy page (${lang}) largest setData`, value: kb(stats.largest), unit: 'KB', goal: '≤ 64 KB' });
      row({ name: `policy page (${lang}) setData count (read to the end)`, value: stats.count, unit: 'calls' });
      row({ name: `policy page (${lang}) total setData (read to the end)`, value: kb(stats.total), unit: 'KB' });
      row({ name: `policy page (${lang}) nodes on first render`, value: nodes, unit: 'nodes', goal: '< 300' });
    } finally {
      host.close();
    }
  }
}

/** First setData and nodes of every page of the build, each opened fresh after the policy was agreed. */
async function everyPage(): Promise<void> {
  console.log('\n# every page in the weapp harness: first setData and nodes on first render');
  const { launchWeapp } = await import('../test/weapp/harness');
  const host = await launchWeapp();
  try {
    const entry = host.entryPage;
    const first = await host.openPage(entry);
    await host.flush();
    // The entry page's first render is the launch, with the first-run sheet over it.
    const figures: { route: string; stats: { first: number }; nodes: number; largest?: number }[] = [{ route: entry, stats: first.setDataStats().all, nodes: host.nodeCount(first) }];
    await first.tap('privacy-agree');
    await host.flush();
    for (const route of host.routes.filter((r) => r !== entry)) {
      const page = await host.openPage(route);
      await host.flush();
      const figure = { route, stats: page.setDataStats().all, nodes: host.nodeCount(page), largest: undefined as number | undefined };
      // The list pages reveal in chunks like the policy page: read them to the end too.
      const more = ['collection-more', 'sharing-more'].find((id) => page.exists(id));
      if (more) {
        for (let i = 0; i < 50 && page.exists(more); i++) {
          await page.reachBottom();
          await host.flush();
        }
        if (page.exists(more)) throw new Error(`${route} did not reveal to its end`);
        figure.largest = page.setDataStats().all.largest;
      }
      figures.push(figure);
    }
    for (const { route, stats, nodes, largest } of figures) {
      row({ name: `${route}: first setData`, value: kb(stats.first), unit: 'KB', goal: '≤ 16 KB' });
      row({ name: `${route}: nodes on first render`, value: nodes, unit: 'nodes', goal: '< 300' });
      if (largest !== undefined) row({ name: `${route}: largest setData (read to the end)`, value: kb(largest), unit: 'KB', goal: '≤ 64 KB' });
    }
    if (host.errors.length) throw new Error(`the app reported errors: ${host.errors.map(String).join('; ')}`);
  } finally {
    host.close();
  }
}

async function h5Paint(): Promise<void> {
  console.log('\n# h5 in Chromium: navigation → first policy section painted');
  const { launchChromium, chromiumPath } = await import('../test/browser/chromium');
  if (!existsSync(chromiumPath())) throw new Error('Chromium missing: apt-get install -y chromium fonts-wqy-microhei');
  const { serveStatic } = await import('../test/browser/staticServer');
  const dir = ensureProductionBuild('h5');
  const server = await serveStatic(dir);
  const chromium = await launchChromium();
  try {
    const runs = smoke ? 2 : 7;
    const policy: number[] = [];
    const blank: number[] = [];
    for (let i = 0; i < runs; i++) {
      const page = await chromium.browser.newPage();
      let t = performance.now();
      await page.goto(`${server.url}/__blank`);
      await page.waitForSelector('#blank');
      await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => r(null))));
      blank.push(performance.now() - t);
      t = performance.now();
      await page.goto(`${server.url}/#/privacy-pages/policy/index`);
      await page.waitForSelector('.pv-section');
      await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => r(null))));
      policy.push(performance.now() - t);
      await page.close();
    }
    const median = (a: number[]) => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)];
    row({ name: 'h5 policy page: first section painted (median)', value: Math.round(median(policy)), unit: 'ms', baseline: { name: 'blank page', value: Math.max(1, Math.round(median(blank))) } });
  } finally {
    await chromium.close();
    await server.close();
  }
}

/**
 * Medians of `runs` timed calls of each of `fns`, after `warm` untimed rounds. The calls alternate
 * (a, b, a, b…) so a figure and its baseline meet the same load: this machine is shared.
 */
async function pairedMedians(fns: Array<() => unknown>, runs: number, warm = 3): Promise<number[]> {
  for (let i = 0; i < warm; i++) for (const fn of fns) await fn();
  const times = fns.map(() => [] as number[]);
  for (let i = 0; i < runs; i++) {
    for (const [k, fn] of fns.entries()) {
      const t = performance.now();
      await fn();
      times[k].push(performance.now() - t);
    }
  }
  return times.map((list) => list.sort((x, y) => x - y)[Math.floor(list.length / 2)]);
}

async function ledger(): Promise<void> {
  console.log('\n# ledger');
  const n = smoke ? 1000 : 10_000;
  const base = Date.parse('2026-01-01T00:00:00Z');
  const event = (i: number): LedgerEvent => {
    const kind = i % 3 === 0 ? 'permission' : i % 3 === 1 ? 'consent' : 'policy';
    const common = { id: `evt-${String(i).padStart(10, '0')}`, policyVersion: 1 + (i % 4), deviceId: `device-${i % 3}-abcdef`, occurredAt: new Date(base + i * 1000).toISOString(), source: 'feature' as const };
    if (kind === 'permission') return { ...common, kind, purpose: CAPABILITIES[i % 3], value: i % 2 ? 'granted' : 'denied' } as LedgerEvent;
    if (kind === 'consent') return { ...common, kind, purpose: CONSENT_PURPOSES[i % CONSENT_PURPOSES.length], value: i % 2 ? 'granted' : 'withdrawn' } as LedgerEvent;
    return { ...common, kind, purpose: 'policy', value: 'accepted' } as LedgerEvent;
  };
  const events: LedgerEvent[] = Array.from({ length: n }, (_, i) => event(i));
  const time = (fn: () => void, reps = smoke ? 3 : 10) => {
    fn();
    const t = performance.now();
    for (let i = 0; i < reps; i++) fn();
    return (performance.now() - t) / reps;
  };
  const reduceMs = time(() => reduceLedger(events));
  row({ name: `ledger: reduce ${n} events to state`, value: Math.round(reduceMs * 100) / 100, unit: 'ms' });
  row({ name: 'ledger: reduce, per event', value: Math.round((reduceMs / n) * 1e6) / 1e3, unit: 'µs' });
  // One storage key holds at most ~1 MB (WeChat), about 5,000 uncompacted events; the store compacts
  // synced history long before that, so hydration is measured at the largest ledger it can meet,
  // in both sizes of the bench.
  const stored = 5000;
  const entries: LedgerEntry[] = Array.from({ length: stored }, (_, i) => ({ event: event(i), sync: 'synced' }));
  // Storage hands back a fresh flat string (WeChat deserialises it); encodeLedger's is a concatenation.
  const blob = JSON.parse(JSON.stringify(encodeLedger(entries))) as string;
  // The same ledger as the previous release stored it (schema 1: SHA-256 checksum), which a phone
  // keeps until the app's first write after the update.
  const payload = blob.slice(blob.indexOf('"payload":') + '"payload":'.length, -1);
  const blobV1 = JSON.parse(JSON.stringify(`{"format":"${LEDGER_FORMAT}","schema":1,"checksum":"sha256:${sha256Hex(payload)}","payload":${payload}}`)) as string;
  const clock = new ManualClock();
  const ids = new SequentialIds('bench');
  // Through the persistence seam as the app does it: ConsentStore.hydrate reads the ledger key with
  // Persistence, whose registry decodes and checks it. One store per run (hydrate runs once per store),
  // made before the clock starts.
  const runs = smoke ? 7 : 21;
  const warm = 3;
  const hydrateOf = async (text: string): Promise<[number, number]> => {
    const storage = new MemoryStorage();
    await storage.set('privacy.ledger', text);
    const stores = Array.from({ length: runs + warm }, () => new ConsentStore({ storage, clock, ids, deviceId: 'device-0-abcdef', purposes: CONSENT_PURPOSES, autoSync: false }));
    let next = 0;
    const [hydrateMs, parseMs] = await pairedMedians(
      [
        async () => {
          const store = stores[next++];
          const status = await store.hydrate();
          if (status !== 'ok' || store.entries.length !== stored) throw new Error(`hydrate: ${status}, ${store.entries.length} entries`);
        },
        () => JSON.parse(text),
      ],
      runs,
      warm,
    );
    return [hydrateMs, parseMs];
  };
  const ms = (x: number) => Math.round(x * 100) / 100;
  const [hydrateMs, parseMs] = await hydrateOf(blob);
  row({ name: `ledger: hydrate ${stored} events through the storage seam (decode + checks)`, value: ms(hydrateMs), unit: 'ms', baseline: { name: 'JSON.parse of the same blob', value: ms(parseMs) }, goal: 'ratio ≤ 3' });
  row({ name: 'ledger: hydrate, per event', value: Math.round((hydrateMs / stored) * 1e6) / 1e3, unit: 'µs' });
  row({ name: `ledger: stored size of ${stored} events, uncompacted`, value: kb(Buffer.byteLength(blob)), unit: 'KB' });
  const [hydrateV1Ms, parseV1Ms] = await hydrateOf(blobV1);
  row({ name: `ledger: hydrate ${stored} events stored by the previous release (schema 1, SHA-256)`, value: ms(hydrateV1Ms), unit: 'ms', baseline: { name: 'JSON.parse of the same blob', value: ms(parseV1Ms) } });
}

async function main(): Promise<void> {
  console.log(`node ${process.version}, ${cpus().length} CPUs (${cpus()[0]?.model ?? '?'}), ${smoke ? 'smoke sizes' : 'full sizes'}`);
  process.env.PRIVACY_TEST_RUN ??= `bench-${process.pid}`;
  if (part('sizes')) sizes();
  if (part('pages')) {
    await policyPage();
    await everyPage();
  }
  if (part('paint')) await h5Paint();
  if (part('ledger')) await ledger();
  if (part('adopter')) for (const r of (await import('./adopterCost')).adopterCost()) row(r);
  if (part('server')) {
    const server = await import('./server');
    for (const r of await server.serverBench({ smoke })) row(r);
  }
  const out = join(ROOT, 'bench-results');
  mkdirSync(out, { recursive: true });
  const file = join(out, `${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  writeFileSync(file, JSON.stringify({ node: process.version, cpus: cpus().length, smoke, only: only ? [...only] : undefined, rows }, null, 2));
  console.log(`\nwritten ${relative(ROOT, file)}`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
