import { CAPABILITIES } from '../domain/contract';
import { capabilityDefinition } from '../domain/capabilities';
import {
  appJsonPermission,
  catalogueProblems,
  charCount,
  formatPrivacyGuideChecklist,
  PermissionDeclarationError,
  privacyGuideChecklist,
  privacyGuideCollected,
  privacyGuideOwner,
  requiredPrivateInfos,
  type DeclaringApp,
} from './permission-declarations';
import { PERMISSION_DESC_MAX_CHARS, type PermissionCatalogueEntry } from '../domain/permission-types';
import type { CollectionItem } from '../domain/lists';
import { OTHER_PRIVACY_DECLARATIONS, PERMISSION_CATALOGUE, SHOP_PRIVACY } from '../../shop/privacy-content';
import type { Capability } from '../domain/contract';
import { isPrivacyGatedCall, PRIVACY_GATED_API_NAMES, PRIVACY_GATED_APIS } from '../data/privacy-gated-apis';

const withEntry = (capability: Capability, over: Partial<PermissionCatalogueEntry>): DeclaringApp => ({
  ...SHOP_PRIVACY,
  capabilities: { ...PERMISSION_CATALOGUE, [capability]: { ...PERMISSION_CATALOGUE[capability], ...over } },
});

describe('the permission catalogue', () => {
  it('has one frozen entry per capability, with its WeChat scope', () => {
    expect(Object.keys(PERMISSION_CATALOGUE)).toEqual([...CAPABILITIES]);
    expect(Object.isFrozen(PERMISSION_CATALOGUE)).toBe(true);
    for (const c of CAPABILITIES) {
      expect(PERMISSION_CATALOGUE[c].capability).toBe(c);
      expect(Object.isFrozen(PERMISSION_CATALOGUE[c])).toBe(true);
      expect(Object.isFrozen(PERMISSION_CATALOGUE[c].gatedApis)).toBe(true);
    }
    expect(CAPABILITIES.map((c) => capabilityDefinition(c).scope)).toEqual(['scope.camera', 'scope.userFuzzyLocation', 'scope.bluetooth']);
  });

  it('is sound as shipped', () => {
    expect(catalogueProblems(SHOP_PRIVACY)).toEqual([]);
  });

  it('keeps the location permission.desc within 30 characters', () => {
    const desc = PERMISSION_CATALOGUE.location.permissionDesc!;
    expect(charCount(desc)).toBeLessThanOrEqual(PERMISSION_DESC_MAX_CHARS);
    expect(charCount('你好')).toBe(2);
  });

  it('only names APIs that are on WeChat’s privacy-gated list, under their data type', () => {
    for (const c of CAPABILITIES) {
      for (const id of PERMISSION_CATALOGUE[c].gatedApis) {
        const api = PRIVACY_GATED_APIS.find((a) => a.id === id);
        expect(api?.dataType).toBe(capabilityDefinition(c).dataType);
      }
    }
  });
});

describe('catalogueProblems', () => {
  it('flags a desc over 30 characters', () => {
    const long = '你'.repeat(31);
    expect(catalogueProblems(withEntry('location', { permissionDesc: long }))).toEqual([
      'location: permission.desc has 31 characters, WeChat allows 30',
    ]);
    expect(() => appJsonPermission(withEntry('location', { permissionDesc: long }))).toThrow(PermissionDeclarationError);
  });
  it('flags a missing desc on a location scope and a desc on any other scope', () => {
    expect(catalogueProblems(withEntry('location', { permissionDesc: undefined }))).toContain('location: scope.userFuzzyLocation needs permission.desc');
    expect(catalogueProblems(withEntry('camera', { permissionDesc: '用于扫码' }))).toContain(
      'camera: app.json permission takes location scopes only, not scope.camera',
    );
  });
  it('flags fuzzy location beside precise location', () => {
    const both = withEntry('location', { requiredPrivateInfos: ['getFuzzyLocation', 'getLocation'] });
    expect(catalogueProblems(both)).toContain('getFuzzyLocation cannot be declared beside getLocation');
    expect(() => requiredPrivateInfos(both)).toThrow(/getFuzzyLocation cannot be declared beside getLocation/);
  });
  it('flags APIs not on the gated list or declared under another data type', () => {
    expect(catalogueProblems(withEntry('camera', { gatedApis: ['wx.scanCode'] }))).toContain("wx.scanCode is not in WeChat's list of privacy-gated APIs");
    expect(catalogueProblems(withEntry('camera', { gatedApis: ['wx.getFuzzyLocation'] }))).toContain('wx.getFuzzyLocation touches Location, declared under Camera');
  });
  it('flags empty purpose texts', () => {
    const blank = withEntry('bluetooth', { fallback: { zh: ' ', en: 'Show a code' } });
    expect(catalogueProblems(blank)).toContain('bluetooth: a purpose, feature or fallback text is empty');
  });
});

describe('an app with one capability', () => {
  const locationOnly: DeclaringApp = { capabilities: { location: PERMISSION_CATALOGUE.location } };
  it('declares only that capability: app.json, requiredPrivateInfos and the admin checklist', () => {
    expect(catalogueProblems(locationOnly)).toEqual([]);
    expect(appJsonPermission(locationOnly)).toEqual({ 'scope.userFuzzyLocation': { desc: PERMISSION_CATALOGUE.location.permissionDesc } });
    expect(requiredPrivateInfos(locationOnly)).toEqual(['getFuzzyLocation']);
    expect(privacyGuideChecklist(locationOnly).map((i) => i.dataType)).toEqual(['Location']);
  });
  it('declares nothing for an app without capabilities', () => {
    const none: DeclaringApp = { capabilities: {} };
    expect(appJsonPermission(none)).toEqual({});
    expect(requiredPrivateInfos(none)).toEqual([]);
    expect(privacyGuideChecklist(none)).toEqual([]);
  });
});

describe('derived declarations', () => {
  it('app.json permission carries the location scope only', () => {
    expect(appJsonPermission(SHOP_PRIVACY)).toEqual({ 'scope.userFuzzyLocation': { desc: PERMISSION_CATALOGUE.location.permissionDesc } });
  });
  it('requiredPrivateInfos is only getFuzzyLocation', () => {
    expect(requiredPrivateInfos(SHOP_PRIVACY)).toEqual(['getFuzzyLocation']);
  });
  it('the privacy-guide checklist lists each data type with its APIs and purpose', () => {
    const items = privacyGuideChecklist(SHOP_PRIVACY);
    // The three capabilities, then the shop's other declarations (the privacy centre's clipboard copy).
    expect(items.map((i) => i.dataType)).toEqual(['Camera', 'Location', 'BlueTooth', ...OTHER_PRIVACY_DECLARATIONS.map((d) => d.dataType)]);
    const location = items.find((i) => i.dataType === 'Location')!;
    expect(location.gatedApis).toEqual(['wx.authorize:scope.userFuzzyLocation', 'wx.getFuzzyLocation']);
    expect(location.purposes).toEqual([PERMISSION_CATALOGUE.location.purpose.why]);
    expect(location.label.zh).toBe('位置信息');
    expect(location.capabilities).toEqual(['location']);
  });
  it('merges extra declarations into the checklist', () => {
    const items = privacyGuideChecklist({
      capabilities: PERMISSION_CATALOGUE,
      otherDeclarations: [{ dataType: 'Clipboard', gatedApis: ['wx.setClipboardData'], why: { zh: '用于复制签到码', en: 'To copy the check-in code' } }],
    });
    expect(items.at(-1)).toMatchObject({ dataType: 'Clipboard', gatedApis: ['wx.setClipboardData'], capabilities: [] });
  });
  it('prints the checklist in each language', () => {
    const zh = formatPrivacyGuideChecklist(privacyGuideChecklist(SHOP_PRIVACY), 'zh');
    expect(zh).toContain('1. 摄像头 (Camera)');
    expect(zh).toContain('wx.getFuzzyLocation');
    expect(zh).toContain(PERMISSION_CATALOGUE.bluetooth.purpose.why.zh);
    const en = formatPrivacyGuideChecklist(privacyGuideChecklist(SHOP_PRIVACY), 'en');
    expect(en).toContain('3. Bluetooth (BlueTooth)');
  });
});

describe("WeChat's privacy-gated API list", () => {
  it('has unique ids per data type and includes the engine’s own APIs', () => {
    const keys = PRIVACY_GATED_APIS.map((a) => `${a.id}|${a.dataType}`);
    expect(new Set(keys).size).toBe(keys.length);
    expect(PRIVACY_GATED_API_NAMES).toEqual(expect.arrayContaining(['getFuzzyLocation', 'openBluetoothAdapter', 'getLocation', 'chooseMedia', 'setClipboardData']));
    expect(PRIVACY_GATED_API_NAMES).not.toContain('getSetting');
    expect(PRIVACY_GATED_API_NAMES).not.toContain('scanCode');
  });
  it('counts authorize as gated for the gated scopes only', () => {
    expect(isPrivacyGatedCall('authorize', { scope: 'scope.camera' })).toBe(true);
    expect(isPrivacyGatedCall('authorize', { scope: 'scope.userFuzzyLocation' })).toBe(true);
    expect(isPrivacyGatedCall('authorize', { scope: 'scope.unknown' })).toBe(false);
    expect(isPrivacyGatedCall('getSetting')).toBe(false);
    expect(isPrivacyGatedCall('getAppAuthorizeSetting')).toBe(false);
    expect(isPrivacyGatedCall('openBluetoothAdapter')).toBe(true);
  });
});

describe('the guide beside the APIs: what the app collects itself, and the collector settings', () => {
  const text = (zh: string, en: string) => ({ zh, en });
  const row = (id: string, extra: Partial<CollectionItem> = {}): CollectionItem => ({
    id,
    category: text(`类${id}`, `Kind ${id}`),
    items: text('数据', 'Data'),
    purpose: text('用途', 'Purpose'),
    scene: text('场景', 'Scene'),
    required: true,
    sensitive: false,
    ...extra,
  });
  const untilCancelled = { period: text('至注销', 'Until cancellation'), atEnd: text('删除', 'Deleted') };
  const rows = [
    row('orders', { retention: untilCancelled }),
    row('camera', { capability: 'camera', retention: untilCancelled }),
    row('views', { retention: { period: text('至撤回同意', 'Until the consent is withdrawn'), atEnd: text('删除', 'Deleted') } }),
    row('profile', { retention: untilCancelled }),
    row('logs', { retentionGap: text('未写明', 'Not stated') }),
  ];

  it('lists every row no runtime permission covers, with its retention, and a gap as a gap', () => {
    const collected = privacyGuideCollected(rows);
    expect(collected.map((c) => c.row)).toEqual(['orders', 'views', 'profile', 'logs']);
    expect(collected[0]!.retention).toEqual({ zh: '至注销；删除', en: 'Until cancellation; Deleted' });
    expect(collected[3]!.retention).toBeNull();
  });

  it('gives the contact, a notice method true of the module, and the period most rows share with the rows that differ', () => {
    const owner = privacyGuideOwner(SHOP_PRIVACY, rows);
    expect(owner.contact).toEqual(SHOP_PRIVACY.controller.privacyContact);
    expect(owner.noticeMethod.zh).toContain('生效前公告');
    expect(owner.storePeriod).toEqual(untilCancelled.period);
    expect(owner.storePeriodExceptions).toEqual(['views']);
    expect(privacyGuideOwner(SHOP_PRIVACY, []).storePeriod).toBeNull();
  });
});
