import { buildServer } from '../app';
import { build, testConfig, type TestServer } from '../../test/helper';
import { closedPort, startTcpProxy } from '../../test/tcpProxy';
import { clearCounters, connectTestRedis, TEST_REDIS_URL } from '../../test/redis';

jest.setTimeout(120_000);

const REDIS = new URL(TEST_REDIS_URL);


describe('rate limits when Redis is unreachable', () => {
  let s: TestServer;
  beforeAll(async () => {
    s = await build();
  });
  afterAll(async () => {
    await s?.close();
  });

  const login = (app: Awaited<ReturnType<typeof buildServer>>, i: number) =>
    app.inject({ method: 'POST', url: '/v1/sessions', payload: { code: `dev:redis-down-${i}` }, remoteAddress: '10.30.0.1' });

  it('boots with REDIS_URL at a closed port, says so in the log, and limits in memory', async () => {
    const lines: string[] = [];
    const env = { REDIS_URL: `redis://127.0.0.1:${await closedPort()}`, RATE_LIMIT_LOGIN_PER_MINUTE: '3', LOG_LEVEL: 'warn' };
    const app = await buildServer(testConfig(s.wechat.url, env), { database: s.database, logStream: { write: (l) => void lines.push(l) } });
    try {
      await app.ready();
      const codes = [];
      for (let i = 0; i < 5; i++) codes.push((await login(app, i)).statusCode);
      expect(codes).toEqual([201, 201, 201, 429, 429]);
      const errors = lines.map((l) => JSON.parse(l) as { level: number; msg: string }).filter((l) => l.level >= 50);
      expect(errors.some((l) => /rate limits?.*in memory/i.test(l.msg))).toBe(true);
      expect(lines.join('\n')).not.toContain('10.30.0.1');
    } finally {
      await app.close();
    }
  });

  it('falls back to in-memory limits when Redis goes away mid-run, and back to Redis when it returns', async () => {
    const redis = await connectTestRedis();
    const proxy = await startTcpProxy({ host: REDIS.hostname, port: Number(REDIS.port || 6379) });
    const lines: string[] = [];
    const env = { REDIS_URL: `redis://127.0.0.1:${proxy.port}`, RATE_LIMIT_LOGIN_PER_MINUTE: '3', LOG_LEVEL: 'warn' };
    const app = await buildServer(testConfig(s.wechat.url, env), { database: s.database, logStream: { write: (l) => void lines.push(l) } });
    try {
      await app.ready();
      for (const marker of ['10.30.0.1', '10.30.0.2', '10.30.0.3']) await clearCounters(redis, marker);
      expect((await login(app, 0)).statusCode).toBe(201);
      proxy.cut('reset');
      const during = [];
      for (let i = 1; i < 7; i++) during.push((await login(app, i)).statusCode);
      // Counted in memory from the outage on: never unlimited.
      expect(during.filter((c) => c === 429).length).toBeGreaterThanOrEqual(3);
      expect(during.every((c) => c === 201 || c === 429)).toBe(true);
      const errors = lines.map((l) => JSON.parse(l) as { level: number; msg: string }).filter((l) => l.level >= 50);
      expect(errors.some((l) => /rate limits?.*in memory/i.test(l.msg))).toBe(true);
      // Back: counted in Redis again (ioredis reconnects on its own), and said so.
      proxy.restore();
      let shared = false;
      for (let i = 0; i < 50 && !shared; i++) {
        await new Promise((r) => setTimeout(r, 200));
        await app.inject({ method: 'POST', url: '/v1/sessions', payload: { code: `dev:redis-back-${i}` }, remoteAddress: '10.30.0.2' });
        shared = (await redis.keys('privacy-rl-*10.30.0.2*')).length > 0;
      }
      expect(shared).toBe(true);
      expect(lines.some((l) => /reachable again/.test(l))).toBe(true);
      expect(lines.join('\n')).not.toMatch(/10\.30\.0\.[12]/);

      // A Redis that swallows everything: one call waits for its timeout, the next ones count in
      // memory at once (for a while), still limited.
      proxy.cut('black-hole');
      const t = Date.now();
      const silent = [];
      for (let i = 0; i < 10; i++) silent.push((await app.inject({ method: 'POST', url: '/v1/sessions', payload: { code: `dev:redis-silent-${i}` }, remoteAddress: '10.30.0.3' })).statusCode);
      expect(Date.now() - t).toBeLessThan(2_000);
      expect(silent.filter((c) => c === 429).length).toBeGreaterThanOrEqual(5);
    } finally {
      await app.close();
      for (const marker of ['10.30.0.1', '10.30.0.2', '10.30.0.3']) await clearCounters(redis, marker);
      await redis.quit();
      await proxy.close();
    }
  });
});
