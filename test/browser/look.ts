/**
 * What a person notices on a screen, checked on the h5 build in Chromium: screenshots of every
 * page and sheet, pages no wider than the phone, axe (moderate, serious and critical, colour contrast
 * included), buttons of one row alike, console errors and CSP violations, and a pixel comparison
 * with committed reference images.
 *
 * References live in test/browser/reference/. After a layout change made on purpose, rewrite them
 * with `UPDATE_REFERENCES=1 npx tsx scripts/test.ts --selectProjects browser --testPathPatterns look`
 * and commit the new images with the change (look at them first).
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import pixelmatch from 'pixelmatch';
import { PNG } from 'pngjs';
import type { BrowserContext, Locator, Page } from 'playwright-core';
import { ROOT } from '../build';

export const SCREENSHOTS = join(ROOT, 'test-output', 'screenshots');
export const REFERENCES = join(__dirname, 'reference');
/** The phone: 390 × 844 CSS pixels at device scale 2. */
export const PHONE = Object.freeze({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2 });
/** Share of pixels that may differ from a reference (anti-aliasing of text between runs). */
export const REFERENCE_TOLERANCE = 0.002;

/** Console errors, uncaught errors and CSP violations seen on a page, from its first script on. */
export interface PageWatch {
  problems: string[];
}

/**
 * Starts watching a page before it loads anything. `expectedNotFound` lists request paths whose
 * 404 is the contract's answer (the browser logs every 404 as a console error).
 */
export async function watchPage(page: Page, expectedNotFound: readonly string[] = []): Promise<PageWatch> {
  const watch: PageWatch = { problems: [] };
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      console.error(`CSP violation: ${e.violatedDirective} blocked ${e.blockedURI || 'inline code'}`);
    });
  });
  page.on('console', (m) => {
    if (m.type() !== 'error') return;
    const url = m.location().url ?? '';
    if (/status of 404/.test(m.text()) && expectedNotFound.some((p) => new URL(url, 'http://x').pathname === p)) return;
    watch.problems.push(`console error on ${page.url()}: ${m.text()} ${url}`);
  });
  page.on('pageerror', (e) => watch.problems.push(`uncaught on ${page.url()}: ${e.message}`));
  return watch;
}

/** A context whose pages render the same way each run: no motion, no blinking caret. */
export async function steadyContext(context: BrowserContext): Promise<void> {
  await context.addInitScript(() => {
    const style = () => {
      const s = document.createElement('style');
      // Transitions and animations end at once; the caret never blinks into a screenshot.
      s.textContent = '*, *::before, *::after { transition: none !important; animation: none !important; caret-color: transparent !important; }';
      document.head.appendChild(s);
    };
    if (document.head) style();
    else document.addEventListener('DOMContentLoaded', style);
  });
}

/** What is wrong on the screen now; empty when a person would see nothing amiss. */
export async function screenProblems(page: Page): Promise<string[]> {
  const problems = await page.evaluate(() => {
    const out: string[] = [];
    const vw = window.innerWidth;
    if (document.documentElement.scrollWidth > vw) out.push(`document is ${document.documentElement.scrollWidth}px wide on a ${vw}px screen`);
    if ((window.visualViewport?.offsetLeft ?? 0) !== 0) out.push(`page panned sideways by ${window.visualViewport?.offsetLeft}px`);
    const describe = (el: Element) => `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${typeof el.className === 'string' && el.className ? `.${el.className.trim().split(/\s+/).join('.')}` : ''}`;
    const visible = (el: Element) => {
      const r = el.getBoundingClientRect();
      const s = getComputedStyle(el);
      return r.width > 0 && r.height > 0 && s.visibility !== 'hidden' && s.display !== 'none';
    };
    // Every element drawn wider than the screen, or starting off its left or right edge.
    for (const el of Array.from(document.querySelectorAll('body *'))) {
      if (!visible(el)) continue;
      const r = el.getBoundingClientRect();
      if (r.left < -1 || r.right > vw + 1) out.push(`${describe(el)} spans ${Math.round(r.left)}…${Math.round(r.right)}px of ${vw}px`);
    }
    // Buttons side by side: same top, same height, and their text centred on one line.
    const buttons = Array.from(document.querySelectorAll('taro-button-core, button, [role="button"]')).filter(visible);
    const textMiddle = (el: Element) => {
      const range = document.createRange();
      range.selectNodeContents(el);
      const rects = Array.from(range.getClientRects()).filter((r) => r.width > 0);
      if (rects.length === 0) return null;
      return (Math.min(...rects.map((r) => r.top)) + Math.max(...rects.map((r) => r.bottom))) / 2;
    };
    const seen = new Set<Element>();
    for (const a of buttons) {
      const ra = a.getBoundingClientRect();
      const row = buttons.filter((b) => {
        const rb = b.getBoundingClientRect();
        return b.parentElement === a.parentElement && rb.top < ra.bottom && rb.bottom > ra.top;
      });
      if (row.length < 2 || seen.has(a)) continue;
      row.forEach((b) => seen.add(b));
      const rects = row.map((b) => b.getBoundingClientRect());
      const names = row.map(describe).join(' | ');
      if (Math.max(...rects.map((r) => r.height)) - Math.min(...rects.map((r) => r.height)) > 1) out.push(`buttons of one row differ in height: ${names} (${rects.map((r) => Math.round(r.height)).join(' vs ')}px)`);
      if (Math.max(...rects.map((r) => r.top)) - Math.min(...rects.map((r) => r.top)) > 1) out.push(`buttons of one row are not aligned: ${names}`);
      const middles = row.map(textMiddle);
      row.forEach((b, i) => {
        const m = middles[i];
        const r = rects[i];
        if (m !== null && Math.abs(m - (r.top + r.height / 2)) > 2) out.push(`text of ${describe(b)} is not centred (${Math.round(m - r.top)}px of ${Math.round(r.height)}px)`);
      });
    }
    // A control that works must not be marked disabled (Taro's h5 button wrote disabled="false").
    for (const el of Array.from(document.querySelectorAll('[disabled="false"]'))) out.push(`${describe(el)} carries disabled="false"`);
    return out;
  });
  const axe = await new AxeBuilder({ page }).analyze();
  for (const v of axe.violations) {
    if (v.impact !== 'serious' && v.impact !== 'critical' && v.impact !== 'moderate') continue;
    problems.push(`axe ${v.impact} ${v.id}: ${v.nodes.map((n) => n.target.join(' ')).slice(0, 5).join(', ')}`);
  }
  return problems;
}

/** Writes the screenshot `<name>.png` and returns what is wrong on the screen. */
export async function look(page: Page, name: string, options: { mask?: Locator[] } = {}): Promise<{ png: Buffer; problems: string[] }> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.evaluate(() => document.fonts.ready.then(() => undefined));
  await page.waitForTimeout(150);
  const png = await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), animations: 'disabled', caret: 'hide', mask: options.mask, maskColor: '#c8c8c8' });
  const problems = (await screenProblems(page)).map((p) => `${name}: ${p}`);
  return { png, problems };
}

/**
 * Compares a screenshot with its committed reference; writes `<name>.diff.png` when they differ.
 * Returns the problem, or null. With UPDATE_REFERENCES=1 the reference is rewritten instead.
 */
export function compareWithReference(png: Buffer, name: string): string | null {
  const path = join(REFERENCES, `${name}.png`);
  if (process.env.UPDATE_REFERENCES === '1') {
    mkdirSync(REFERENCES, { recursive: true });
    writeFileSync(path, png);
    return null;
  }
  if (!existsSync(path)) return `${name}: no reference image at ${path} (write it on purpose with UPDATE_REFERENCES=1)`;
  const actual = PNG.sync.read(png);
  const expected = PNG.sync.read(readFileSync(path));
  if (actual.width !== expected.width || actual.height !== expected.height) {
    return `${name}: ${actual.width}×${actual.height} screenshot against a ${expected.width}×${expected.height} reference`;
  }
  const diff = new PNG({ width: actual.width, height: actual.height });
  const differing = pixelmatch(actual.data, expected.data, diff.data, actual.width, actual.height, { threshold: 0.1 });
  const share = differing / (actual.width * actual.height);
  if (share <= REFERENCE_TOLERANCE) return null;
  writeFileSync(join(SCREENSHOTS, `${name}.diff.png`), PNG.sync.write(diff));
  return `${name}: ${(share * 100).toFixed(2)} % of pixels differ from the reference (see ${name}.diff.png)`;
}

/** Where a heading sits on screen: it must be inside the viewport, near its top. */
export async function headingOnScreen(page: Page, selector: string): Promise<string | null> {
  const box = await page.locator(selector).evaluate((n) => {
    const r = n.getBoundingClientRect();
    // What a person sees at the heading's first line: the heading itself, not a bar over it.
    const seen = document.elementFromPoint(r.left + 8, r.top + 8);
    return { top: r.top, height: window.innerHeight, covered: !seen || !n.contains(seen) };
  });
  if (box.top < 0 || box.top >= box.height * 0.5) return `${selector} is at ${Math.round(box.top)}px of a ${box.height}px screen`;
  return box.covered ? `${selector} is covered by another element` : null;
}
