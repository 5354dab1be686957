import { startFakeDouyin, TEST_DOUYIN, type FakeDouyin } from '../../test/fakeDouyin';
import { bearer, build, errorCode, tableChecksums, testTargets, type TestServer } from '../../test/helper';

jest.setTimeout(120_000);

describe.each(testTargets())('Douyin login (POST /v1/sessions, platform tt) on $name', (target) => {
  let s: TestServer;
  let douyin: FakeDouyin;
  beforeAll(async () => {
    douyin = await startFakeDouyin();
    s = await build(target, { DOUYIN_API_BASE: douyin.url, DOUYIN_APP_ID: TEST_DOUYIN.appId, DOUYIN_APP_SECRET: TEST_DOUYIN.secret, DOUYIN_TIMEOUT_MS: '500' });
  });
  afterAll(async () => {
    await s?.close();
    await douyin?.close();
  });

  const login = (payload: Record<string, unknown>) => s.app.inject({ method: 'POST', url: '/v1/sessions', payload });
  const platformOf = async (userId: string) => (await s.db.selectFrom('users').select('platform').where('id', '=', userId).executeTakeFirstOrThrow()).platform;
  const sessionPlatforms = async (userId: string) => (await s.db.selectFrom('sessions').select('platform').where('user_id', '=', userId).execute()).map((r) => r.platform);

  it('exchanges a tt.login code through Douyin, and keeps the platform on the account and the session', async () => {
    const wechatCalls = s.wechat.calls.length;
    const a = await login({ code: 'ok:dy-openid-1', platform: 'tt' });
    expect(a.statusCode).toBe(201);
    expect(douyin.calls).toContain('ok:dy-openid-1');
    expect(s.wechat.calls.length).toBe(wechatCalls);
    const again = await login({ code: 'ok:dy-openid-1', platform: 'tt' });
    expect(again.json().userId).toBe(a.json().userId);
    expect(await platformOf(a.json().userId)).toBe('tt');
    expect(await sessionPlatforms(a.json().userId)).toEqual(['tt', 'tt']);
    expect((await s.app.inject({ url: '/v1/me/consents', headers: bearer(a.json().token) })).statusCode).toBe(200);
  });

  it('leaves a body without platform on WeChat, as every existing client sends it', async () => {
    const douyinCalls = douyin.calls.length;
    const a = await login({ code: 'ok:wx-default' });
    expect(a.statusCode).toBe(201);
    expect(s.wechat.calls).toContain('ok:wx-default');
    expect(douyin.calls.length).toBe(douyinCalls);
    expect(await platformOf(a.json().userId)).toBe('weapp');
    expect(await sessionPlatforms(a.json().userId)).toEqual(['weapp']);
  });

  it('makes two accounts of the same openid on WeChat and on Douyin', async () => {
    const wx = await login({ code: 'ok:same-openid', platform: 'weapp' });
    const tt = await login({ code: 'ok:same-openid', platform: 'tt' });
    expect(wx.statusCode).toBe(201);
    expect(tt.statusCode).toBe(201);
    expect(tt.json().userId).not.toBe(wx.json().userId);
    const subjects = await s.db.selectFrom('users').select('subject_hash').where('id', 'in', [wx.json().userId, tt.json().userId]).execute();
    expect(new Set(subjects.map((r) => r.subject_hash)).size).toBe(2);
  });

  it('keeps dev login for both platforms, one account per platform', async () => {
    const wx = await login({ code: 'dev:dy-alice' });
    const tt = await login({ code: 'dev:dy-alice', platform: 'tt' });
    expect(tt.statusCode).toBe(201);
    expect(tt.json().userId).not.toBe(wx.json().userId);
    expect((await login({ code: 'dev:dy-alice', platform: 'tt' })).json().userId).toBe(tt.json().userId);
    expect((await login({ code: 'dev:dy-alice', platform: 'weapp' })).json().userId).toBe(wx.json().userId);
    expect(await platformOf(tt.json().userId)).toBe('tt');
  });

  it.each([
    ['invalid', 400, 'LOGIN_FAILED'],
    ['errnostring', 400, 'LOGIN_FAILED'],
    ['busy', 503, 'LOGIN_UNAVAILABLE'],
    ['http500', 503, 'LOGIN_UNAVAILABLE'],
    ['http404openid', 503, 'LOGIN_UNAVAILABLE'],
    ['redirect', 503, 'LOGIN_UNAVAILABLE'],
    ['huge', 503, 'LOGIN_UNAVAILABLE'],
    ['trickle', 503, 'LOGIN_UNAVAILABLE'],
    ['malformed', 503, 'LOGIN_UNAVAILABLE'],
    ['noopenid', 503, 'LOGIN_UNAVAILABLE'],
  ])('Douyin answering %s → %i %s, and no account is made', async (code, status, errCode) => {
    const before = await tableChecksums(s.db);
    const res = await login({ code, platform: 'tt' });
    expect(res.statusCode).toBe(status);
    expect(errorCode(res)).toBe(errCode);
    if (status === 503) expect(res.json().error.message).toMatch(/Douyin/);
    expect(await tableChecksums(s.db)).toEqual(before);
  });

  it('keeps WECHAT_UNAVAILABLE for a WeChat outage, and answers LOGIN_UNAVAILABLE for a Douyin one, re-authentication included', async () => {
    const wx = await login({ code: 'busy', platform: 'weapp' });
    expect(wx.statusCode).toBe(503);
    expect(errorCode(wx)).toBe('WECHAT_UNAVAILABLE');
    // The same body without platform (every existing client) is WeChat's, with WeChat's code.
    expect(errorCode(await login({ code: 'busy' }))).toBe('WECHAT_UNAVAILABLE');
    const me = await login({ code: 'ok:dy-outage', platform: 'tt' });
    const before = await tableChecksums(s.db);
    const cancel = await s.app.inject({ method: 'POST', url: '/v1/me/cancellation', headers: { ...bearer(me.json().token), 'idempotency-key': 'dy-outage-key-1' }, payload: { confirm: true, code: 'busy' } });
    expect(cancel.statusCode).toBe(503);
    expect(errorCode(cancel)).toBe('LOGIN_UNAVAILABLE');
    expect(await tableChecksums(s.db)).toEqual(before);
  });

  it("exports a Douyin account as Douyin's: platform tt and douyinIdHash, no wechatIdHash, every indexed part present", async () => {
    const tt = await login({ code: 'ok:dy-export', platform: 'tt' });
    const wx = await login({ code: 'ok:dy-export', platform: 'weapp' });
    const exportOf = async (token: string) => {
      const res = await s.app.inject({ url: '/v1/me/export', headers: bearer(token) });
      expect(res.statusCode).toBe(200);
      return res.json();
    };
    const douyinExport = await exportOf(tt.json().token);
    expect(douyinExport.profile.platform).toBe('tt');
    expect(douyinExport.profile.douyinIdHash).toEqual(expect.stringMatching(/^[0-9a-f]{64}$/));
    expect(douyinExport.profile).not.toHaveProperty('wechatIdHash');
    const wechatExport = await exportOf(wx.json().token);
    expect(wechatExport.profile.platform).toBe('weapp');
    expect(wechatExport.profile.wechatIdHash).toEqual(expect.stringMatching(/^[0-9a-f]{64}$/));
    expect(wechatExport.profile).not.toHaveProperty('douyinIdHash');
    expect(wechatExport.profile.wechatIdHash).not.toBe(douyinExport.profile.douyinIdHash);
    // The index points at the hash each file really holds.
    const partsOf = (data: { rows: { held: { id: string; parts: string[] }[] } }) => data.rows.held.find((r) => r.id === 'wechat-identifiers')?.parts;
    expect(partsOf(douyinExport)).toEqual(expect.arrayContaining(['/profile/platform', '/profile/douyinIdHash']));
    expect(partsOf(douyinExport)).not.toContain('/profile/wechatIdHash');
    expect(partsOf(wechatExport)).toEqual(expect.arrayContaining(['/profile/platform', '/profile/wechatIdHash']));
    for (const data of [douyinExport, wechatExport]) {
      const at = (pointer: string) => pointer.split('/').slice(1).reduce((o: Record<string, unknown> | undefined, k) => (o as Record<string, unknown> | undefined)?.[k] as never, data);
      for (const r of data.rows.held as { parts: string[] }[]) for (const part of r.parts) expect({ part, present: at(part) !== undefined }).toEqual({ part, present: true });
      expect(data.rows.notOnList).not.toContain('/profile/wechatIdHash');
    }
  });

  it.each([['alipay'], ['TT'], [''], [1], [null]])('refuses platform %p with 400, changing nothing', async (platform) => {
    const before = await tableChecksums(s.db);
    const calls = douyin.calls.length + s.wechat.calls.length;
    const res = await login({ code: 'ok:bad-platform', platform });
    expect(res.statusCode).toBe(400);
    expect(errorCode(res)).toBe('BAD_REQUEST');
    expect(douyin.calls.length + s.wechat.calls.length).toBe(calls);
    expect(await tableChecksums(s.db)).toEqual(before);
  });

  it('re-authenticates a Douyin account with a Douyin code of the same user (403 for another)', async () => {
    const me = await login({ code: 'ok:dy-reauth', platform: 'tt' });
    const headers = { ...bearer(me.json().token), 'idempotency-key': 'dy-reauth-key-1' };
    const other = await s.app.inject({ method: 'POST', url: '/v1/me/cancellation', headers, payload: { confirm: true, code: 'ok:dy-someone-else' } });
    expect(other.statusCode).toBe(403);
    const mine = await s.app.inject({ method: 'POST', url: '/v1/me/cancellation', headers: { ...headers, 'idempotency-key': 'dy-reauth-key-2' }, payload: { confirm: true, code: 'ok:dy-reauth' } });
    expect(mine.statusCode).toBe(202);
    const back = await s.app.inject({ method: 'POST', url: '/v1/me/cancellation/withdrawal', headers: bearer(me.json().token), payload: { code: 'ok:dy-reauth' } });
    expect(back.statusCode).toBe(200);
  });

  it('refuses a Douyin code when Douyin login is not configured, without asking anyone; dev codes still work', async () => {
    const off = await s.another({ DOUYIN_API_BASE: '', DOUYIN_APP_ID: '', DOUYIN_APP_SECRET: '' });
    const calls = douyin.calls.length + s.wechat.calls.length;
    const res = await off.inject({ method: 'POST', url: '/v1/sessions', payload: { code: 'ok:dy-openid-1', platform: 'tt' } });
    expect(res.statusCode).toBe(400);
    expect(errorCode(res)).toBe('LOGIN_FAILED');
    expect(res.json().error.message).toMatch(/Douyin login is not enabled/);
    expect(douyin.calls.length + s.wechat.calls.length).toBe(calls);
    expect((await off.inject({ method: 'POST', url: '/v1/sessions', payload: { code: 'dev:dy-alice', platform: 'tt' } })).statusCode).toBe(201);
  });
});
