/**
 * Every sheet keeps its buttons on screen: the first-run sheet, each separate consent's sheet, the
 * purpose sheets and the re-consent sheet, in both languages, on the phone the other tests use
 * (390 × 844) and on the smallest WeChat runs on (320 × 568). The buttons' boxes are measured as
 * the sheet opens, before anything is scrolled, and again with the sheet's text scrolled to its
 * end; each sheet is photographed (test-output/screenshots/sheet-*.png) and looked at as the other
 * screens are (axe, widths, buttons of one row alike).
 */
import type { Page } from 'playwright-core';
import type { RunningServer } from '../../server/src';
import { BUNDLED_POLICY, CONSENT_CATALOGUE } from '../../src/shop/privacy-content';
import type { PolicyDocument } from '@maison/privacy/contract';
import { launchChromium } from './chromium';
import { look, steadyContext, watchPage } from './look';
import { startShop } from './shopServer';

jest.setTimeout(900_000);

const PUBLISH_OVERRIDE = { reason: 'Recipients not named in the 2023-12 policy; legal review 2026-12' };

const PHONES = [
  { name: '390x844', viewport: { width: 390, height: 844 } },
  // The smallest screen WeChat supports (iPhone SE 1st generation, 4-inch Android phones).
  { name: '320x568', viewport: { width: 320, height: 568 } },
] as const;

/**
 * Separate consents the centre's switch asks for: all but the guardian's, the one asked where its
 * dealer is picked, and those the app marks as not in the app (never asked).
 */
const CENTRE_PURPOSES = Object.entries(CONSENT_CATALOGUE)
  .filter(([p, e]) => p !== 'guardian' && e.notInApp === undefined && !(e.disclosure.article === 'sharing' && e.disclosure.recipientAtUse === true))
  .map(([p]) => p);

/**
 * Where the sheet's buttons are, as the shopper sees them now: each inside the window and not
 * covered at its centre. Returns what is wrong, and whether the sheet's text is longer than its box.
 */
async function buttonsInView(page: Page, sheet: string, buttons: readonly string[]): Promise<{ problems: string[]; scrolls: boolean }> {
  return page.evaluate(
    ({ sheet, buttons }) => {
      const problems: string[] = [];
      const vw = window.innerWidth;
      const vh = window.innerHeight;
      for (const id of buttons) {
        const el = document.querySelector(`${sheet} #${id}`);
        if (!el) {
          problems.push(`#${id} is missing`);
          continue;
        }
        const r = el.getBoundingClientRect();
        if (r.height < 1 || r.top < 0 || r.left < 0 || r.bottom > vh || r.right > vw) {
          problems.push(`#${id} is at ${Math.round(r.left)},${Math.round(r.top)}–${Math.round(r.right)},${Math.round(r.bottom)} in a ${vw}×${vh} window`);
          continue;
        }
        const seen = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
        if (!seen || !el.contains(seen)) problems.push(`#${id} is covered at its centre by ${seen?.tagName.toLowerCase() ?? 'nothing'}`);
      }
      const body = document.querySelector(`${sheet} .ps-body, ${sheet} .pp-body`);
      return { problems, scrolls: body !== null && body.scrollHeight > body.clientHeight + 1 };
    },
    { sheet, buttons },
  );
}

/** Scrolls the sheet's text to its end: its last line is then inside the text's box. */
async function scrollSheetToEnd(page: Page, sheet: string): Promise<string | null> {
  return page.evaluate((sheet) => {
    const body = document.querySelector(`${sheet} .ps-body, ${sheet} .pp-body`);
    if (!body) return `${sheet} has no scrolling text`;
    body.scrollTop = body.scrollHeight;
    const last = body.lastElementChild;
    if (!last) return null;
    const b = body.getBoundingClientRect();
    const r = last.getBoundingClientRect();
    return r.bottom <= b.bottom + 1 && r.top >= b.top - 1 ? null : `${sheet}'s last line (${Math.round(r.top)}–${Math.round(r.bottom)}) is not inside its text box (${Math.round(b.top)}–${Math.round(b.bottom)}) when scrolled to the end`;
  }, sheet);
}

describe.each(PHONES.flatMap((phone) => (['zh', 'en'] as const).map((lang) => [`${lang} at ${phone.name}`, lang, phone] as const)))('sheets in %s', (_, lang, phone) => {
  test('every sheet shows its buttons without scrolling, its text scrolling above them', async () => {
    const server: RunningServer = await startShop();
    const chromium = await launchChromium({ viewport: phone.viewport, deviceScaleFactor: 2, locale: lang === 'zh' ? 'zh-CN' : 'en-US', reducedMotion: 'reduce' });
    const problems: string[] = [];
    const measured: string[] = [];
    try {
      await steadyContext(chromium.browser);
      const page = chromium.browser.pages()[0] ?? (await chromium.browser.newPage());
      const watch = await watchPage(page);
      const visible = (selector: string) => page.locator(`${selector}:visible`);
      /**
       * Waits until the page holding `selector` has finished sliding in. While it slides, Taro's h5
       * router gives the page a transform, which makes it, not the window, what a fixed sheet is
       * placed against: a person cannot scroll and tap within those 300 ms, a test can.
       */
      const arrived = async (selector: string) => {
        await visible(selector).waitFor();
        await page.waitForFunction((s) => Array.from(document.querySelectorAll(s)).some((el) => el.closest('.taro_page')?.classList.contains('taro_page_stationed')), selector);
      };

      /** Measures the sheet now on screen, photographs it, scrolls its text to the end and measures again. */
      const check = async (name: string, sheet: string, buttons: readonly [string, string]) => {
        await visible(sheet).waitFor();
        const first = await buttonsInView(page, sheet, buttons);
        problems.push(...first.problems.map((p) => `${name}: ${p}`));
        const shot = await look(page, `sheet-${name}.${lang}.${phone.name}`);
        problems.push(...shot.problems);
        if (first.scrolls) {
          const end = await scrollSheetToEnd(page, sheet);
          if (end) problems.push(`${name}: ${end}`);
          const after = await buttonsInView(page, sheet, buttons);
          problems.push(...after.problems.map((p) => `${name}, scrolled to the end: ${p}`));
        }
        measured.push(`${name}${first.scrolls ? ' (scrolls)' : ''}`);
      };

      // The first-run sheet.
      await page.goto(`${server.url}/#/pages/index/index`);
      await check('first-run', '#privacy-sheet', ['privacy-refuse', 'privacy-agree']);
      await visible('#privacy-agree').click();
      await visible('#privacy-sheet').waitFor({ state: 'detached' });

      // A member, then every separate consent the centre's switches ask for.
      await visible('#nav-me').click();
      await visible('#birth-year input').fill('1990');
      await visible('#birth-month input').fill('5');
      await visible('#register').click();
      await visible('#member-badge').waitFor();
      await visible('#me-privacy-centre').click();
      await arrived('#centre');
      for (const purpose of CENTRE_PURPOSES) {
        await visible(`#consent-switch-${purpose}`).click();
        await check(`consent-${purpose}`, `#consent-sheet[data-purpose="${purpose}"]`, ['consent-refuse', 'consent-agree']);
        await visible('#consent-refuse').click();
        await visible('#consent-sheet').waitFor({ state: 'detached' });
      }
      await visible('#back').click();

      // The dealer's sheet, asked where the dealer is picked.
      await arrived('#book-dealer');
      await visible('#book-dealer').click();
      await visible('#dealer-dealer-shanghai-1').click();
      await page.locator('#dealer-booking:visible [id^="dealer-day-"]').nth(1).click();
      await visible('#dealer-confirm').click();
      await check('consent-dealer-sharing', '#consent-sheet[data-purpose="dealer-sharing"]', ['consent-refuse', 'consent-agree']);
      await visible('#consent-refuse').click();
      await visible('#consent-sheet').waitFor({ state: 'detached' });

      // The purpose sheets before the camera and the location prompts.
      await visible('#me-warranty').click();
      await arrived('#warranty-scan');
      await visible('#warranty-scan').click();
      await check('purpose-camera', '#purpose-sheet', ['purpose-not-now', 'purpose-continue']);
      await visible('#purpose-not-now').click();
      await visible('#back').click();
      await visible('#me-boutiques').click();
      await arrived('#boutiques-locate');
      await visible('#boutiques-locate').click();
      await check('purpose-location', '#purpose-sheet', ['purpose-not-now', 'purpose-continue']);
      await visible('#purpose-not-now').click();

      // The re-consent sheet of a material version.
      const doc = JSON.parse(JSON.stringify(BUNDLED_POLICY)) as PolicyDocument;
      for (const l of ['zh', 'en'] as const) doc.texts[l].sections.find((s) => s.id === 'your-choices')!.blocks.push({ type: 'paragraph', text: `sheets ${l}` });
      const admin = async <T>(path: string, body: unknown): Promise<T> => {
        const res = await fetch(`${server.url}${path}`, { method: 'POST', headers: { authorization: `Bearer ${server.firstOpsToken}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
        if (!res.ok) throw new Error(`POST ${path}: ${res.status} ${await res.text()}`);
        return (await res.json()) as T;
      };
      const { version } = await admin<{ version: number }>('/v1/admin/policies', { content: doc });
      await admin(`/v1/admin/policies/${version}/publish`, { material: true, summary: { zh: '新增物流合作伙伴，并更新了您的选择一节。', en: 'A new logistics partner, and an updated "your choices" section.' }, override: PUBLISH_OVERRIDE });
      await admin(`/v1/admin/policies/${version}/activate`, {});
      await page.goto('about:blank');
      await page.goto(`${server.url}/#/pages/index/index`);
      await check('reconsent', '#reconsent-sheet', ['reconsent-refuse', 'reconsent-agree']);

      expect(watch.problems).toEqual([]);
    } finally {
      await chromium.close();
      await server.close();
    }
    // Every sheet was reached (a flow that stopped early would measure nothing).
    expect(measured.map((m) => m.replace(' (scrolls)', ''))).toEqual([
      'first-run',
      ...CENTRE_PURPOSES.map((p) => `consent-${p}`),
      'consent-dealer-sharing',
      'purpose-camera',
      'purpose-location',
      'reconsent',
    ]);
    // The long sheets really are longer than the small screen: their text scrolls (what is measured above).
    if (phone.name === '320x568') expect(measured).toEqual(expect.arrayContaining(['first-run (scrolls)', 'consent-cross-border (scrolls)', 'consent-personalisation (scrolls)']));
    expect(problems).toEqual([]);
  });
});
