/**
 * The platform's privacy framework through a production mini-program build, as both hosts run it
 * (weapp/app/wechat-privacy.test.ts, tt/app/first-run.test.ts): one listener, held calls queued
 * with their referrer, exposure reported, and each held call released only by the agree button's
 * own event with its buttonId; a refusal fails held calls (WeChat errno 104, or the documented
 * "privacy permission is not authorized") and leaves browsing.
 */
import type { MiniProgramHost } from '../harness';

/**
 * Defines the privacy-framework journeys on the host `launch` starts; `locationRead` is the API that
 * reads the boutique finder's location on that platform (call at the top level of a test file).
 */
export function privacyFrameworkJourneys(launch: () => Promise<MiniProgramHost>, locationRead: string): void {
  let host: MiniProgramHost | undefined;
  afterEach(() => host?.close());

  /** The shop's ledger says "accepted" but WeChat's own record was cleared (e.g. removed from "recent"). */
  async function agreedInModuleOnly(): Promise<MiniProgramHost> {
    host = await launch();
    const home = await host.openPage();
    await host.flush();
    await home.tap('privacy-agree');
    await host.flush();
    host.device.settings.privacyAgreed = false;
    await host.relaunch();
    return host;
  }

  test('a gated call from a feature is held, queued with its referrer, and released by the agree button with its id', async () => {
    const h = await agreedInModuleOnly();
    const home = await h.openPage();
    await h.flush();
    // The platform still wants its agreement: the sheet is shown again at launch.
    expect(home.exists('privacy-sheet')).toBe(true);
    expect(h.callsTo('onNeedPrivacyAuthorization')).toHaveLength(1);

    const page = await h.openPage('features/boutiques/index');
    await h.flush();
    await page.tap('boutiques-locate');
    await h.flush();
    // The purpose sheet for location comes first; continuing reaches the platform's framework.
    if (page.exists('purpose-continue')) {
      await page.tap('purpose-continue');
      await h.flush();
    }
    const needs = h.privacyLog.filter((e) => e.type === 'need-authorization');
    expect(needs.length).toBeGreaterThanOrEqual(1);
    expect(h.privacyLog.some((e) => e.type === 'resolve' && e.event === 'exposureAuthorization')).toBe(true);
    expect(page.exists('privacy-sheet')).toBe(true);
    expect(h.heldCalls().length + h.callsTo('requirePrivacyAuthorize').filter((c) => c.status === 'held').length).toBeGreaterThanOrEqual(1);

    await page.tap('privacy-agree');
    await h.flush();
    const agreed = h.privacyLog.filter((e) => e.type === 'resolve' && e.event === 'agree');
    expect(agreed.length).toBe(needs.length);
    expect(agreed.every((e) => e.buttonId === 'privacy-agree')).toBe(true);
    expect(h.privacyLog.some((e) => e.type === 'rejected-agree')).toBe(false);
    expect(h.heldCalls()).toEqual([]);
    expect(page.exists('privacy-sheet')).toBe(false);
    expect(h.errors).toEqual([]);
  });

  test('refusing releases held calls as failures (errno 104) and the shop keeps working', async () => {
    const h = await agreedInModuleOnly();
    await h.openPage();
    await h.flush();
    const page = await h.openPage('features/boutiques/index');
    await h.flush();
    await page.tap('boutiques-locate');
    await h.flush();
    if (page.exists('purpose-continue')) {
      await page.tap('purpose-continue');
      await h.flush();
    }
    expect(h.privacyLog.some((e) => e.type === 'need-authorization')).toBe(true);
    await page.tap('privacy-refuse');
    await h.flush();
    expect(h.privacyLog.some((e) => e.type === 'resolve' && e.event === 'disagree')).toBe(true);
    expect(h.heldCalls()).toEqual([]);
    const failed = h.wxCalls.filter((c) => (c.privacyGated || c.name === 'requirePrivacyAuthorize') && c.status === 'fail');
    expect(failed.length).toBeGreaterThanOrEqual(1);
    expect(JSON.stringify(failed[0].result)).toMatch(/104|privacy permission is not authorized/);
    // No location was read, the page offers its fallback, nothing crashed.
    expect(h.callsTo(locationRead).filter((c) => c.status === 'ok')).toEqual([]);
    expect(page.exists('boutiques-choose-city')).toBe(true);
    expect(h.errors).toEqual([]);
  });
}
