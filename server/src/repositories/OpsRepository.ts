import { randomUUID } from 'node:crypto';
import { sql, type Kysely, type Transaction } from 'kysely';
import type { OpsRole } from '@maison/privacy/contract';
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
    const r = await db
      .updateTable('ops_tokens')
      .set({ revoked_at: new Date().toISOString() })
      .where('id', '=', id)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
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

  /** Audit entries, newest first, before an optional id. */
  async auditLog(limit: number, before?: number): Promise<AuditEntry[]> {
    let q = this.db.selectFrom('audit_log').selectAll().orderBy('id', 'desc').limit(limit);
    if (before !== undefined) q = q.where(sql<boolean>`id < ${before}`);
    const rows = await q.execute();
    return rows.map((r) => ({ id: Number(r.id), at: iso(r.at), actor: r.actor, actorId: r.actor_id, action: r.action, target: r.target, details: r.details }));
  }
}
