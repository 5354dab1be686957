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

/** FIPS 180-4, 6.2.2: one 64-byte block, big-endian words in `w`, into the state `h`. */
function compress(h: Int32Array, w: Int32Array): void {
  let a = h[0];
  let b = h[1];
  let c = h[2];
  let d = h[3];
  let e = h[4];
  let f = h[5];
  let g = h[6];
  let hh = h[7];
  for (let t = 0; t < 64; t += 1) {
    let wt = w[t & 15];
    if (t >= 16) {
      // The schedule kept in a ring of 16 words: W[t-16] is the slot being replaced.
      const x = w[(t + 1) & 15];
      const y = w[(t + 14) & 15];
      wt = (wt + (((x >>> 7) | (x << 25)) ^ ((x >>> 18) | (x << 14)) ^ (x >>> 3)) + w[(t + 9) & 15] + (((y >>> 17) | (y << 15)) ^ ((y >>> 19) | (y << 13)) ^ (y >>> 10))) | 0;
      w[t & 15] = wt;
    }
    // Ch(e,f,g) = g ^ (e & (f ^ g)); Maj(a,b,c) = (a & b) | (c & (a | b)).
    const t1 = (hh + (((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7))) + (g ^ (e & (f ^ g))) + K[t] + wt) | 0;
    const t2 = ((((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10))) + ((a & b) | (c & (a | b)))) | 0;
    hh = g;
    g = f;
    f = e;
    e = (d + t1) | 0;
    d = c;
    c = b;
    b = a;
    a = (t1 + t2) | 0;
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
