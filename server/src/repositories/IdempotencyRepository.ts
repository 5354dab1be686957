import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../db/schema';

/** A first answer kept for an Idempotency-Key. */
export interface StoredAnswer {
  requestHash: string;
  statusCode: number;
  body: unknown;
}

/** Answers kept per (user, route, key) so a repeated request returns the first answer. */
export class IdempotencyRepository {
  constructor(private readonly db: Kysely<DB>) {}

  /** The stored answer, locked until the transaction ends. */
  async find(tx: Transaction<DB>, userId: string, route: string, key: string): Promise<StoredAnswer | null> {
    const row = await tx
      .selectFrom('idempotency_keys')
      .select(['request_hash', 'status_code', 'response'])
      .where('user_id', '=', userId)
      .where('route', '=', route)
      .where('key', '=', key)
      .forUpdate()
      .executeTakeFirst();
    return row ? { requestHash: row.request_hash, statusCode: row.status_code, body: row.response } : null;
  }

  /** Keeps the first answer. */
  async save(tx: Transaction<DB>, userId: string, route: string, key: string, answer: StoredAnswer): Promise<void> {
    await tx
      .insertInto('idempotency_keys')
      .values({
        user_id: userId,
        route,
        key,
        request_hash: answer.requestHash,
        status_code: answer.statusCode,
        response: JSON.stringify(answer.body),
      })
      .execute();
  }

  /** Forgets keys older than `seconds` (kept at least 24 h by the caller's choice of age). */
  async expire(seconds: number): Promise<number> {
    const r = await this.db
      .deleteFrom('idempotency_keys')
      .where('created_at', '<', sql<Date>`now() - make_interval(secs => ${seconds})`)
      .executeTakeFirst();
    return Number(r.numDeletedRows);
  }
}
