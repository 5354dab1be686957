import { startFakeWechat, type FakeWechat } from '../../test/fakeWechat';
import { TEST_WECHAT } from '../../test/helper';
import { LoginRejectedError, LoginUnavailableError } from '../login/codeExchange';
import { HttpWechatClient } from './WechatClient';

jest.setTimeout(30_000);

describe('HttpWechatClient against hostile answers', () => {
  let fake: FakeWechat;
  let client: HttpWechatClient;
  beforeAll(async () => {
    fake = await startFakeWechat(TEST_WECHAT);
    client = new HttpWechatClient({ apiBase: fake.url, appId: TEST_WECHAT.appId, appSecret: TEST_WECHAT.secret, timeoutMs: 500 });
  });
  afterAll(async () => {
    await fake.close();
  });

  it('signs in on a 2xx answer with an openid, errcode absent or 0 in either type', async () => {
    await expect(client.code2Session('ok:good-user')).resolves.toEqual({ openid: 'good-user' });
    await expect(client.code2Session('errcodezerostring')).resolves.toEqual({ openid: 'zero-string-user' });
  });

  it.each(['http404openid', 'http403openid'])('refuses an openid carried by a non-2xx answer (%s)', async (code) => {
    await expect(client.code2Session(code)).rejects.toBeInstanceOf(LoginUnavailableError);
  });

  it('reads errcode given as a string', async () => {
    await expect(client.code2Session('errcodestring')).rejects.toEqual(new LoginRejectedError('WeChat', 40029));
  });

  it('does not follow redirects', async () => {
    await expect(client.code2Session('redirect')).rejects.toBeInstanceOf(LoginUnavailableError);
    expect(fake.calls).not.toContain('ok:redirected-user');
  });

  it('stops reading past 16 KB', async () => {
    const before = process.memoryUsage().rss;
    await expect(client.code2Session('huge')).rejects.toThrow(/too large/);
    expect(process.memoryUsage().rss - before).toBeLessThan(64 * 1024 * 1024);
  });

  it('bounds the whole exchange, body included, by the timeout', async () => {
    const started = Date.now();
    await expect(client.code2Session('trickle')).rejects.toBeInstanceOf(LoginUnavailableError);
    expect(Date.now() - started).toBeLessThan(1_500);
  });
});
