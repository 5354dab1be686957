import { attributeBytes, jsonParseLiterals } from './sourceBytes';

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

describe('carved ranges', () => {
  it("count a JSON.parse('…') literal under its own name, whichever span covers it", () => {
    const code = `a=1;b=JSON.parse('{"schemaVersion":1,"t":"it\\'s 隐私"}');c=2`;
    const carves = jsonParseLiterals(code, '{"schemaVersion":1,', 'policy');
    expect(carves).toHaveLength(1);
    expect(code.slice(carves[0]!.start, carves[0]!.end)).toBe(`'{"schemaVersion":1,"t":"it\\'s 隐私"}'`);
    const totals = new Map<string, number>();
    // one segment from a.ts covers the whole line
    attributeBytes(code, { sources: ['a.ts'], mappings: 'AAAA' }, totals, carves);
    const literal = Buffer.byteLength(code.slice(carves[0]!.start, carves[0]!.end));
    expect(Object.fromEntries(totals)).toEqual({ 'a.ts': Buffer.byteLength(code) - literal, policy: literal });
    expect(jsonParseLiterals('JSON.parse(\'{"other":1}\')', '{"schemaVersion":1,', 'policy')).toEqual([]);
  });
});
