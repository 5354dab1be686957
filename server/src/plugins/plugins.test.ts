import { clearCounters, connectTestRedis, TEST_REDIS_URL } from '../../test/redis';
import { buildServer } from '../app';
import { bearer, build, testConfig, type TestServer } from '../../test/helper';

jest.setTimeout(120_000);

describe('logging and shared rate limits', () => {
  let s: TestServer;
  beforeAll(async () => {
    s = await build();
  });
  afterAll(async () => {
    await s?.close();
  });

  it('logs requests and failures without tokens, login codes or client addresses', async () => {
    const lines: string[] = [];
    const app = await buildServer(testConfig(s.wechat.url, { LOG_LEVEL: 'info' }), { database: s.database, logStream: { write: (l) => void lines.push(l) } });
    try {
      const login = await app.inject({ method: 'POST', url: '/v1/sessions', payload: { code: 'dev:secret-name' }, remoteAddress: '10.9.8.7' });
      const { token } = login.json();
      await app.inject({ url: '/v1/me/consents', headers: bearer(token) });
      await app.inject({ url: '/v1/me/consents', headers: bearer('st_not-a-real-token-value') });
      await app.inject({ method: 'POST', url: '/v1/sessions', payload: { code: 'ok:openid-secret' } });
      const log = lines.join('\n');
      expect(lines.length).toBeGreaterThan(4);
      expect(log).toContain('/v1/me/consents');
      for (const secret of [token, 'secret-name', 'openid-secret', 'st_not-a-real-token-value', '10.9.8.7', s.publisher]) {
        expect({ secret, logged: log.includes(secret) }).toEqual({ secret, logged: false });
      }
    } finally {
      await app.close();
    }
  });

  it('hides 5xx details from the caller and logs them with the request id', async () => {
    const lines: string[] = [];
    const app = await buildServer(testConfig(s.wechat.url, { LOG_LEVEL: 'error' }), { database: s.database, logStream: { write: (l) => void lines.push(l) } });
    app.get('/boom', { config: { auth: 'public' } }, async () => {
      throw new Error('detail only for the log');
    });
    try {
      const res = await app.inject('/boom');
      expect(res.statusCode).toBe(500);
      const id = res.headers['x-request-id'] as string;
      expect(res.json()).toEqual({ error: { code: 'INTERNAL', message: `Internal error (request ${id})` } });
      const entry = lines.map((l) => JSON.parse(l)).find((l) => l.reqId === id);
      expect(entry.err.message).toBe('detail only for the log');
    } finally {
      await app.close();
    }
  });

  it('runs the purge job every PURGE_INTERVAL_SECONDS', async () => {
    const app = await buildServer(testConfig(s.wechat.url, { PURGE_INTERVAL_SECONDS: '1', COOLING_OFF_SECONDS: '1' }), { database: s.database });
    try {
      await app.ready();
      const { token } = (await app.inject({ method: 'POST', url: '/v1/sessions', payload: { code: 'dev:timer' } })).json();
      const res = await app.inject({ method: 'POST', url: '/v1/me/cancellation', headers: { ...bearer(token), 'idempotency-key': 'timer-key-01' }, payload: { confirm: true, code: 'dev:timer' } });
      expect(res.statusCode).toBe(202);
      let status = 0;
      for (let i = 0; i < 50 && status !== 410; i++) {
        await new Promise((r) => setTimeout(r, 200));
        status = (await app.inject({ url: '/v1/me/cancellation', headers: bearer(token) })).statusCode;
      }
      expect(status).toBe(410);
    } finally {
      await app.close();
    }
  });

  it('shares login limits between processes through Redis when REDIS_URL is set', async () => {
    const redis = await connectTestRedis();
    try {
      await clearCounters(redis, '10.1.1.1');
      const env = { REDIS_URL: TEST_REDIS_URL, RATE_LIMIT_LOGIN_PER_MINUTE: '3' };
      const a = await buildServer(testConfig(s.wechat.url, env), { database: s.database });
      const b = await buildServer(testConfig(s.wechat.url, env), { database: s.database });
      try {
        const codes: number[] = [];
        for (const app of [a, b, a, b]) {
          codes.push((await app.inject({ method: 'POST', url: '/v1/sessions', payload: { code: 'dev:redis' }, remoteAddress: '10.1.1.1' })).statusCode);
        }
        expect(codes).toEqual([201, 201, 201, 429]);
      } finally {
        await a.close();
        await b.close();
      }
    } finally {
      await clearCounters(redis, '10.1.1.1');
      await redis.quit();
    }
  });
});
