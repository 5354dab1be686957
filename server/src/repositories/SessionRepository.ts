import { randomUUID } from 'node:crypto';
import { sql, type Kysely, type RawBuilder, type Transaction } from 'kysely';
import type { DB } from '../db/schema';
import type { LoginPlatform } from '../login/codeExchange';
import { sha256Hex, type SessionTokens } from '../domain/tokens';
import { iso } from './rows';

/** What a bearer token resolves to. */
export type SessionLookup = { kind: 'user'; userId: string } | { kind: 'deleted'; completedAt: string } | { kind: 'none' };

/** A session row as `sessionByTokenHash` selects it. */
export interface SessionRow {
  user_id: string | null;
  account_deleted_at: Date | string | null;
  live: boolean;
}

/**
 * The session row behind a token hash, with `live` false once revoked or expired (on the
 * database's clock). A statement that acts for a shopper embeds this, so one round trip both
 * authenticates and does the work. `tokenHash` is a value, or a column of the embedding statement.
 */
export function sessionByTokenHash(tokenHash: string | RawBuilder<string>): RawBuilder<SessionRow> {
  return sql<SessionRow>`select user_id, account_deleted_at, (revoked_at is null and user_id is not null and expires_at > now()) as live
    from sessions where token_hash = ${tokenHash}`;
}

/** What a session row (or its absence) means for the caller. */
export function toSessionLookup(row: SessionRow | undefined): SessionLookup {
  if (!row) return { kind: 'none' };
  if (row.account_deleted_at) return { kind: 'deleted', completedAt: iso(row.account_deleted_at) };
  if (!row.live || !row.user_id) return { kind: 'none' };
  return { kind: 'user', userId: row.user_id };
}

/** Options of the session repository. */
export interface SessionRepositoryOptions {
  /** Issues and checks signed session tokens. */
  tokens: SessionTokens;
  /** How long a refused token (unknown, revoked, expired, purged) is answered without the database. */
  refusalCacheMs: number;
  /** Refused tokens remembered at most. */
  maxRefusals?: number;
  now?: () => number;
}

/** First 64 bits of a token hash, as the unsigned-token index keeps them. */
const hashPrefix = (tokenHash: string): bigint => BigInt(`0x${tokenHash.slice(0, 16)}`);

/** Whether the sorted `index` holds `value`. */
function holds(index: BigUint64Array, value: bigint): boolean {
  let lo = 0;
  let hi = index.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const v = index[mid]!;
    if (v === value) return true;
    if (v < value) lo = mid + 1;
    else hi = mid - 1;
  }
  return false;
}

/** Shoppers and their sessions. */
export class SessionRepository {
  /** Refused tokens by hash, oldest first, with when the refusal stops being trusted. */
  private readonly refusals = new Map<string, { lookup: Exclude<SessionLookup, { kind: 'user' }>; until: number }>();
  /** Hash prefixes of the sessions that may hold an unsigned token, loaded on first need. */
  private unsignedIndex: Promise<BigUint64Array> | null = null;

  constructor(
    private readonly db: Kysely<DB>,
    private readonly options: SessionRepositoryOptions,
  ) {}

  private now(): number {
    return this.options.now ? this.options.now() : Date.now();
  }

  /**
   * Sessions issued before tokens were signed: every session live (or of a purged account) when
   * this process first meets an unsigned token. Tokens issued since are signed, so the set only
   * shrinks in meaning; an unsigned token outside it is refused without a lookup.
   */
  private unsignedSessions(): Promise<BigUint64Array> {
    this.unsignedIndex ??= this.db
      .selectFrom('sessions')
      .select('token_hash')
      .where((eb) => eb.or([eb.and([eb('revoked_at', 'is', null), eb('expires_at', '>', sql<Date>`now()`)]), eb('account_deleted_at', 'is not', null)]))
      .execute()
      .then((rows) => BigUint64Array.from(rows.map((r) => hashPrefix(r.token_hash))).sort())
      .catch((err: unknown) => {
        this.unsignedIndex = null;
        throw err;
      });
    return this.unsignedIndex;
  }

  private refused(tokenHash: string): Exclude<SessionLookup, { kind: 'user' }> | null {
    const hit = this.refusals.get(tokenHash);
    if (!hit) return null;
    if (this.now() < hit.until) return hit.lookup;
    this.refusals.delete(tokenHash);
    return null;
  }

  private rememberRefusal(tokenHash: string, lookup: Exclude<SessionLookup, { kind: 'user' }>): void {
    const max = this.options.maxRefusals ?? 50_000;
    if (this.refusals.size >= max) {
      let drop = Math.max(1, Math.floor(max / 10));
      for (const key of this.refusals.keys()) {
        this.refusals.delete(key);
        if (--drop === 0) break;
      }
    }
    this.refusals.set(tokenHash, { lookup, until: this.now() + this.options.refusalCacheMs });
  }

  /**
   * The user for a platform's subject, created on first login. A user stored under the unkeyed
   * `legacySubject` moves to the keyed one first.
   */
  async upsertUser(subjectHash: string, legacySubject?: string, platform: LoginPlatform = 'weapp'): Promise<string> {
    if (legacySubject) await this.db.updateTable('users').set({ subject_hash: subjectHash }).where('subject_hash', '=', legacySubject).execute();
    const row = await this.db
      .insertInto('users')
      .values({ id: randomUUID(), subject_hash: subjectHash, platform })
      .onConflict((oc) => oc.column('subject_hash').doUpdateSet({ last_login_at: new Date().toISOString() }))
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  }

  /**
   * The user for a platform's subject if there is one (a returning member), else null; nothing is
   * created. A user stored under the unkeyed `legacySubject` moves to the keyed one first.
   */
  async existingUser(subjectHash: string, legacySubject?: string): Promise<string | null> {
    if (legacySubject) await this.db.updateTable('users').set({ subject_hash: subjectHash }).where('subject_hash', '=', legacySubject).execute();
    const row = await this.db.updateTable('users').set({ last_login_at: new Date().toISOString() }).where('subject_hash', '=', subjectHash).returning('id').executeTakeFirst();
    return row?.id ?? null;
  }

  /** A new session on a platform; only the token's hash is stored. */
  async createSession(userId: string, ttlSeconds: number, platform: LoginPlatform = 'weapp'): Promise<{ token: string; expiresAt: string }> {
    const token = this.options.tokens.issue();
    const expiresAt = new Date(Date.now() + ttlSeconds * 1000).toISOString();
    await this.db.insertInto('sessions').values({ token_hash: sha256Hex(token), user_id: userId, expires_at: expiresAt, platform }).execute();
    return { token, expiresAt };
  }

  /**
   * Resolves a bearer token: a live session, a session of a purged account, or nothing usable.
   * A token the server never issued (its MAC fails, or an unsigned one no older session holds)
   * and a token refused lately cost no database query.
   */
  async lookup(token: string): Promise<SessionLookup> {
    const form = this.options.tokens.form(token);
    if (form === 'forged') return { kind: 'none' };
    const tokenHash = sha256Hex(token);
    if (form === 'unsigned' && !holds(await this.unsignedSessions(), hashPrefix(tokenHash))) return { kind: 'none' };
    const cached = this.refused(tokenHash);
    if (cached) return cached;
    const r = await sessionByTokenHash(tokenHash).execute(this.db);
    const found = toSessionLookup(r.rows[0]);
    if (found.kind !== 'user') this.rememberRefusal(tokenHash, found);
    return found;
  }

  /** Ends one session (sign-out on this device); true when it was live. */
  async revoke(token: string): Promise<boolean> {
    const r = await this.db.updateTable('sessions').set({ revoked_at: sql<Date>`now()` }).where('token_hash', '=', sha256Hex(token)).where('revoked_at', 'is', null).executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }

  /**
   * Ends every live session of a user made at or before `madeBy` (sign-out everywhere; a sign-out
   * sent late after being offline leaves the sessions made since); returns how many.
   */
  async revokeAll(userId: string, madeBy: Date = new Date()): Promise<number> {
    const r = await this.db
      .updateTable('sessions')
      .set({ revoked_at: sql<Date>`now()` })
      .where('user_id', '=', userId)
      .where('revoked_at', 'is', null)
      .where('created_at', '<=', madeBy.toISOString())
      .executeTakeFirst();
    return Number(r.numUpdatedRows);
  }

  /** The stored subject hash of a user and the platform it belongs to. */
  async subjectOf(userId: string): Promise<{ subject: string; platform: LoginPlatform } | null> {
    const row = await this.db.selectFrom('users').select(['subject_hash', 'platform']).where('id', '=', userId).executeTakeFirst();
    return row ? { subject: row.subject_hash, platform: row.platform } : null;
  }

  /**
   * Profile fields held about a user. The keyed hash of the openid is named after the platform it
   * belongs to: `wechatIdHash` for a WeChat account, `douyinIdHash` for a Douyin account.
   */
  async profile(userId: string): Promise<
    | ({ userId: string; platform: LoginPlatform; createdAt: string; lastLoginAt: string; nickname: string; phone: string; profileUpdatedAt: string | null } & ({ wechatIdHash: string } | { douyinIdHash: string }))
    | null
  > {
    const row = await this.db
      .selectFrom('users')
      .select(['id', 'platform', 'subject_hash', 'created_at', 'last_login_at', 'nickname', 'phone', 'profile_updated_at'])
      .where('id', '=', userId)
      .executeTakeFirst();
    return row
      ? {
          userId: row.id,
          platform: row.platform,
          ...(row.platform === 'tt' ? { douyinIdHash: row.subject_hash } : { wechatIdHash: row.subject_hash }),
          createdAt: iso(row.created_at),
          lastLoginAt: iso(row.last_login_at),
          nickname: row.nickname,
          phone: row.phone,
          profileUpdatedAt: row.profile_updated_at === null ? null : iso(row.profile_updated_at),
        }
      : null;
  }

  /** The profile details the shopper gave (nickname, mobile number); null for an unknown user. */
  async details(userId: string, db: Kysely<DB> | Transaction<DB> = this.db): Promise<{ nickname: string; phone: string; updatedAt: string | null } | null> {
    const row = await db.selectFrom('users').select(['nickname', 'phone', 'profile_updated_at']).where('id', '=', userId).executeTakeFirst();
    return row ? { nickname: row.nickname, phone: row.phone, updatedAt: row.profile_updated_at === null ? null : iso(row.profile_updated_at) } : null;
  }

  /** Replaces the profile details, the user row locked (no key change: consent writes go on); the details as they were before. */
  async replaceDetails(tx: Transaction<DB>, userId: string, next: { nickname: string; phone: string }, at: Date): Promise<{ nickname: string; phone: string; updatedAt: string | null } | null> {
    const before = await tx.selectFrom('users').select(['nickname', 'phone', 'profile_updated_at']).where('id', '=', userId).forNoKeyUpdate().executeTakeFirst();
    if (!before) return null;
    await tx.updateTable('users').set({ nickname: next.nickname, phone: next.phone, profile_updated_at: at.toISOString() }).where('id', '=', userId).execute();
    return { nickname: before.nickname, phone: before.phone, updatedAt: before.profile_updated_at === null ? null : iso(before.profile_updated_at) };
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
