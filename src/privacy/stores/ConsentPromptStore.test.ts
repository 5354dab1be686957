import { CONSENT_CATALOGUE } from '../../shop/privacy-content';
import { ConsentPromptStore, type ConsentPromptStoreDeps } from './ConsentPromptStore';
import { OverlayStore } from './OverlayStore';

/** Minimal doubles of the consent store and the gate (agreed), and the overlay queue. */
function setup(catalogue: ConsentPromptStoreDeps['catalogue'] = CONSENT_CATALOGUE) {
  const granted = new Set<string>();
  const deps = {
    consent: {
      state: { consents: {} },
      isPolicyAccepted: true,
      hasConsent: (p: string) => granted.has(p),
      isGranted: (p: string) => granted.has(p),
      textChanged: () => false,
      grant: jest.fn(async (p: string) => void granted.add(p)),
      refuse: jest.fn(async () => undefined),
      withdraw: jest.fn(async (p: string) => void granted.delete(p)),
    },
    gate: { agreed: true, ensureAgreed: async () => true },
    ui: new OverlayStore(),
    catalogue,
    lists: { consent: (p: string) => ({ entry: catalogue[p], textHash: '0'.repeat(64) }) },
  } as unknown as ConsentPromptStoreDeps;
  return { store: new ConsentPromptStore(deps), deps, ui: deps.ui };
}

const dealer = { name: { zh: '经销商甲', en: 'Dealer A' }, contact: { zh: '电话 1', en: 'Phone 1' } };

test('the dealer consent is never asked without the picked dealer, and names it on the sheet', async () => {
  const { store } = setup();
  await expect(store.request('dealer-sharing')).rejects.toThrow('recipient');
  const answer = store.request('dealer-sharing', { recipient: dealer });
  await Promise.resolve();
  expect(store.asking).toBe('dealer-sharing');
  expect(store.askingRecipient).toEqual(dealer);
  await store.answer(true);
  await expect(answer).resolves.toBe('granted');
  expect(store.askingRecipient).toBeNull();
});

test('each appointment asks again with its own dealer; other consents granted once are not asked again', async () => {
  const { store, ui } = setup();
  const first = store.request('dealer-sharing', { recipient: dealer });
  await Promise.resolve();
  await store.answer(true);
  await first;
  const other = { ...dealer, name: { zh: '经销商乙', en: 'Dealer B' } };
  const second = store.request('dealer-sharing', { recipient: other });
  await Promise.resolve();
  expect(store.askingRecipient).toEqual(other);
  await store.answer(false);
  await expect(second).resolves.toBe('refused');

  const m = store.request('marketing');
  await Promise.resolve();
  await store.answer(true);
  await m;
  await expect(store.request('marketing')).resolves.toBe('granted');
  expect(ui.current).toBeNull();
});

test('a second consent asked while one is open waits its turn; the same one asked twice is one sheet', async () => {
  const { store, ui, deps } = setup();
  const marketing = store.request('marketing');
  const again = store.request('marketing');
  const personalisation = store.request('personalisation');
  await Promise.resolve();
  expect(ui.queue.map((o) => o.kind)).toEqual(['consent', 'consent']);
  expect(store.asking).toBe('marketing');
  await store.answer(false);
  await expect(marketing).resolves.toBe('refused');
  await expect(again).resolves.toBe('refused');
  expect(store.asking).toBe('personalisation');
  await store.answer(true);
  await expect(personalisation).resolves.toBe('granted');
  expect(deps.consent.refuse).toHaveBeenCalledTimes(1);
  expect(ui.current).toBeNull();
});

test('a sheet closed without an answer records nothing, and the feature goes on without the consent', async () => {
  const { store, ui, deps } = setup();
  const asked = store.request('marketing');
  await Promise.resolve();
  ui.dismissAll();
  await expect(asked).resolves.toBe('refused');
  expect(deps.consent.grant).not.toHaveBeenCalled();
  expect(deps.consent.refuse).not.toHaveBeenCalled();
  await store.answer(true);
  expect(deps.consent.grant).not.toHaveBeenCalled();
});

test('a consent the app marks as not in the app is never asked or given, has no switch, and one given earlier can be withdrawn', async () => {
  const notInApp = { zh: '本小程序没有使用它的功能。', en: 'No feature of the app uses it.' };
  const { store, deps, ui } = setup({ ...CONSENT_CATALOGUE, marketing: { ...CONSENT_CATALOGUE.marketing, notInApp } });
  expect(store.offered('marketing')).toBe(false);
  expect(store.offered('personalisation')).toBe(true);
  await expect(store.request('marketing')).rejects.toThrow('notInApp');
  expect(ui.current).toBeNull();
  await expect(store.set('marketing', true)).rejects.toThrow('notInApp');
  expect(deps.consent.grant).not.toHaveBeenCalled();
  expect(store.switchable).not.toContain('marketing');
  expect(store.switchable).toContain('personalisation');
  expect(store.switchable).not.toContain('guardian');
  // A grant recorded before the app stopped asking (or on another device): its switch is there to withdraw it.
  await deps.consent.grant('marketing');
  expect(store.switchable).toContain('marketing');
  await store.set('marketing', false);
  expect(deps.consent.withdraw).toHaveBeenCalledWith('marketing', 'privacy-centre');
  expect(store.switchable).not.toContain('marketing');
});

describe('the privacy centre’s switch', () => {
  it('switched on, it opens the consent’s own sheet and grants nothing until the shopper agrees there', async () => {
    const { store, deps } = setup();
    const on = store.set('cross-border', true);
    await Promise.resolve();
    // The same sheet a feature shows: the overseas recipient is on it (PIPL art. 39).
    expect(store.asking).toBe('cross-border');
    expect(store.askingFromCentre).toBe('cross-border');
    expect(store.entry('cross-border').disclosure.article).toBe('cross-border');
    expect(deps.consent.grant).not.toHaveBeenCalled();
    expect(store.has('cross-border')).toBe(false);
    await store.answer(true);
    await expect(on).resolves.toBe('granted');
    // Given from the centre: recorded so.
    expect(deps.consent.grant).toHaveBeenCalledWith('cross-border', 'privacy-centre');
    expect(store.has('cross-border')).toBe(true);
    expect(store.askingFromCentre).toBeNull();
  });

  it('disagreeing on the sheet leaves it off; closing the sheet without an answer records nothing', async () => {
    const { store, deps } = setup();
    const refused = store.set('personalisation', true);
    await Promise.resolve();
    await store.answer(false);
    await expect(refused).resolves.toBe('refused');
    expect(deps.consent.refuse).toHaveBeenCalledWith('personalisation', 'privacy-centre');
    expect(store.has('personalisation')).toBe(false);

    const left = store.set('personalisation', true);
    await Promise.resolve();
    expect(store.askingFromCentre).toBe('personalisation');
    // The shopper leaves the centre with the sheet open.
    store.dismissCentreSheet();
    await expect(left).resolves.toBe('refused');
    expect(store.asking).toBeNull();
    expect(deps.consent.grant).not.toHaveBeenCalled();
    expect(deps.consent.refuse).toHaveBeenCalledTimes(1);
  });

  it('switched off, it withdraws at once: one tap, no sheet', async () => {
    const { store, deps, ui } = setup();
    const on = store.set('marketing', true);
    await Promise.resolve();
    await store.answer(true);
    await on;
    await expect(store.set('marketing', false)).resolves.toBe('withdrawn');
    expect(deps.consent.withdraw).toHaveBeenCalledWith('marketing', 'privacy-centre');
    expect(ui.current).toBeNull();
    expect(store.has('marketing')).toBe(false);
  });

  it('a consent asked where its recipient is picked (the dealer) is never switched on without one; a feature’s sheet stays the feature’s', async () => {
    const { store, deps } = setup();
    expect(store.isAskedAtUse('dealer-sharing')).toBe(true);
    expect(store.isAskedAtUse('marketing')).toBe(false);
    await expect(store.set('dealer-sharing', true)).rejects.toThrow('privacy centre');
    expect(store.asking).toBeNull();
    // A feature's answer is recorded as the feature's, and leaving the centre does not close it.
    const fromFeature = store.request('dealer-sharing', { recipient: dealer });
    await Promise.resolve();
    expect(store.askingFromCentre).toBeNull();
    store.dismissCentreSheet();
    expect(store.asking).toBe('dealer-sharing');
    await store.answer(true);
    await expect(fromFeature).resolves.toBe('granted');
    expect(deps.consent.grant).toHaveBeenCalledWith('dealer-sharing', 'feature');
  });
});
