/**
 * An app that is not this one adopts the module: `npm pack` the package (its `prepack` builds
 * dist/: compiled JavaScript and declarations), install the tarball into the minimal Taro app in
 * test/adoption/app (a copy under test-output/, so node_modules is its own), type-check it under
 * strict, noUncheckedIndexedAccess and exactOptionalPropertyTypes, build it for weapp and h5 (no
 * `compile.include`: Taro takes the package as it is), and run it — in the simulated WeChat host
 * (first launch, camera feature through purpose sheet and system prompt) and in Chromium (sheet,
 * policy). The app imports only the package's entry points; a deep import fails its lint.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { ROOT } from '../build';
import { buildAdoptionApp, installAdoptionApp, run } from './adopterApp';
import { launchTt } from '../tt/harness';
import { launchWeapp, type MiniProgramHost } from '../weapp/harness';
import { launchChromium } from '../browser/chromium';
import { serveStatic } from '../browser/staticServer';
import { look, steadyContext } from '../browser/look';
import { axe } from '../browser/consoleHelpers';

/** The instance of `selector` on screen (h5 keeps the pages below in the DOM). */
const visible = (page: Page, selector: string) => page.locator(`${selector}:visible`);

jest.setTimeout(300_000);

const SHOTS = join(ROOT, 'test-output', 'screenshots');
const APP = join(ROOT, 'test-output', `adoption-${process.env.PRIVACY_TEST_RUN ?? process.pid}`);

beforeAll(() => {
  // The tarball is what an adopter installs: only the files the package declares.
  installAdoptionApp(APP);
  // Taro, React and MobX come from the repository's node_modules (Node resolves upwards; so does
  // json-schema-to-ts, which is why a test below reads the declarations for it); nothing else of
  // ours is reachable: the app resolves @maison/privacy to its own copy of the tarball.
  for (const platform of ['weapp', 'tt', 'h5'] as const) buildAdoptionApp(APP, platform);
});

const filesUnder = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((d) => (d.isDirectory() ? filesUnder(join(dir, d.name)) : [join(dir, d.name)]));
const PACKAGE = join(APP, 'node_modules/@maison/privacy');

test('the tarball holds the compiled package: JavaScript and declarations, no TypeScript source, no tests', () => {
  const shipped = filesUnder(PACKAGE).map((f) => f.slice(PACKAGE.length + 1));
  expect(shipped.filter((f) => /\.test\.[jt]sx?$/.test(f))).toEqual([]);
  // What an adopter's compiler reads is declarations: no .ts / .tsx but .d.ts, nor the build's tsconfig.
  expect(shipped.filter((f) => /\.tsx?$/.test(f) && !f.endsWith('.d.ts'))).toEqual([]);
  expect(shipped.filter((f) => /tsconfig/.test(f))).toEqual([]);
  // Every entry point of the exports map is built: its JavaScript and its declarations.
  const pkg = JSON.parse(readFileSync(join(PACKAGE, 'package.json'), 'utf8')) as { exports: Record<string, string | { types?: string; default: string }>; types: string };
  const targets = Object.values(pkg.exports).flatMap((t) => (typeof t === 'string' ? [t] : [t.default, ...(t.types ? [t.types] : [])]));
  for (const target of [...targets.filter((t) => !t.includes('*')), pkg.types]) expect(shipped).toContain(target.slice(2));
  for (const entry of [
    'dist/index.js',
    'dist/index.d.ts',
    'dist/platform.js',
    'dist/platform.d.ts',
    'dist/adapters/platform.weapp.js',
    'dist/adapters/platform.tt.js',
    'dist/adapters/platform.h5.js',
    'dist/client.js',
    'dist/client.d.ts',
    'dist/config.js',
    'dist/config.d.ts',
    'dist/contract.js',
    'dist/contract.d.ts',
    'dist/pages.js',
    'dist/pages.d.ts',
    'dist/testing/index.js',
    'dist/testing/index.d.ts',
    'dist/components/PrivacySheet.js',
    'dist/components/PrivacySheet.scss',
    'dist/taro-plugin/runtime.js',
    'dist/taro-plugin/aria-components.json',
    'taro-plugin/index.js',
    'taro-plugin/index.d.ts',
    'taro-plugin/aria-components.json',
    'testing/jest-preset.js',
    'testing/jest/transform.js',
    'testing/jest/taro.js',
    'testing/jest/components.js',
    'testing/jest/style.js',
    'README.md',
  ]) {
    expect(shipped).toContain(entry);
  }
  // The compiled modules keep Taro's platform switch for the adopter's build to fold, and load
  // each module by its file name.
  const platform = readFileSync(join(PACKAGE, 'dist/platform.js'), 'utf8');
  expect(platform).toContain("process.env.TARO_ENV === 'weapp'");
  expect(platform).toContain("require('./adapters/platform.weapp.js')");
  expect(readFileSync(join(PACKAGE, 'dist/components/PrivacySheet.js'), 'utf8')).toMatch(/from "react\/jsx-runtime"[\s\S]*import '\.\/PrivacySheet\.scss'/);
  // The contract's types are written out: the declarations need nothing of json-schema-to-ts.
  const declarations = shipped.filter((f) => f.endsWith('.d.ts'));
  expect(declarations.filter((f) => readFileSync(join(PACKAGE, f), 'utf8').includes('json-schema-to-ts'))).toEqual([]);
  expect(readFileSync(join(PACKAGE, 'dist/domain/contract.d.ts'), 'utf8')).toMatch(/export type PolicyEvent = \{/);

  // The plugin loads by name (the app's config lists it so, and the builds above ran it) and
  // through the package's exports, from the app's own copy.
  const resolved = run(process.execPath, ['-e', "process.stdout.write(require.resolve('@maison/privacy/taro-plugin'))"], APP);
  expect(resolved).toBe(join(APP, 'node_modules/@maison/privacy/taro-plugin/index.js'));
  expect(run(process.execPath, ['-e', "process.stdout.write(typeof require('@maison/privacy/taro-plugin'))"], APP)).toBe('function');
});

/** Every file under `dir`, recursively. */
const allFiles = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((d) => (d.isDirectory() ? allFiles(join(dir, d.name)) : [join(dir, d.name)]));
/** A file's text with `\uXXXX` escapes decoded, as a bundler may write CJK. */
const decoded = (file: string): string => readFileSync(file, 'utf8').replace(/\\u([0-9a-fA-F]{4})/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)));
/** The demo shop's names and content a package or another company's app must never carry. */
const SHOP_CONTENT = /Cartier|卡地亚|Richemont|历峰|精品店|保修卡|腕表|授权经销商|boutique|warranty/i;
const shopContentIn = (dir: string): string[] =>
  allFiles(dir)
    .filter((f) => /\.(js|ts|tsx|json|wxml|wxss|css|html|md)$/.test(f))
    .filter((f) => SHOP_CONTENT.test(decoded(f)))
    .map((f) => `${f.slice(dir.length)}: ${SHOP_CONTENT.exec(decoded(f))?.[0]}`);

test("the package holds no company's content, and the app's builds hold none of the shop's", () => {
  expect(shopContentIn(join(APP, 'node_modules/@maison/privacy'))).toEqual([]);
  for (const platform of ['weapp', 'tt', 'h5']) expect(shopContentIn(join(APP, 'dist', platform))).toEqual([]);
  // Acme's own content is there instead.
  expect(allFiles(join(APP, 'dist/weapp')).some((f) => f.endsWith('.js') && decoded(f).includes('阿克米咖啡'))).toBe(true);
});

test("app.json declares only the app's own permission", () => {
  const appJson = JSON.parse(readFileSync(join(APP, 'dist/weapp/app.json'), 'utf8')) as { permission?: Record<string, unknown>; requiredPrivateInfos?: string[] };
  // Acme uses the camera only: WeChat takes no app.json entry for it, and nothing for location.
  expect(appJson.permission ?? {}).toEqual({});
  expect(appJson.requiredPrivateInfos ?? []).toEqual([]);
});

test("Douyin: the app's build takes Douyin's ports and app.json keys, and no browser adapter", () => {
  const tt = join(APP, 'dist/tt');
  const appJson = JSON.parse(readFileSync(join(tt, 'app.json'), 'utf8')) as Record<string, unknown>;
  expect(appJson.usePrivacyCheck).toBe(true);
  expect(appJson).not.toHaveProperty('__usePrivacyCheck__');
  expect(appJson).not.toHaveProperty('requiredPrivateInfos');
  const js = filesUnder(tt).filter((f) => f.endsWith('.js')).map((f) => readFileSync(f, 'utf8')).join('\n');
  // Douyin's login tells the backend whose code it is; the browser's storage and development login are absent.
  expect(js).toContain('platform:"tt"');
  expect(js).not.toMatch(/localStorage\.|`dev:\$\{/);
  expect(js.includes('阿克米咖啡')).toBe(true);
});

test('the app type-checks against the package under strict, noUncheckedIndexedAccess and exactOptionalPropertyTypes', () => {
  const tsc = (args: string[]) =>
    spawnSync(join(ROOT, 'node_modules/.bin/tsc'), ['--noEmit', '--pretty', 'false', '-p', 'tsconfig.json', ...args], { cwd: APP, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const app = tsc([]);
  if (app.status !== 0) throw new Error(`tsc of the adoption app failed:\n${app.stdout.slice(-6000)}`);
  // The app's tsconfig skips library checks: Taro's and MobX's own declarations do not compile
  // (Taro's import vue and uninstalled platform plugins, MobX's need lib es2024). Checked anyway,
  // the package's declarations and the app report nothing: every error is in another package.
  const withLibs = tsc(['--skipLibCheck', 'false']);
  const errorFiles = withLibs.stdout
    .split('\n')
    .filter((line) => / error TS\d+:/.test(line))
    .map((line) => line.slice(0, line.indexOf('(')));
  // (Once they compile, this fails: then the app's tsconfig can say skipLibCheck: false.)
  expect(errorFiles.length).toBeGreaterThan(0);
  const packageOf = (file: string) => /node_modules\/((@[^/]+\/)?[^/]+)\//.exec(file)?.[1] ?? file;
  expect([...new Set(errorFiles.map(packageOf))].filter((p) => !/^(@tarojs\/.+|mobx)$/.test(p))).toEqual([]);
});

test.each([
  // jest.config.js names `preset: '@maison/privacy/testing'` and nothing else: the preset compiles
  // the package's ES modules in node_modules and the app's TypeScript tests, and stands in for Taro and stylesheets.
  ['jest.config.js', "the package's preset"],
  // jest.manual.config.js spells the same out, as the package README shows for apps with a config of their own.
  ['jest.manual.config.js', 'the documented settings without the preset'],
])("the app's own Jest tests run in Node without Taro: %s, %s", (config) => {
  const jest = spawnSync(join(ROOT, 'node_modules/.bin/jest'), ['--ci', '--runInBand', '--json', '--config', join(APP, config), '--rootDir', APP], {
    cwd: APP,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (jest.status !== 0) throw new Error(`jest of the adoption app's tests (${config}) failed:\n${jest.stderr.slice(-6000)}`);
  const report = JSON.parse(jest.stdout) as { numPassedTests: number; numTotalTests: number; testResults: { name: string }[] };
  expect(report.testResults.map((r) => r.name.slice(APP.length))).toEqual(['/test/privacy.spec.ts']);
  expect(report.numPassedTests).toBe(report.numTotalTests);
  expect(report.numTotalTests).toBeGreaterThanOrEqual(3);
});

test('a deep import into the package fails the lint', () => {
  // The ESLint CLI on stdin, as the app's own lint runs (the config is ESM: not loadable inside Jest's VM).
  const lint = (source: string) =>
    spawnSync(join(ROOT, 'node_modules/.bin/eslint'), ['--format', 'json', '--stdin', '--stdin-filename', 'test/adoption/app/src/pages/index/deep.ts'], {
      cwd: ROOT,
      input: source,
      encoding: 'utf8',
    });
  const deep = lint("import { PermissionStore } from '@maison/privacy/stores/PermissionStore';\nexport const s = PermissionStore;\n");
  expect(deep.status).toBe(1);
  const messages = (JSON.parse(deep.stdout) as { messages: { ruleId: string }[] }[])[0].messages;
  expect(messages.map((m) => m.ruleId)).toEqual(['no-restricted-imports']);
  const entry = lint("import { PermissionStore } from '@maison/privacy';\nexport const s = PermissionStore;\n");
  expect(entry.stderr).toBe('');
  expect(entry.status).toBe(0);
});

test("weapp: the package's pages stay in the host's subpackage; the main package's size", () => {
  const weapp = join(APP, 'dist/weapp');
  const size = (files: string[]) => files.reduce((sum, f) => sum + statSync(f).size, 0);
  const all = filesUnder(weapp);
  const sub = all.filter((f) => f.startsWith(join(weapp, 'legal') + '/'));
  const main = all.filter((f) => !sub.includes(f));
  console.log(`adoption app, weapp: main package ${(size(main) / 1024).toFixed(1)} KB, subpackage legal/ ${(size(sub) / 1024).toFixed(1)} KB`);
  // The policy page's view, the centre's code and Acme's policy ship in the subpackage (its pages
  // and their shared chunk), as from sources.
  const text = (f: string) => readFileSync(join(weapp, f), 'utf8');
  const subpackage = filesUnder(join(weapp, 'legal')).filter((f) => f.endsWith('.js')).map((f) => readFileSync(f, 'utf8')).join('\n');
  expect(subpackage).toContain('policy-title');
  expect(subpackage).toContain('centre-');
  expect(subpackage).toContain('what-we-collect');
  for (const f of ['app.js', 'vendors.js', 'pages/index/index.js']) {
    expect(text(f)).not.toContain('policy-title');
    expect(text(f)).not.toContain('centre-');
    expect(text(f)).not.toContain('what-we-collect');
  }
  expect(size(main)).toBeLessThan(2 * 1024 * 1024);
});

test("h5: the package's stylesheets go through the app's PostCSS (design px to rem)", () => {
  const css = filesUnder(join(APP, 'dist/h5')).filter((f) => f.endsWith('.css')).map((f) => readFileSync(f, 'utf8'));
  const title = css.map((c) => /\.ps-title\{[^}]*\}/.exec(c)?.[0]).find(Boolean);
  expect(title).toMatch(/font-size:[\d.]+rem/);
});

/** The mini-program builds of the adoption app, each in its simulated host. */
const MINI_PROGRAM_HOSTS = [
  { name: 'weapp, in the simulated WeChat host', launch: () => launchWeapp({ distDir: join(APP, 'dist/weapp') }), ariaRoles: true },
  // Taro's tt templates bind no aria-* attribute: the roles are WeChat's only.
  { name: 'tt, in the simulated Douyin host', launch: () => launchTt({ distDir: join(APP, 'dist/tt') }), ariaRoles: false },
];

describe.each(MINI_PROGRAM_HOSTS)('$name', ({ launch, ariaRoles }) => {
  let host: MiniProgramHost | undefined;
  afterEach(() => host?.close());

  test('first launch shows the privacy sheet with no gated call; the camera goes purpose sheet → system prompt → granted', async () => {
    host = await launch();
    const home = await host.openPage();
    await host.flush();
    expect(home.exists('privacy-sheet')).toBe(true);
    expect(host.gatedCalls()).toEqual([]);
    // The sheet names what Acme asks for: the camera and its one separate consent, nothing else.
    const sheet = home.textOf('privacy-sheet');
    expect(sheet).toContain('摄像头等权限');
    expect(sheet).toContain('会员资讯均需您另行单独同意');
    expect(sheet).not.toMatch(/蓝牙|位置|营销|经销商/);
    // The package's Taro plugin, registered by the app: WeChat's templates carry the sheet's roles.
    if (ariaRoles) {
      expect(home.get('privacy-sheet').props['aria-role']).toBe('dialog');
      expect(home.get('sheet-policy').props['aria-role']).toBe('link');
    }
    await home.tap('privacy-agree');
    await host.flush();
    expect(home.exists('privacy-sheet')).toBe(false);

    await home.tap('adopter-scan');
    await host.flush();
    expect(home.exists('purpose-sheet')).toBe(true);
    expect(host.gatedCalls()).toEqual([]);
    await home.tap('purpose-continue');
    await host.flush();
    expect(host.prompts.filter((p) => p.kind === 'scope').map((p) => p.detail.scope)).toEqual(['scope.camera']);
    expect(home.textOf('adopter-state')).toBe('camera');
    expect(host.errors).toEqual([]);
    // The host's own storage prefix is used.
    expect([...host.device.storage.keys()].filter((k) => k.startsWith('privacy.'))).toEqual([]);
    expect([...host.device.storage.keys()].some((k) => k.startsWith('adopter.privacy.'))).toBe(true);
  });

  test("the policy link goes to the host's own subpackage root", async () => {
    host = await launch();
    const home = await host.openPage();
    await host.flush();
    await home.tap('sheet-policy');
    await host.flush();
    expect(host.currentPage().route).toBe('legal/policy/index');
  });
});

test('h5, in Chromium: the sheet at first visit, then the policy page, each looked at and passed by axe', async () => {
  mkdirSync(SHOTS, { recursive: true });
  const server = await serveStatic(join(APP, 'dist/h5'));
  // Acme's backend is not part of this test: its API host does not resolve, as when the shopper is
  // offline, and the module shows its bundled policy. That failed request is the one error expected.
  const chromium = await launchChromium({}, [], { allowConsoleErrors: [/ERR_NAME_NOT_RESOLVED https:\/\/api\.adopter\.example\//] });
  try {
    // Transitions end at once, so a screenshot shows the page that arrived, not the slide.
    await steadyContext(chromium.browser);
    const page = await chromium.browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${server.url}/`);
    await page.waitForSelector('#privacy-sheet', { timeout: 20_000 });
    const problems = (await look(page, 'adoption-h5-sheet')).problems;
    await axe(page, 'adoption-h5-sheet');
    await page.click('#sheet-policy');
    await page.waitForURL(/#\/legal\/policy\/index/, { timeout: 20_000 });
    await visible(page, '#policy-title').waitFor({ timeout: 20_000 });
    expect(await visible(page, '#policy-title').innerText()).toBe('阿克米咖啡隐私政策');
    problems.push(...(await look(page, 'adoption-h5-policy')).problems);
    await axe(page, 'adoption-h5-policy');
    expect(problems).toEqual([]);
    expect(errors).toEqual([]);
  } finally {
    await chromium.close();
    await server.close();
  }
});
