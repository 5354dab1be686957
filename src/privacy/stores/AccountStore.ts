import { makeAutoObservable, runInAction } from 'mobx';
import { ageBand, ageRefusalHolds, ageRefusalLastDay, shanghaiDay, type AgeBand } from '../domain/age';
import type { GuardianCodeResponse, LoginResponse } from '../domain/contract';
import { ApiError, classify, type ClockPort, type PrivacyApiPort, type StoragePort } from '../ports';
import { Persistence, type PendingSignOut, type Wipe } from './persistence';

/** Where registration stands after the age step. */
export type RegistrationOutcome = 'registered' | 'under-14' | 'needs-guardian';

/**
 * How asking for a guardian's code ended: sent; the number refused (not a mobile the provider
 * reaches); too many codes for now; or the server cannot send codes now (its SMS provider is down or not configured).
 */
export type GuardianCodeOutcome = 'sent' | 'bad-number' | 'limited' | 'unavailable';

/** How typing the guardian's code ended: the account is made; the code is wrong (try again); or a new code is needed (expired, used up). */
export type GuardianConfirmOutcome = 'registered' | 'wrong-code' | 'new-code-needed';

export interface AccountStoreDeps {
  storage: StoragePort;
  api: PrivacyApiPort;
  /** A fresh login code: `Taro.login()` on WeChat; a development code in the browser demo. */
  login: (deviceId: string) => Promise<string>;
  deviceId: () => string;
  keyPrefix: string;
  clock: ClockPort;
  /** Records the guardian's consent (ConsentStore.grant('guardian')), once the guardian's code checked out. */
  recordGuardianConsent: () => Promise<unknown>;
  /** Runs after a successful sign-in (e.g. reconcile the ledger with the server). */
  afterSignIn?: () => Promise<unknown>;
  /** Removes the keys the storage registry lists for a sign-out (RootStore). Default: the session only. */
  wipe?: (wipe: Wipe) => Promise<void>;
  /**
   * Removes those keys and nothing else, for a session the server ended (401): the shopper is
   * signed out without having asked, so what is on screen stays (RootStore: the persistence wipe).
   */
  forget?: (wipe: Wipe) => Promise<void>;
}

/** How a sign-out ended: the server ended the session(s), or it will be told when back online. */
export type SignOutOutcome = 'signed-out' | 'queued';

/**
 * How a returning member's sign-in ended: signed in to their account; the WeChat user has no
 * account (nothing was made: registration is the age step's); or refused without asking anyone,
 * because the age step was answered "under 14" in this session.
 */
export type ReturningSignInOutcome = 'signed-in' | 'no-account' | 'under-14';

/** The shopper's session with the backend: restored at launch, made on registration. */
export class AccountStore {
  userId: string | null = null;
  expiresAt: string | null = null;
  isSigningIn = false;
  error: Error | null = null;
  /** Age band of the last registration attempt; the birth date itself is never kept. */
  band: AgeBand | null = null;
  /**
   * The day an "under 14" answer was given on this device, while it holds (AGE_REFUSAL_DAYS):
   * the age step and signing in are refused without asking. Kept on the device, nothing else of it.
   */
  ageRefusedOn: string | null = null;
  /** The code sent to the guardian's number (14–17), while registration waits for it; in memory only. */
  guardianCode: GuardianCodeResponse | null = null;
  /** The proof of the guardian's confirmation, until the registration that spends it succeeds. */
  private guardianProof: string | null = null;
  /** Sign-outs made offline that the server has not been told of yet. */
  pendingSignOuts = 0;
  /**
   * An account has signed in on this device (after its age step): once signed out, the shopper
   * signs in again with `signInAgain()` and is not asked their age again. Forgotten when the
   * account is deleted, or when the WeChat user turns out to have no account.
   */
  returning = false;
  private sending: Promise<void> | null = null;
  private readonly store: Persistence;

  constructor(private readonly deps: AccountStoreDeps) {
    this.store = new Persistence(deps.storage, deps.keyPrefix);
    makeAutoObservable<AccountStore, 'deps' | 'sending' | 'store' | 'guardianProof'>(this, { deps: false, sending: false, store: false, guardianProof: false }, { autoBind: true });
  }

  get sessionKey(): string {
    return this.store.key('session');
  }

  /**
   * Storage key of the sign-outs still to be delivered (made offline, kept until the server is told
   * or the session would have expired anyway; sent at the next launch and after the next sign-in).
   */
  get signOutsKey(): string {
    return this.store.key('signOuts');
  }

  get signedIn(): boolean {
    return this.userId !== null;
  }

  /** True while an "under 14" answer holds on this device. */
  get ageRefused(): boolean {
    return this.ageRefusedOn !== null;
  }

  /** The last day the "under 14" answer holds (`YYYY-MM-DD`, China time), or null. */
  get ageRefusedUntil(): string | null {
    return this.ageRefusedOn === null ? null : ageRefusalLastDay(this.ageRefusedOn);
  }

  /**
   * Restores a stored session; a malformed record is dropped (the shopper signs in again). Sign-outs
   * made offline are sent again in the background.
   */
  async hydrate(): Promise<void> {
    const pending = await this.readSignOuts();
    runInAction(() => (this.pendingSignOuts = pending.length));
    if (pending.length > 0) void this.sendSignOuts();
    const member = await this.store.value('member');
    runInAction(() => (this.returning = member !== null));
    const refusal = await this.store.value('ageRefusal');
    // Past its days the refusal goes: the age step is asked again.
    if (refusal !== null && !ageRefusalHolds(refusal.refusedOn, this.deps.clock.now())) await this.store.remove('ageRefusal');
    else runInAction(() => (this.ageRefusedOn = refusal?.refusedOn ?? null));
    const read = await this.store.read('session');
    if (read.status === 'absent') return;
    // A malformed or expired session is dropped: the shopper signs in again.
    if (read.status !== 'ok' || Date.parse(read.value.expiresAt) <= Date.now()) return this.store.remove('session');
    const saved = read.value;
    this.deps.api.setToken(saved.token);
    runInAction(() => {
      this.userId = saved.userId;
      this.expiresAt = saved.expiresAt;
    });
  }

  /** Signs in with a fresh login code and keeps the session; the server makes the account on its first sign-in (registration). */
  async signIn(): Promise<void> {
    await this.signingIn(async (code) => this.deps.api.login(code));
  }

  /** A 14–17-year-old's registration: the account is made with the proof of the guardian's confirmation. */
  private async registerWithGuardian(proof: string): Promise<void> {
    await this.signingIn(async (code) => this.deps.api.login(code, { guardianProof: proof }));
  }

  /**
   * A returning member signs in again (one tap after a sign-out, or on a page that needs the
   * account): to the account their WeChat user already has, never a new one, and without the age
   * step, which that account passed. Refused, asking no one, while an "under 14" answer holds on
   * this device: signing in is never a way around it.
   */
  async signInAgain(): Promise<ReturningSignInOutcome> {
    if (this.ageRefused) return 'under-14';
    const session = await this.signingIn((code) => this.deps.api.login(code, { existing: true }));
    if (session !== null) return 'signed-in';
    // No account (never made, or deleted meanwhile): this device no longer knows one.
    await this.store.remove('member');
    runInAction(() => (this.returning = false));
    return 'no-account';
  }

  private async signingIn<S extends LoginResponse | null>(exchange: (code: string) => Promise<S>): Promise<S> {
    this.isSigningIn = true;
    this.error = null;
    try {
      const code = await this.deps.login(this.deps.deviceId());
      const session = await exchange(code);
      if (session === null) return session;
      await this.store.write('session', session);
      await this.store.write('member', { userId: session.userId });
      runInAction(() => {
        this.userId = session.userId;
        this.expiresAt = session.expiresAt;
        this.returning = true;
      });
      // Online again: an earlier offline sign-out can be delivered now.
      if (this.pendingSignOuts > 0) void this.sendSignOuts();
      try {
        await this.deps.afterSignIn?.();
      } catch (err) {
        // Signed in all the same; the ledger catches up on the next sync.
        runInAction(() => (this.error = err instanceof Error ? err : new Error(String(err))));
      }
      return session;
    } catch (err) {
      runInAction(() => (this.error = err instanceof Error ? err : new Error(String(err))));
      throw err;
    } finally {
      runInAction(() => (this.isSigningIn = false));
    }
  }

  /**
   * Registration starts with the birth year and month the policy asks for. Under 14: no account,
   * and only the day of that answer is kept on this device, so that reloading and answering again
   * does not undo it while it holds (AGE_REFUSAL_DAYS); while it holds no other answer is looked at.
   * 14–17: a guardian's confirmation first. Invalid dates throw InvalidBirthDateError.
   */
  async register(birthYear: number, birthMonth: number): Promise<RegistrationOutcome> {
    if (this.ageRefused) return 'under-14';
    const now = this.deps.clock.now();
    const band = ageBand(birthYear, birthMonth, now);
    this.band = band;
    this.guardianCode = null;
    this.guardianProof = null;
    if (band === 'under-14') {
      const refusedOn = shanghaiDay(now);
      await this.store.write('ageRefusal', { refusedOn });
      runInAction(() => (this.ageRefusedOn = refusedOn));
      return 'under-14';
    }
    if (band === '14-17') return 'needs-guardian';
    await this.signIn();
    return 'registered';
  }

  /**
   * 14–17: the minor enters the guardian's mobile number, and the server sends the guardian a
   * code. Asking again for the same number within a minute sends nothing new.
   */
  async sendGuardianCode(phone: string): Promise<GuardianCodeOutcome> {
    if (this.band !== '14-17') throw new Error('No guardian consent is pending');
    try {
      const sent = await this.deps.api.requestGuardianCode({ deviceId: this.deps.deviceId(), phone });
      runInAction(() => (this.guardianCode = sent));
      return 'sent';
    } catch (err) {
      if (err instanceof ApiError && err.status === 400) return 'bad-number';
      if (err instanceof ApiError && err.status === 429) return 'limited';
      if (err instanceof ApiError && err.status === 503) return 'unavailable';
      throw err;
    }
  }

  /**
   * The guardian read the code to the minor, who types it. Only once the server has checked it is
   * the guardian's consent recorded (ConsentStore) and the account made, with the server's proof.
   */
  async confirmGuardian(code: string): Promise<GuardianConfirmOutcome> {
    const pending = this.guardianCode;
    if (this.band !== '14-17' || pending === null) throw new Error('No guardian code is pending');
    if (this.guardianProof === null) {
      try {
        this.guardianProof = (await this.deps.api.verifyGuardianCode(pending.id, { deviceId: this.deps.deviceId(), code })).proof;
      } catch (err) {
        if (err instanceof ApiError && err.code === 'GUARDIAN_CODE_WRONG') return 'wrong-code';
        if (err instanceof ApiError && [404, 409, 410, 429].includes(err.status)) return this.newCodeNeeded();
        throw err;
      }
      await this.deps.recordGuardianConsent();
    }
    try {
      await this.registerWithGuardian(this.guardianProof);
    } catch (err) {
      // Past its time, or spent: the guardian confirms again with a new code.
      if (err instanceof ApiError && err.code === 'GUARDIAN_PROOF_INVALID') return this.newCodeNeeded();
      throw err;
    }
    runInAction(() => {
      this.guardianCode = null;
      this.guardianProof = null;
    });
    return 'registered';
  }

  private newCodeNeeded(): GuardianConfirmOutcome {
    this.guardianCode = null;
    this.guardianProof = null;
    return 'new-code-needed';
  }

  /**
   * The server no longer accepts the token (401): the shopper is signed out, so what a sign-out
   * removes goes too (the registry's `sign-out` keys, e.g. the account's profile on this device,
   * through `forget`); nothing unsynced is touched (the ledger stays).
   */
  async sessionExpired(): Promise<void> {
    await this.forgetSession();
    await this.deps.forget?.('sign-out');
  }

  /** Forgets the session here: the token, the user and the stored session. */
  private async forgetSession(): Promise<void> {
    this.deps.api.setToken(null);
    runInAction(() => {
      this.userId = null;
      this.expiresAt = null;
    });
    await this.store.remove('session');
  }

  /**
   * Signs out on this device or everywhere. The session is forgotten here at once; when the server
   * cannot be told now (offline, or it is down), the sign-out is kept and delivered later, so the
   * session does not stay valid on the server. Sessions made after it are not ended by it.
   */
  async signOut(scope: 'this-device' | 'everywhere' = 'this-device'): Promise<SignOutOutcome> {
    const session = await this.storedSession();
    // The session goes; the device still knows the member, who signs in again with one tap.
    if (session === null) {
      await this.sessionExpired();
      await this.deps.wipe?.('sign-out');
      return 'signed-out';
    }
    const entry: PendingSignOut = { token: session.token, scope, signedOutAt: new Date(this.deps.clock.now()).toISOString(), expiresAt: session.expiresAt };
    // Stored before anything is sent: a kill or a lost answer cannot leave the session alive.
    await this.writeSignOuts([...(await this.readSignOuts()), entry]);
    await this.sessionExpired();
    await this.deps.wipe?.('sign-out');
    await this.sendSignOuts();
    const left = await this.readSignOuts();
    return left.some((e) => e.token === entry.token) ? 'queued' : 'signed-out';
  }

  /** Delivers the sign-outs still to be sent; one run at a time. Never rejects. */
  sendSignOuts(): Promise<void> {
    this.sending ??= this.deliver().finally(() => {
      this.sending = null;
    });
    return this.sending;
  }

  private async deliver(): Promise<void> {
    // Each stored sign-out is tried once per run; those added meanwhile are tried in the same run.
    const tried = new Set<string>();
    for (;;) {
      const todo = (await this.readSignOuts()).filter((e) => !tried.has(e.token));
      if (todo.length === 0) return;
      const now = this.deps.clock.now();
      const settled = new Set<string>();
      for (const e of todo) {
        tried.add(e.token);
        // A session past its expiry is dead on the server too: nothing to tell.
        if (Date.parse(e.expiresAt) <= now) {
          settled.add(e.token);
          continue;
        }
        try {
          await this.deps.api.revokeSession(e.token, e.scope, e.scope === 'everywhere' ? e.signedOutAt : undefined);
          settled.add(e.token);
        } catch (err) {
          // Settled when the server refused it for good (a 4xx would not change on a retry) or the
          // session or account is gone already; kept when the server could not be told now, and
          // when the failure is nobody's named one (a session must not stay alive by a defect).
          const kind = classify(err);
          if (kind !== 'transient' && kind !== 'bug') settled.add(e.token);
        }
      }
      await this.writeSignOuts((await this.readSignOuts()).filter((e) => !settled.has(e.token)));
    }
  }

  private storedSession(): Promise<{ token: string; expiresAt: string } | null> {
    return this.store.value('session');
  }

  private async readSignOuts(): Promise<PendingSignOut[]> {
    return (await this.store.value('signOuts')) ?? [];
  }

  private async writeSignOuts(entries: PendingSignOut[]): Promise<void> {
    if (entries.length === 0) await this.store.remove('signOuts');
    else await this.store.write('signOuts', entries);
    runInAction(() => (this.pendingSignOuts = entries.length));
  }

  /** The account was deleted: its session, and this device's memory of it, go; the caller wipes the rest. */
  async clear(): Promise<void> {
    await this.forgetSession();
    await this.store.remove('member');
    runInAction(() => (this.returning = false));
  }
}
