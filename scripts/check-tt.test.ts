import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { ttBuildProblems } from './check-tt';
import { packageFiles, sizeOf } from './packageSizes';

function fakeBuild(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'tt-build-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

const page = (p: string) => ({ [`${p}.js`]: 'Page({})', [`${p}.json`]: '{}', [`${p}.ttml`]: '<view/>' });
const APP = JSON.stringify({ pages: ['pages/index/index'], subPackages: [{ root: 'privacy-pages', pages: ['policy/index'] }] });

describe('check:tt', () => {
  const dirs: string[] = [];
  afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));
  const build = (files: Record<string, string>) => {
    const d = fakeBuild(files);
    dirs.push(d);
    return d;
  };

  it('accepts a build with every page and no browser code, and counts subpackage files apart', () => {
    const dist = build({ 'app.json': APP, 'project.config.json': '{"appid":"testAppId"}', ...page('pages/index/index'), ...page('privacy-pages/policy/index'), 'common.js': 'tt.getStorage({})', 'x.js.map': 'x'.repeat(5000) });
    expect(ttBuildProblems(dist)).toEqual([]);
    const { main, subpackages } = packageFiles(dist);
    expect(main.map((f) => f.slice(dist.length + 1)).sort()).toEqual(['app.json', 'common.js', 'pages/index/index.js', 'pages/index/index.json', 'pages/index/index.ttml', 'project.config.json']);
    expect(subpackages.get('privacy-pages')).toHaveLength(3);
    expect(sizeOf(main)).toBeLessThan(1024);
  });

  it('fails on browser adapters, a missing page file, and a main package over budget', () => {
    const dist = build({ 'app.json': APP, ...page('pages/index/index'), 'privacy-pages/policy/index.js': '', 'common.js': 'e=>localStorage.getItem(e);login:async e=>`dev:${e}`' });
    expect(ttBuildProblems(dist, 0)).toEqual([
      'privacy-pages/policy/index.json is missing',
      'privacy-pages/policy/index.ttml is missing',
      expect.stringMatching(/^project\.config\.json is missing/),
      expect.stringMatching(/common\.js: browser code \(\/localStorage\\\.\/\)/),
      expect.stringMatching(/common\.js: browser code \(\/`dev:\\\$\\\{\/\)/),
      expect.stringMatching(/^main package 0\.\d KB is over its 0 KB budget$/),
    ]);
  });
});
