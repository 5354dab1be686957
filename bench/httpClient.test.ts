import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Connection } from './httpClient';

describe('bench HTTP connection', () => {
  let server: http.Server;
  let url: URL;
  const seen: { method?: string; url?: string; headers: http.IncomingHttpHeaders; body: string }[] = [];
  beforeAll(async () => {
    server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        seen.push({ method: req.method, url: req.url, headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
        if (req.url === '/not-modified') return void res.writeHead(304, { etag: '"x"' }).end();
        if (req.url === '/chunked') return void res.writeHead(200).end('streamed');
        if (req.url === '/close') return void res.writeHead(200, { 'content-length': 3, connection: 'close' }).end('bye');
        const reply = JSON.stringify({ echo: Buffer.concat(chunks).toString('utf8'), big: 'x'.repeat(200_000) });
        res.writeHead(201, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(reply) }).end(reply);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = new URL(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('sends requests on one connection and reads whole responses, also large ones and bodiless ones', async () => {
    const c = new Connection(url);
    const first = await c.request('POST', '/a?b=1', { authorization: 'Bearer t', 'content-type': 'application/json' }, '{"é":1}');
    expect(first.status).toBe(201);
    expect(JSON.parse(first.body.toString('utf8'))).toEqual({ echo: '{"é":1}', big: 'x'.repeat(200_000) });
    expect(seen.at(-1)).toMatchObject({ method: 'POST', url: '/a?b=1', body: '{"é":1}', headers: { authorization: 'Bearer t', 'content-length': '8' } });
    const second = await c.request('GET', '/not-modified', { 'if-none-match': '"x"' });
    expect({ status: second.status, length: second.body.length }).toEqual({ status: 304, length: 0 });
    const third = await c.request('GET', '/again', {});
    expect(third.status).toBe(201);
    expect(new Set(seen.slice(-3).map((s) => s.headers.host))).toEqual(new Set([url.host]));
    c.close();
  });

  it('reconnects after the server closes, and refuses what it cannot read', async () => {
    const c = new Connection(url);
    expect((await c.request('GET', '/close', {})).body.toString()).toBe('bye');
    expect((await c.request('GET', '/after', {})).status).toBe(201);
    await expect(c.request('GET', '/chunked', {})).rejects.toThrow('transfer-encoding chunked is not supported');
    expect((await c.request('GET', '/after-error', {})).status).toBe(201);
    expect(() => new Connection(new URL('https://127.0.0.1/'))).toThrow('http: only');
    c.close();
  });
});
