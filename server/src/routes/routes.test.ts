import { bearer, build, errorCode, publishPolicy, testTargets, tinyPolicy, type TestServer } from '../../test/helper';

jest.setTimeout(120_000);

describe.each(testTargets())('routes on $name', (target) => {
  let s: TestServer;
  beforeAll(async () => {
    s = await build(target);
  });
  afterAll(async () => {
    await s?.close();
  });

  describe('health and OpenAPI', () => {
    it('answers /healthz and /readyz', async () => {
      expect((await s.app.inject('/healthz')).json()).toEqual({ status: 'ok' });
      expect((await s.app.inject('/readyz')).json()).toEqual({ status: 'ok' });
    });

    it('serves an OpenAPI document listing every /v1 route', async () => {
      const doc = (await s.app.inject('/openapi.json')).json() as { openapi: string; paths: Record<string, unknown> };
      expect(doc.openapi).toMatch(/^3\./);
      for (const p of ['/v1/sessions', '/v1/policy/current', '/v1/me/consents', '/v1/me/cancellation', '/v1/admin/tokens']) expect(doc.paths).toHaveProperty([p]);
    });

    it('answers unknown paths with the contract error shape', async () => {
      const res = await s.app.inject('/v1/nothing');
      expect(res.statusCode).toBe(404);
      expect(errorCode(res)).toBe('NOT_FOUND');
    });

    it('sets security headers and a request id', async () => {
      const res = await s.app.inject('/healthz');
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['content-security-policy']).toContain("default-src 'self'");
      expect(res.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    });
  });

  describe('POST /v1/sessions', () => {
    const login = (code: unknown) => s.app.inject({ method: 'POST', url: '/v1/sessions', payload: { code } });

    it('signs in a dev user with a stable user id', async () => {
      const a = await login('dev:alice');
      expect(a.statusCode).toBe(201);
      const body = a.json();
      expect(body.token).toMatch(/^st_/);
      expect(Date.parse(body.expiresAt)).toBeGreaterThan(Date.now());
      expect((await login('dev:alice')).json().userId).toBe(body.userId);
      expect((await login('dev:bob')).json().userId).not.toBe(body.userId);
    });

    it('exchanges a WeChat code through code2Session', async () => {
      const a = await login('ok:openid-1');
      expect(a.statusCode).toBe(201);
      expect((await login('ok:openid-1')).json().userId).toBe(a.json().userId);
      expect(s.wechat.calls).toContain('ok:openid-1');
    });

    it.each([
      ['invalid', 400, 'LOGIN_FAILED'],
      ['used', 400, 'LOGIN_FAILED'],
      ['ratelimited', 503, 'WECHAT_UNAVAILABLE'],
      ['busy', 503, 'WECHAT_UNAVAILABLE'],
      ['slow', 503, 'WECHAT_UNAVAILABLE'],
      ['malformed', 503, 'WECHAT_UNAVAILABLE'],
      ['noopenid', 503, 'WECHAT_UNAVAILABLE'],
      ['http500', 503, 'WECHAT_UNAVAILABLE'],
      ['dev:bad name!', 400, 'BAD_REQUEST'],
      ['dev:', 400, 'LOGIN_FAILED'],
    ])('code %s → %i %s', async (code, status, errCode) => {
      const res = await login(code);
      expect(res.statusCode).toBe(status);
      expect(errorCode(res)).toBe(errCode);
    });

    it('refuses dev codes when DEV_LOGIN is off, without asking WeChat', async () => {
      const other = await s.another({ DEV_LOGIN: '0' });
      const before = s.wechat.calls.length;
      const res = await other.inject({ method: 'POST', url: '/v1/sessions', payload: { code: 'dev:alice' } });
      expect(res.statusCode).toBe(400);
      expect(errorCode(res)).toBe('LOGIN_FAILED');
      expect(s.wechat.calls.length).toBe(before);
    });

    it('rejects unknown fields, wrong types, non-JSON and oversized bodies', async () => {
      const extra = await s.app.inject({ method: 'POST', url: '/v1/sessions', payload: { code: 'dev:a', admin: true } });
      expect(extra.statusCode).toBe(400);
      expect(errorCode(extra)).toBe('BAD_REQUEST');
      expect((await login(42)).statusCode).toBe(400);
      const text = await s.app.inject({ method: 'POST', url: '/v1/sessions', headers: { 'content-type': 'text/plain' }, payload: 'code=dev:a' });
      expect(text.statusCode).toBe(415);
      expect(errorCode(text)).toBe('UNSUPPORTED_MEDIA_TYPE');
      const broken = await s.app.inject({ method: 'POST', url: '/v1/sessions', headers: { 'content-type': 'application/json' }, payload: '{"code":' });
      expect(broken.statusCode).toBe(400);
      const big = await s.app.inject({ method: 'POST', url: '/v1/sessions', payload: { code: 'x'.repeat(200_000) } });
      expect(big.statusCode).toBe(413);
      expect(errorCode(big)).toBe('PAYLOAD_TOO_LARGE');
    });

    it('signs a returning member in to their account with existing: true, and makes none for a newcomer (204, nothing stored)', async () => {
      const first = await login('dev:returning');
      expect(first.statusCode).toBe(201);
      const users = async () => Number((await s.db.selectFrom('users').select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirstOrThrow()).n);
      const again = await s.app.inject({ method: 'POST', url: '/v1/sessions', payload: { code: 'dev:returning', existing: true } });
      expect(again.statusCode).toBe(201);
      expect(again.json().userId).toBe(first.json().userId);
      expect(again.json().token).not.toBe(first.json().token);
      // WeChat codes too.
      await login('ok:returning-wx');
      expect((await s.app.inject({ method: 'POST', url: '/v1/sessions', payload: { code: 'ok:returning-wx', existing: true } })).statusCode).toBe(201);

      const before = await users();
      for (const code of ['dev:never-registered', 'ok:never-registered-wx']) {
        const none = await s.app.inject({ method: 'POST', url: '/v1/sessions', payload: { code, existing: true } });
        expect(none.statusCode).toBe(204);
        expect(none.body).toBe('');
        expect(none.headers['cache-control']).toBe('no-store');
      }
      expect(await users()).toBe(before);
      // `existing: false` is the ordinary sign-in, which makes the account; a non-boolean is refused.
      expect((await s.app.inject({ method: 'POST', url: '/v1/sessions', payload: { code: 'dev:never-registered', existing: false } })).statusCode).toBe(201);
      expect((await s.app.inject({ method: 'POST', url: '/v1/sessions', payload: { code: 'dev:x', existing: 'yes' } })).statusCode).toBe(400);
    });

    it('does not bring a purged account back: existing: true after the purge is 204, with no session', async () => {
      const { token } = await s.login('returning-purged');
      const asked = await s.app.inject({ method: 'POST', url: '/v1/me/cancellation', headers: { ...bearer(token), 'idempotency-key': 'key-returning-01' }, payload: { confirm: true, code: 'dev:returning-purged' } });
      expect(asked.statusCode).toBe(202);
      await s.app.purger.runOnce();
      const none = await s.app.inject({ method: 'POST', url: '/v1/sessions', payload: { code: 'dev:returning-purged', existing: true } });
      expect(none.statusCode).toBe(204);
    });

    it('rate-limits logins per client', async () => {
      const limited = await s.another({ RATE_LIMIT_LOGIN_PER_MINUTE: '2' });
      const codes: number[] = [];
      for (let i = 0; i < 3; i++) codes.push((await limited.inject({ method: 'POST', url: '/v1/sessions', payload: { code: 'dev:rl' } })).statusCode);
      expect(codes).toEqual([201, 201, 429]);
      const res = await limited.inject({ method: 'POST', url: '/v1/sessions', payload: { code: 'dev:rl' } });
      expect(errorCode(res)).toBe('RATE_LIMITED');
    });
  });

  describe('policy versions', () => {
    let v1: number;
    let v2: number;
    let v3: number;

    beforeAll(async () => {
      v1 = await publishPolicy(s, tinyPolicy('one'), true);
      v2 = await publishPolicy(s, tinyPolicy('two', true), false);
    });

    it('serves the active version with lastMaterialVersion, summary in the asked language and content', async () => {
      const res = await s.app.inject('/v1/policy/current?lang=en');
      expect(res.statusCode).toBe(200);
      const body = res.json();
      expect(body).toMatchObject({ version: v2, lastMaterialVersion: v1, material: false, summary: 'Changes' });
      expect(body.changedSections).toEqual(['introduction', 'cookies']);
      expect(body.contentHash).toMatch(/^[0-9a-f]{64}$/);
      expect(body.content.texts.en.sections[0].blocks[0].text).toBe('en intro two');
      expect((await s.app.inject('/v1/policy/current?lang=zh')).json().summary).toBe('变更');
    });

    it('names the sentences each changed section adds, in the asked language, with the metadata too', async () => {
      const en = (await s.app.inject('/v1/policy/current?lang=en&include=meta')).json();
      expect(en.changes).toEqual([
        { section: 'introduction', sentences: ['en intro two'] },
        { section: 'cookies', sentences: ['en one', 'en two'] },
      ]);
      expect((await s.app.inject('/v1/policy/current?lang=zh')).json().changes[0]).toEqual({ section: 'introduction', sentences: ['zh intro two'] });
      // The seeded first version follows none: it names no sentences.
      const first = (await s.app.inject('/v1/policy/versions/1')).json();
      expect(first.changedSections).toEqual([]);
      expect(first).not.toHaveProperty('changes');
    });

    it('leaves content out with include=meta and gives a strong ETag, 304 and CDN caching', async () => {
      const res = await s.app.inject('/v1/policy/current?include=meta');
      expect(res.json()).not.toHaveProperty('content');
      const etag = res.headers.etag as string;
      expect(etag).toMatch(/^"[^"]+"$/);
      expect(res.headers['cache-control']).toContain('public');
      expect(res.headers['cache-control']).toContain('s-maxage');
      const again = await s.app.inject({ url: '/v1/policy/current?include=meta', headers: { 'if-none-match': etag } });
      expect(again.statusCode).toBe(304);
      expect(again.body).toBe('');
      const full = await s.app.inject({ url: '/v1/policy/current', headers: { 'if-none-match': etag } });
      expect(full.statusCode).toBe(200);
    });

    it('rejects unknown query parameters', async () => {
      const res = await s.app.inject('/v1/policy/current?lang=fr');
      expect(res.statusCode).toBe(400);
      expect((await s.app.inject('/v1/policy/current?x=1')).statusCode).toBe(400);
    });

    it('serves a version by number; 404 for unknown versions and drafts', async () => {
      const res = await s.app.inject(`/v1/policy/versions/${v1}?lang=en`);
      expect(res.json()).toMatchObject({ version: v1, lastMaterialVersion: v1, material: true });
      expect((await s.app.inject('/v1/policy/versions/9999')).statusCode).toBe(404);
      expect((await s.app.inject('/v1/policy/versions/abc')).statusCode).toBe(400);
      const draft = await s.app.inject({ method: 'POST', url: '/v1/admin/policies', headers: bearer(s.publisher), payload: { content: tinyPolicy('draft') } });
      expect((await s.app.inject(`/v1/policy/versions/${draft.json().version}`)).statusCode).toBe(404);
    });

    it('keeps lastMaterialVersion across later non-material versions, and rolls back by activation', async () => {
      v3 = await publishPolicy(s, tinyPolicy('three', true), true);
      const cur = (await s.app.inject('/v1/policy/current?include=meta')).json();
      expect(cur).toMatchObject({ version: v3, lastMaterialVersion: v3 });
      const rollback = await s.app.inject({ method: 'POST', url: `/v1/admin/policies/${v2}/activate`, headers: bearer(s.publisher), payload: {} });
      expect(rollback.statusCode).toBe(200);
      expect((await s.app.inject('/v1/policy/current?include=meta')).json()).toMatchObject({ version: v2, lastMaterialVersion: v1 });
      const list = (await s.app.inject({ url: '/v1/admin/policies', headers: bearer(s.viewer) })).json();
      const status = Object.fromEntries(list.versions.map((v: { version: number; status: string }) => [v.version, v.status]));
      expect(status[v2]).toBe('active');
      expect(status[v3]).toBe('retired');
      expect(status[v1]).toBe('retired');
    });

    it('activates at a set time, and a second process sees activations within seconds', async () => {
      const other = await s.another({ POLICY_POLL_SECONDS: '1' });
      const at = new Date(Date.now() + 1500).toISOString();
      const res = await s.app.inject({ method: 'POST', url: `/v1/admin/policies/${v3}/activate`, headers: bearer(s.publisher), payload: { at } });
      expect(res.json()).toMatchObject({ version: v3, scheduled: true });
      expect((await s.app.inject('/v1/policy/current?include=meta')).json().version).toBe(v2);
      const seen = async (app: typeof s.app) => {
        for (let i = 0; i < 40; i++) {
          if ((await app.inject('/v1/policy/current?include=meta')).json().version === v3) return true;
          await new Promise((r) => setTimeout(r, 250));
        }
        return false;
      };
      expect(await seen(other)).toBe(true);
    });

    it('tells other processes at once through NOTIFY on PostgreSQL', async () => {
      if (target.name !== 'postgres') return;
      const other = await s.another({ POLICY_POLL_SECONDS: '3600' });
      const current = (await other.inject('/v1/policy/current?include=meta')).json().version;
      const next = current === v2 ? v3 : v2;
      await s.app.inject({ method: 'POST', url: `/v1/admin/policies/${next}/activate`, headers: bearer(s.publisher), payload: {} });
      let seen = false;
      for (let i = 0; i < 20 && !seen; i++) {
        await new Promise((r) => setTimeout(r, 100));
        seen = (await other.inject('/v1/policy/current?include=meta')).json().version === next;
      }
      expect(seen).toBe(true);
    });

    it('refuses to activate drafts, publish twice, or edit published versions', async () => {
      const h = bearer(s.publisher);
      const d = (await s.app.inject({ method: 'POST', url: '/v1/admin/policies', headers: h, payload: { content: tinyPolicy('d2') } })).json().version;
      expect((await s.app.inject({ method: 'POST', url: `/v1/admin/policies/${d}/activate`, headers: h, payload: {} })).statusCode).toBe(409);
      const put = await s.app.inject({ method: 'PUT', url: `/v1/admin/policies/${d}`, headers: h, payload: { content: tinyPolicy('d3') } });
      expect(put.statusCode).toBe(200);
      expect((await s.app.inject({ method: 'PUT', url: `/v1/admin/policies/${v1}`, headers: h, payload: { content: tinyPolicy('x') } })).statusCode).toBe(409);
      expect((await s.app.inject({ method: 'POST', url: `/v1/admin/policies/${v1}/publish`, headers: h, payload: { material: true, summary: { zh: 'a', en: 'b' } } })).statusCode).toBe(409);
      expect((await s.app.inject({ method: 'POST', url: '/v1/admin/policies/9999/publish', headers: h, payload: { material: true, summary: { zh: 'a', en: 'b' } } })).statusCode).toBe(404);
      expect((await s.app.inject({ method: 'PUT', url: '/v1/admin/policies/9999', headers: h, payload: { content: tinyPolicy('x') } })).statusCode).toBe(404);
      expect((await s.app.inject({ method: 'POST', url: '/v1/admin/policies/9999/activate', headers: h, payload: {} })).statusCode).toBe(404);
      const past = await s.app.inject({ method: 'POST', url: `/v1/admin/policies/${v1}/activate`, headers: h, payload: { at: '2020-01-01T00:00:00Z' } });
      expect(past.statusCode).toBe(400);
      const detail = await s.app.inject({ url: `/v1/admin/policies/${d}`, headers: bearer(s.viewer) });
      expect(detail.json().content.texts.en.sections[0].blocks[0].text).toBe('en intro d3');
      expect((await s.app.inject({ url: '/v1/admin/policies/9999', headers: bearer(s.viewer) })).statusCode).toBe(404);
    });

    it('rejects invalid documents and reads pasted text through the importer', async () => {
      const h = bearer(s.publisher);
      const bad = await s.app.inject({ method: 'POST', url: '/v1/admin/policies', headers: h, payload: { content: { schemaVersion: 2 } } });
      expect(bad.statusCode).toBe(400);
      expect(errorCode(bad)).toBe('BAD_REQUEST');
      const both = await s.app.inject({ method: 'POST', url: '/v1/admin/policies', headers: h, payload: { content: tinyPolicy(), text: 'x' } });
      expect(both.statusCode).toBe(400);
      const garbage = await s.app.inject({ method: 'POST', url: '/v1/admin/policies', headers: h, payload: { text: 'not a policy' } });
      expect(garbage.statusCode).toBe(400);
      const fs = await import('node:fs');
      const path = await import('node:path');
      const seedDir = path.join(__dirname, '..', '..', '..', 'scripts', 'policy-import', 'seed');
      const seed = fs.readdirSync(seedDir).find((f) => f.endsWith('.txt'));
      if (!seed) throw new Error('seed policy text missing');
      const res = await s.app.inject({ method: 'POST', url: '/v1/admin/policies', headers: h, payload: { text: fs.readFileSync(path.join(seedDir, seed), 'utf8') } });
      expect(res.statusCode).toBe(201);
      expect(res.json()).toMatchObject({ status: 'draft' });
      expect(Array.isArray(res.json().warnings)).toBe(true);
    });

    it('marks the sensitive wordings a new version adds and warns about them and about a "last updated" line left behind', async () => {
      const h = bearer(s.publisher);
      const published = await publishPolicy(s, tinyPolicy('before'), true);
      // v2 adds a sentence about face images, and still says it was last updated when v1 was.
      const v2 = tinyPolicy('before');
      v2.texts.zh.sections[0]!.blocks.push({ type: 'paragraph', text: '到店签到时，我们会采集您的人脸图像以确认身份。' });
      v2.texts.en.sections[0]!.blocks.push({ type: 'paragraph', text: 'At check-in we take a face image to confirm who you are.' });
      const res = await s.app.inject({ method: 'POST', url: '/v1/admin/policies', headers: h, payload: { content: v2 } });
      expect(res.statusCode).toBe(201);
      const { version, warnings } = res.json() as { version: number; warnings: string[] };
      expect(warnings).toEqual([
        expect.stringMatching(/^sensitive-term: zh section "引言": "人脸图像" names sensitive personal information/),
        expect.stringMatching(/^sensitive-term: en section "Introduction": "face image" names sensitive personal information/),
        expect.stringMatching(new RegExp(`^last-updated-stale: the text says it was last updated 2025-01 .* not later than version ${published} \\(2025-01\\)`)),
      ]);
      // The stored draft marks the wordings, so the shop and the console's preview emphasise them.
      const stored = (await s.app.inject({ url: `/v1/admin/policies/${version}`, headers: h })).json().content as typeof v2;
      expect([stored.texts.zh.sensitiveTerms, stored.texts.en.sensitiveTerms]).toEqual([['人脸图像'], ['face image']]);
      // A new month and words already marked: nothing to say.
      const fixed = { ...stored, updated: '2026-12' };
      const again = await s.app.inject({ method: 'PUT', url: `/v1/admin/policies/${version}`, headers: h, payload: { content: fixed } });
      expect(again.statusCode).toBe(200);
      expect(again.json().warnings).toEqual([]);
    });
  });

  describe('consent ledger', () => {
    let token: string;
    let version: number;
    const ev = (id: string, over: Record<string, unknown> = {}) => ({
      id,
      kind: 'consent',
      purpose: 'marketing',
      value: 'granted',
      policyVersion: version,
      deviceId: 'device-0001',
      occurredAt: '2025-01-02T03:04:05.000Z',
      source: 'privacy-centre',
      ...over,
    });
    const post = (events: unknown[], t = token) => s.app.inject({ method: 'POST', url: '/v1/me/consents', headers: bearer(t), payload: { events } });

    beforeAll(async () => {
      token = (await s.login('ledger')).token;
      version = (await s.app.inject('/v1/policy/current?include=meta')).json().version;
    });

    it('stores a batch, counts duplicates and derives the state in server order', async () => {
      const first = await post([
        ev('evt-00000001', { kind: 'policy', purpose: 'policy', value: 'accepted' }),
        ev('evt-00000002'),
        ev('evt-00000003', { kind: 'permission', purpose: 'camera', value: 'denied' }),
        // A withdrawal with an older device clock still wins: the server orders by receipt.
        ev('evt-00000004', { value: 'withdrawn', occurredAt: '2020-01-01T00:00:00.000Z' }),
      ]);
      expect(first.statusCode).toBe(200);
      expect(first.json()).toMatchObject({ accepted: 4, duplicates: 0 });
      const state = first.json().state;
      expect(state.policy).toMatchObject({ value: 'accepted', version });
      expect(state.consents.marketing.value).toBe('withdrawn');
      expect(state.permissions['device-0001'].camera.value).toBe('denied');

      const again = await post([ev('evt-00000002'), ev('evt-00000005', { purpose: 'cross-border' }), ev('evt-00000005', { purpose: 'cross-border' })]);
      expect(again.json()).toMatchObject({ accepted: 1, duplicates: 2 });
      expect(again.json().state.consents.marketing.value).toBe('withdrawn');

      const list = (await s.app.inject({ url: '/v1/me/consents', headers: bearer(token) })).json();
      expect(list.events.map((e: { id: string }) => e.id)).toEqual(['evt-00000001', 'evt-00000002', 'evt-00000003', 'evt-00000004', 'evt-00000005']);
      const seqs = list.events.map((e: { seq: number }) => e.seq);
      expect([...seqs].sort((a: number, b: number) => a - b)).toEqual(seqs);
      expect(list.state.consents['cross-border'].value).toBe('granted');
    });

    it('keeps event ids per user: another user may reuse an id', async () => {
      const other = (await s.login('ledger-2')).token;
      expect((await post([ev('evt-00000002')], other)).json()).toMatchObject({ accepted: 1, duplicates: 0 });
    });

    it.each([
      ['a wrong purpose for the kind', [{ purpose: 'camera' }]],
      ['an unknown value', [{ value: 'maybe' }]],
      ['an unknown field', [{ extra: 1 }]],
      ['a bad id', [{ id: 'x' }]],
      ['a bad date', [{ occurredAt: 'yesterday' }]],
      ['a string version', [{ policyVersion: '1' }]],
      ['an unpublished version', [{ policyVersion: 9999 }]],
    ])('rejects %s and stores nothing', async (_label, overrides) => {
      const before = (await s.app.inject({ url: '/v1/me/consents', headers: bearer(token) })).json().events.length;
      const res = await post([ev('evt-good-0001'), ev('evt-bad-00001', overrides[0])]);
      expect(res.statusCode).toBe(400);
      expect(errorCode(res)).toBe('BAD_REQUEST');
      expect((await s.app.inject({ url: '/v1/me/consents', headers: bearer(token) })).json().events.length).toBe(before);
    });

    it('accepts 100 events and refuses 101 or none', async () => {
      // Each observation differs from the one before it (a repeat would not be stored: server/README.md).
      const hundred = Array.from({ length: 100 }, (_, i) => ev(`batch-${String(i).padStart(5, '0')}`, { kind: 'permission', purpose: 'location', value: i % 2 ? 'granted' : 'prompted' }));
      expect((await post(hundred)).json()).toMatchObject({ accepted: 100, duplicates: 0 });
      expect((await post([...hundred, ev('batch-extra-1')])).statusCode).toBe(400);
      expect((await post([])).statusCode).toBe(400);
    });

    it('needs a session: 401 without or with a forged token', async () => {
      expect(errorCode(await s.app.inject({ url: '/v1/me/consents' }))).toBe('UNAUTHENTICATED');
      expect((await s.app.inject({ url: '/v1/me/consents', headers: bearer('st_forgedforgedforgedforged') })).statusCode).toBe(401);
      expect((await s.app.inject({ url: '/v1/me/consents', headers: { authorization: 'Basic abc' } })).statusCode).toBe(401);
    });

    it('exports everything held about the caller', async () => {
      const res = await s.app.inject({ url: '/v1/me/export', headers: bearer(token) });
      expect(res.statusCode).toBe(200);
      const body = res.json();
      expect(body.profile.userId).toBeDefined();
      expect(body.consents.events.length).toBeGreaterThanOrEqual(105);
      expect(body.sessions.length).toBeGreaterThanOrEqual(1);
      expect(body.cancellationRequests).toEqual([]);
      expect(res.headers['cache-control']).toBe('no-store');
      expect(res.body).not.toContain(token);
    });
  });

  describe('cancellation and purge', () => {
    const request = (token: string, key: string, body: Record<string, unknown>) =>
      s.app.inject({ method: 'POST', url: '/v1/me/cancellation', headers: { ...bearer(token), 'idempotency-key': key }, payload: body });

    it('says before any request what one made now would be given: the cooling-off length and the deadline', async () => {
      const slow = await s.another({ COOLING_OFF_SECONDS: '604800' });
      const res = await slow.inject({ url: '/v1/cancellation/terms' });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({ coolingOffSeconds: 604800, deadlineDays: 15, deadlineWorkingDaysCap: 15 });
      expect(res.headers['cache-control']).toBe('public, max-age=60');
      // What it says is what a request then gets.
      const { token } = await s.login('terms-1');
      const made = await slow.inject({ method: 'POST', url: '/v1/me/cancellation', headers: { ...bearer(token), 'idempotency-key': 'key-terms-0001' }, payload: { confirm: true, code: 'dev:terms-1' } });
      expect(Date.parse(made.json().coolingOffEndsAt) - Date.parse(made.json().requestedAt)).toBe(604800 * 1000);
      expect((await s.app.inject({ url: '/v1/cancellation/terms' })).json().coolingOffSeconds).toBe(0);
      expect((await s.app.inject({ url: '/v1/cancellation/terms?x=1' })).statusCode).toBe(200);
    });

    it("creates a pending request with cooling-off and the policy's 15-day deadline; a repeat returns the first answer", async () => {
      const slow = await s.another({ COOLING_OFF_SECONDS: '3600' });
      const { token } = await s.login('cancel-1');
      const res = await slow.inject({ method: 'POST', url: '/v1/me/cancellation', headers: { ...bearer(token), 'idempotency-key': 'key-00000001' }, payload: { confirm: true, code: 'dev:cancel-1', reason: 'moving' } });
      expect(res.statusCode).toBe(202);
      const body = res.json();
      expect(body.status).toBe('pending');
      expect(Date.parse(body.coolingOffEndsAt) - Date.parse(body.requestedAt)).toBe(3600_000);
      // The policy's 15 days: the end of the 15th day after the request's date in China time.
      const chinaDay = (iso: string) => new Date(Date.parse(iso) + 8 * 3600_000).toISOString().slice(0, 10);
      const expected = new Date(Date.parse(`${chinaDay(body.requestedAt)}T00:00:00Z`) + 15 * 86400_000).toISOString().slice(0, 10);
      expect(chinaDay(body.deadline)).toBe(expected);
      expect(new Date(Date.parse(body.deadline) + 8 * 3600_000).toISOString().slice(11)).toBe('23:59:59.999Z');
      const repeat = await slow.inject({ method: 'POST', url: '/v1/me/cancellation', headers: { ...bearer(token), 'idempotency-key': 'key-00000001' }, payload: { confirm: true, code: 'dev:cancel-1', reason: 'moving' } });
      expect(repeat.statusCode).toBe(202);
      expect(repeat.json()).toEqual(body);
      const changed = await slow.inject({ method: 'POST', url: '/v1/me/cancellation', headers: { ...bearer(token), 'idempotency-key': 'key-00000001' }, payload: { confirm: true, code: 'dev:cancel-1' } });
      expect(changed.statusCode).toBe(422);
      expect(errorCode(changed)).toBe('IDEMPOTENCY_KEY_REUSED');
      const second = await slow.inject({ method: 'POST', url: '/v1/me/cancellation', headers: { ...bearer(token), 'idempotency-key': 'key-00000002' }, payload: { confirm: true, code: 'dev:cancel-1' } });
      expect(second.statusCode).toBe(409);

      expect((await s.app.inject({ url: '/v1/me/cancellation', headers: bearer(token) })).json()).toMatchObject({ id: body.id, status: 'pending' });
      // The undo is re-authenticated like the request: no code, another user's code or a refused one change nothing.
      const withdraw = (payload: unknown) => s.app.inject({ method: 'POST', url: '/v1/me/cancellation/withdrawal', headers: bearer(token), payload: payload as object });
      expect((await withdraw({})).statusCode).toBe(400);
      expect((await withdraw({ code: 'dev:someone-else' })).statusCode).toBe(403);
      expect(errorCode(await withdraw({ code: 'invalid' }))).toBe('LOGIN_FAILED');
      expect((await withdraw({ code: 'busy' })).statusCode).toBe(503);
      expect((await s.app.inject({ method: 'DELETE', url: '/v1/me/cancellation', headers: bearer(token) })).statusCode).toBe(404);
      expect((await s.app.inject({ url: '/v1/me/cancellation', headers: bearer(token) })).json()).toMatchObject({ id: body.id, status: 'pending' });
      const undo = await withdraw({ code: 'dev:cancel-1' });
      expect(undo.json()).toMatchObject({ id: body.id, status: 'withdrawn' });
      const undoAgain = await withdraw({ code: 'dev:cancel-1' });
      expect(undoAgain.statusCode).toBe(200);
      expect(undoAgain.json()).toEqual(undo.json());
      // The withdrawn request is not purged.
      await s.app.purger.runOnce();
      expect((await s.app.inject({ url: '/v1/me/consents', headers: bearer(token) })).statusCode).toBe(200);
    });

    it('needs the Idempotency-Key, confirm: true and a code of the same WeChat user', async () => {
      const { token } = await s.login('cancel-2');
      const noKey = await s.app.inject({ method: 'POST', url: '/v1/me/cancellation', headers: bearer(token), payload: { confirm: true, code: 'dev:cancel-2' } });
      expect(noKey.statusCode).toBe(400);
      expect((await request(token, 'key-00000003', { confirm: false, code: 'dev:cancel-2' })).statusCode).toBe(400);
      const other = await request(token, 'key-00000004', { confirm: true, code: 'dev:someone-else' });
      expect(other.statusCode).toBe(403);
      expect(errorCode(other)).toBe('FORBIDDEN');
      const invalid = await request(token, 'key-00000005', { confirm: true, code: 'invalid' });
      expect(errorCode(invalid)).toBe('LOGIN_FAILED');
      const down = await request(token, 'key-00000006', { confirm: true, code: 'busy' });
      expect(down.statusCode).toBe(503);
      // No request stored: a normal state, 204 with no body.
      const none = await s.app.inject({ url: '/v1/me/cancellation', headers: bearer(token) });
      expect({ status: none.statusCode, body: none.body }).toEqual({ status: 204, body: '' });
      expect((await s.app.inject({ method: 'POST', url: '/v1/me/cancellation/withdrawal', headers: bearer(token), payload: { code: 'dev:cancel-2' } })).statusCode).toBe(404);
    });

    it('works with a real WeChat code of the same user', async () => {
      const login = (await s.app.inject({ method: 'POST', url: '/v1/sessions', payload: { code: 'ok:wx-cancel' } })).json();
      const res = await request(login.token, 'key-wx-000001', { confirm: true, code: 'ok:wx-cancel' });
      expect(res.statusCode).toBe(202);
    });

    it('purges after the cooling-off: 410 with completedAt for the old token, 409 on undo', async () => {
      const { token, userId } = await s.login('cancel-3');
      const res = await request(token, 'key-00000007', { confirm: true, code: 'dev:cancel-3' });
      expect(res.statusCode).toBe(202);
      await s.app.purger.runOnce();
      const gone = await s.app.inject({ url: '/v1/me/cancellation', headers: bearer(token) });
      expect(gone.statusCode).toBe(410);
      expect(gone.json().error).toMatchObject({ code: 'ACCOUNT_DELETED' });
      expect(Date.parse(gone.json().error.completedAt)).toBeGreaterThan(0);
      expect((await s.app.inject({ method: 'POST', url: '/v1/me/cancellation/withdrawal', headers: bearer(token), payload: { code: 'dev:cancel-3' } })).statusCode).toBe(410);
      // A new login of the same person is a new account.
      const again = await s.login('cancel-3');
      expect(again.userId).not.toBe(userId);
      const stats = (await s.app.inject({ url: '/v1/admin/stats', headers: bearer(s.viewer) })).json();
      const row = stats.cancellations.find((c: { id: string }) => c.id === res.json().id);
      expect(row).toMatchObject({ status: 'completed', flag: 'ok' });
      // Ops see the deadline rule with its source sentence and each calendar year's status and notice.
      expect(stats.deadlineRule).toMatchObject({ calendarDays: 15, regulatorWorkingDays: 15, source: { sectionId: 'contact-us' } });
      expect(stats.calendar.years.map((y: { year: number }) => y.year)).toEqual(expect.arrayContaining([2024, 2025, 2026, 2027]));
      expect(stats.calendar.years.find((y: { year: number }) => y.year === 2024)).toMatchObject({ status: 'published', source: expect.stringContaining('国办发明电〔2023〕7号') });
      // 2027 has no notice yet: it is listed for ops whatever today's date (the file holds it as statutory-only).
      if (new Date().getUTCFullYear() <= 2027) {
        expect(stats.calendar.notOfficial).toContain(2027);
        expect(stats.calendar.warnings.join(' ')).toContain('calendar for 2027 not yet official');
      }
    });

    it('answers 409 when undoing a request the purge already claimed', async () => {
      const { token } = await s.login('cancel-4');
      await request(token, 'key-00000008', { confirm: true, code: 'dev:cancel-4' });
      await s.db.updateTable('cancellation_requests').set({ status: 'processing' }).where('status', '=', 'pending').execute();
      const res = await s.app.inject({ method: 'POST', url: '/v1/me/cancellation/withdrawal', headers: bearer(token), payload: { code: 'dev:cancel-4' } });
      expect(res.statusCode).toBe(409);
      expect(errorCode(res)).toBe('CONFLICT');
      await s.app.purger.runOnce();
    });
  });

  describe('ops API', () => {
    it('refuses shopper tokens, missing tokens and viewers on publisher routes', async () => {
      const { token } = await s.login('shopper-ops');
      const asShopper = await s.app.inject({ url: '/v1/admin/policies', headers: bearer(token) });
      expect(asShopper.statusCode).toBe(403);
      expect((await s.app.inject({ url: '/v1/admin/policies' })).statusCode).toBe(401);
      expect((await s.app.inject({ url: '/v1/admin/policies', headers: bearer('ops_unknownunknownunknown') })).statusCode).toBe(401);
      const viewerWrite = await s.app.inject({ method: 'POST', url: '/v1/admin/policies', headers: bearer(s.viewer), payload: { content: tinyPolicy() } });
      expect(viewerWrite.statusCode).toBe(403);
      expect((await s.app.inject({ url: '/v1/admin/tokens', headers: bearer(s.viewer) })).statusCode).toBe(403);
    });

    it('creates, lists and revokes named tokens, with an audit entry for each change', async () => {
      const h = bearer(s.publisher);
      const created = await s.app.inject({ method: 'POST', url: '/v1/admin/tokens', headers: h, payload: { name: 'Li Lei', role: 'viewer', expiresInDays: 7 } });
      expect(created.statusCode).toBe(201);
      const t = created.json();
      expect(t.token).toMatch(/^ops_/);
      expect((await s.app.inject({ url: '/v1/admin/stats', headers: bearer(t.token) })).statusCode).toBe(200);
      const list = (await s.app.inject({ url: '/v1/admin/tokens', headers: h })).json();
      expect(list.tokens.find((x: { id: string }) => x.id === t.id)).toMatchObject({ name: 'Li Lei', role: 'viewer', revokedAt: null });
      expect(JSON.stringify(list)).not.toContain(t.token);
      expect((await s.app.inject({ method: 'DELETE', url: `/v1/admin/tokens/${t.id}`, headers: h })).statusCode).toBe(200);
      expect((await s.app.inject({ method: 'DELETE', url: `/v1/admin/tokens/${t.id}`, headers: h })).statusCode).toBe(404);
      expect((await s.app.inject({ url: '/v1/admin/stats', headers: bearer(t.token) })).statusCode).toBe(401);
      expect((await s.app.inject({ method: 'POST', url: '/v1/admin/tokens', headers: h, payload: { name: 'x', role: 'root' } })).statusCode).toBe(400);
      const audit = (await s.app.inject({ url: '/v1/admin/audit?limit=50', headers: bearer(s.viewer) })).json();
      const actions = audit.entries.map((e: { action: string; target: string }) => `${e.action} ${e.target}`);
      expect(actions).toContain(`token.create token:${t.id}`);
      expect(actions).toContain(`token.revoke token:${t.id}`);
      expect(audit.entries.some((e: { action: string }) => e.action === 'policy.publish')).toBe(true);
      expect(audit.entries.some((e: { action: string }) => e.action === 'policy.activate')).toBe(true);
      const older = (await s.app.inject({ url: `/v1/admin/audit?limit=1&before=${audit.entries[0].id}`, headers: bearer(s.viewer) })).json();
      expect(older.entries[0].id).toBeLessThan(audit.entries[0].id);
    });

    it('reports acceptance per version, consents per purpose, permission outcomes and the cancellation queue', async () => {
      const stats = (await s.app.inject({ url: '/v1/admin/stats', headers: bearer(s.viewer) })).json();
      expect(stats.users).toBeGreaterThan(0);
      expect(stats.acceptanceByVersion.some((r: { accepted: number }) => r.accepted >= 1)).toBe(true);
      expect(stats.consentsByPurpose).toEqual(expect.arrayContaining([expect.objectContaining({ purpose: 'marketing', value: 'withdrawn' })]));
      expect(stats.permissionOutcomes).toEqual(expect.arrayContaining([expect.objectContaining({ capability: 'camera', value: 'denied' })]));
      expect(Array.isArray(stats.cancellations)).toBe(true);
    });
  });
});
