import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import type { ColumnType, Kysely } from 'kysely';
import type { DB } from '../db/schema';
import { sha256Hex } from '../domain/tokens';
import { iso } from './rows';

/** Tables of the ops console sessions (migration 002). */
export type ConsoleSessionTables = {
  ops_console_sessions: {
    id_hash: string;
    token_id: string;
    sealed_token: string;
    created_at: ColumnType<Date | string, Date | string | undefined, Date | string>;
    expires_at: ColumnType<Date | string, Date | string, Date | string>;
  };
};

/** An open console session. */
export interface ConsoleSession {
  tokenId: string;
  /** The ops token the session was opened with, unsealed with the cookie's secret. */
  opsToken: string;
  expiresAt: string;
}

const SEAL_INFO = 'ops-console-token';
const CSRF_INFO = 'ops-console-csrf';

function keyFrom(secret: string, info: string): Buffer {
  return Buffer.from(hkdfSync('sha256', Buffer.from(secret, 'utf8'), Buffer.alloc(0), info, 32));
}

/** AES-256-GCM under a key derived from the session secret: `iv.tag.ciphertext`, base64url. */
function seal(secret: string, text: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', keyFrom(secret, SEAL_INFO), iv);
  const body = Buffer.concat([cipher.update(text, 'utf8'), cipher.final()]);
  return [iv, cipher.getAuthTag(), body].map((b) => b.toString('base64url')).join('.');
}

function unseal(secret: string, sealed: string): string | null {
  const [iv, tag, body] = sealed.split('.').map((p) => Buffer.from(p, 'base64url'));
  if (!iv || !tag || !body) return null;
  try {
    const decipher = createDecipheriv('aes-256-gcm', keyFrom(secret, SEAL_INFO), iv);
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(body), decipher.final()]).toString('utf8');
  } catch {
    return null;
  }
}

/** The CSRF token of a session: derived from its secret, so it is bound to it and needs no storage. */
export function csrfTokenOf(secret: string): string {
  return keyFrom(secret, CSRF_INFO).toString('base64url');
}

/**
 * Console sessions. The cookie holds a random secret; the row is found by its sha256 and holds
 * the ops token sealed under a key derived from the secret.
 */
export class ConsoleSessionRepository {
  private readonly db: Kysely<DB & ConsoleSessionTables>;

  constructor(db: Kysely<DB>) {
    this.db = db.withTables<ConsoleSessionTables>();
  }

  /** Opens a session for a resolved token; returns the secret to put in the cookie. */
  async open(fields: { tokenId: string; opsToken: string; expiresAt: Date }): Promise<{ secret: string; expiresAt: string }> {
    const secret = randomBytes(32).toString('base64url');
    // Expired rows are useless (their secrets are gone with the cookies): sweep them on the way.
    await this.db.deleteFrom('ops_console_sessions').where('expires_at', '<=', new Date().toISOString()).execute();
    await this.db
      .insertInto('ops_console_sessions')
      .values({ id_hash: sha256Hex(secret), token_id: fields.tokenId, sealed_token: seal(secret, fields.opsToken), expires_at: fields.expiresAt.toISOString() })
      .execute();
    return { secret, expiresAt: fields.expiresAt.toISOString() };
  }

  /** The live session of a cookie secret, or null (unknown, expired or unreadable). */
  async find(secret: string): Promise<ConsoleSession | null> {
    if (!/^[A-Za-z0-9_-]{20,100}$/.test(secret)) return null;
    const row = await this.db
      .selectFrom('ops_console_sessions')
      .select(['token_id', 'sealed_token', 'expires_at'])
      .where('id_hash', '=', sha256Hex(secret))
      .where('expires_at', '>', new Date().toISOString())
      .executeTakeFirst();
    if (!row) return null;
    const opsToken = unseal(secret, row.sealed_token);
    return opsToken ? { tokenId: row.token_id, opsToken, expiresAt: iso(row.expires_at) } : null;
  }

  /** Ends a session; true when there was one. */
  async close(secret: string): Promise<boolean> {
    const r = await this.db.deleteFrom('ops_console_sessions').where('id_hash', '=', sha256Hex(secret)).executeTakeFirst();
    return Number(r.numDeletedRows) > 0;
  }

  /** Number of sessions stored for a token (tests and diagnostics). */
  async countFor(tokenId: string): Promise<number> {
    const rows = await this.db.selectFrom('ops_console_sessions').select('id_hash').where('token_id', '=', tokenId).execute();
    return rows.length;
  }
}
