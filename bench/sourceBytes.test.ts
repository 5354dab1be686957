import { attributeBytes } from './sourceBytes';

describe('attributeBytes', () => {
  it('splits each generated line between the sources its segments point at', () => {
    const totals = new Map<string, number>();
    // Line 1: "abc" from a.ts, "def" from b.ts; line 2: "隐私" (6 UTF-8 bytes) from a.ts, then "!" unmapped.
    attributeBytes('abcdef\n隐私!', { sources: ['a.ts', 'b.ts'], mappings: 'AAAA,GCAA;ADAA,E' }, totals);
    expect(Object.fromEntries(totals)).toEqual({ 'a.ts': 3 + 6, 'b.ts': 3, '(unmapped)': 1 });
  });

  it('refuses a malformed mapping', () => {
    expect(() => attributeBytes('x', { sources: ['a.ts'], mappings: 'A*' }, new Map())).toThrow(/bad source map/);
  });
});
