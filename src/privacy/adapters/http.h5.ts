/** HttpPort in the browser: fetch with an AbortController timeout. */
import { NetworkError, type HttpPort } from '../ports';

export interface H5HttpOptions {
  /** API origin, e.g. `https://api.example.com`, or '' for same-origin. */
  baseUrl: string;
  /** Timeout when a request names none. Default 10 s. */
  defaultTimeoutMs?: number;
  /** Defaults to the global fetch. */
  fetch?: typeof fetch;
}

/** The browser transport. */
export function createH5Http(options: H5HttpOptions): HttpPort {
  const base = options.baseUrl.replace(/\/+$/, '');
  return {
    async request(req) {
      const doFetch = options.fetch ?? globalThis.fetch;
      const controller = new AbortController();
      const timeoutMs = req.timeoutMs ?? options.defaultTimeoutMs ?? 10_000;
      const timer = setTimeout(() => controller.abort(), timeoutMs);
      try {
        let res: Response;
        try {
          res = await doFetch(base + req.path, {
            method: req.method,
            headers: { Accept: 'application/json', ...(req.headers ?? {}) },
            body: req.body === undefined ? undefined : JSON.stringify(req.body),
            signal: controller.signal,
            // The session travels in the Authorization header; no cookies to the API.
            credentials: 'omit',
          });
        } catch (err) {
          const timedOut = controller.signal.aborted;
          throw new NetworkError(timedOut ? `request timed out after ${timeoutMs} ms` : `request failed: ${(err as Error)?.message ?? err}`);
        }
        const headers: Record<string, string> = {};
        res.headers.forEach((value, key) => {
          headers[key.toLowerCase()] = value;
        });
        let text: string;
        try {
          text = await res.text();
        } catch (err) {
          throw new NetworkError(`answer cut off: ${(err as Error)?.message ?? err}`);
        }
        let body: unknown = text === '' ? undefined : text;
        if (text !== '' && /json/i.test(headers['content-type'] ?? '')) {
          try {
            body = JSON.parse(text);
          } catch {
            body = text; // left as text: PrivacyApi reports it as a malformed answer
          }
        }
        return { status: res.status, headers, body };
      } finally {
        clearTimeout(timer);
      }
    },
  };
}
