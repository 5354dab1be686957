/**
 * "下载我的数据副本" in the h5 build in Chromium against the real backend: the shopper reads a
 * summary in their language (China time, named as the collection list names things) and the
 * browser downloads a real `my-data-YYYY-MM-DD.json`, whose content is checked here.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import type { RunningServer } from '../../server/src';
import { launchChromium, type LaunchedBrowser } from './chromium';
import { startShop } from './shopServer';
import { COLLECTION_LIST } from '../../src/shop/privacy-content/collection-list';

jest.setTimeout(180_000);

const SHOTS = join(__dirname, '..', '..', 'test-output', 'screenshots');

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

/** A phone-sized profile: agrees, registers, turns marketing on, and opens the privacy centre. */
async function signedInCentre(locale: string): Promise<Page> {
  // The failed-export test makes the server answer 503 on purpose.
  chromium = await launchChromium({ locale, deviceScaleFactor: 2, acceptDownloads: true }, [], { allowConsoleErrors: [/status of 503 .*\/v1\/me\/export$/] });
  const page = chromium.browser.pages()[0] ?? (await chromium.browser.newPage());
  await page.goto(`${server.url}/#/pages/index/index`);
  await page.locator('#privacy-agree').click();
  await page.waitForSelector('#privacy-sheet', { state: 'detached' });
  await page.goto(`${server.url}/#/pages/me/index`);
  await page.locator('#birth-year input').fill('1990');
  await page.locator('#birth-month input').fill('5');
  await page.locator('#register').click();
  await page.waitForSelector('#member-badge');
  await page.locator('#me-privacy-centre').click();
  await page.waitForSelector('#centre');
  await page.locator('#consent-switch-marketing').click();
  // Switched on, the consent's own sheet opens; it counts once agreed there.
  await page.waitForSelector('#consent-sheet[data-purpose="marketing"]');
  await page.locator('#consent-agree').click();
  return page;
}

const chinaDate = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);

for (const [locale, lang, titles, agreed, downloaded] of [
  ['zh-CN', 'zh', ['小程序标识', '网络身份标识', '账户注册', '授权记录', '账户注销', '个人信息收集清单各项'], '您同意了隐私政策', (f: string) => `文件 ${f} 已下载，可在浏览器的“下载内容”中找到。`],
  ['en-US', 'en', ['Mini-program identifiers', 'Digital identification', 'Account registration', 'Authorisation records', 'Account cancellation', 'Each row of the collection list'], 'You agreed to the privacy policy', (f: string) => `The file ${f} has been downloaded; you will find it in your browser's downloads.`],
] as const) {
  test(`(${lang}) the summary in the shopper's words, and the browser downloads my-data-YYYY-MM-DD.json`, async () => {
    const page = await signedInCentre(locale);
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('#centre-export').click()]);
    const fileName = `my-data-${chinaDate()}.json`;
    expect(download.suggestedFilename()).toBe(fileName);

    // What the shopper reads.
    await page.waitForSelector('#centre-export-summary');
    const sectionTitles = await page.locator('#centre-export-summary [role="heading"]').allInnerTexts();
    expect(sectionTitles).toEqual(titles);
    const summary = await page.locator('#centre-export-summary').innerText();
    expect(summary).toContain(agreed);
    expect(summary).toContain(lang === 'zh' ? '北京时间' : 'China time');
    for (const raw of ['"purpose"', 'policyVersion', 'deviceId', 'occurredAt']) expect(summary).not.toContain(raw);
    expect(summary).not.toMatch(/\d{4}-\d{2}-\d{2}T\d{2}:/);
    expect(await page.locator('#centre-export-status').innerText()).toBe(downloaded(fileName));
    // Nothing to send in a browser, and no copy offered once the file is downloaded.
    expect(await page.locator('#centre-export-send').count()).toBe(0);
    expect(await page.locator('#centre-export-copy').count()).toBe(0);

    // What the shopper keeps: the file itself.
    const path = await download.path();
    const file = JSON.parse(readFileSync(path, 'utf8')) as {
      summary: { lang: string; sections: { id: string; title: string; lines: { label: string; value: string }[] }[] };
      data: {
        exportedAt: string;
        schema: string;
        complete: boolean;
        consents: { state: { consents: Record<string, { value: string }> }; events: { kind: string; purpose: string }[] };
        rows: { held: { id: string }[]; notHeld: { id: string; why: { zh: string; en: string } }[] };
      };
    };
    expect(file.summary.lang).toBe(lang);
    expect(file.summary.sections.map((s) => s.title)).toEqual(titles);
    expect(file.data.consents.events.some((e) => e.kind === 'policy' && e.purpose === 'policy')).toBe(true);
    // The summary shown is the file's summary.
    const shownLines = await page.locator('#export-authorisation-records .pc-export-line').count();
    expect(shownLines).toBe(file.summary.sections.find((x) => x.id === 'authorisation-records')!.lines.length);

    // Every row of the collection list, held by the server (in the file) or not, with why.
    const rowIds = [...file.data.rows.held.map((r) => r.id), ...file.data.rows.notHeld.map((r) => r.id)];
    expect([...rowIds].sort()).toEqual(COLLECTION_LIST.map((r) => r.id).sort());
    expect(file.data.complete).toBe(true);
    expect(file.data.schema).toBe('/v1/schemas/export.json');
    const coverage = await page.locator('#export-coverage .pc-export-line').allInnerTexts();
    expect(coverage).toHaveLength(COLLECTION_LIST.length);
    const location = file.data.rows.notHeld.find((r) => r.id === 'location')!;
    expect(await page.locator('#export-coverage').innerText()).toContain(location.why[lang]);
    // It never says it holds all when it does not: the file is complete, so no such warning.
    expect(summary).not.toContain(lang === 'zh' ? '未包含' : 'does not hold all');
    // The schema the file names is served, and the ledger's CSV beside it.
    expect((await fetch(`${server.url}${file.data.schema}`)).status).toBe(200);

    await page.locator('#centre-export-section').scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(SHOTS, `centre-export-summary-${lang}.png`) });
    await page.locator('#export-coverage').scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(SHOTS, `centre-export-rows-${lang}.png`) });
  });
}

test('a failed export says so and downloads nothing', async () => {
  const page = await signedInCentre('zh-CN');
  await page.route('**/v1/me/export', (route) => route.fulfill({ status: 503, contentType: 'application/json', body: JSON.stringify({ error: { code: 'UNAVAILABLE', message: 'down' } }) }));
  let downloads = 0;
  page.on('download', () => void (downloads += 1));
  await page.locator('#centre-export').click();
  await page.waitForSelector('#centre-export-error');
  expect(await page.locator('#centre-export-error').innerText()).toBe('网络异常，未能获取数据副本，请稍后重试。');
  expect(await page.locator('#centre-export-summary').count()).toBe(0);
  expect(downloads).toBe(0);
});
