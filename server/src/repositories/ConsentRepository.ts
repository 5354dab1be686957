import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { ConsentState, LedgerEvent } from '../../../src/privacy/domain/contract';
import { reduceLedger } from '../../../src/privacy/domain/ledger';
import type { DB } from '../db/schema';
import { iso } from './rows';
import { sessionByTokenHash, toSessionLookup, type SessionLookup } from './SessionRepository';

/** What `appendAsSession` did: nothing unless the session was a live one. */
export type AppendOutcome =
  | { kind: 'stored'; userId: string; accepted: number; duplicates: number; state: ConsentState }
  | { kind: 'refused'; session: Exclude<SessionLookup, { kind: 'user' }> };

/** A stored ledger event with the server's receive order. */
export type StoredEvent = LedgerEvent & { seq: number; receivedAt: string };

/** The append-only consent ledger. */
export class ConsentRepository {
  /** Published versions never go back to draft, so once seen they need no query again. */
  private readonly published = new Set<number>();

  constructor(private readonly db: Kysely<DB>) {}

  /**
   * Appends a batch for the shopper whose session token hashes to `tokenHash`, and reads the
   * resulting state, in one statement: one round trip authenticates, stores and answers, in one
   * transaction. Nothing is stored unless the session is live. Ids the user already stored, or
   * repeated inside the batch, are skipped and counted as duplicates. Rows get `seq` in batch order.
   */
  async appendAsSession(tokenHash: string, events: readonly LedgerEvent[]): Promise<AppendOutcome> {
    // One array per column: the statement text and its parameters are the same for any batch size.
    const column = <T>(f: (e: LedgerEvent) => T) => events.map(f);
    // The statement's snapshot does not see its own inserts in the table: the history is the
    // stored rows plus what the insert returned.
    const r = await sql<DecisionRow & { accepted: number; session_user_id: string | null; account_deleted_at: Date | string | null; live: boolean | null }>`
      with session as (${sessionByTokenHash(tokenHash)}),
      me as (select user_id from session where live and account_deleted_at is null),
      inserted as (
        insert into consent_events (user_id, event_id, kind, purpose, value, policy_version, device_id, occurred_at, source)
        select me.user_id, v.event_id, v.kind, v.purpose, v.value, v.policy_version, v.device_id, v.occurred_at, v.source
        from me, unnest(${column((e) => e.id)}::text[], ${column((e) => e.kind)}::text[], ${column((e) => e.purpose)}::text[], ${column((e) => e.value)}::text[],
          ${column((e) => e.policyVersion)}::integer[], ${column((e) => e.deviceId)}::text[], ${column((e) => new Date(e.occurredAt).toISOString())}::timestamptz[],
          ${column((e) => e.source)}::text[]) with ordinality as v(event_id, kind, purpose, value, policy_version, device_id, occurred_at, source, n)
        order by v.n
        on conflict (user_id, event_id) do nothing
        returning kind, purpose, value, policy_version, device_id, occurred_at, seq
      ),
      history as (
        select kind, purpose, value, policy_version, device_id, occurred_at, seq from consent_events where user_id = (select user_id from me)
        union all
        select * from inserted
      )
      select n.accepted, s.user_id as session_user_id, s.account_deleted_at, s.live, latest.*
      from (select count(*)::integer as accepted from inserted) n
      left join session s on true
      left join (${latestDecisions(sql`history`)}) latest on true`.execute(this.db);
    const first = r.rows[0];
    const session = toSessionLookup(first && first.live !== null ? { user_id: first.session_user_id, account_deleted_at: first.account_deleted_at, live: first.live } : undefined);
    if (session.kind !== 'user') return { kind: 'refused', session };
    const accepted = first?.accepted ?? 0;
    return { kind: 'stored', userId: session.userId, accepted, duplicates: events.length - accepted, state: stateOf(r.rows.filter((row) => row.kind !== null)) };
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

  /**
   * The user's current decisions: the same as `reduceLedger(list(userId))`, computed in the
   * database from the only events that can decide it, so the cost on the way to the application
   * does not grow with the user's history.
   */
  async state(userId: string): Promise<ConsentState> {
    const r = await sql<DecisionRow>`${latestDecisions(sql`(select * from consent_events where user_id = ${userId})`)}`.execute(this.db);
    return stateOf(r.rows);
  }

  /** Which of these policy versions were published (events must name a real version). */
  async knownVersions(versions: readonly number[]): Promise<Set<number>> {
    const unseen = [...new Set(versions)].filter((v) => !this.published.has(v));
    if (unseen.length > 0) {
      const rows = await this.db.selectFrom('policy_versions').select('version').where('status', '=', 'published').where('version', 'in', unseen).execute();
      for (const r of rows) this.published.add(r.version);
    }
    return new Set(versions.filter((v) => this.published.has(v)));
  }
}

type DecisionRow = { kind: string; purpose: string; value: string; policy_version: number; device_id: string; occurred_at: Date | string; seq: string | number };

/**
 * The events of `history` that can still decide the state: the latest per consent purpose, per
 * device and capability, the latest policy decision and the latest "shown" (which never replaces
 * a decision, see `reduceLedger`).
 */
function latestDecisions(history: RawBuilder<unknown>) {
  return sql`select distinct on (kind, purpose, case when kind = 'permission' then device_id end, kind = 'policy' and value = 'shown')
      kind, purpose, value, policy_version, device_id, occurred_at, seq
    from ${history} h
    order by kind, purpose, case when kind = 'permission' then device_id end, kind = 'policy' and value = 'shown', seq desc`;
}

/** Reduces the deciding events, in server order, to the state. */
function stateOf(rows: readonly DecisionRow[]): ConsentState {
  const events = [...rows]
    .sort((a, b) => Number(a.seq) - Number(b.seq))
    .map((row) => ({ kind: row.kind, purpose: row.purpose, value: row.value, policyVersion: row.policy_version, deviceId: row.device_id, occurredAt: iso(row.occurred_at) }) as LedgerEvent);
  return reduceLedger(events);
}
