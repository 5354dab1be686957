import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** A new opaque bearer token: 32 random bytes, base64url, with a prefix telling its kind. */
export function newToken(prefix: 'st' | 'ops'): string {
  return `${prefix}_${randomBytes(32).toString('base64url')}`;
}

/** sha256 hex; tokens are stored only in this form. */
export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

const SESSION_RANDOM_BYTES = 32;
const SESSION_MAC_BYTES = 16;
/** A signed session token: `st_` and base64url of 32 random bytes followed by their 16-byte MAC. */
const SIGNED_SESSION = /^st_[A-Za-z0-9_-]{64}$/;
/** A session token issued before tokens were signed: `st_` and base64url of 32 random bytes. */
const UNSIGNED_SESSION = /^st_[A-Za-z0-9_-]{43}$/;

/** What the server can tell about a shopper token without its database. */
export type SessionTokenForm = 'signed' | 'unsigned' | 'forged';

/**
 * Shopper session tokens carry a MAC keyed by a secret every process shares, so a token the
 * server never issued is refused without a database lookup. The token is still only a pointer:
 * whether its session is live (not revoked, not expired, account not purged) is the database's.
 */
export class SessionTokens {
  private readonly key: Buffer;

  /** `secret`: the server's shared secret (the pseudonym key); a separate key is derived from it. */
  constructor(secret: string) {
    this.key = createHmac('sha256', Buffer.from(secret, 'utf8')).update('session-token-mac/v1', 'utf8').digest();
  }

  private mac(random: Buffer): Buffer {
    return createHmac('sha256', this.key).update(random).digest().subarray(0, SESSION_MAC_BYTES);
  }

  /** A new signed session token. */
  issue(): string {
    const random = randomBytes(SESSION_RANDOM_BYTES);
    return `st_${Buffer.concat([random, this.mac(random)]).toString('base64url')}`;
  }

  /** `signed` when its MAC checks, `unsigned` for the older 32-byte form, else `forged`. */
  form(token: string): SessionTokenForm {
    if (UNSIGNED_SESSION.test(token)) return 'unsigned';
    if (!SIGNED_SESSION.test(token)) return 'forged';
    const bytes = Buffer.from(token.slice(3), 'base64url');
    if (bytes.length !== SESSION_RANDOM_BYTES + SESSION_MAC_BYTES) return 'forged';
    const random = bytes.subarray(0, SESSION_RANDOM_BYTES);
    return timingSafeEqual(bytes.subarray(SESSION_RANDOM_BYTES), this.mac(random)) ? 'signed' : 'forged';
  }
}
