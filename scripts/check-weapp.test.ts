import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { weappCompileProblems } from './check-weapp';

function miniProgram(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'weapp-check-'));
  for (const [name, text] of Object.entries({ 'app.json': '{"pages":["pages/index/index"]}', ...files })) {
    mkdirSync(join(root, name, '..'), { recursive: true });
    writeFileSync(join(root, name), text);
  }
  return root;
}

describe("WeChat's compilers on a weapp build", () => {
  const roots: string[] = [];
  afterAll(() => roots.forEach((r) => rmSync(r, { recursive: true, force: true })));
  const make = (files: Record<string, string>) => {
    const root = miniProgram(files);
    roots.push(root);
    return root;
  };

  it('accepts valid WXML, WXS and WXSS', () => {
    const root = make({
      'pages/index/index.wxml': '<wxs module="u" src="../../utils.wxs" /><view class="a">{{ u.up(name) }}</view>',
      'utils.wxs': 'module.exports = { up: function (s) { return s.toUpperCase(); } };',
      'pages/index/index.wxss': '.a { color: #222; }',
    });
    expect(weappCompileProblems(root)).toEqual([]);
  });

  it("reports a broken template in wcc's words, with its file and line", () => {
    const root = make({ 'pages/index/index.wxml': '<view>{{ a </view>\n<text', 'pages/index/index.wxss': '.a { color: #222; }' });
    const problems = weappCompileProblems(root);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^wcc: .*pages\/index\/index\.wxml:\d+/);
  });

  it('reports a broken stylesheet from wcsc', () => {
    const root = make({ 'pages/index/index.wxml': '<view />', 'pages/index/index.wxss': '.a { color: #222;' });
    const problems = weappCompileProblems(root);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^wcsc: .*pages\/index\/index\.wxss/);
  });
});
