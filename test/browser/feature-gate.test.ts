/**
 * The feature gate of the h5 build in real Chromium, as a shopper meets it: agreeing to the
 * policy from a feature continues that feature, and after "not now" on the location purpose
 * sheet the boutique finder answers every tap with something to act on — the hint with its way
 * to allow, and the city list — while the app starts no pop-up of its own.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import type { RunningServer } from '../../server/src';
import { launchChromium, type LaunchedBrowser } from './chromium';
import { startShop } from './shopServer';

jest.setTimeout(180_000);

const SHOTS = join(__dirname, '..', '..', 'test-output', 'screenshots');
const BEIJING = { latitude: 39.91, longitude: 116.45, accuracy: 2000 };
/** The module's own pause after a refusal (WeChat's 10 s, kept on h5 too). */
const COOLDOWN_MS = 10_000;

let server: RunningServer;
let chromium: LaunchedBrowser | undefined;

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  server = await startShop();
});

afterEach(async () => {
  await chromium?.close();
  chromium = undefined;
});

afterAll(async () => {
  await server?.close();
});

async function phone(locale = 'zh-CN', setup: (context: BrowserContext) => Promise<void> = async () => undefined): Promise<Page> {
  chromium = await launchChromium({ locale, deviceScaleFactor: 2 });
  await setup(chromium.browser);
  return chromium.browser.pages()[0] ?? (await chromium.browser.newPage());
}

/** First run on the boutique finder: the shopper refuses the sheet, and comes back to the feature later. */
async function finderAfterRefusing(page: Page): Promise<void> {
  await page.goto(`${server.url}/#/features/boutiques/index`);
  await page.locator('#privacy-refuse').click();
  await page.locator('#privacy-sheet').waitFor({ state: 'detached' });
  await page.waitForTimeout(COOLDOWN_MS + 500);
}

describe('agreeing from a feature continues it', () => {
  test('location allowed in the browser: tap → policy sheet → agree → the nearest boutiques, no second tap', async () => {
    const page = await phone('zh-CN', async (context) => {
      await context.grantPermissions(['geolocation'], { origin: server.url });
      await context.setGeolocation(BEIJING);
    });
    await finderAfterRefusing(page);
    await page.locator('#boutiques-locate').click();
    await page.locator('#privacy-sheet').waitFor();
    expect(await page.locator('#boutiques-nearby').count()).toBe(0);
    await page.locator('#privacy-agree').click();
    await page.locator('#boutiques-nearby').waitFor();
    expect(await page.locator('#privacy-sheet').count()).toBe(0);
    expect(await page.locator('[id^="nearby-"]').first().getAttribute('id')).toBe('nearby-bj-skp');
  });

  test('location never asked: agreeing from the feature goes straight on to its purpose sheet', async () => {
    const page = await phone();
    await finderAfterRefusing(page);
    await page.locator('#boutiques-locate').click();
    await page.locator('#privacy-agree').click();
    await page.locator('#purpose-sheet').waitFor();
    expect(await page.locator('#purpose-what').innerText()).toContain('大致位置');
    expect(await page.locator('#privacy-sheet').count()).toBe(0);
  });
});

for (const [locale, lang, allow] of [
  ['zh-CN', 'zh', '允许使用位置信息'],
  ['en-US', 'en', 'Allow your location'],
] as const) {
  test(`after 暂不 / not now (${lang}): a second tap gives the hint with a way to allow, and the city list`, async () => {
    const page = await phone(locale);
    await page.goto(`${server.url}/#/pages/index/index`);
    await page.locator('#privacy-agree').click();
    await page.locator('#privacy-sheet').waitFor({ state: 'detached' });
    await page.goto(`${server.url}/#/features/boutiques/index`);
    await page.locator('#boutiques-locate').click();
    await page.locator('#purpose-not-now').click();
    await page.locator('#city-list').waitFor();

    await page.locator('#boutiques-locate').click();
    await page.locator('#hint-location-allow').waitFor();
    // No pop-up the app starts within 48 h of the refusal…
    expect(await page.locator('#purpose-sheet').count()).toBe(0);
    // …but an answer the shopper can act on: a way to allow, and the fallback, which is already on
    // screen (the city list), so the hint does not offer it a second time.
    expect(await page.locator('#hint-location-allow').innerText()).toBe(allow);
    expect(await page.locator('#hint-location-text').innerText()).toContain(allow);
    expect(await page.locator('#city-list').isVisible()).toBe(true);
    expect(await page.locator('#hint-location-fallback').count()).toBe(0);
    expect(await page.locator('#city-list').innerText()).not.toBe('');
    await page.locator('#hint-location').scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(SHOTS, `boutiques-hint-after-not-now-${lang}.png`) });

    // Allowing is the shopper's own request: the purpose sheet, then the browser's prompt.
    await page.locator('#hint-location-allow').click();
    await page.locator('#purpose-sheet').waitFor();
    await page.locator('#purpose-continue').click();
    // Headless Chromium refuses the prompt: now the browser's refusal, with its own hint.
    await page.locator('#hint-location-settings').waitFor();
    expect(await page.locator('#hint-location-allow').count()).toBe(0);
    expect(await page.locator('#city-list').isVisible()).toBe(true);
  });
}
