import { makeAutoObservable, runInAction } from 'mobx';
import type { PrivacyApiPort, StoragePort } from '../ports';

export interface AccountStoreDeps {
  storage: StoragePort;
  api: PrivacyApiPort;
  /** A fresh login code: `Taro.login()` on WeChat; a development code in the browser demo. */
  login: (deviceId: string) => Promise<string>;
  deviceId: () => string;
  keyPrefix: string;
}

/** The shopper's session with the backend: restored at launch, made on registration. */
export class AccountStore {
  userId: string | null = null;
  expiresAt: string | null = null;
  isSigningIn = false;
  error: Error | null = null;

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
    } catch (err) {
      runInAction(() => (this.error = err instanceof Error ? err : new Error(String(err))));
      throw err;
    } finally {
      runInAction(() => (this.isSigningIn = false));
    }
  }

  /** The server no longer accepts the token (401): forget it; nothing unsynced is touched. */
  async sessionExpired(): Promise<void> {
    this.deps.api.setToken(null);
    this.userId = null;
    this.expiresAt = null;
    await this.deps.storage.remove(this.sessionKey);
  }

  /** Wipes the session (account deleted or signed out). */
  async clear(): Promise<void> {
    await this.sessionExpired();
  }
}
