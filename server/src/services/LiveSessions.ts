/** A session known to be live, as of `checkedAt`. */
interface Entry {
  userId: string;
  /** When the session itself expires (ms since epoch). */
  expiresAt: number;
  /** Until when this process trusts the entry without asking the database again (ms since epoch). */
  trustedUntil: number;
}

/**
 * Sessions this process has recently seen live, by token hash (for `SESSION_CACHE_SECONDS`).
 * Used before any work that costs a database place (the consent write queue) and to key rate
 * limits per shopper without a lookup; a token that is not here is looked up once for both
 * (`checkedSession`), so what this cache holds never changes whose allowance a request draws on.
 * It is a pre-check only: the write statement still checks the session on the database, so an
 * entry outliving a revocation made by another process for up to `ttlMs` lets a request into the
 * queue, never into the ledger. Revocations made by this process forget the entry at once.
 */
export class LiveSessions {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly options: { ttlMs: number; maxEntries: number; now?: () => number } = { ttlMs: 60_000, maxEntries: 100_000 },
  ) {}

  private now(): number {
    return this.options.now ? this.options.now() : Date.now();
  }

  /** The user of a live session, or null when unknown, stale or expired. */
  get(tokenHash: string): string | null {
    const e = this.entries.get(tokenHash);
    if (!e) return null;
    const now = this.now();
    if (now >= e.trustedUntil || now >= e.expiresAt) {
      this.entries.delete(tokenHash);
      return null;
    }
    return e.userId;
  }

  /** Records a session seen live (at login or after a lookup). */
  remember(tokenHash: string, userId: string, expiresAt: number = Number.POSITIVE_INFINITY): void {
    if (this.entries.size >= this.options.maxEntries) {
      // Oldest first (Map keeps insertion order): drop a tenth rather than one per insert.
      let drop = Math.max(1, Math.floor(this.options.maxEntries / 10));
      for (const key of this.entries.keys()) {
        this.entries.delete(key);
        if (--drop === 0) break;
      }
    }
    this.entries.delete(tokenHash);
    this.entries.set(tokenHash, { userId, expiresAt, trustedUntil: this.now() + this.options.ttlMs });
  }

  /** Forgets one session (signed out or revoked here). */
  forget(tokenHash: string): void {
    this.entries.delete(tokenHash);
  }

  /** Forgets every session of a user (sign-out everywhere, cancellation). */
  forgetUser(userId: string): void {
    for (const [key, e] of this.entries) if (e.userId === userId) this.entries.delete(key);
  }
}
