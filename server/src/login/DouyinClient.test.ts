import { startFakeDouyin, TEST_DOUYIN, type FakeDouyin } from '../../test/fakeDouyin';
import { LoginRejectedError, LoginUnavailableError } from './codeExchange';
import { HttpDouyinClient } from './DouyinClient';

jest.setTimeout(30_000);

describe('HttpDouyinClient (Douyin code2Session) against the documented contract and hostile answers', () => {
  let fake: FakeDouyin;
  let client: HttpDouyinClient;
  beforeAll(async () => {
    fake = await startFakeDouyin();
    client = new HttpDouyinClient({ apiBase: fake.url, appId: TEST_DOUYIN.appId, appSecret: TEST_DOUYIN.secret, timeoutMs: 500 });
  });
  afterAll(async () => {
    await fake.close();
  });

  it('signs in on a 2xx answer with data.openid, err_no 0 in either type', async () => {
    await expect(client.code2Session('ok:8PB.cW.TabxdbJFs')).resolves.toEqual({ openid: '8PB.cW.TabxdbJFs' });
    await expect(client.code2Session('errnozerostring')).resolves.toEqual({ openid: 'zero-string-user' });
  });

  it('is refused with err_no, as a number or a string', async () => {
    await expect(client.code2Session('invalid')).rejects.toEqual(new LoginRejectedError('Douyin', 40018));
    await expect(client.code2Session('errnostring')).rejects.toEqual(new LoginRejectedError('Douyin', 40018));
  });

  it('sends its own app id and secret (a wrong pair is refused by Douyin)', async () => {
    const wrong = new HttpDouyinClient({ apiBase: fake.url, appId: TEST_DOUYIN.appId, appSecret: 'not-it', timeoutMs: 500 });
    await expect(wrong.code2Session('ok:someone')).rejects.toEqual(new LoginRejectedError('Douyin', 40017));
  });

  it.each(['busy', 'http500', 'http404openid', 'malformed', 'noopenid', 'nodata', 'slow'])('treats %s as Douyin being unavailable', async (code) => {
    await expect(client.code2Session(code)).rejects.toBeInstanceOf(LoginUnavailableError);
  });

  it('does not follow redirects', async () => {
    await expect(client.code2Session('redirect')).rejects.toBeInstanceOf(LoginUnavailableError);
    expect(fake.calls).not.toContain('(redirected)');
  });

  it('stops reading past 16 KB', async () => {
    await expect(client.code2Session('huge')).rejects.toThrow(/too large/);
  });

  it('bounds the whole exchange, body included, by the timeout', async () => {
    const started = Date.now();
    await expect(client.code2Session('trickle')).rejects.toBeInstanceOf(LoginUnavailableError);
    expect(Date.now() - started).toBeLessThan(1_500);
  });
});
