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

/** Registers as an adult member on the Me page. */
async function joinAsAdult(page: Page): Promise<void> {
  await page.locator('#nav-me').click();
  await page.locator('#birth-year input').fill('1990');
  await page.locator('#birth-month input').fill('6');
  await page.locator('#register').click();
  await page.waitForSelector('#member-badge');
}

/** Product views the server has stored, of every shopper (read from its database, not the page). */
const viewsOnServer = async () => (await server.app.database.db.selectFrom('shop_product_views').select(['user_id', 'product_id']).execute()).length;

/** Opens a product from the catalogue, reads what its sheet says about recording, closes it. */
async function openProduct(page: Page, id: string): Promise<string> {
  await page.locator(`#product-${id}`).click();
  await page.waitForSelector(`#product-sheet[data-product="${id}"]`);
  // Recording (when it happens) ends before the sheet says so.
  await page.waitForTimeout(300);
  const recorded = (await page.locator('#product-sheet-recorded').getAttribute('data-recorded')) ?? '';
  await page.locator('#product-sheet-close').click();
  await page.waitForSelector('#product-sheet', { state: 'detached' });
  return recorded;
}

const recommended = async (page: Page) => page.locator('#recommendations [id^="rec-"]').evaluateAll((els) => els.map((e) => e.id));

test('personalisation: products viewed with the consent shape "Recommended for you"; withdrawn, the generic list and nothing recorded', async () => {
  const { page } = await openHome();
  await page.locator('#privacy-agree').click();
  await joinAsAdult(page);
  await page.goBack();
  await page.waitForSelector('#recommendations');
  expect(await page.locator('#recs-title').innerText()).toBe('热门推荐');
  const generic = await recommended(page);
  expect(generic).toEqual(['rec-tank-must', 'rec-santos', 'rec-love-bracelet']);

  // Without the consent: opening a product records nothing.
  const before = await viewsOnServer();
  expect(await openProduct(page, 'panthere-bag')).toBe('no');
  expect(await viewsOnServer()).toBe(before);

  await page.locator('#enable-personalisation').click();
  await page.waitForSelector('#consent-sheet');
  expect(await page.locator('#consent-sheet').innerText()).toContain('个性化推荐');
  await page.locator('#consent-agree').click();
  await page.waitForSelector('#consent-sheet', { state: 'detached' });
  await page.waitForSelector('#recs-waiting');

  // With it: the view is recorded on the server and the list follows it.
  expect(await openProduct(page, 'love-bracelet')).toBe('yes');
  await page.waitForSelector('#recommendations[data-personalised="yes"]');
  expect(await page.locator('#recs-title').innerText()).toBe('为您推荐');
  expect(await recommended(page)).toEqual(['rec-juste-un-clou', 'rec-tank-must', 'rec-santos']);
  expect(await viewsOnServer()).toBe(before + 1);
  await page.screenshot({ path: 'test-output/screenshots/recommendations-personal-zh.png' });

  // Withdrawn in the privacy centre: the generic list again, the views deleted, and no more recorded.
  await page.locator('#nav-me').click();
  await page.locator('#me-privacy-centre').click();
  await page.waitForSelector('#consent-switch-personalisation');
  await page.locator('#consent-switch-personalisation').click();
  // The withdrawal reaches the server (its own copy of the ledger decides what it records).
  const withdrawnOnServer = async () =>
    (await server.app.database.db.selectFrom('consent_state').select('value').where('purpose', '=', 'personalisation').where('value', '=', 'withdrawn').execute()).length > 0;
  for (let i = 0; i < 50 && !(await withdrawnOnServer()); i += 1) await page.waitForTimeout(100);
  expect(await withdrawnOnServer()).toBe(true);
  await page.goto(`${server.url}/#/pages/index/index`);
  await page.waitForSelector('#recommendations[data-personalised="no"]');
  expect(await page.locator('#recs-title').innerText()).toBe('热门推荐');
  expect(await recommended(page)).toEqual(generic);
  expect(await openProduct(page, 'santos')).toBe('no');
  // The views recorded under the consent were deleted with its withdrawal (PIPL art. 47(3)).
  expect(await viewsOnServer()).toBe(before);
});

test('refusing dealer sharing offers booking in a boutique; booking a dealer asks which dealer and which day', async () => {
  const { page } = await openHome();
  await page.locator('#privacy-agree').click();
  await joinAsAdult(page);

  // Nothing is asked before a dealer and a day are chosen.
  await page.locator('#book-dealer').click();
  await page.waitForSelector('#dealer-booking');
  await page.locator('#dealer-confirm').click();
  expect(await page.locator('#membership-note').innerText()).toBe('请先选择经销商和日期。');
  expect(await page.locator('#consent-sheet').count()).toBe(0);
  await page.locator('#dealer-dealer-beijing-1').click();
  expect(await page.locator('#dealer-dealer-beijing-1').getAttribute('aria-pressed')).toBe('true');
  await page.locator('[id^="dealer-day-"]').nth(1).click();
  await page.screenshot({ path: 'test-output/screenshots/dealer-booking-zh.png' });
  await page.locator('#dealer-confirm').click();
  // The sheet names the dealer chosen.
  await page.waitForSelector('#consent-sheet[data-purpose="dealer-sharing"]');
  expect(await page.locator('#consent-sheet').innerText()).toContain('示例授权经销商（北京）');
  await page.locator('#consent-refuse').click();
  await page.waitForSelector('#consent-sheet', { state: 'detached' });
  expect(await page.locator('#membership-note').innerText()).toContain('您仍可在卡地亚专卖店预约');
  await page.screenshot({ path: 'test-output/screenshots/dealer-refused-zh.png' });
  await page.locator('#boutique-booking').click();
  await page.waitForSelector('#boutiques-intro');
  expect(await page.locator('#boutiques-intro').innerText()).toContain('致电精品店预约');
  await page.locator('#boutiques-choose-city').click();
  await page.locator('#city-beijing').click();
  await page.waitForSelector('#city-boutiques');
  expect(await page.locator('#boutique-bj-skp-phone').getAttribute('href')).toBe('tel:01000000001');

  // Agreed: the appointment is sent for the dealer and day chosen.
  await page.goBack();
  await page.locator('#book-dealer').click();
  await page.locator('#dealer-dealer-shanghai-1').click();
  const day = page.locator('[id^="dealer-day-"]').nth(2);
  const date = ((await day.getAttribute('id')) ?? '').replace('dealer-day-', '');
  await day.click();
  const sent = page.waitForRequest((r) => r.url().includes('/v1/shop/dealer-appointments'));
  await page.locator('#dealer-confirm').click();
  await page.waitForSelector('#consent-sheet[data-purpose="dealer-sharing"]');
  await page.locator('#consent-agree').click();
  expect((await sent).postDataJSON()).toEqual({ dealerId: 'dealer-shanghai-1', date });
  await page.waitForSelector('#membership-note.mb-done');
  expect(await page.locator('#membership-note').innerText()).toContain('已向示例授权经销商（上海）预约');
});

test('age step: under 14 gets no account and nothing is sent, after a reload too; an adult (on another phone) registers', async () => {
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

  // The answer holds on this phone: a reload asks no birth date again.
  await page.reload();
  await page.waitForSelector('#under14-message');
  expect(await page.locator('#birth-year').count()).toBe(0);

  await chromium.close();
  chromium = await launchChromium();
  const adult = await openHome();
  await adult.page.locator('#privacy-agree').click();
  await adult.page.locator('#nav-me').click();
  await adult.page.waitForSelector('#birth-year');
  await adult.page.locator('#birth-year input').fill('1990');
  await adult.page.locator('#birth-month input').fill('6');
  await adult.page.locator('#register').click();
  await adult.page.waitForSelector('#member-badge');
  expect(adult.requests.filter((r) => r.url().includes('/v1/sessions')).length).toBe(1);
  expect([...requests, ...adult.requests].filter((r) => r.url().includes('/v1/sessions')).length).toBe(1);
});
