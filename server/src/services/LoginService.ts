import { sha256Hex } from '../domain/tokens';
import { WechatLoginRejectedError, WechatUnavailableError, type WechatClient } from '../wechat/WechatClient';
import { errors } from '../errors';

const DEV_NAME_RE = /^[A-Za-z0-9_-]{1,64}$/;

/** Turns a login code into a stable subject hash (the WeChat user, or a dev user when enabled). */
export class LoginService {
  constructor(
    private readonly wechat: WechatClient,
    private readonly options: { devLogin: boolean; appId: string },
  ) {}

  /** Exchanges the code; throws the contract's API errors (LOGIN_FAILED, WECHAT_UNAVAILABLE). */
  async subjectOf(code: string): Promise<string> {
    if (code.startsWith('dev:')) {
      const name = code.slice(4);
      if (!this.options.devLogin) throw errors.loginFailed('Dev login is disabled');
      if (!DEV_NAME_RE.test(name)) throw errors.loginFailed('Dev login names use letters, digits, - and _');
      return sha256Hex(`dev:${name}`);
    }
    try {
      const { openid } = await this.wechat.code2Session(code);
      return sha256Hex(`wx:${this.options.appId}:${openid}`);
    } catch (err) {
      if (err instanceof WechatLoginRejectedError) throw errors.loginFailed();
      if (err instanceof WechatUnavailableError) throw errors.wechatUnavailable();
      throw err;
    }
  }
}
