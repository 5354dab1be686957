import type { Kysely } from 'kysely';
import type { LedgerEvent } from '../../../src/privacy/domain/contract';
import type { DB } from '../db/schema';
import { iso } from './rows';

/** A stored ledger event with the server's receive order. */
export type StoredEvent = LedgerEvent & { seq: number; receivedAt: string };

/** The append-only consent ledger. */
export class ConsentRepository {
  constructor(private readonly db: Kysely<DB>) {}

  /**
   * Appends a batch in one statement (so in one transaction); ids the user already stored, or
   * repeated inside the batch, are skipped and counted as duplicates. Rows get `seq` in batch order.
   */
  async append(userId: string, events: readonly LedgerEvent[]): Promise<{ accepted: number; duplicates: number }> {
    if (events.length === 0) return { accepted: 0, duplicates: 0 };
    const inserted = await this.db
      .insertInto('consent_events')
      .values(
        events.map((e) => ({
          user_id: userId,
          event_id: e.id,
          kind: e.kind,
          purpose: e.purpose,
          value: e.value,
          policy_version: e.policyVersion,
          device_id: e.deviceId,
          occurred_at: new Date(e.occurredAt).toISOString(),
          source: e.source,
        })),
      )
      .onConflict((oc) => oc.columns(['user_id', 'event_id']).doNothing())
      .returning('seq')
      .execute();
    return { accepted: inserted.length, duplicates: events.length - inserted.length };
  }

  /** The user's events in server order. */
  async list(userId: string): Promise<StoredEvent[]> {
    const rows = await this.db.selectFrom('consent_events').selectAll().where('user_id', '=', userId).orderBy('seq').execute();
    return rows.map(
      (r) =>
        ({
          id: r.event_id,
          kind: r.kind,
          purpose: r.purpose,
          value: r.value,
          policyVersion: r.policy_version,
          deviceId: r.device_id,
          occurredAt: iso(r.occurred_at),
          source: r.source,
          seq: Number(r.seq),
          receivedAt: iso(r.received_at),
        }) as StoredEvent,
    );
  }

  /** Which of these policy versions were published (events must name a real version). */
  async knownVersions(versions: readonly number[]): Promise<Set<number>> {
    if (versions.length === 0) return new Set();
    const rows = await this.db
      .selectFrom('policy_versions')
      .select('version')
      .where('status', '=', 'published')
      .where('version', 'in', [...new Set(versions)])
      .execute();
    return new Set(rows.map((r) => r.version));
  }
}
