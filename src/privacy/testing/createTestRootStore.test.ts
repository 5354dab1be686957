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
