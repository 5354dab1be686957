/** WeChat refused the login code (invalid, used, expired, or a risky user). */
export class WechatLoginRejectedError extends Error {
  override name = 'WechatLoginRejectedError';
  constructor(readonly errcode: number) {
    super(`WeChat rejected the login code (errcode ${errcode})`);
  }
}

/** WeChat could not be asked: timeout, network, rate limit, system busy or an unreadable answer. */
export class WechatUnavailableError extends Error {
  override name = 'WechatUnavailableError';
}

/** The part of a code2Session answer the server keeps using (session_key is never stored). */
export interface WechatIdentity {
  openid: string;
}

/** Exchanges login codes for identities. */
export interface WechatClient {
  code2Session(code: string): Promise<WechatIdentity>;
}

// errcodes from WeChat's code2Session documentation: -1 system busy, 45011 API frequency limit.
const RETRYABLE = new Set([-1, 45011]);

/** `code2Session` over HTTP at a configurable base URL. */
export class HttpWechatClient implements WechatClient {
  constructor(
    private readonly options: { apiBase: string; appId: string; appSecret: string; timeoutMs: number },
  ) {}

  async code2Session(code: string): Promise<WechatIdentity> {
    const url = new URL(`${this.options.apiBase}/sns/jscode2session`);
    url.searchParams.set('appid', this.options.appId);
    url.searchParams.set('secret', this.options.appSecret);
    url.searchParams.set('js_code', code);
    url.searchParams.set('grant_type', 'authorization_code');
    let res: Response;
    try {
      res = await fetch(url, { signal: AbortSignal.timeout(this.options.timeoutMs) });
    } catch (err) {
      throw new WechatUnavailableError(`code2Session request failed: ${(err as Error).name}`);
    }
    if (res.status === 429 || res.status >= 500) throw new WechatUnavailableError(`code2Session answered HTTP ${res.status}`);
    let body: unknown;
    try {
      body = await res.json();
    } catch {
      throw new WechatUnavailableError('code2Session answer is not JSON');
    }
    if (typeof body !== 'object' || body === null) throw new WechatUnavailableError('code2Session answer is not an object');
    const b = body as { openid?: unknown; errcode?: unknown };
    if (typeof b.errcode === 'number' && b.errcode !== 0) {
      if (RETRYABLE.has(b.errcode)) throw new WechatUnavailableError(`code2Session errcode ${b.errcode}`);
      throw new WechatLoginRejectedError(b.errcode);
    }
    if (typeof b.openid !== 'string' || !/^[A-Za-z0-9_-]{1,128}$/.test(b.openid)) {
      throw new WechatUnavailableError('code2Session answer has no valid openid');
    }
    return { openid: b.openid };
  }
}
