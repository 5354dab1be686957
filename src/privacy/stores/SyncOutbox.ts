import { makeAutoObservable, runInAction } from 'mobx';
import type { LedgerEvent } from '../domain/contract';
import type { LedgerEntry } from '../domain/ledger';
import { backoffDelay, DEFAULT_BACKOFF, nextBatch, pendingCount, type BackoffPolicy } from '../domain/outbox';
import { AccountDeletedError, classify, type ClockPort, type ConsentApiPort, type TimerPort } from '../ports';

/** Where the outbox stands. */
export const OUTBOX_STATUSES = Object.freeze([
  /** Nothing to send, or everything sent. */
  'idle',
  'sending',
  /** A send failed; a retry is scheduled at `nextAttemptAt`. */
  'waiting',
  /** No session: events wait until the shopper signs in. */
  'signed-out',
  /** The server answered 401: sign in again; nothing is dropped. */
  'unauthenticated',
  /** A batch was refused (a 4xx, or storage full when recording it sent): kept, retried only on an explicit sync. */
  'rejected',
  /** 410 ACCOUNT_DELETED: nothing more is sent; local data must be wiped. */
  'account-deleted',
] as const);
export type OutboxStatus = (typeof OUTBOX_STATUSES)[number];

/** Where the outbox reads its queue and records what the server acknowledged. */
export interface OutboxHost {
  /** The durably saved ledger: only what survived a write is ever sent. */
  savedEntries(): readonly LedgerEntry[];
  /** Persists that these ids reached the server. */
  markSynced(ids: ReadonlySet<string>): Promise<void>;
  /** Called once on 410 ACCOUNT_DELETED. */
  accountDeleted(completedAt: string | null): void;
}

export interface SyncOutboxDeps {
  host: OutboxHost;
  api?: ConsentApiPort;
  clock: ClockPort;
  /** Schedules automatic retries; without it, retries happen on the next `flush()`. */
  timer?: TimerPort;
  /** [0, 1) source for jitter. */
  random?: () => number;
  backoff?: BackoffPolicy;
}

/** What one `flush()` achieved. */
export interface FlushResult {
  /** Events the server acknowledged during this flush (new or duplicate). */
  sent: number;
  status: OutboxStatus;
}

/** A timer port over the host's `setTimeout` (works in WeChat and browsers). */
export const globalTimer: TimerPort = {
  setTimeout(fn, ms) {
    const handle = setTimeout(fn, ms);
    return () => clearTimeout(handle);
  },
};

/**
 * Sends the ledger's pending events to the backend: in ledger order, in batches of at most
 * LIMITS.eventsPerBatch, one batch at a time, with exponential backoff and jitter after failures.
 * The queue is the saved ledger itself (one storage key, one atomic write), so an app kill at any
 * point loses nothing; a batch whose answer was lost is simply sent again and the server counts
 * its ids as duplicates, so each event is stored exactly once.
 */
export class SyncOutbox {
  status: OutboxStatus = 'idle';
  lastError: Error | null = null;
  /** Consecutive failed attempts. */
  attempt = 0;
  /** Epoch ms of the next automatic retry, or null. */
  nextAttemptAt: number | null = null;
  private running: Promise<FlushResult> | null = null;
  private cancelTimer: (() => void) | null = null;
  /** Bumped by `reset()`: work started before it must not touch anything after. */
  private generation = 0;

  constructor(private readonly deps: SyncOutboxDeps) {
    makeAutoObservable<SyncOutbox, 'deps' | 'running' | 'cancelTimer' | 'generation'>(
      this,
      { deps: false, running: false, cancelTimer: false, generation: false },
      { autoBind: true },
    );
  }

  /** Events waiting in the saved ledger. */
  get pending(): number {
    return pendingCount(this.deps.host.savedEntries());
  }

  /**
   * Sends everything pending, batch after batch, until done or a failure. Never rejects: the
   * outcome is in the result, `status` and `lastError`. Concurrent calls share one run.
   * Unless `force` is set, waits out a scheduled backoff and leaves a refused batch alone.
   */
  flush(options: { force?: boolean } = {}): Promise<FlushResult> {
    if (this.running) return this.running;
    if (this.status === 'account-deleted') return Promise.resolve({ sent: 0, status: this.status });
    if (!options.force) {
      const backingOff = this.nextAttemptAt !== null && this.deps.clock.now() < this.nextAttemptAt;
      if (backingOff || this.status === 'rejected') return Promise.resolve({ sent: 0, status: this.status });
    }
    const run = this.run(this.generation).finally(() => {
      if (this.running === run) this.running = null;
    });
    this.running = run;
    return run;
  }

  /** Stops retries and forgets failures (after `clear()` of the ledger or sign-out). */
  reset(): void {
    this.generation++;
    this.clearTimer();
    this.running = null;
    this.status = 'idle';
    this.lastError = null;
    this.attempt = 0;
    this.nextAttemptAt = null;
  }

  private clearTimer(): void {
    this.cancelTimer?.();
    this.cancelTimer = null;
  }

  private async run(generation: number): Promise<FlushResult> {
    const { api, host } = this.deps;
    let sent = 0;
    const stale = () => generation !== this.generation;
    if (!api || !api.hasSession()) {
      this.status = 'signed-out';
      return { sent, status: this.status };
    }
    this.clearTimer();
    this.nextAttemptAt = null;
    for (;;) {
      const batch: LedgerEvent[] = nextBatch(host.savedEntries());
      if (batch.length === 0) {
        runInAction(() => {
          this.status = 'idle';
          this.attempt = 0;
          this.lastError = null;
        });
        return { sent, status: 'idle' };
      }
      runInAction(() => {
        this.status = 'sending';
      });
      try {
        await api.postConsents(batch);
        if (stale()) return { sent, status: this.status };
        await host.markSynced(new Set(batch.map((e) => e.id)));
        // A host that did not record the batch would have it sent again at once, forever: the run
        // stops here instead and the batch waits for a retry like any other failure.
        if (!stale() && nextBatch(host.savedEntries())[0]?.id === batch[0].id) throw new Error('The acknowledged batch was not recorded');
      } catch (err) {
        if (stale()) return { sent, status: this.status };
        return { sent, status: this.fail(err, generation) };
      }
      sent += batch.length;
      runInAction(() => {
        this.attempt = 0;
        this.lastError = null;
      });
    }
  }

  private fail(err: unknown, generation: number): OutboxStatus {
    const error = err instanceof Error ? err : new Error(String(err));
    this.lastError = error;
    const kind = classify(err);
    if (kind === 'account-deleted') {
      this.status = 'account-deleted';
      this.deps.host.accountDeleted((err as AccountDeletedError).completedAt);
    } else if (kind === 'unauthenticated') {
      this.status = 'unauthenticated';
    } else if (kind === 'refused') {
      this.status = 'rejected';
    } else {
      // Transient, or a failure nobody named (a local write failing after the server acknowledged,
      // a defect): the batch is kept and sent again after a backoff; the server counts duplicates.
      this.attempt += 1;
      const delay = backoffDelay(this.attempt, this.deps.random ?? Math.random, this.deps.backoff ?? DEFAULT_BACKOFF);
      this.nextAttemptAt = this.deps.clock.now() + delay;
      this.status = 'waiting';
      if (this.deps.timer) {
        this.cancelTimer = this.deps.timer.setTimeout(() => {
          this.cancelTimer = null;
          // Forced: a timer may fire a little before the clock reaches nextAttemptAt.
          if (generation === this.generation) void this.flush({ force: true });
        }, delay);
      }
    }
    return this.status;
  }
}
