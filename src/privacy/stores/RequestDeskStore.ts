import { makeAutoObservable, runInAction } from 'mobx';
import type { RightsRequest, RightsRequestCreate, RightsRequestReceipt, RightsRequestType } from '../domain/contract';
import { isRequestOpen, needsLoginCode, requestFormBody, type RequestDeskProblem, type RequestFormInput, type RequestFormProblem } from '../domain/requests';
import { ApiError, classify, NetworkError, type AccountDeletedError, type IdPort, type PrivacyApiPort } from '../ports';

/**
 * One attempt to ask for a right, made once when the shopper sends the form: every retry (double
 * tap, lost answer) sends the same key and the same body, so the server answers a repeat with the
 * first receipt and never stores a second request.
 */
export interface RequestAttempt {
  key: string;
  request: RightsRequestCreate;
}

export interface RequestDeskStoreDeps {
  api: PrivacyApiPort;
  ids: IdPort;
  /** A fresh login code (`Taro.login()`), sent with the types that change or release data. */
  login: (deviceId: string) => Promise<string>;
  /** The installation's device id (the login port's argument). */
  deviceId: () => Promise<string>;
  /** 401: forget the session (AccountStore.sessionExpired). */
  sessionExpired?: () => Promise<void>;
  /** 410 ACCOUNT_DELETED: the account is gone (CancellationStore.accountDeleted wipes and says so). */
  accountDeleted?: (completedAt: string | null) => Promise<void>;
}

/**
 * The request desk on the shopper's side: their requests with status, deadline and outcome; a new
 * request (a fresh login code for the types that need one, an idempotency key kept across retries);
 * withdrawing an open one. Made by the desk page from the RootStore's ports, so it ships with the
 * pages, not in the main package.
 */
export class RequestDeskStore {
  /** The shopper's requests, newest first, as the server last listed them. */
  requests: RightsRequest[] = [];
  /** True once the list was read from the server at least once. */
  loaded = false;
  isLoading = false;
  isSubmitting = false;
  /** Id of the request being withdrawn. */
  withdrawingId: string | null = null;
  /** A request sent (or about to be) whose answer has not arrived yet. */
  attempt: RequestAttempt | null = null;
  /** The server's 202 for the last request sent: only then is it "submitted". */
  receipt: RightsRequestReceipt | null = null;
  /** What keeps the form from being sent (nothing was sent). */
  formProblem: RequestFormProblem | null = null;
  problem: RequestDeskProblem | null = null;
  /** The server's own words for an `invalid` problem. */
  problemDetail: string | null = null;
  private submitting: Promise<boolean> | null = null;

  constructor(private readonly deps: RequestDeskStoreDeps) {
    makeAutoObservable<RequestDeskStore, 'deps' | 'submitting'>(this, { deps: false, submitting: false }, { autoBind: true });
  }

  /** Requests still waiting for their answer. */
  get open(): RightsRequest[] {
    return this.requests.filter((r) => isRequestOpen(r.status));
  }

  /** Reads the shopper's requests from the server. Never rejects; a failure sets `problem`. */
  async load(): Promise<void> {
    if (!this.deps.api.hasSession()) return;
    this.isLoading = true;
    try {
      const requests = await this.deps.api.getRightsRequests();
      runInAction(() => {
        this.requests = requests;
        this.loaded = true;
        if (this.problem !== 'network' || this.attempt === null) this.setProblem(null);
      });
    } catch (err) {
      await this.fail(err);
    } finally {
      runInAction(() => (this.isLoading = false));
    }
  }

  /**
   * Asks for a right. A form that is not right yet sends nothing and sets `formProblem`. The types
   * that change or release data take a fresh login code first. Calls while one is in flight join
   * it (double taps). Resolves true once the server's receipt (202) is in.
   */
  ask(type: RightsRequestType, input: RequestFormInput = {}): Promise<boolean> {
    this.submitting ??= this.runAsk(type, input).finally(() => {
      this.submitting = null;
    });
    return this.submitting;
  }

  /** Sends the unanswered attempt again with the same key and body (after a network loss). */
  retry(): Promise<boolean> {
    if (this.attempt === null) return Promise.resolve(false);
    this.submitting ??= this.send().finally(() => {
      this.submitting = null;
    });
    return this.submitting;
  }

  /** Gives up an unanswered attempt; the list shows whether it arrived. */
  forgetAttempt(): void {
    this.attempt = null;
    this.setProblem(null);
    void this.load();
  }

  /** The receipt was read: the form is offered again. */
  dismissReceipt(): void {
    this.receipt = null;
  }

  /** Withdraws an open request. 409 (answered meanwhile) shows the answer instead. */
  async withdraw(id: string): Promise<void> {
    if (this.withdrawingId !== null) return;
    this.withdrawingId = id;
    this.setProblem(null);
    try {
      const now = await this.deps.api.withdrawRightsRequest(id);
      runInAction(() => (this.requests = this.requests.map((r) => (r.id === id ? now : r))));
    } catch (err) {
      if (err instanceof ApiError && err.status === 409) {
        await this.load();
        runInAction(() => this.setProblem('conflict'));
        return;
      }
      await this.fail(err);
    } finally {
      runInAction(() => (this.withdrawingId = null));
    }
  }

  /** Forgets everything held (signed out, account deleted). */
  clear(): void {
    this.requests = [];
    this.loaded = false;
    this.attempt = null;
    this.receipt = null;
    this.formProblem = null;
    this.setProblem(null);
  }

  private async runAsk(type: RightsRequestType, input: RequestFormInput): Promise<boolean> {
    // An unanswered attempt is retried as it was, never replaced by a second request.
    if (this.attempt !== null) return this.send();
    const form = requestFormBody(type, input);
    if ('problem' in form) {
      this.formProblem = form.problem;
      return false;
    }
    this.formProblem = null;
    this.setProblem(null);
    this.receipt = null;
    const request: RightsRequestCreate = { ...form.body };
    if (needsLoginCode(type)) {
      this.isSubmitting = true;
      try {
        request.code = await this.deps.login(await this.deps.deviceId());
      } catch {
        // WeChat gave no code: nothing was sent; the next tap starts over.
        runInAction(() => {
          this.isSubmitting = false;
          this.setProblem('reauth');
        });
        return false;
      }
    }
    this.attempt = { key: this.deps.ids.newId(), request };
    return this.send();
  }

  private async send(): Promise<boolean> {
    const attempt = this.attempt;
    if (attempt === null) return false;
    this.isSubmitting = true;
    this.setProblem(null);
    try {
      const receipt = await this.deps.api.createRightsRequest(attempt.request, attempt.key);
      runInAction(() => {
        this.receipt = receipt;
        this.attempt = null;
        const { request } = attempt;
        const listed: RightsRequest = { ...receipt, categories: request.categories ?? [], details: request.details ?? null };
        this.requests = [listed, ...this.requests.filter((r) => r.id !== receipt.id)];
      });
      void this.load();
      return true;
    } catch (err) {
      // A definite no: the server holds nothing of this attempt, so the next try is a new one.
      // After a passing failure (no answer, 5xx, 429) the attempt is kept and Retry sends the same key.
      if (classify(err) === 'refused') runInAction(() => (this.attempt = null));
      await this.fail(err);
      return false;
    } finally {
      runInAction(() => (this.isSubmitting = false));
    }
  }

  private setProblem(problem: RequestDeskProblem | null, detail: string | null = null): void {
    this.problem = problem;
    this.problemDetail = detail;
  }

  private async fail(err: unknown): Promise<void> {
    let problem: RequestDeskProblem = 'failed';
    let detail: string | null = null;
    switch (classify(err)) {
      case 'account-deleted':
        this.clear();
        await this.deps.accountDeleted?.((err as AccountDeletedError).completedAt);
        return;
      case 'unauthenticated':
        runInAction(() => this.setProblem('sign-in'));
        await this.deps.sessionExpired?.();
        return;
      case 'transient':
        problem = err instanceof NetworkError ? 'network' : 'unavailable';
        break;
      case 'refused':
        if (err instanceof ApiError) {
          if (err.status === 403 || err.code === 'LOGIN_FAILED') problem = 'reauth';
          else if (err.status === 409) problem = 'conflict';
          else if (err.status === 400 || err.status === 404) {
            problem = 'invalid';
            detail = err.message;
          }
        }
        break;
      case 'bug':
        console.error('[privacy] request desk', err);
        break;
    }
    runInAction(() => this.setProblem(problem, detail));
  }
}
