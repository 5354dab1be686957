import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { BUNDLED_POLICY } from '../../shop/privacy-content';
import { CanonicalJsonError, canonicalJson, policyContentHash, sha256Hex } from './hash';

const nodeSha256 = (s: string): string => createHash('sha256').update(s, 'utf8').digest('hex');

/** Any UTF-16 string, unpaired surrogates included. */
const anyUtf16 = fc.array(fc.integer({ min: 0, max: 0xffff }), { maxLength: 300 }).map((codes) => String.fromCharCode(...codes));
/** Text that looks like the policy: CJK, full-width punctuation, Latin, emoji. */
const policyLike = fc
  .array(
    fc.oneof(
      fc.integer({ min: 0x4e00, max: 0x9fff }).map((c) => String.fromCharCode(c)),
      fc.constantFrom(',', '。', '“', '”', '(', ')', '•', ' ', '\n', 'é', '😀', '𠀀'),
      fc.string({ maxLength: 5 }),
    ),
    { maxLength: 400 },
  )
  .map((parts) => parts.join(''));

describe('sha256Hex', () => {
  it('matches the FIPS 180-4 examples', () => {
    expect(sha256Hex('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(sha256Hex('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq')).toBe(
      '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1',
    );
  });

  it('equals node:crypto at every length around the 64-byte block and padding boundaries', () => {
    for (let n = 0; n <= 200; n += 1) expect(sha256Hex('a'.repeat(n))).toBe(nodeSha256('a'.repeat(n)));
    for (let n = 0; n <= 70; n += 1) expect(sha256Hex('隐'.repeat(n))).toBe(nodeSha256('隐'.repeat(n)));
  });

  it('equals node:crypto on random policy-like text', () => {
    fc.assert(fc.property(policyLike, (s) => sha256Hex(s) === nodeSha256(s)), { numRuns: 500 });
  });

  it('equals node:crypto on any UTF-16 string, unpaired surrogates included', () => {
    fc.assert(fc.property(anyUtf16, (s) => sha256Hex(s) === nodeSha256(s)), { numRuns: 500 });
  });

  it('equals node:crypto on a megabyte of text', () => {
    const big = '个人信息 personal information 😀 '.repeat(40_000);
    expect(sha256Hex(big)).toBe(nodeSha256(big));
  });
});

describe('sha256Hex of a part of a string', () => {
  it('equals the hash of that part, on any UTF-16 string', () => {
    fc.assert(
      fc.property(fc.oneof(anyUtf16, policyLike), fc.nat(), fc.nat(), (s, x, y) => {
        const start = x % (s.length + 1);
        const end = start + (y % (s.length - start + 1));
        return sha256Hex(s, start, end) === nodeSha256(s.slice(start, end));
      }),
      { numRuns: 500 },
    );
  });

  it('cuts a surrogate pair at either end as the slice does (an unpaired half is U+FFFD)', () => {
    const s = 'a😀b';
    expect(sha256Hex(s, 0, 2)).toBe(nodeSha256(s.slice(0, 2)));
    expect(sha256Hex(s, 2)).toBe(nodeSha256(s.slice(2)));
    expect(sha256Hex(s, 2)).toBe(nodeSha256('\ufffdb'));
  });

  it('reads long ASCII runs block by block whatever their offset from a non-ASCII character', () => {
    for (let k = 0; k < 70; k += 1) {
      const s = `${'x'.repeat(k)}é${'abcdefgh'.repeat(40)}隐${'z'.repeat(130)}`;
      expect(sha256Hex(s)).toBe(nodeSha256(s));
      expect(sha256Hex(`{${s}}`, 1, s.length + 1)).toBe(nodeSha256(s));
    }
  });
});

/** A copy whose object keys were inserted in sorted order. */
function sortedCopy(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortedCopy);
  if (v && typeof v === 'object') {
    return Object.fromEntries(Object.keys(v).sort().map((k) => [k, sortedCopy((v as Record<string, unknown>)[k])]));
  }
  return v;
}

describe('canonicalJson', () => {
  it('sorts keys at every depth and writes no whitespace', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: null, y: '是' }], c: true } })).toBe('{"a":{"c":true,"d":[3,{"y":"是","z":null}]},"b":1}');
  });

  it('keeps the value: parsing it back gives what JSON.stringify would have kept', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (v) => {
        expect(JSON.parse(canonicalJson(v))).toEqual(JSON.parse(JSON.stringify(v)));
      }),
      { numRuns: 500 },
    );
  });

  it('equals a naive sorted-keys writer, for any JSON value (integer-like keys included)', () => {
    // Not JSON.stringify of a sorted copy: engines enumerate integer-like keys first whatever the
    // insertion order, so only an explicit writer gives RFC 8785 order for {"": 1, "0": 2}.
    const naive = (v: unknown): string => {
      if (Array.isArray(v)) return `[${v.map(naive).join(',')}]`;
      if (v !== null && typeof v === 'object') {
        const o = v as Record<string, unknown>;
        return `{${Object.keys(o).sort().map((k) => `${JSON.stringify(k)}:${naive(o[k])}`).join(',')}}`;
      }
      return JSON.stringify(v);
    };
    fc.assert(fc.property(fc.jsonValue(), (v) => canonicalJson(v) === naive(v)), { numRuns: 500 });
    expect(canonicalJson({ '0': false, '': null, '10': 1, '9': 2 })).toBe('{"":null,"0":false,"10":1,"9":2}');
  });

  it('does not depend on key insertion order', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.jsonValue(), { maxKeys: 8 }), (o) => {
        const reversed = Object.fromEntries(Object.entries(o).reverse());
        return canonicalJson(reversed) === canonicalJson(o);
      }),
    );
  });

  it('orders keys by UTF-16 code units (RFC 8785)', () => {
    expect(canonicalJson({ '\u00e9': 1, 'z': 2, '😀': 3, '\uff01': 4, 'Z': 5 })).toBe('{"Z":5,"z":2,"\u00e9":1,"😀":3,"\uff01":4}');
  });

  it('leaves out undefined fields so an absent optional field hashes the same', () => {
    expect(canonicalJson({ a: 1, overline: undefined })).toBe(canonicalJson({ a: 1 }));
  });

  it.each<[string, unknown]>([
    ['NaN', { n: NaN }],
    ['Infinity', [Infinity]],
    ['a bigint', { n: BigInt(1) }],
    ['a function', { f: () => 1 }],
    ['undefined in an array', [1, undefined]],
    ['a Date', { at: new Date(0) }],
    ['undefined at the top', undefined],
  ])('refuses %s', (_, value) => {
    expect(() => canonicalJson(value)).toThrow(CanonicalJsonError);
  });

  it('refuses cycles', () => {
    const a: Record<string, unknown> = {};
    a.self = a;
    expect(() => canonicalJson(a)).toThrow(/cycle/);
  });
});

describe('policyContentHash', () => {
  it('is the node:crypto SHA-256 of the canonical JSON of the bundled policy', () => {
    const hash = policyContentHash(BUNDLED_POLICY);
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    // The document has no integer-like keys, so a key-sorted copy serialises in canonical order.
    expect(hash).toBe(nodeSha256(JSON.stringify(sortedCopy(BUNDLED_POLICY))));
  });

  it('changes when one character of the text changes', () => {
    const copy = structuredClone(BUNDLED_POLICY);
    copy.texts.zh.title = '隐私政策。';
    expect(policyContentHash(copy)).not.toBe(policyContentHash(BUNDLED_POLICY));
  });
});
