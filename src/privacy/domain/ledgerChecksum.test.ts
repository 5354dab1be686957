import fc from 'fast-check';
import { ledgerChecksum } from './ledgerChecksum';

/**
 * MurmurHash3_x86_128 over any bytes (odd counts too) with a seed, written plainly from the
 * algorithm's description, so that published vectors can check it: the reference `ledgerChecksum`
 * is held to.
 */
function reference(bytes: Uint8Array, seed = 0): string {
  const c = [0x239b961b, 0xab0e9789, 0x38b34ae5, 0xa1e38b93];
  const rot = [15, 16, 17, 18];
  const hrot = [19, 17, 15, 13];
  const add = [0x561ccd1b, 0x0bcaa747, 0x96cd1c35, 0x32ac3b17];
  const rotl = (x: number, r: number) => (x << r) | (x >>> (32 - r));
  const mixK = (k: number, lane: number) => Math.imul(rotl(Math.imul(k, c[lane]), rot[lane]), c[(lane + 1) % 4]);
  const word = (at: number) => bytes[at] | (bytes[at + 1] << 8) | (bytes[at + 2] << 16) | (bytes[at + 3] << 24);
  const h = [seed | 0, seed | 0, seed | 0, seed | 0];
  const blocks = Math.floor(bytes.length / 16);
  for (let b = 0; b < blocks; b++) {
    for (let lane = 0; lane < 4; lane++) {
      h[lane] ^= mixK(word(b * 16 + lane * 4), lane);
      h[lane] = (Math.imul((rotl(h[lane], hrot[lane]) + h[(lane + 1) % 4]) | 0, 5) + add[lane]) | 0;
    }
  }
  const tail = blocks * 16;
  const k = [0, 0, 0, 0];
  for (let j = bytes.length - tail - 1; j >= 0; j--) k[j >> 2] |= bytes[tail + j] << ((j & 3) * 8);
  for (let lane = 3; lane >= 0; lane--) if (bytes.length - tail > lane * 4) h[lane] ^= mixK(k[lane], lane);
  for (let lane = 0; lane < 4; lane++) h[lane] ^= bytes.length;
  const sum = () => {
    h[0] = (h[0] + h[1] + h[2] + h[3]) | 0;
    for (let lane = 1; lane < 4; lane++) h[lane] = (h[lane] + h[0]) | 0;
  };
  const fmix = (x: number) => {
    x ^= x >>> 16;
    x = Math.imul(x, 0x85ebca6b);
    x ^= x >>> 13;
    x = Math.imul(x, 0xc2b2ae35);
    return x ^ (x >>> 16);
  };
  sum();
  for (let lane = 0; lane < 4; lane++) h[lane] = fmix(h[lane]);
  sum();
  return h.map((x) => [0, 8, 16, 24].map((s) => ((x >>> s) & 0xff).toString(16).padStart(2, '0')).join('')).join('');
}

const utf16le = (s: string) => {
  const out = new Uint8Array(s.length * 2);
  for (let i = 0; i < s.length; i++) {
    out[2 * i] = s.charCodeAt(i) & 0xff;
    out[2 * i + 1] = s.charCodeAt(i) >>> 8;
  }
  return out;
};
const ascii = (s: string) => Uint8Array.from(s, (ch) => ch.charCodeAt(0));

describe('ledgerChecksum', () => {
  it('the reference gives the published MurmurHash3_x86_128 vectors', () => {
    const fox = 'The quick brown fox jumps over the lazy dog';
    const vectors: Array<[number, string, string]> = [
      [0, '', '00000000000000000000000000000000'],
      [0, fox, 'c383152f672ceeec6cf67b5d2c1de9e5'],
      [0, 'The quick brown fox jumps over the lazy cog', '8843d60e79e79a3e934503972ff3b349'],
      [0, 'aaaaaaa', 'a7387719286d290fca19a398ca19a398'],
      [0, 'aaaaaaaaaaaaaaa', '78fa8d8d331a81a560dfb090484c863a'],
      [2538058380, '', 'a1d5bef71c6a575b1c6a575b1c6a575b'],
      [2538058380, fox, '5ed5d48a7161b84c9c3aa78e3e79b6cd'],
      [3314489979, 'THE QUICK BROWN FOX JUMPS OVER THE LAZY DOG', '2b9a5cc8c8ec392164ae9207e0428b18'],
    ];
    for (const [seed, text, hex] of vectors) expect([seed, text, reference(ascii(text), seed)]).toEqual([seed, text, hex]);
  });

  it('is the reference over the UTF-16 code units read as little-endian bytes', () => {
    expect(ledgerChecksum('')).toBe(reference(new Uint8Array(0)));
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 80 }), (s) => {
        expect(ledgerChecksum(s)).toBe(reference(utf16le(s)));
      }),
      { numRuns: 2000 },
    );
  });

  it('hashes a range of a text as the text of that range', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 60 }), fc.nat(), fc.nat(), (s, a, b) => {
        const start = s.length === 0 ? 0 : a % (s.length + 1);
        const end = start + (s.length - start === 0 ? 0 : b % (s.length - start + 1));
        expect(ledgerChecksum(s, start, end)).toBe(ledgerChecksum(s.slice(start, end)));
      }),
      { numRuns: 1000 },
    );
  });

  it('changes with any one character changed, removed or added, and with any truncation', () => {
    const text = JSON.stringify({ sync: 'spl', events: [{ id: 'event-0001', kind: 'consent', purpose: 'marketing', value: 'refused' }] });
    const sum = ledgerChecksum(text);
    for (let i = 0; i < text.length; i++) {
      for (const c of ['\u0000', 'a', '"', '\u{7f}', '中', text[i] === 'x' ? 'y' : 'x']) {
        const edited = text.slice(0, i) + c + text.slice(i + 1);
        if (edited !== text) expect(ledgerChecksum(edited)).not.toBe(sum);
      }
      expect(ledgerChecksum(text.slice(0, i) + text.slice(i + 1))).not.toBe(sum);
      expect(ledgerChecksum(text.slice(0, i) + ' ' + text.slice(i))).not.toBe(sum);
      expect(ledgerChecksum(text.slice(0, i))).not.toBe(sum);
    }
    // A bit flipped in the high byte of a code unit.
    expect(ledgerChecksum(text.slice(0, 5) + String.fromCharCode(text.charCodeAt(5) ^ 0x8000) + text.slice(6))).not.toBe(sum);
  });
});
