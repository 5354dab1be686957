import { checkErrorCode, exchangeJson, isObject, openidOf, LoginUnavailableError, type LoginCodeClient, type LoginIdentity } from './codeExchange';

// err_no -1 is Douyin's "system error" (code2Session documentation); the 400xx codes name a bad
// appid, secret or code and are the caller's fault.
const RETRYABLE: ReadonlySet<number> = new Set([-1]);

// Douyin's openids carry dots (its documentation's example: "8PB.cW.TabxdbJFs").
const OPENID_RE = /^[A-Za-z0-9._-]{1,128}$/;

/**
 * Douyin's `code2Session` (POST /api/apps/v2/jscode2session with a JSON body `{ appid, secret,
 * code }`) at a configurable base URL, behind the same hardening as WeChat's. The answer is
 * `{ err_no, err_tips, log_id, data: { session_key, openid, anonymous_openid, unionid } }`: only
 * `err_no` absent or 0 with a well-formed `data.openid` signs anyone in. No `anonymous_code` is
 * sent: an account needs the shopper's openid, not an anonymous one.
 */
export class HttpDouyinClient implements LoginCodeClient {
  constructor(
    private readonly options: { apiBase: string; appId: string; appSecret: string; timeoutMs: number },
  ) {}

  async code2Session(code: string): Promise<LoginIdentity> {
    const what = 'Douyin code2Session';
    const body = await exchangeJson(what, new URL(`${this.options.apiBase}/api/apps/v2/jscode2session`), {
      json: { appid: this.options.appId, secret: this.options.appSecret, code },
      timeoutMs: this.options.timeoutMs,
    });
    checkErrorCode('Douyin', what, body.err_no, RETRYABLE);
    if (!isObject(body.data)) throw new LoginUnavailableError(`${what} answer has no data`);
    return { openid: openidOf(what, body.data.openid, OPENID_RE) };
  }
}
