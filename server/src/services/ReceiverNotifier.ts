import { createHmac } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { ReceiverEndpoint } from '../config';
import type { DB } from '../db/schema';
import { iso } from '../repositories/rows';

/** Header carrying the Unix time (seconds) a notice was signed at. */
export const RECEIVER_TIMESTAMP_HEADER = 'x-privacy-timestamp';
/** Header carrying `v1=` and the hex HMAC-SHA256 of `<timestamp>.<raw body>` under the shared secret. */
export const RECEIVER_SIGNATURE_HEADER = 'x-privacy-signature';

/** The body of a deletion notice, as the receiver reads it (server/README.md). */
export interface DeletionNotice {
  type: 'deletion-request';
  /** The notice's id: the same on every attempt, so the receiver can tell a resend from a new notice. */
  id: string;
  /** The pseudonymous id the receiver knows the shopper by (`Pseudonyms.overseas`). */
  subject: string;
  /** When the account was purged here and the notice written. */
  deletedAt: string;
}

/** `v1=<hex>`: the signature of a notice's raw body at `timestamp` (Unix seconds). */
export function signNotice(secret: string, timestamp: number, rawBody: string): string {
  return `v1=${createHmac('sha256', secret).update(`${timestamp}.${rawBody}`, 'utf8').digest('hex')}`;
}

/** Notices one run claims at a time. */
const CLAIM_BATCH = 20;
/** Longest a claim keeps other processes off a notice whose sender died (added to the timeout). */
const CLAIM_MARGIN_MS = 10_000;
/** Longest the sender sleeps before looking for notices again (other processes may have queued some). */
const IDLE_POLL_MS = 60_000;

/** What a run did. */
export interface NotifierRun {
  acknowledged: number;
  failed: number;
}

export interface ReceiverNotifierOptions {
  endpoint: ReceiverEndpoint;
  /** Where a failure or an acknowledgement is told (no ids: counts, attempts and error kinds). */
  log: { info(obj: object, msg: string): void; warn(obj: object, msg: string): void; error(obj: object, msg: string): void };
}

/** Why an attempt failed, in words that hold no personal data: a status, an error code, a timeout. */
function failureOf(err: unknown): string {
  if (err instanceof Error && (err.name === 'TimeoutError' || err.name === 'AbortError')) return 'timeout';
  const cause = (err as { cause?: { code?: unknown } })?.cause;
  if (cause && typeof cause.code === 'string') return cause.code;
  return err instanceof Error ? err.name : 'failed';
}

/**
 * Sends the deletion notices the purge queued (`receiver_deletions`) to the overseas receiver: a
 * signed POST each, until it answers 2xx, which is recorded. Several processes may run one: a
 * notice is claimed (`FOR UPDATE SKIP LOCKED`, committed with its attempt counted and its next
 * attempt pushed past the timeout) before it is sent, so two processes never send it at once, and
 * one that dies mid-send leaves it to be sent again after the claim runs out. Delivery is at least
 * once: a process killed between the receiver's answer and recording it sends the same notice (same
 * id) again.
 */
export class ReceiverNotifier {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<NotifierRun> | null = null;
  private again = false;
  private stopped = true;

  constructor(
    private readonly db: Kysely<DB>,
    private readonly options: ReceiverNotifierOptions,
  ) {}

  /** Wait before the attempt after `attempts` failed ones: the first wait, doubled each time, capped. */
  backoffMs(attempts: number): number {
    const { retryMs, retryMaxMs } = this.options.endpoint;
    return Math.min(retryMaxMs, retryMs * 2 ** Math.max(0, Math.min(attempts - 1, 30)));
  }

  /** Sends every notice that is due now, once each; resolves with what happened. Never rejects on a receiver's failure. */
  runOnce(): Promise<NotifierRun> {
    if (this.running) {
      // A run is under way: one more follows it, so notices queued meanwhile are not left waiting.
      this.again = true;
      return this.running;
    }
    this.running = this.sendDue().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  /** Starts sending: at once, then whenever the next notice falls due (and at least every minute). */
  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.schedule(0);
  }

  /** A notice was just queued: send it now rather than at the next scheduled look. */
  kick(): void {
    if (this.stopped) return;
    this.schedule(0);
  }

  /** Stops the timer and waits for a run under way. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.running?.catch(() => undefined);
  }

  private schedule(ms: number): void {
    if (this.stopped) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.tick(), ms);
    this.timer.unref();
  }

  private async tick(): Promise<void> {
    this.timer = null;
    try {
      await this.runOnce();
      this.schedule(await this.untilNextDue());
    } catch (err) {
      // The database is out of reach: look again later, notices stay queued.
      this.options.log.error({ err: err instanceof Error ? { name: err.name, code: (err as { code?: unknown }).code } : String(err) }, 'receiver notices: run failed');
      this.schedule(Math.min(IDLE_POLL_MS, this.options.endpoint.retryMs));
    }
  }

  private async untilNextDue(): Promise<number> {
    const row = await sql<{ ms: number | string | null }>`select extract(epoch from (min(next_attempt_at) - now())) * 1000 as ms from receiver_deletions
      where acknowledged_at is null and receiver_subject is not null`.execute(this.db);
    const ms = row.rows[0]?.ms;
    if (ms === null || ms === undefined) return IDLE_POLL_MS;
    return Math.max(0, Math.min(IDLE_POLL_MS, Math.ceil(Number(ms))));
  }

  private async sendDue(): Promise<NotifierRun> {
    const run: NotifierRun = { acknowledged: 0, failed: 0 };
    do {
      this.again = false;
      for (;;) {
        const claimed = await this.claim();
        if (claimed.length === 0) break;
        for (const notice of claimed) {
          if (await this.send(notice)) run.acknowledged += 1;
          else run.failed += 1;
        }
      }
    } while (this.again);
    return run;
  }

  /** Claims due notices: counts the attempt and keeps other senders off them until it could have ended. */
  private claim(): Promise<(DeletionNotice & { attempts: number })[]> {
    const leaseMs = this.options.endpoint.timeoutMs + CLAIM_MARGIN_MS;
    return this.db.transaction().execute(async (tx) => {
      const due = await tx
        .selectFrom('receiver_deletions')
        .select(['cancellation_id', 'notification_id', 'receiver_subject', 'recorded_at', 'attempts'])
        .where('acknowledged_at', 'is', null)
        .where('receiver_subject', 'is not', null)
        .where('next_attempt_at', '<=', sql<Date>`now()`)
        .orderBy('next_attempt_at')
        .limit(CLAIM_BATCH)
        .forUpdate()
        .skipLocked()
        .execute();
      if (due.length === 0) return [];
      await tx
        .updateTable('receiver_deletions')
        .set({ attempts: sql<number>`attempts + 1`, last_attempt_at: sql<Date>`now()`, next_attempt_at: sql<Date>`now() + ${`${leaseMs} milliseconds`}::interval` })
        .where(
          'cancellation_id',
          'in',
          due.map((d) => d.cancellation_id),
        )
        .execute();
      return due.map((d) => ({ type: 'deletion-request' as const, id: d.notification_id!, subject: d.receiver_subject!, deletedAt: iso(d.recorded_at), attempts: d.attempts + 1 }));
    });
  }

  /** One attempt: true when the receiver acknowledged (2xx), which is recorded; else the next attempt is scheduled. */
  private async send(notice: DeletionNotice & { attempts: number }): Promise<boolean> {
    const { endpoint, log } = this.options;
    const { attempts, ...payload } = notice;
    const body = JSON.stringify(payload);
    const timestamp = Math.floor(Date.now() / 1000);
    let failure: string;
    try {
      const res = await fetch(endpoint.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'idempotency-key': notice.id,
          [RECEIVER_TIMESTAMP_HEADER]: String(timestamp),
          [RECEIVER_SIGNATURE_HEADER]: signNotice(endpoint.secret, timestamp, body),
        },
        body,
        // A redirect is not an acknowledgement, and the signed notice goes nowhere else.
        redirect: 'manual',
        signal: AbortSignal.timeout(endpoint.timeoutMs),
      });
      // The answer's body is not read: only the status acknowledges.
      await res.body?.cancel().catch(() => undefined);
      if (res.status >= 200 && res.status < 300) {
        await this.db
          .updateTable('receiver_deletions')
          .set({ acknowledged_at: sql<Date>`now()`, acknowledged_status: res.status, receiver_subject: null, next_attempt_at: null, last_error: null })
          .where('notification_id', '=', notice.id)
          .where('acknowledged_at', 'is', null)
          .execute();
        log.info({ attempts }, 'receiver notices: deletion acknowledged');
        return true;
      }
      failure = `HTTP ${res.status}`;
    } catch (err) {
      failure = failureOf(err);
    }
    const waitMs = this.backoffMs(attempts);
    await this.db
      .updateTable('receiver_deletions')
      .set({ last_error: failure, next_attempt_at: sql<Date>`now() + ${`${waitMs} milliseconds`}::interval` })
      .where('notification_id', '=', notice.id)
      .where('acknowledged_at', 'is', null)
      .execute();
    log.warn({ attempts, error: failure, retryInMs: waitMs }, 'receiver notices: not acknowledged, will retry');
    return false;
  }
}
