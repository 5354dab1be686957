/**
 * Rules of the sync outbox: which entries go next and how long to wait after a failure.
 * Pure TypeScript; the I/O lives in stores/SyncOutbox.ts.
 */
import { LIMITS, type LedgerEvent } from './contract';
import type { LedgerEntry } from './ledger';

/** Retry timing: exponential growth from `baseMs`, capped at `maxMs`, with jitter. */
export interface BackoffPolicy {
  baseMs: number;
  maxMs: number;
}

/** 1 s, 2 s, 4 s … up to 5 minutes. */
export const DEFAULT_BACKOFF: BackoffPolicy = Object.freeze({ baseMs: 1000, maxMs: 5 * 60 * 1000 });

/**
 * Delay before retry number `attempt` (1 for the first retry). "Equal jitter": half the
 * exponential step is fixed, half random, so many clients back off apart but never retry at once.
 * `random` returns a number in [0, 1).
 */
export function backoffDelay(attempt: number, random: () => number, policy: BackoffPolicy = DEFAULT_BACKOFF): number {
  const step = Math.min(policy.maxMs, policy.baseMs * Math.pow(2, Math.max(0, attempt - 1)));
  const r = Math.min(Math.max(random(), 0), 1);
  return Math.round(step / 2 + r * (step / 2));
}

/**
 * The next batch to send: the oldest pending events, at most `limit`, each id once.
 * Order is the ledger's, so the server receives decisions in the order they were taken.
 */
export function nextBatch(entries: readonly LedgerEntry[], limit: number = LIMITS.eventsPerBatch): LedgerEvent[] {
  const out: LedgerEvent[] = [];
  const ids = new Set<string>();
  for (const entry of entries) {
    if (out.length >= limit) break;
    if (entry.sync !== 'pending' || ids.has(entry.event.id)) continue;
    ids.add(entry.event.id);
    out.push(entry.event);
  }
  return out;
}

/** Marks the given ids synced; returns the same array when none changed. */
export function markSynced(entries: readonly LedgerEntry[], ids: ReadonlySet<string>): readonly LedgerEntry[] {
  let changed = false;
  const out = entries.map((entry) => {
    if (entry.sync !== 'pending' || !ids.has(entry.event.id)) return entry;
    changed = true;
    return { event: entry.event, sync: 'synced' as const };
  });
  return changed ? out : entries;
}

/** Number of entries waiting to be sent. */
export function pendingCount(entries: readonly LedgerEntry[]): number {
  let n = 0;
  for (const e of entries) if (e.sync === 'pending') n++;
  return n;
}
