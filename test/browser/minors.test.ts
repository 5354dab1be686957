/**
 * The minors' rules in the h5 build in Chromium against the real backend, whose SMS provider is a
 * fake Tencent Cloud SMS on loopback (it checks each request's TC3 signature): a 15-year-old becomes
 * a member only once the code sent to the guardian's number is typed (a wrong code makes nothing),
 * with the shop's customer service shown to guardians; an "under 14" answer survives a reload,
 * keeps no birth date, and says what is kept, for how long, and whom to contact. Screenshots in zh
 * and en; axe and the screen checks find nothing; any console error fails.
 */
import type { Page, Request } from 'playwright-core';
import type { RunningServer } from '../../server/src';
import { startFakeSms, type FakeSms } from '../../server/test/fakeSms';
import { launchChromium, type LaunchedBrowser } from './chromium';
import { look, PHONE } from './look';
import { startShop } from './shopServer';

jest.setTimeout(300_000);

let server: RunningServer;
let sms: FakeSms;
let chromium: LaunchedBrowser | undefined;

beforeAll(async () => {
  sms = await startFakeSms();
  server = await startShop({ env: sms.env() });
});
afterEach(async () => {
  await chromium?.close();
  chromium = undefined;
});
afterAll(async () => {
  await server?.close();
  await sms?.close();
});

async function phone(locale: string): Promise<{ page: Page; requests: Request[] }> {
  // The wrong code the test types is answered 400 GUARDIAN_CODE_WRONG, which the browser logs: only that one is expected.
  chromium = await launchChromium({ ...PHONE, locale }, [], { allowConsoleErrors: [/status of 400 .*\/v1\/guardian-codes\/[0-9a-f-]{36}\/verification$/] });
  const page = chromium.browser.pages()[0] ?? (await chromium.browser.newPage());
  const requests: Request[] = [];
  page.on('request', (r) => {
    if (r.url().includes('/v1/')) requests.push(r);
  });
  await page.goto(`${server.url}/#/pages/index/index`);
  await page.locator('#privacy-agree').click();
  await page.waitForSelector('#privacy-sheet', { state: 'detached' });
  await page.locator('#nav-me').click();
  await page.waitForSelector('#birth-year');
  return { page, requests };
}

async function screen(page: Page, name: string): Promise<void> {
  const { problems } = await look(page, name);
  expect(problems).toEqual([]);
}

async function answerBirth(page: Page, yearsAgo: number): Promise<void> {
  await page.locator('#birth-year input').fill(String(new Date().getFullYear() - yearsAgo));
  await page.locator('#birth-month input').fill('1');
  await page.locator('#register').click();
}

const users = async () => (await server.app.database.db.selectFrom('users').select('id').execute()).map((u) => u.id);
const sessionCalls = (requests: Request[]) => requests.filter((r) => new URL(r.url()).pathname === '/v1/sessions');

describe.each([
  ['zh', 'zh-CN', '13912340001'],
  ['en', 'en-US', '13912340002'],
] as const)('the minors’ rules (%s)', (lang, locale, guardianPhone) => {
  const zh = lang === 'zh';

  test('a 15-year-old becomes a member only once the code sent to the guardian is typed', async () => {
    const { page, requests } = await phone(locale);
    const before = await users();
    await answerBirth(page, 15);
    await page.waitForSelector('#guardian-step');
    // The guardian's step names the shop's customer service, from the policy's "Contact us".
    expect(await page.locator('#guardian-contact-phone').innerText()).toBe('+86 400 885 6618');
    expect(await page.locator('#guardian-contact-email').innerText()).toBe('customerservice.cn@cartier.com');
    expect(await page.locator('#guardian-contact-phone').getAttribute('href')).toBe('tel:+864008856618');
    await screen(page, `minors-guardian-${lang}`);

    await page.locator('#guardian-phone input').fill(guardianPhone);
    await page.locator('#guardian-send-code').click();
    await page.waitForSelector('#guardian-code');
    const code = sms.lastCode(`+86${guardianPhone}`)!;
    expect(code).toMatch(/^\d{6}$/);
    expect(sms.refusedSignatures).toBe(0);
    await screen(page, `minors-guardian-code-${lang}`);

    // A wrong code: no consent, no account.
    await page.locator('#guardian-code input').fill(String((Number(code) + 1) % 1_000_000).padStart(6, '0'));
    await page.locator('#guardian-confirm').click();
    await page.waitForSelector('#membership-note[role="alert"]');
    expect(await page.locator('#membership-note').innerText()).toContain(zh ? '验证码不正确' : 'not right');
    expect(sessionCalls(requests)).toEqual([]);
    expect((await users()).sort()).toEqual(before.sort());

    await page.locator('#guardian-code input').fill(code);
    await page.locator('#guardian-confirm').click();
    await page.waitForSelector('#member-badge');
    const calls = sessionCalls(requests);
    expect(calls).toHaveLength(1);
    expect(Object.keys(calls[0]!.postDataJSON() as object).sort()).toEqual(['code', 'guardianProof']);
    const made = (await users()).filter((u) => !before.includes(u));
    expect(made).toHaveLength(1);
    // The proof of the guardian's consent is kept with the account: the number only as a hash.
    const rows = await server.app.database.db.selectFrom('guardian_confirmations').selectAll().where('user_id', '=', made[0]!).execute();
    expect(rows).toHaveLength(1);
    expect(JSON.stringify(rows)).not.toContain(guardianPhone);
    // Nor does the phone keep the number or the code.
    const stored = await page.evaluate(() => JSON.stringify(localStorage));
    expect(stored).not.toContain(guardianPhone);
  });

  test('an "under 14" answer survives a reload: no birth date kept, what is kept and whom to contact said', async () => {
    const { page, requests } = await phone(locale);
    await answerBirth(page, 10);
    await page.waitForSelector('#under14-message');
    const kept = await page.locator('#under14-kept').innerText();
    expect(kept).toMatch(/\d{4}-\d{2}-\d{2}/);
    expect(await page.locator('#under14-help').innerText()).toContain('customerservice.cn@cartier.com');
    await screen(page, `minors-under14-${lang}`);

    await page.reload();
    await page.waitForSelector('#under14-message');
    expect(await page.locator('#birth-year').count()).toBe(0);
    expect(await page.locator('#member-sign-in').count()).toBe(0);
    expect(await page.locator('#under14-kept').innerText()).toBe(kept);
    const stored = await page.evaluate(() => JSON.stringify(localStorage));
    expect(stored).not.toContain(String(new Date().getFullYear() - 10));
    expect(stored).toContain('refusedOn');
    expect(sessionCalls(requests)).toEqual([]);
  });
});
