import { CompiledQuery, sql, type Kysely, type RawBuilder } from 'kysely';
import type { ConsentState, LedgerEvent } from '@maison/privacy/contract';
import { reduceLedger } from '@maison/privacy/contract';
import type { DB } from '../db/schema';
import { iso } from './rows';
import { sessionByTokenHash, toSessionLookup, type SessionLookup } from './SessionRepository';

/** One shopper's batch: the hash of the session token it came with, and its events. */
export interface AppendRequest {
  tokenHash: string;
  events: readonly LedgerEvent[];
}

/** What an append did: nothing unless the session was a live one. */
export type AppendOutcome =
  | { kind: 'stored'; userId: string; accepted: number; duplicates: number; state: ConsentState }
  | { kind: 'refused'; session: Exclude<SessionLookup, { kind: 'user' }> };

/** A stored ledger event with the server's receive order. */
export type StoredEvent = LedgerEvent & { seq: number; receivedAt: string };

/** The append-only consent ledger. */
export class ConsentRepository {
  /** Published versions never go back to draft, so once seen they need no query again. */
  private readonly published = new Set<number>();
  /** The text of the append statement, compiled once: only its one parameter changes. */
  private appendSql: string | undefined;

  /** `prepare` (from `Database`) marks the append statement for preparing on each connection. */
  constructor(
    private readonly db: Kysely<DB>,
    private readonly prepare: (text: string) => void = () => undefined,
  ) {}

  /** Appends one batch; see `appendAll`. */
  async appendAsSession(tokenHash: string, events: readonly LedgerEvent[]): Promise<AppendOutcome> {
    return (await this.appendAll([{ tokenHash, events }]))[0]!;
  }

  /**
   * Appends the batches of any number of requests, each for the shopper whose session token
   * hashes to its `tokenHash`, and reads the resulting states, in one statement: one round trip
   * and one transaction authenticate, store and answer them all. A request stores nothing unless
   * its session is live. Ids its user already stored, or repeated earlier in the same call, are
   * skipped and counted as its duplicates. Rows get `seq` in request order, then batch order.
   */
  async appendAll(requests: readonly AppendRequest[]): Promise<AppendOutcome[]> {
    if (this.appendSql === undefined) {
      this.appendSql = compileOnce(appendStatement(), this.db);
      this.prepare(this.appendSql);
    }
    // The whole call is one JSON parameter, so the statement text never changes.
    const payload = JSON.stringify(
      requests.map((r) => ({
        token_hash: r.tokenHash,
        events: r.events.map((e) => ({ ...pick(e), occurredAt: new Date(e.occurredAt).toISOString() })),
      })),
    );
    const r = await this.db.executeQuery<AppendResult>(CompiledQuery.raw(this.appendSql, [payload]));
    const { sessions, inserted, decisions } = r.rows[0]!;
    const sessionOf = new Map((sessions ?? []).map(([req, user_id, account_deleted_at, live]) => [req, toSessionLookup({ user_id, account_deleted_at, live })]));
    // Attribute each stored row to the first request, in order, that carried its id for its user.
    const stored = new Set((inserted ?? []).map(([userId, eventId]) => `${userId} ${eventId}`));
    const decided = new Map<string, DecisionRow[]>();
    for (const tuple of decisions ?? []) {
      const row = decisionRow(tuple);
      const rows = decided.get(row.user_id);
      if (rows) rows.push(row);
      else decided.set(row.user_id, [row]);
    }
    return requests.map((request, i) => {
      const session = sessionOf.get(i + 1) ?? toSessionLookup(undefined);
      if (session.kind !== 'user') return { kind: 'refused', session };
      let accepted = 0;
      for (const e of request.events) if (stored.delete(`${session.userId} ${e.id}`)) accepted++;
      return { kind: 'stored', userId: session.userId, accepted, duplicates: request.events.length - accepted, state: stateOf(decided.get(session.userId) ?? []) };
    });
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

  /** The user's current decisions: `reduceLedger(list(userId))`, read from the kept state. */
  async state(userId: string): Promise<ConsentState> {
    const rows = await this.db
      .selectFrom('consent_state')
      .select(['user_id', 'kind', 'purpose', 'value', 'policy_version', 'device_id', 'occurred_at', 'seq'])
      .where('user_id', '=', userId)
      .execute();
    return stateOf(rows);
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

type DecisionRow = { user_id: string; kind: string; purpose: string; value: string; policy_version: number; device_id: string; occurred_at: Date | string; seq: string | number | bigint };

/** The append statement's one row: JSON arrays, cheaper to read than rows of many columns. */
interface AppendResult {
  /** [request number from 1, user id, account deleted at, live], for requests whose token has a session row. */
  sessions: [number, string | null, string | null, boolean][] | null;
  /** [user id, event id] of each stored row. */
  inserted: [string, string][] | null;
  /** The deciding events of every user the call stored for. */
  decisions: [string, string, string, string, number, string, string, number][] | null;
}

/** The text of a statement whose only parameter is the one it is run with. */
function compileOnce(statement: RawBuilder<unknown>, db: Kysely<DB>): string {
  const compiled = statement.compile(db);
  if (compiled.parameters.length !== 1) throw new Error(`expected one parameter, found ${compiled.parameters.length}`);
  return compiled.sql;
}

/** The ledger fields of an event, in a fresh object: nothing else reaches the statement. */
function pick(e: LedgerEvent) {
  return { id: e.id, kind: e.kind, purpose: e.purpose, value: e.value, policyVersion: e.policyVersion, deviceId: e.deviceId, source: e.source };
}

/**
 * The statement `appendAll` runs; its one parameter is the JSON array of requests. It stores the
 * new events, moves `consent_state` to the newest deciding event per key, and reads each user's
 * state. The statement's snapshot does not see its own writes: the state it reads is the stored
 * one merged with what the insert returned.
 */
function appendStatement() {
  return sql`with req as (
      select r.req, r.token_hash, r.events
      from rows from (json_to_recordset(${'[]'}::json) as (token_hash text, events json)) with ordinality as r(token_hash, events, req)
    ),
    session as (select req.req, s.* from req cross join lateral (${sessionByTokenHash(sql.ref<string>('req.token_hash'))}) s),
    me as (select req, user_id from session where live and account_deleted_at is null),
    inserted as (
      insert into consent_events (user_id, event_id, kind, purpose, value, policy_version, device_id, occurred_at, source)
      select me.user_id, e.event_id, e.kind, e.purpose, e.value, e.policy_version, e.device_id, e.occurred_at, e.source
      from me join req using (req),
        rows from (json_to_recordset(req.events) as ("id" text, kind text, purpose text, value text, "policyVersion" integer, "deviceId" text, "occurredAt" timestamptz, source text))
          with ordinality as e(event_id, kind, purpose, value, policy_version, device_id, occurred_at, source, n)
      order by me.req, e.n
      on conflict (user_id, event_id) do nothing
      returning user_id, event_id, kind, purpose, value, policy_version, device_id, occurred_at, seq
    ),
    fresh as (${latestPerKey(sql`(select *, ${DEVICE_KEY} as device_key, ${SHOWN} as shown from inserted) i`)}),
    kept as (
      insert into consent_state (user_id, kind, purpose, device_key, shown, value, policy_version, device_id, occurred_at, seq)
      select * from fresh
      order by user_id, kind, purpose, device_key, shown -- one lock order for every statement: no deadlock between them
      on conflict (user_id, kind, purpose, device_key, shown) do update
        set value = excluded.value, policy_version = excluded.policy_version, device_id = excluded.device_id, occurred_at = excluded.occurred_at, seq = excluded.seq
        where excluded.seq > consent_state.seq
    ),
    decisions as (${latestPerKey(sql`(select * from consent_state where user_id in (select user_id from me) union all select * from fresh) d`)})
    select
      (select json_agg(json_build_array(req, user_id, account_deleted_at, live)) from session) as sessions,
      (select json_agg(json_build_array(user_id, event_id)) from inserted) as inserted,
      (select json_agg(json_build_array(user_id, kind, purpose, value, policy_version, device_id, occurred_at, seq)) from decisions) as decisions`;
}

/** The state key of an event beyond user, kind and purpose: the device for permissions only... */
const DEVICE_KEY = sql`case when kind = 'permission' then device_id else '' end`;
/** ...and whether it is a policy "shown", which never replaces a policy decision (see `reduceLedger`). */
const SHOWN = sql`(kind = 'policy' and value = 'shown')`;

/** The newest row per state key of `rows`, which have consent_state's columns. */
function latestPerKey(rows: RawBuilder<unknown>) {
  return sql`select distinct on (user_id, kind, purpose, device_key, shown)
      user_id, kind, purpose, device_key, shown, value, policy_version, device_id, occurred_at, seq
    from ${rows}
    order by user_id, kind, purpose, device_key, shown, seq desc`;
}

/** A deciding event as the append statement's JSON holds it. */
function decisionRow([user_id, kind, purpose, value, policy_version, device_id, occurred_at, seq]: NonNullable<AppendResult['decisions']>[number]): DecisionRow {
  return { user_id, kind, purpose, value, policy_version, device_id, occurred_at, seq };
}

/** Reduces the deciding events, in server order, to the state. */
function stateOf(rows: readonly DecisionRow[]): ConsentState {
  const events = [...rows]
    .sort((a, b) => Number(a.seq) - Number(b.seq))
    .map((row) => ({ kind: row.kind, purpose: row.purpose, value: row.value, policyVersion: row.policy_version, deviceId: row.device_id, occurredAt: iso(row.occurred_at) }) as LedgerEvent);
  return reduceLedger(events);
}
