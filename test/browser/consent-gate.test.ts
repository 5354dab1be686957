/**
 * The h5 build in Chromium against the real backend: the first-run sheet, refusal leaves a
 * browsable shop, agreement is remembered, separate consents change what the app sends.
 */
import type { Page, Request } from 'playwright-core';
import type { RunningServer } from '../../server/src';
import { launchChromium, type LaunchedBrowser } from './chromium';
import { startShop } from './shopServer';

jest.setTimeout(120_000);

let server: RunningServer;
let chromium: LaunchedBrowser;

beforeAll(async () => {
  server = await startShop();
});
afterAll(async () => {
  await server?.close();
});
beforeEach(async () => {
  chromium = await launchChromium();
});
afterEach(async () => {
  await chromium?.close();
});

async function openHome(): Promise<{ page: Page; requests: Request[] }> {
  const page = await chromium.browser.newPage();
  const requests: Request[] = [];
  page.on('request', (r) => {
    if (r.url().includes('/v1/')) requests.push(r);
  });
  await page.goto(`${server.url}/#/pages/index/index`);
  await page.waitForSelector('#catalogue');
  return { page, requests };
}

test('first visit shows the sheet and sends nothing personal; refusing leaves the shop browsable', async () => {
  const { page, requests } = await openHome();
  await page.waitForSelector('#privacy-sheet');
  expect(await page.locator('#privacy-sheet').innerText()).toContain('个人信息保护提示');
  expect(await page.getByRole('dialog').count()).toBe(1);
  expect(requests.filter((r) => !r.url().includes('/v1/policy/'))).toEqual([]);

  await page.locator('#privacy-refuse').click();
  await page.waitForSelector('#privacy-sheet', { state: 'detached' });
  expect(await page.locator('#product-santos').isVisible()).toBe(true);

  // Member features explain why they are unavailable and can reopen the sheet.
  await page.locator('#nav-me').click();
  await page.waitForSelector('#browse-only-hint');
  await page.locator('#reopen-sheet').click();
  await page.waitForSelector('#privacy-sheet');

  // No pop-up loop: a reload after the refusal does not show the sheet by itself.
  await page.goto(`${server.url}/#/pages/index/index`);
  await page.reload();
  await page.waitForSelector('#catalogue');
  await page.waitForTimeout(300);
  expect(await page.locator('#privacy-sheet').count()).toBe(0);
});

test('agreeing is remembered after a reload; no analytics is sent without the tracking consent', async () => {
  const { page, requests } = await openHome();
  await page.waitForSelector('#privacy-sheet');
  await page.locator('#privacy-agree').click();
  await page.waitForSelector('#privacy-sheet', { state: 'detached' });
  await page.reload();
  await page.waitForSelector('#catalogue');
  await page.waitForTimeout(300);
  expect(await page.locator('#privacy-sheet').count()).toBe(0);
  expect(requests.filter((r) => r.url().includes('/v1/shop/analytics'))).toEqual([]);
});

test('personalisation: the recommendation request carries history only after that consent', async () => {
  const { page, requests } = await openHome();
  await page.locator('#privacy-agree').click();
  // Personalisation is a member feature: register as an adult first.
  await page.locator('#nav-me').click();
  await page.locator('#birth-year input').fill('1990');
  await page.locator('#birth-month input').fill('6');
  await page.locator('#register').click();
  await page.waitForSelector('#member-badge');
  await page.goBack();
  await page.waitForSelector('#recommendations');
  await page.locator('#product-santos').click();
  expect(requests.filter((r) => r.url().includes('history='))).toEqual([]);
  expect(await page.locator('#recommendations').getAttribute('data-personalised')).toBe('no');

  await page.locator('#enable-personalisation').click();
  await page.waitForSelector('#consent-sheet');
  expect(await page.locator('#consent-sheet').innerText()).toContain('个性化推荐');
  await page.locator('#consent-agree').click();
  await page.waitForSelector('#recommendations[data-personalised="yes"]');
  const personal = requests.filter((r) => r.url().includes('history='));
  expect(personal.length).toBeGreaterThanOrEqual(1);
  expect(decodeURIComponent(personal[0].url())).toContain('santos');
});

test('age step: under 14 gets no account and nothing is sent; an adult registers', async () => {
  const { page, requests } = await openHome();
  await page.locator('#privacy-agree').click();
  await page.locator('#nav-me').click();
  await page.waitForSelector('#birth-year');
  const thisYear = new Date().getUTCFullYear();
  await page.locator('#birth-year input').fill(String(thisYear - 10));
  await page.locator('#birth-month input').fill('1');
  await page.locator('#register').click();
  await page.waitForSelector('#under14-message');
  expect(requests.filter((r) => r.url().includes('/v1/sessions'))).toEqual([]);
  const stored = await page.evaluate(() => JSON.stringify(localStorage));
  expect(stored).not.toContain(String(thisYear - 10));

  await page.reload();
  await page.waitForSelector('#birth-year');
  await page.locator('#birth-year input').fill('1990');
  await page.locator('#birth-month input').fill('6');
  await page.locator('#register').click();
  await page.waitForSelector('#member-badge');
  expect(requests.filter((r) => r.url().includes('/v1/sessions')).length).toBe(1);
});
