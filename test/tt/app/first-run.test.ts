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

  test("the sheet links to Douyin's own privacy agreement by Douyin's name for it, and opens it with tt.openPrivacyContract", async () => {
    host = await launchTt();
    const home = await host.openPage();
    await host.flush();
    // Douyin's document is the 《小程序用户隐私保护协议》 filed in its console; 《…隐私保护指引》 is WeChat's:
    // https://developer.open-douyin.com/docs/resource/zh-CN/mini-app/develop/tutorial/security-requirements/privacy-authorize
    const label = home.textOf('sheet-wechat-guide');
    expect(label).toContain('隐私保护协议');
    expect(label).not.toContain('指引');
    await home.tap('sheet-wechat-guide');
    expect(host.callsTo('openPrivacyContract')).toHaveLength(1);
    expect(host.prompts.filter((p) => p.kind === 'privacy-contract')).toHaveLength(1);
  });

  test("the first screen reaches for none of WeChat's system-permission readers, which Douyin lacks", async () => {
    host = await launchTt();
    await host.openPage();
    await host.flush();
    for (const name of ['getAppAuthorizeSetting', 'getSystemSetting', 'openAppAuthorizeSetting', 'getFuzzyLocation']) expect(host.callsTo(name)).toEqual([]);
    expect(host.errors).toEqual([]);
  });
});
