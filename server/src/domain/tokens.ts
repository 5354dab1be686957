import { createHash, randomBytes } from 'node:crypto';

/** A new opaque bearer token: 32 random bytes, base64url, with a prefix telling its kind. */
export function newToken(prefix: 'st' | 'ops'): string {
  return `${prefix}_${randomBytes(32).toString('base64url')}`;
}

/** sha256 hex; tokens are stored only in this form. */
export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}
