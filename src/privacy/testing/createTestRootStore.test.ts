import type { Capability } from '../domain/contract';
import type { RootStore } from '../stores/RootStore';
import { settle } from './ManualClock';
import { createTestRootStore } from './createTestRootStore';

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

describe('text overrides', () => {
  it('replace the keys an adopter names and keep every other text', () => {
    const { privacy } = createTestRootStore({ texts: { zh: { sheetTitle: '个人信息保护说明' } } });
    expect(privacy.texts.zh.sheetTitle).toBe('个人信息保护说明');
    expect(privacy.texts.zh.agree).toBe('同意');
    expect(privacy.texts.en.sheetTitle).not.toBe('个人信息保护说明');
  });
});

describe('consent catalogue option', () => {
  it("shows the adopter's own text for a consent", async () => {
    const { CONSENT_CATALOGUE } = await import('../data/consent-catalogue');
    const title = { zh: '会员资讯', en: 'Member news' };
    const { privacy } = createTestRootStore({ consentCatalogue: { ...CONSENT_CATALOGUE, marketing: { ...CONSENT_CATALOGUE.marketing, title } } });
    expect(privacy.consents.entry('marketing').title).toEqual(title);
    expect(createTestRootStore().privacy.consents.entry('marketing').title).toEqual(CONSENT_CATALOGUE.marketing.title);
  });
});
