import { isDatabaseUnavailable } from '../db/unavailable';
import { errors } from '../errors';
import { isForeignKeyViolation } from '../repositories/rows';
import type { AppendOutcome, AppendRequest, ConsentRepository } from '../repositories/ConsentRepository';

interface Waiting {
  request: AppendRequest;
  resolve(outcome: AppendOutcome): void;
  reject(err: unknown): void;
}

export interface ConsentWriterOptions {
  /** Append statements in flight at once; requests arriving meanwhile wait and share the next one. */
  statements: number;
  /** Events one statement carries at most (a single larger request still goes alone). */
  maxEvents: number;
  /**
   * Events that may wait at once; beyond that a request is refused at once with 503 and
   * Retry-After (the client's outbox sends it again) rather than queued behind work the
   * database cannot keep up with. Default: 20 statements' worth.
   */
  maxWaitingEvents?: number;
}

/**
 * Group commit for the consent ledger. A request goes to the database at once while fewer than
 * `statements` appends are in flight; under load the requests that arrive meanwhile are written
 * together by the next statement, so PostgreSQL parses, plans and commits once for many shoppers.
 * Each request still gets its own outcome, and is stored whole or not at all. When a shared
 * statement fails for a reason other than an outage, each of its requests is retried alone, so a
 * request can only fail for its own sake.
 */
export class ConsentWriter {
  private readonly waiting: Waiting[] = [];
  private waitingEvents = 0;
  private inFlight = 0;

  constructor(
    private readonly repo: Pick<ConsentRepository, 'appendAll'>,
    private readonly options: ConsentWriterOptions,
  ) {
    if (!(options.statements >= 1 && options.maxEvents >= 1)) throw new Error('ConsentWriter needs at least one statement and one event');
  }

  append(request: AppendRequest): Promise<AppendOutcome> {
    const n = request.events.length;
    if (this.waiting.length > 0 && this.waitingEvents + n > (this.options.maxWaitingEvents ?? 20 * this.options.maxEvents)) return Promise.reject(errors.busy());
    return new Promise((resolve, reject) => {
      this.waiting.push({ request, resolve, reject });
      this.waitingEvents += n;
      this.next();
    });
  }

  private next(): void {
    while (this.inFlight < this.options.statements && this.waiting.length > 0) {
      let take = 1;
      let events = this.waiting[0]!.request.events.length;
      while (take < this.waiting.length && events + this.waiting[take]!.request.events.length <= this.options.maxEvents) {
        events += this.waiting[take]!.request.events.length;
        take++;
      }
      this.inFlight++;
      this.waitingEvents -= events;
      void this.write(this.waiting.splice(0, take)).finally(() => {
        this.inFlight--;
        this.next();
      });
    }
  }

  private async write(group: Waiting[]): Promise<void> {
    try {
      const outcomes = await this.repo.appendAll(group.map((w) => w.request));
      group.forEach((w, i) => w.resolve(outcomes[i]!));
    } catch (err) {
      // A foreign-key violation means a user was purged while the statement waited for it: run
      // again, alone, the statement finds that session deleted and refuses it (410), nothing stored.
      if ((group.length === 1 && !isForeignKeyViolation(err)) || isDatabaseUnavailable(err)) {
        for (const w of group) w.reject(err);
        return;
      }
      for (const w of group) {
        try {
          w.resolve((await this.repo.appendAll([w.request]))[0]!);
        } catch (alone) {
          w.reject(alone);
        }
      }
    }
  }
}
