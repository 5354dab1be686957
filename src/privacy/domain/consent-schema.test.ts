import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CONSENT_CATALOGUE, SHOP_DOCUMENTS, SHOP_PRIVACY } from '../../shop/privacy-content';
import { consentGaps, consentOffered, consentTextHash, type ConsentCatalogueEntry } from './consent-schema';
import { privacyAppProblems } from './app';
import { main as checkPrivacyApp } from '../../../scripts/check-privacy-app';

/** The problems of the shop's description with `consents` in its place. */
const consentCatalogueProblems = (consents: Record<string, ConsentCatalogueEntry>): string[] =>
  privacyAppProblems({ ...SHOP_PRIVACY, consents } as never).map((p) => p.replace(/^consents\./, ''));

const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;
type Mutable = Record<string, unknown>;
/** The catalogue with one field of one entry removed (a dotted path inside the entry). */
function without(purpose: string, dotted: string): Record<string, ConsentCatalogueEntry> {
  const cat = clone(CONSENT_CATALOGUE) as unknown as Record<string, ConsentCatalogueEntry>;
  const parts = dotted.split('.');
  let node = cat[purpose] as unknown as Mutable;
  for (const p of parts.slice(0, -1)) node = node[p] as Mutable;
  delete node[parts[parts.length - 1]];
  return cat;
}

describe('consent catalogue schema', () => {
  it("the shop's consents say what each article requires", () => {
    expect(consentCatalogueProblems(CONSENT_CATALOGUE)).toEqual([]);
    expect(privacyAppProblems(SHOP_PRIVACY)).toEqual([]);
  });

  it('refuses a purpose that is not a slug and an entry naming another purpose', () => {
    const problems = consentCatalogueProblems({ 'Bad Purpose': { ...CONSENT_CATALOGUE.marketing, purpose: 'Bad Purpose' }, other: CONSENT_CATALOGUE.marketing } as never);
    expect(problems).toEqual(expect.arrayContaining([expect.stringContaining('Bad Purpose: a purpose is lower-case'), 'other: entry names purpose marketing']));
  });

  it.each([
    ['marketing', 'method'],
    ['marketing', 'categories.zh'],
    ['personalisation', 'purposeText.en'],
    ['affiliate-sharing', 'disclosure.recipients.0.contact'],
    ['affiliate-sharing', 'disclosure.recipients.1.name'],
    ['cross-border', 'disclosure.rights'],
    ['cross-border', 'disclosure.recipient.address'],
    ['cross-border', 'disclosure.recipient.contact'],
    ['sensitive-refund', 'disclosure.items.0.necessity'],
    ['sensitive-refund', 'disclosure.items.1.impact'],
    ['personalisation', 'disclosure.items.0.impact'],
    ['public-disclosure', 'disclosure.sensitiveInvolved'],
    ['dealer-sharing', 'disclosure.recipientKind'],
    ['tracking-social', 'disclosure'],
  ])('refuses %s without %s', (purpose, field) => {
    const cat = without(purpose, field);
    const problems = consentCatalogueProblems(cat);
    expect(problems.length).toBeGreaterThan(0);
    expect(problems.every((p) => p.startsWith(`${purpose}`))).toBe(true);
  });

  it('refuses a sharing consent with no recipient, an empty text and a sensitive consent with no category', () => {
    const cat = clone(CONSENT_CATALOGUE) as unknown as Record<string, Mutable>;
    (cat['affiliate-sharing'].disclosure as Mutable).recipients = [];
    (cat.marketing.title as Mutable).zh = '  ';
    (cat['sensitive-payment'].disclosure as Mutable).items = [];
    const problems = consentCatalogueProblems(cat as unknown as Record<string, ConsentCatalogueEntry>);
    expect(problems).toEqual(
      expect.arrayContaining([expect.stringContaining('affiliate-sharing.disclosure.recipients'), 'marketing.title.zh is empty', expect.stringContaining('sensitive-payment.disclosure.items')]),
    );
  });

  it('refuses an empty notInApp note, and takes a consent with one as not offered', () => {
    const cat = clone(CONSENT_CATALOGUE) as unknown as Record<string, Mutable>;
    cat.marketing.notInApp = { zh: '', en: 'No feature uses it.' };
    expect(consentCatalogueProblems(cat as unknown as Record<string, ConsentCatalogueEntry>)).toEqual(['marketing.notInApp.zh is empty']);
    expect(consentOffered(CONSENT_CATALOGUE.marketing)).toBe(true);
    expect(consentOffered(CONSENT_CATALOGUE['public-disclosure'])).toBe(false);
  });

  it('refuses sensitive data collected under a consent that does not tell its necessity and impact (PIPL arts. 29–30)', () => {
    const general = { ...CONSENT_CATALOGUE, personalisation: { ...CONSENT_CATALOGUE.personalisation, disclosure: { article: 'general' as const } } };
    const problems = privacyAppProblems({ ...SHOP_PRIVACY, consents: general } as never, SHOP_DOCUMENTS);
    expect(problems).toEqual(expect.arrayContaining([expect.stringMatching(/^collectionList: browsing-records is sensitive and collected under the personalisation consent, which does not tell the necessity and impact/)]));
    expect(privacyAppProblems(SHOP_PRIVACY, SHOP_DOCUMENTS)).toEqual([]);
  });

  it('npm run check:privacy-app exits 1 on a description missing a mandatory field, 0 on the shop\'s', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'catalogue-'));
    const broken = path.join(dir, 'broken.js');
    fs.writeFileSync(broken, `exports.app = ${JSON.stringify({ ...SHOP_PRIVACY, consents: without('cross-border', 'disclosure.rights') })};`);
    const documents = path.join(__dirname, '../../shop/privacy-content/documents.ts');
    const errors: string[] = [];
    const spyErr = jest.spyOn(console, 'error').mockImplementation((m: string) => void errors.push(m));
    const spyLog = jest.spyOn(console, 'log').mockImplementation(() => undefined);
    try {
      expect(checkPrivacyApp([broken, documents])).toBe(1);
      expect(errors.join('\n')).toContain('consents.cross-border.disclosure.rights is missing');
      expect(checkPrivacyApp([])).toBe(0);
    } finally {
      spyErr.mockRestore();
      spyLog.mockRestore();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('retention and named recipients (PIPL arts. 17(1)(2), 23; NDSMR art. 21(3))', () => {
  it('refuses a consent that states no retention and declares no gap', () => {
    const cat = without('personalisation', 'retention');
    expect(consentCatalogueProblems(cat)).toEqual([expect.stringMatching(/^personalisation: states no retention/)]);
  });

  it('refuses a retention without its end, and a retention beside a declared gap', () => {
    const cat = clone(CONSENT_CATALOGUE) as unknown as Record<string, Mutable>;
    delete (cat.personalisation.retention as Mutable).atEnd;
    cat.marketing.retentionGap = { zh: '缺', en: 'missing' };
    expect(consentCatalogueProblems(cat as unknown as Record<string, ConsentCatalogueEntry>)).toEqual([
      'marketing: states a retention and declares a retentionGap: keep one',
      'personalisation.retention.atEnd is missing',
    ]);
  });

  it('accepts a declared gap and lists it, for retention and for an unnamed recipient', () => {
    expect(consentGaps(CONSENT_CATALOGUE.guardian)).toEqual([{ purpose: 'guardian', field: 'retention', note: CONSENT_CATALOGUE.guardian.retentionGap }]);
    expect(consentGaps(CONSENT_CATALOGUE.marketing).map((g) => g.field)).toEqual(['disclosure.recipients[0]']);
    expect(consentGaps(CONSENT_CATALOGUE['cross-border'])).toEqual([]);
    const cat = clone(CONSENT_CATALOGUE) as unknown as Record<string, Mutable>;
    ((cat.marketing.disclosure as Mutable).recipients as Mutable[])[0]!.gap = { zh: ' ', en: 'x' };
    expect(consentCatalogueProblems(cat as unknown as Record<string, ConsentCatalogueEntry>)).toEqual(['marketing.disclosure.recipients[0].gap.zh is empty']);
  });

  it("the shop's consents never send the shopper to the sharing list for names it does not have", () => {
    for (const e of Object.values<ConsentCatalogueEntry>(CONSENT_CATALOGUE)) {
      expect(JSON.stringify(e)).not.toMatch(/见“第三方信息共享清单”|in the third-party sharing list/);
    }
  });

  it('hashes the words of a consent: any change of text changes the hash, key order does not', () => {
    const h = consentTextHash(CONSENT_CATALOGUE.marketing);
    expect(h).toMatch(/^[0-9a-f]{64}$/);
    const reordered = Object.fromEntries(Object.entries(CONSENT_CATALOGUE.marketing).reverse()) as unknown as ConsentCatalogueEntry;
    expect(consentTextHash(reordered)).toBe(h);
    expect(consentTextHash({ ...CONSENT_CATALOGUE.marketing, categories: { zh: '姓名', en: 'Name' } })).not.toBe(h);
  });
});
