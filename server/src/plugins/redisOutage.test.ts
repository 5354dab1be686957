import net, { type AddressInfo } from 'node:net';
import Redis from 'ioredis';
import { buildServer } from '../app';
import { build, testConfig, type TestServer } from '../../test/helper';
import { startTcpProxy } from '../../test/tcpProxy';

jest.setTimeout(120_000);

const REDIS = new URL(process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379');

/** A local port with nothing listening on it. */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  await new Promise((r) => server.close(r));
  return port;
}

async function redisReachable(): Promise<boolean> {
  const redis = new Redis(REDIS.toString(), { lazyConnect: true, maxRetriesPerRequest: 1, retryStrategy: () => null });
  try {
    await redis.connect();
    await redis.quit();
    return true;
  } catch {
    redis.disconnect();
    return false;
  }
}

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
    if (!(await redisReachable())) {
      console.warn(`Redis not reachable at ${REDIS}; mid-run outage test skipped`);
      return;
    }
    const proxy = await startTcpProxy({ host: REDIS.hostname, port: Number(REDIS.port || 6379) });
    const lines: string[] = [];
    const env = { REDIS_URL: `redis://127.0.0.1:${proxy.port}`, RATE_LIMIT_LOGIN_PER_MINUTE: '3', LOG_LEVEL: 'warn' };
    const app = await buildServer(testConfig(s.wechat.url, env), { database: s.database, logStream: { write: (l) => void lines.push(l) } });
    const redis = new Redis(REDIS.toString());
    try {
      await app.ready();
      const stale = await redis.keys('privacy-rl-*');
      if (stale.length) await redis.del(...stale);
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
    } finally {
      await app.close();
      const keys = await redis.keys('privacy-rl-*');
      if (keys.length) await redis.del(...keys);
      await redis.quit();
      await proxy.close();
    }
  });
});
