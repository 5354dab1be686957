/** Where a shopper signs in from: the WeChat mini-program (`weapp`) or the Douyin one (`tt`), as Taro names them. */
export const LOGIN_PLATFORMS = Object.freeze(['weapp', 'tt'] as const);
export type LoginPlatform = (typeof LOGIN_PLATFORMS)[number];

/** The platform refused the login code (invalid, used, expired, or a risky user). */
export class LoginRejectedError extends Error {
  override name = 'LoginRejectedError';
  constructor(
    readonly platform: string,
    readonly errorCode: number,
  ) {
    super(`${platform} rejected the login code (error ${errorCode})`);
  }
}

/** The platform could not be asked: timeout, network, rate limit, system busy or an unreadable answer. */
export class LoginUnavailableError extends Error {
  override name = 'LoginUnavailableError';
}

/** The part of a code exchange's answer the server keeps using (the session key is never stored). */
export interface LoginIdentity {
  openid: string;
}

/** Exchanges a platform's login codes for identities. */
export interface LoginCodeClient {
  code2Session(code: string): Promise<LoginIdentity>;
}

/** Code exchange answers are a few hundred bytes; anything past this is not the platform talking. */
export const CODE_EXCHANGE_MAX_BYTES = 16 * 1024;

/** An error code as the platform sends it (a number) or as a hostile or sloppy server might (a numeric string); NaN when unreadable. */
function errorCodeOf(raw: unknown): number | null {
  if (raw === undefined || raw === null) return null;
  if (typeof raw === 'number' && Number.isInteger(raw)) return raw;
  if (typeof raw === 'string' && /^-?\d{1,20}$/.test(raw.trim())) return Number(raw.trim());
  return Number.NaN;
}

/** Reads at most `max` bytes of a body; more aborts the exchange. */
async function readCapped(res: Response, max: number, controller: AbortController, what: string): Promise<string> {
  const declared = Number(res.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > max) {
    controller.abort();
    throw new LoginUnavailableError(`${what} answer is too large`);
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
      throw new LoginUnavailableError(`${what} answer is too large`);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * One code exchange over HTTP, hardened the same way for every platform: only a 2xx answer
 * counts, redirects are not followed, the body is capped at 16 KB and `timeoutMs` bounds the
 * whole exchange, body included. Resolves to the answer's JSON object.
 */
export async function exchangeJson(what: string, url: URL, init: { json?: unknown; timeoutMs: number }): Promise<Record<string, unknown>> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), init.timeoutMs);
  let text: string;
  try {
    const res = await fetch(url, {
      signal: controller.signal,
      redirect: 'manual',
      ...(init.json === undefined ? {} : { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(init.json) }),
    });
    if (res.status < 200 || res.status > 299) {
      controller.abort();
      throw new LoginUnavailableError(`${what} answered HTTP ${res.status}`);
    }
    text = await readCapped(res, CODE_EXCHANGE_MAX_BYTES, controller, what);
  } catch (err) {
    if (err instanceof LoginUnavailableError) throw err;
    throw new LoginUnavailableError(`${what} request failed: ${controller.signal.aborted ? 'timeout' : (err as Error).name}`);
  } finally {
    clearTimeout(timer);
  }
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new LoginUnavailableError(`${what} answer is not JSON`);
  }
  if (!isObject(body)) throw new LoginUnavailableError(`${what} answer is not an object`);
  return body;
}

/** Whether a JSON value is an object (not an array, not null). */
export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Throws for a non-zero error code: `LoginUnavailableError` for an unreadable one or one of
 * `retryable` (the platform is busy), `LoginRejectedError` for the rest. Absent or 0 passes.
 */
export function checkErrorCode(platform: string, what: string, raw: unknown, retryable: ReadonlySet<number>): void {
  const code = errorCodeOf(raw);
  if (code === null || code === 0) return;
  if (Number.isNaN(code)) throw new LoginUnavailableError(`${what} error code is unreadable`);
  if (retryable.has(code)) throw new LoginUnavailableError(`${what} error ${code}`);
  throw new LoginRejectedError(platform, code);
}

/** The openid of an answer, when it is a well-formed one (`pattern`); else the answer is not trusted. */
export function openidOf(what: string, raw: unknown, pattern: RegExp): string {
  if (typeof raw !== 'string' || !pattern.test(raw)) throw new LoginUnavailableError(`${what} answer has no valid openid`);
  return raw;
}
