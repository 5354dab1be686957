import fs from 'node:fs';
import path from 'node:path';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { sql } from 'kysely';
import { COLLECTION_LIST, SHOP_PRIVACY } from '../../../src/shop/privacy-content';
import { GAPS_OVERRIDE, bearer, build, errorCode, publishPolicy, testTargets, tinyPolicy, type TestServer } from '../../test/helper';
import { CONSOLE_COOKIE, CSRF_HEADER, guideChanges, sectionDiff } from './console';
import { privacyGuideChecklist } from '@maison/privacy/config';

jest.setTimeout(120_000);

const SOURCES = path.join(__dirname, '..', '..', 'console', 'src');

interface Signed {
  cookie: string;
  csrf: string;
  setCookie: string;
}

function sessionCookie(res: LightMyRequestResponse): string {
  const raw = [res.headers['set-cookie']].flat().find((c) => typeof c === 'string' && c.startsWith(`${CONSOLE_COOKIE}=`));
  if (!raw) throw new Error(`no session cookie in ${JSON.stringify(res.headers['set-cookie'])}`);
  return raw;
}

describe.each(testTargets())('ops console routes on $name', (target) => {
  let s: TestServer;
  const signIn = async (token: string, headers: Record<string, string> = {}): Promise<Signed> => {
    const res = await s.app.inject({ method: 'POST', url: '/ops/api/session', headers, payload: { token } });
    expect(res.statusCode).toBe(201);
    const setCookie = sessionCookie(res);
    return { cookie: setCookie.split(';')[0]!, csrf: res.json().csrfToken, setCookie };
  };
  const as = (who: Signed, opts: InjectOptions, csrf: string | null = who.csrf): Promise<LightMyRequestResponse> =>
    s.app.inject({ ...opts, headers: { ...(opts.headers ?? {}), cookie: who.cookie, ...(csrf === null ? {} : { [CSRF_HEADER]: csrf }) } });
  const auditActions = async () => (await s.db.selectFrom('audit_log').select(['action', 'actor']).orderBy('id').execute()).map((r) => `${r.actor} ${r.action}`);
  const newDraft = async () => {
    const res = await s.app.inject({ method: 'POST', url: '/v1/admin/policies', headers: bearer(s.publisher), payload: { content: tinyPolicy(`d${Date.now()}`) } });
    expect(res.statusCode).toBe(201);
    return res.json().version as number;
  };

  beforeAll(async () => {
    s = await build(target);
  });
  afterAll(async () => {
    await s?.close();
  });

  describe('the page', () => {
    it('serves the built page, its hashed assets and the icon under the security headers', async () => {
      const page = await s.app.inject('/ops');
      expect(page.statusCode).toBe(200);
      expect(page.headers['content-type']).toContain('text/html');
      expect(page.headers['cache-control']).toBe('no-cache');
      expect(page.body).toContain('<html lang="zh-CN">');
      expect(page.headers['content-security-policy']).toContain("script-src 'self'");
      // No inline script: the CSP would refuse it. One module script from /ops/assets/.
      expect(page.body).not.toMatch(/<script(?![^>]*\ssrc=)[^>]*>/);
      const scripts = [...page.body.matchAll(/<script[^>]*src="([^"]+)"/g)].map((m) => m[1]!);
      const styles = [...page.body.matchAll(/<link rel="stylesheet"[^>]*href="([^"]+)"/g)].map((m) => m[1]!);
      expect(scripts).toEqual([expect.stringMatching(/^\/ops\/assets\/index-[A-Za-z0-9_-]+\.js$/)]);
      const js = await s.app.inject(scripts[0]!);
      expect(js.statusCode).toBe(200);
      expect(js.headers['content-type']).toContain('javascript');
      expect(js.headers['cache-control']).toContain('immutable');
      expect((await s.app.inject(styles[0]!)).headers['content-type']).toContain('text/css');
      const icon = await s.app.inject('/ops/favicon.ico');
      expect(icon.statusCode).toBe(200);
      expect(icon.rawPayload.subarray(0, 4)).toEqual(Buffer.from([0, 0, 1, 0]));
      expect((await s.app.inject('/ops/')).statusCode).toBe(200);
    });

    it('serves nothing else from the build folder: no index.html by name, no dotfiles, no traversal', async () => {
      for (const url of ['/ops/assets/missing.js', '/ops/assets/.test-run', '/ops/assets/..%2Findex.html', '/ops/index.html', '/ops/assets/x.map']) {
        expect({ url, status: (await s.app.inject(url)).statusCode }).toEqual({ url, status: 404 });
      }
    });

    it('keeps markup sinks out of the console sources: remote text goes in as text', () => {
      const sources = fs.readdirSync(SOURCES, { recursive: true, encoding: 'utf8' }).filter((f) => /\.tsx?$/.test(f));
      expect(sources.length).toBeGreaterThan(5);
      for (const f of sources) expect({ f, sink: /dangerouslySetInnerHTML|innerHTML|outerHTML|insertAdjacentHTML|document\.write/.test(fs.readFileSync(path.join(SOURCES, f), 'utf8')) }).toEqual({ f, sink: false });
    });
  });

  describe('sign in', () => {
    it('opens a session for a good token with HttpOnly, SameSite=Strict, Path=/ and no Secure on http localhost', async () => {
      const res = await s.app.inject({ method: 'POST', url: '/ops/api/session', headers: { host: 'localhost:3000' }, payload: { token: s.publisher } });
      expect(res.statusCode).toBe(201);
      expect(res.json()).toMatchObject({ name: 'test-publisher', role: 'publisher' });
      expect(res.json().csrfToken).toMatch(/^[A-Za-z0-9_-]{40,}$/);
      const c = sessionCookie(res);
      expect(c).toMatch(/; HttpOnly/);
      expect(c).toMatch(/; SameSite=Strict/);
      expect(c).toMatch(/; Path=\//);
      expect(c).not.toMatch(/; Secure/);
      // The cookie holds a random secret, not the token; the database holds its hash, not the secret.
      const secret = c.split(';')[0]!.split('=')[1]!;
      expect(secret).not.toContain(s.publisher);
      const rows = await sql<{ id_hash: string; sealed_token: string }>`select id_hash, sealed_token from ops_console_sessions`.execute(s.db);
      expect(rows.rows.length).toBeGreaterThan(0);
      for (const r of rows.rows) {
        expect(r.id_hash).not.toBe(secret);
        expect(r.sealed_token).not.toContain(s.publisher);
      }
    });

    it('marks the cookie Secure when the console is reached over https or by a public host name', async () => {
      const res = await s.app.inject({ method: 'POST', url: '/ops/api/session', headers: { host: 'ops.example.com' }, payload: { token: s.viewer } });
      expect(sessionCookie(res)).toMatch(/; Secure/);
    });

    it('refuses a bad token, a shopper token, an expired token and a revoked token without a cookie', async () => {
      const expired = await s.app.repos.ops.createToken({ name: 'old', role: 'publisher', expiresAt: new Date(Date.now() - 1000), createdBy: 'test' });
      const revoked = await s.app.repos.ops.createToken({ name: 'gone', role: 'publisher', expiresAt: new Date(Date.now() + 3600_000), createdBy: 'test' });
      expect(await s.app.repos.ops.revokeToken(revoked.id)).toBe(true);
      const shopper = await s.login('console-shopper');
      for (const token of ['ops_' + 'x'.repeat(43), shopper.token, expired.token, revoked.token]) {
        const res = await s.app.inject({ method: 'POST', url: '/ops/api/session', payload: { token } });
        expect(res.statusCode).toBe(401);
        expect(errorCode(res)).toBe('UNAUTHENTICATED');
        expect(res.headers['set-cookie']).toBeUndefined();
      }
    });

    it('takes JSON only and refuses a sign-in posted from another site', async () => {
      const form = await s.app.inject({ method: 'POST', url: '/ops/api/session', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: `token=${s.publisher}` });
      expect(form.statusCode).toBe(415);
      const cross = await s.app.inject({ method: 'POST', url: '/ops/api/session', headers: { origin: 'https://evil.example', host: 'localhost' }, payload: { token: s.publisher } });
      expect(cross.statusCode).toBe(403);
      expect(cross.headers['set-cookie']).toBeUndefined();
    });

    it('answers the session endpoint with name, role and the CSRF token, and 204 (not an error) without a session', async () => {
      const p = await signIn(s.publisher);
      const res = await as(p, { url: '/ops/api/session' }, null);
      expect(res.json()).toEqual({ name: 'test-publisher', role: 'publisher', expiresAt: expect.any(String), csrfToken: p.csrf });
      // The CSRF token is never kept by a browser or proxy cache.
      expect(res.headers['cache-control']).toBe('no-store');
      const none = await s.app.inject('/ops/api/session');
      expect(none.statusCode).toBe(204);
      expect(none.body).toBe('');
      const forged = await s.app.inject({ url: '/ops/api/session', headers: { cookie: `${CONSOLE_COOKIE}=${'A'.repeat(43)}` } });
      expect(forged.statusCode).toBe(204);
      // A session that ended takes its cookie with it.
      expect(String(forged.headers['set-cookie'])).toMatch(new RegExp(`^${CONSOLE_COOKIE}=;`));
      // The admin API itself still refuses a missing or forged session.
      expect((await s.app.inject({ url: '/v1/admin/policies', headers: { cookie: `${CONSOLE_COOKIE}=${'A'.repeat(43)}` } })).statusCode).toBe(401);
    });

    it('writes audit rows for sign-in and sign-out', async () => {
      const p = await signIn(s.viewer);
      const out = await as(p, { method: 'DELETE', url: '/ops/api/session' });
      expect(out.json()).toEqual({ signedOut: true });
      const actions = await auditActions();
      expect(actions).toContain('ops:test-viewer console.sign-in');
      expect(actions).toContain('ops:test-viewer console.sign-out');
    });
  });

  describe('the admin API through the cookie', () => {
    it('reads with the cookie alone and writes with the cookie and the CSRF token', async () => {
      const p = await signIn(s.publisher);
      const list = await as(p, { url: '/v1/admin/policies' }, null);
      expect(list.statusCode).toBe(200);
      const created = await as(p, { method: 'POST', url: '/v1/admin/policies', payload: { content: tinyPolicy('cookie') } });
      expect(created.statusCode).toBe(201);
      const v = created.json().version;
      const audit = await s.db.selectFrom('audit_log').select(['actor', 'action']).where('target', '=', `policy:${v}`).execute();
      expect(audit).toEqual([{ actor: 'ops:test-publisher', action: 'policy.draft.create' }]);
    });

    it.each([
      ['missing', null],
      ['forged', 'A'.repeat(43)],
      ['empty', ''],
    ])('refuses a write with a %s CSRF token with 403 and changes nothing', async (_label, csrf) => {
      const p = await signIn(s.publisher);
      const other = await signIn(s.publisher);
      const draft = await newDraft();
      const count = async () => (await sql<{ n: number }>`select (select count(*) from policy_versions)::int + (select count(*) from policy_activations)::int + (select count(*) from ops_tokens)::int as n`.execute(s.db)).rows[0]!.n;
      const before = await count();
      const attempts: InjectOptions[] = [
        { method: 'POST', url: '/v1/admin/policies', payload: { content: tinyPolicy('forged') } },
        { method: 'POST', url: `/v1/admin/policies/${draft}/publish`, payload: { material: true, summary: { zh: 'x', en: 'x' } } },
        { method: 'POST', url: '/v1/admin/tokens', payload: { name: 'evil', role: 'publisher' } },
        // A cross-site HTML form: urlencoded, no CSRF header.
        { method: 'POST', url: `/v1/admin/policies/${draft}/activate`, headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: 'at=' },
      ];
      for (const a of attempts) {
        const res = await as(p, a, csrf);
        expect({ url: a.url, status: res.statusCode }).toEqual({ url: a.url, status: 403 });
        expect(errorCode(res)).toBe('FORBIDDEN');
      }
      // Another session's CSRF token is not this session's.
      const crossed = await as(p, attempts[0]!, other.csrf);
      expect(crossed.statusCode).toBe(403);
      expect(await count()).toBe(before);
      expect((await s.app.repos.policies.get(draft))!.status).toBe('draft');
      // The session itself is untouched: sign-out without the token is refused too.
      expect((await as(p, { method: 'DELETE', url: '/ops/api/session' }, csrf)).statusCode).toBe(403);
      expect((await as(p, { url: '/ops/api/session' }, null)).statusCode).toBe(200);
    });

    it('refuses a cookie write whose Origin is another site even with the token', async () => {
      const p = await signIn(s.publisher);
      const res = await as(p, { method: 'POST', url: '/v1/admin/policies', headers: { origin: 'https://evil.example', host: 'localhost' }, payload: { content: tinyPolicy('x') } });
      expect(res.statusCode).toBe(403);
    });

    it('lets a viewer see everything and change nothing', async () => {
      const v = await signIn(s.viewer);
      const draft = await newDraft();
      for (const url of ['/v1/admin/policies', `/v1/admin/policies/${draft}`, `/v1/admin/policies/${draft}/diff`, '/v1/admin/stats', '/v1/admin/audit', `/v1/admin/lists/${draft}`, '/v1/admin/privacy-guide', '/v1/admin/activations']) {
        expect({ url, status: (await as(v, { url }, null)).statusCode }).toEqual({ url, status: 200 });
      }
      const writes: InjectOptions[] = [
        { method: 'POST', url: `/v1/admin/policies/${draft}/publish`, payload: { material: true, summary: { zh: 'x', en: 'x' } } },
        { method: 'POST', url: `/v1/admin/policies/${draft}/activate`, payload: {} },
        { method: 'POST', url: '/v1/admin/policies', payload: { content: tinyPolicy('viewer') } },
        { method: 'PUT', url: `/v1/admin/lists/${draft}/collection`, payload: { items: [...COLLECTION_LIST] } },
        { method: 'POST', url: '/v1/admin/privacy-guide/filings', payload: { policyVersion: draft } },
        { method: 'POST', url: '/v1/admin/tokens', payload: { name: 'v', role: 'publisher' } },
      ];
      for (const w of writes) expect({ url: w.url, status: (await as(v, w)).statusCode }).toEqual({ url: w.url, status: 403 });
      expect((await s.app.repos.policies.get(draft))!.status).toBe('draft');
    });

    it('ends the session at sign-out: the old cookie no longer works', async () => {
      const p = await signIn(s.publisher);
      const out = await as(p, { method: 'DELETE', url: '/ops/api/session' });
      expect(out.statusCode).toBe(200);
      expect(String(out.headers['set-cookie'])).toMatch(new RegExp(`${CONSOLE_COOKIE}=;`));
      expect((await as(p, { url: '/ops/api/session' }, null)).statusCode).toBe(204);
      expect((await as(p, { url: '/v1/admin/policies' }, null)).statusCode).toBe(401);
      expect((await as(p, { method: 'POST', url: '/v1/admin/policies', payload: { content: tinyPolicy('after') } })).statusCode).toBe(401);
    });

    it('ends every session of a revoked token', async () => {
      const t = await s.app.repos.ops.createToken({ name: 'short-lived', role: 'publisher', expiresAt: new Date(Date.now() + 3600_000), createdBy: 'test' });
      const p = await signIn(t.token);
      expect((await as(p, { url: '/v1/admin/policies' }, null)).statusCode).toBe(200);
      await s.app.repos.ops.revokeToken(t.id);
      expect((await as(p, { url: '/v1/admin/policies' }, null)).statusCode).toBe(401);
      expect((await as(p, { url: '/ops/api/session' }, null)).statusCode).toBe(204);
    });
  });

  describe('lists, diff and privacy guide', () => {
    it('edits the lists of a draft only, validated, audited, and inherited by later versions', async () => {
      const p = await signIn(s.publisher);
      const draft = await newDraft();
      const start = (await as(p, { url: `/v1/admin/lists/${draft}` }, null)).json();
      expect(start.editable).toBe(true);
      expect(start.collection.items.length).toBeGreaterThan(0);
      const bad = await as(p, { method: 'PUT', url: `/v1/admin/lists/${draft}/collection`, payload: { items: [{ id: 'Bad Id' }] } });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().error.message).toContain('[0].id');
      const edited = [...COLLECTION_LIST.slice(0, 2), { ...COLLECTION_LIST[0]!, id: 'new-row' }];
      const ok = await as(p, { method: 'PUT', url: `/v1/admin/lists/${draft}/collection`, payload: { items: edited } });
      expect(ok.statusCode).toBe(200);
      expect(ok.json()).toMatchObject({ source: 'stored', fromVersion: draft, updatedBy: 'ops:test-publisher' });
      expect(ok.json().items.map((i: { id: string }) => i.id)).toEqual(edited.map((i) => i.id));
      expect(await auditActions()).toContain('ops:test-publisher lists.update');
      // A row added makes the version material: refused as non-material, even with the gaps overridden.
      const notMaterial = await as(p, { method: 'POST', url: `/v1/admin/policies/${draft}/publish`, payload: { material: false, summary: { zh: '清单', en: 'Lists' } } });
      expect(notMaterial.statusCode).toBe(409);
      expect(notMaterial.json().error.message).toContain('collection-row-added (collection.new-row)');
      // Published: frozen, and the next draft starts from it.
      const pub = await as(p, { method: 'POST', url: `/v1/admin/policies/${draft}/publish`, payload: { material: true, summary: { zh: '清单', en: 'Lists' }, override: GAPS_OVERRIDE } });
      expect(pub.statusCode).toBe(200);
      const frozen = await as(p, { method: 'PUT', url: `/v1/admin/lists/${draft}/collection`, payload: { items: edited } });
      expect(frozen.statusCode).toBe(409);
      const next = await newDraft();
      const inherited = (await as(p, { url: `/v1/admin/lists/${next}` }, null)).json();
      expect(inherited.collection).toMatchObject({ source: 'inherited', fromVersion: draft });
      expect(inherited.sharing.source).toBe('bundled');
    });

    it('diffs a version section by section against the active one', async () => {
      const p = await signIn(s.publisher);
      const active = await publishPolicy(s, tinyPolicy('base'), true);
      const created = await as(p, { method: 'POST', url: '/v1/admin/policies', payload: { content: tinyPolicy('next', true) } });
      const res = (await as(p, { url: `/v1/admin/policies/${created.json().version}/diff` }, null)).json();
      expect(res.against).toBe(active);
      expect(res.sections.map((x: { id: string; status: string }) => `${x.id}:${x.status}`)).toEqual(['introduction:changed', 'contact-us:unchanged', 'cookies:added']);
      expect(res.sections[0].before.en.blocks[0].text).toBe('en intro base');
      expect(res.sections[0].after.en.blocks[0].text).toBe('en intro next');
    });

    it('records a privacy-guide filing and reports no changes against it', async () => {
      const p = await signIn(s.publisher);
      const first = (await as(p, { url: '/v1/admin/privacy-guide' }, null)).json();
      expect(first.items.length).toBeGreaterThan(0);
      // What the app collects itself, from the collection list in force, with how long it is kept.
      const rows = (await s.app.repos.lists.forVersion((await s.app.repos.policies.activeVersion())!, 'collection')).items as { id: string; capability?: string }[];
      expect(first.collected.map((c: { row: string }) => c.row)).toEqual(rows.filter((r) => r.capability === undefined).map((r) => r.id));
      expect(first.owner.noticeMethod.zh).toMatch(/弹窗/);
      expect(first.owner.contact.zh.length).toBeGreaterThan(0);
      expect(first.owner.storePeriod).not.toBeNull();
      const active = (await s.app.repos.policies.activeVersion())!;
      const filed = await as(p, { method: 'POST', url: '/v1/admin/privacy-guide/filings', payload: { policyVersion: active } });
      expect(filed.statusCode).toBe(201);
      const after = (await as(p, { url: '/v1/admin/privacy-guide' }, null)).json();
      expect(after.lastFiling).toMatchObject({ policyVersion: active, filedBy: 'ops:test-publisher' });
      expect(after.changes).toEqual([]);
      expect(await auditActions()).toContain('ops:test-publisher privacy-guide.filed');
    });

    it("gives Douyin's agreement beside WeChat's guide, from the same items, contact and collection list", async () => {
      const v = await signIn(s.viewer);
      const audited = await auditActions();
      const res = await as(v, { url: '/v1/admin/privacy-guide' }, null);
      expect(res.statusCode).toBe(200);
      const guide = res.json();
      // Every field the WeChat part had is still there, as before; Douyin's is one more.
      expect(Object.keys(guide).sort()).toEqual(['changes', 'collected', 'douyin', 'items', 'lastFiling', 'owner']);
      expect(guide.items).toEqual(JSON.parse(JSON.stringify(privacyGuideChecklist(SHOP_PRIVACY))));
      const { douyin } = guide;
      expect(douyin.items.map((i: { infoType: string | null }) => i.infoType)).toEqual(['location', 'clipboard', 'camera', null]);
      // Each purpose is the WeChat item's own: typed once, in the app's description.
      for (const d of douyin.items as { wechatDataTypes: string[]; purposes: unknown[] }[]) {
        const wechat = guide.items.filter((i: { dataType: string }) => d.wechatDataTypes.includes(i.dataType));
        expect(d.purposes).toEqual(wechat.flatMap((i: { purposes: unknown[] }) => i.purposes));
      }
      const camera = douyin.items.find((i: { infoType: string | null }) => i.infoType === 'camera');
      expect(camera).toMatchObject({ label: { zh: '相机', en: 'Camera' }, capabilities: ['camera'], ttApis: ['scope.camera', '<camera>'], features: [{ id: 'warranty-scan' }], note: null });
      const clipboard = douyin.items.find((i: { infoType: string | null }) => i.infoType === 'clipboard');
      expect(clipboard.ttApis).toEqual(['tt.setClipboardData']);
      expect(clipboard.features.map((f: { id: string }) => f.id)).toEqual(['data-export', 'contact-copy']);
      // Bluetooth: Douyin's list has no such type; the item says so and what to check.
      const bluetooth = douyin.items.find((i: { capabilities: string[] }) => i.capabilities.includes('bluetooth'));
      expect(bluetooth).toMatchObject({ infoType: null, ttApis: ['tt.openBluetoothAdapter'], features: [{ id: 'boutique-check-in' }] });
      expect(bluetooth.note.zh).toContain('186679');
      // The collection list in force names the rows each capability's data is on.
      const rows = (await s.app.repos.lists.forVersion((await s.app.repos.policies.activeVersion())!, 'collection')).items as { id: string; capability?: string }[];
      expect(camera.collectionRows).toEqual(rows.filter((r) => r.capability === 'camera').map((r) => r.id));
      // The contact is the one WeChat's collector settings use, with the telephone and e-mail Douyin's form needs.
      expect(douyin.contact.source).toEqual(guide.owner.contact);
      expect(douyin.contact).toMatchObject({ emails: ['customerservice.cn@cartier.com'], mobiles: [], landlines: ['+86 400 885 6618'], gap: null });
      expect(douyin.steps.map((x: { zh: string }) => x.zh).join('')).toContain('确定并生成协议');
      // Reading it records nothing.
      expect(await auditActions()).toEqual(audited);
    });
  });
});

describe('pure helpers', () => {
  it('sectionDiff marks removed sections after the newer ones', () => {
    const d = sectionDiff(tinyPolicy('a', true), tinyPolicy('a'));
    expect(d.map((x) => `${x.id}:${x.status}`)).toEqual(['introduction:unchanged', 'contact-us:unchanged', 'cookies:removed']);
    expect(sectionDiff(null, tinyPolicy('a')).every((x) => x.status === 'added')).toBe(true);
  });

  it('guideChanges reports added, removed and changed data types', () => {
    const now = privacyGuideChecklist(SHOP_PRIVACY);
    const [first, second, ...rest] = now;
    const filed = [{ ...first!, gatedApis: [...first!.gatedApis, 'wx.oldApi'] }, ...rest, { ...second!, dataType: 'gone' as never }];
    const changes = guideChanges(filed, now);
    expect(changes).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ dataType: first!.dataType, change: 'changed', apisRemoved: ['wx.oldApi'] }),
        expect.objectContaining({ dataType: second!.dataType, change: 'added' }),
        expect.objectContaining({ dataType: 'gone', change: 'removed' }),
      ]),
    );
    expect(guideChanges(now, now)).toEqual([]);
    expect(guideChanges(null, now)).toEqual([]);
  });
});
