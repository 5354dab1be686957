import { CONSENT_CATALOGUE } from '../../shop/privacy-content';
import { ConsentPromptStore, type ConsentPromptStoreDeps } from './ConsentPromptStore';

/** Minimal doubles of the consent store, the gate (agreed) and the UI store. */
function setup() {
  const granted = new Set<string>();
  const deps = {
    consent: {
      state: { consents: {} },
      hasConsent: (p: string) => granted.has(p),
      grant: jest.fn(async (p: string) => void granted.add(p)),
      refuse: jest.fn(async () => undefined),
      withdraw: jest.fn(async (p: string) => void granted.delete(p)),
    },
    gate: { agreed: true, ensureAgreed: async () => true },
    ui: { show: jest.fn(), close: jest.fn() },
    catalogue: CONSENT_CATALOGUE,
  } as unknown as ConsentPromptStoreDeps;
  return { store: new ConsentPromptStore(deps), deps };
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
  const { store, deps } = setup();
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
  (deps.ui.show as jest.Mock).mockClear();
  await expect(store.request('marketing')).resolves.toBe('granted');
  expect(deps.ui.show).not.toHaveBeenCalled();
});
