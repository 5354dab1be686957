import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ACCEPTED_QUALITY_ITEMS, judgeQuality, weappCompileProblems, weappJsonProblems } from './check-weapp';

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

describe("miniprogram-ci's judgement", () => {
  const roots: string[] = [];
  afterAll(() => roots.forEach((r) => rmSync(r, { recursive: true, force: true })));

  it('app.json and page JSON are held to the schemas miniprogram-ci bundles', () => {
    const good = miniProgram({ 'pages/index/index.json': '{"navigationBarTitleText":"x","usingComponents":{}}' });
    const bad = miniProgram({
      'app.json': '{"pages":"pages/index/index","window":{"navigationBarTextStyle":7},"lazyCodeLoad":"x"}',
      'pages/index/index.json': '{"navigationBarTitleText":3}',
      'pages/me/index.json': '{not json',
    });
    roots.push(good, bad);
    expect(weappJsonProblems(good)).toEqual([]);
    const problems = weappJsonProblems(bad);
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^app\.json: type at "pages"/),
        expect.stringMatching(/^app\.json: .* at "window\.navigationBarTextStyle"/),
        expect.stringMatching(/^app\.json: properties the schema does not know: .*lazyCodeLoad/),
        expect.stringMatching(/^pages\/index\/index\.json: type at "navigationBarTitleText"/),
        expect.stringMatching(/^pages\/me\/index\.json: not JSON/),
      ]),
    );
  });

  it('every failed quality item fails the check except the accepted one, whose reason is given', () => {
    const items = [
      { name: 'JS_COMPRESS_OPEN', success: true, text: 'JS compression is not turned on' },
      { name: 'LAZYCODE_LOADING_OPEN', success: false, text: 'LazyCodeLoading is not turned on' },
    ];
    expect(judgeQuality(items)).toEqual({ problems: [], accepted: [expect.stringContaining(ACCEPTED_QUALITY_ITEMS.LAZYCODE_LOADING_OPEN!)] });
    const failing = judgeQuality([...items, { name: 'WXSS_COMPRESS_OPEN', success: false, text: 'WXSS compression is not turned on' }]);
    expect(failing.problems).toEqual(['checkCodeQuality WXSS_COMPRESS_OPEN: WXSS compression is not turned on']);
    // An answer without the accepted item (or with no items) is not taken for a pass.
    expect(judgeQuality([]).problems).toEqual(expect.arrayContaining(['checkCodeQuality answered no items']));
    expect(judgeQuality(items.slice(0, 1)).problems).toEqual([expect.stringContaining('no longer reports LAZYCODE_LOADING_OPEN')]);
  });
});
