import { randomUUID } from 'node:crypto';
import { sql, type Kysely, type Transaction } from 'kysely';
import type { AuditAction, OpsRole, SignInFailure } from '@maison/privacy/contract';
import type { DB } from '../db/schema';
import { newToken, sha256Hex } from '../domain/tokens';
import { iso, isoOrNull } from './rows';

type Db = Kysely<DB> | Transaction<DB>;

/** A named ops token, without its secret. */
export interface OpsTokenView {
  id: string;
  name: string;
  role: OpsRole;
  createdBy: string;
  createdAt: string;
  expiresAt: string;
  revokedAt: string | null;
}

/** One audit entry. */
export interface AuditEntry {
  id: number;
  at: string;
  actor: string;
  /** The ops token that acted (null for the system). */
  actorId: string | null;
  action: string;
  target: string | null;
  details: unknown;
}

/** Which audit entries to read: all filters optional, `from`/`to` as instants (the route turns China days into them). */
export interface AuditQuery {
  limit: number;
  /** Entries with an id below this (the next page). */
  before?: number;
  action?: AuditAction;
  /** `alice` matches `ops:alice` and `alice`; `ops:alice` only itself. */
  actor?: string;
  /** Inclusive. */
  from?: Date;
  /** Exclusive. */
  to?: Date;
}

/** A refused console sign-in, as audited: never the token, at most the id and name of the token it turned out to be. */
export interface FailedSignIn {
  reason: SignInFailure;
  address: string;
  token: { id: string; name: string } | null;
}

/** Failed sign-ins of one address, reason and token share a row per window of this length. */
export const SIGN_IN_FAILURE_WINDOW_MS = 10 * 60 * 1000;
/**
 * Rows one window holds at most before further failures (from further addresses) share one
 * overflow row: a flood from many addresses adds a bounded number of rows, and is still counted.
 */
export const SIGN_IN_FAILURE_ROWS_PER_WINDOW = 20;

/** Ops tokens and the audit log. */
export class OpsRepository {
  constructor(private readonly db: Kysely<DB>) {}

  /** Creates a token; the secret is returned once and only its hash is kept. */
  async createToken(
    fields: { name: string; role: OpsRole; expiresAt: Date; createdBy: string },
    db: Db = this.db,
  ): Promise<OpsTokenView & { token: string }> {
    const token = newToken('ops');
    // An expired token keeps its name only until a new one wants it.
    await db.updateTable('ops_tokens').set({ revoked_at: sql<Date>`now()` }).where('name', '=', fields.name).where('revoked_at', 'is', null).where('expires_at', '<=', sql<Date>`now()`).execute();
    const row = await db
      .insertInto('ops_tokens')
      .values({
        id: randomUUID(),
        name: fields.name,
        role: fields.role,
        token_hash: sha256Hex(token),
        created_by: fields.createdBy,
        expires_at: fields.expiresAt.toISOString(),
      })
      .returning(['id', 'name', 'role', 'created_by', 'created_at', 'expires_at', 'revoked_at'])
      .executeTakeFirstOrThrow();
    return { ...this.toView(row), token };
  }

  private toView(r: { id: string; name: string; role: OpsRole; created_by: string; created_at: unknown; expires_at: unknown; revoked_at: unknown }): OpsTokenView {
    return {
      id: r.id,
      name: r.name,
      role: r.role,
      createdBy: r.created_by,
      createdAt: iso(r.created_at),
      expiresAt: iso(r.expires_at),
      revokedAt: isoOrNull(r.revoked_at),
    };
  }

  /** A live token's holder, or null for unknown, expired or revoked tokens. */
  async resolve(token: string): Promise<OpsTokenView | null> {
    const row = await this.db
      .selectFrom('ops_tokens')
      .select(['id', 'name', 'role', 'created_by', 'created_at', 'expires_at', 'revoked_at'])
      .where('token_hash', '=', sha256Hex(token))
      .where('revoked_at', 'is', null)
      .where('expires_at', '>', new Date().toISOString())
      .executeTakeFirst();
    return row ? this.toView(row) : null;
  }

  /** Every token, newest first. */
  async listTokens(): Promise<OpsTokenView[]> {
    const rows = await this.db
      .selectFrom('ops_tokens')
      .select(['id', 'name', 'role', 'created_by', 'created_at', 'expires_at', 'revoked_at'])
      .orderBy('created_at', 'desc')
      .execute();
    return rows.map((r) => this.toView(r));
  }

  /** Revokes a token; false when it does not exist or was already revoked. */
  async revokeToken(id: string, db: Db = this.db): Promise<boolean> {
    return (await this.revokeTokenNamed(id, db)) !== null;
  }

  /** Revokes a token and answers its name; null when it does not exist or was already revoked. */
  async revokeTokenNamed(id: string, db: Db = this.db): Promise<string | null> {
    const r = await db
      .updateTable('ops_tokens')
      .set({ revoked_at: new Date().toISOString() })
      .where('id', '=', id)
      .where('revoked_at', 'is', null)
      .returning('name')
      .executeTakeFirst();
    return r?.name ?? null;
  }

  /**
   * Why `token` is not a live ops token: a token of ours that expired or was revoked (with its id
   * and name), or one the server never issued (`unknown`). Only its hash is looked up.
   */
  async refusal(token: string): Promise<{ reason: SignInFailure; token: { id: string; name: string } | null }> {
    const row = await this.db.selectFrom('ops_tokens').select(['id', 'name', 'expires_at', 'revoked_at']).where('token_hash', '=', sha256Hex(token)).executeTakeFirst();
    if (!row) return { reason: 'unknown', token: null };
    // A token revoked after it expired (its name taken by a new one) counts as revoked.
    if (row.revoked_at !== null) return { reason: 'revoked', token: { id: row.id, name: row.name } };
    if (Date.parse(iso(row.expires_at)) <= Date.now()) return { reason: 'expired', token: { id: row.id, name: row.name } };
    return { reason: 'unknown', token: null };
  }

  /**
   * Audits a refused console sign-in, coalesced: within one window (`SIGN_IN_FAILURE_WINDOW_MS`,
   * aligned to the clock) the attempts of one address with one reason and token share one row,
   * `details.attempts` counting them and `details.lastAt` the latest. Once a window holds
   * `SIGN_IN_FAILURE_ROWS_PER_WINDOW` rows, attempts of any further address share one overflow
   * row of that window. Nothing of the token is stored.
   */
  async auditFailedSignIn(failure: FailedSignIn, now = new Date()): Promise<void> {
    const windowStart = new Date(Math.floor(now.getTime() / SIGN_IN_FAILURE_WINDOW_MS) * SIGN_IN_FAILURE_WINDOW_MS).toISOString();
    const prefix = `console.sign-in.failed|${windowStart}|`;
    const at = now.toISOString();
    const bump = async (key: string): Promise<boolean> => {
      const r = await sql`update audit_log set details = details || jsonb_build_object('attempts', (details->>'attempts')::int + 1, 'lastAt', ${at}::text) where coalesce_key = ${key}`.execute(this.db);
      return Number(r.numAffectedRows ?? 0) > 0;
    };
    let key = `${prefix}${failure.reason}|${failure.token?.id ?? '-'}|${failure.address}`;
    let details: Record<string, unknown> = { reason: failure.reason, address: failure.address, attempts: 1, firstAt: at, lastAt: at, ...(failure.token ? { tokenName: failure.token.name } : {}) };
    if (await bump(key)) return;
    const inWindow = await this.db.selectFrom('audit_log').select(sql<number>`count(*)::int`.as('n')).where('coalesce_key', 'like', `${prefix}%`).executeTakeFirstOrThrow();
    if (Number(inWindow.n) >= SIGN_IN_FAILURE_ROWS_PER_WINDOW) {
      key = `${prefix}overflow`;
      details = { reason: 'overflow', attempts: 1, firstAt: at, lastAt: at };
    }
    // Two first attempts at once: one inserts, the other raises its count.
    await sql`insert into audit_log (actor, action, target, details, coalesce_key)
      values ('anonymous', 'console.sign-in.failed', ${key.endsWith('|overflow') || !failure.token ? null : `token:${failure.token.id}`}, ${JSON.stringify(details)}::jsonb, ${key})
      on conflict (coalesce_key) where coalesce_key is not null
      do update set details = audit_log.details || jsonb_build_object('attempts', (audit_log.details->>'attempts')::int + 1, 'lastAt', ${at}::text)`.execute(this.db);
  }

  /** True when no ops token was ever created. */
  async noTokens(): Promise<boolean> {
    const row = await this.db.selectFrom('ops_tokens').select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow();
    return Number(row.n) === 0;
  }

  /** Writes one audit entry. */
  async audit(entry: { actor: string; actorId?: string | null; action: string; target?: string | null; details?: unknown }, db: Db = this.db): Promise<void> {
    await db
      .insertInto('audit_log')
      .values({ actor: entry.actor, actor_id: entry.actorId ?? null, action: entry.action, target: entry.target ?? null, details: JSON.stringify(entry.details ?? {}) })
      .execute();
  }

  /** Audit entries, newest first, matching the query. */
  async auditLog(query: AuditQuery): Promise<AuditEntry[]> {
    let q = this.db.selectFrom('audit_log').select(['id', 'at', 'actor', 'actor_id', 'action', 'target', 'details']).orderBy('id', 'desc').limit(query.limit);
    if (query.before !== undefined) q = q.where(sql<boolean>`id < ${query.before}`);
    if (query.action !== undefined) q = q.where('action', '=', query.action);
    if (query.actor !== undefined) q = q.where('actor', 'in', query.actor.startsWith('ops:') ? [query.actor] : [query.actor, `ops:${query.actor}`]);
    if (query.from !== undefined) q = q.where('at', '>=', query.from.toISOString());
    if (query.to !== undefined) q = q.where('at', '<', query.to.toISOString());
    const rows = await q.execute();
    return rows.map((r) => ({ id: Number(r.id), at: iso(r.at), actor: r.actor, actorId: r.actor_id, action: r.action, target: r.target, details: r.details }));
  }
}
