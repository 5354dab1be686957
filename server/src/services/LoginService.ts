import type { Pseudonyms } from '../domain/pseudonyms';
import { sha256Hex } from '../domain/tokens';
import { LoginRejectedError, LoginUnavailableError, type LoginCodeClient, type LoginPlatform } from '../login/codeExchange';
import { errors } from '../errors';

const DEV_NAME_RE = /^[A-Za-z0-9_-]{1,64}$/;

/** A platform's code exchange and the app id its subjects are hashed under; null when that login is off. */
export type PlatformLogin = { client: LoginCodeClient; appId: string } | null;

/** Who a login code names: the keyed subject hash and, for WeChat users made before keyed pseudonyms, the unkeyed one. */
export interface LoginSubject {
  subject: string;
  legacy?: string;
}

const PLATFORM_NAMES: Readonly<Record<LoginPlatform, string>> = Object.freeze({ weapp: 'WeChat', tt: 'Douyin' });

/**
 * Turns a login code into a stable subject hash (the platform's user, or a dev user when enabled).
 * Each platform's users are subjects of their own: the same openid on WeChat and on Douyin is two
 * accounts (a Douyin account is not a WeChat account unless the shop links them).
 */
export class LoginService {
  constructor(
    private readonly platforms: Readonly<Record<LoginPlatform, PlatformLogin>>,
    private readonly options: { devLogin: boolean },
    private readonly pseudonyms: Pseudonyms,
  ) {}

  /**
   * Exchanges the code on the platform it came from; throws the contract's API errors: LOGIN_FAILED,
   * and when the platform's login service fails, WECHAT_UNAVAILABLE on WeChat (the code its
   * clients know) or the platform-neutral LOGIN_UNAVAILABLE on Douyin (both 503).
   */
  async subjectOf(code: string, platform: LoginPlatform = 'weapp'): Promise<LoginSubject> {
    if (code.startsWith('dev:')) {
      const name = code.slice(4);
      if (!this.options.devLogin) throw errors.loginFailed('Dev login is disabled');
      if (!DEV_NAME_RE.test(name)) throw errors.loginFailed('Dev login names use letters, digits, - and _');
      const subject = this.pseudonyms.devSubject(name, platform);
      return platform === 'weapp' ? { subject, legacy: sha256Hex(`dev:${name}`) } : { subject };
    }
    const login = this.platforms[platform];
    const name = PLATFORM_NAMES[platform];
    if (login === null) throw errors.loginFailed(`${name} login is not enabled on this server`);
    try {
      const { openid } = await login.client.code2Session(code);
      if (platform === 'tt') return { subject: this.pseudonyms.douyinSubject(login.appId, openid) };
      return { subject: this.pseudonyms.wechatSubject(login.appId, openid), legacy: sha256Hex(`wx:${login.appId}:${openid}`) };
    } catch (err) {
      if (err instanceof LoginRejectedError) throw errors.loginFailed();
      if (err instanceof LoginUnavailableError) {
        const message = `${name} login is unavailable, try again`;
        throw platform === 'weapp' ? errors.wechatUnavailable(message) : errors.loginUnavailable(message);
      }
      throw err;
    }
  }
}
