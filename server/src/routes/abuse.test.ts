import { randomBytes } from 'node:crypto';
import { bearer, build, testTargets, type TestServer } from '../../test/helper';

jest.setTimeout(180_000);

const randomToken = () => `st_${randomBytes(32).toString('base64url')}`;

describe.each(testTargets())('abuse on $name', (target) => {
  let s: TestServer;
  let version: number;
  beforeAll(async () => {
    // The shipped write allowance (120 a minute), not the test default.
    s = await build(target, { RATE_LIMIT_WRITES_PER_MINUTE: '120' });
    version = (await s.app.inject('/v1/policy/current?include=meta')).json().version;
  });
  afterAll(async () => {
    await s?.close();
  });

  const events = (prefix: string, n: number) =>
    Array.from({ length: n }, (_, i) => ({
      id: `${prefix}-event-${i}`,
      kind: 'consent',
      purpose: 'marketing',
      value: i % 2 ? 'granted' : 'withdrawn',
      policyVersion: version,
      deviceId: 'device-0001',
      occurredAt: '2025-01-02T03:04:05.000Z',
      source: 'privacy-centre',
    }));

  it('a flood of random session tokens neither gets fresh allowances nor starves a real shopper', async () => {
    const shopper = await s.login('flood-victim');
    const flood = Array.from({ length: 300 }, (_, i) =>
      s.app.inject({ method: 'POST', url: '/v1/me/consents', headers: bearer(randomToken()), payload: { events: events(`f${i}`, 100) } }),
    );
    const writes = Array.from({ length: 5 }, (_, i) =>
      s.app.inject({ method: 'POST', url: '/v1/me/consents', headers: bearer(shopper.token), payload: { events: events(`real${i}`, 20) } }),
    );
    const [floodRes, writeRes] = await Promise.all([Promise.all(flood), Promise.all(writes)]);
    expect(writeRes.map((r) => `${r.statusCode} ${r.statusCode === 200 ? "" : r.body}`)).toEqual(Array(5).fill("200 "));
    const statuses = floodRes.map((r) => r.statusCode);
    // Random tokens share their sender's allowance (120 a minute), and none reaches the write queue.
    expect(statuses.filter((c) => c !== 401 && c !== 429)).toEqual([]);
    expect(statuses.filter((c) => c === 401).length).toBeLessThanOrEqual(120);
    expect(statuses.filter((c) => c === 429).length).toBeGreaterThanOrEqual(180);
    const stored = await s.db.selectFrom('consent_events').select((eb) => eb.fn.countAll<string>().as('n')).where('user_id', '=', shopper.userId).executeTakeFirstOrThrow();
    expect(Number(stored.n)).toBe(100);
  });
});

describe('client address behind a reverse proxy', () => {
  const login = (app: TestServer['app'], forwardedFor: string, name: string) =>
    app.inject({ method: 'POST', url: '/v1/sessions', headers: { 'x-forwarded-for': forwardedFor }, payload: { code: `dev:${name}` } });

  it('with TRUST_PROXY each shopper behind the proxy has a login allowance of their own', async () => {
    const s = await build({ name: 'pglite' }, { TRUST_PROXY: '1', RATE_LIMIT_LOGIN_PER_MINUTE: '2' });
    try {
      expect((await login(s.app, '203.0.113.1', 'a1')).statusCode).toBe(201);
      expect((await login(s.app, '203.0.113.1', 'a2')).statusCode).toBe(201);
      expect((await login(s.app, '203.0.113.1', 'a3')).statusCode).toBe(429);
      expect((await login(s.app, '203.0.113.2', 'b1')).statusCode).toBe(201);
      expect((await login(s.app, '198.51.100.7, 203.0.113.3', 'c1')).statusCode).toBe(201);
    } finally {
      await s.close();
    }
  });

  it('without TRUST_PROXY a spoofed X-Forwarded-For changes nothing', async () => {
    const s = await build({ name: 'pglite' }, { RATE_LIMIT_LOGIN_PER_MINUTE: '2' });
    try {
      expect((await login(s.app, '203.0.113.1', 'a1')).statusCode).toBe(201);
      expect((await login(s.app, '203.0.113.2', 'a2')).statusCode).toBe(201);
      expect((await login(s.app, '203.0.113.3', 'a3')).statusCode).toBe(429);
    } finally {
      await s.close();
    }
  });
});

describe('TRUST_PROXY as a list of proxies', () => {
  it('believes X-Forwarded-For only from the listed proxies', async () => {
    const s = await build({ name: 'pglite' }, { TRUST_PROXY: '127.0.0.1', RATE_LIMIT_LOGIN_PER_MINUTE: '1' });
    const other = await s.another({ TRUST_PROXY: '10.9.9.9', RATE_LIMIT_LOGIN_PER_MINUTE: '1' });
    try {
      const login = (app: TestServer['app'], xff: string, name: string) =>
        app.inject({ method: 'POST', url: '/v1/sessions', headers: { 'x-forwarded-for': xff }, payload: { code: `dev:${name}` } });
      expect((await login(s.app, '203.0.113.1', 'l1')).statusCode).toBe(201);
      expect((await login(s.app, '203.0.113.2', 'l2')).statusCode).toBe(201);
      // The peer (127.0.0.1) is not a listed proxy here: every request is the peer's.
      expect((await login(other, '203.0.113.1', 'l3')).statusCode).toBe(201);
      expect((await login(other, '203.0.113.2', 'l4')).statusCode).toBe(429);
    } finally {
      await s.close();
    }
  });
});

describe('ops console behind a proxy', () => {
  it('keeps the cookie Secure when the proxy forwards Host: 127.0.0.1 and X-Forwarded-Proto: https', async () => {
    const s = await build({ name: 'pglite' }, { CONSOLE_COOKIE_SECURE: '1' });
    try {
      const res = await s.app.inject({ method: 'POST', url: '/ops/api/session', headers: { host: '127.0.0.1', 'x-forwarded-proto': 'https' }, payload: { token: s.publisher } });
      expect(res.statusCode).toBe(201);
      const cookie = [res.headers['set-cookie']].flat().join('\n');
      expect(cookie).toMatch(/; Secure/);
    } finally {
      await s.close();
    }
  });

  it('limits console sign-in per client, whatever Authorization header comes with it', async () => {
    const s = await build({ name: 'pglite' }, { RATE_LIMIT_LOGIN_PER_MINUTE: '3' });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 6; i++) {
        const res = await s.app.inject({ method: 'POST', url: '/ops/api/session', headers: { authorization: `Bearer junk-${i}-${randomToken()}` }, payload: { token: `ops_${'x'.repeat(43)}` } });
        statuses.push(res.statusCode);
      }
      expect(statuses.slice(0, 3)).toEqual([401, 401, 401]);
      expect(statuses.slice(3)).toEqual([429, 429, 429]);
    } finally {
      await s.close();
    }
  });
});
