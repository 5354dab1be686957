import { runInAction } from 'mobx';
import { createShopTestRootStore } from '../../shop/privacy-content/testRootStore';
import { BUNDLED_POLICY, BUNDLED_POLICY_HASH, CONSENT_CATALOGUE, SHOP_DOCUMENTS } from '../../shop/privacy-content';
import type { PolicyVersionResponse } from '../domain/contract';
import { consentTextHash, type ConsentCatalogueEntry } from '../domain/consent-schema';
import type { SharingItem } from '../domain/lists';
import { storageKey } from './persistence';

const catalogue = CONSENT_CATALOGUE as unknown as Record<string, ConsentCatalogueEntry>;
const policyV1: PolicyVersionResponse = {
  version: 1,
  lastMaterialVersion: 1,
  effectiveAt: '2026-01-01T00:00:00.000Z',
  material: true,
  summary: '',
  changedSections: [],
  contentHash: BUNDLED_POLICY_HASH,
};

type Shop = ReturnType<typeof createShopTestRootStore>;

/** The shop's own content, with `change` applied: what ops publish. */
function content(change: { sharing?: SharingItem[]; consents?: Record<string, ConsentCatalogueEntry> } = {}) {
  return {
    collection: SHOP_DOCUMENTS.collectionList,
    sharing: change.sharing ?? SHOP_DOCUMENTS.sharingList,
    consents: Object.values(catalogue).map((e) => change.consents?.[e.purpose] ?? e),
  };
}

const reworded = (purpose: string, en: string): ConsentCatalogueEntry => ({ ...catalogue[purpose]!, method: { ...catalogue[purpose]!.method, en } });

function shop(options: Parameters<typeof createShopTestRootStore>[0] = {}): Shop {
  const t = createShopTestRootStore(options);
  t.backend.policies = [policyV1];
  t.backend.activeVersion = 1;
  return t;
}

/** Lets the launch's background check (version, lists, changed consents) end. */
async function settle(t: Shop): Promise<void> {
  for (let i = 0; i < 50; i++) await new Promise((r) => setTimeout(r, 0));
  expect(t.privacy.updates.isChecking).toBe(false);
  expect(t.privacy.lists.isFetching).toBe(false);
}

/** A launch, the policy agreed, signed in. */
async function agreed(t: Shop): Promise<void> {
  await t.privacy.start();
  await t.agree();
  await t.privacy.account.register(1990, 1);
  await settle(t);
}

const listFetches = (t: Shop) => t.backend.requestsTo('/v1/policy/current/lists');

test('the lists are fetched when the metadata names new content, once, then revalidated by ETag only when it changes again', async () => {
  const t = shop();
  t.backend.serveLists(content());
  await t.privacy.start();
  await settle(t);
  expect(listFetches(t)).toHaveLength(1);
  expect(t.privacy.lists.served?.contentHash).toBe(t.backend.lists!.contentHash);
  expect(t.privacy.lists.error).toBeNull();

  const firstHash = t.privacy.lists.served!.contentHash;
  await t.privacy.onShow(); // the launch's own show
  await t.privacy.onShow();
  expect(listFetches(t)).toHaveLength(1);

  const [first, ...rest] = SHOP_DOCUMENTS.sharingList;
  const changed = { ...first!, purpose: { zh: '为您安排门店预约', en: 'To book your boutique appointment' } };
  t.backend.serveLists(content({ sharing: [changed, ...rest] }));
  await t.privacy.onShow();
  expect(listFetches(t)).toHaveLength(2);
  // Revalidated with the ETag of the copy held.
  expect(listFetches(t)[1]!.headers['if-none-match']).toBe(`"l-${firstHash}"`);
  expect(t.privacy.lists.sharing?.[0]).toEqual(changed);
});

test('stored lists are shown at the next launch offline; a bad answer never replaces them', async () => {
  const t = shop();
  const served = t.backend.serveLists(content({ consents: { marketing: reworded('marketing', 'By WeChat service notices only.') } }));
  await t.privacy.start();
  await settle(t);
  expect(t.storage.data.has(storageKey('privacy.', 'policy.lists'))).toBe(true);

  // Next launch: no answer from the backend at all.
  const offline = createShopTestRootStore({ ports: { storage: t.storage } });
  offline.backend.fault({ kind: 'network' }, '/v1/policy/current');
  await offline.privacy.start();
  await settle(offline);
  expect(offline.privacy.lists.served?.contentHash).toBe(served.contentHash);
  expect(offline.privacy.consentPrompts.entry('marketing').method.en).toBe('By WeChat service notices only.');

  // The server announces new content, but what comes is not what its hash says.
  offline.backend.policies = [policyV1];
  const announced = offline.backend.serveLists(content());
  offline.backend.lists = { ...announced, consentHashes: { ...announced.consentHashes, marketing: 'b'.repeat(64) } };
  await offline.privacy.onShow();
  await offline.privacy.onShow();
  expect(offline.privacy.lists.error?.message).toMatch(/failed their checks/);
  expect(offline.privacy.lists.served?.contentHash).toBe(served.contentHash);
});

test('without served lists the app\'s bundled lists and consent texts are shown', async () => {
  const t = shop();
  await t.privacy.start();
  await settle(t);
  expect(listFetches(t)).toEqual([]);
  expect(t.privacy.lists.collection).toBeNull();
  expect(t.privacy.lists.sharing).toBeNull();
  expect(t.privacy.consentPrompts.entry('marketing')).toBe(catalogue.marketing);
});

test('the titles the history, the export and the cancellation page name consents by are the served ones', async () => {
  const t = shop();
  const title = { zh: '会员资讯', en: 'Member news' };
  t.backend.serveLists(content({ consents: { marketing: { ...catalogue.marketing!, title } } }));
  await t.privacy.start();
  await settle(t);
  expect(t.privacy.consentPrompts.titles.marketing).toEqual(title);
  expect(t.privacy.consentPrompts.titles.personalisation).toEqual(catalogue.personalisation!.title);
});

test('each consent event carries the hash of the words shown: served, else the app\'s entry', async () => {
  const t = shop();
  await agreed(t);
  const offline = t.privacy.consentPrompts.request('marketing');
  await t.answerConsentSheet('agree');
  await offline;
  const sent = () => t.backend.eventsOf(t.privacy.account.userId!).filter((e) => e.kind === 'consent');
  await t.privacy.consent.sync();
  expect(sent().at(-1)).toMatchObject({ purpose: 'marketing', value: 'granted', textHash: consentTextHash(catalogue.marketing!) });

  const words = reworded('personalisation', 'From what you browse and buy here.');
  const served = t.backend.serveLists(content({ consents: { personalisation: words } }));
  await t.privacy.onShow();
  await t.privacy.onShow();
  const asked = t.privacy.consentPrompts.request('personalisation');
  await t.answerConsentSheet('refuse');
  await asked;
  await t.privacy.consentPrompts.set('marketing', false);
  await t.privacy.consent.sync();
  expect(served.consentHashes.personalisation).toBe(consentTextHash(words));
  expect(sent().slice(-2)).toMatchObject([
    { purpose: 'personalisation', value: 'refused', textHash: served.consentHashes.personalisation },
    { purpose: 'marketing', value: 'withdrawn', textHash: served.consentHashes.marketing },
  ]);
});

test('a consent whose words changed since it was granted is asked again alone, on its own sheet; the rest keeps working', async () => {
  const t = shop();
  await agreed(t);
  for (const purpose of ['marketing', 'personalisation'] as const) {
    const asked = t.privacy.consentPrompts.request(purpose);
    await t.answerConsentSheet('agree');
    await asked;
  }

  // Ops reword the marketing consent: the next return to the app asks for it, and for nothing else.
  const words = reworded('marketing', 'By text message and WeChat service notices.');
  t.backend.serveLists(content({ consents: { marketing: words } }));
  await t.privacy.onShow();
  await t.privacy.onShow();
  expect(t.privacy.ui.queue.map((o) => [o.kind, o.subject])).toEqual([['consent', { purpose: 'marketing', recipient: null }]]);
  expect(t.privacy.consentPrompts.asking).toBe('marketing');
  expect(t.privacy.consentPrompts.entry('marketing')).toEqual(words);
  // Meanwhile the old grant does not cover the new words; it still stands (the centre can withdraw it).
  expect(t.privacy.consentPrompts.has('marketing')).toBe(false);
  expect(t.privacy.consentPrompts.granted('marketing')).toBe(true);
  expect(t.privacy.consentPrompts.changed).toEqual(['marketing']);
  // No drop to browse-only: the agreement and the other consent hold.
  expect(t.privacy.gate.agreed).toBe(true);
  expect(t.privacy.consentPrompts.has('personalisation')).toBe(true);

  // Asked again by a feature while the sheet is open: the same sheet.
  const feature = t.privacy.consentPrompts.request('marketing');
  expect(await t.answerConsentSheet('agree')).toBe('marketing');
  await expect(feature).resolves.toBe('granted');
  expect(t.privacy.ui.current).toBeNull();
  expect(t.privacy.consentPrompts.has('marketing')).toBe(true);
  expect(t.privacy.consentPrompts.changed).toEqual([]);
  const grant = t.privacy.consent.events.at(-1);
  expect(grant).toMatchObject({ kind: 'consent', purpose: 'marketing', value: 'granted', source: 'reconsent-sheet', textHash: consentTextHash(words) });

  // Answered: not asked again.
  await t.privacy.onShow();
  expect(t.privacy.ui.queue).toEqual([]);
});

test('with a material policy change pending, a changed consent is asked right after the re-consent sheet is agreed', async () => {
  const t = shop();
  await agreed(t);
  const asked = t.privacy.consentPrompts.request('marketing');
  await t.answerConsentSheet('agree');
  await asked;
  // A consent the app never asks for, granted by an earlier release: never asked again, still withdrawable.
  await t.privacy.consent.grant('sensitive');

  t.backend.policies = [policyV1, { ...policyV1, version: 2, lastMaterialVersion: 2, content: BUNDLED_POLICY }];
  t.backend.activeVersion = 2;
  t.backend.serveLists(content({ consents: { marketing: reworded('marketing', 'New words.'), sensitive: reworded('sensitive', 'New words.') } }));
  await t.privacy.onShow();
  await t.privacy.onShow();
  expect(t.privacy.ui.queue.map((o) => o.kind)).toEqual(['reconsent']);

  await t.privacy.updates.accept();
  await settle(t);
  expect(t.privacy.ui.queue.map((o) => [o.kind, o.subject])).toEqual([['consent', { purpose: 'marketing', recipient: null }]]);
  expect(t.privacy.consentPrompts.textChanged('sensitive')).toBe(true);
  expect(t.privacy.consentPrompts.changed).toEqual(['marketing']);
  expect(t.privacy.consentPrompts.switchable).toContain('sensitive');
});

test('a grant recorded without a hash (an earlier release) is not taken as changed', async () => {
  const t = shop();
  await agreed(t);
  const asked = t.privacy.consentPrompts.request('marketing');
  await t.answerConsentSheet('agree');
  await asked;
  // The same ledger as an earlier release wrote it: no textHash.
  const entries = t.privacy.consent.entries.map((e) => {
    const event = { ...e.event } as Record<string, unknown>;
    delete event.textHash;
    return { ...e, event };
  });
  runInAction(() => (t.privacy.consent.entries = entries as unknown as typeof t.privacy.consent.entries));
  t.backend.serveLists(content({ consents: { marketing: reworded('marketing', 'New words.') } }));
  await t.privacy.onShow();
  await t.privacy.onShow();
  expect(t.privacy.consentPrompts.has('marketing')).toBe(true);
  expect(t.privacy.ui.queue).toEqual([]);
});
