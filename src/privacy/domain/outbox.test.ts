import { LIMITS } from './contract';
import type { LedgerEntry } from './ledger';
import { backoffDelay, DEFAULT_BACKOFF, markSynced, nextBatch, pendingCount } from './outbox';
import { ledgerEvent as ev } from '../testing/events';

describe('backoffDelay', () => {
  it('doubles per attempt between half and the whole step, and stops growing at the cap', () => {
    for (const [attempt, step] of [[1, 1000], [2, 2000], [3, 4000], [10, 300_000], [40, 300_000]] as const) {
      expect(backoffDelay(attempt, () => 0)).toBe(step / 2);
      expect(backoffDelay(attempt, () => 0.999999)).toBeLessThanOrEqual(step);
      expect(backoffDelay(attempt, () => 0.999999)).toBeGreaterThan(step * 0.99);
    }
    expect(DEFAULT_BACKOFF.maxMs).toBe(300_000);
  });

  it('spreads clients apart with jitter', () => {
    const a = backoffDelay(4, () => 0.1);
    const b = backoffDelay(4, () => 0.9);
    expect(a).not.toBe(b);
  });
});

describe('nextBatch', () => {
  const entries: LedgerEntry[] = Array.from({ length: 250 }, (_, i) => ({ event: ev(), sync: i % 5 === 0 ? 'local' : 'pending' }));

  it('takes the oldest pending events, at most 100, never local or synced ones', () => {
    const batch = nextBatch(entries);
    expect(batch).toHaveLength(LIMITS.eventsPerBatch);
    const pendingInOrder = entries.filter((e) => e.sync === 'pending').map((e) => e.event.id);
    expect(batch.map((e) => e.id)).toEqual(pendingInOrder.slice(0, 100));
  });

  it('sends each id once even if it appears twice', () => {
    const e = ev();
    expect(nextBatch([{ event: e, sync: 'pending' }, { event: e, sync: 'pending' }])).toHaveLength(1);
  });

  it('moves on after the acknowledged ones are marked synced', () => {
    const first = nextBatch(entries);
    const after = markSynced(entries, new Set(first.map((e) => e.id)));
    expect(pendingCount(after)).toBe(pendingCount(entries) - 100);
    expect(nextBatch(after)[0].id).not.toBe(first[0].id);
    expect(markSynced(after, new Set(['nope']))).toBe(after);
  });
});
