import { NetworkError } from '../ports';
import { createH5Http } from './http.h5';

describe('h5 http adapter', () => {
  it('sends JSON with the headers and parses a JSON answer', async () => {
    const seen: Array<[string, RequestInit]> = [];
    const fetch = jest.fn(async (url: string, init: RequestInit) => {
      seen.push([url, init]);
      return new Response(JSON.stringify({ accepted: 1 }), { status: 200, headers: { 'Content-Type': 'application/json', ETag: '"x"' } });
    });
    const http = createH5Http({ baseUrl: 'http://127.0.0.1:1234', fetch: fetch as unknown as typeof globalThis.fetch });
    const res = await http.request({ method: 'POST', path: '/v1/me/consents', headers: { Authorization: 'Bearer t' }, body: { events: [] } });
    expect(res).toEqual({ status: 200, headers: { 'content-type': 'application/json', etag: '"x"' }, body: { accepted: 1 } });
    const [url, init] = seen[0];
    expect(url).toBe('http://127.0.0.1:1234/v1/me/consents');
    expect(init.method).toBe('POST');
    expect(init.body).toBe('{"events":[]}');
    expect(init.credentials).toBe('omit');
    expect((init.headers as Record<string, string>).Authorization).toBe('Bearer t');
  });

  it('resolves error statuses and keeps a non-JSON answer as text', async () => {
    const fetch = async () => new Response('<html>bad gateway</html>', { status: 502, headers: { 'Content-Type': 'text/html' } });
    const res = await createH5Http({ baseUrl: '', fetch: fetch as unknown as typeof globalThis.fetch }).request({ method: 'GET', path: '/x' });
    expect(res.status).toBe(502);
    expect(res.body).toBe('<html>bad gateway</html>');
  });

  it('aborts after the timeout with a NetworkError', async () => {
    const fetch = (_url: string, init: RequestInit) =>
      new Promise<Response>((_resolve, reject) => {
        init.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')));
      });
    const err = await createH5Http({ baseUrl: '', fetch: fetch as unknown as typeof globalThis.fetch })
      .request({ method: 'GET', path: '/slow', timeoutMs: 20 })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(NetworkError);
    expect((err as Error).message).toContain('timed out after 20 ms');
  });

  it('reports a refused connection as a NetworkError', async () => {
    const fetch = async () => {
      throw new TypeError('Failed to fetch');
    };
    const err = await createH5Http({ baseUrl: '', fetch: fetch as unknown as typeof globalThis.fetch }).request({ method: 'GET', path: '/x' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(NetworkError);
  });
});
