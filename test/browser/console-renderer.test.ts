/**
 * One policy document rendered by the shop (the h5 build's policy page) and by the ops console's
 * preview, in real Chromium from the same backend: section by section, row by row, the same text
 * and the same runs marked sensitive. The document carries a paragraph where "tracking" sits
 * inside "backtracking", which neither may mark.
 */
import type { Page } from 'playwright-core';
import type { PolicyDocument } from '@maison/privacy/contract';
import { BUNDLED_POLICY } from '../../src/shop/privacy-content';
import type { RunningServer } from '../../server/src';
import { launchChromium, type LaunchedBrowser } from './chromium';
import { join } from 'node:path';
import { SHOTS } from './consoleHelpers';
import { startShop } from './shopServer';

jest.setTimeout(240_000);

/**
 * The shop's content declares compliance gaps (recipients the 2023-12 policy does not name,
 * retentions it does not state): ops publish it with an override, whose reason is audited.
 */
const PUBLISH_OVERRIDE = { reason: 'Recipients not named in the 2023-12 policy; legal review 2026-12' };

const EN_TRAP = 'Our backtracking tool never reads your Tracking information or your trackings.';
const ZH_TRAP = '我们的回溯工具不会读取您的行踪轨迹。';

let server: RunningServer;
let chromium: LaunchedBrowser;
let page: Page;

/** Per section id, per row, the runs of text as `[text, sensitive]`. */
type Rendered = Record<string, [string, boolean][][]>;

async function post(path: string, token: string, body: unknown): Promise<{ version: number }> {
  const res = await fetch(`${server.url}${path}`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
  expect(res.status).toBeLessThan(300);
  return (await res.json()) as { version: number };
}

/** Reads rows out of the page: each row's text nodes, sensitive when inside an element matching `sensitive`. */
function readRows(sectionSelector: string, idOf: string, rowSelector: string, sensitive: string): Promise<Rendered> {
  return page.evaluate(
    ({ sectionSelector, idOf, rowSelector, sensitive }) => {
      const out: Record<string, [string, boolean][][]> = {};
      for (const section of Array.from(document.querySelectorAll(sectionSelector))) {
        const id = idOf === 'id' ? section.id.replace(/^sec-/, '') : section.getAttribute(idOf)!;
        out[id] = Array.from(section.querySelectorAll(rowSelector)).map((row) => {
          const runs: [string, boolean][] = [];
          const walker = document.createTreeWalker(row, NodeFilter.SHOW_TEXT);
          for (let n = walker.nextNode(); n; n = walker.nextNode()) {
            const text = n.textContent ?? '';
            if (!text) continue;
            const marked = Boolean(n.parentElement?.closest(sensitive));
            const last = runs[runs.length - 1];
            if (last && last[1] === marked) last[0] += text;
            else runs.push([text, marked]);
          }
          return runs;
        });
      }
      return out;
    },
    { sectionSelector, idOf, rowSelector, sensitive },
  );
}

async function shopRendering(): Promise<Rendered> {
  for (let i = 0; i < 80 && (await page.locator('#policy-more').count()) > 0; i++) {
    await page.evaluate(() => (document.querySelector('#policy-more') as HTMLElement | null)?.click());
    await page.waitForTimeout(50);
  }
  expect(await page.locator('#policy-more').count()).toBe(0);
  return readRows('#policy-sections .pv-section', 'id', '.pv-h3, .pv-p, .pv-line, .pv-li', '.pv-s');
}

const consoleRendering = () => readRows('#preview section[data-section]', 'data-section', 'h4, p:not(.lines), .line, li', '.sensitive');

beforeAll(async () => {
  server = await startShop();
  const inAWeek = new Date(Date.now() + 7 * 24 * 3600 * 1000);
  const token = (await server.app.repos.ops.createToken({ name: 'renderer', role: 'publisher', expiresAt: inAWeek, createdBy: 'test' })).token;
  // The shop's policy with one more paragraph in each language, published and active, so the shop shows it.
  const doc = structuredClone(BUNDLED_POLICY) as PolicyDocument;
  doc.texts.en.sections[1]!.blocks.push({ type: 'paragraph', text: EN_TRAP });
  doc.texts.zh.sections[1]!.blocks.push({ type: 'paragraph', text: ZH_TRAP });
  const { version } = await post('/v1/admin/policies', token, { content: doc });
  await post(`/v1/admin/policies/${version}/publish`, token, { material: false, summary: { zh: '新增一段', en: 'One paragraph added' }, override: PUBLISH_OVERRIDE });
  await post(`/v1/admin/policies/${version}/activate`, token, {});
  chromium = await launchChromium({ viewport: { width: 1280, height: 900 } });
  page = await chromium.browser.newPage();
  // The console, signed in, for the preview of the same version.
  await page.goto(`${server.url}/ops`);
  await page.locator('#sign-in-token').fill(token);
  await page.locator('#sign-in-submit').click();
  await page.waitForSelector('#page-versions');
});

afterAll(async () => {
  await chromium?.close();
  await server?.close();
});

/** The version's page, with its folded preview opened. */
async function openPreview(): Promise<void> {
  await page.goto(`${server.url}/ops#/versions/2`);
  await page.waitForSelector('#preview-toggle');
  await page.locator('#preview-toggle').click();
  await page.waitForSelector('#preview');
}

test.each(['zh', 'en'] as const)('the shop and the console preview render the active version the same way (%s)', async (lang) => {
  await openPreview();
  await page.locator(`#preview-${lang}`).check();
  await page.waitForFunction((l) => document.querySelector('#preview')?.getAttribute('lang') === l, lang === 'zh' ? 'zh-CN' : 'en');
  const inConsole = await consoleRendering();

  await page.goto(`${server.url}/#/pages/index/index`);
  await page.waitForSelector('#privacy-sheet');
  await page.locator('#sheet-policy').click();
  await page.waitForSelector('#policy-title');
  await page.waitForFunction(() => (document.querySelector('#policy-version')?.textContent ?? '').includes('2'));
  if (lang === 'en') {
    await page.locator('#policy-lang').click();
    await page.waitForFunction(() => document.querySelector('#policy-title')?.textContent === 'Privacy Policy');
  }
  const inShop = await shopRendering();

  expect(Object.keys(inConsole)).toEqual(BUNDLED_POLICY.texts[lang].sections.map((s) => s.id));
  expect(inConsole).toEqual(inShop);
  const marked = Object.values(inShop).flat().flat().filter(([, s]) => s).length;
  expect(marked).toBeGreaterThan(10);
  // "tracking" inside "backtracking" and "trackings" is not marked; the term on its own is.
  const trap = Object.values(inShop).flat().find((row) => row.map(([t]) => t).join('') === (lang === 'en' ? EN_TRAP : ZH_TRAP))!;
  expect(trap.filter(([, s]) => s).map(([t]) => t)).toEqual(lang === 'en' ? ['Tracking information'] : ['行踪轨迹']);
  if (lang === 'en') {
    await openPreview();
    await page.locator('#preview-en').check();
    const trapInPreview = page.locator('#preview p', { hasText: 'backtracking' });
    await trapInPreview.evaluate((n) => n.scrollIntoView({ block: 'center' }));
    // The preview around that paragraph, as ops see it (the whole document would be a very long picture).
    await page.screenshot({ path: join(SHOTS, 'console-preview-en.png') });
  }
});
