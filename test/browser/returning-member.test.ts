/**
 * A member who signs out comes back with one tap, in the h5 build in Chromium against the real
 * backend: signed in, a request made at the desk; signed out from the privacy centre; "me" offers
 * signing in again (no birth date asked), and the same account returns with its request. Signed
 * out, the cancellation page and the request desk offer that sign-in too, and the cancellation page
 * says before anything is asked how long the cooling-off lasts and what is still kept, with why and
 * for how long. A newcomer's tap makes no account; an "under 14" answer is not undone by it.
 * Screenshots in zh and en; axe and the screen checks find nothing; any console error fails.
 */
import type { Page } from 'playwright-core';
import type { RightsRequest } from '@maison/privacy/contract';
import type { RunningServer } from '../../server/src';
import { AFTER_CANCELLATION } from '../../src/shop/privacy-content/retention';
import { launchChromium, type LaunchedBrowser } from './chromium';
import { look, PHONE } from './look';
import { startShop } from './shopServer';

jest.setTimeout(300_000);

let server: RunningServer;
let chromium: LaunchedBrowser | undefined;

beforeAll(async () => {
  server = await startShop();
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

async function screen(page: Page, name: string): Promise<void> {
  const { problems } = await look(page, name);
  expect(problems).toEqual([]);
}

/** The stored session, or null when signed out. */
async function session(page: Page): Promise<{ token: string; userId: string } | null> {
  const raw = await page.evaluate(() => {
    for (let i = 0; i < localStorage.length; i++) {
      const k = localStorage.key(i)!;
      if (k.endsWith('privacy.session')) return localStorage.getItem(k);
    }
    return null;
  });
  if (!raw) return null;
  const v = JSON.parse(raw) as unknown;
  return (typeof v === 'string' ? JSON.parse(v) : v) as { token: string; userId: string };
}

const users = async () => (await server.app.database.db.selectFrom('users').select('id').execute()).map((u) => u.id);

async function agree(page: Page): Promise<void> {
  await page.goto(`${server.url}/#/pages/index/index`);
  await page.locator('#privacy-agree').click();
  await page.waitForSelector('#privacy-sheet', { state: 'detached' });
}

/** A fresh page stack at `route` (nothing left from an earlier visit). */
async function open(page: Page, route: string): Promise<void> {
  await page.goto(`${server.url}/#/${route}`);
  await page.reload();
}

describe.each([
  ['zh', 'zh-CN'],
  ['en', 'en-US'],
] as const)('a returning member (%s)', (lang, locale) => {
  const zh = lang === 'zh';

  test('signs out, signs in again with one tap to the same account, and finds the request made before; signed out, the cancellation page and the desk offer that sign-in', async () => {
    const page = await phone(locale);
    await agree(page);
    await open(page, 'pages/me/index');
    await page.locator('#birth-year input').fill('1990');
    await page.locator('#birth-month input').fill('5');
    await page.locator('#register').click();
    await page.waitForSelector('#member-badge');
    const first = (await session(page))!;

    // A request at the desk: part of the account.
    await page.locator('#me-privacy-centre').click();
    await page.waitForSelector('#centre');
    await page.locator('#centre-requests').click();
    await page.waitForSelector('#requests-form');
    await page.locator('#requests-type-explanation').click();
    await page.locator('#requests-details textarea').fill(zh ? '请说明如何为我推荐商品。' : 'How do you choose what you recommend to me?');
    await page.locator('#requests-send').click();
    await page.waitForSelector('#requests-receipt');
    const [asked] = (await (await fetch(`${server.url}/v1/me/requests`, { headers: { authorization: `Bearer ${first.token}` } })).json()).requests as RightsRequest[];
    expect(asked).toMatchObject({ type: 'explanation', status: 'received' });

    // Sign out from the privacy centre: the centre offers signing in again.
    await open(page, 'privacy-pages/centre/index');
    await page.locator('#centre-sign-out').click();
    await page.waitForSelector('#centre-note');
    expect(await session(page)).toBeNull();
    await page.locator('#centre-sign-in').waitFor();
    await page.locator('#centre-sign-in').scrollIntoViewIfNeeded();
    await screen(page, `returning-centre-signed-out-${lang}`);

    // "Me" does not ask the birth date again: it offers the account back, one tap.
    await open(page, 'pages/me/index');
    await page.waitForSelector('#returning-member');
    expect(await page.locator('#birth-year').count()).toBe(0);
    await screen(page, `returning-me-${lang}`);
    const before = await users();
    await page.locator('#member-sign-in').click();
    await page.waitForSelector('#member-badge');
    const again = (await session(page))!;
    expect(again.userId).toBe(first.userId);
    expect(again.token).not.toBe(first.token);
    // Nobody was registered anew.
    expect((await users()).sort()).toEqual(before.sort());
    // The same account: its request is there.
    await page.locator('#me-privacy-centre').click();
    await page.waitForSelector('#centre');
    await page.locator('#centre-requests').click();
    await page.waitForSelector(`#request-${asked!.id}`);

    // Signed out again, the cancellation page offers the sign-in (no dead end).
    await open(page, 'privacy-pages/centre/index');
    await page.locator('#centre-sign-out').click();
    await page.waitForSelector('#centre-sign-in');
    await open(page, 'privacy-pages/cancel/index');
    await page.waitForSelector('#cancel-signed-out');
    expect(await page.locator('#cancel-signed-out').innerText()).toContain(zh ? '请先登录' : 'sign in first');
    await screen(page, `returning-cancel-signed-out-${lang}`);
    await page.locator('#cancel-account-sign-in').click();

    // Signed in: before anything is asked, the cooling-off length and what is still kept.
    await page.waitForSelector('#cancel-explanation[data-cooling-off="known"]');
    expect((await session(page))!.userId).toBe(first.userId);
    const explanation = await page.locator('#cancel-explanation').innerText();
    expect(explanation).toContain(zh ? '提交后有 7 天的冷静期' : 'A cooling-off period of 7 days');
    expect(explanation).toContain(zh ? '境外接收方' : 'overseas recipient');
    await screen(page, `returning-cancel-form-${lang}`);
    for (const kept of AFTER_CANCELLATION) {
      const row = page.locator(`#cancel-kept-${kept.id}`);
      const text = await row.innerText();
      expect(text).toContain(kept.category[lang]);
      expect(text).toContain(kept.basis[lang]);
      expect(text).toContain(kept.period[lang]);
    }
    const proofs = await page.locator('#cancel-kept-consent-records').innerText();
    expect(proofs).toContain(zh ? '去标识化，而非匿名化' : 'pseudonymisation, not anonymisation');
    expect(proofs).toContain(zh ? '第七十三条' : 'art. 73');
    await page.locator('#cancel-kept').scrollIntoViewIfNeeded();
    await screen(page, `returning-cancel-kept-${lang}`);
    await page.locator('#cancel-kept-backups').scrollIntoViewIfNeeded();
    await screen(page, `returning-cancel-kept-end-${lang}`);
    // Nothing was asked: no cancellation request exists.
    expect((await fetch(`${server.url}/v1/me/cancellation`, { headers: { authorization: `Bearer ${(await session(page))!.token}` } })).status).toBe(204);

    // The desk, signed out, offers the same sign-in.
    await open(page, 'privacy-pages/centre/index');
    await page.locator('#centre-sign-out').click();
    await page.waitForSelector('#centre-sign-in');
    await open(page, 'privacy-pages/requests/index');
    await page.waitForSelector('#requests-signed-out');
    await screen(page, `returning-requests-signed-out-${lang}`);
    await page.locator('#requests-sign-in').click();
    await page.waitForSelector(`#request-${asked!.id}`);
    expect((await session(page))!.userId).toBe(first.userId);
  });
});

test('a newcomer’s tap on "sign in" makes no account; an "under 14" answer is not undone by it', async () => {
  const page = await phone('zh-CN');
  await agree(page);
  const before = await users();

  // The cancellation page, signed out, on a phone that never had an account.
  await open(page, 'privacy-pages/cancel/index');
  await page.locator('#cancel-account-sign-in').click();
  await page.waitForSelector('#cancel-account-sign-in-note');
  expect(await page.locator('#cancel-account-sign-in-note').innerText()).toContain('没有会员账户');
  expect(await session(page)).toBeNull();
  expect((await users()).sort()).toEqual(before.sort());
  await screen(page, 'returning-cancel-no-account-zh');

  // Under 14 on "me": no sign-in is offered there, nor on the cancellation page, and none happens.
  await open(page, 'pages/me/index');
  await page.locator('#birth-year input').fill(String(new Date().getFullYear() - 10));
  await page.locator('#birth-month input').fill('1');
  await page.locator('#register').click();
  await page.waitForSelector('#under14-message');
  expect(await page.locator('#member-sign-in').count()).toBe(0);
  await page.locator('#me-privacy-centre').click();
  await page.waitForSelector('#centre');
  await page.locator('#centre-cancel-account').click();
  await page.waitForSelector('#cancel-signed-out');
  expect(await page.locator('#cancel-account-sign-in').count()).toBe(0);
  expect(await page.locator('#cancel-account-sign-in-note').innerText()).toContain('不能为您登录会员账户');
  await screen(page, 'returning-cancel-under14-zh');
  expect(await session(page)).toBeNull();
  expect((await users()).sort()).toEqual(before.sort());
});
