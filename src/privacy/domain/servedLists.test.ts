import { CONSENT_CATALOGUE, SHOP_DOCUMENTS, SHOP_PRIVACY } from '../../shop/privacy-content';
import { appCapabilities, appPurposes } from './app';
import { consentTextHash, type ConsentCatalogueEntry } from './consent-schema';
import { canonicalJson, sha256Hex } from './hash';
import { asServedLists, servedListsProblems, shownConsent } from './servedLists';

const vocabulary = { purposes: appPurposes(SHOP_PRIVACY), capabilities: appCapabilities(SHOP_PRIVACY) };
const catalogue = CONSENT_CATALOGUE as unknown as Record<string, ConsentCatalogueEntry>;

/** An answer as the server makes it (`listsResponse`). */
function answer(consents: ConsentCatalogueEntry[], collection: unknown[] = [...SHOP_DOCUMENTS.collectionList], sharing: unknown[] = [...SHOP_DOCUMENTS.sharingList]) {
  const body = { collection, sharing, consents };
  return {
    version: 2,
    contentHash: sha256Hex(canonicalJson(body)),
    ...body,
    consentHashes: Object.fromEntries(consents.map((e) => [e.purpose, consentTextHash(e)])),
  };
}

const bundledConsents = () => Object.values(catalogue);
const reworded = (purpose: string, en: string): ConsentCatalogueEntry => ({ ...catalogue[purpose]!, method: { ...catalogue[purpose]!.method, en } });

test('the app\'s own content, as the server serves it before ops change anything, passes', () => {
  expect(servedListsProblems(answer(bundledConsents()), vocabulary)).toEqual([]);
});

test('a content hash that is not the content\'s, a bad row, a consent hash that is not its text\'s: refused', () => {
  const tampered = { ...answer(bundledConsents()), contentHash: 'a'.repeat(64) };
  expect(servedListsProblems(tampered, vocabulary)).toEqual(["contentHash is not the content's"]);

  const [first, ...rest] = SHOP_DOCUMENTS.sharingList;
  const badRow = answer(bundledConsents(), undefined, [{ ...first, consent: 'no-such-consent' }, ...rest]);
  expect(servedListsProblems(badRow, vocabulary).join('\n')).toMatch(/^sharing: /m);

  const wrongHash = answer(bundledConsents());
  wrongHash.consentHashes.marketing = consentTextHash(catalogue.personalisation!);
  expect(servedListsProblems(wrongHash, vocabulary)).toEqual(['consentHashes.marketing: not the text\'s hash']);
  expect(asServedLists(wrongHash, vocabulary)).toBeNull();
  expect(servedListsProblems(null, vocabulary)).toEqual(['not an object']);
});

test('a served consent the app does not declare is ignored, never shown', () => {
  const stranger = { ...catalogue.marketing!, purpose: 'lottery' } as ConsentCatalogueEntry;
  const lists = asServedLists(answer([...bundledConsents(), stranger]), vocabulary);
  expect(lists).not.toBeNull();
  expect(Object.values(catalogue).map((e) => shownConsent(e, lists).entry.purpose)).not.toContain('lottery');
});

test('the shown words are the served ones with their hash; offline, the app\'s with the hash of its entry', () => {
  const marketing = catalogue.marketing!;
  expect(shownConsent(marketing, null)).toEqual({ entry: marketing, textHash: consentTextHash(marketing) });
  const newWords = reworded('marketing', 'By text message and WeChat service notices.');
  const lists = asServedLists(answer([newWords]), vocabulary)!;
  expect(shownConsent(marketing, lists)).toEqual({ entry: newWords, textHash: consentTextHash(newWords) });
  // A purpose the served content lacks keeps the app's words.
  expect(shownConsent(catalogue.personalisation!, lists).entry).toBe(catalogue.personalisation);
});

test('whether a consent is asked at all (notInApp) stays the app\'s, whatever the served entry says', () => {
  const notAsked = catalogue.sensitive!;
  expect(notAsked.notInApp).toBeDefined();
  const servedWithout = { ...notAsked } as ConsentCatalogueEntry;
  delete servedWithout.notInApp;
  const lists = asServedLists(answer([servedWithout, { ...catalogue.marketing!, notInApp: { zh: '不用', en: 'Not used' } }]), vocabulary)!;
  expect(shownConsent(notAsked, lists).entry.notInApp).toEqual(notAsked.notInApp);
  expect(shownConsent(catalogue.marketing!, lists).entry.notInApp).toBeUndefined();
  // The hash stays that of the words as served: the one the server knows.
  expect(shownConsent(notAsked, lists).textHash).toBe(consentTextHash(servedWithout));
});
