import { checkErrorCode, exchangeJson, openidOf, type LoginCodeClient, type LoginIdentity } from '../login/codeExchange';

/** Exchanges WeChat login codes for identities. */
export type WechatClient = LoginCodeClient;

// errcodes from WeChat's code2Session documentation: -1 system busy, 45011 API frequency limit.
const RETRYABLE: ReadonlySet<number> = new Set([-1, 45011]);

/**
 * `code2Session` (GET /sns/jscode2session) at a configurable base URL, behind the shared
 * hardening of `exchangeJson`. Only an answer without a non-zero `errcode` and with a well-formed
 * `openid` signs anyone in.
 */
export class HttpWechatClient implements WechatClient {
  constructor(
    private readonly options: { apiBase: string; appId: string; appSecret: string; timeoutMs: number },
  ) {}

  async code2Session(code: string): Promise<LoginIdentity> {
    const url = new URL(`${this.options.apiBase}/sns/jscode2session`);
    url.searchParams.set('appid', this.options.appId);
    url.searchParams.set('secret', this.options.appSecret);
    url.searchParams.set('js_code', code);
    url.searchParams.set('grant_type', 'authorization_code');
    const body = await exchangeJson('code2Session', url, { timeoutMs: this.options.timeoutMs });
    checkErrorCode('WeChat', 'code2Session', body.errcode, RETRYABLE);
    return { openid: openidOf('code2Session', body.openid, /^[A-Za-z0-9_-]{1,128}$/) };
  }
}
