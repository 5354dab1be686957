import { SHOP_PRIVACY } from '../../shop/privacy-content';
import { createTestRootStore } from '../testing';

async function started() {
  const t = createTestRootStore({ app: SHOP_PRIVACY });
  await t.privacy.start();
  return t;
}

describe('PrivacyGateStore.agreement', () => {
  it('settles true once the shopper agrees on the sheet the feature asked for', async () => {
    const { privacy } = await started();
    expect(privacy.ui.openSheet).toBe('privacy');
    await expect(privacy.gate.ensureAgreed()).resolves.toBe(false);
    // The first-run sheet and the feature's ask are one sheet.
    expect(privacy.ui.queue).toHaveLength(1);
    const agreed = privacy.gate.agreement();
    let settled: boolean | null = null;
    void agreed.then((v) => (settled = v));
    await Promise.resolve();
    expect(settled).toBeNull();
    await privacy.gate.agree('agree-btn', 'feature');
    await expect(agreed).resolves.toBe(true);
    expect(privacy.ui.current).toBeNull();
  });

  it('settles false on a refusal, and a later agreement runs nothing', async () => {
    const { privacy } = await started();
    const agreed = privacy.gate.agreement();
    await privacy.gate.refuse('feature');
    await expect(agreed).resolves.toBe(false);
    void privacy.gate.open('feature');
    await privacy.gate.agree('agree-btn', 'feature');
    expect(privacy.gate.agreed).toBe(true);
  });

  it('settles false at once when no sheet is open or waiting (WeChat’s 10 s after a refusal)', async () => {
    const { privacy } = await started();
    await privacy.gate.refuse('first-run-sheet');
    await expect(privacy.gate.ensureAgreed()).resolves.toBe(false);
    expect(privacy.ui.openSheet).toBeNull();
    await expect(privacy.gate.agreement()).resolves.toBe(false);
  });

  it('settles false when the sheet is closed without an answer (account wiped)', async () => {
    const { privacy } = await started();
    const agreed = privacy.gate.agreement();
    privacy.ui.dismissAll();
    await expect(agreed).resolves.toBe(false);
    expect(privacy.gate.agreed).toBe(false);
  });

  it('open() settles with the answer of the sheet', async () => {
    const { privacy } = await started();
    const first = privacy.gate.open('privacy-centre');
    await privacy.gate.refuse('privacy-centre');
    await expect(first).resolves.toBe('refused');
    const second = privacy.gate.open('privacy-centre');
    await privacy.gate.agree('agree-btn', 'privacy-centre');
    await expect(second).resolves.toBe('agreed');
  });

  it('records the sheet as shown, and tells WeChat it is exposed, only once it is on screen', async () => {
    const t = createTestRootStore({ app: SHOP_PRIVACY });
    await t.privacy.start();
    await t.agree();
    const shown = () => t.privacy.consent.events.filter((e) => e.kind === 'policy' && e.value === 'shown').length;
    const before = shown();
    void t.privacy.ui.ask('notice', 2);
    void t.privacy.gate.open('privacy-centre');
    expect(t.privacy.ui.openSheet).toBe('notice');
    await Promise.resolve();
    expect(shown()).toBe(before);
    t.privacy.ui.answer('notice', 'seen');
    expect(t.privacy.ui.openSheet).toBe('privacy');
    await Promise.resolve();
    expect(shown()).toBe(before + 1);
    await t.privacy.gate.refuse('privacy-centre');

    // WeChat asks for the sheet (its listener) while a notice is on screen.
    t.wechatPrivacy.needAuthorization = true;
    void t.privacy.ui.ask('notice', 3);
    const held = t.wechatPrivacy.requirePrivacyAuthorize();
    expect(t.privacy.ui.queue.map((o) => o.kind)).toEqual(['notice', 'privacy']);
    expect(t.wechatPrivacy.resolutions).toEqual([]);
    t.privacy.ui.answer('notice', 'seen');
    expect(t.wechatPrivacy.resolutions).toEqual([{ event: 'exposureAuthorization' }]);
    await t.agree();
    await expect(held).resolves.toBe('agreed');
  });
});

