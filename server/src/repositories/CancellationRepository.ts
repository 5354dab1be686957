import { randomUUID } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { CancellationResponse, CancellationStatus } from '@maison/privacy/contract';
import type { DB } from '../db/schema';
import { iso, isoOrNull } from './rows';

type Db = Kysely<DB> | Transaction<DB>;

type Row = {
  id: string;
  status: CancellationStatus;
  requested_at: unknown;
  cooling_off_ends_at: unknown;
  deadline: unknown;
  completed_at: unknown;
  withdrawn_at: unknown;
  reason: string | null;
};

/** A cancellation request as the shopper sees it. */
export type CancellationView = CancellationResponse & { withdrawnAt: string | null; reason: string | null };

function toView(r: Row): CancellationView {
  return {
    id: r.id,
    status: r.status,
    requestedAt: iso(r.requested_at),
    coolingOffEndsAt: iso(r.cooling_off_ends_at),
    deadline: iso(r.deadline),
    completedAt: isoOrNull(r.completed_at),
    withdrawnAt: isoOrNull(r.withdrawn_at),
    reason: r.reason,
  };
}

const COLUMNS = ['id', 'status', 'requested_at', 'cooling_off_ends_at', 'deadline', 'completed_at', 'withdrawn_at', 'reason'] as const;

/** Account cancellation requests. */
export class CancellationRepository {
  constructor(private readonly db: Kysely<DB>) {}

  /** The user's latest request. */
  async latest(userId: string, db: Db = this.db): Promise<CancellationView | null> {
    const row = await db
      .selectFrom('cancellation_requests')
      .select(COLUMNS)
      .where('user_id', '=', userId)
      .orderBy('requested_at', 'desc')
      .limit(1)
      .executeTakeFirst();
    return row ? toView(row as Row) : null;
  }

  /** All of the user's requests, newest first. */
  async all(userId: string): Promise<CancellationView[]> {
    const rows = await this.db.selectFrom('cancellation_requests').select(COLUMNS).where('user_id', '=', userId).orderBy('requested_at', 'desc').execute();
    return rows.map((r) => toView(r as Row));
  }

  /** Creates a pending request. */
  async create(
    tx: Db,
    userId: string,
    fields: { reason: string | null; requestedAt: Date; coolingOffEndsAt: Date; deadline: Date },
  ): Promise<CancellationView> {
    const row = await tx
      .insertInto('cancellation_requests')
      .values({
        id: randomUUID(),
        user_id: userId,
        status: 'pending',
        reason: fields.reason,
        requested_at: fields.requestedAt.toISOString(),
        cooling_off_ends_at: fields.coolingOffEndsAt.toISOString(),
        deadline: fields.deadline.toISOString(),
      })
      .returning(COLUMNS)
      .executeTakeFirstOrThrow();
    return toView(row as Row);
  }

  /**
   * Withdraws every pending request of the user; returns how many. The purge claims with a row
   * lock, so a request is either claimed or withdrawn, never both. There is at most one open
   * request per user (a unique index), but a withdrawal ends all of them whatever the data holds.
   */
  async withdrawOpen(userId: string, idempotencyRoute?: string): Promise<number> {
    return this.db.transaction().execute(async (tx) => {
      const r = await tx
        .updateTable('cancellation_requests')
        .set({ status: 'withdrawn', withdrawn_at: new Date().toISOString() })
        .where('user_id', '=', userId)
        .where('status', '=', 'pending')
        .executeTakeFirst();
      const done = Number(r.numUpdatedRows);
      // The stored "202 pending" answers are stale now: a replayed key must not repeat them.
      if (done > 0 && idempotencyRoute) await tx.deleteFrom('idempotency_keys').where('user_id', '=', userId).where('route', '=', idempotencyRoute).execute();
      return done;
    });
  }

  /** The user's open (pending or processing) request, if any. */
  async open(userId: string, db: Db = this.db): Promise<CancellationView | null> {
    const row = await db
      .selectFrom('cancellation_requests')
      .select(COLUMNS)
      .where('user_id', '=', userId)
      .where('status', 'in', ['pending', 'processing'])
      .orderBy('requested_at', 'desc')
      .limit(1)
      .executeTakeFirst();
    return row ? toView(row as Row) : null;
  }

  /** The queue for ops: open requests and recent completions with their deadlines. */
  async queue(): Promise<{ id: string; status: CancellationStatus; requestedAt: string; coolingOffEndsAt: string; deadline: string; completedAt: string | null }[]> {
    const rows = await this.db
      .selectFrom('cancellation_requests')
      .select(['id', 'status', 'requested_at', 'cooling_off_ends_at', 'deadline', 'completed_at'])
      .where('status', 'in', ['pending', 'processing', 'completed'])
      .orderBy('deadline')
      .limit(500)
      .execute();
    return rows.map((r) => ({
      id: r.id,
      status: r.status,
      requestedAt: iso(r.requested_at),
      coolingOffEndsAt: iso(r.cooling_off_ends_at),
      deadline: iso(r.deadline),
      completedAt: isoOrNull(r.completed_at),
    }));
  }

  /** Deletion notices to the overseas receiver still to be acknowledged (queued, not yet answered 2xx). */
  async unsentReceiverNotices(): Promise<number> {
    const row = await this.db
      .selectFrom('receiver_deletions')
      .select((eb) => eb.fn.countAll<number | string>().as('n'))
      .where('acknowledged_at', 'is', null)
      .where('receiver_subject', 'is not', null)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }
}
