import path from 'node:path';
import { ConfigError, loadConfig } from './config';

/** The SMS provider account that sends a guardian's confirmation code. */
const SMS = { SMS_SECRET_ID: 'AKIDtest', SMS_SECRET_KEY: 'k'.repeat(32), SMS_SDK_APP_ID: '1400000000', SMS_SIGN_NAME: 'Shop', SMS_TEMPLATE_ID: '100001' };

/**
 * The least a server outside development needs: WeChat credentials, the overseas receiver's
 * deletion endpoint (the shop asks for the cross-border consent) and an SMS provider (guardians confirm by code).
 */
const WX = { WECHAT_APP_ID: 'wx1', WECHAT_APP_SECRET: 's', OVERSEAS_RECEIVER_URL: 'https://receiver.example/deletions', OVERSEAS_RECEIVER_SECRET: 'r'.repeat(32), ...SMS };

describe('loadConfig', () => {
  it('has the documented defaults', () => {
    const c = loadConfig(WX);
    expect(c).toMatchObject({ host: '127.0.0.1', port: 3000, databaseUrl: null, devLogin: false, coolingOffSeconds: 7 * 24 * 3600, redisUrl: null, staticDir: null });
    expect(c.dataDir).toBe(path.resolve(__dirname, '..', '..', '.data'));
    expect(c.wechat.apiBase).toBe('https://api.weixin.qq.com');
    expect(c.receiverEndpoint).toEqual({ url: 'https://receiver.example/deletions', secret: 'r'.repeat(32), timeoutMs: 10_000, retryMs: 30_000, retryMaxMs: 3_600_000 });
    expect(c.smsGateway).toEqual({
      url: 'https://sms.tencentcloudapi.com/',
      secretId: 'AKIDtest',
      secretKey: 'k'.repeat(32),
      sdkAppId: '1400000000',
      signName: 'Shop',
      templateId: '100001',
      region: 'ap-guangzhou',
      timeoutMs: 5_000,
    });
  });

  it('turns Douyin login on with its own app id and secret, at https://developer.toutiao.com unless DOUYIN_API_BASE says otherwise', () => {
    expect(loadConfig(WX).douyin).toBeNull();
    expect(loadConfig({ ...WX, DOUYIN_APP_ID: 'tt1', DOUYIN_APP_SECRET: 'ts' }).douyin).toEqual({ appId: 'tt1', appSecret: 'ts', apiBase: 'https://developer.toutiao.com', timeoutMs: 5000 });
    expect(loadConfig({ NODE_ENV: 'test', DEV_LOGIN: '1', DOUYIN_APP_ID: 'tt1', DOUYIN_APP_SECRET: 'ts', DOUYIN_API_BASE: 'http://127.0.0.1:9/', DOUYIN_TIMEOUT_MS: '800' }).douyin).toEqual({
      appId: 'tt1',
      appSecret: 'ts',
      apiBase: 'http://127.0.0.1:9',
      timeoutMs: 800,
    });
  });

  it('leaves the SMS provider out in development and tests only', () => {
    expect(loadConfig({ NODE_ENV: 'test', DEV_LOGIN: '1' }).smsGateway).toBeNull();
    expect(loadConfig({ ...WX, NODE_ENV: 'test', SMS_API_URL: 'http://127.0.0.1:9/', SMS_REGION: 'ap-beijing' }).smsGateway).toMatchObject({ url: 'http://127.0.0.1:9/', region: 'ap-beijing' });
  });

  it('reads every setting', () => {
    const c = loadConfig({
      HOST: '::1',
      PORT: '8080',
      NODE_ENV: 'development',
      DATABASE_URL: 'postgres://u@db:5432/x',
      PSEUDONYM_KEY: 'k'.repeat(32),
      DEV_LOGIN: '1',
      WECHAT_APP_ID: 'wx1',
      WECHAT_APP_SECRET: 's',
      WECHAT_API_BASE: 'http://127.0.0.1:9/',
      COOLING_OFF_SECONDS: '5',
      PURGE_INTERVAL_SECONDS: '2',
      REDIS_URL: 'redis://127.0.0.1:6379',
      STATIC_DIR: 'dist/h5',
    });
    expect(c).toMatchObject({ host: '::1', port: 8080, databaseUrl: 'postgres://u@db:5432/x', devLogin: true, coolingOffSeconds: 5, purgeIntervalSeconds: 2, redisUrl: 'redis://127.0.0.1:6379', printFirstOpsToken: false });
    expect(c.wechat).toMatchObject({ appId: 'wx1', appSecret: 's', apiBase: 'http://127.0.0.1:9' });
    expect(c.staticDir).toBe(path.resolve('dist/h5'));
  });

  it("defaults the request deadline to the policy's 15 days with its sentence, and accepts a configured rule with its source", () => {
    expect(loadConfig({ ...WX }).requestDeadline).toEqual({ calendarDays: 15, source: expect.objectContaining({ sectionId: 'contact-us', zh: expect.stringContaining('不超过15天') }) });
    expect(loadConfig({ ...WX, REQUEST_DEADLINE_DAYS: '10', REQUEST_DEADLINE_SOURCE: '10 天内处理' }).requestDeadline).toEqual({ calendarDays: 10, source: { sectionId: 'configured', zh: '10 天内处理', en: '10 天内处理' } });
    // Exactly at the limit: 13 days minus one purge interval leaves the 2-day margin.
    expect(() => loadConfig({ ...WX, COOLING_OFF_SECONDS: String(13 * 86400 - 300), PURGE_INTERVAL_SECONDS: '300' })).not.toThrow();
  });

  it('reads TRUST_PROXY as off, a hop count or a list of proxies', () => {
    expect(loadConfig({ ...WX }).trustProxy).toBe(false);
    expect(loadConfig({ ...WX, TRUST_PROXY: '0' }).trustProxy).toBe(false);
    expect(loadConfig({ ...WX, TRUST_PROXY: '2' }).trustProxy).toBe(2);
    expect(loadConfig({ ...WX, TRUST_PROXY: '10.0.0.1, 10.1.0.0/16,::1,loopback' }).trustProxy).toEqual(['10.0.0.1', '10.1.0.0/16', '::1', 'loopback']);
  });

  it('makes the console cookie Secure by default outside the loopback demo', () => {
    expect(loadConfig({ ...WX, NODE_ENV: 'production', PSEUDONYM_KEY: 'k'.repeat(32) }).consoleCookieSecure).toBe('always');
    expect(loadConfig({ ...WX, NODE_ENV: 'production', HOST: '127.0.0.1', PSEUDONYM_KEY: 'k'.repeat(32) }).consoleCookieSecure).toBe('always');
    expect(loadConfig({ ...WX, NODE_ENV: 'development', HOST: '0.0.0.0' }).consoleCookieSecure).toBe('always');
    expect(loadConfig({ ...WX, NODE_ENV: 'development' }).consoleCookieSecure).toBe('auto');
    expect(loadConfig({ ...WX, NODE_ENV: 'development', CONSOLE_COOKIE_SECURE: '1' }).consoleCookieSecure).toBe('always');
    expect(loadConfig({ ...WX, NODE_ENV: 'development', CONSOLE_COOKIE_SECURE: 'never' }).consoleCookieSecure).toBe('never');
    expect(() => loadConfig({ ...WX, CONSOLE_COOKIE_SECURE: 'sometimes' })).toThrow(/CONSOLE_COOKIE_SECURE/);
  });

  it.each([
    [{ PORT: 'abc' }, /PORT/],
    [{ NODE_ENV: 'Production', DEV_LOGIN: '1' }, /DEV_LOGIN=1 is refused unless NODE_ENV=development/],
    [{ NODE_ENV: 'prod', DEV_LOGIN: '1' }, /DEV_LOGIN=1 is refused unless NODE_ENV=development/],
    [{ NODE_ENV: ' production', DEV_LOGIN: '1' }, /DEV_LOGIN=1 is refused unless NODE_ENV=development/],
    [{ NODE_ENV: 'staging', DEV_LOGIN: '1' }, /DEV_LOGIN=1 is refused unless NODE_ENV=development/],
    [{ DEV_LOGIN: '1' }, /DEV_LOGIN=1 is refused unless NODE_ENV=development/],
    [{ NODE_ENV: 'development', DEV_LOGIN: '1', HOST: '0.0.0.0' }, /loopback/],
    [{ NODE_ENV: 'development' }, /WECHAT_APP_ID/],
    [{ NODE_ENV: 'Production', WECHAT_APP_ID: 'a', WECHAT_APP_SECRET: 'b', WECHAT_API_BASE: 'http://x' }, /https/],
    [{ PORT: '70000' }, /PORT/],
    [{ DEV_LOGIN: 'maybe' }, /DEV_LOGIN/],
    [{ DEV_LOGIN: '1', NODE_ENV: 'production', WECHAT_APP_ID: 'a', WECHAT_APP_SECRET: 'b' }, /DEV_LOGIN=1 is refused unless NODE_ENV=development/],
    [{ NODE_ENV: 'production' }, /WECHAT_APP_ID/],
    [{ DATABASE_URL: 'mysql://x' }, /DATABASE_URL/],
    [{ WECHAT_API_BASE: 'not a url' }, /WECHAT_API_BASE/],
    [{ COOLING_OFF_SECONDS: '-1' }, /COOLING_OFF_SECONDS/],
    [{ REDIS_URL: 'http://x' }, /REDIS_URL/],
    // Cooling-off + purge interval must end well inside the promised 15 days.
    [{ ...WX, COOLING_OFF_SECONDS: String(14 * 86400) }, /exceed the 15-day deadline/],
    [{ ...WX, COOLING_OFF_SECONDS: String(13 * 86400 - 299), PURGE_INTERVAL_SECONDS: '300' }, /exceed the 15-day deadline/],
    [{ ...WX, REQUEST_DEADLINE_DAYS: '10' }, /REQUEST_DEADLINE_SOURCE/],
    [{ ...WX, REQUEST_DEADLINE_DAYS: '6', REQUEST_DEADLINE_SOURCE: 'six days' }, /exceed the 6-day deadline/],
    [{ NODE_ENV: 'production', WECHAT_APP_ID: 'a', WECHAT_APP_SECRET: 'b', WECHAT_API_BASE: 'http://api.weixin.qq.com' }, /https/],
    [{ ...WX, DATABASE_URL: 'postgres://u@db/x' }, /PSEUDONYM_KEY is required/],
    [{ NODE_ENV: 'production', WECHAT_APP_ID: 'a', WECHAT_APP_SECRET: 'b' }, /PSEUDONYM_KEY is required/],
    [{ ...WX, PSEUDONYM_KEY: 'short' }, /PSEUDONYM_KEY must have/],
    // Douyin login, once configured at all, needs its own app id and secret, over TLS in production.
    [{ ...WX, DOUYIN_APP_ID: 'tt1' }, /DOUYIN_APP_ID and DOUYIN_APP_SECRET are both required/],
    [{ ...WX, DOUYIN_APP_SECRET: 'ts' }, /DOUYIN_APP_ID and DOUYIN_APP_SECRET are both required/],
    [{ ...WX, DOUYIN_API_BASE: 'https://developer.toutiao.com' }, /DOUYIN_APP_ID and DOUYIN_APP_SECRET are both required/],
    [{ NODE_ENV: 'test', DEV_LOGIN: '1', DOUYIN_APP_ID: 'tt1' }, /DOUYIN_APP_ID and DOUYIN_APP_SECRET are both required/],
    [{ ...WX, NODE_ENV: 'production', PSEUDONYM_KEY: 'k'.repeat(32), DOUYIN_APP_ID: 'tt1', DOUYIN_APP_SECRET: 'ts', DOUYIN_API_BASE: 'http://developer.toutiao.com' }, /DOUYIN_API_BASE must use https:/],
    [{ ...WX, DOUYIN_APP_ID: 'tt1', DOUYIN_APP_SECRET: 'ts', DOUYIN_API_BASE: 'ftp://x' }, /DOUYIN_API_BASE/],
    [{ ...WX, DOUYIN_APP_ID: 'tt1', DOUYIN_APP_SECRET: 'ts', DOUYIN_TIMEOUT_MS: '10' }, /DOUYIN_TIMEOUT_MS/],
    [{ ...WX, TRUST_PROXY: 'yes please' }, /TRUST_PROXY/],
    [{ ...WX, TRUST_PROXY: '10.0.0.0/99' }, /TRUST_PROXY/],
    [{ ...WX, TRUST_PROXY: '11' }, /TRUST_PROXY/],
    // Outside development the purge must be able to tell the overseas receiver to delete.
    [{ WECHAT_APP_ID: 'a', WECHAT_APP_SECRET: 'b' }, /OVERSEAS_RECEIVER_URL and OVERSEAS_RECEIVER_SECRET are required/],
    [{ ...WX, OVERSEAS_RECEIVER_URL: 'http://receiver.example/deletions' }, /OVERSEAS_RECEIVER_URL must use https:/],
    // Outside development a guardian must be able to receive the confirmation code.
    [{ ...WX, SMS_SECRET_ID: '', SMS_SECRET_KEY: '', SMS_SDK_APP_ID: '', SMS_SIGN_NAME: '', SMS_TEMPLATE_ID: '' }, /SMS_SECRET_ID, .* are required/],
    [{ ...WX, SMS_TEMPLATE_ID: '' }, /SMS_TEMPLATE_ID missing/],
    [{ ...WX, SMS_API_URL: 'http://sms.example/' }, /SMS_API_URL must use https:/],
    [{ ...WX, SMS_API_URL: 'https://u:p@sms.example/' }, /user name or password/],
  ])('refuses %j', (env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(message);
  });
});
