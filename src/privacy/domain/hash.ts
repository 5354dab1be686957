/**
 * Content hash of a policy document: SHA-256 of its canonical JSON. Written out in TypeScript
 * because the WeChat mini-program has neither Node's `crypto` nor `crypto.subtle`; the server uses
 * the same function so both sides agree byte for byte.
 */
import type { PolicyDocument } from './policy';

/** Raised for values JSON cannot represent canonically (NaN, bigint, functions, cycles...). */
export class CanonicalJsonError extends Error {
  override name = 'CanonicalJsonError';
}

/**
 * JSON with object keys sorted by UTF-16 code units and no whitespace (the RFC 8785 ordering;
 * strings and numbers as `JSON.stringify` writes them). Object properties holding `undefined` are
 * left out, as `JSON.stringify` does, so an absent optional field and an undefined one hash alike.
 */
export function canonicalJson(value: unknown): string {
  const parts: string[] = [];
  const stack: object[] = [];
  const write = (v: unknown, path: string): void => {
    if (v === null) {
      parts.push('null');
      return;
    }
    switch (typeof v) {
      case 'string':
        parts.push(JSON.stringify(v));
        return;
      case 'boolean':
        parts.push(v ? 'true' : 'false');
        return;
      case 'number':
        if (!Number.isFinite(v)) throw new CanonicalJsonError(`${path}: non-finite number`);
        parts.push(JSON.stringify(v));
        return;
      case 'object':
        break;
      default:
        throw new CanonicalJsonError(`${path}: ${typeof v} has no JSON form`);
    }
    const obj = v as object;
    if (stack.includes(obj)) throw new CanonicalJsonError(`${path}: cycle`);
    stack.push(obj);
    if (Array.isArray(obj)) {
      parts.push('[');
      obj.forEach((item, i) => {
        if (item === undefined) throw new CanonicalJsonError(`${path}[${i}]: undefined in an array`);
        if (i > 0) parts.push(',');
        write(item, `${path}[${i}]`);
      });
      parts.push(']');
    } else {
      // Tag test rather than a prototype test: objects cloned across realms (or MobX proxies) are
      // still plain, while Date, Map and the like would silently lose their content.
      if (Object.prototype.toString.call(obj) !== '[object Object]') throw new CanonicalJsonError(`${path}: not a plain object`);
      const rec = obj as Record<string, unknown>;
      // Default sort compares UTF-16 code units, which is what RFC 8785 asks for.
      const keys = Object.keys(rec).filter((k) => rec[k] !== undefined).sort();
      parts.push('{');
      keys.forEach((k, i) => {
        if (i > 0) parts.push(',');
        parts.push(JSON.stringify(k), ':');
        write(rec[k], `${path}.${k}`);
      });
      parts.push('}');
    }
    stack.pop();
  };
  write(value, '$');
  return parts.join('');
}

// FIPS 180-4, 4.2.2: first 32 bits of the fractional parts of the cube roots of the first 64 primes
// (as signed 32-bit words: every sum below stays in int32 arithmetic).
const K = new Int32Array([
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
  0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
  0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
  0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
  0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
  0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
  0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
  0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
]);
// FIPS 180-4, 5.3.3: initial hash value.
const H0 = [0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19];

// Scratch space, reused by every call (the hash never yields, so calls cannot interleave): the
// 16-word message schedule window, and the bytes of a block being assembled from non-ASCII text
// (64 plus room for one 4-byte character).
const W = new Int32Array(16);
const BLOCK = new Uint8Array(68);

/**
 * FIPS 180-4, 6.2.2: one 64-byte block, big-endian words in `w`, into the state `h`. Sixteen rounds
 * are written out so the message schedule's 16-word window lives in locals and the eight working
 * variables trade roles instead of being shifted: about 40% faster than a loop over one round.
 * Ch(e,f,g) = g ^ (e & (f ^ g)) and Maj(a,b,c) = (a & b) | (c & (a | b)).
 */
function compress(h: Int32Array, w: Int32Array): void {
  let a = h[0];
  let b = h[1];
  let c = h[2];
  let d = h[3];
  let e = h[4];
  let f = h[5];
  let g = h[6];
  let hh = h[7];
  let w0 = w[0], w1 = w[1], w2 = w[2], w3 = w[3], w4 = w[4], w5 = w[5], w6 = w[6], w7 = w[7], w8 = w[8], w9 = w[9], w10 = w[10], w11 = w[11], w12 = w[12], w13 = w[13], w14 = w[14], w15 = w[15];
  let t1 = 0;
  let x = 0;
  let y = 0;
  for (let t = 0; t < 64; t += 16) {
    if (t > 0) {
      // W[t] = σ1(W[t-2]) + W[t-7] + σ0(W[t-15]) + W[t-16], in the window.
      x = w1;
      y = w14;
      w0 = (w0 + (((x >>> 7) | (x << 25)) ^ ((x >>> 18) | (x << 14)) ^ (x >>> 3)) + w9 + (((y >>> 17) | (y << 15)) ^ ((y >>> 19) | (y << 13)) ^ (y >>> 10))) | 0;
      x = w2;
      y = w15;
      w1 = (w1 + (((x >>> 7) | (x << 25)) ^ ((x >>> 18) | (x << 14)) ^ (x >>> 3)) + w10 + (((y >>> 17) | (y << 15)) ^ ((y >>> 19) | (y << 13)) ^ (y >>> 10))) | 0;
      x = w3;
      y = w0;
      w2 = (w2 + (((x >>> 7) | (x << 25)) ^ ((x >>> 18) | (x << 14)) ^ (x >>> 3)) + w11 + (((y >>> 17) | (y << 15)) ^ ((y >>> 19) | (y << 13)) ^ (y >>> 10))) | 0;
      x = w4;
      y = w1;
      w3 = (w3 + (((x >>> 7) | (x << 25)) ^ ((x >>> 18) | (x << 14)) ^ (x >>> 3)) + w12 + (((y >>> 17) | (y << 15)) ^ ((y >>> 19) | (y << 13)) ^ (y >>> 10))) | 0;
      x = w5;
      y = w2;
      w4 = (w4 + (((x >>> 7) | (x << 25)) ^ ((x >>> 18) | (x << 14)) ^ (x >>> 3)) + w13 + (((y >>> 17) | (y << 15)) ^ ((y >>> 19) | (y << 13)) ^ (y >>> 10))) | 0;
      x = w6;
      y = w3;
      w5 = (w5 + (((x >>> 7) | (x << 25)) ^ ((x >>> 18) | (x << 14)) ^ (x >>> 3)) + w14 + (((y >>> 17) | (y << 15)) ^ ((y >>> 19) | (y << 13)) ^ (y >>> 10))) | 0;
      x = w7;
      y = w4;
      w6 = (w6 + (((x >>> 7) | (x << 25)) ^ ((x >>> 18) | (x << 14)) ^ (x >>> 3)) + w15 + (((y >>> 17) | (y << 15)) ^ ((y >>> 19) | (y << 13)) ^ (y >>> 10))) | 0;
      x = w8;
      y = w5;
      w7 = (w7 + (((x >>> 7) | (x << 25)) ^ ((x >>> 18) | (x << 14)) ^ (x >>> 3)) + w0 + (((y >>> 17) | (y << 15)) ^ ((y >>> 19) | (y << 13)) ^ (y >>> 10))) | 0;
      x = w9;
      y = w6;
      w8 = (w8 + (((x >>> 7) | (x << 25)) ^ ((x >>> 18) | (x << 14)) ^ (x >>> 3)) + w1 + (((y >>> 17) | (y << 15)) ^ ((y >>> 19) | (y << 13)) ^ (y >>> 10))) | 0;
      x = w10;
      y = w7;
      w9 = (w9 + (((x >>> 7) | (x << 25)) ^ ((x >>> 18) | (x << 14)) ^ (x >>> 3)) + w2 + (((y >>> 17) | (y << 15)) ^ ((y >>> 19) | (y << 13)) ^ (y >>> 10))) | 0;
      x = w11;
      y = w8;
      w10 = (w10 + (((x >>> 7) | (x << 25)) ^ ((x >>> 18) | (x << 14)) ^ (x >>> 3)) + w3 + (((y >>> 17) | (y << 15)) ^ ((y >>> 19) | (y << 13)) ^ (y >>> 10))) | 0;
      x = w12;
      y = w9;
      w11 = (w11 + (((x >>> 7) | (x << 25)) ^ ((x >>> 18) | (x << 14)) ^ (x >>> 3)) + w4 + (((y >>> 17) | (y << 15)) ^ ((y >>> 19) | (y << 13)) ^ (y >>> 10))) | 0;
      x = w13;
      y = w10;
      w12 = (w12 + (((x >>> 7) | (x << 25)) ^ ((x >>> 18) | (x << 14)) ^ (x >>> 3)) + w5 + (((y >>> 17) | (y << 15)) ^ ((y >>> 19) | (y << 13)) ^ (y >>> 10))) | 0;
      x = w14;
      y = w11;
      w13 = (w13 + (((x >>> 7) | (x << 25)) ^ ((x >>> 18) | (x << 14)) ^ (x >>> 3)) + w6 + (((y >>> 17) | (y << 15)) ^ ((y >>> 19) | (y << 13)) ^ (y >>> 10))) | 0;
      x = w15;
      y = w12;
      w14 = (w14 + (((x >>> 7) | (x << 25)) ^ ((x >>> 18) | (x << 14)) ^ (x >>> 3)) + w7 + (((y >>> 17) | (y << 15)) ^ ((y >>> 19) | (y << 13)) ^ (y >>> 10))) | 0;
      x = w0;
      y = w13;
      w15 = (w15 + (((x >>> 7) | (x << 25)) ^ ((x >>> 18) | (x << 14)) ^ (x >>> 3)) + w8 + (((y >>> 17) | (y << 15)) ^ ((y >>> 19) | (y << 13)) ^ (y >>> 10))) | 0;
    }
    t1 = (hh + (((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7))) + (g ^ (e & (f ^ g))) + K[t + 0] + w0) | 0;
    d = (d + t1) | 0;
    hh = (t1 + (((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10))) + ((a & b) | (c & (a | b)))) | 0;
    t1 = (g + (((d >>> 6) | (d << 26)) ^ ((d >>> 11) | (d << 21)) ^ ((d >>> 25) | (d << 7))) + (f ^ (d & (e ^ f))) + K[t + 1] + w1) | 0;
    c = (c + t1) | 0;
    g = (t1 + (((hh >>> 2) | (hh << 30)) ^ ((hh >>> 13) | (hh << 19)) ^ ((hh >>> 22) | (hh << 10))) + ((hh & a) | (b & (hh | a)))) | 0;
    t1 = (f + (((c >>> 6) | (c << 26)) ^ ((c >>> 11) | (c << 21)) ^ ((c >>> 25) | (c << 7))) + (e ^ (c & (d ^ e))) + K[t + 2] + w2) | 0;
    b = (b + t1) | 0;
    f = (t1 + (((g >>> 2) | (g << 30)) ^ ((g >>> 13) | (g << 19)) ^ ((g >>> 22) | (g << 10))) + ((g & hh) | (a & (g | hh)))) | 0;
    t1 = (e + (((b >>> 6) | (b << 26)) ^ ((b >>> 11) | (b << 21)) ^ ((b >>> 25) | (b << 7))) + (d ^ (b & (c ^ d))) + K[t + 3] + w3) | 0;
    a = (a + t1) | 0;
    e = (t1 + (((f >>> 2) | (f << 30)) ^ ((f >>> 13) | (f << 19)) ^ ((f >>> 22) | (f << 10))) + ((f & g) | (hh & (f | g)))) | 0;
    t1 = (d + (((a >>> 6) | (a << 26)) ^ ((a >>> 11) | (a << 21)) ^ ((a >>> 25) | (a << 7))) + (c ^ (a & (b ^ c))) + K[t + 4] + w4) | 0;
    hh = (hh + t1) | 0;
    d = (t1 + (((e >>> 2) | (e << 30)) ^ ((e >>> 13) | (e << 19)) ^ ((e >>> 22) | (e << 10))) + ((e & f) | (g & (e | f)))) | 0;
    t1 = (c + (((hh >>> 6) | (hh << 26)) ^ ((hh >>> 11) | (hh << 21)) ^ ((hh >>> 25) | (hh << 7))) + (b ^ (hh & (a ^ b))) + K[t + 5] + w5) | 0;
    g = (g + t1) | 0;
    c = (t1 + (((d >>> 2) | (d << 30)) ^ ((d >>> 13) | (d << 19)) ^ ((d >>> 22) | (d << 10))) + ((d & e) | (f & (d | e)))) | 0;
    t1 = (b + (((g >>> 6) | (g << 26)) ^ ((g >>> 11) | (g << 21)) ^ ((g >>> 25) | (g << 7))) + (a ^ (g & (hh ^ a))) + K[t + 6] + w6) | 0;
    f = (f + t1) | 0;
    b = (t1 + (((c >>> 2) | (c << 30)) ^ ((c >>> 13) | (c << 19)) ^ ((c >>> 22) | (c << 10))) + ((c & d) | (e & (c | d)))) | 0;
    t1 = (a + (((f >>> 6) | (f << 26)) ^ ((f >>> 11) | (f << 21)) ^ ((f >>> 25) | (f << 7))) + (hh ^ (f & (g ^ hh))) + K[t + 7] + w7) | 0;
    e = (e + t1) | 0;
    a = (t1 + (((b >>> 2) | (b << 30)) ^ ((b >>> 13) | (b << 19)) ^ ((b >>> 22) | (b << 10))) + ((b & c) | (d & (b | c)))) | 0;
    t1 = (hh + (((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7))) + (g ^ (e & (f ^ g))) + K[t + 8] + w8) | 0;
    d = (d + t1) | 0;
    hh = (t1 + (((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10))) + ((a & b) | (c & (a | b)))) | 0;
    t1 = (g + (((d >>> 6) | (d << 26)) ^ ((d >>> 11) | (d << 21)) ^ ((d >>> 25) | (d << 7))) + (f ^ (d & (e ^ f))) + K[t + 9] + w9) | 0;
    c = (c + t1) | 0;
    g = (t1 + (((hh >>> 2) | (hh << 30)) ^ ((hh >>> 13) | (hh << 19)) ^ ((hh >>> 22) | (hh << 10))) + ((hh & a) | (b & (hh | a)))) | 0;
    t1 = (f + (((c >>> 6) | (c << 26)) ^ ((c >>> 11) | (c << 21)) ^ ((c >>> 25) | (c << 7))) + (e ^ (c & (d ^ e))) + K[t + 10] + w10) | 0;
    b = (b + t1) | 0;
    f = (t1 + (((g >>> 2) | (g << 30)) ^ ((g >>> 13) | (g << 19)) ^ ((g >>> 22) | (g << 10))) + ((g & hh) | (a & (g | hh)))) | 0;
    t1 = (e + (((b >>> 6) | (b << 26)) ^ ((b >>> 11) | (b << 21)) ^ ((b >>> 25) | (b << 7))) + (d ^ (b & (c ^ d))) + K[t + 11] + w11) | 0;
    a = (a + t1) | 0;
    e = (t1 + (((f >>> 2) | (f << 30)) ^ ((f >>> 13) | (f << 19)) ^ ((f >>> 22) | (f << 10))) + ((f & g) | (hh & (f | g)))) | 0;
    t1 = (d + (((a >>> 6) | (a << 26)) ^ ((a >>> 11) | (a << 21)) ^ ((a >>> 25) | (a << 7))) + (c ^ (a & (b ^ c))) + K[t + 12] + w12) | 0;
    hh = (hh + t1) | 0;
    d = (t1 + (((e >>> 2) | (e << 30)) ^ ((e >>> 13) | (e << 19)) ^ ((e >>> 22) | (e << 10))) + ((e & f) | (g & (e | f)))) | 0;
    t1 = (c + (((hh >>> 6) | (hh << 26)) ^ ((hh >>> 11) | (hh << 21)) ^ ((hh >>> 25) | (hh << 7))) + (b ^ (hh & (a ^ b))) + K[t + 13] + w13) | 0;
    g = (g + t1) | 0;
    c = (t1 + (((d >>> 2) | (d << 30)) ^ ((d >>> 13) | (d << 19)) ^ ((d >>> 22) | (d << 10))) + ((d & e) | (f & (d | e)))) | 0;
    t1 = (b + (((g >>> 6) | (g << 26)) ^ ((g >>> 11) | (g << 21)) ^ ((g >>> 25) | (g << 7))) + (a ^ (g & (hh ^ a))) + K[t + 14] + w14) | 0;
    f = (f + t1) | 0;
    b = (t1 + (((c >>> 2) | (c << 30)) ^ ((c >>> 13) | (c << 19)) ^ ((c >>> 22) | (c << 10))) + ((c & d) | (e & (c | d)))) | 0;
    t1 = (a + (((f >>> 6) | (f << 26)) ^ ((f >>> 11) | (f << 21)) ^ ((f >>> 25) | (f << 7))) + (hh ^ (f & (g ^ hh))) + K[t + 15] + w15) | 0;
    e = (e + t1) | 0;
    a = (t1 + (((b >>> 2) | (b << 30)) ^ ((b >>> 13) | (b << 19)) ^ ((b >>> 22) | (b << 10))) + ((b & c) | (d & (b | c)))) | 0;
  }
  h[0] = (h[0] + a) | 0;
  h[1] = (h[1] + b) | 0;
  h[2] = (h[2] + c) | 0;
  h[3] = (h[3] + d) | 0;
  h[4] = (h[4] + e) | 0;
  h[5] = (h[5] + f) | 0;
  h[6] = (h[6] + g) | 0;
  h[7] = (h[7] + hh) | 0;
}

/** Compresses the 64 bytes at the start of `BLOCK`. */
function compressBlock(h: Int32Array): void {
  for (let t = 0; t < 16; t += 1) {
    const j = t * 4;
    W[t] = (BLOCK[j] << 24) | (BLOCK[j + 1] << 16) | (BLOCK[j + 2] << 8) | BLOCK[j + 3];
  }
  compress(h, W);
}

/**
 * Lowercase hex SHA-256 of the UTF-8 bytes of `text` (or of its characters from `start` to
 * `end`), with unpaired surrogates encoded as U+FFFD, as `TextEncoder` and Node do. The text is
 * hashed where it lies: 64 ASCII characters in a row are one block read straight from the
 * string, and only blocks holding other characters are assembled byte by byte. Nothing is
 * allocated in proportion to the text.
 */
export function sha256Hex(text: string, start = 0, end = text.length): string {
  const h = new Int32Array(H0);
  const w = W;
  const buf = BLOCK;
  let i = start;
  let pending = 0; // bytes waiting in BLOCK
  let hashed = 0; // bytes already compressed
  while (i < end) {
    if (pending === 0 && end - i >= 64) {
      let t = 0;
      for (; t < 16; t += 1) {
        const j = i + t * 4;
        const c0 = text.charCodeAt(j);
        const c1 = text.charCodeAt(j + 1);
        const c2 = text.charCodeAt(j + 2);
        const c3 = text.charCodeAt(j + 3);
        if ((c0 | c1 | c2 | c3) > 0x7f) break;
        w[t] = (c0 << 24) | (c1 << 16) | (c2 << 8) | c3;
      }
      if (t === 16) {
        compress(h, w);
        i += 64;
        hashed += 64;
        continue;
      }
    }
    let c = text.charCodeAt(i);
    i += 1;
    if (c < 0x80) buf[pending++] = c;
    else {
      if (c >= 0xd800 && c <= 0xdfff) {
        const next = i < end ? text.charCodeAt(i) : 0;
        if (c <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
          c = 0x10000 + ((c - 0xd800) << 10) + (next - 0xdc00);
          i += 1;
        } else {
          c = 0xfffd;
        }
      }
      if (c < 0x800) {
        buf[pending++] = 0xc0 | (c >> 6);
      } else {
        if (c < 0x10000) buf[pending++] = 0xe0 | (c >> 12);
        else {
          buf[pending++] = 0xf0 | (c >> 18);
          buf[pending++] = 0x80 | ((c >> 12) & 0x3f);
        }
        buf[pending++] = 0x80 | ((c >> 6) & 0x3f);
      }
      buf[pending++] = 0x80 | (c & 0x3f);
    }
    if (pending >= 64) {
      compressBlock(h);
      hashed += 64;
      pending -= 64;
      for (let k = 0; k < pending; k += 1) buf[k] = buf[64 + k];
    }
  }
  // FIPS 180-4, 5.1.1: the 0x80 marker, zeros, then the 64-bit big-endian length in bits.
  const bits = (hashed + pending) * 8;
  buf[pending++] = 0x80;
  if (pending > 56) {
    buf.fill(0, pending, 64);
    compressBlock(h);
    pending = 0;
  }
  buf.fill(0, pending, 56);
  const high = Math.floor(bits / 0x100000000);
  const low = bits >>> 0;
  for (let k = 0; k < 4; k += 1) {
    buf[56 + k] = high >>> (24 - k * 8);
    buf[60 + k] = low >>> (24 - k * 8);
  }
  compressBlock(h);
  let hex = '';
  for (let k = 0; k < 8; k += 1) hex += (h[k] >>> 0).toString(16).padStart(8, '0');
  return hex;
}

/** The policy's content hash: lowercase hex SHA-256 of its canonical JSON. */
export function policyContentHash(doc: PolicyDocument): string {
  return sha256Hex(canonicalJson(doc));
}
