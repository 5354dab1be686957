import type { Pseudonyms } from '../domain/pseudonyms';
import { sha256Hex } from '../domain/tokens';
import { WechatLoginRejectedError, WechatUnavailableError, type WechatClient } from '../wechat/WechatClient';
import { errors } from '../errors';

const DEV_NAME_RE = /^[A-Za-z0-9_-]{1,64}$/;

/** Turns a login code into a stable subject hash (the WeChat user, or a dev user when enabled). */
export class LoginService {
  constructor(
    private readonly wechat: WechatClient,
    private readonly options: { devLogin: boolean; appId: string },
    private readonly pseudonyms: Pseudonyms,
  ) {}

  /**
   * Exchanges the code; throws the contract's API errors (LOGIN_FAILED, WECHAT_UNAVAILABLE).
   * `legacy` is the unkeyed sha256 stored before keyed pseudonyms, so existing users keep their id.
   */
  async subjectOf(code: string): Promise<{ subject: string; legacy: string }> {
    if (code.startsWith('dev:')) {
      const name = code.slice(4);
      if (!this.options.devLogin) throw errors.loginFailed('Dev login is disabled');
      if (!DEV_NAME_RE.test(name)) throw errors.loginFailed('Dev login names use letters, digits, - and _');
      return { subject: this.pseudonyms.devSubject(name), legacy: sha256Hex(`dev:${name}`) };
    }
    try {
      const { openid } = await this.wechat.code2Session(code);
      return { subject: this.pseudonyms.wechatSubject(this.options.appId, openid), legacy: sha256Hex(`wx:${this.options.appId}:${openid}`) };
    } catch (err) {
      if (err instanceof WechatLoginRejectedError) throw errors.loginFailed();
      if (err instanceof WechatUnavailableError) throw errors.wechatUnavailable();
      throw err;
    }
  }
}
