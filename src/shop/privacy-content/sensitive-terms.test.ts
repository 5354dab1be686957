import { seedHalves } from '../../../scripts/policy-import/seedText';
import { LANGS } from '@maison/privacy/contract';
import { SENSITIVE_TERM_ENTRIES, SENSITIVE_TERMS } from './sensitive-terms';

const halves = seedHalves();
const CATEGORIES = ['biometrics', 'religion', 'special-identity', 'health', 'financial-accounts', 'whereabouts', 'minors-under-14'];

describe('sensitive terms', () => {
  it.each(LANGS)('each %s wording occurs, exactly as written, in that half of the seed', (lang) => {
    for (const term of SENSITIVE_TERMS[lang]) expect(halves[lang]).toContain(term);
  });

  it('holds every category the policy defines as sensitive, and the items it names', () => {
    const ids = SENSITIVE_TERM_ENTRIES.map((t) => t.id);
    expect(SENSITIVE_TERM_ENTRIES.filter((t) => t.kind === 'category').map((t) => t.id)).toEqual(CATEGORIES);
    for (const item of ['transaction-records', 'bank-account', 'communication-records', 'browsing-records', 'precise-location']) {
      expect(ids).toContain(item);
    }
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('gives every entry a wording in both languages, and the flat lists all of them', () => {
    for (const entry of SENSITIVE_TERM_ENTRIES) {
      expect(entry.zh.length).toBeGreaterThan(0);
      expect(entry.en.length).toBeGreaterThan(0);
      for (const w of entry.zh) expect(w).toMatch(/[\u4e00-\u9fff]/);
      for (const w of entry.en) expect(w).not.toMatch(/[\u4e00-\u9fff]/);
    }
    expect(SENSITIVE_TERMS.zh).toHaveLength(SENSITIVE_TERM_ENTRIES.reduce((n, t) => n + t.zh.length, 0));
    expect(SENSITIVE_TERMS.en).toHaveLength(SENSITIVE_TERM_ENTRIES.reduce((n, t) => n + t.en.length, 0));
    expect(Object.isFrozen(SENSITIVE_TERMS.zh)).toBe(true);
  });
});
