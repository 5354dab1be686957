import { makeAutoObservable, runInAction } from 'mobx';
import { ageBand, type AgeBand } from '../domain/age';
import type { ClockPort, PrivacyApiPort, StoragePort } from '../ports';

/** Where registration stands after the age step. */
export type RegistrationOutcome = 'registered' | 'under-14' | 'needs-guardian';

export interface AccountStoreDeps {
  storage: StoragePort;
  api: PrivacyApiPort;
  /** A fresh login code: `Taro.login()` on WeChat; a development code in the browser demo. */
  login: (deviceId: string) => Promise<string>;
  deviceId: () => string;
  keyPrefix: string;
  clock: ClockPort;
  /** Records the guardian's consent (ConsentStore.grant('guardian')). */
  recordGuardianConsent: () => Promise<unknown>;
  /** Runs after a successful sign-in (e.g. reconcile the ledger with the server). */
  afterSignIn?: () => Promise<unknown>;
}

/** The shopper's session with the backend: restored at launch, made on registration. */
export class AccountStore {
  userId: string | null = null;
  expiresAt: string | null = null;
  isSigningIn = false;
  error: Error | null = null;
  /** Age band of the last registration attempt; the birth date itself is never kept. */
  band: AgeBand | null = null;

  constructor(private readonly deps: AccountStoreDeps) {
    makeAutoObservable<AccountStore, 'deps'>(this, { deps: false }, { autoBind: true });
  }

  get sessionKey(): string {
    return `${this.deps.keyPrefix}session`;
  }

  get signedIn(): boolean {
    return this.userId !== null;
  }

  /** Restores a stored session; a malformed record is dropped (the shopper signs in again). */
  async hydrate(): Promise<void> {
    const raw = await this.deps.storage.get(this.sessionKey);
    if (raw === null) return;
    try {
      const saved = JSON.parse(raw) as { token?: unknown; userId?: unknown; expiresAt?: unknown };
      if (typeof saved.token !== 'string' || typeof saved.userId !== 'string' || typeof saved.expiresAt !== 'string') throw new Error('bad');
      if (Date.parse(saved.expiresAt) <= Date.now()) throw new Error('expired');
      this.deps.api.setToken(saved.token);
      runInAction(() => {
        this.userId = saved.userId as string;
        this.expiresAt = saved.expiresAt as string;
      });
    } catch {
      await this.deps.storage.remove(this.sessionKey);
    }
  }

  /** Signs in with a fresh login code and keeps the session. */
  async signIn(): Promise<void> {
    this.isSigningIn = true;
    this.error = null;
    try {
      const code = await this.deps.login(this.deps.deviceId());
      const session = await this.deps.api.login(code);
      await this.deps.storage.set(this.sessionKey, JSON.stringify(session));
      runInAction(() => {
        this.userId = session.userId;
        this.expiresAt = session.expiresAt;
      });
      try {
        await this.deps.afterSignIn?.();
      } catch (err) {
        // Signed in all the same; the ledger catches up on the next sync.
        runInAction(() => (this.error = err instanceof Error ? err : new Error(String(err))));
      }
    } catch (err) {
      runInAction(() => (this.error = err instanceof Error ? err : new Error(String(err))));
      throw err;
    } finally {
      runInAction(() => (this.isSigningIn = false));
    }
  }

  /**
   * Registration starts with the birth year and month the policy asks for. Under 14: no account
   * and nothing stored. 14–17: a guardian's consent first. Invalid dates throw InvalidBirthDateError.
   */
  async register(birthYear: number, birthMonth: number): Promise<RegistrationOutcome> {
    const band = ageBand(birthYear, birthMonth, this.deps.clock.now());
    this.band = band;
    if (band === 'under-14') return 'under-14';
    if (band === '14-17') return 'needs-guardian';
    await this.signIn();
    return 'registered';
  }

  /** The guardian agreed (14–17): recorded in the ledger, then the account is made. */
  async confirmGuardian(): Promise<RegistrationOutcome> {
    if (this.band !== '14-17') throw new Error('No guardian consent is pending');
    await this.deps.recordGuardianConsent();
    await this.signIn();
    return 'registered';
  }

  /** The server no longer accepts the token (401): forget it; nothing unsynced is touched. */
  async sessionExpired(): Promise<void> {
    this.deps.api.setToken(null);
    this.userId = null;
    this.expiresAt = null;
    await this.deps.storage.remove(this.sessionKey);
  }

  /**
   * Signs out on this device or everywhere: the server ends the session(s), and the stored
   * session is forgotten here even when the server could not be told (offline).
   */
  async signOut(scope: 'this-device' | 'everywhere' = 'this-device'): Promise<void> {
    try {
      await this.deps.api.signOut(scope);
    } finally {
      await this.clear();
    }
  }

  /** Wipes the session (account deleted or signed out). */
  async clear(): Promise<void> {
    await this.sessionExpired();
  }
}
