import { CompiledQuery, sql, type Kysely, type RawBuilder, type Selectable } from 'kysely';
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

/**
 * What an append did: nothing unless the session was a live one, and nothing when the account's
 * history is full (`full`: the batch would take it past `maxEvents` with more than withdrawals).
 */
export type AppendOutcome =
  | { kind: 'stored'; userId: string; accepted: number; duplicates: number; state: ConsentState }
  | { kind: 'full'; userId: string; maxEvents: number }
  | { kind: 'refused'; session: Exclude<SessionLookup, { kind: 'user' }> };

/** One page of a history: events after a sequence number, and where the next page starts. */
export interface EventPage {
  /** The events as a JSON array, written by the database in the answer's shape (`StoredEvent`). */
  eventsJson: string;
  /** The `seq` to ask the next page after; null on the last page. */
  next: number | null;
}

/** Events one account keeps at most, unless `CONSENT_EVENTS_PER_ACCOUNT` says otherwise. */
export const DEFAULT_MAX_EVENTS_PER_ACCOUNT = 10_000;

/** A stored ledger event with the server's receive order. */
export type StoredEvent = LedgerEvent & { seq: number; receivedAt: string };

/** The append-only consent ledger. */
export class ConsentRepository {
  /** Published versions never go back to draft, so once seen they need no query again. */
  private readonly published = new Set<number>();
  /** The text of the append statement, compiled once: only its one parameter changes. */
  private appendSql: string | undefined;

  /**
   * `prepare` (from `Database`) marks the append statement for preparing on each connection;
   * `maxEvents` bounds the events one account stores (see `appendStatement`).
   */
  constructor(
    private readonly db: Kysely<DB>,
    private readonly prepare: (text: string) => void = () => undefined,
    private readonly maxEvents: number = DEFAULT_MAX_EVENTS_PER_ACCOUNT,
  ) {
    if (!Number.isSafeInteger(maxEvents) || maxEvents < 1) throw new Error('maxEvents must be a positive integer');
  }

  /** Appends one batch; see `appendAll`. */
  async appendAsSession(tokenHash: string, events: readonly LedgerEvent[]): Promise<AppendOutcome> {
    return (await this.appendAll([{ tokenHash, events }]))[0]!;
  }

  /**
   * Appends the batches of any number of requests, each for the shopper whose session token
   * hashes to its `tokenHash`, and reads the resulting states, in one statement: one round trip
   * and one transaction authenticate, store and answer them all. A request stores nothing unless
   * its session is live. Ids its user already stored, or repeated earlier in the same call, are
   * skipped and counted as its duplicates, and so are repeated observations (see
   * `appendStatement`). Rows get `seq` in request order, then batch order. A request of a shopper
   * whose history is full stores nothing and comes back `full`.
   */
  async appendAll(requests: readonly AppendRequest[]): Promise<AppendOutcome[]> {
    if (this.appendSql === undefined) {
      this.appendSql = compileOnce(appendStatement(this.maxEvents), this.db);
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
    const { sessions, inserted, decisions, full } = r.rows[0]!;
    const fullUsers = new Set(full ?? []);
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
      if (fullUsers.has(session.userId)) return { kind: 'full', userId: session.userId, maxEvents: this.maxEvents };
      let accepted = 0;
      for (const e of request.events) if (stored.delete(`${session.userId} ${e.id}`)) accepted++;
      return { kind: 'stored', userId: session.userId, accepted, duplicates: request.events.length - accepted, state: stateOf(decided.get(session.userId) ?? []) };
    });
  }

  /** The user's events in server order. */
  async list(userId: string): Promise<StoredEvent[]> {
    const rows = await this.db.selectFrom('consent_events').selectAll().where('user_id', '=', userId).orderBy('seq').execute();
    return rows.map(toStoredEvent);
  }

  /**
   * At most `limit` of the user's events with `seq` above `after`, in server order: one index
   * range. The database writes the JSON (one text value instead of rows to parse, dates to convert
   * and objects to serialise again): a page costs the process about a millisecond.
   */
  async page(userId: string, after: number, limit: number): Promise<EventPage> {
    const r = await sql<{ events: string; more: boolean; last: string | number | null }>`
      with page as (
        select * from consent_events where user_id = ${userId} and seq > ${after} order by seq limit ${limit + 1}
      ), shown as (select * from page order by seq limit ${limit})
      select
        (select coalesce(json_agg(json_strip_nulls(json_build_object(
          'id', event_id, 'kind', kind, 'purpose', purpose, 'value', value, 'policyVersion', policy_version, 'deviceId', device_id,
          'occurredAt', ${ISO_UTC(sql.ref('occurred_at'))}, 'source', source, 'textHash', text_hash, 'seq', seq, 'receivedAt', ${ISO_UTC(sql.ref('received_at'))}
        )) order by seq), '[]')::text from shown) as events,
        (select count(*) from page) > ${limit} as more,
        (select max(seq) from shown) as last`.execute(this.db);
    const row = r.rows[0]!;
    return { eventsJson: row.events, next: row.more ? Number(row.last) : null };
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

/** A timestamp as `Date.toISOString` writes it (UTC, milliseconds, Z), written by the database. */
const ISO_UTC = (column: RawBuilder<unknown>) => sql`to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/** A consent_events row as the API returns it. */
function toStoredEvent(r: Selectable<DB['consent_events']>): StoredEvent {
  return {
    id: r.event_id,
    kind: r.kind,
    purpose: r.purpose,
    value: r.value,
    policyVersion: r.policy_version,
    deviceId: r.device_id,
    occurredAt: iso(r.occurred_at),
    source: r.source,
    ...(r.text_hash ? { textHash: r.text_hash } : {}),
    seq: Number(r.seq),
    receivedAt: iso(r.received_at),
  } as StoredEvent;
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
  /** Users whose history is full: their requests stored nothing. */
  full: string[] | null;
}

/** The text of a statement whose only parameter is the one it is run with. */
function compileOnce(statement: RawBuilder<unknown>, db: Kysely<DB>): string {
  const compiled = statement.compile(db);
  if (compiled.parameters.length !== 1) throw new Error(`expected one parameter, found ${compiled.parameters.length}`);
  return compiled.sql;
}

/** The ledger fields of an event, in a fresh object: nothing else reaches the statement. */
function pick(e: LedgerEvent) {
  const textHash = e.kind === 'consent' ? (e.textHash ?? null) : null;
  return { id: e.id, kind: e.kind, purpose: e.purpose, value: e.value, policyVersion: e.policyVersion, deviceId: e.deviceId, source: e.source, textHash };
}

/**
 * The statement `appendAll` runs; its one parameter is the JSON array of requests. It stores the
 * new events, moves `consent_state` to the newest deciding event per key, and reads each user's
 * state. The statement's snapshot does not see its own writes: the state it reads is the stored
 * one merged with what the insert returned.
 *
 * What one account stores is bounded (server/README.md, "How much history an account keeps"):
 * - An observation that repeats the one before it for the same key (a permission of a device and
 *   capability, or the policy shown) with the same value and policy version is not stored; it
 *   counts as a duplicate, and so does its resend once a later one of its key is stored. Policy
 *   and consent decisions are always stored, repeated or not.
 * - A user's new events go in only while their stored events stay within `maxEvents`. Beyond it
 *   only events that end a use still go in (a consent granted before is withdrawn or refused, an
 *   accepted policy refused): nothing can grant again, so each key adds at most one. Otherwise
 *   every request of that user in the statement stores nothing and the user is listed in `full`.
 */
function appendStatement(maxEvents: number) {
  const cap = sql.lit(maxEvents);
  return sql`with req as (
      select r.req, r.token_hash, r.events
      from rows from (json_to_recordset(${'[]'}::json) as (token_hash text, events json)) with ordinality as r(token_hash, events, req)
    ),
    session as (select req.req, s.* from req cross join lateral (${sessionByTokenHash(sql.ref<string>('req.token_hash'))}) s),
    me as (select req, user_id from session where live and account_deleted_at is null),
    batch as (
      select b.*, coalesce(bool_or(b.known) over (partition by b.user_id, b.req, b.kind, b.purpose, b.device_key, b.shown order by b.n rows between 1 following and unbounded following), false) as known_later
      from (
        select me.user_id, me.req, e.*, ${DEVICE_KEY} as device_key, ${SHOWN} as shown,
          exists (select 1 from consent_events c where c.user_id = me.user_id and c.event_id = e.event_id) as known
        from me join req using (req),
          rows from (json_to_recordset(req.events) as ("id" text, kind text, purpose text, value text, "policyVersion" integer, "deviceId" text, "occurredAt" timestamptz, source text, "textHash" text))
            with ordinality as e(event_id, kind, purpose, value, policy_version, device_id, occurred_at, source, text_hash, n)
      ) b
    ),
    -- New events only. An observation followed in its request by a stored one of its key is a
    -- resend of one judged a repeat before: storing it now would put an old value last.
    incoming as (
      select distinct on (b.user_id, b.event_id) b.user_id, b.req, b.event_id, b.kind, b.purpose, b.value, b.policy_version, b.device_id, b.occurred_at, b.source, b.text_hash, b.n, b.device_key, b.shown
      from batch b
      where not b.known and not ((b.kind = 'permission' or b.shown) and b.known_later)
      order by b.user_id, b.event_id, b.req, b.n
    ),
    judged as (
      select i.*,
        case when lag(i.n) over w is null then s.value else lag(i.value) over w end as prev_value,
        case when lag(i.n) over w is null then s.policy_version else lag(i.policy_version) over w end as prev_version
      from incoming i
        left join consent_state s on s.user_id = i.user_id and s.kind = i.kind and s.purpose = i.purpose and s.device_key = i.device_key and s.shown = i.shown
      window w as (partition by i.user_id, i.kind, i.purpose, i.device_key, i.shown order by i.req, i.n)
    ),
    keep as (
      select * from judged j
      where not coalesce((j.kind = 'permission' or j.shown) and j.value = j.prev_value and j.policy_version = j.prev_version, false)
    ),
    full_users as (
      select k.user_id from keep k
      group by k.user_id
      having (select count(*) from (select 1 from consent_events c where c.user_id = k.user_id limit ${cap}) stored) + count(*) > ${cap}
        and not bool_and(coalesce(
          (k.kind = 'consent' and k.prev_value = 'granted' and k.value in ('withdrawn', 'refused'))
          or (k.kind = 'policy' and k.prev_value = 'accepted' and k.value = 'refused'), false))
    ),
    -- A policy refusal ends the agreement every separate consent rests on: the server withdraws,
    -- by an event of its own right after the refusal, each consent granted just before it (the
    -- stored state, then this batch's earlier events). Same device, time, version and source as
    -- the refusal; its id is derived from the refusal's, so a resent refusal derives nothing new.
    derived as (
      select r.user_id, r.req, r.n, 1 as sub,
        'w_' || left(encode(sha256(convert_to(r.event_id || '/' || c.purpose, 'UTF8')), 'hex'), 40) as event_id,
        'consent' as kind, c.purpose, 'withdrawn' as value, r.policy_version, r.device_id, r.occurred_at, r.source, null::text as text_hash
      from keep r
      cross join lateral (
        select l.purpose from (
          select distinct on (x.purpose) x.purpose, x.value from (
            select s.purpose, s.value, 0::bigint as req, 0::bigint as n from consent_state s where s.user_id = r.user_id and s.kind = 'consent'
            union all
            select k.purpose, k.value, k.req, k.n from keep k where k.user_id = r.user_id and k.kind = 'consent' and (k.req, k.n) < (r.req, r.n)
          ) x order by x.purpose, x.req desc, x.n desc
        ) l where l.value = 'granted'
      ) c
      where r.kind = 'policy' and r.value = 'refused'
    ),
    inserted as (
      insert into consent_events (user_id, event_id, kind, purpose, value, policy_version, device_id, occurred_at, source, text_hash)
      select user_id, event_id, kind, purpose, value, policy_version, device_id, occurred_at, source, text_hash
      from (
        select user_id, req, n, 0 as sub, event_id, kind, purpose, value, policy_version, device_id, occurred_at, source, text_hash from keep
        union all
        select user_id, req, n, sub, event_id, kind, purpose, value, policy_version, device_id, occurred_at, source, text_hash from derived
      ) w
      where user_id not in (select user_id from full_users)
      order by req, n, sub, purpose
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
      (select json_agg(json_build_array(user_id, kind, purpose, value, policy_version, device_id, occurred_at, seq)) from decisions) as decisions,
      (select json_agg(user_id) from full_users) as full`;
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
