import { createShopTestRootStore } from '../../shop/privacy-content/testRootStore';
import { BUNDLED_POLICY, BUNDLED_POLICY_HASH } from '../../shop/privacy-content';
import type { PolicyVersionResponse } from '../domain/contract';
import { policyContentHash } from '../domain/hash';
import type { PolicyDocument } from '../domain/policy';
import { settle } from '../testing';

/** The shop on the testing kit's fakes, launched (the first-run sheet is open). */
async function launched() {
  const t = createShopTestRootStore();
  await t.privacy.start();
  return t;
}

const ledgerOf = (t: Awaited<ReturnType<typeof launched>>, kind: string) =>
  t.privacy.consent.events.filter((e) => e.kind === kind).map((e) => `${e.purpose}:${e.value}:${e.source}`);

describe('FeatureGateStore: a feature tap as one flow, without React', () => {
  it('policy not agreed: its sheet, nothing asked; agreeing there goes on to the purpose sheet and the prompt by itself', async () => {
    const t = await launched();
    const tap = t.privacy.features.request('camera');
    await settle();
    expect(t.privacy.ui.openSheet).toBe('privacy');
    expect(t.privacy.ui.queue).toHaveLength(1);
    expect(t.privacy.permissions.outcomes.camera).toBe('policy-not-agreed');
    expect(t.permissions.gated()).toEqual([]);
    t.answerSystemPrompt('allow');
    await t.agree();
    await expect(t.answerPurposeSheet('continue')).resolves.toBe('camera');
    await expect(tap.access).resolves.toBe('run');
    expect(t.permissions.gated()).toEqual(['authorize scope.camera']);
    expect(t.privacy.permissions.outcomes.camera).toBe('granted');
  });

  it('a refusal on the sheet ends the tap; agreeing later elsewhere does not start the feature', async () => {
    const t = await launched();
    const tap = t.privacy.features.request('camera');
    await settle();
    await t.privacy.gate.refuse('first-run-sheet');
    await expect(tap.access).resolves.toBe('needs-policy');
    void t.privacy.gate.open('privacy-centre');
    await t.agree();
    await settle();
    expect(t.privacy.ui.current).toBeNull();
    expect(t.privacy.permissions.purposeSheet).toBeNull();
  });

  it('"not now" on the purpose sheet: the fallback, recorded, and the hint’s own "allow" asks again within the quiet period', async () => {
    const t = await launched();
    await t.agree();
    const first = t.privacy.features.request('location');
    await t.answerPurposeSheet('not-now');
    await expect(first.access).resolves.toBe('fallback');
    expect(t.privacy.permissions.outcomes.location).toBe('not-now');
    // The app does not ask again by itself…
    await expect(t.privacy.features.request('location').access).resolves.toBe('fallback');
    expect(t.privacy.permissions.outcomes.location).toBe('quiet-period');
    // …the shopper does.
    t.answerSystemPrompt('allow');
    const allow = t.privacy.features.request('location', { askedByShopper: true });
    await t.answerPurposeSheet('continue');
    await expect(allow.access).resolves.toBe('run');
    expect(ledgerOf(t, 'permission')).toEqual(['location:not-now:feature', 'location:prompted:feature', 'location:granted:feature']);
  });

  it('a second tap while the first is under way joins it: one flow, one outcome', async () => {
    const t = await launched();
    await t.agree();
    const first = t.privacy.features.request('camera');
    const second = t.privacy.features.request('camera');
    expect(second).toBe(first);
    await t.answerPurposeSheet('not-now');
    await expect(first.access).resolves.toBe('fallback');
    expect(ledgerOf(t, 'permission')).toEqual(['camera:not-now:feature']);
    expect(t.privacy.features.request('camera')).not.toBe(first);
  });

  it('the page left while waiting for the policy: the tap ends at once and a later agreement runs nothing', async () => {
    const t = await launched();
    const tap = t.privacy.features.request('camera');
    await settle();
    tap.cancel();
    await expect(tap.access).resolves.toBe('cancelled');
    // The policy sheet is not the feature's: it stays.
    expect(t.privacy.ui.openSheet).toBe('privacy');
    await t.agree();
    await settle();
    expect(t.privacy.ui.current).toBeNull();
    expect(t.permissions.gated()).toEqual([]);
  });

  it('the page left with the purpose sheet open: the sheet closes, nothing is recorded or asked', async () => {
    const t = await launched();
    await t.agree();
    const tap = t.privacy.features.request('camera');
    await settle();
    expect(t.privacy.permissions.purposeSheet).toBe('camera');
    tap.cancel();
    await expect(tap.access).resolves.toBe('cancelled');
    await settle();
    expect(t.privacy.ui.current).toBeNull();
    expect(ledgerOf(t, 'permission')).toEqual([]);
    expect(t.permissions.gated()).toEqual([]);
    // Nothing was decided: the next tap asks through the sheet again.
    const again = t.privacy.features.request('camera');
    await expect(t.answerPurposeSheet('not-now')).resolves.toBe('camera');
    await expect(again.access).resolves.toBe('fallback');
  });

  it('attempt is one pass: the policy sheet is asked for and "needs-policy" comes back at once', async () => {
    const t = await launched();
    await expect(t.privacy.features.attempt('camera')).resolves.toBe('needs-policy');
    expect(t.privacy.ui.queue.map((o) => o.kind)).toEqual(['privacy']);
  });
});

const version = (v: number, material: boolean, document: PolicyDocument, contentHash: string): PolicyVersionResponse => ({
  version: v,
  lastMaterialVersion: 1,
  effectiveAt: '2026-01-01T00:00:00.000Z',
  material,
  summary: 'Wording',
  changedSections: [],
  contentHash,
  content: document,
});

describe('two overlays asked together open one after the other', () => {
  it('a policy notice on screen: the purpose sheet a feature asks for waits, then opens once the notice is closed', async () => {
    const t = createShopTestRootStore();
    const v2 = structuredClone(BUNDLED_POLICY) as PolicyDocument;
    v2.texts.zh.title = '隐私政策(措辞修订)';
    t.backend.policies = [version(1, true, BUNDLED_POLICY, BUNDLED_POLICY_HASH), version(2, false, v2, policyContentHash(v2))];
    t.backend.activeVersion = 1;
    await t.privacy.start();
    await t.agree();
    // Ops publish a non-material v2; the app comes back to the foreground.
    t.backend.activeVersion = 2;
    await t.privacy.updates.check('zh');
    expect(t.privacy.ui.openSheet).toBe('notice');

    t.answerSystemPrompt('allow');
    const tap = t.privacy.features.request('camera');
    await settle();
    // Asked, but not on screen: one overlay at a time.
    expect(t.privacy.ui.queue.map((o) => o.kind)).toEqual(['notice', 'purpose']);
    expect(t.privacy.permissions.purposeSheet).toBeNull();
    // A tap on the sheet's buttons reaches only the sheet on screen.
    t.privacy.permissions.confirmPurpose();
    expect(t.permissions.gated()).toEqual([]);

    await t.privacy.updates.dismissNotice();
    expect(t.privacy.ui.openSheet).toBe('purpose');
    await expect(t.answerPurposeSheet('continue')).resolves.toBe('camera');
    await expect(tap.access).resolves.toBe('run');
    expect(t.privacy.ui.current).toBeNull();
  });

  it('a re-consent sheet and a separate consent: the consent waits, and once the policy is agreed it is asked', async () => {
    const t = createShopTestRootStore();
    t.backend.policies = [version(1, true, BUNDLED_POLICY, BUNDLED_POLICY_HASH)];
    await t.privacy.start();
    await t.agree();
    const asked = t.privacy.consentPrompts.request('marketing');
    await settle();
    expect(t.privacy.consentPrompts.asking).toBe('marketing');
    // The first-run sheet asked again (WeChat's listener) while the consent sheet is open waits behind it.
    void t.privacy.gate.open('privacy-centre');
    expect(t.privacy.ui.queue.map((o) => o.kind)).toEqual(['consent', 'privacy']);
    await expect(t.answerConsentSheet('agree')).resolves.toBe('marketing');
    await expect(asked).resolves.toBe('granted');
    expect(t.privacy.ui.openSheet).toBe('privacy');
  });
});

describe('closed without an answer', () => {
  it('a sign-out closes the sheet on screen and those waiting: nothing is recorded, the features go on without', async () => {
    const t = createShopTestRootStore();
    await t.privacy.start();
    await t.agree();
    await t.privacy.account.signIn();
    const consent = t.privacy.consentPrompts.request('marketing');
    const tap = t.privacy.features.request('camera');
    await settle();
    expect(t.privacy.ui.queue.map((o) => o.kind)).toEqual(['consent', 'purpose']);
    await t.privacy.account.signOut();
    await expect(consent).resolves.toBe('refused');
    await expect(tap.access).resolves.toBe('fallback');
    expect(t.privacy.ui.current).toBeNull();
    expect(ledgerOf(t, 'consent')).toEqual([]);
    expect(ledgerOf(t, 'permission')).toEqual([]);
    expect(t.permissions.gated()).toEqual([]);
  });
});

describe('one owner per fact', () => {
  it('the version in force is the update store’s: the ledger stamps it, and the required one closes the gate', async () => {
    const t = createShopTestRootStore();
    const v2 = structuredClone(BUNDLED_POLICY) as PolicyDocument;
    v2.texts.zh.title = '隐私政策(修订)';
    t.backend.policies = [version(1, true, BUNDLED_POLICY, BUNDLED_POLICY_HASH), { ...version(2, true, v2, policyContentHash(v2)), lastMaterialVersion: 2 }];
    t.backend.activeVersion = 1;
    await t.privacy.start();
    await t.agree();
    expect(t.privacy.updates.versionInForce).toBe(1);
    t.backend.activeVersion = 2;
    await t.privacy.updates.check('zh');
    expect(t.privacy.updates.versionInForce).toBe(2);
    expect(t.privacy.updates.requiredVersion).toBe(2);
    expect(t.privacy.gate.agreed).toBe(false);
    expect(t.privacy.gate.needsReconsent).toBe(true);
    expect(t.privacy.ui.openSheet).toBe('reconsent');
    const e = await t.privacy.consent.recordPermission('camera', 'not-now', 'feature');
    expect(e.policyVersion).toBe(2);
    await t.privacy.updates.accept();
    expect(t.privacy.gate.agreed).toBe(true);
    expect(t.privacy.ui.current).toBeNull();
  });

  it('the account’s deletion is the cancellation store’s: the ledger’s gates close at once, the wipe closes every overlay, the note follows', async () => {
    const t = createShopTestRootStore();
    await t.privacy.start();
    await t.agree();
    await t.privacy.account.signIn();
    const consent = t.privacy.consentPrompts.request('marketing');
    await settle();
    expect(t.privacy.consentPrompts.asking).toBe('marketing');
    const wiped = t.privacy.cancellation.accountDeleted('2026-12-01T00:00:00.000Z');
    expect(t.privacy.cancellation.deletedAt).toBe('2026-12-01T00:00:00.000Z');
    expect(t.privacy.consent.isPolicyAccepted).toBe(false);
    await wiped;
    await expect(consent).resolves.toBe('refused');
    expect(t.privacy.consent.events).toEqual([]);
    expect(t.privacy.ui.queue.map((o) => o.kind)).toEqual(['account-deleted']);
    t.privacy.cancellation.dismissDeletedNote();
    await settle();
    expect(t.privacy.cancellation.deletedAt).toBeNull();
    // A fresh start on this device: agreeing again counts.
    void t.privacy.gate.open('feature');
    await t.agree();
    expect(t.privacy.gate.agreed).toBe(true);
  });
});
