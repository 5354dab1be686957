/**
 * The privacy centre on the production Douyin build: Bluetooth has no scope on Douyin, so no
 * settings page (tt.openSetting's AuthSetting has no Bluetooth entry) holds the shopper's grant;
 * the centre itself withdraws it, records the refusal, and the check-in does not open the adapter
 * again until the shopper allows it anew through the purpose sheet.
 */
import { permissionEvents, summary } from '../../weapp/app/permission-journeys';
import { launchTt, type TtHost } from '../harness';

jest.setTimeout(240_000);

let host: TtHost | undefined;
afterEach(() => host?.close());

test('a Bluetooth grant is withdrawn in the centre, recorded, and asked for again (purpose sheet) before the adapter is opened again', async () => {
  host = await launchTt();
  const home = await host.openPage();
  await host.flush();
  await home.tap('privacy-agree');
  await host.flush();
  const checkin = await host.openPage('features/checkin/index');
  await host.flush();
  await checkin.tap('checkin-start');
  await host.flush();
  await checkin.tap('purpose-continue');
  await host.flush();
  expect(checkin.exists('checkin-done')).toBe(true);

  const centre = await host.openPage('privacy-pages/centre/index');
  await host.flush();
  expect(centre.textOf('centre-perm-bluetooth-status')).toBe('已允许');
  expect(centre.textOf('centre-perm-bluetooth-change')).toBe('撤回授权');
  await centre.tap('centre-perm-bluetooth-change');
  await host.flush();
  expect(centre.textOf('centre-perm-bluetooth-status')).toBe('未允许');
  expect(host.callsTo('openSetting')).toEqual([]);
  expect(summary(permissionEvents(host)).slice(-1)).toEqual(['bluetooth:denied:privacy-centre']);

  const again = await host.openPage('features/checkin/index');
  await host.flush();
  await again.tap('checkin-start');
  await host.flush();
  expect(host.callsTo('openBluetoothAdapter')).toHaveLength(1);
  expect(again.exists('checkin-done')).toBe(false);
  expect(again.exists('checkin-code')).toBe(true);
  await again.tap('hint-bluetooth-allow');
  await host.flush();
  expect(again.exists('purpose-sheet')).toBe(true);
  await again.tap('purpose-continue');
  await host.flush();
  expect(host.callsTo('openBluetoothAdapter')).toHaveLength(2);
  expect(again.exists('checkin-done')).toBe(true);
  expect(host.errors).toEqual([]);
});
