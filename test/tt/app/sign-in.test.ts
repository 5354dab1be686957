/**
 * Becoming a member on the production Douyin build: the login code comes from tt.login and the
 * backend exchanges it with (a fake) Douyin. tt.login gives a code only to a user logged in to
 * Douyin; for one who is not, it opens Douyin's login window and fails with "host login fail" when
 * it is cancelled (https://developer.open-douyin.com/docs/resource/zh-CN/mini-app/develop/api/open-interface/log-in/tt-login).
 */
import { asShopper, registerOnMe, useBackend, agreeOnHome } from '../../weapp/app/shopper';
import { launchTt, type TtHost } from '../harness';

jest.setTimeout(240_000);

const backend = useBackend();
let host: TtHost | undefined;
afterEach(() => host?.close());

test('a Douyin user registers: the code from tt.login signs in through Douyin and the member badge shows', async () => {
  host = await launchTt(asShopper(backend, 'tt-sign-in-1', {}, 'tt'));
  await agreeOnHome(host);
  const me = await registerOnMe(host);
  expect(me.exists('member-badge')).toBe(true);
  expect(host.callsTo('login').map((c) => c.status)).toContain('ok');
  expect(host.errors).toEqual([]);
});

test('logged out of Douyin, the shopper cancels Douyin\'s login window: still signed out, and not told of a network problem that did not happen', async () => {
  host = await launchTt(asShopper(backend, 'tt-sign-in-2', { ttOptions: { hostLoggedIn: false, hostLoginAnswer: 'cancel' } }, 'tt'));
  await agreeOnHome(host);
  const me = await host.openPage('pages/me/index');
  await host.flush();
  await me.input('birth-year', '1990');
  await me.input('birth-month', '5');
  await me.tap('register');
  await host.waitFor(() => host!.callsTo('login').length > 0 && host!.callsTo('login').every((c) => c.status !== 'pending'), { what: 'tt.login answered' });
  await host.flush();
  expect(host.callsTo('login').map((c) => (c.result as { errMsg: string }).errMsg)).toEqual(['login:fail host login fail']);
  expect(me.exists('member-badge')).toBe(false);
  expect(me.exists('register')).toBe(true);
  expect(me.allText()).not.toContain('网络异常');
  expect(host.errors).toEqual([]);
});
