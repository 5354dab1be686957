/**
 * The console's language in real Chromium: an en-US browser gets English on every page (sign-in,
 * versions, a version with importer notes, the audit log) with dates in English and China time;
 * the switch turns it Chinese and the choice survives a reload; a zh-CN browser gets Chinese.
 * axe finds nothing on any of them, and the screenshots are taken in both languages.
 */
import type { Page } from 'playwright-core';
import { readSeed } from '../../scripts/policy-import/seedText';
import { startServer, type RunningServer } from '../../server/src';
import { launchChromium, type LaunchedBrowser } from './chromium';
import { join } from 'node:path';
import { axe, SHOTS, shot } from './consoleHelpers';

jest.setTimeout(240_000);

const CJK = /[\u3400-\u9fff]/;
const ZH_OLD = '在不超过15天的合理期限内处理您的请求';
const ZH_NEW = '在不超过10个工作日的合理期限内处理您的请求';

let server: RunningServer;
let publisherToken: string;
let draft: number;

/** The page's own words (headings, labels, buttons, table heads, field names, sentences, hints), not the content it shows. */
const pageWords = (page: Page) =>
  page.locator('header, nav, main h1, main h2, main h3, main label, main legend, main button, main th, main dt, main .hint, main summary, .audit-sentence, main option').allInnerTexts();

async function signIn(page: Page): Promise<void> {
  await page.goto(`${server.url}/ops`);
  await page.waitForSelector('#sign-in-token');
  await page.locator('#sign-in-token').fill(publisherToken);
  await page.locator('#sign-in-submit').click();
  await page.waitForSelector('#page-versions');
}

beforeAll(async () => {
  server = await startServer({ port: 0, dataDir: null, devLogin: true, logLevel: 'silent', purgeIntervalSeconds: 0, env: { ...process.env, NODE_ENV: 'test' } });
  publisherToken = (await server.app.repos.ops.createToken({ name: 'erin', role: 'publisher', expiresAt: new Date(Date.now() + 7 * 24 * 3600 * 1000), createdBy: 'test' })).token;
  // A draft from pasted text: the importer has notes on it, and it changes one section.
  const res = await fetch(`${server.url}/v1/admin/policies`, {
    method: 'POST',
    headers: { authorization: `Bearer ${publisherToken}`, 'content-type': 'application/json' },
    body: JSON.stringify({ text: readSeed().replace(ZH_OLD, ZH_NEW) }),
  });
  expect(res.status).toBe(201);
  draft = ((await res.json()) as { version: number }).version;
});

afterAll(async () => {
  await server?.close();
});

describe('an en-US browser', () => {
  let chromium: LaunchedBrowser;
  let page: Page;
  beforeAll(async () => {
    chromium = await launchChromium({ viewport: { width: 1280, height: 900 }, locale: 'en-US' });
    page = await chromium.browser.newPage();
  });
  afterAll(async () => {
    await chromium?.close();
  });

  test('opens the console in English, and every page it shows reads English', async () => {
    await page.goto(`${server.url}/ops`);
    await page.waitForFunction(() => document.body.dataset.ready === 'true');
    expect(await page.evaluate(() => navigator.languages[0])).toBe('en-US');
    expect(await page.evaluate(() => window.localStorage.getItem('ops-console-lang'))).toBeNull();
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    expect(await page.title()).toBe('Privacy ops console');
    expect(await page.locator('h1').innerText()).toBe('Sign in');
    expect(await page.locator('#lang-switch').innerText()).toBe('中文');
    expect((await pageWords(page)).filter((w) => CJK.test(w.replace('中文', '')))).toEqual([]);
    await axe(page, 'sign-in-en-us');
    await shot(page, 'en-us-sign-in');

    await signIn(page);
    expect(await page.locator('#nav').innerText()).toContain('Audit log');
    expect(await page.locator('#tz-note').innerText()).toBe('All times are China time (Beijing, UTC+8).');
    // Dates in English, in China time: the draft was created today.
    const today = new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Shanghai', dateStyle: 'medium' }).format(new Date());
    expect(await page.locator(`#versions-table tr[data-version="${draft}"]`).innerText()).toContain(today);
    expect(await page.locator('#versions-table tr[data-version="1"]').innerText()).toMatch(/by the system/);
    expect((await pageWords(page)).filter((w) => CJK.test(w.replace('中文', '')))).toEqual([]);
    await axe(page, 'versions-en-us');

    // A version: status, notes, check, diff and actions before the folded preview, all in English.
    await page.goto(`${server.url}/ops#/versions/${draft}`);
    await page.waitForSelector('#findings');
    expect(await page.evaluate(() => Array.from(document.querySelectorAll('main h2')).map((h) => h.id))).toEqual(['findings-heading', 'diff-heading', 'publish-heading', 'activate-heading', 'preview-heading']);
    expect(await page.locator('#version-status').innerText()).toBe('draft');
    expect(await page.locator('#preview-toggle').innerText()).toBe('Show the whole policy as shoppers see it');
    expect(await page.locator('#preview').count()).toBe(0);
    // Only the Chinese half of "Contact us" changed: said in English, the change shown as Chinese text.
    expect(await page.locator('#diff .diff-only-other').innerText()).toBe('Only the Chinese text of this section changed; the English text is the same. The Chinese change:');
    expect(await page.locator('#diff ins').allInnerTexts()).toEqual(['10个工作日']);
    expect(await page.locator('#diff .diff-row').getAttribute('lang')).toBe('zh-CN');
    expect((await pageWords(page)).filter((w) => CJK.test(w.replace('中文', '')))).toEqual([]);
    await axe(page, 'version-en-us');
    await shot(page, 'en-us-version');
    // The preview still opens in the language of the policy ops choose.
    await page.locator('#preview-toggle').click();
    await page.waitForSelector('#preview');
    expect(await page.locator('#preview-title').innerText()).toBe('Privacy Policy');
    expect(await page.locator('#preview-fold fieldset legend').innerText()).toBe('Preview language');
    expect(await page.locator('label:has(#preview-zh)').innerText()).toBe('Chinese');
    await axe(page, 'version-preview-en-us');
  });

  test('says the importer notes in English only, the quoted policy text aside', async () => {
    // The notes are those of a draft made in this page's life: import one through the page.
    await page.goto(`${server.url}/ops#/versions`);
    await page.waitForSelector('#draft-text');
    await page.locator('#draft-text').fill(readSeed());
    await page.locator('#draft-text-submit').click();
    await page.waitForSelector('#draft-warnings');
    expect(await page.locator('#warnings-title').innerText()).toBe('Import notes');
    const notes = await page.locator('#draft-warnings li').evaluateAll((li) =>
      li.map((n) => {
        const c = n.cloneNode(true) as HTMLElement;
        c.querySelectorAll('q').forEach((q) => q.remove());
        return c.textContent ?? '';
      }),
    );
    expect(notes.length).toBeGreaterThan(5);
    expect(notes.filter((n) => CJK.test(n))).toEqual([]);
    // The Chinese quotations are marked as Chinese for screen readers.
    const quotes = await page.locator('#draft-warnings q').evaluateAll((qs) => qs.map((q) => `${q.getAttribute('lang')}:${q.textContent}`));
    expect(quotes.filter((q) => /[\u3400-\u9fff]/.test(q)).every((q) => q.startsWith('zh-CN:'))).toBe(true);
    expect(await page.locator('#draft-warnings li[data-code="flattened-block"]').first().innerText()).toMatch(/^Consecutive lines without bullets .* Where: Chinese text, lines \d+–\d+\.$/);
    await axe(page, 'notes-en-us');
    await page.locator('#draft-warnings').screenshot({ path: join(SHOTS, 'console-en-us-notes.png') });
  });

  test('the audit log reads as English sentences, with English fields and dates in China time', async () => {
    await page.goto(`${server.url}/ops#/audit`);
    await page.waitForSelector('#audit-table');
    expect(await page.locator('#audit-table tbody tr[data-action="console.sign-in"] .audit-sentence').first().innerText()).toBe('erin signed in to the console.');
    expect(await page.locator('#audit-table tbody tr[data-action="policy.draft.create"] .audit-sentence').first().innerText()).toMatch(/^erin created draft v\d+\.$/);
    expect(await page.locator('#audit-table tbody tr[data-action="policy.draft.create"] [data-key="source"]').first().innerText()).toMatch(/^Imported from\s+pasted policy text$/);
    expect(await page.locator('#audit-table tbody tr[data-action="policy.seed"] .audit-sentence').innerText()).toBe('The system installed the bundled policy as v1 and made it active.');
    expect(await page.locator('#audit-table thead').innerText()).toMatch(/When \(China time\)\s+What happened\s+Details/);
    expect((await pageWords(page)).filter((w) => CJK.test(w.replace('中文', '')))).toEqual([]);
    await axe(page, 'audit-en-us');
    await shot(page, 'en-us-audit');
  });

  test('the lists are forms labelled in English, their checks said in English as typed, and a saved change shows in the version\'s diff', async () => {
    const lists = (await (await fetch(`${server.url}/v1/admin/lists/${draft}`, { headers: { authorization: `Bearer ${publisherToken}` } })).json()) as { sharing: { items: { id: string }[] } };
    const i = lists.sharing.items.findIndex((r) => r.id === 'authorised-dealers');
    expect(i).toBeGreaterThanOrEqual(0);
    await page.goto(`${server.url}/ops#/lists/${draft}`);
    await page.waitForSelector('#list-sharing');
    expect(await page.locator('#list-sharing-heading').innerText()).toBe('Third-party list');
    await page.locator(`#sharing-${i}-row-toggle`).click();
    expect(await page.locator(`label[for="sharing-${i}-contact-zh"]`).innerText()).toBe("Recipient's contact (Chinese)");
    expect(await page.locator(`label[for="sharing-${i}-type"]`).innerText()).toBe('Kind of recipient');
    expect((await pageWords(page)).filter((w) => CJK.test(w.replace('中文', '')))).toEqual([]);
    // A sharing row must name its recipient's contact or declare the gap: emptied, the contact says so.
    await page.locator(`#sharing-${i}-contact-zh`).fill('');
    await page.locator(`#sharing-${i}-contact-en`).fill('');
    expect(await page.locator(`#sharing-${i}-contact-problem`).innerText()).toBe("Give the recipient's contact, or declare that the policy names none.");
    expect(await page.locator(`#sharing-${i}-contact-en`).getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('#list-sharing-save').isDisabled()).toBe(true);
    // One language only: the other is asked for.
    await page.locator(`#sharing-${i}-contact-en`).fill('Shown on the consent sheet with the dealer you chose');
    expect(await page.locator(`#sharing-${i}-contact-zh-problem`).innerText()).toBe('Required.');
    expect(await page.locator(`#sharing-${i}-contact-problem`).count()).toBe(0);
    await axe(page, 'lists-invalid-en-us');
    await page.locator(`#sharing-${i}-row`).screenshot({ path: join(SHOTS, 'console-en-us-lists-invalid.png') });
    await page.locator(`#sharing-${i}-contact-zh`).fill('与您所选经销商一同在同意页面显示');
    expect(await page.locator(`#sharing-${i}-contact-zh-problem`).count()).toBe(0);
    expect(await page.locator('#list-sharing-check').innerText()).toContain('Every field is valid.');
    await page.locator('#list-sharing-save').click();
    await page.waitForFunction(() => (document.querySelector('#list-sharing-source')?.textContent ?? '').includes('saved for this version'));
    expect(await page.locator('#notice').innerText()).toBe('Saved.');
    await axe(page, 'lists-en-us');
    await shot(page, 'en-us-lists');

    await page.goto(`${server.url}/ops#/versions/${draft}`);
    await page.waitForSelector('#list-diff');
    expect(await page.locator('#list-diff-heading').innerText()).toBe('Lists and consent texts against v1');
    const row = page.locator('#list-diff-sharing li[data-key="authorised-dealers"]');
    expect(await row.getAttribute('data-status')).toBe('changed');
    expect(await row.locator('.badge').innerText()).toBe('changed');
    expect(await row.locator('.list-diff-fields li').allInnerTexts()).toEqual([expect.stringMatching(/^Recipient's contact: /)]);
    // The words of the contact that stayed are left unmarked; the added and removed ones are marked.
    expect(await row.locator('.list-diff-fields li').innerText()).toContain('dealer you chose');
    expect((await row.locator('ins').allInnerTexts()).join(' ')).toContain('Shown');
    expect((await row.locator('del').allInnerTexts()).join(' ')).toContain('nothing is shared');
    expect((await pageWords(page)).filter((w) => CJK.test(w.replace('中文', '')))).toEqual([]);
    await axe(page, 'version-list-diff-en-us');
    await page.locator('#diff').screenshot({ path: join(SHOTS, 'console-en-us-version-list-diff.png') });
    // Leave the version's page, so the next test's visit loads it afresh.
    await page.goto(`${server.url}/ops#/versions`);
    await page.waitForSelector('#versions-table');
  });

  test('a published version is scheduled from its page, in China time, and the log says so in English', async () => {
    const published = await fetch(`${server.url}/v1/admin/policies/${draft}/publish`, {
      method: 'POST',
      headers: { authorization: `Bearer ${publisherToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ material: false, summary: { zh: '处理期限', en: 'Request deadline' }, override: { reason: 'Known gaps of the 2023-12 text; legal review 2026-12' } }),
    });
    expect(published.status).toBe(200);
    await page.goto(`${server.url}/ops#/versions/${draft}`);
    await page.waitForSelector('#activate-form');
    expect(await page.locator('label[for="activate-time"]').innerText()).toBe('Time (China time)');
    await page.locator('#activate-later').check();
    // A time that does not exist is stopped on the page.
    await page.locator('#activate-time').fill('2099-02-30 10:00');
    await page.locator('#activate-submit').click();
    expect(await page.locator('#activate-error').innerText()).toBe('Request failed: Give a time like 2026-05-01 10:00.');
    await page.locator('#activate-time').fill('2099-01-01 10:00');
    await page.locator('#activate-submit').click();
    await page.waitForFunction(() => (document.querySelector('#notice')?.textContent ?? '').includes('becomes active'));
    expect(await page.locator('#notice').innerText()).toBe(`v${draft} becomes active at 1 Jan 2099, 10:00.`);
    const { activations } = (await (await fetch(`${server.url}/v1/admin/activations`, { headers: { authorization: `Bearer ${publisherToken}` } })).json()) as { activations: { version: number; effectiveAt: string }[] };
    expect(activations.find((a) => a.version === draft)!.effectiveAt).toBe('2099-01-01T02:00:00.000Z');
    await page.goto(`${server.url}/ops#/audit`);
    await page.waitForSelector('#audit-table');
    expect(await page.locator('#audit-table tbody tr[data-action="policy.activate"] .audit-sentence').first().innerText()).toBe(`erin scheduled v${draft} to take effect on 1 Jan 2099, 10:00.`);
  });

  test('the switch turns the console Chinese, and the choice is kept across a reload and a new visit', async () => {
    await page.goto(`${server.url}/ops#/audit`);
    await page.waitForSelector('#audit-table');
    await page.locator('#lang-switch').click();
    await page.waitForFunction(() => document.documentElement.lang === 'zh-CN');
    expect(await page.locator('#page-audit h1').innerText()).toBe('审计日志');
    expect(await page.locator('#audit-table tbody tr[data-action="console.sign-in"] .audit-sentence').first().innerText()).toBe('erin 登录了控制台。');
    expect(await page.evaluate(() => window.localStorage.getItem('ops-console-lang'))).toBe('zh');
    await page.reload();
    await page.waitForSelector('#audit-table');
    expect(await page.getAttribute('html', 'lang')).toBe('zh-CN');
    expect(await page.locator('#lang-switch').innerText()).toBe('English');
    expect(await page.locator('#tz-note').innerText()).toBe('所有时间均为北京时间（UTC+8）。');
    await axe(page, 'audit-switched-zh');
    await shot(page, 'en-us-switched-audit');
    // Back to English: kept too.
    await page.locator('#lang-switch').click();
    await page.waitForFunction(() => document.documentElement.lang === 'en');
    await page.goto('about:blank');
    await page.goto(`${server.url}/ops#/versions`);
    await page.waitForSelector('#versions-table');
    expect(await page.locator('#page-versions h1').innerText()).toBe('Policy versions');
    expect(await page.evaluate(() => window.localStorage.getItem('ops-console-lang'))).toBe('en');
  });
});

describe('a zh-CN browser', () => {
  test('opens the console in Chinese', async () => {
    const chromium = await launchChromium({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN' });
    try {
      const page = await chromium.browser.newPage();
      await page.goto(`${server.url}/ops`);
      await page.waitForFunction(() => document.body.dataset.ready === 'true');
      expect(await page.evaluate(() => navigator.languages[0])).toBe('zh-CN');
      expect(await page.getAttribute('html', 'lang')).toBe('zh-CN');
      expect(await page.title()).toBe('隐私运营控制台');
      expect(await page.locator('h1').innerText()).toBe('登录');
      await signIn(page);
      expect(await page.locator('#nav').innerText()).toContain('审计日志');
      expect(await page.locator('#versions-table thead').innerText()).toMatch(/版本\s+状态/);
      await axe(page, 'versions-zh-cn');
    } finally {
      await chromium.close();
    }
  });
});
