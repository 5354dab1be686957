import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CONSENT_CATALOGUE, consentEntry } from '../data/consent-catalogue';
import { CONSENT_PURPOSES } from './contract';
import { consentCatalogueProblems, type ConsentCatalogueEntry } from './consent-schema';
import { main as checkCatalogue } from '../../../scripts/check-catalogue';

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
  it('the shipped catalogue says what each article requires, for every purpose of the contract', () => {
    expect(consentCatalogueProblems(CONSENT_CATALOGUE)).toEqual([]);
    for (const p of CONSENT_PURPOSES) expect(() => consentEntry(p)).not.toThrow();
    expect(Object.keys(CONSENT_CATALOGUE).sort()).toEqual([...CONSENT_PURPOSES].sort());
  });

  it.each([
    ['guardian', ''],
    ['marketing', 'method'],
    ['marketing', 'categories.zh'],
    ['personalisation', 'purposeText.en'],
    ['affiliate-sharing', 'disclosure.recipients.0.contact'],
    ['affiliate-sharing', 'disclosure.recipients.1.name'],
    ['cross-border', 'disclosure.rights'],
    ['cross-border', 'disclosure.recipient.address'],
    ['cross-border', 'disclosure.recipient.contact'],
    ['sensitive', 'disclosure.items.0.necessity'],
    ['sensitive', 'disclosure.items.3.impact'],
    ['public-disclosure', 'disclosure.sensitiveInvolved'],
    ['dealer-sharing', 'disclosure.recipientKind'],
    ['tracking-social', 'disclosure'],
  ])('refuses %s without %s', (purpose, field) => {
    const cat = field === '' ? (() => { const c = clone(CONSENT_CATALOGUE) as unknown as Record<string, ConsentCatalogueEntry>; delete c[purpose]; return c; })() : without(purpose, field);
    const problems = consentCatalogueProblems(cat);
    expect(problems.length).toBeGreaterThan(0);
    expect(problems.every((p) => p.startsWith(`${purpose}`))).toBe(true);
  });

  it('refuses a sharing consent with no recipient, an empty text and a sensitive consent with no category', () => {
    const cat = clone(CONSENT_CATALOGUE) as unknown as Record<string, Mutable>;
    (cat['affiliate-sharing'].disclosure as Mutable).recipients = [];
    (cat.marketing.title as Mutable).zh = '  ';
    (cat.sensitive.disclosure as Mutable).items = [];
    const problems = consentCatalogueProblems(cat as unknown as Record<string, ConsentCatalogueEntry>);
    expect(problems).toEqual(
      expect.arrayContaining([expect.stringContaining('affiliate-sharing.disclosure.recipients'), 'marketing.title.zh is empty', expect.stringContaining('sensitive.disclosure.items')]),
    );
  });

  it('npm run check:catalogue exits 1 on a catalogue missing a mandatory field, 0 on the shipped one', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'catalogue-'));
    const broken = path.join(dir, 'broken.js');
    fs.writeFileSync(broken, `exports.CONSENT_CATALOGUE = ${JSON.stringify(without('cross-border', 'disclosure.rights'))};`);
    const errors: string[] = [];
    const spyErr = jest.spyOn(console, 'error').mockImplementation((m: string) => void errors.push(m));
    const spyLog = jest.spyOn(console, 'log').mockImplementation(() => undefined);
    try {
      expect(checkCatalogue([broken])).toBe(1);
      expect(errors.join('\n')).toContain('cross-border.disclosure.rights is missing');
      expect(checkCatalogue([])).toBe(0);
    } finally {
      spyErr.mockRestore();
      spyLog.mockRestore();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
