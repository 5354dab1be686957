/**
 * The first-run privacy sheet (regulator items 1, 2, 3 and 5) in a production mini-program build,
 * as both hosts run it (weapp/app/first-run.test.ts, tt/app/first-run.test.ts): the sheet is on
 * screen with no privacy-gated call made, agreeing goes through the platform's
 * agreePrivacyAuthorization button, and either answer is remembered after a restart.
 */
import type { MiniProgramHost } from '../harness';

/** Defines the first-run journeys on the host `launch` starts (call at the top level of a test file). */
export function firstRunJourneys(launch: () => Promise<MiniProgramHost>): void {
  let host: MiniProgramHost | undefined;
  afterEach(() => host?.close());

  test('cold start with empty storage: the sheet is on screen and no gated wx call happened', async () => {
    host = await launch();
    const home = await host.openPage();
    await host.flush();
    expect(home.exists('privacy-sheet')).toBe(true);
    expect(home.textOf('privacy-sheet')).toContain('个人信息保护提示');
    // Links to the full policy and both lists from the sheet itself.
    for (const id of ['sheet-policy', 'sheet-collection', 'sheet-sharing']) expect(home.exists(id)).toBe(true);
    // Agree is the platform's agreePrivacyAuthorization button; refuse has the same weight; nothing pre-ticked.
    expect(home.find('privacy-agree')?.props['open-type']).toBe('agreePrivacyAuthorization');
    expect(home.exists('privacy-refuse')).toBe(true);
    expect(home.findAll((n) => n.tag === 'checkbox' || n.tag === 'switch')).toHaveLength(0);
    expect(host.gatedCalls()).toEqual([]);
    expect(host.callsTo('getPrivacySetting').length).toBe(1);
    expect(host.callsTo('onNeedPrivacyAuthorization').length).toBe(1);
    // The catalogue renders behind the sheet.
    expect(home.exists('product-tank-must')).toBe(true);
    expect(host.errors).toEqual([]);
  });

  test('agreeing through the button event closes the sheet and is remembered after a restart', async () => {
    host = await launch();
    const home = await host.openPage();
    await host.flush();
    await home.tap('privacy-agree');
    await host.flush();
    expect(home.exists('privacy-sheet')).toBe(false);
    expect(host.device.settings.privacyAgreed).toBe(true);
    await host.relaunch();
    const again = await host.openPage();
    await host.flush();
    expect(again.exists('privacy-sheet')).toBe(false);
    expect(host.errors).toEqual([]);
  });

  test('refusing leaves the catalogue usable, shows no pop-up again, and is remembered', async () => {
    host = await launch();
    const home = await host.openPage();
    await host.flush();
    await home.tap('privacy-refuse');
    await host.flush();
    expect(home.exists('privacy-sheet')).toBe(false);
    expect(home.exists('catalogue')).toBe(true);
    expect(host.callsTo('exitMiniProgram')).toEqual([]);
    await host.relaunch();
    const again = await host.openPage();
    await host.flush();
    expect(again.exists('privacy-sheet')).toBe(false);
    expect(again.exists('product-santos')).toBe(true);
    expect(host.gatedCalls()).toEqual([]);
  });
}
