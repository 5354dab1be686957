import { randomUUID } from 'node:crypto';
import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../db/schema';
import type { Pseudonyms } from '../domain/pseudonyms';

/** The steps of one purge batch, in order; all run in one transaction after the claim. */
export const PURGE_STEPS = Object.freeze([
  'claim',
  'revoke-sessions',
  'record-receiver-deletion',
  'pseudonymise-consents',
  'delete-idempotency-keys',
  'delete-shop-records',
  'complete-requests',
  'delete-users',
] as const);
export type PurgeStep = (typeof PURGE_STEPS)[number];

/**
 * Tables a purge updates or deletes personal rows in. Their old row versions (dead tuples) keep
 * the bytes in the table and index files until the pages are rewritten, and a plain VACUUM only
 * marks the space reusable: measured on PostgreSQL 15, a dead row at the lowest address of its
 * page was still readable in the file after VACUUM and CHECKPOINT. `compact()` rewrites them.
 */
export const PURGED_TABLES = Object.freeze(['consent_events', 'consent_state', 'cancellation_requests', 'rights_requests', 'idempotency_keys', 'sessions', 'users', 'receiver_deletions', 'shop_warranties', 'shop_product_views'] as const);

/** Longest wait, before compacting, for transactions begun before it to end (ms). */
export const COMPACT_WAIT_MS = 10_000;

/** The event id of every kept consent proof: the client-made id is held by the app, so it is not kept. */
export const PURGED_EVENT_ID = 'purged';

/**
 * Times of kept consent proofs are cut to the day in China time (the shop's day): the exact
 * times are on the shopper's phone (the device clock's `occurredAt`) or seconds from them.
 */
export const PROOF_TIME_ZONE = 'Asia/Shanghai';

/**
 * Accounts per purge transaction: small on PGlite (one connection: requests wait between batches),
 * large on PostgreSQL (measured: 2,000 purges 30,000 accounts ~35% faster than 500).
 */
export const PURGE_BATCH_SIZE = Object.freeze({ pglite: 50, postgres: 2000 });

/** How the purger runs. */
export interface AccountPurgerOptions {
  /** Accounts per transaction: small on PGlite so requests between batches are not stalled. */
  batchSize?: number;
  /** The receiver abroad named in the policy, recorded with each deletion notice to it. */
  receiver: string;
  /**
   * The consents under which data goes to that receiver (the app's cross-border consents): a
   * shopper who granted one at some time gets a deletion notice; no one else does.
   */
  overseasPurposes: readonly string[];
  /** Called after a batch that queued deletion notices has committed (to send them at once). */
  onNoticesQueued?: () => void;
  /** Keyed pseudonyms (PSEUDONYM_KEY) for the kept user and device ids. */
  pseudonyms: Pseudonyms;
  /** Called after each step (progress logging); an exception aborts the batch like a crash would. */
  onStep?: (step: PurgeStep, requestIds: readonly string[]) => void | Promise<void>;
}

/** Rows of `{u: user id, s: its pseudonym}` as one JSON parameter, for set-based updates. */
const userMap = (pairs: { u: string; s: string }[]) => sql`(select u::uuid as u, s from jsonb_to_recordset(${JSON.stringify(pairs)}::jsonb) as m(u text, s text))`;

/**
 * Purges accounts whose cooling-off has ended. Claiming marks requests `processing` (committed),
 * then one transaction per batch revokes sessions, queues a deletion notice to the overseas receiver
 * for each shopper whose data went there (a cross-border consent granted at some time; the
 * ReceiverNotifier sends it), keeps consent proofs under keyed pseudonyms, deletes the rest and
 * marks the requests completed.
 * A crash at any point leaves either the claim or nothing; re-running picks up `processing`
 * requests, and `FOR UPDATE SKIP LOCKED` keeps several workers off each other's rows.
 */
export class AccountPurger {
  private readonly batchSize: number;

  constructor(
    private readonly db: Kysely<DB>,
    private readonly options: AccountPurgerOptions,
  ) {
    this.batchSize = options.batchSize ?? 100;
  }

  /** Purges every due account; returns how many were completed. */
  async runOnce(): Promise<number> {
    let total = 0;
    for (;;) {
      await this.claimDue();
      const done = await this.purgeBatch();
      total += done;
      if (done === 0) return total;
    }
  }

  /**
   * Rewrites the tables a purge touched (`VACUUM FULL`: new files holding only live rows, indexes
   * and TOAST rebuilt; the old files are removed at the next checkpoint), so a purged shopper's
   * device ids and free text are gone from the relation files, not only from query results. Each
   * table is locked (ACCESS EXCLUSIVE) while it is rewritten: requests on it wait that long.
   * VACUUM cannot run in a transaction; on PGlite it takes the one connection like any statement.
   */
  async compact(): Promise<void> {
    await this.waitForEarlierTransactions();
    for (const table of PURGED_TABLES) await sql`vacuum full ${sql.table(table)}`.execute(this.db);
  }

  /**
   * VACUUM FULL copies the deleted rows that a transaction begun before it may still see: waits
   * (at most `COMPACT_WAIT_MS`) until every such transaction of this database has ended, so the
   * rewritten files hold none of the purged rows. PGlite has no other connection to wait for.
   */
  private async waitForEarlierTransactions(): Promise<void> {
    const { rows } = await sql<{ t: Date }>`select clock_timestamp() as t`.execute(this.db);
    const start = rows[0]!.t;
    const deadline = Date.now() + COMPACT_WAIT_MS;
    for (;;) {
      const earlier = await sql<{ n: number }>`select count(*)::int as n from pg_stat_activity
        where datname = current_database() and pid <> pg_backend_pid() and backend_xmin is not null and xact_start < ${start}`.execute(this.db);
      if ((earlier.rows[0]?.n ?? 0) === 0 || Date.now() >= deadline) return;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  /** Moves due pending requests to `processing`, in batches; withdrawals race on the same row lock. */
  private async claimDue(): Promise<void> {
    for (;;) {
      const claimed = await this.db.transaction().execute(async (tx) => {
        const due = await tx
          .selectFrom('cancellation_requests')
          .select('id')
          .where('status', '=', 'pending')
          .where('cooling_off_ends_at', '<=', sql<Date>`now()`)
          .orderBy('cooling_off_ends_at')
          .limit(this.batchSize)
          .forUpdate()
          .skipLocked()
          .execute();
        if (due.length === 0) return 0;
        const ids = due.map((r) => r.id);
        await tx
          .updateTable('cancellation_requests')
          .set({ status: 'processing', processing_started_at: sql<Date>`now()` })
          .where('id', 'in', ids)
          .execute();
        await this.options.onStep?.('claim', ids);
        return ids.length;
      });
      if (claimed < this.batchSize) return;
    }
  }

  private async step(step: PurgeStep, ids: readonly string[], work: () => Promise<unknown>): Promise<void> {
    await work();
    await this.options.onStep?.(step, ids);
  }

  /**
   * Keeps the shoppers' own writes out of the batch. A consent write takes its user's row with a
   * key-share lock (the foreign key check) after it has written: locking the users here makes
   * writes already past that point finish first (their rows are then purged with the rest), and
   * later ones wait for the batch, find the user gone and store nothing; the writer then answers
   * them 410. Without it a write committed between two steps made the final delete fail and the
   * whole batch roll back. The kept consent state is locked first, in the order writes lock it:
   * a write holding one of those rows while it waits for the user would otherwise deadlock.
   */
  private async fence(tx: Transaction<DB>, userIds: readonly string[]): Promise<void> {
    await tx
      .selectFrom('consent_state')
      .select('user_id')
      .where('user_id', 'in', userIds)
      .orderBy('user_id')
      .orderBy('kind')
      .orderBy('purpose')
      .orderBy('device_key')
      .orderBy('shown')
      .forUpdate()
      .execute();
    await tx.selectFrom('users').select('id').where('id', 'in', userIds).orderBy('id').forUpdate().execute();
  }

  private async purgeBatch(): Promise<number> {
    const result = await this.db.transaction().execute(async (tx: Transaction<DB>) => {
      const rows = await tx
        .selectFrom('cancellation_requests')
        .select(['id', 'user_id'])
        .where('status', '=', 'processing')
        .orderBy('deadline')
        .limit(this.batchSize)
        .forUpdate()
        .skipLocked()
        .execute();
      if (rows.length === 0) return { purged: 0, queued: 0 };
      const ids = rows.map((r) => r.id);
      const userIds = [...new Set(rows.map((r) => r.user_id).filter((u): u is string => u !== null))];
      const hasUsers = userIds.length > 0;
      // Pseudonyms are keyed HMACs computed here: the key never reaches the database. Requests and
      // the receiver's deletion get their own, which does not lead to the consent proofs.
      const requestKeys = userIds.map((u) => ({ u, s: this.options.pseudonyms.cancellation(u) }));
      if (hasUsers) await this.fence(tx, userIds);

      await this.step('revoke-sessions', ids, async () => {
        if (!hasUsers) return;
        await tx
          .updateTable('sessions')
          .set({ user_id: null, revoked_at: sql<Date>`coalesce(revoked_at, now())`, account_deleted_at: sql<Date>`now()` })
          .where('user_id', 'in', userIds)
          .execute();
      });
      let queued = 0;
      await this.step('record-receiver-deletion', ids, async () => {
        // Before the proofs lose their user id: the ledger says whose data went abroad.
        const abroad = await this.wentAbroad(tx, userIds);
        const values = rows
          .filter((r) => r.user_id !== null && abroad.has(r.user_id))
          .map((r) => ({
            cancellation_id: r.id,
            subject_hash: this.options.pseudonyms.cancellation(r.user_id!),
            receiver: this.options.receiver,
            notification_id: randomUUID(),
            receiver_subject: this.options.pseudonyms.overseas(r.user_id!),
            next_attempt_at: sql<Date>`now()`,
          }));
        if (values.length === 0) return;
        const inserted = await tx.insertInto('receiver_deletions').values(values).onConflict((oc) => oc.column('cancellation_id').doNothing()).returning('cancellation_id').execute();
        queued = inserted.length;
      });
      await this.step('pseudonymise-consents', ids, async () => {
        if (!hasUsers) return;
        const devices = await tx.selectFrom('consent_events').select(['user_id', 'device_id']).distinct().where('user_id', 'in', userIds).execute();
        const pairs = devices.map((d) => ({ u: d.user_id!, d: d.device_id, s: this.options.pseudonyms.user(d.user_id!), h: this.options.pseudonyms.device(d.device_id) }));
        if (pairs.length > 0) {
          // Kept: who (keyed pseudonyms), what was decided under which policy, from which screen,
          // the day and the server's order. Not kept: the event id and the exact times, which the
          // app holds or nearly holds and would find the proof by.
          await sql`update consent_events e set subject_hash = m.s, device_id = m.h, user_id = null, event_id = ${PURGED_EVENT_ID},
              occurred_at = date_trunc('day', e.occurred_at, ${PROOF_TIME_ZONE}), received_at = date_trunc('day', e.received_at, ${PROOF_TIME_ZONE})
            from (select u::uuid as u, d, s, h from jsonb_to_recordset(${JSON.stringify(pairs)}::jsonb) as x(u text, d text, s text, h text)) m
            where e.user_id = m.u and e.device_id = m.d`.execute(tx);
        }
        // The kept state names the user; the pseudonymised ledger still proves every decision.
        await tx.deleteFrom('consent_state').where('user_id', 'in', userIds).execute();
      });
      await this.step('delete-idempotency-keys', ids, async () => {
        if (!hasUsers) return;
        await tx.deleteFrom('idempotency_keys').where('user_id', 'in', userIds).execute();
      });
      await this.step('delete-shop-records', ids, async () => {
        if (!hasUsers) return;
        // The shop's own records (migration 007): warranty registrations and product views.
        await tx.deleteFrom('shop_warranties').where('user_id', 'in', userIds).execute();
        await tx.deleteFrom('shop_product_views').where('user_id', 'in', userIds).execute();
      });
      await this.step('complete-requests', ids, async () => {
        await tx
          .updateTable('cancellation_requests')
          .set({ status: 'completed', completed_at: sql<Date>`now()`, reason: null })
          .where('id', 'in', ids)
          .execute();
        // These and older withdrawn requests of the same users hold the user id (and a reason).
        if (hasUsers) {
          await sql`update cancellation_requests c set subject_hash = coalesce(c.subject_hash, m.s), user_id = null, reason = null
            from ${userMap(requestKeys)} m where c.user_id = m.u`.execute(tx);
        }
      });
      await this.step('delete-users', ids, async () => {
        if (!hasUsers) return;
        await tx.deleteFrom('users').where('id', 'in', userIds).execute();
      });
      return { purged: rows.length, queued };
    });
    if (result.queued > 0) this.options.onNoticesQueued?.();
    return result.purged;
  }

  /** Of `userIds`, those who granted one of the overseas consents at some time (their data went there). */
  private async wentAbroad(tx: Transaction<DB>, userIds: readonly string[]): Promise<Set<string>> {
    if (userIds.length === 0 || this.options.overseasPurposes.length === 0) return new Set();
    const found = await tx
      .selectFrom('consent_events')
      .select('user_id')
      .distinct()
      .where('user_id', 'in', userIds)
      .where('kind', '=', 'consent')
      .where('purpose', 'in', this.options.overseasPurposes)
      .where('value', '=', 'granted')
      .execute();
    return new Set(found.map((r) => r.user_id!));
  }
}
