import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema';
import { newToken, sha256Hex } from '../domain/tokens';
import { iso } from './rows';

/** What a bearer token resolves to. */
export type SessionLookup = { kind: 'user'; userId: string } | { kind: 'deleted'; completedAt: string } | { kind: 'none' };

/** Shoppers and their sessions. */
export class SessionRepository {
  constructor(private readonly db: Kysely<DB>) {}

  /** The user for a WeChat subject, created on first login. */
  async upsertUser(subjectHash: string): Promise<string> {
    const row = await this.db
      .insertInto('users')
      .values({ id: randomUUID(), subject_hash: subjectHash })
      .onConflict((oc) => oc.column('subject_hash').doUpdateSet({ last_login_at: new Date().toISOString() }))
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  }

  /** A new session; only the token's hash is stored. */
  async createSession(userId: string, ttlSeconds: number): Promise<{ token: string; expiresAt: string }> {
    const token = newToken('st');
    const expiresAt = new Date(Date.now() + ttlSeconds * 1000).toISOString();
    await this.db.insertInto('sessions').values({ token_hash: sha256Hex(token), user_id: userId, expires_at: expiresAt }).execute();
    return { token, expiresAt };
  }

  /** Resolves a bearer token: a live session, a session of a purged account, or nothing usable. */
  async lookup(token: string): Promise<SessionLookup> {
    const row = await this.db
      .selectFrom('sessions')
      .select(['user_id', 'expires_at', 'revoked_at', 'account_deleted_at'])
      .where('token_hash', '=', sha256Hex(token))
      .executeTakeFirst();
    if (!row) return { kind: 'none' };
    if (row.account_deleted_at) return { kind: 'deleted', completedAt: iso(row.account_deleted_at) };
    if (row.revoked_at || !row.user_id || Date.parse(iso(row.expires_at)) <= Date.now()) return { kind: 'none' };
    return { kind: 'user', userId: row.user_id };
  }

  /** The stored WeChat subject hash of a user. */
  async subjectOf(userId: string): Promise<string | null> {
    const row = await this.db.selectFrom('users').select('subject_hash').where('id', '=', userId).executeTakeFirst();
    return row?.subject_hash ?? null;
  }

  /** Profile fields held about a user. */
  async profile(userId: string): Promise<{ userId: string; createdAt: string; lastLoginAt: string } | null> {
    const row = await this.db.selectFrom('users').select(['id', 'created_at', 'last_login_at']).where('id', '=', userId).executeTakeFirst();
    return row ? { userId: row.id, createdAt: iso(row.created_at), lastLoginAt: iso(row.last_login_at) } : null;
  }

  /** The user's sessions, without token hashes. */
  async sessionsOf(userId: string): Promise<{ createdAt: string; expiresAt: string; revoked: boolean }[]> {
    const rows = await this.db
      .selectFrom('sessions')
      .select(['created_at', 'expires_at', 'revoked_at'])
      .where('user_id', '=', userId)
      .orderBy('created_at')
      .execute();
    return rows.map((r) => ({ createdAt: iso(r.created_at), expiresAt: iso(r.expires_at), revoked: r.revoked_at !== null }));
  }
}
