import type { ClockPort, TimerPort } from '../ports';

/** Lets pending promise callbacks run (one macrotask turn). */
export function settle(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/**
 * A clock and timer that only move when told. `advance` fires due timers in time order and lets
 * the work they start settle between them.
 */
export class ManualClock implements ClockPort, TimerPort {
  private timers: Array<{ id: number; at: number; fn: () => void }> = [];
  private nextId = 1;

  constructor(private current: number = Date.parse('2026-01-15T02:00:00Z')) {}

  now(): number {
    return this.current;
  }

  /** Jumps to an instant without firing timers. */
  set(at: number): void {
    this.current = at;
  }

  setTimeout(fn: () => void, ms: number): () => void {
    const id = this.nextId++;
    this.timers.push({ id, at: this.current + Math.max(0, ms), fn });
    return () => {
      this.timers = this.timers.filter((t) => t.id !== id);
    };
  }

  /** Number of timers waiting. */
  get pendingTimers(): number {
    return this.timers.length;
  }

  /** Due time of the earliest timer, or null. */
  nextTimerAt(): number | null {
    return this.timers.length === 0 ? null : Math.min(...this.timers.map((t) => t.at));
  }

  /** Moves time forward by `ms`, firing every timer that falls due, each followed by a settle. */
  async advance(ms: number): Promise<void> {
    const target = this.current + ms;
    for (;;) {
      await settle();
      const due = this.timers.filter((t) => t.at <= target).sort((a, b) => a.at - b.at || a.id - b.id)[0];
      if (!due) break;
      this.timers = this.timers.filter((t) => t.id !== due.id);
      this.current = Math.max(this.current, due.at);
      due.fn();
    }
    this.current = target;
    await settle();
  }

  /** Fires timers one after another (moving time to each) until none is left or `maxTimers` fired. */
  async runAll(maxTimers = 1000): Promise<number> {
    let fired = 0;
    while (fired < maxTimers) {
      await settle();
      const at = this.nextTimerAt();
      if (at === null) break;
      await this.advance(Math.max(0, at - this.current));
      fired++;
    }
    return fired;
  }
}
