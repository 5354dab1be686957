/**
 * What the separate-consent sheets say in the production weapp build (regulator item 3): the dealer
 * sheet names the dealer picked for the appointment (PIPL art. 23); the cross-border sheet names the
 * overseas recipient, how to exercise rights against it and no purpose the policy does not state (art. 39).
 */
import { launchWeapp, type WeappHost } from '../harness';
import { API, useBackend } from './shopper';

jest.setTimeout(240_000);

const backend = useBackend();
let host: WeappHost | undefined;

afterEach(() => host?.close());

test('the dealer and cross-border sheets say what arts. 23 and 39 require', async () => {
  host = await launchWeapp({ httpRoutes: { [API]: backend.url }, wxOptions: { login: () => 'ok:sheets' } });
  const home = await host.openPage();
  await host.flush();
  await home.tap('privacy-agree');
  await host.flush();
  const me = await host.openPage('pages/me/index');
  await host.flush();
  await me.input('birth-year', '1990');
  await me.input('birth-month', '5');
  await me.tap('register');
  await host.waitFor(() => me.exists('member-badge'), { what: 'signed in' });

  await me.tap('book-dealer');
  await host.waitFor(() => me.exists('consent-sheet'), { what: 'dealer sheet' });
  const dealer = me.textOf('consent-sheet');
  expect(dealer).toContain('示例授权经销商（上海）');
  expect(dealer).toContain('021-0000 0000');
  for (const word of ['购买', '保修', '营销偏好', '《个人信息保护法》第二十三条']) expect(dealer).toContain(word);
  await me.tap('consent-refuse');
  await host.flush();

  await me.tap('warranty-international');
  await host.waitFor(() => me.exists('consent-sheet'), { what: 'cross-border sheet' });
  const abroad = me.textOf('consent-sheet');
  for (const word of ['Richemont International SA', '1293 Bellevue', '+41 (0) 22 721 3500', '行使权利', '处理方式', '《个人信息保护法》第三十九条']) expect(abroad).toContain(word);
  expect(abroad).not.toContain('国际保修');
  await me.tap('consent-refuse');
  await host.flush();
  expect(host.errors).toEqual([]);
});
