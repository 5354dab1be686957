import { makeAutoObservable, runInAction } from 'mobx';
import { NICKNAME_MAX_LENGTH, PHONE_PATTERN } from '../domain/contract-schemas';
import type { RightsRequest } from '../domain/contract';
import { ApiError, classify, NetworkError, type AccountDeletedError, type IdPort, type PrivacyApiPort } from '../ports';

/** Why the profile could not be read or saved. */
export type ProfileProblem = 'network' | 'reauth' | 'sign-in' | 'failed';
/** The field a save refused before sending anything. */
export type ProfileFieldProblem = 'nickname' | 'phone';

export interface ProfileStoreDeps {
  api: PrivacyApiPort;
  ids: IdPort;
  /** A fresh login code (`Taro.login()`): the change is made on the server, for the signed-in WeChat user only. */
  login: (deviceId: string) => Promise<string>;
  deviceId: () => Promise<string>;
  sessionExpired?: () => Promise<void>;
  accountDeleted?: (completedAt: string | null) => Promise<void>;
}

const PHONE = new RegExp(PHONE_PATTERN);

/**
 * The profile details the server holds (nickname, mobile number), read and corrected there. A
 * change of details already given is a correction the server makes at once and records as a
 * fulfilled request at the request desk (`lastCorrection`). Retries of one save send one key.
 */
export class ProfileStore {
  nickname = '';
  phone = '';
  loaded = false;
  isSaving = false;
  /** True after the last save was stored. */
  saved = false;
  /** The fulfilled correction the last save recorded, or null (details given the first time, or unchanged). */
  lastCorrection: RightsRequest | null = null;
  problem: ProfileProblem | null = null;
  private attempt: { key: string; nickname: string; phone: string } | null = null;

  constructor(private readonly deps: ProfileStoreDeps) {
    makeAutoObservable<ProfileStore, 'deps' | 'attempt'>(this, { deps: false, attempt: false }, { autoBind: true });
  }

  /** Reads the profile from the server. Never rejects. */
  async load(): Promise<void> {
    try {
      const p = await this.deps.api.getProfile();
      runInAction(() => {
        this.nickname = p.nickname;
        this.phone = p.phone;
        this.loaded = true;
        this.problem = null;
      });
    } catch (err) {
      await this.fail(err);
    }
  }

  /** What keeps these values from being sent, or null. */
  static fieldProblem(nickname: string, phone: string): ProfileFieldProblem | null {
    if (nickname.trim().length > NICKNAME_MAX_LENGTH) return 'nickname';
    if (!PHONE.test(phone.trim())) return 'phone';
    return null;
  }

  /** Saves the details on the server; true when stored. A refused field is not sent (see `fieldProblem`). */
  async save(nickname: string, phone: string): Promise<boolean> {
    if (this.isSaving) return false;
    const n = nickname.trim();
    const p = phone.trim();
    if (ProfileStore.fieldProblem(n, p)) return false;
    // A retry of the same values keeps its key: the server answers it once.
    if (!this.attempt || this.attempt.nickname !== n || this.attempt.phone !== p) this.attempt = { key: this.deps.ids.newId(), nickname: n, phone: p };
    const { key } = this.attempt;
    this.isSaving = true;
    this.saved = false;
    this.problem = null;
    try {
      const code = await this.deps.login(await this.deps.deviceId());
      const answer = await this.deps.api.updateProfile({ nickname: n, phone: p, code }, key);
      runInAction(() => {
        this.nickname = answer.profile.nickname;
        this.phone = answer.profile.phone;
        this.lastCorrection = answer.request;
        this.saved = true;
        this.attempt = null;
      });
      return true;
    } catch (err) {
      await this.fail(err);
      return false;
    } finally {
      runInAction(() => (this.isSaving = false));
    }
  }

  private async fail(err: unknown): Promise<void> {
    let problem: ProfileProblem = 'failed';
    switch (classify(err)) {
      case 'account-deleted':
        await this.deps.accountDeleted?.((err as AccountDeletedError).completedAt);
        return;
      case 'unauthenticated':
        runInAction(() => (this.problem = 'sign-in'));
        await this.deps.sessionExpired?.();
        return;
      case 'transient':
        problem = err instanceof NetworkError ? 'network' : 'failed';
        break;
      case 'refused':
        if (err instanceof ApiError && (err.status === 403 || err.code === 'LOGIN_FAILED')) problem = 'reauth';
        break;
      case 'bug':
        console.error('[privacy] profile', err);
        break;
    }
    runInAction(() => (this.problem = problem));
  }
}
