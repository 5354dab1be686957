import fc from 'fast-check';
import { BUNDLED_POLICY } from '../../shop/privacy-content';
import { SENSITIVE_TERMS } from '../../shop/privacy-content';
import { LANGS } from './contract';
import { emphasise, type EmphasisRun } from './emphasis';

const sensitiveParts = (runs: EmphasisRun[]): string[] => runs.filter((r) => r.sensitive).map((r) => r.text);

describe('emphasise', () => {
  it('marks each term and merges terms that touch (the seed runs them together)', () => {
    expect(emphasise('包括交易和消费记录银行账号等', ['银行账号', '交易和消费记录'])).toEqual([
      { text: '包括', sensitive: false },
      { text: '交易和消费记录银行账号', sensitive: true },
      { text: '等', sensitive: false },
    ]);
  });

  it('prefers the longest term starting at the same place', () => {
    expect(emphasise('tracking information and tracking', ['tracking', 'tracking information'])).toEqual([
      { text: 'tracking information', sensitive: true },
      { text: ' and ', sensitive: false },
      { text: 'tracking', sensitive: true },
    ]);
  });

  it('does not match English terms inside longer words, and ignores ASCII case', () => {
    expect(emphasise('backtracking trackings', ['tracking'])).toEqual([{ text: 'backtracking trackings', sensitive: false }]);
    expect(emphasise('Browsing records', ['browsing records'])).toEqual([{ text: 'Browsing records', sensitive: true }]);
  });

  it('matches Chinese terms anywhere, as Chinese has no spaces between words', () => {
    expect(sensitiveParts(emphasise('您的精准定位信息。', ['精准定位信息']))).toEqual(['精准定位信息']);
  });

  it('handles empty text and an empty term list', () => {
    expect(emphasise('', ['x'])).toEqual([]);
    expect(emphasise('abc', [])).toEqual([{ text: 'abc', sensitive: false }]);
    expect(emphasise('abc', [''])).toEqual([{ text: 'abc', sensitive: false }]);
  });

  it('always gives back the input, in non-empty runs that alternate between plain and sensitive', () => {
    const terms = ['银行账号', '账号', '行踪轨迹', 'bank account', 'tracking', 'tracking information'];
    const text = fc.array(fc.oneof(fc.constantFrom(...terms, ' ', ',', 'a'), fc.string({ maxLength: 4 })), { maxLength: 40 }).map((p) => p.join(''));
    fc.assert(
      fc.property(text, (t) => {
        const runs = emphasise(t, terms);
        expect(runs.map((r) => r.text).join('')).toBe(t);
        runs.forEach((r, i) => {
          expect(r.text.length).toBeGreaterThan(0);
          if (i > 0) expect(r.sensitive).not.toBe(runs[i - 1].sensitive);
        });
      }),
      { numRuns: 300 },
    );
  });
});

describe('emphasis on the bundled policy', () => {
  const textsOf = (lang: 'zh' | 'en'): string[] =>
    BUNDLED_POLICY.texts[lang].sections.flatMap((s) =>
      s.blocks.flatMap((b) => (b.type === 'list' ? b.items : b.type === 'lines' ? b.lines : [b.text])),
    );

  it.each(LANGS)('every %s sensitive term is emphasised somewhere in the policy', (lang) => {
    const marked = new Set(textsOf(lang).flatMap((t) => sensitiveParts(emphasise(t, SENSITIVE_TERMS[lang]))).map((p) => p.toLowerCase()));
    const joined = [...marked].join('|');
    for (const term of SENSITIVE_TERMS[lang]) expect(joined).toContain(term.toLowerCase());
  });

  it('marks the items the zh paragraph lists as sensitive, with the plain text around them intact', () => {
    const paragraph = textsOf('zh').find((t) => t.startsWith('除了上述这些个人信息之外'));
    expect(paragraph).toBeDefined();
    const runs = emphasise(paragraph as string, SENSITIVE_TERMS.zh);
    expect(sensitiveParts(runs)).toEqual(['个人财务信息', '交易和消费记录银行账号', '个人身份信息', '通信记录行踪轨迹网页浏览记录精准定位信息']);
  });

  it('marks the categories in the en definition of sensitive personal information', () => {
    const definition = textsOf('en').find((t) => t.startsWith('Personal information means'));
    expect(sensitiveParts(emphasise(definition as string, SENSITIVE_TERMS.en))).toEqual([
      'biometric characteristics',
      'religious belief',
      'special identity',
      'medical and health information',
      'financial and account information',
      'tracking information',
      'personal information of minor under 14 years old',
    ]);
  });
});
