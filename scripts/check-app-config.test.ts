import { SHOP_PRIVACY } from '../src/shop/privacy-content/app';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { listSources, readSourceConfig } from './check-app-config';
import { appConfigProblems, findGatedUses } from '@maison/privacy/config';

const ROOT = resolve(__dirname, '..');
const DECLARATIONS = join(ROOT, 'src/privacy/declarations/permission-declarations').split('\\').join('/');
const SHOP_APP = join(ROOT, 'src/shop/privacy-content/app').split('\\').join('/');

describe('check:app-config on the real tree', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'app-config-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('accepts an app.config.ts that imports the derived values, evaluated the way Taro does', () => {
    const path = join(dir, 'app.config.ts');
    writeFileSync(
      path,
      [
        `import { appJsonPermission, requiredPrivateInfos } from '${DECLARATIONS}';`,
        `import { SHOP_PRIVACY } from '${SHOP_APP}';`,
        "export default defineAppConfig({ pages: ['pages/index/index'], permission: appJsonPermission(SHOP_PRIVACY), requiredPrivateInfos: requiredPrivateInfos(SHOP_PRIVACY), __usePrivacyCheck__: true });",
      ].join('\n'),
    );
    const config = readSourceConfig(path);
    expect(config).toMatchObject({ requiredPrivateInfos: ['getFuzzyLocation'] });
    expect(appConfigProblems({ app: SHOP_PRIVACY, configs: [{ label: 'app.config.ts', config }], sources: [] })).toEqual([]);
  }, 30000);

  it('rejects a hand-typed config that drifted from the catalogue', () => {
    const path = join(dir, 'drift.config.ts');
    writeFileSync(path, "export default defineAppConfig({ pages: [], permission: { 'scope.userLocation': { desc: '定位' } }, requiredPrivateInfos: ['getLocation'] });");
    const problems = appConfigProblems({ app: SHOP_PRIVACY, configs: [{ label: 'drift', config: readSourceConfig(path) }], sources: [] });
    expect(problems).toHaveLength(2);
  }, 30000);

  it('finds no undeclared privacy-gated API in src/ (tests and the catalogue itself left out)', () => {
    const sources = listSources(join(ROOT, 'src'));
    expect(sources.some((s) => s.path.endsWith('permissions.weapp.ts'))).toBe(true);
    expect(sources.some((s) => s.path.endsWith('.test.ts'))).toBe(false);
    expect(sources.some((s) => s.path.endsWith('permission-catalogue.ts'))).toBe(false);
    // The weapp adapter's own gated calls are seen by the scan…
    expect(findGatedUses(sources).map((u) => u.id)).toEqual(expect.arrayContaining(['wx.getFuzzyLocation', 'wx.openBluetoothAdapter']));
    // …and every gated use in src/ is declared.
    const problems = appConfigProblems({ app: SHOP_PRIVACY, configs: [], sources });
    expect(problems).toEqual([]);
  });
});
