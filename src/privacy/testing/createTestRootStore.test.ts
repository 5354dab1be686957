import type { Capability } from '../domain/contract';
import type { RootStore } from '../stores/RootStore';
import { settle } from './ManualClock';
import { createTestRootStore as create, type TestRootStoreOptions } from './createTestRootStore';
import { SHOP_PRIVACY, PERMISSION_CATALOGUE, CONSENT_CATALOGUE } from '../../shop/privacy-content';
import { definePrivacyApp, privacyAppProblems } from '../domain/app';
import { consentHistory } from '../domain/history';
import { TEXTS } from '../texts/pages';

/** The demo shop's store, with any other option. */
const createTestRootStore = (options: Partial<TestRootStoreOptions<string, Capability>> = {}) => create({ app: SHOP_PRIVACY as never, ...options });

describe('createTestRootStore', () => {
  it('builds a root store on the fakes that runs the first-run flow with nothing gated before agreement', async () => {
    const { privacy, permissions, backend, wechatPrivacy } = createTestRootStore();
    await privacy.start();
    expect(privacy.ui.openSheet).toBe('privacy');
    expect(privacy.gate.agreed).toBe(false);
    expect(permissions.gated()).toEqual([]);
    expect(backend.requests.filter((r) => r.path.startsWith('/v1/me'))).toEqual([]);
    expect(wechatPrivacy.calls).toContain('onNeedPrivacyAuthorization');
  });

  it('takes RootStore options, such as the host routes', () => {
    const { privacy } = createTestRootStore({ pagesRoot: 'legal', homeRoute: '/pages/home/index' });
    expect(privacy.routes.policy).toBe('/legal/policy/index');
    expect(privacy.routes.home).toBe('/pages/home/index');
  });

  it('follows WeChat: a refused scope is never prompted again', async () => {
    const { permissions } = createTestRootStore();
    permissions.answers.push('deny');
    await expect(permissions.authorize('scope.camera')).rejects.toThrow();
    await expect(permissions.authorize('scope.camera')).rejects.toThrow();
    expect(permissions.answers).toEqual([]);
    expect(permissions.scopes['scope.camera']).toBe(false);
  });
});

/** A feature tap as `requestFeature` makes it (components/PermissionHint.tsx, which needs Taro): the policy, then the permission. */
async function requestFeature(privacy: RootStore, capability: Capability): Promise<'run' | 'fallback' | 'needs-policy'> {
  if (!(await privacy.gate.ensureAgreed())) return 'needs-policy';
  return (await privacy.permissions.request(capability, 'feature')) ? 'run' : 'fallback';
}

describe('a feature after the privacy sheet', () => {
  it('agreed on the sheet (gate.agree), a feature tap goes on to the purpose sheet and the system prompt', async () => {
    const { privacy, permissions } = createTestRootStore();
    await privacy.start();
    await privacy.gate.agree('privacy-agree');
    const tap = requestFeature(privacy, 'camera');
    await settle();
    expect(privacy.permissions.purposeSheet).toBe('camera');
    permissions.answers.push('allow');
    privacy.permissions.confirmPurpose();
    await expect(tap).resolves.toBe('run');
    expect(permissions.scopes['scope.camera']).toBe(true);
  });

  it('with the helpers: agree, answer the purpose sheet, answer the system prompt', async () => {
    const t = createTestRootStore();
    await t.privacy.start();
    await t.agree();
    t.answerSystemPrompt('deny');
    const denied = requestFeature(t.privacy, 'camera');
    await expect(t.answerPurposeSheet('continue')).resolves.toBe('camera');
    await expect(denied).resolves.toBe('fallback');
    expect(t.privacy.permissions.outcomes.camera).toBe('denied');

    const notNow = requestFeature(t.privacy, 'location');
    await expect(t.answerPurposeSheet('not-now')).resolves.toBe('location');
    await expect(notNow).resolves.toBe('fallback');
    expect(t.privacy.permissions.outcomes.location).toBe('not-now');
    expect(t.permissions.gated()).toEqual(['authorize scope.camera']);
    await expect(t.answerPurposeSheet('continue')).rejects.toThrow(/no purpose sheet is open/);
  });

  it('while WeChat still waits for its own agreement, the tap brings the sheet back and goes on once agreed', async () => {
    const t = createTestRootStore();
    t.wechatPrivacy.needAuthorization = true;
    await t.privacy.start();
    await t.privacy.gate.agree('privacy-agree');
    // WeChat was not told (no agree button): its listener asks the module for the sheet again.
    const tap = requestFeature(t.privacy, 'camera');
    await settle();
    expect(t.privacy.ui.openSheet).toBe('privacy');
    expect(t.privacy.permissions.purposeSheet).toBeNull();
    t.answerSystemPrompt('allow');
    await t.agree();
    await expect(t.answerPurposeSheet('continue')).resolves.toBe('camera');
    await expect(tap).resolves.toBe('run');
    expect(t.wechatPrivacy.needAuthorization).toBe(false);
  });
});

/** Another company: one separate consent, one capability, its own words. */
const ACME = definePrivacyApp({
  controller: {
    name: { zh: '阿克米咖啡有限公司', en: 'Acme Coffee Co., Ltd.' },
    shortName: { zh: '阿克米', en: 'Acme' },
    address: { zh: '杭州市西湖区示例路 1 号', en: '1 Example Road, Xihu District, Hangzhou' },
    privacyContact: { zh: 'privacy@acme.example', en: 'privacy@acme.example' },
  },
  policy: { version: 1, contentHash: 'b'.repeat(64) },
  consents: {
    'member-news': { ...CONSENT_CATALOGUE.marketing, purpose: 'member-news', title: { zh: '会员资讯', en: 'Member news' } },
  },
  capabilities: { location: PERMISSION_CATALOGUE.location },
});

describe('an app with its own vocabulary', () => {
  it('is sound by the one check', () => {
    expect(privacyAppProblems(ACME)).toEqual([]);
  });

  it('asks for and lists only what it declares: the sheet, the capabilities, the consents', async () => {
    const t = create({ app: ACME });
    expect(t.privacy.permissions.capabilities).toEqual(['location']);
    expect(t.privacy.texts.zh.sheet.points).toEqual([
      expect.stringContaining('同意前'),
      '位置信息等权限只在您使用相关功能时单独询问，不会默认开启。',
      '会员资讯均需您另行单独同意，可随时撤回。',
      expect.stringContaining('隐私中心'),
    ]);
    expect(t.privacy.texts.en.sheet.points[1]).toBe('We ask for your location one at a time, only when you use a feature that needs it; none is on by default.');
    await t.privacy.start();
    await t.agree();
    // Reading the permissions touches only location: the camera and Bluetooth are never probed.
    await t.privacy.permissions.refresh();
    expect(t.privacy.permissions.results.camera).toBeNull();
    expect(t.privacy.permissions.results.location).not.toBeNull();
    await expect(t.privacy.permissions.request('camera')).rejects.toThrow(/declares no capability "camera"/);
    // A purpose it does not declare is refused before anything is stored.
    await expect(t.privacy.consent.grant('marketing')).rejects.toThrow(/declares no consent "marketing"/);
    expect(t.privacy.consent.events.filter((e) => e.kind === 'consent')).toEqual([]);
    const granted = t.privacy.consentPrompts.request('member-news');
    await settle();
    expect(t.privacy.consentPrompts.asking).toBe('member-news');
    await t.privacy.consentPrompts.answer(true);
    await expect(granted).resolves.toBe('granted');
    expect(consentHistory(t.privacy.consent.events, TEXTS.zh, 'zh', { 'member-news': ACME.consents['member-news'].title })[0]?.text).toBe('您同意了会员资讯');
  });

  it("a purpose outside the declaration is a compile error in the adopter's code", () => {
    const t = create({ app: ACME });
    // @ts-expect-error 'marketing' is not one of ACME's purposes
    expect(() => t.privacy.consentPrompts.entry('marketing')).toThrow(/declares no consent/);
  });
});
