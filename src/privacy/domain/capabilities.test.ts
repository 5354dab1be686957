/**
 * One definition per capability: a capability added to the registry alone (here a microphone) is
 * known to the contract, asked for by the permission store, read by the WeChat adapter, named by the
 * first-run sheet and the history, and declared to WeChat, with no other change.
 */
import type { CapabilityDefinition } from './capabilities';

// The WeChat adapter's default host is Taro's `wx`; the test hands it its own.
jest.mock('@tarojs/taro', () => ({ __esModule: true, default: {} }));

const MICROPHONE: CapabilityDefinition = {
  names: { title: { zh: '麦克风', en: 'Microphone' }, inSentence: { zh: '麦克风', en: 'the microphone' }, access: { zh: '麦克风权限', en: 'microphone access' } },
  scope: 'scope.record',
  dataType: 'Record',
  weapp: { api: null, appAuthorization: 'microphoneAuthorized', systemSwitch: null },
  tt: { scope: 'scope.record', ask: 'authorize', api: null },
  h5: { permissionName: 'microphone' },
  quietPeriodMs: 48 * 60 * 60 * 1000,
  afterGrant: null,
};

/** Loads fresh copies of the module's files with the microphone in the registry. */
function withMicrophone<T>(load: () => T): T {
  let loaded: T | undefined;
  jest.isolateModules(() => {
    jest.doMock('./capabilities', () => {
      const actual = jest.requireActual<typeof import('./capabilities')>('./capabilities');
      const registry: Record<string, CapabilityDefinition> = { ...actual.CAPABILITY_REGISTRY, microphone: MICROPHONE };
      const list = Object.keys(registry);
      return {
        ...actual,
        CAPABILITY_REGISTRY: registry,
        CAPABILITY_LIST: list,
        capabilityDefinition: (c: string) => {
          if (!registry[c]) throw new Error(`The module supports no capability "${c}"`);
          return registry[c];
        },
        capabilityOfScope: (scope: string) => list.find((c) => registry[c]!.scope === scope) ?? null,
      };
    });
    loaded = load();
  });
  jest.dontMock('./capabilities');
  return loaded!;
}

const entry = {
  capability: 'microphone',
  gatedApis: ['wx.authorize:scope.record'],
  requiredPrivateInfos: [],
  purpose: {
    what: { zh: '使用您的麦克风', en: 'Use your microphone' },
    why: { zh: '用于语音搜索。', en: 'For voice search.' },
    ifRefused: { zh: '您可以输入文字搜索。', en: 'You can type instead.' },
  },
  feature: { id: 'voice-search', name: { zh: '语音搜索', en: 'Voice search' } },
  fallback: { zh: '输入文字', en: 'Type instead' },
};

describe('a capability declared in the registry alone', () => {
  it('is seen everywhere: contract, store, adapter, sheet, history and declarations', async () => {
    await withMicrophone(async () => {
      const contract = require('./contract') as typeof import('./contract');
      const { createTestRootStore } = require('../testing') as typeof import('../testing');
      const { privacyGuideChecklist, catalogueProblems } = require('../declarations/permission-declarations') as typeof import('../declarations/permission-declarations');
      const { consentHistory } = require('./history') as typeof import('./history');
      const { TEXTS } = require('../texts/pages') as typeof import('../texts/pages');
      const { createWeappPermissionPlatform } = require('../adapters/permissions.weapp') as typeof import('../adapters/permissions.weapp');
      const { definePrivacyApp } = require('./app') as typeof import('./app');

      // The contract takes it.
      expect(contract.CAPABILITIES).toContain('microphone');
      const event = { id: 'evt-microphone-1', kind: 'permission', purpose: 'microphone', value: 'granted', policyVersion: 1, deviceId: 'device-0001', occurredAt: '2026-12-06T00:00:00.000Z', source: 'feature' };
      expect(contract.ledgerEventProblem(event)).toBeNull();

      // An app that declares it: its declarations, its sheet, its store.
      const app = definePrivacyApp({
        controller: {
          name: { zh: '示例有限公司', en: 'Example Ltd.' },
          shortName: { zh: '示例', en: 'Example' },
          address: { zh: '示例路 1 号', en: '1 Example Road' },
          privacyContact: { zh: 'privacy@example.com', en: 'privacy@example.com' },
        },
        policy: { version: 1, contentHash: 'c'.repeat(64) },
        consents: {},
        capabilities: { microphone: entry } as never,
      });
      expect(catalogueProblems(app)).toEqual([]);
      expect(privacyGuideChecklist(app).map((i) => [i.dataType, i.gatedApis, i.capabilities])).toEqual([['Record', ['wx.authorize:scope.record'], ['microphone']]]);

      const t = createTestRootStore({ app });
      expect(t.privacy.permissions.capabilities).toEqual(['microphone']);
      expect(t.privacy.texts.zh.sheet.points).toContain('麦克风等权限只在您使用相关功能时单独询问，不会默认开启。');
      await t.privacy.start();
      await t.agree();
      t.answerSystemPrompt('allow');
      const tap = t.privacy.permissions.request('microphone' as never);
      await expect(t.answerPurposeSheet('continue')).resolves.toBe('microphone');
      await expect(tap).resolves.toBe(true);
      expect(t.permissions.gated()).toEqual(['authorize scope.record']);
      const recorded = t.privacy.consent.events.filter((e) => e.kind === 'permission' && e.purpose === ('microphone' as never));
      expect(recorded.map((e) => e.value)).toContain('granted');

      // The history names it by the registry's words.
      expect(consentHistory(recorded, TEXTS.zh, 'zh').map((l) => l.text)).toContain('您允许了麦克风权限');
      expect(consentHistory(recorded, TEXTS.en, 'en').map((l) => l.text)).toContain('You allowed microphone access');

      // WeChat's adapter reads its state where the registry says.
      const wx = { getAppAuthorizeSetting: () => ({ microphoneAuthorized: 'denied' }), getSystemSetting: () => ({}) };
      const platform = createWeappPermissionPlatform(wx as never);
      await expect(platform.readOsLayer('microphone' as never)).resolves.toEqual({ apiAvailable: true, appAuthorization: 'denied', systemSwitch: 'unknown' });
    });
  });

  it('a capability the module does not support is refused by the check', () => {
    const { catalogueProblems } = require('../declarations/permission-declarations') as typeof import('../declarations/permission-declarations');
    const { privacyAppProblems, definePrivacyApp } = require('./app') as typeof import('./app');
    const app = definePrivacyApp({
      controller: { name: { zh: '甲', en: 'A' }, shortName: { zh: '甲', en: 'A' }, address: { zh: '甲', en: 'A' }, privacyContact: { zh: '甲', en: 'A' } },
      policy: { version: 1, contentHash: 'c'.repeat(64) },
      consents: {},
      capabilities: { microphone: entry } as never,
    });
    expect(privacyAppProblems(app)).toEqual(['capabilities.microphone: the module supports camera, location, bluetooth']);
    expect(() => catalogueProblems(app)).not.toThrow();
  });
});
