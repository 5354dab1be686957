/**
 * Remote policy versions end to end in Chromium against the real backend (regulator item 6): a
 * shopper who accepted v1 is re-prompted with the summary after ops publish a material v2, agrees,
 * and the acceptance count ops see moves; a non-material v3 shows only a notice.
 */
import type { Page } from 'playwright-core';
import type { RunningServer } from '../../server/src';
import { BUNDLED_POLICY } from '../../src/shop/privacy-content';
import type { PolicyDocument } from '@maison/privacy/contract';
import { launchChromium, type LaunchedBrowser } from './chromium';
import { look, PHONE } from './look';
import { startShop } from './shopServer';

jest.setTimeout(180_000);

/**
 * The shop's content declares compliance gaps (recipients the 2023-12 policy does not name,
 * retentions it does not state): ops publish it with an override, whose reason is audited.
 */
const PUBLISH_OVERRIDE = { reason: 'Recipients not named in the 2023-12 policy; legal review 2026-12' };

let server: RunningServer;
let chromium: LaunchedBrowser;
beforeAll(async () => {
  server = await startShop();
  chromium = await launchChromium();
});
afterAll(async () => {
  await chromium?.close();
  await server?.close();
});

async function admin<T>(method: string, path: string, body?: unknown): Promise<T> {
  const res = await fetch(`${server.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${server.firstOpsToken}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

async function publish(material: boolean, summary: string): Promise<number> {
  const doc = JSON.parse(JSON.stringify(BUNDLED_POLICY)) as PolicyDocument;
  for (const lang of ['zh', 'en'] as const) doc.texts[lang].sections.find((s) => s.id === 'your-choices')!.blocks.push({ type: 'paragraph', text: `${summary} ${lang}` });
  const { version } = await admin<{ version: number }>('POST', '/v1/admin/policies', { content: doc });
  await admin('POST', `/v1/admin/policies/${version}/publish`, { material, summary: { zh: `${summary}(中文)`, en: summary }, override: PUBLISH_OVERRIDE });
  await admin('POST', `/v1/admin/policies/${version}/activate`, {});
  return version;
}

async function accepted(version: number): Promise<number> {
  const stats = await admin<{ acceptanceByVersion: { version: number; accepted: number }[] }>('GET', '/v1/admin/stats');
  return stats.acceptanceByVersion.find((a) => a.version === version)?.accepted ?? 0;
}

test('material v2 → re-consent with the summary → agree → ops see the acceptance; v3 → notice only', async () => {
  const page: Page = await chromium.browser.newPage();
  await page.goto(`${server.url}/#/pages/index/index`);
  await page.locator('#privacy-agree').click();
  await page.locator('#nav-me').click();
  await page.locator('#birth-year input').fill('1985');
  await page.locator('#birth-month input').fill('3');
  await page.locator('#register').click();
  await page.waitForSelector('#member-badge');
  for (let i = 0; i < 50 && (await accepted(1)) < 1; i++) await page.waitForTimeout(100);
  expect(await accepted(1)).toBe(1);

  const v2 = await publish(true, 'New logistics partner');
  expect(await accepted(v2)).toBe(0);
  await page.reload();
  await page.waitForSelector('#reconsent-sheet');
  expect(await page.locator('#reconsent-summary').innerText()).toBe('New logistics partner(中文)');
  expect(await page.locator('#changed-your-choices').count()).toBe(1);
  // The sentence the version adds is there itself, under its section, not only the section's name.
  expect(await page.locator('#changed-text-your-choices').innerText()).toBe('New logistics partner zh');
  await page.screenshot({ path: 'test-output/screenshots/shop-reconsent.png' });
  await page.locator('#reconsent-agree').click();
  await page.waitForSelector('#reconsent-sheet', { state: 'detached' });
  for (let i = 0; i < 50 && (await accepted(v2)) < 1; i++) await page.waitForTimeout(100);
  expect(await accepted(v2)).toBe(1);

  await publish(false, 'Wording');
  await page.reload();
  await page.waitForSelector('#policy-notice');
  expect(await page.locator('#reconsent-sheet').count()).toBe(0);
  await page.locator('#notice-dismiss').click();
  await page.waitForSelector('#policy-notice', { state: 'detached' });
});

/** The version the server has active now. */
async function activeVersion(): Promise<number> {
  const res = await fetch(`${server.url}/v1/policy/current`);
  return ((await res.json()) as { version: number }).version;
}

/**
 * A new shopper's first visit in a browser of their own: the first-run sheet, and the launch's
 * version check has fetched the active version (bundled v1 → the server's) before they answer.
 */
async function firstVisit(own: LaunchedBrowser, version: number): Promise<Page> {
  const page = await own.browser.newPage();
  const fetched = page.waitForResponse((r) => r.url().includes(`/v1/policy/versions/${version}`));
  await page.goto(`${server.url}/#/pages/index/index`);
  await page.waitForSelector('#privacy-sheet');
  await fetched;
  await page.waitForTimeout(200);
  return page;
}

test('a shopper arriving after a newer version is active: the history shows the version each sheet showed, and the one agreed to was shown first', async () => {
  let version = await activeVersion();
  if (version === 1) version = await publish(true, 'Arriving later');
  const own = await launchChromium();
  try {
    const page = await firstVisit(own, version);
    await page.locator('#privacy-agree').click();
    await page.waitForSelector('#privacy-sheet', { state: 'detached' });
    await page.locator('#nav-me').click();
    await page.locator('#me-privacy-centre').click();
    await page.waitForSelector('#centre-history-0');
    const lines = await page.locator('#centre-history [role="listitem"]').evaluateAll((els) => els.map((e) => (e as HTMLElement).innerText.split('\n').pop() ?? ''));
    // Newest first: the agreement, then the sheet showing that same version.
    expect(lines[0]).toBe(`您同意了隐私政策（第 ${version} 版）`);
    expect(lines[1]).toBe(`向您展示了隐私政策（第 ${version} 版）`);
    // No agreement to a version the history does not show as shown before it.
    lines.forEach((line, i) => {
      const agreed = /^您同意了隐私政策（第 (\d+) 版）$/.exec(line);
      if (agreed) expect(lines.slice(i + 1)).toContain(`向您展示了隐私政策（第 ${agreed[1]} 版）`);
    });
    await page.locator('#centre-history').scrollIntoViewIfNeeded();
    await page.screenshot({ path: 'test-output/screenshots/centre-history-arrived-later.zh.png' });
  } finally {
    await own.close();
  }
});

test('refusing a material change, then asking to agree after all: the re-consent sheet with what changed, from a feature and from the centre', async () => {
  const own = await launchChromium();
  try {
    const page = await firstVisit(own, await activeVersion());
    await page.locator('#privacy-agree').click();
    await page.waitForSelector('#privacy-sheet', { state: 'detached' });
    const v = await publish(true, 'Refusal test');
    await page.reload();
    await page.waitForSelector('#reconsent-sheet');
    await page.locator('#reconsent-refuse').click();
    await page.waitForSelector('#reconsent-sheet', { state: 'detached' });
    // No pop-up of its own after the refusal.
    await page.reload();
    await page.waitForSelector('#catalogue');
    await page.waitForTimeout(500);
    expect(await page.locator('#reconsent-sheet, #privacy-sheet').count()).toBe(0);

    // A member feature: the sheet it opens says again what changed.
    await page.locator('#nav-me').click();
    await page.waitForSelector('#browse-only-hint');
    await page.locator('#reopen-sheet').click();
    await page.waitForSelector('#reconsent-sheet');
    expect(await page.locator('#privacy-sheet').count()).toBe(0);
    expect(await page.locator('#reconsent-summary').innerText()).toBe('Refusal test(中文)');
    expect(await page.locator('#reconsent-sheet').innerText()).toContain(`（第 ${v} 版）`);
    expect(await page.locator('#changed-your-choices').count()).toBe(1);
    await page.screenshot({ path: 'test-output/screenshots/reconsent-after-refusal.zh.png' });
    await page.locator('#reconsent-refuse').click();
    await page.waitForSelector('#reconsent-sheet', { state: 'detached' });

    // The centre's "review and agree": the same sheet; agreeing there restores the agreement.
    await page.locator('#me-privacy-centre').click();
    await page.locator('#centre-agree-policy').click();
    await page.waitForSelector('#reconsent-sheet');
    expect(await page.locator('#reconsent-summary').innerText()).toBe('Refusal test(中文)');
    await page.locator('#reconsent-agree').click();
    await page.waitForSelector('#reconsent-sheet', { state: 'detached' });
    await page.waitForSelector('#centre-withdraw-policy');
    expect(await page.locator('#centre-agreement-state').innerText()).toBe(`您已同意隐私政策（第 ${v} 版）。`);
    const lines = await page.locator('#centre-history [role="listitem"]').evaluateAll((els) => els.map((e) => (e as HTMLElement).innerText.split('\n').pop() ?? ''));
    expect(lines.slice(0, 2)).toEqual([`您同意了隐私政策（第 ${v} 版）`, `向您展示了隐私政策（第 ${v} 版）`]);
  } finally {
    await own.close();
  }
});

test('a version that adds a sentence about face images: the re-consent sheet shows that sentence highlighted with the term bold and underlined, and so does the policy page', async () => {
  const own = await launchChromium({ locale: 'zh-CN' });
  try {
    const page = await own.browser.newPage();
    await page.goto(`${server.url}/#/pages/index/index`);
    await page.locator('#privacy-agree').click();
    await page.waitForSelector('#privacy-sheet', { state: 'detached' });
    // The glossary of the shop has no 人脸图像: the version marks it itself when ops create it.
    const doc = JSON.parse(JSON.stringify(BUNDLED_POLICY)) as PolicyDocument;
    doc.updated = '2026-12';
    doc.texts.zh.sections.find((x) => x.id === 'your-choices')!.blocks.push({ type: 'paragraph', text: '到店签到时，我们会采集您的人脸图像以确认身份。' });
    doc.texts.en.sections.find((x) => x.id === 'your-choices')!.blocks.push({ type: 'paragraph', text: 'At check-in we take a face image to confirm who you are.' });
    const { version, warnings } = await admin<{ version: number; warnings: string[] }>('POST', '/v1/admin/policies', { content: doc });
    expect(warnings.filter((w) => w.startsWith('sensitive-term:'))).toHaveLength(2);
    await admin('POST', `/v1/admin/policies/${version}/publish`, { material: true, summary: { zh: '新增到店签到的人脸核验。', en: 'Face check at check-in.' }, override: PUBLISH_OVERRIDE });
    await admin('POST', `/v1/admin/policies/${version}/activate`, {});

    await page.reload();
    await page.waitForSelector('#reconsent-sheet');
    const changed = page.locator('#changed-text-your-choices');
    expect(await changed.innerText()).toBe('到店签到时，我们会采集您的人脸图像以确认身份。');
    expect(await changed.locator('.pv-s').allInnerTexts()).toEqual(['人脸图像']);
    const background = await changed.locator('.ps-changed-sentence').evaluate((n) => getComputedStyle(n).backgroundColor);
    expect(background).not.toBe('rgba(0, 0, 0, 0)');
    await page.screenshot({ path: 'test-output/screenshots/reconsent-changed-sentences.zh.png' });

    await page.locator('#changed-your-choices').click();
    await page.waitForSelector('#sec-your-choices');
    const marked = await page.locator('#sec-your-choices .pv-s').allInnerTexts();
    expect(marked).toContain('人脸图像');
  } finally {
    await own.close();
  }
});

test('a material version scheduled for later is announced before it takes effect, with its date and summary, in both languages', async () => {
  // Last in this file: the scheduled activation stays in the future for the rest of the server's life.
  const doc = JSON.parse(JSON.stringify(BUNDLED_POLICY)) as PolicyDocument;
  doc.updated = '2026-12';
  for (const lang of ['zh', 'en'] as const) doc.texts[lang].sections.find((x) => x.id === 'your-choices')!.blocks.push({ type: 'paragraph', text: `Scheduled ${lang}` });
  const { version } = await admin<{ version: number }>('POST', '/v1/admin/policies', { content: doc });
  await admin('POST', `/v1/admin/policies/${version}/publish`, { material: true, summary: { zh: '新增物流合作伙伴。', en: 'A new logistics partner.' }, override: PUBLISH_OVERRIDE });
  const inForce = await activeVersion();
  const at = '2030-01-01T00:00:00.000Z';
  expect(await admin('POST', `/v1/admin/policies/${version}/activate`, { at })).toMatchObject({ scheduled: true });

  for (const [lang, locale] of [['zh', 'zh-CN'], ['en', 'en-US']] as const) {
    const own = await launchChromium({ ...PHONE, locale });
    try {
      const page = own.browser.pages()[0] ?? (await own.browser.newPage());
      await page.goto(`${server.url}/#/pages/index/index`);
      await page.locator('#privacy-agree').click();
      await page.waitForSelector('#privacy-sheet', { state: 'detached' });
      // The next check (here the next launch) announces it.
      await page.reload();
      await page.waitForSelector('#policy-upcoming');
      const when = await page.locator('#upcoming-when').innerText();
      expect(when).toBe(
        lang === 'zh'
          ? `隐私政策第 ${version} 版将于 2030年1月1日 08:00（北京时间）起生效。生效后，我们会请您阅读并确认是否同意。`
          : `Version ${version} of the privacy policy takes effect on 1 Jan 2030, 08:00 China time. When it does, we will ask you to read it and choose whether to agree.`,
      );
      expect(await page.locator('#upcoming-summary').innerText()).toBe(lang === 'zh' ? '主要变更：新增物流合作伙伴。' : 'What changes: A new logistics partner.');
      const { problems } = await look(page, `policy-upcoming.${lang}`);
      expect(problems).toEqual([]);
      // Nothing changes before the date: the version in force is the one agreed to, and no re-consent is asked.
      expect(await activeVersion()).toBe(inForce);
      expect(await page.locator('#reconsent-sheet').count()).toBe(0);
      await page.locator('#upcoming-dismiss').click();
      await page.waitForSelector('#policy-upcoming', { state: 'detached' });
      await page.reload();
      await page.waitForSelector('#catalogue');
      await page.waitForTimeout(500);
      expect(await page.locator('#policy-upcoming').count()).toBe(0);
    } finally {
      await own.close();
    }
  }
});
