/**
 * The shop's production Douyin build in the simulated Douyin host: the first-run privacy sheet
 * and Douyin's privacy framework (`usePrivacyCheck`, tt.getPrivacySetting,
 * tt.onNeedPrivacyAuthorization, the agreePrivacyAuthorization button), through the journeys both
 * hosts run (test/weapp/app/first-run-journeys.ts, privacy-framework-journeys.ts; the boutique
 * finder reads tt.getLocation), and what is Douyin's own.
 */
import { firstRunJourneys } from '../../weapp/app/first-run-journeys';
import { privacyFrameworkJourneys } from '../../weapp/app/privacy-framework-journeys';
import { launchTt, type TtHost } from '../harness';

jest.setTimeout(240_000);

firstRunJourneys(() => launchTt());
privacyFrameworkJourneys(() => launchTt(), 'getLocation');

describe('Douyin', () => {
  let host: TtHost | undefined;
  afterEach(() => host?.close());

  test("the build switches Douyin's privacy framework on with Douyin's own app.json key", async () => {
    host = await launchTt();
    expect(host.appJson.usePrivacyCheck).toBe(true);
    expect(host.appJson.__usePrivacyCheck__).toBeUndefined();
  });

  test("the first screen reaches for none of WeChat's system-permission readers, which Douyin lacks", async () => {
    host = await launchTt();
    await host.openPage();
    await host.flush();
    for (const name of ['getAppAuthorizeSetting', 'getSystemSetting', 'openAppAuthorizeSetting', 'getFuzzyLocation']) expect(host.callsTo(name)).toEqual([]);
    expect(host.errors).toEqual([]);
  });
});
