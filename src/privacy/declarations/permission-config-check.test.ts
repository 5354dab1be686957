import { appConfigProblems, detectionPattern, findGatedUses, stripComments, type SourceFile } from './permission-config-check';
import { privacyAppJson } from './permission-declarations';
import { PERMISSION_CATALOGUE, SHOP_PRIVACY } from '../../shop/privacy-content';

const desc = PERMISSION_CATALOGUE.location.permissionDesc!;
const goodConfig = { pages: ['pages/index/index'], permission: { 'scope.userFuzzyLocation': { desc } }, requiredPrivateInfos: ['getFuzzyLocation'] };
const file = (path: string, text: string): SourceFile => ({ path, text });
// No extra declarations: the shop's own (e.g. the clipboard) must not hide what these cases expect.
const check = (config: unknown, sources: SourceFile[] = []): string[] => appConfigProblems({ app: { capabilities: PERMISSION_CATALOGUE }, configs: [{ label: 'app.json', config }], sources });

describe('appConfigProblems: app config ⇔ catalogue', () => {
  it('accepts a config equal to the derived values', () => {
    expect(check(goodConfig)).toEqual([]);
    expect(check({ ...goodConfig, permission: { 'scope.userFuzzyLocation': { desc } } })).toEqual([]);
  });
  it('fails when permission is missing or its desc drifted', () => {
    expect(check({ ...goodConfig, permission: undefined })).toEqual([expect.stringMatching(/^app.json: permission is null, the catalogue derives/)]);
    expect(check({ ...goodConfig, permission: { 'scope.userFuzzyLocation': { desc: '用于定位' } } })).toHaveLength(1);
    expect(check({ ...goodConfig, permission: { ...goodConfig.permission, 'scope.camera': { desc: '用于扫码' } } })).toHaveLength(1);
  });
  it('fails when requiredPrivateInfos is missing, longer or repeated', () => {
    expect(check({ ...goodConfig, requiredPrivateInfos: undefined })).toEqual([expect.stringMatching(/requiredPrivateInfos is null/)]);
    expect(check({ ...goodConfig, requiredPrivateInfos: ['getFuzzyLocation', 'getFuzzyLocation'] })).toHaveLength(1);
    expect(check({ ...goodConfig, requiredPrivateInfos: ['getFuzzyLocation', 'chooseLocation'] })).toHaveLength(1);
  });
  it('names the WeChat rule when fuzzy and precise location meet', () => {
    expect(check({ ...goodConfig, requiredPrivateInfos: ['getFuzzyLocation', 'getLocation'] })).toContain(
      'app.json: requiredPrivateInfos declares getFuzzyLocation beside getLocation (WeChat forbids it)',
    );
  });
  it('checks every config it is given (source and build)', () => {
    const problems = appConfigProblems({
      app: SHOP_PRIVACY,
      configs: [
        { label: 'src/app.config.ts', config: goodConfig },
        { label: 'dist/weapp/app.json', config: { pages: [] } },
      ],
      sources: [],
    });
    expect(problems).toHaveLength(2);
    expect(problems.every((p) => p.startsWith('dist/weapp/app.json'))).toBe(true);
  });
  it('reports an unsound catalogue before anything else', () => {
    const catalogue = { ...PERMISSION_CATALOGUE, location: { ...PERMISSION_CATALOGUE.location, permissionDesc: 'x'.repeat(31) } };
    expect(appConfigProblems({ app: { capabilities: catalogue }, configs: [{ label: 'app.json', config: goodConfig }], sources: [] })).toEqual([
      'permission catalogue: location: permission.desc has 31 characters, WeChat allows 30',
    ]);
  });
});

describe('appConfigProblems: gated APIs used in src/', () => {
  it('accepts the catalogue’s own APIs', () => {
    const src = file('src/a.ts', 'Taro.getFuzzyLocation({ type: "gcj02" });\nwx.openBluetoothAdapter({});\n<Camera devicePosition="back" />');
    expect(check(goodConfig, [src])).toEqual([]);
  });
  it('fails on an undeclared gated API, with file and line', () => {
    const src = file('src/pages/shop/index.tsx', "import Taro from '@tarojs/taro';\n\nawait Taro.chooseMedia({ count: 1 });");
    expect(check(goodConfig, [src])).toEqual(['src/pages/shop/index.tsx:3: wx.chooseMedia (Album) is privacy-gated but not declared in the permission catalogue']);
  });
  it('fails on precise location: undeclared in the guide and in requiredPrivateInfos', () => {
    const problems = check(goodConfig, [file('src/b.ts', 'wx.getLocation({})')]);
    expect(problems).toEqual([
      'src/b.ts:1: wx.getLocation (Location) is privacy-gated but not declared in the permission catalogue',
      'src/b.ts:1: getLocation must be listed in requiredPrivateInfos (add it to the catalogue)',
    ]);
  });
  it('finds components, open-types, scopes and the clipboard', () => {
    const src = file(
      'src/c.tsx',
      [
        '<Button openType="getPhoneNumber" />',
        "<Button openType='chooseAvatar' />",
        '<Input type="nickname" />',
        "Taro.authorize({ scope: 'scope.userLocation' })",
        'Taro.setClipboardData({ data })',
        '<LivePusher url={u} />',
      ].join('\n'),
    );
    expect(findGatedUses([src]).map((u) => `${u.id}@${u.line}`)).toEqual([
      '<button open-type="chooseAvatar">@2',
      '<input type="nickname">@3',
      'wx.authorize:scope.userLocation@4',
      '<button open-type="getPhoneNumber">@1',
      '<live-pusher>@6',
      'wx.setClipboardData@5',
    ]);
    const problems = check(goodConfig, [src]);
    expect(problems).toHaveLength(6);
    expect(problems).toContain('src/c.tsx:6: <live-pusher> (Record/Camera) is privacy-gated but not declared in the permission catalogue');
  });
  it('accepts a gated API once declared outside the capabilities', () => {
    const others = [{ dataType: 'Clipboard' as const, gatedApis: ['wx.setClipboardData'], why: { zh: '用于复制签到码', en: 'To copy the check-in code' } }];
    const problems = appConfigProblems({ app: { capabilities: PERMISSION_CATALOGUE, otherDeclarations: others }, configs: [{ label: 'app.json', config: goodConfig }], sources: [file('src/d.ts', 'Taro.setClipboardData({ data })')] });
    expect(problems).toEqual([]);
  });
  it('ignores comments and look-alike names, not strings in code', () => {
    expect(findGatedUses([file('src/e.ts', '// Taro.getLocation() is forbidden\n/* wx.chooseImage */\nTaro.getLocationAuth()\nconst url = "https://x/wx.chooseAddress"')]).map((u) => u.id)).toEqual([
      'wx.chooseAddress',
    ]);
    expect(stripComments('a // b\nc /* d\ne */ f "g // h"')).toBe('a \nc \n f "g // h"');
  });
  it('does not mistake scanCode (WeChat’s own scanner) for a gated API', () => {
    expect(findGatedUses([file('src/f.ts', 'Taro.scanCode({ onlyFromCamera: true })')])).toEqual([]);
  });
});

describe('detectionPattern', () => {
  it('matches calls through Taro or wx only', () => {
    const p = detectionPattern({ kind: 'api', name: 'getFuzzyLocation' });
    expect(p.test('Taro.getFuzzyLocation(')).toBe(true);
    expect(p.test('wx . getFuzzyLocation')).toBe(true);
    expect(p.test('platform.getFuzzyLocation()')).toBe(false);
  });
});

describe("appConfigProblems: Douyin's app.json", () => {
  const derived = privacyAppJson(SHOP_PRIVACY, 'tt');

  it("derives Douyin's keys: usePrivacyCheck and the location prompt's subtitle under scope.userLocation", () => {
    expect(derived).toEqual({ usePrivacyCheck: true, permission: { 'scope.userLocation': { desc: expect.any(String) } } });
    const weapp = privacyAppJson(SHOP_PRIVACY, 'weapp');
    expect((derived.permission as Record<string, { desc: string }>)['scope.userLocation'].desc).toBe(
      (weapp.permission as Record<string, { desc: string }>)['scope.userFuzzyLocation'].desc,
    );
    expect(weapp).toMatchObject({ __usePrivacyCheck__: true, requiredPrivateInfos: ['getFuzzyLocation'] });
    expect(privacyAppJson(SHOP_PRIVACY, 'h5')).toEqual({});
    expect(privacyAppJson(SHOP_PRIVACY, undefined)).toEqual(weapp);
  });

  it('accepts the derived keys and fails on a missing usePrivacyCheck, a drifted desc or WeChat keys', () => {
    const check = (config: unknown) => appConfigProblems({ app: SHOP_PRIVACY, configs: [{ label: 'dist/tt/app.json', config, platform: 'tt' }], sources: [] });
    expect(check({ pages: ['a'], ...derived })).toEqual([]);
    expect(check({ permission: derived.permission })).toEqual([expect.stringMatching(/^dist\/tt\/app\.json: usePrivacyCheck is null/)]);
    expect(check({ ...derived, permission: { 'scope.userLocation': { desc: 'x' } } })).toEqual([expect.stringMatching(/permission is/)]);
    expect(check({ ...derived, __usePrivacyCheck__: true, requiredPrivateInfos: [] })).toEqual([
      expect.stringMatching(/__usePrivacyCheck__ is WeChat's key; Douyin ignores it/),
      expect.stringMatching(/requiredPrivateInfos is WeChat's key/),
    ]);
  });
});
