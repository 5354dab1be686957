import { makeAutoObservable, runInAction } from 'mobx';
import type { CancellationRequest, CancellationResponse, CancellationStatus, CancellationTerms } from '../domain/contract';
import { canRequestCancellation, canWithdrawCancellation, isCancellationOpen } from '../domain/cancellation';
import { ApiError, classify, NetworkError, type AccountDeletedError, type ClockPort, type IdPort, type PrivacyApiPort, type StoragePort } from '../ports';
import type { OverlayStore } from './OverlayStore';
import { Persistence, type StoredCancellation } from './persistence';

/** Why the last cancellation call did not go through, as the screen explains it. */
export const CANCELLATION_PROBLEMS = Object.freeze([
  /** No answer: the request may or may not have arrived; a retry reuses the same key and body. */
  'network',
  /** 401: sign in again (nothing local is wiped). */
  'sign-in',
  /** The fresh login code was refused or belongs to another WeChat user. */
  'reauth',
  /** WeChat's login or the server is unavailable for now. */
  'unavailable',
  /** The request changed state meanwhile (e.g. undo after the cooling-off ended). */
  'conflict',
  'failed',
] as const);
export type CancellationProblem = (typeof CANCELLATION_PROBLEMS)[number];

/**
 * One attempt to request cancellation. Made once when the shopper confirms and persisted before
 * anything is sent: every retry (double tap, lost answer, app restart) sends the same key and the
 * same body, so the server answers a repeat with the first answer and never stores a second one.
 */
export interface CancellationAttempt {
  key: string;
  request: CancellationRequest;
}

/** What the store keeps in storage (no personal data beyond the optional reason). */
type Persisted = StoredCancellation;

export interface CancellationStoreDeps {
  storage: StoragePort;
  api: PrivacyApiPort;
  ids: IdPort;
  clock: ClockPort;
  /** A fresh login code (`Taro.login()`), sent in the body as re-authentication (request and undo). */
  login: (deviceId: string) => Promise<string>;
  deviceId: () => string;
  keyPrefix: string;
  /** Wipes every store's local data (RootStore.clear). */
  wipe: () => Promise<void>;
  /** 401: forget the session only (AccountStore.sessionExpired). */
  sessionExpired: () => Promise<void>;
  /** The overlay queue the launch notice and the closing note are asked through. */
  ui: OverlayStore;
}

/**
 * Account cancellation on the shopper's side: the request (confirmation, fresh login code,
 * idempotency key kept across retries and restarts), its status, undo, and the local wipe once
 * the server says the account is gone (`completed`, or 410 ACCOUNT_DELETED on any call).
 */
export class CancellationStore {
  /** The latest request the server told us about (also restored from storage at launch). */
  latest: CancellationResponse | null = null;
  /** A request sent (or about to be) whose answer has not arrived yet. */
  attempt: CancellationAttempt | null = null;
  isSubmitting = false;
  isLoading = false;
  isWithdrawing = false;
  problem: CancellationProblem | null = null;
  /**
   * What a request made now would be given (the server's cooling-off length and deadline), shown
   * before the shopper asks; null until read. `termsUnavailable`: the last read failed.
   */
  terms: CancellationTerms | null = null;
  termsUnavailable = false;
  /**
   * When the server said the account is deleted (`completed`, or 410 on any call): set at once,
   * before the local wipe, and kept until the shopper closes the closing note. The one record of
   * it: the ledger reads it to keep every gate closed meanwhile.
   */
  deletedAt: string | null = null;
  private submitting: Promise<void> | null = null;
  private wiping: Promise<void> | null = null;
  /** The launch notice of this launch, once asked: it is asked once, and closes when the request ends. */
  private launchNotice: Promise<unknown> | null = null;
  private readonly store: Persistence;

  constructor(private readonly deps: CancellationStoreDeps) {
    this.store = new Persistence(deps.storage, deps.keyPrefix);
    makeAutoObservable<CancellationStore, 'deps' | 'submitting' | 'wiping' | 'launchNotice' | 'store'>(
      this,
      { deps: false, submitting: false, wiping: false, launchNotice: false, store: false },
      { autoBind: true },
    );
  }

  /** Storage key of the request and the attempt. */
  get storageKey(): string {
    return this.store.key('cancellation');
  }

  get status(): CancellationStatus | null {
    return this.latest?.status ?? null;
  }

  /** A new request may be started (none, or the last one was withdrawn) and none is in flight. */
  get canRequest(): boolean {
    return this.attempt === null && canRequestCancellation(this.latest) && this.deletedAt === null;
  }

  get canWithdraw(): boolean {
    return canWithdrawCancellation(this.status);
  }

  /** A request under way (pending or processing): shown at every launch until it ends. */
  get isOpen(): boolean {
    return isCancellationOpen(this.status);
  }

  /** Restores the last known request and an unanswered attempt; a malformed record is dropped. */
  async hydrate(): Promise<void> {
    const read = await this.store.read('cancellation');
    if (read.status === 'absent') return;
    if (read.status !== 'ok') return this.store.remove('cancellation');
    const s = read.value;
    runInAction(() => {
      this.latest = s.latest;
      this.attempt = s.attempt;
    });
  }

  /**
   * At launch, after `hydrate`: a request under way (or an attempt not answered yet) is checked
   * with the server, and while it is pending or processing its status is shown once, in the
   * overlay queue. Never rejects.
   */
  async launch(): Promise<void> {
    if (!this.isOpen && this.attempt === null) return;
    this.showLaunchNotice();
    await this.refresh();
    this.showLaunchNotice();
  }

  /** Reads what a request made now would be given, for the page to say before it is made. Never rejects. */
  async loadTerms(): Promise<void> {
    try {
      const terms = await this.deps.api.getCancellationTerms();
      runInAction(() => {
        this.terms = terms;
        this.termsUnavailable = false;
      });
    } catch {
      // Offline or an older server: the page says the period is shown once the request is made.
      runInAction(() => (this.termsUnavailable = this.terms === null));
    }
  }

  /** Asks the server for the latest status (at launch, on the status screen). Never rejects. */
  async refresh(): Promise<void> {
    if (!this.deps.api.hasSession() || this.deletedAt !== null) return;
    this.isLoading = true;
    try {
      const latest = await this.deps.api.getCancellation();
      runInAction(() => {
        this.problem = null;
        this.latest = latest;
        // The server holds a request (ours, answered while the app was away): the attempt is done.
        if (latest !== null && latest.status !== 'withdrawn') this.attempt = null;
      });
      if (!this.isOpen) this.closeLaunchNotice();
      if (latest?.status === 'completed') return await this.accountDeleted(latest.completedAt ?? null);
      await this.persist();
    } catch (err) {
      await this.fail(err);
    } finally {
      runInAction(() => (this.isLoading = false));
    }
  }

  /**
   * Requests cancellation. The first call of an attempt makes the key and takes a fresh login
   * code; both are stored before sending. Calls while one is in flight join it (double taps).
   */
  submit(reason?: string): Promise<void> {
    this.submitting ??= this.runSubmit(reason).finally(() => {
      this.submitting = null;
    });
    return this.submitting;
  }

  /** Sends the unanswered attempt again with the same key and body (after a network loss). */
  retry(): Promise<void> {
    return this.submit();
  }

  /** Undo during the cooling-off period, re-authenticated by a fresh login code like the request. */
  async withdraw(): Promise<void> {
    if (this.isWithdrawing) return;
    this.isWithdrawing = true;
    this.problem = null;
    try {
      const code = await this.freshCode();
      if (code === null) return;
      const res = await this.deps.api.withdrawCancellation(code);
      runInAction(() => {
        this.latest = res;
        this.problem = null;
      });
      this.closeLaunchNotice();
      await this.persist();
    } catch (err) {
      if (err instanceof ApiError && err.status === 409) {
        runInAction(() => (this.problem = 'conflict'));
        await this.refresh();
        runInAction(() => (this.problem = 'conflict'));
        return;
      }
      await this.fail(err);
    } finally {
      runInAction(() => (this.isWithdrawing = false));
    }
  }

  /** The launch notice was closed, or "view" was tapped (it comes back at the next launch while the request is open). */
  dismissLaunchNotice(answer: 'view' | 'closed' = 'closed'): void {
    this.deps.ui.answer('cancellation-status', answer);
  }

  /** The closing note was read. */
  dismissDeletedNote(): void {
    this.deps.ui.answer('account-deleted', 'seen');
  }

  /**
   * The account is gone on the server (`completed`, or 410 on any call): recorded at once, every
   * local record wiped through RootStore.clear(), then the closing note, until the shopper closes
   * it. Safe to call more than once.
   */
  accountDeleted(completedAt: string | null): Promise<void> {
    this.wiping ??= (async () => {
      const at = this.deletedAt ?? completedAt ?? new Date(this.deps.clock.now()).toISOString();
      runInAction(() => (this.deletedAt = at));
      try {
        await this.deps.wipe();
      } finally {
        this.wiping = null;
        // Closed by the shopper, or without an answer: either way the deleted account is behind them.
        void this.deps.ui.ask('account-deleted', at).then(() => {
          // A second report wiping again (its note follows) keeps the account deleted.
          if (this.wiping === null && this.deps.ui.find('account-deleted') === null) runInAction(() => (this.deletedAt = null));
        });
      }
    })();
    return this.wiping;
  }

  /** Forgets the request and the attempt, in memory and in storage (RootStore.clear wipes the rest). */
  async clear(): Promise<void> {
    runInAction(() => {
      this.latest = null;
      this.attempt = null;
      this.problem = null;
    });
    this.closeLaunchNotice();
    await this.store.remove('cancellation');
  }

  private async runSubmit(reason?: string): Promise<void> {
    if (this.attempt === null && !this.canRequest) return;
    this.isSubmitting = true;
    this.problem = null;
    try {
      if (this.attempt === null) {
        const code = await this.freshCode();
        if (code === null) return;
        const trimmed = reason?.trim();
        const attempt: CancellationAttempt = {
          key: this.deps.ids.newId(),
          request: { confirm: true, code, ...(trimmed ? { reason: trimmed } : {}) },
        };
        runInAction(() => (this.attempt = attempt));
        // Stored before sending: a restart while the request is on the wire retries the same attempt.
        await this.persist();
      }
      const attempt = this.attempt!;
      const res = await this.deps.api.createCancellation(attempt.request, attempt.key);
      runInAction(() => {
        this.latest = res;
        this.attempt = null;
      });
      this.closeLaunchNotice();
      await this.persist();
    } catch (err) {
      if (err instanceof ApiError && (err.status === 409 || err.code === 'IDEMPOTENCY_KEY_REUSED')) {
        // A request is already held for this account: show it instead of sending another.
        runInAction(() => (this.attempt = null));
        await this.refresh();
        return;
      }
      if (err instanceof ApiError && classify(err) === 'refused') {
        // The server said no, so it holds nothing of this attempt: the next try is a new one. After
        // a passing failure (no answer, 5xx, 429) the attempt is kept and Retry sends the same key.
        runInAction(() => (this.attempt = null));
        await this.persist();
      }
      await this.fail(err);
    } finally {
      runInAction(() => (this.isSubmitting = false));
    }
  }

  /** A fresh login code, or null with the problem set when WeChat gave none (nothing is sent; the next tap starts over). */
  private async freshCode(): Promise<string | null> {
    try {
      return await this.deps.login(this.deps.deviceId());
    } catch {
      runInAction(() => (this.problem = 'network'));
      return null;
    }
  }

  private async fail(err: unknown): Promise<void> {
    let problem: CancellationProblem = 'failed';
    switch (classify(err)) {
      case 'account-deleted':
        return this.accountDeleted((err as AccountDeletedError).completedAt);
      case 'unauthenticated':
        runInAction(() => (this.problem = 'sign-in'));
        await this.deps.sessionExpired();
        return;
      case 'transient':
        // No answer: it may have arrived. A busy or failing server: try again shortly.
        problem = err instanceof NetworkError ? 'network' : 'unavailable';
        break;
      case 'refused':
        if (err instanceof ApiError) {
          if (err.code === 'LOGIN_FAILED' || err.status === 403) problem = 'reauth';
          else if (err.status === 409) problem = 'conflict';
        }
        break;
      case 'bug':
        break;
    }
    runInAction(() => (this.problem = problem));
  }

  /** Asks for the launch notice once per launch, while the request is pending or processing. */
  private showLaunchNotice(): void {
    if (this.launchNotice !== null || !this.isOpen || this.deletedAt !== null) return;
    this.launchNotice = this.deps.ui.ask('cancellation-status', null);
  }

  /** The request ended, or the shopper acted on it elsewhere: the launch notice has nothing left to say. */
  private closeLaunchNotice(): void {
    this.deps.ui.dismiss('cancellation-status');
  }

  private async persist(): Promise<void> {
    const value: Persisted = { latest: this.latest, attempt: this.attempt };
    if (value.latest === null && value.attempt === null) await this.store.remove('cancellation');
    else await this.store.write('cancellation', value);
  }
}
