import { runInAction } from 'mobx';
import { BUNDLED_POLICY, BUNDLED_POLICY_HASH, SHOP_PRIVACY } from '../../shop/privacy-content';
import { createShopTestRootStore } from '../../shop/privacy-content/testRootStore';
import { policyContentHash } from '../domain/hash';
import type { PolicyDocument } from '../domain/policy';
import { createTestRootStore, settle } from '../testing';

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
    // The sheet WeChat asked for is recorded as shown too, once on screen.
    await Promise.resolve();
    expect(shown()).toBe(before + 2);
    expect(t.privacy.consent.events.at(-1)).toMatchObject({ kind: 'policy', value: 'shown', source: 'wechat' });
    await t.agree();
    await expect(held).resolves.toBe('agreed');
  });
});


/** v1 as shipped, and a material v2 that says what changed. */
function withMaterialV2(activeVersion: 1 | 2) {
  const t = createShopTestRootStore();
  const v2 = structuredClone(BUNDLED_POLICY) as PolicyDocument;
  v2.texts.zh.title = '隐私政策(修订)';
  const common = { effectiveAt: '2026-01-01T00:00:00.000Z', changedSections: ['your-choices'] };
  t.backend.policies = [
    { ...common, version: 1, lastMaterialVersion: 1, material: true, summary: '', contentHash: BUNDLED_POLICY_HASH, content: BUNDLED_POLICY },
    { ...common, version: 2, lastMaterialVersion: 2, material: true, summary: '新增物流合作伙伴。', contentHash: policyContentHash(v2), content: v2 },
  ];
  t.backend.activeVersion = activeVersion;
  return t;
}

/** start() runs the launch's version check in the background: let it end. */
async function launchedWithCheck(t: ReturnType<typeof createShopTestRootStore>): Promise<void> {
  await t.privacy.start();
  for (let i = 0; i < 100 && t.privacy.updates.isChecking; i++) await settle();
  expect(t.privacy.updates.isChecking).toBe(false);
}

const policyLedger = (t: ReturnType<typeof createShopTestRootStore>) =>
  t.privacy.consent.events.filter((e) => e.kind === 'policy').map((e) => `${e.value} v${e.policyVersion} ${e.source}`);

describe('what the ledger says was shown', () => {
  it('a shopper arriving after v2 is active: the sheet is recorded with each version it shows, and v2 is shown before it is agreed', async () => {
    const t = withMaterialV2(2);
    await launchedWithCheck(t);
    // The bundled v1 was in force when the sheet opened; v2 arrived while it was on screen.
    expect(t.privacy.ui.openSheet).toBe('privacy');
    expect(t.privacy.updates.versionInForce).toBe(2);
    await t.agree();
    expect(policyLedger(t)).toEqual(['shown v1 first-run-sheet', 'shown v2 first-run-sheet', 'accepted v2 first-run-sheet']);
  });

  it('one record per showing, however often the same sheet is asked for; none once it is closed', async () => {
    const t = withMaterialV2(1);
    await launchedWithCheck(t);
    void t.privacy.gate.open('feature');
    void t.privacy.gate.open('privacy-centre');
    await settle();
    expect(policyLedger(t)).toEqual(['shown v1 first-run-sheet']);
    await t.privacy.gate.refuse();
    // A version arriving after the sheet closed is not recorded as shown.
    t.backend.activeVersion = 2;
    await t.privacy.updates.check('zh');
    await settle();
    expect(policyLedger(t)).toEqual(['shown v1 first-run-sheet', 'refused v1 first-run-sheet']);
  });
});

describe('asked again after refusing a material change', () => {
  /** Agreed to v1; v2 is material; the shopper says no on the re-consent sheet. */
  async function refusedV2() {
    const t = withMaterialV2(1);
    await launchedWithCheck(t);
    await t.agree();
    t.backend.activeVersion = 2;
    await t.privacy.updates.check('zh');
    expect(t.privacy.ui.openSheet).toBe('reconsent');
    await t.privacy.updates.refuse();
    expect(t.privacy.ui.current).toBeNull();
    expect(t.privacy.consent.isPolicyUpdateRefused).toBe(true);
    return t;
  }

  it('a feature tapped afterwards gets the re-consent sheet with what changed, recorded as shown again, never by itself at launch', async () => {
    const t = await refusedV2();
    // No pop-up of its own: the next foreground asks nothing.
    await t.privacy.updates.check('zh');
    expect(t.privacy.ui.current).toBeNull();
    await expect(t.privacy.gate.ensureAgreed()).resolves.toBe(false);
    expect(t.privacy.ui.openSheet).toBe('reconsent');
    expect(t.privacy.updates.summary).toBe('新增物流合作伙伴。');
    expect(t.privacy.updates.changedSections).toEqual(['your-choices']);
    await settle();
    expect(policyLedger(t).slice(-2)).toEqual(['refused v2 reconsent-sheet', 'shown v2 reconsent-sheet']);
    const agreed = t.privacy.gate.agreement();
    await t.privacy.updates.accept();
    await expect(agreed).resolves.toBe(true);
    expect(t.privacy.gate.agreed).toBe(true);
  });

  it('the centre’s “review and agree” opens the re-consent sheet too', async () => {
    const t = await refusedV2();
    const answer = t.privacy.gate.open('privacy-centre');
    expect(t.privacy.ui.openSheet).toBe('reconsent');
    await t.privacy.updates.accept();
    await expect(answer).resolves.toBe('agreed');
  });

  it('without a known version to show (no metadata yet), the first-run sheet is asked instead: never nothing', async () => {
    const t = await refusedV2();
    runInAction(() => (t.privacy.updates.meta = null));
    await expect(t.privacy.gate.ensureAgreed()).resolves.toBe(false);
    expect(t.privacy.ui.openSheet).toBe('privacy');
  });

  it('a first-run refusal, or a withdrawal in the centre, gets the first-run sheet', async () => {
    const first = withMaterialV2(2);
    await launchedWithCheck(first);
    await first.privacy.gate.refuse();
    expect(first.privacy.consent.isPolicyUpdateRefused).toBe(false);
    void first.privacy.gate.open('feature');
    expect(first.privacy.ui.openSheet).toBe('privacy');

    const withdrew = await refusedV2();
    await withdrew.privacy.updates.accept();
    await withdrew.privacy.consent.withdrawPolicy('privacy-centre');
    expect(withdrew.privacy.consent.isPolicyUpdateRefused).toBe(false);
    await expect(withdrew.privacy.gate.ensureAgreed()).resolves.toBe(false);
    expect(withdrew.privacy.ui.openSheet).toBe('privacy');
  });
});
