import { buildServer } from '../app';
import { GAPS_OVERRIDE, bearer, build, errorCode, testConfig, testTargets, tinyPolicy, type TestServer } from '../../test/helper';

jest.setTimeout(120_000);

describe.each(testTargets())('valid-looking input the database cannot hold, on $name', (target) => {
  let s: TestServer;
  let version: number;
  beforeAll(async () => {
    s = await build(target);
    version = (await s.app.inject('/v1/policy/current?include=meta')).json().version;
  });
  afterAll(async () => {
    await s?.close();
  });

  const event = (occurredAt: string) => ({
    id: `date-${occurredAt.replace(/[^0-9]/g, '').slice(0, 20)}`,
    kind: 'consent',
    purpose: 'marketing',
    value: 'granted',
    policyVersion: version,
    deviceId: 'device-0001',
    occurredAt,
    source: 'privacy-centre',
  });

  it.each(['0000-01-01T00:00:00Z', '0001-01-01T00:00:00Z', '1999-12-31T23:59:59Z', '2100-01-01T00:00:00Z', '9999-12-31T23:59:59Z'])('refuses an event at %s with 400', async (at) => {
    const { token } = await s.login('dates');
    const res = await s.app.inject({ method: 'POST', url: '/v1/me/consents', headers: bearer(token), payload: { events: [event(at)] } });
    expect(res.statusCode).toBe(400);
    expect(errorCode(res)).toBe('BAD_REQUEST');
  });

  it('still takes an event of this century', async () => {
    const { token } = await s.login('dates-ok');
    const res = await s.app.inject({ method: 'POST', url: '/v1/me/consents', headers: bearer(token), payload: { events: [event('2025-06-01T08:00:00+08:00')] } });
    expect(res.statusCode).toBe(200);
  });

  it.each(['a\u0000b', '\u0000', 'x\u001b[2J', 'del\u007f', 'c1\u0085'])('refuses a cancellation reason with control characters (%j) with 400', async (reason) => {
    const { token } = await s.login('reason-nul');
    const res = await s.app.inject({
      method: 'POST',
      url: '/v1/me/cancellation',
      headers: { ...bearer(token), 'idempotency-key': `key-${Math.random().toString(36).slice(2, 12)}` },
      payload: { confirm: true, code: 'dev:reason-nul', reason },
    });
    expect(res.statusCode).toBe(400);
    expect(errorCode(res)).toBe('BAD_REQUEST');
  });

  it('refuses U+0000 in any body string, e.g. a token name', async () => {
    const res = await s.app.inject({ method: 'POST', url: '/v1/admin/tokens', headers: bearer(s.publisher), payload: { name: 'a\u0000b', role: 'viewer' } });
    expect(res.statusCode).toBe(400);
  });
});

describe('log redaction', () => {
  it("keeps an error's code (PostgreSQL's SQLSTATE) readable while hiding login codes and tokens", async () => {
    const lines: string[] = [];
    const app = await buildServer(testConfig('http://127.0.0.1:9', { LOG_LEVEL: 'info' }), { logStream: { write: (l) => void lines.push(l) } });
    try {
      await app.ready();
      app.log.error({ err: Object.assign(new Error('date/time field value out of range'), { code: '22008' }) }, 'request failed');
      app.log.info({ body: { code: 'dev:secret-code' }, session: { token: 'st_secret' } }, 'x');
      const [errLine, infoLine] = lines.slice(-2).map((l) => JSON.parse(l));
      expect(errLine.err.code).toBe('22008');
      expect(infoLine.body.code).toBe('[redacted]');
      expect(infoLine.session.token).toBe('[redacted]');
    } finally {
      await app.close();
    }
  });
});

describe('policy versions that were never in force', () => {
  it('are not public until their activation is scheduled: then they are announced and readable in advance', async () => {
    const s = await build({ name: 'pglite' });
    try {
      const h = bearer(s.publisher);
      const created = await s.app.inject({ method: 'POST', url: '/v1/admin/policies', headers: h, payload: { content: tinyPolicy('unreleased') } });
      const { version } = created.json() as { version: number };
      expect((await s.app.inject({ method: 'POST', url: `/v1/admin/policies/${version}/publish`, headers: h, payload: { material: true, summary: { zh: '变更', en: 'Changes' }, override: GAPS_OVERRIDE } })).statusCode).toBe(200);
      expect((await s.app.inject(`/v1/policy/versions/${version}`)).statusCode).toBe(404);
      // Scheduled for later: announced with the version in force, and readable before it takes effect.
      const at = new Date(Date.now() + 3_600_000).toISOString();
      expect((await s.app.inject({ method: 'POST', url: `/v1/admin/policies/${version}/activate`, headers: h, payload: { at } })).statusCode).toBe(200);
      expect((await s.app.inject(`/v1/policy/versions/${version}`)).statusCode).toBe(200);
      expect((await s.app.inject('/v1/policy/current')).json().upcoming).toMatchObject({ version, effectiveAt: at });
      expect((await s.app.inject({ method: 'POST', url: `/v1/admin/policies/${version}/activate`, headers: h, payload: {} })).statusCode).toBe(200);
      expect((await s.app.inject(`/v1/policy/versions/${version}`)).statusCode).toBe(200);
    } finally {
      await s.close();
    }
  });
});

describe('answers carrying personal data or a token', () => {
  it('are never cached, and exports and stored policy versions are rate limited', async () => {
    const s = await build({ name: 'pglite' }, { RATE_LIMIT_READS_PER_MINUTE: '2' });
    try {
      const login = await s.app.inject({ method: 'POST', url: '/v1/sessions', payload: { code: 'dev:no-store' } });
      expect(login.headers['cache-control']).toBe('no-store');
      const { token } = login.json() as { token: string };
      for (const url of ['/v1/me/consents', '/v1/me/cancellation', '/v1/me/export']) {
        const res = await s.app.inject({ url, headers: bearer(token) });
        expect({ url, cc: res.headers['cache-control'] }).toEqual({ url, cc: 'no-store' });
      }
      // Refusals too (they may name the session's state).
      expect((await s.app.inject({ url: '/v1/me/consents' })).headers['cache-control']).toBe('no-store');
      expect((await s.app.inject({ url: '/v1/me/export', headers: bearer(token) })).statusCode).toBe(200);
      expect((await s.app.inject({ url: '/v1/me/export', headers: bearer(token) })).statusCode).toBe(429);
      const version = (await s.app.inject('/v1/policy/current?include=meta')).json().version;
      const reads = [];
      for (let i = 0; i < 3; i++) reads.push((await s.app.inject(`/v1/policy/versions/${version}?include=meta`)).statusCode);
      expect(reads).toEqual([200, 200, 429]);
    } finally {
      await s.close();
    }
  });
});

describe('cancellation idempotency', () => {
  it('a retry with a fresh login code replays the answer; after an undo the old key does not answer a stale 202', async () => {
    const s = await build({ name: 'pglite' }, { COOLING_OFF_SECONDS: '3600' });
    try {
      const { token } = await s.login('idem');
      const ask = (code: string) =>
        s.app.inject({ method: 'POST', url: '/v1/me/cancellation', headers: { ...bearer(token), 'idempotency-key': 'idem-key-0001' }, payload: { confirm: true, code, reason: 'moving' } });
      const first = await ask('dev:idem');
      expect(first.statusCode).toBe(202);
      const retry = await ask('ok:another-fresh-code');
      expect(retry.statusCode).toBe(202);
      expect(retry.json()).toEqual(first.json());
      // Another body under the same key is still refused.
      const other = await s.app.inject({ method: 'POST', url: '/v1/me/cancellation', headers: { ...bearer(token), 'idempotency-key': 'idem-key-0001' }, payload: { confirm: true, code: 'dev:idem', reason: 'other' } });
      expect(other.statusCode).toBe(422);

      expect((await s.app.inject({ method: 'POST', url: '/v1/me/cancellation/withdrawal', headers: bearer(token), payload: { code: 'dev:idem' } })).statusCode).toBe(200);
      const replay = await ask('dev:idem');
      expect(replay.json().status === 'pending' && replay.json().id === first.json().id).toBe(false);
      const state = (await s.app.inject({ url: '/v1/me/cancellation', headers: bearer(token) })).json();
      if (replay.statusCode === 202) expect(state).toMatchObject({ status: 'pending', id: replay.json().id });
    } finally {
      await s.close();
    }
  });
});

describe('sign-out', () => {
  it('ends this session, or every session of the shopper, at once', async () => {
    const s = await build({ name: 'pglite' });
    try {
      const phone = await s.login('signout');
      const tablet = await s.login('signout');
      const laptop = await s.login('signout');
      const other = await s.login('signout-other');
      const version = (await s.app.inject('/v1/policy/current?include=meta')).json().version;
      const write = (token: string) =>
        s.app.inject({ method: 'POST', url: '/v1/me/consents', headers: bearer(token), payload: { events: [{ id: `so-${Math.random().toString(36).slice(2, 12)}`, kind: 'consent', purpose: 'marketing', value: 'granted', policyVersion: version, deviceId: 'device-0001', occurredAt: '2025-01-02T03:04:05.000Z', source: 'privacy-centre' }] } });
      // The write path remembers live sessions: sign-out must end them there too.
      expect((await write(phone.token)).statusCode).toBe(200);
      const out = await s.app.inject({ method: 'POST', url: '/v1/sessions/sign-out', headers: bearer(phone.token), payload: { scope: 'this-device' } });
      expect(out.statusCode).toBe(200);
      expect(out.json()).toEqual({ revoked: 1 });
      expect(out.headers['cache-control']).toBe('no-store');
      expect((await write(phone.token)).statusCode).toBe(401);
      expect((await s.app.inject({ url: '/v1/me/consents', headers: bearer(phone.token) })).statusCode).toBe(401);
      expect((await s.app.inject({ url: '/v1/me/consents', headers: bearer(tablet.token) })).statusCode).toBe(200);

      expect((await write(tablet.token)).statusCode).toBe(200);
      const all = await s.app.inject({ method: 'POST', url: '/v1/sessions/sign-out', headers: bearer(laptop.token), payload: { scope: 'everywhere' } });
      expect(all.json()).toEqual({ revoked: 2 });
      for (const t of [tablet.token, laptop.token]) expect((await write(t)).statusCode).toBe(401);
      expect((await s.app.inject({ url: '/v1/me/consents', headers: bearer(other.token) })).statusCode).toBe(200);
      expect((await s.app.inject({ method: 'POST', url: '/v1/sessions/sign-out', headers: bearer(other.token), payload: {} })).statusCode).toBe(400);
    } finally {
      await s.close();
    }
  });

  it('a sign-out everywhere sent late (made offline) ends the sessions made before it, not those made after', async () => {
    const s = await build({ name: 'pglite' });
    try {
      const old = await s.login('late-signout');
      const signedOutAt = new Date().toISOString();
      // The shopper signed in again afterwards (the clock moves on between the two).
      await s.db.updateTable('sessions').set({ created_at: new Date(Date.now() - 60_000).toISOString() }).where('user_id', '=', old.userId).execute();
      const fresh = await s.login('late-signout');
      const live = async (token: string) => (await s.app.inject({ url: '/v1/me/consents', headers: bearer(token) })).statusCode;
      const bad = ['yesterday', '0000-01-01T00:00:00Z', 42];
      for (const value of bad) {
        const res = await s.app.inject({ method: 'POST', url: '/v1/sessions/sign-out', headers: bearer(old.token), payload: { scope: 'everywhere', signedOutAt: value } });
        expect({ value, status: res.statusCode }).toEqual({ value, status: 400 });
      }
      expect(await live(old.token)).toBe(200);
      const late = await s.app.inject({ method: 'POST', url: '/v1/sessions/sign-out', headers: bearer(old.token), payload: { scope: 'everywhere', signedOutAt } });
      expect(late.json()).toEqual({ revoked: 1 });
      expect(await live(old.token)).toBe(401);
      expect(await live(fresh.token)).toBe(200);
      // A time in the future is no wider than now.
      const third = await s.login('late-signout');
      const now = await s.app.inject({ method: 'POST', url: '/v1/sessions/sign-out', headers: bearer(third.token), payload: { scope: 'everywhere', signedOutAt: '2099-01-01T00:00:00.000Z' } });
      expect(now.json()).toEqual({ revoked: 2 });
      expect(await live(fresh.token)).toBe(401);
    } finally {
      await s.close();
    }
  });
});

describe('ops token names and the audit log', () => {
  it('names are unique among live tokens, and audit rows record the acting token id', async () => {
    const s = await build({ name: 'pglite' });
    try {
      const h = bearer(s.publisher);
      const first = await s.app.inject({ method: 'POST', url: '/v1/admin/tokens', headers: h, payload: { name: 'Li Lei', role: 'viewer' } });
      expect(first.statusCode).toBe(201);
      const dup = await s.app.inject({ method: 'POST', url: '/v1/admin/tokens', headers: h, payload: { name: 'Li Lei', role: 'publisher' } });
      expect(dup.statusCode).toBe(409);
      expect(errorCode(dup)).toBe('CONFLICT');
      // Once revoked, the name is free again.
      expect((await s.app.inject({ method: 'DELETE', url: `/v1/admin/tokens/${first.json().id}`, headers: h })).statusCode).toBeLessThan(300);
      expect((await s.app.inject({ method: 'POST', url: '/v1/admin/tokens', headers: h, payload: { name: 'Li Lei', role: 'viewer' } })).statusCode).toBe(201);

      const tokens = (await s.app.inject({ url: '/v1/admin/tokens', headers: h })).json().tokens as { id: string; name: string }[];
      const publisherId = tokens.find((t) => t.name === 'test-publisher')!.id;
      const entries = (await s.app.inject({ url: '/v1/admin/audit', headers: h })).json().entries as { actor: string; actorId: string | null; action: string }[];
      const creates = entries.filter((e) => e.action === 'token.create' && e.actor === 'ops:test-publisher');
      expect(creates.length).toBeGreaterThanOrEqual(2);
      for (const e of creates) expect(e.actorId).toBe(publisherId);
    } finally {
      await s.close();
    }
  });
});
