/**
 * What the separate-consent sheets say in the production weapp build (regulator item 3): the dealer
 * sheet names the dealer picked for the appointment (PIPL art. 23); the cross-border sheet, asked
 * when an international warranty is registered, names the overseas recipient, how to exercise
 * rights against it and no purpose the policy does not state (art. 39).
 */
import { launchWeapp, type WeappHost } from '../harness';
import { agreeAndRegister, asShopper, bookDealer, useBackend } from './shopper';

jest.setTimeout(240_000);

const backend = useBackend();
let host: WeappHost | undefined;

afterEach(() => host?.close());

test('the dealer and cross-border sheets say what arts. 23 and 39 require', async () => {
  host = await launchWeapp(asShopper(backend, 'sheets'));
  const me = await agreeAndRegister(host);

  // The dealer is chosen first (with a day): the sheet names that dealer.
  await bookDealer(host, me, 'dealer-shanghai-1');
  const dealer = me.textOf('consent-sheet');
  expect(dealer).toContain('示例授权经销商（上海）');
  expect(dealer).toContain('021-0000 0000');
  for (const word of ['购买', '保修', '营销偏好', '《个人信息保护法》第二十三条']) expect(dealer).toContain(word);
  // Only the dealer picked is named: not the other one.
  expect(dealer).not.toContain('示例授权经销商（北京）');
  await me.tap('consent-refuse');
  await host.flush();
  // A refusal sends nothing and leads to the alternative: booking at a boutique.
  expect(me.exists('consent-sheet')).toBe(false);
  expect(me.exists('boutique-booking')).toBe(true);

  // The international warranty page asks for the transfer abroad when the card is registered.
  await me.tap('warranty-international');
  await host.flush();
  const warranty = host.currentPage();
  expect(warranty.route).toBe('features/warranty/index');
  expect(warranty.exists('consent-sheet')).toBe(false);
  await warranty.tap('warranty-type-instead');
  await warranty.input('warranty-number', 'CW-2024-000123');
  await warranty.tap('warranty-submit');
  await host.waitFor(() => warranty.exists('consent-sheet'), { what: 'cross-border sheet' });
  const abroad = warranty.textOf('consent-sheet');
  for (const word of ['Richemont International SA', '1293 Bellevue', '+41 (0) 22 721 3500', '行使权利', '处理方式', '《个人信息保护法》第三十九条']) expect(abroad).toContain(word);
  expect(abroad).not.toContain('国际保修');
  await warranty.tap('consent-refuse');
  await host.flush();
  // The refusal's alternative: the card is registered in mainland China only.
  await host.waitFor(() => warranty.exists('warranty-result'), { what: 'warranty registered' });
  expect(warranty.textOf('warranty-result')).toContain('仅在中国大陆境内处理');
  expect(host.errors).toEqual([]);
});
