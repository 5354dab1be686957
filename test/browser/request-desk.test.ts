/**
 * The request desk (我的请求) in the h5 build in Chromium against the real backend: a shopper asks
 * for the deletion of two collection-list rows, sees it listed with the deadline the server gave,
 * the server holds it, ops refuse it through the admin API and the shopper reads the reason; another
 * request is withdrawn; signed out, the page offers signing in, and a newcomer the way to membership. Screenshots in zh and
 * en; axe and the screen checks find nothing; any console error fails the test.
 */
import type { Page } from 'playwright-core';
import type { RightsRequest } from '@maison/privacy/contract';
import type { RunningServer } from '../../server/src';
import { launchChromium, type LaunchedBrowser } from './chromium';
import { COLLECTION_LIST } from '../../src/shop/privacy-content/collection-list';
import { look, PHONE } from './look';
import { startShop } from './shopServer';

jest.setTimeout(240_000);

let server: RunningServer;
let chromium: LaunchedBrowser | undefined;
let publisherToken: string;

beforeAll(async () => {
  server = await startShop();
  const inAWeek = new Date(Date.now() + 7 * 24 * 3600 * 1000);
  publisherToken = (await server.app.repos.ops.createToken({ name: 'olga', role: 'publisher', expiresAt: inAWeek, createdBy: 'test' })).token;
});
afterEach(async () => {
  await chromium?.close();
  chromium = undefined;
});
afterAll(async () => {
  await server?.close();
});

async function phone(locale: string): Promise<Page> {
  chromium = await launchChromium({ ...PHONE, locale });
  return chromium.browser.pages()[0] ?? (await chromium.browser.newPage());
}

async function agree(page: Page): Promise<void> {
  await page.goto(`${server.url}/#/pages/index/index`);
  await page.locator('#privacy-agree').click();
  await page.waitForSelector('#privacy-sheet', { state: 'detached' });
}

async function register(page: Page): Promise<void> {
  await page.locator('#birth-year input').fill('1990');
  await page.locator('#birth-month input').fill('5');
  await page.locator('#register').click();
  await page.waitForSelector('#member-badge');
}

/** From "me" through the privacy centre's link to the desk. */
async function openDesk(page: Page): Promise<void> {
  await page.goto(`${server.url}/#/pages/me/index`);
  // A fresh page stack: no desk left from an earlier visit.
  await page.reload();
  await page.locator('#me-privacy-centre').click();
  await page.waitForSelector('#centre');
  await page.locator('#centre-requests').click();
  await page.waitForSelector('#requests-form');
}

async function token(page: Page): Promise<string> {
  const raw = await page.evaluate(() => {
    for (let i = 0; i < localStorage.length; i++) {
      const k = localStorage.key(i)!;
      if (k.endsWith('privacy.session')) return localStorage.getItem(k);
    }
    return null;
  });
  if (!raw) throw new Error('no session stored');
  const v = JSON.parse(raw) as unknown;
  return ((typeof v === 'string' ? JSON.parse(v) : v) as { token: string }).token;
}

async function onServer(shopperToken: string): Promise<RightsRequest[]> {
  const res = await fetch(`${server.url}/v1/me/requests`, { headers: { authorization: `Bearer ${shopperToken}` } });
  expect(res.status).toBe(200);
  return ((await res.json()) as { requests: RightsRequest[] }).requests;
}

async function screen(page: Page, name: string): Promise<void> {
  const { problems } = await look(page, name);
  expect(problems).toEqual([]);
}

test('(zh) a deletion of two rows: received with the server’s deadline, stored on the server, refused by ops with a reason the shopper reads', async () => {
  const page = await phone('zh-CN');
  await agree(page);
  await page.goto(`${server.url}/#/pages/me/index`);
  await register(page);
  await openDesk(page);
  await page.waitForSelector('#requests-none');
  // Before sending: when the answer comes.
  expect(await page.locator('#requests-when').innerText()).toContain('15 天内答复');
  expect(await page.locator('#requests-when').innerText()).toContain('不晚于 15 个工作日');

  await page.locator('#requests-type-deletion').click();
  expect(await page.locator('#requests-type-deletion').getAttribute('aria-pressed')).toBe('true');
  expect(await page.locator('#requests-identity').count()).toBe(1);
  // Nothing chosen: nothing sent, and the page says what is missing.
  await page.locator('#requests-send').click();
  await page.waitForSelector('#requests-form-problem');
  expect(await page.locator('#requests-form-problem').innerText()).toBe('请至少选择一类信息。');
  const shopper = await token(page);
  expect(await onServer(shopper)).toEqual([]);

  await page.locator('#requests-row-orders').click();
  await page.locator('#requests-row-browsing-records').click();
  await page.locator('#requests-details textarea').fill('请删除我的订单与浏览记录。');
  expect(await page.locator('#requests-details-count').innerText()).toBe('13/2000 字');
  await screen(page, 'request-desk-form-zh');
  await page.locator('#requests-send').click();
  await page.waitForSelector('#requests-receipt');

  // The server holds it, with both rows and the shopper's words.
  const [stored] = await onServer(shopper);
  expect(stored).toMatchObject({ type: 'deletion', status: 'received', categories: ['orders', 'browsing-records'], details: '请删除我的订单与浏览记录。' });
  const deadline = new Date(Date.parse(stored!.deadline) + 8 * 3600_000);
  const day = `${deadline.getUTCFullYear()}年${deadline.getUTCMonth() + 1}月${deadline.getUTCDate()}日 23:59（北京时间）`;
  expect(await page.locator('#requests-receipt').innerText()).toContain('已提交');
  expect(await page.locator('#requests-receipt-deadline').innerText()).toBe(`我们将在 ${day} 前答复您。`);
  const item = page.locator(`#request-${stored!.id}`);
  await item.waitFor();
  expect(await item.locator('.rq-item-title').innerText()).toBe('删除 · 已收到');
  // The rows by their names in the collection list, never their ids.
  const rows = await item.locator('.rq-rows').innerText();
  expect(rows).not.toMatch(/orders|browsing-records/);
  const name = (id: string) => COLLECTION_LIST.find((r) => r.id === id)!.category.zh;
  expect(rows).toBe(`涉及的信息：${name('orders')}、${name('browsing-records')}`);
  expect(await item.locator('.rq-deadline').innerText()).toBe(`答复截止：${day}`);
  expect(await item.locator(`#request-${stored!.id}-withdraw`).count()).toBe(1);

  // Ops refuse it, with the reason in both languages.
  const decided = await fetch(`${server.url}/v1/admin/requests/${stored!.id}/decision`, {
    method: 'POST',
    headers: { authorization: `Bearer ${publisherToken}`, 'content-type': 'application/json' },
    body: JSON.stringify({ outcome: 'refused', reason: { zh: '订单记录须依法保存三年，期满后删除。', en: 'Order records must be kept for three years by law, then deleted.' } }),
  });
  expect(decided.status).toBe(200);
  await page.locator('#requests-refresh').click();
  await page.waitForFunction((id) => document.querySelector(`#request-${id}`)?.getAttribute('data-status') === 'refused', stored!.id);
  expect(await item.locator('.rq-item-title').innerText()).toBe('删除 · 已拒绝');
  expect(await item.locator('.rq-reason').innerText()).toBe('理由：订单记录须依法保存三年，期满后删除。');
  expect(await item.locator('.rq-decided').innerText()).toContain('北京时间');
  // Answered: nothing left to withdraw.
  expect(await item.locator(`#request-${stored!.id}-withdraw`).count()).toBe(0);
  await item.scrollIntoViewIfNeeded();
  await screen(page, 'request-desk-refused-zh');
});

test('(en) signed out, the desk offers signing in, and a newcomer the way to membership; signed in, an explanation is asked for and withdrawn', async () => {
  const page = await phone('en-US');
  await agree(page);
  await page.goto(`${server.url}/#/privacy-pages/requests/index`);
  await page.waitForSelector('#requests-signed-out');
  expect(await page.locator('#requests-signed-out').innerText()).toBe('You are not signed in. Sign in to your member account to make or see requests.');
  expect(await page.locator('#requests-sign-in').innerText()).toBe('Sign in to my member account');
  expect(await page.locator('#requests-form').count()).toBe(0);
  await screen(page, 'request-desk-signed-out-en');
  // A newcomer becomes a member on "me", through its age step.
  await page.locator('#requests-join').click();
  await page.waitForSelector('#birth-year');
  await register(page);

  await openDesk(page);
  await page.locator('#requests-type-explanation').click();
  expect(await page.locator('#requests-identity').count()).toBe(0);
  expect(await page.locator('#requests-rows').count()).toBe(0);
  await page.locator('#requests-details textarea').fill('How do you choose the products you recommend to me?');
  await page.locator('#requests-send').click();
  await page.waitForSelector('#requests-receipt');
  expect(await page.locator('#requests-receipt').innerText()).toContain('Sent');
  expect(await page.locator('#requests-receipt-deadline').innerText()).toMatch(/^We will answer you by \d{1,2} [A-Z][a-z]{2} \d{4}, 23:59 China time\.$/);
  const shopper = await token(page);
  const [asked] = await onServer(shopper);
  expect(asked).toMatchObject({ type: 'explanation', status: 'received', categories: [], details: 'How do you choose the products you recommend to me?' });
  const item = page.locator(`#request-${asked!.id}`);
  expect(await item.locator('.rq-item-title').innerText()).toBe('Explanation · Received');
  await screen(page, 'request-desk-sent-en');

  await item.locator(`#request-${asked!.id}-withdraw`).click();
  await page.waitForFunction((id) => document.querySelector(`#request-${id}`)?.getAttribute('data-status') === 'withdrawn', asked!.id);
  expect(await item.locator('.rq-item-title').innerText()).toBe('Explanation · Withdrawn');
  expect(await item.locator('.rq-decided').innerText()).toMatch(/^Withdrawn: .* China time$/);
  expect((await onServer(shopper))[0]).toMatchObject({ id: asked!.id, status: 'withdrawn' });
  await page.locator('#requests-another').click();
  await page.waitForSelector('#requests-form');
  await item.scrollIntoViewIfNeeded();
  await screen(page, 'request-desk-withdrawn-en');
});

/** The signed-in shopper's user id, as the server knows their session. */
async function userOf(shopperToken: string): Promise<string> {
  const found = await server.app.repos.sessions.lookup(shopperToken);
  if (found.kind !== 'user') throw new Error('no live session');
  return found.userId;
}

test('(zh) the shopper corrects the profile the server holds: changed there, and a fulfilled correction at the desk', async () => {
  const page = await phone('zh-CN');
  await agree(page);
  await page.goto(`${server.url}/#/pages/me/index`);
  await register(page);
  await page.locator('#me-privacy-centre').click();
  await page.waitForSelector('#profile-save');
  // The centre says where the details are kept, truly.
  const where = await page.locator('#centre-profile').innerText();
  expect(where).not.toContain('仅保存在本机');
  expect(where).toContain('保存在服务器上');
  const shopper = await token(page);
  const userId = await userOf(shopper);
  const held = () => server.app.database.db.selectFrom('users').select(['nickname', 'phone']).where('id', '=', userId).executeTakeFirstOrThrow();

  // Given the first time: stored on the server, not a correction.
  await page.locator('#profile-nickname input').fill('小王');
  await page.locator('#profile-phone input').fill('13800000000');
  await page.locator('#profile-save').click();
  await page.waitForFunction(() => document.querySelector('#profile-note')?.textContent === '已保存');
  expect(await held()).toEqual({ nickname: '小王', phone: '13800000000' });
  expect(await onServer(shopper)).toEqual([]);

  // A bad number: refused on the phone, nothing sent.
  await page.locator('#profile-phone input').fill('12345');
  await page.locator('#profile-save').click();
  await page.waitForFunction(() => document.querySelector('#profile-note')?.textContent?.includes('11 位'));
  expect(await held()).toEqual({ nickname: '小王', phone: '13800000000' });

  // Changed: corrected on the server at once, and recorded as a fulfilled correction.
  await page.locator('#profile-phone input').fill('13900000000');
  await page.locator('#profile-save').click();
  await page.waitForFunction(() => document.querySelector('#profile-note')?.textContent?.includes('已在服务器上更正'));
  expect(await held()).toEqual({ nickname: '小王', phone: '13900000000' });
  const [correction] = await onServer(shopper);
  expect(correction).toMatchObject({ type: 'correction', status: 'fulfilled', categories: ['registration'] });
  await page.locator('#centre-profile').scrollIntoViewIfNeeded();
  await screen(page, 'centre-profile-corrected-zh');

  await page.locator('#centre-requests').click();
  const item = page.locator(`#request-${correction!.id}`);
  await item.waitFor();
  expect(await item.locator('.rq-item-title').innerText()).toBe('更正 · 已完成');
  expect(await item.locator(`#request-${correction!.id}-withdraw`).count()).toBe(0);
  await item.scrollIntoViewIfNeeded();
  await screen(page, 'request-desk-correction-zh');

  // Opened again, the centre shows what the server holds.
  await page.goto(`${server.url}/#/pages/me/index`);
  await page.reload();
  await page.locator('#me-privacy-centre').click();
  await page.waitForSelector('#profile-phone');
  await page.waitForFunction(() => (document.querySelector('#profile-phone input') as HTMLInputElement | null)?.value === '13900000000');
});

test('(en) turning personalisation off deletes the product views it allowed: a fulfilled deletion at the desk', async () => {
  const page = await phone('en-US');
  await agree(page);
  await page.goto(`${server.url}/#/pages/me/index`);
  await register(page);
  const shopper = await token(page);
  const userId = await userOf(shopper);
  const views = async () => (await server.app.database.db.selectFrom('shop_product_views').select('id').where('user_id', '=', userId).execute()).length;

  await page.goto(`${server.url}/#/pages/index/index`);
  await page.locator('#enable-personalisation').click();
  await page.waitForSelector('#consent-sheet');
  await page.locator('#consent-agree').click();
  await page.waitForSelector('#consent-sheet', { state: 'detached' });
  await page.locator('#product-love-bracelet').click();
  await page.waitForSelector('#product-sheet[data-product="love-bracelet"]');
  for (let i = 0; i < 50 && (await views()) === 0; i += 1) await page.waitForTimeout(100);
  expect(await views()).toBe(1);
  await page.locator('#product-sheet-close').click();
  await page.waitForSelector('#product-sheet', { state: 'detached' });

  await page.goto(`${server.url}/#/pages/me/index`);
  await page.locator('#me-privacy-centre').click();
  await page.waitForSelector('#consent-switch-personalisation');
  await page.locator('#consent-switch-personalisation').click();
  const deletion = async () => (await onServer(shopper)).find((r) => r.type === 'deletion');
  for (let i = 0; i < 50 && !(await deletion()); i += 1) await page.waitForTimeout(100);
  expect(await deletion()).toMatchObject({ status: 'fulfilled', categories: ['personalisation', 'browsing-records'] });
  expect(await views()).toBe(0);

  await page.locator('#centre-requests').click();
  const { id } = (await deletion())!;
  const item = page.locator(`#request-${id}`);
  await item.waitFor();
  expect(await item.locator('.rq-item-title').innerText()).toBe('Deletion · Done');
  const name = (rowId: string) => COLLECTION_LIST.find((r) => r.id === rowId)!.category.en;
  expect(await item.locator('.rq-rows').innerText()).toBe(`About: ${name('personalisation')}, ${name('browsing-records')}`);
  await item.scrollIntoViewIfNeeded();
  await screen(page, 'request-desk-deletion-en');
});
