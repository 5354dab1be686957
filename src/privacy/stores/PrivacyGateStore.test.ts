import { SHOP_PRIVACY } from '../../shop/privacy-content';
import { createTestRootStore } from '../testing';

async function started() {
  const t = createTestRootStore({ app: SHOP_PRIVACY });
  await t.privacy.start();
  return t;
}

describe('PrivacyGateStore.waitForAgreement', () => {
  it('settles true once the shopper agrees on the sheet the feature opened', async () => {
    const { privacy } = await started();
    expect(privacy.ui.openSheet).toBe('privacy');
    await expect(privacy.gate.ensureAgreed()).resolves.toBe(false);
    const wait = privacy.gate.waitForAgreement();
    let settled: boolean | null = null;
    void wait.agreed.then((v) => (settled = v));
    await Promise.resolve();
    expect(settled).toBeNull();
    await privacy.gate.agree('agree-btn', 'feature');
    await expect(wait.agreed).resolves.toBe(true);
  });

  it('settles false on a refusal, and a later agreement runs nothing', async () => {
    const { privacy } = await started();
    const wait = privacy.gate.waitForAgreement();
    await privacy.gate.refuse('feature');
    await expect(wait.agreed).resolves.toBe(false);
    privacy.gate.open('feature');
    await privacy.gate.agree('agree-btn', 'feature');
    expect(privacy.gate.agreed).toBe(true);
  });

  it('settles false at once when no sheet is open (WeChat’s 10 s after a refusal), and when cancelled or replaced', async () => {
    const { privacy } = await started();
    await privacy.gate.refuse('first-run-sheet');
    await expect(privacy.gate.ensureAgreed()).resolves.toBe(false);
    expect(privacy.ui.openSheet).toBeNull();
    await expect(privacy.gate.waitForAgreement().agreed).resolves.toBe(false);

    privacy.gate.open('feature');
    const first = privacy.gate.waitForAgreement();
    const second = privacy.gate.waitForAgreement();
    await expect(first.agreed).resolves.toBe(false);
    second.cancel();
    await expect(second.agreed).resolves.toBe(false);
    expect(privacy.ui.openSheet).toBe('privacy');
  });
});
