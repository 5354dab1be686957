import { randomUUID } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import {
  OPEN_REQUEST_STATUSES,
  type RightsRequest,
  type RightsRequestOutcome,
  type RightsRequestStatus,
  type RightsRequestType,
} from '@maison/privacy/contract';
import type { DB } from '../db/schema';
import { iso, isoOrNull } from './rows';

type Db = Kysely<DB> | Transaction<DB>;

/** Where a fulfilled copy or portability request's file is (the export, read with the shopper's session). */
export const EXPORT_FILE = '/v1/me/export';

const COLUMNS = ['id', 'user_id', 'type', 'status', 'details', 'categories', 'received_at', 'deadline', 'decided_at', 'outcome', 'reason'] as const;

type Row = {
  id: string;
  user_id: string;
  type: RightsRequestType;
  status: RightsRequestStatus;
  details: string | null;
  categories: unknown;
  received_at: unknown;
  deadline: unknown;
  decided_at: unknown;
  outcome: RightsRequestOutcome | null;
  reason: unknown;
};

/** A request as ops see it: the shopper's view plus whose it is. */
export type OpsRightsRequest = RightsRequest & { subject: string };

// jsonb comes back parsed from pg and PGlite alike; a string is parsed defensively.
const json = (v: unknown): unknown => (typeof v === 'string' ? JSON.parse(v) : v);

function toView(r: Row): RightsRequest {
  const decidedAt = isoOrNull(r.decided_at);
  const reason = json(r.reason) as { zh: string; en: string } | null;
  return {
    id: r.id,
    type: r.type,
    status: r.status,
    receivedAt: iso(r.received_at),
    deadline: iso(r.deadline),
    categories: (json(r.categories) as string[] | null) ?? [],
    details: r.details,
    ...(decidedAt !== null ? { decidedAt } : {}),
    ...(r.outcome !== null ? { outcome: r.outcome } : {}),
    ...(reason !== null ? { reason } : {}),
    // A fulfilled copy or portability request is answered with the export file.
    ...(r.status === 'fulfilled' && (r.type === 'copy' || r.type === 'portability') ? { file: EXPORT_FILE } : {}),
  };
}

/** The request desk's requests. */
export class RightsRequestRepository {
  constructor(private readonly db: Kysely<DB>) {}

  /** Stores a received request. */
  async create(
    tx: Db,
    userId: string,
    fields: { type: RightsRequestType; details: string | null; categories: readonly string[]; receivedAt: Date; deadline: Date },
  ): Promise<RightsRequest> {
    const row = await tx
      .insertInto('rights_requests')
      .values({
        id: randomUUID(),
        user_id: userId,
        type: fields.type,
        status: 'received',
        details: fields.details,
        categories: JSON.stringify(fields.categories),
        received_at: fields.receivedAt.toISOString(),
        deadline: fields.deadline.toISOString(),
      })
      .returning(COLUMNS)
      .executeTakeFirstOrThrow();
    return toView(row as Row);
  }

  /**
   * Stores a request the server answered itself at once (a profile correction, the deletion of
   * records whose only basis was a withdrawn consent, an export): fulfilled when received.
   */
  async createFulfilled(
    tx: Db,
    userId: string,
    fields: { type: RightsRequestType; details: string | null; categories: readonly string[]; receivedAt: Date; deadline: Date; by: string },
  ): Promise<RightsRequest> {
    const at = fields.receivedAt.toISOString();
    const row = await tx
      .insertInto('rights_requests')
      .values({
        id: randomUUID(),
        user_id: userId,
        type: fields.type,
        status: 'fulfilled',
        outcome: 'fulfilled',
        details: fields.details,
        categories: JSON.stringify(fields.categories),
        received_at: at,
        deadline: fields.deadline.toISOString(),
        decided_at: at,
        decided_by: fields.by,
      })
      .returning(COLUMNS)
      .executeTakeFirstOrThrow();
    return toView(row as Row);
  }

  /** The shopper's requests, newest first. */
  async mine(userId: string, db: Db = this.db): Promise<RightsRequest[]> {
    const rows = await db.selectFrom('rights_requests').select(COLUMNS).where('user_id', '=', userId).orderBy('received_at', 'desc').orderBy('id').execute();
    return rows.map((r) => toView(r as Row));
  }

  /** One of the shopper's requests; null for another shopper's or an unknown id. */
  async mineById(userId: string, id: string, db: Db = this.db): Promise<RightsRequest | null> {
    const row = await db.selectFrom('rights_requests').select(COLUMNS).where('id', '=', id).where('user_id', '=', userId).executeTakeFirst();
    return row ? toView(row as Row) : null;
  }

  /** Withdraws the shopper's request while it is open; the request as it is now, or null when it is not theirs. */
  async withdraw(userId: string, id: string, db: Db = this.db): Promise<RightsRequest | null> {
    // One statement: a decision committed first leaves nothing open to withdraw (and the reverse).
    await db
      .updateTable('rights_requests')
      .set({ status: 'withdrawn', decided_at: new Date().toISOString() })
      .where('id', '=', id)
      .where('user_id', '=', userId)
      .where('status', 'in', OPEN_REQUEST_STATUSES)
      .execute();
    return this.mineById(userId, id, db);
  }

  /** Requests for ops, earliest deadline first: every one, the open ones (received or in progress), or those of one status. */
  async forOps(status: 'open' | RightsRequestStatus | undefined, limit: number, db: Db = this.db): Promise<OpsRightsRequest[]> {
    let q = db.selectFrom('rights_requests').select(COLUMNS).orderBy('deadline').orderBy('received_at').orderBy('id').limit(limit);
    if (status === 'open') q = q.where('status', 'in', OPEN_REQUEST_STATUSES);
    else if (status !== undefined) q = q.where('status', '=', status);
    const rows = await q.execute();
    return rows.map((r) => ({ ...toView(r as Row), subject: (r as Row).user_id }));
  }

  /** Records ops' answer while the request is open; the request as it is now (null: no such request). */
  async decide(
    id: string,
    decision: { outcome: RightsRequestOutcome; reason: { zh: string; en: string } | null; actor: string },
    db: Db = this.db,
  ): Promise<{ updated: boolean; request: OpsRightsRequest | null }> {
    const updated = await db
      .updateTable('rights_requests')
      .set({
        status: decision.outcome,
        outcome: decision.outcome,
        reason: decision.reason === null ? null : JSON.stringify(decision.reason),
        decided_at: new Date().toISOString(),
        decided_by: decision.actor,
      })
      .where('id', '=', id)
      .where('status', 'in', OPEN_REQUEST_STATUSES)
      .executeTakeFirst();
    const row = await db.selectFrom('rights_requests').select(COLUMNS).where('id', '=', id).executeTakeFirst();
    return { updated: Number(updated.numUpdatedRows) === 1, request: row ? { ...toView(row as Row), subject: (row as Row).user_id } : null };
  }
}
