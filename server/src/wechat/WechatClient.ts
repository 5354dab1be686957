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

/** code2Session answers are a few hundred bytes; anything past this is not WeChat talking. */
export const CODE2SESSION_MAX_BYTES = 16 * 1024;

/** `errcode` as WeChat sends it (a number) or as a hostile or sloppy server might (a numeric string). */
function errcodeOf(raw: unknown): number | null {
  if (raw === undefined || raw === null) return null;
  if (typeof raw === 'number' && Number.isInteger(raw)) return raw;
  if (typeof raw === 'string' && /^-?\d{1,10}$/.test(raw.trim())) return Number(raw.trim());
  return Number.NaN;
}

/** Reads at most `max` bytes of a body; more aborts the exchange. */
async function readCapped(res: Response, max: number, controller: AbortController): Promise<string> {
  const declared = Number(res.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > max) {
    controller.abort();
    throw new WechatUnavailableError('code2Session answer is too large');
  }
  if (!res.body) return '';
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > max) {
      controller.abort();
      throw new WechatUnavailableError('code2Session answer is too large');
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * `code2Session` over HTTP at a configurable base URL. Only a 2xx JSON answer without a non-zero
 * `errcode` and with a well-formed `openid` signs anyone in; redirects are not followed, the body
 * is capped at 16 KB and `timeoutMs` bounds the whole exchange, body included.
 */
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
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), this.options.timeoutMs);
    let text: string;
    let status: number;
    try {
      const res = await fetch(url, { signal: controller.signal, redirect: 'manual' });
      status = res.status;
      if (status < 200 || status > 299) {
        controller.abort();
        throw new WechatUnavailableError(`code2Session answered HTTP ${status}`);
      }
      text = await readCapped(res, CODE2SESSION_MAX_BYTES, controller);
    } catch (err) {
      if (err instanceof WechatUnavailableError) throw err;
      throw new WechatUnavailableError(`code2Session request failed: ${controller.signal.aborted ? 'timeout' : (err as Error).name}`);
    } finally {
      clearTimeout(timer);
    }
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      throw new WechatUnavailableError('code2Session answer is not JSON');
    }
    if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new WechatUnavailableError('code2Session answer is not an object');
    const b = body as { openid?: unknown; errcode?: unknown };
    const errcode = errcodeOf(b.errcode);
    if (errcode !== null && Number.isNaN(errcode)) throw new WechatUnavailableError('code2Session errcode is unreadable');
    if (errcode !== null && errcode !== 0) {
      if (RETRYABLE.has(errcode)) throw new WechatUnavailableError(`code2Session errcode ${errcode}`);
      throw new WechatLoginRejectedError(errcode);
    }
    if (typeof b.openid !== 'string' || !/^[A-Za-z0-9_-]{1,128}$/.test(b.openid)) {
      throw new WechatUnavailableError('code2Session answer has no valid openid');
    }
    return { openid: b.openid };
  }
}
