/**
 * Fails (exit 1) when src/app.config.ts — and dist/weapp/app.json and dist/tt/app.json when builds
 * exist — declare privacy keys other than the app's capabilities derive (privacyAppJson), or when a
 * privacy-gated API used in src/ is not declared. Usage: npm run check:app-config
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { appConfigProblems, type LabelledConfig, type SourceFile } from '@maison/privacy/config';
import { SHOP_PRIVACY } from '../src/shop/privacy-content/app';

const ROOT = resolve(__dirname, '..');
const SOURCE = /\.(ts|tsx|js|jsx)$/;
const TEST = /\.(test|spec)\.(ts|tsx|js|jsx)$/;
/** Files that describe gated APIs as data rather than use them. */
const DESCRIPTIONS = new Set(['src/privacy/data/permission-catalogue.ts', 'src/privacy/data/privacy-gated-apis.ts', 'src/privacy/domain/capabilities.ts']);

/** Folders of built or installed code, not sources: the package's own build (src/privacy/dist, made by `npm pack`) among them. */
const NOT_SOURCES = new Set(['dist', 'node_modules']);

/** Source files under `dir`, tests and build output left out (tests' fakes name gated APIs on purpose). */
export function listSources(dir: string, root = ROOT): SourceFile[] {
  const out: SourceFile[] = [];
  const walk = (d: string): void => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) {
        if (!NOT_SOURCES.has(name)) walk(p);
      } else if (SOURCE.test(name) && !TEST.test(name) && !DESCRIPTIONS.has(relative(root, p).split('\\').join('/')))
        out.push({ path: relative(root, p), text: readFileSync(p, 'utf8') });
    }
  };
  walk(dir);
  return out;
}

/** Evaluates src/app.config.ts the way Taro does (esbuild, defineAppConfig stripped). */
export function readSourceConfig(path: string): unknown {
  const { readConfig } = require('@tarojs/helper') as { readConfig: (p: string) => unknown };
  return readConfig(path);
}

function main(): number {
  const configs: LabelledConfig[] = [];
  const sourceConfig = join(ROOT, 'src', 'app.config.ts');
  configs.push({ label: 'src/app.config.ts', config: readSourceConfig(sourceConfig) });
  for (const platform of ['weapp', 'tt'] as const) {
    const built = join(ROOT, 'dist', platform, 'app.json');
    if (existsSync(built)) configs.push({ label: `dist/${platform}/app.json`, config: JSON.parse(readFileSync(built, 'utf8')), platform });
  }

  const problems = appConfigProblems({ app: SHOP_PRIVACY, configs, sources: listSources(join(ROOT, 'src')) });
  if (problems.length === 0) {
    console.log(`check:app-config: ${configs.map((c) => c.label).join(' and ')} match the permission catalogue; every gated API in src/ is declared.`);
    return 0;
  }
  console.error('check:app-config failed:');
  for (const p of problems) console.error(`  - ${p}`);
  console.error('Fix: derive the values in src/app.config.ts from the catalogue (appJsonPermission(), requiredPrivateInfos()), declare new gated APIs in src/privacy/data/permission-catalogue.ts, then rebuild (dist/weapp/app.json may be stale).');
  return 1;
}

if (require.main === module) process.exit(main());
