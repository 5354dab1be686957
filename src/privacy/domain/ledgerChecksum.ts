/**
 * The stored ledger's integrity check from schema 2 on: MurmurHash3 (x86, 128-bit variant, seed 0)
 * of the payload's UTF-16 code units read as little-endian bytes, as 32 lowercase hex digits.
 *
 * Why not SHA-256 (schema 1): the check guards against a write cut short and stray edits of the
 * stored text on the shopper's phone, not against an attacker (who could rewrite any checksum kept
 * beside the data; the server holds the proof of every decision). SHA-256 written out in
 * TypeScript (WeChat has no native digest) cost two to three times `JSON.parse` of the same blob on
 * every start; this hash reads the string where it lies, two code units per 32-bit word, in about
 * half the time of the parse. For the damage it is meant to catch it loses nothing that matters:
 * - for a given length, a change confined to one block of 8 code units (so any one character
 *   changed) always changes the result: each block step and the finalisation are bijections of
 *   the 128-bit state;
 * - any other damage (a truncation, a lost or repeated run) is missed only by chance, with odds of
 *   the order of 2^-128, and the decoder's own checks (JSON, envelope, every event's rules) come
 *   after it.
 */

// The algorithm's constants (MurmurHash3_x86_128 in Austin Appleby's public-domain SMHasher).
const C1 = 0x239b961b;
const C2 = 0xab0e9789;
const C3 = 0x38b34ae5;
const C4 = 0xa1e38b93;

const rotl = (x: number, r: number): number => (x << r) | (x >>> (32 - r));

function fmix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return h ^ (h >>> 16);
}

const hex8 = (x: number): string => (x >>> 0).toString(16).padStart(8, '0');
/** The 32-bit words little-endian, as the reference prints its 16 output bytes. */
const le = (x: number): string => hex8(((x & 0xff) << 24) | ((x & 0xff00) << 8) | ((x >>> 8) & 0xff00) | (x >>> 24));

/**
 * The checksum of `text`, or of its code units from `start` to `end`: 32 lowercase hex digits, the
 * 16 bytes the reference implementation outputs (h1 to h4, each little-endian). Allocates nothing in
 * proportion to the text.
 */
export function ledgerChecksum(text: string, start = 0, end = text.length): string {
  let h1 = 0;
  let h2 = 0;
  let h3 = 0;
  let h4 = 0;
  const units = end - start;
  const blocksEnd = start + (units & ~7);
  let i = start;
  // 16-byte blocks: 8 code units, 4 words of two units each.
  for (; i < blocksEnd; i += 8) {
    let k1 = text.charCodeAt(i) | (text.charCodeAt(i + 1) << 16);
    let k2 = text.charCodeAt(i + 2) | (text.charCodeAt(i + 3) << 16);
    let k3 = text.charCodeAt(i + 4) | (text.charCodeAt(i + 5) << 16);
    let k4 = text.charCodeAt(i + 6) | (text.charCodeAt(i + 7) << 16);

    k1 = Math.imul(rotl(Math.imul(k1, C1), 15), C2);
    h1 ^= k1;
    h1 = (Math.imul(rotl(h1, 19) + h2, 5) + 0x561ccd1b) | 0;

    k2 = Math.imul(rotl(Math.imul(k2, C2), 16), C3);
    h2 ^= k2;
    h2 = (Math.imul(rotl(h2, 17) + h3, 5) + 0x0bcaa747) | 0;

    k3 = Math.imul(rotl(Math.imul(k3, C3), 17), C4);
    h3 ^= k3;
    h3 = (Math.imul(rotl(h3, 15) + h4, 5) + 0x96cd1c35) | 0;

    k4 = Math.imul(rotl(Math.imul(k4, C4), 18), C1);
    h4 ^= k4;
    h4 = (Math.imul(rotl(h4, 13) + h1, 5) + 0x32ac3b17) | 0;
  }
  // The tail: up to 7 code units (14 bytes), into words k1..k4 as far as they reach.
  const rest = end - i;
  if (rest > 0) {
    const unit = (n: number): number => (n < rest ? text.charCodeAt(i + n) : 0);
    if (rest > 6) {
      const k4 = unit(6);
      h4 ^= Math.imul(rotl(Math.imul(k4, C4), 18), C1);
    }
    if (rest > 4) {
      const k3 = unit(4) | (unit(5) << 16);
      h3 ^= Math.imul(rotl(Math.imul(k3, C3), 17), C4);
    }
    if (rest > 2) {
      const k2 = unit(2) | (unit(3) << 16);
      h2 ^= Math.imul(rotl(Math.imul(k2, C2), 16), C3);
    }
    const k1 = unit(0) | (unit(1) << 16);
    h1 ^= Math.imul(rotl(Math.imul(k1, C1), 15), C2);
  }
  // Finalisation, over the length in bytes.
  const bytes = units * 2;
  h1 ^= bytes;
  h2 ^= bytes;
  h3 ^= bytes;
  h4 ^= bytes;
  h1 = (h1 + h2 + h3 + h4) | 0;
  h2 = (h2 + h1) | 0;
  h3 = (h3 + h1) | 0;
  h4 = (h4 + h1) | 0;
  h1 = fmix(h1);
  h2 = fmix(h2);
  h3 = fmix(h3);
  h4 = fmix(h4);
  h1 = (h1 + h2 + h3 + h4) | 0;
  h2 = (h2 + h1) | 0;
  h3 = (h3 + h1) | 0;
  h4 = (h4 + h1) | 0;
  return le(h1) + le(h2) + le(h3) + le(h4);
}
