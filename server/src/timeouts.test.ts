import net, { type AddressInfo } from 'node:net';
import { buildServer } from './app';
import { build, testConfig, type TestServer } from '../test/helper';

jest.setTimeout(60_000);

describe('request timeouts on a real socket', () => {
  let s: TestServer;
  beforeAll(async () => {
    s = await build();
  });
  afterAll(async () => {
    await s?.close();
  });

  it('closes a request whose body trickles in slower than REQUEST_TIMEOUT_MS allows', async () => {
    const app = await buildServer(testConfig(s.wechat.url, { REQUEST_TIMEOUT_MS: '1000' }), { database: s.database });
    try {
      await app.listen({ host: '127.0.0.1', port: 0 });
      const { port } = app.server.address() as AddressInfo;
      const socket = net.connect(port, '127.0.0.1');
      await new Promise((r) => socket.once('connect', r));
      const body = JSON.stringify({ code: 'dev:slow-body-sender-with-a-long-name' });
      socket.write(`POST /v1/sessions HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n`);
      let answer = '';
      socket.on('data', (d: Buffer) => (answer += d.toString('latin1')));
      socket.on('error', () => undefined);
      const started = Date.now();
      const closed = new Promise<number>((r) => socket.once('close', () => r(Date.now() - started)));
      let sent = 0;
      // One byte every 250 ms: the whole body would take about 12 s.
      const drip = setInterval(() => {
        if (sent < body.length && !socket.destroyed) socket.write(body[sent++]!);
      }, 250);
      const outcome = await Promise.race([closed, new Promise<null>((r) => setTimeout(() => r(null), 8_000))]);
      clearInterval(drip);
      socket.destroy();
      expect(outcome).not.toBeNull();
      expect(outcome!).toBeLessThan(8_000);
      expect(sent).toBeLessThan(body.length);
      // Node answers 408 before closing, or just closes.
      if (answer) expect(answer).toMatch(/^HTTP\/1\.1 408/);
    } finally {
      await app.close();
    }
  });

  it('has bounds by default', async () => {
    const app = await buildServer(testConfig(s.wechat.url), { database: s.database });
    try {
      expect(app.server.requestTimeout).toBeGreaterThan(0);
      expect(app.server.requestTimeout).toBeLessThanOrEqual(120_000);
      expect(app.server.timeout).toBeGreaterThan(0);
      expect(app.server.headersTimeout).toBeLessThanOrEqual(app.server.requestTimeout);
    } finally {
      await app.close();
    }
  });
});
