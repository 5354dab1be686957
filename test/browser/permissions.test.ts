/**
 * The h5 build in real Chromium: the boutique finder over the browser's geolocation, through the
 * same permission engine and stores as on WeChat. Granted → nearest boutiques; refused at the
 * prompt or blocked by the browser → the city list, with the inline hint.
 */
import type { BrowserContext, Page } from 'playwright-core';
import type { RunningServer } from '../../server/src';
import { launchChromium, type LaunchedBrowser } from './chromium';
import { startShop } from './shopServer';

jest.setTimeout(180_000);

const BEIJING = { latitude: 39.91, longitude: 116.45, accuracy: 2000 };

let server: RunningServer;
let chromium: LaunchedBrowser | undefined;

beforeAll(async () => {
  // The real backend serves the h5 build (the agreement is recorded through it, as in production).
  server = await startShop();
});

afterEach(async () => {
  await chromium?.close();
  chromium = undefined;
});

afterAll(async () => {
  await server?.close();
});

/** A fresh browser profile, its first tab, and whatever the test sets up on the context first. */
async function freshPage(setup: (context: BrowserContext) => Promise<void> = async () => undefined): Promise<Page> {
  chromium = await launchChromium();
  await setup(chromium.browser);
  return chromium.browser.pages()[0] ?? (await chromium.browser.newPage());
}

/** Agrees to the policy on the first-run sheet, then walks Me → Find a boutique. */
async function openFinderAfterAgreeing(page: Page): Promise<void> {
  await page.goto(`${server.url}/#/pages/index/index`);
  await page.locator('#privacy-agree').click();
  await page.locator('#privacy-sheet').waitFor({ state: 'detached' });
  await page.locator('#nav-me').click();
  await page.locator('#me-boutiques').click();
  await page.locator('#boutiques-locate').waitFor();
}

const nearbyIds = (page: Page): Promise<string[]> =>
  page.locator('[id^="nearby-"]').evaluateAll((nodes) => nodes.map((n) => n.id).filter((id) => id !== 'nearby-title' && !id.endsWith('-phone')));

test('geolocation granted: the finder lists the boutiques nearest to the browser position', async () => {
  const page = await freshPage(async (context) => {
    await context.grantPermissions(['geolocation'], { origin: server.url });
    await context.setGeolocation(BEIJING);
  });
  await openFinderAfterAgreeing(page);
  await page.locator('#boutiques-locate').click();
  await page.locator('#boutiques-nearby').waitFor();
  // Already allowed in the browser: no purpose sheet is needed in front of a prompt that never comes.
  expect(await page.locator('#purpose-sheet').count()).toBe(0);
  const ids = await nearbyIds(page);
  expect(ids[0]).toBe('nearby-bj-skp');
  expect(ids).toHaveLength(3);
  expect(await page.locator('#city-list').count()).toBe(0);
  expect(await page.locator('#hint-location').count()).toBe(0);
});

test('geolocation not granted: purpose sheet, the browser refuses, the city list is the fallback', async () => {
  const page = await freshPage();
  await openFinderAfterAgreeing(page);
  await page.locator('#boutiques-locate').click();
  await page.locator('#purpose-sheet').waitFor();
  expect(await page.locator('#purpose-what').innerText()).toContain('大致位置');
  await page.locator('#purpose-continue').click();
  await page.locator('#city-list').waitFor();
  expect(await page.locator('#boutiques-nearby').count()).toBe(0);
  await page.locator('#hint-location').waitFor();
  // Refused at the browser's prompt (PERMISSION_DENIED), not a timeout: the site-settings hint.
  expect(await page.locator('#hint-location-text').innerText()).toContain('浏览器未允许本网站使用位置信息');
  expect(await page.locator('#hint-location-settings').innerText()).toBe('重新检查');
  await page.locator('#city-beijing').click();
  await page.locator('#boutique-bj-skp').waitFor();
  expect(await page.locator('#boutique-sh-plaza66').count()).toBe(0);
});

test('geolocation blocked by the browser: no sheet, the hint and the city list at once', async () => {
  const page = await freshPage();
  // The site's geolocation setting set to "block" before the shop is opened, as a shopper would in
  // the site settings. (Opening the shop first and then going to the same address again is a
  // same-document hash change that can leave two index pages mounted at once.)
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Browser.setPermission', { permission: { name: 'geolocation' }, setting: 'denied', origin: server.url });
  await openFinderAfterAgreeing(page);
  await page.locator('#hint-location').waitFor();
  await page.locator('#boutiques-locate').click();
  await page.locator('#city-list').waitFor();
  expect(await page.locator('#purpose-sheet').count()).toBe(0);
  expect(await page.locator('#boutiques-nearby').count()).toBe(0);
  // The fallback is already on screen (the city list), so the hint does not offer it again.
  expect(await page.locator('#city-list').isVisible()).toBe(true);
  expect(await page.locator('#hint-location-fallback').count()).toBe(0);
});
