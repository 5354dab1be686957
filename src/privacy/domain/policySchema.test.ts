import { BUNDLED_POLICY } from '../../shop/privacy-content';
import type { PolicyDocument, PolicySection } from './policy';
import { hasForbiddenChars, isPolicyDocument, POLICY_LIMITS, policyDocumentProblems } from './policySchema';

const fresh = (): PolicyDocument => structuredClone(BUNDLED_POLICY);
/** Problems of the bundled document after `mutate` changed a copy of it. */
const problemsAfter = (mutate: (d: PolicyDocument & Record<string, unknown>) => void): string[] => {
  const d = fresh() as PolicyDocument & Record<string, unknown>;
  mutate(d);
  return policyDocumentProblems(d);
};

describe('policyDocumentProblems', () => {
  it('accepts the bundled policy', () => {
    expect(policyDocumentProblems(BUNDLED_POLICY)).toEqual([]);
    expect(isPolicyDocument(BUNDLED_POLICY)).toBe(true);
  });

  it.each([
    ['null', null],
    ['an array', []],
    ['a string', 'policy'],
    ['an empty object', {}],
  ])('refuses %s', (_, value) => {
    expect(policyDocumentProblems(value).length).toBeGreaterThan(0);
    expect(isPolicyDocument(value)).toBe(false);
  });

  it.each<[string, (d: PolicyDocument & Record<string, unknown>) => void, RegExp]>([
    ['an unknown top-level field', (d) => { d.html = '<b>x</b>'; }, /unknown field "html"/],
    ['another schema version', (d) => { (d as { schemaVersion: number }).schemaVersion = 2; }, /schemaVersion: must be 1/],
    ['a bad month', (d) => { d.updated = '2023-13'; }, /updated: not a YYYY-MM month/],
    ['a missing language', (d) => { delete (d.texts as Partial<PolicyDocument['texts']>).en; }, /texts: missing field "en"/],
    ['an extra language', (d) => { (d.texts as Record<string, unknown>).fr = d.texts.en; }, /texts: unknown field "fr"/],
    ['a section id that is not a slug', (d) => { d.texts.zh.sections[0].id = 'About Us'; d.texts.en.sections[0].id = 'About Us'; }, /sections\[0\]\.id: not matching/],
    ['a duplicate section id', (d) => { for (const l of ['zh', 'en'] as const) d.texts[l].sections[1].id = d.texts[l].sections[0].id; }, /duplicate id/],
    ['ids that differ between languages', (d) => { d.texts.en.sections.reverse(); }, /section ids differ between languages/],
    ['an unknown block type', (d) => { (d.texts.zh.sections[0].blocks[0] as { type: string }).type = 'html'; }, /unknown block type/],
    ['a block with an extra field', (d) => { (d.texts.zh.sections[0].blocks[0] as Record<string, unknown>).style = 'bold'; }, /unknown field "style"/],
    ['a paragraph that is not text', (d) => { (d.texts.en.sections[0].blocks[0] as { text: unknown }).text = { toString: 1 }; }, /text: not a string/],
    ['an empty paragraph', (d) => { d.texts.en.sections[0].blocks[0] = { type: 'paragraph', text: '  ' }; }, /text: empty/],
    ['an empty list', (d) => { d.texts.en.sections[0].blocks[0] = { type: 'list', items: [] }; }, /items: empty/],
    ['a section without blocks', (d) => { d.texts.en.sections[0].blocks = []; }, /blocks: empty/],
    ['no sections', (d) => { d.texts.en.sections = []; }, /sections: empty/],
    ['a line break inside a text', (d) => { d.texts.zh.title = '隐私\n政策'; }, /control characters/],
    ['an unpaired surrogate', (d) => { d.texts.zh.title = '隐私\ud800政策'; }, /unpaired surrogates/],
    ['a missing title', (d) => { delete (d.texts.zh as Partial<PolicyDocument['texts']['zh']>).title; }, /missing field "title"/],
    ['a non-string overline', (d) => { (d.texts.zh as unknown as Record<string, unknown>).overline = 3; }, /overline: not a string/],
    ['empty marked wordings', (d) => { d.texts.zh.sensitiveTerms = []; }, /sensitiveTerms: empty/],
    ['a marked wording too long', (d) => { d.texts.en.sensitiveTerms = ['x'.repeat(61)]; }, /sensitiveTerms\[0\]: longer than 60/],
    ['a marked wording that is not text', (d) => { (d.texts.en as unknown as Record<string, unknown>).sensitiveTerms = [3]; }, /sensitiveTerms\[0\]: not a string/],
    ['too many marked wordings', (d) => { d.texts.zh.sensitiveTerms = Array.from({ length: 101 }, (_, i) => `词${i}`); }, /sensitiveTerms: more than 100/],
  ])('refuses %s', (_, mutate, expected) => {
    const problems = problemsAfter(mutate);
    expect(problems.join('\n')).toMatch(expected);
  });

  it('refuses oversized payloads before looking inside them', () => {
    const many = (n: number) => Array.from({ length: n }, () => 'x');
    expect(problemsAfter((d) => { d.texts.en.sections[0].blocks[0] = { type: 'list', items: many(POLICY_LIMITS.itemsPerList + 1) }; }))
      .toEqual([`texts.en.sections[0].blocks[0].items: more than ${POLICY_LIMITS.itemsPerList} entries`]);
    expect(problemsAfter((d) => { d.texts.en.sections[0].blocks[0] = { type: 'paragraph', text: 'x'.repeat(POLICY_LIMITS.textLength + 1) }; }).join())
      .toMatch(/longer than 10000 characters/);
    expect(problemsAfter((d) => { d.texts.zh.title = '长'.repeat(POLICY_LIMITS.titleLength + 1); }).join()).toMatch(/title: longer than/);
    const sections: PolicySection[] = Array.from({ length: POLICY_LIMITS.sections + 1 }, (_, i) => ({ id: `s-${i}`, title: 't', blocks: [{ type: 'paragraph', text: 'x' }] }));
    expect(problemsAfter((d) => { d.texts.zh.sections = sections; d.texts.en.sections = sections; }).join()).toMatch(/more than 100 entries/);
  });

  it('refuses a language whose total text is too long even when each piece is within limits', () => {
    const paragraph = { type: 'paragraph' as const, text: 'x'.repeat(POLICY_LIMITS.textLength) };
    const sections = Array.from({ length: 50 }, (_, i) => ({ id: `s-${i}`, title: 't', blocks: Array.from({ length: 10 }, () => paragraph) }));
    const problems = problemsAfter((d) => { d.texts.zh.sections = sections; d.texts.en.sections = sections; });
    expect(problems).toContain(`texts.zh: more than ${POLICY_LIMITS.totalTextLength} characters of text`);
  });

  it('stops after a bounded number of problems', () => {
    const sections = Array.from({ length: 80 }, () => ({ id: 'BAD', title: 1, blocks: 'none' }));
    const problems = problemsAfter((d) => { (d.texts.zh as { sections: unknown }).sections = sections; });
    expect(problems).toHaveLength(POLICY_LIMITS.problems);
  });

  it('refuses a "__proto__" key that JSON.parse turned into an own field', () => {
    const parsed: unknown = JSON.parse(JSON.stringify(BUNDLED_POLICY).replace('{"schemaVersion"', '{"__proto__":{"polluted":true},"schemaVersion"'));
    expect(policyDocumentProblems(parsed)).toContain('document: unknown field "__proto__"');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('hasForbiddenChars', () => {
  it('accepts CJK, emoji pairs and ordinary punctuation', () => {
    expect(hasForbiddenChars('隐私政策 “我们” 😀 Chênaie')).toBe(false);
  });
  it.each(['a\tb', 'a\u0000', 'a\u2028b', '\udc00x', 'x\ud83d', '\u0085'])('flags %j', (s) => {
    expect(hasForbiddenChars(s)).toBe(true);
  });
});
