jest.mock('@tarojs/taro', () => ({ __esModule: true, default: {} }));

import { NetworkError } from '../ports';
import { createWeappHttp, type WxRequestHost } from './http.weapp';

type RequestOptions = Parameters<WxRequestHost['request']>[0];

function host(answer: (o: RequestOptions) => void) {
  const calls: RequestOptions[] = [];
  const h: WxRequestHost = {
    request(o) {
      calls.push(o);
      answer(o);
      return undefined;
    },
  };
  return { h, calls };
}

describe('weapp http adapter', () => {
  it('sends method, URL, headers, JSON body and timeout; lower-cases answer headers', async () => {
    const { h, calls } = host((o) => o.success?.({ statusCode: 201, header: { ETag: '"v1"', 'Content-Type': 'application/json' }, data: { ok: true } }));
    const http = createWeappHttp({ baseUrl: 'https://api.example.com/', host: h });
    const res = await http.request({ method: 'POST', path: '/v1/sessions', headers: { Authorization: 'Bearer t' }, body: { code: 'c' }, timeoutMs: 3000 });
    expect(res).toEqual({ status: 201, headers: { etag: '"v1"', 'content-type': 'application/json' }, body: { ok: true } });
    expect(calls[0]).toMatchObject({
      url: 'https://api.example.com/v1/sessions',
      method: 'POST',
      header: { Authorization: 'Bearer t', Accept: 'application/json' },
      data: { code: 'c' },
      timeout: 3000,
      dataType: 'json',
    });
  });

  it('resolves error statuses (they are answers) and an empty body as undefined', async () => {
    const { h } = host((o) => o.success?.({ statusCode: 304, header: {}, data: '' }));
    const res = await createWeappHttp({ baseUrl: 'https://a.example', host: h }).request({ method: 'GET', path: '/x' });
    expect(res.status).toBe(304);
    expect(res.body).toBeUndefined();
  });

  it('uses the default timeout when the request names none', async () => {
    const { h, calls } = host((o) => o.success?.({ statusCode: 200, data: {} }));
    await createWeappHttp({ baseUrl: 'https://a.example', host: h, defaultTimeoutMs: 1234 }).request({ method: 'GET', path: '/x' });
    expect(calls[0].timeout).toBe(1234);
  });

  it.each(['request:fail timeout', 'request:fail url not in domain list', 'request:fail -2:net::ERR_INTERNET_DISCONNECTED'])(
    'turns "%s" into a NetworkError',
    async (errMsg) => {
      const { h } = host((o) => o.fail?.({ errMsg }));
      const err = await createWeappHttp({ baseUrl: 'https://a.example', host: h }).request({ method: 'GET', path: '/x' }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(NetworkError);
      expect((err as Error).message).toBe(errMsg);
    },
  );
});
