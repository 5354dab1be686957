/**
 * The h5 build in real Chromium: the policy is reachable from the first-run sheet, shows version
 * and date, every paragraph of both languages, and sensitive terms bold and underlined.
 */
import type { Page } from 'playwright-core';
import type { RunningServer } from '../../server/src';
import { seedHalves } from '../../scripts/policy-import/seedText';
import { launchChromium, type LaunchedBrowser } from './chromium';
import { startShop } from './shopServer';

jest.setTimeout(180_000);

let server: RunningServer;
let chromium: LaunchedBrowser;
let page: Page;

beforeAll(async () => {
  server = await startShop();
  chromium = await launchChromium();
  page = await chromium.browser.newPage();
});

afterAll(async () => {
  await chromium?.close();
  await server?.close();
});

const withoutWhitespace = (s: string) => s.replace(/\s+/g, '');
const withoutBullets = (half: string) => half.split('\n').map((l) => l.replace(/^\s*•/, '')).join('\n');
/** The seed's only square brackets are the draft's (around the Wi-Fi clause), which shoppers never read. */
const withoutDraftingBrackets = (half: string) => half.replace(/[[\]]/g, '');

async function readToEnd(): Promise<void> {
  // Scrolling near the end also reveals more, so the button may vanish between lookups: click it in the page.
  for (let i = 0; i < 60 && (await page.locator('#policy-more').count()) > 0; i++) {
    await page.evaluate(() => (document.querySelector('#policy-more') as HTMLElement | null)?.click());
    await page.waitForTimeout(50);
  }
  expect(await page.locator('#policy-more').count()).toBe(0);
}

async function renderedText(): Promise<string> {
  const header = [];
  for (const id of ['#policy-overline', '#policy-title', '#policy-updated']) {
    if ((await page.locator(id).count()) > 0) header.push(await page.locator(id).innerText());
  }
  return withoutWhitespace(header.join('') + (await page.locator('#policy-sections').innerText()));
}

test('the policy opens from the first-run sheet with version and date', async () => {
  await page.goto(`${server.url}/#/pages/index/index`);
  await page.waitForSelector('#privacy-sheet');
  await page.locator('#sheet-policy').click();
  await page.waitForSelector('#policy-title');
  expect(await page.locator('#policy-title').innerText()).toBe('隐私政策');
  expect(await page.locator('#policy-version').innerText()).toContain('1');
  expect(await page.locator('#policy-updated').innerText()).toContain('2023');
});

test('every paragraph of the Chinese text, then of the English text after switching', async () => {
  await readToEnd();
  expect(await renderedText()).toBe(withoutWhitespace(withoutDraftingBrackets(withoutBullets(seedHalves().zh))));
  await page.locator('#policy-lang').click();
  await page.waitForFunction(() => document.querySelector('#policy-title')?.textContent === 'Privacy Policy');
  await readToEnd();
  expect(await renderedText()).toBe(withoutWhitespace(withoutDraftingBrackets(withoutBullets(seedHalves().en))));
});

test('sensitive terms are bold and underlined', async () => {
  const styles = await page.locator('.pv-s').evaluateAll((nodes) =>
    nodes.map((n) => {
      const s = getComputedStyle(n);
      return { weight: Number(s.fontWeight), underline: s.textDecorationLine.includes('underline') };
    }),
  );
  expect(styles.length).toBeGreaterThan(5);
  for (const s of styles) expect(s).toEqual({ weight: 700, underline: true });
});

test('a jump from the table of contents brings the last section into view', async () => {
  await page.locator('#policy-lang').click();
  await page.waitForFunction(() => document.querySelector('#policy-title')?.textContent === '隐私政策');
  await page.locator('#toc-contact-us').click();
  await page.waitForSelector('#sec-contact-us');
  // The jump scrolls once the section is rendered: wait for it to come into view.
  await page
    .waitForFunction(() => {
      const top = document.getElementById('sec-contact-us')?.getBoundingClientRect().top ?? Infinity;
      return top >= 0 && top < window.innerHeight;
    }, undefined, { timeout: 5_000 })
    .catch(() => undefined);
  await expect(page.locator('#sec-contact-us').isVisible()).resolves.toBe(true);
  // The last section cannot scroll to the very top: it must simply be on screen.
  const { top, height } = await page.locator('#sec-contact-us').evaluate((n) => ({ top: n.getBoundingClientRect().top, height: window.innerHeight }));
  expect(top).toBeGreaterThanOrEqual(0);
  expect(top).toBeLessThan(height);
});
