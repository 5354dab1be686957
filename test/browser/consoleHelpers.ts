/** What the console's browser suites share: screenshots with a stray-value check, axe, navigation. */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from 'playwright-core';

export const SHOTS = join(__dirname, '..', '..', 'test-output', 'screenshots');
mkdirSync(SHOTS, { recursive: true });

/** A full-page screenshot `console-<name>.png`; a missing value must never reach the page as "null", "undefined" or "NaN". */
export async function shot(page: Page, name: string): Promise<void> {
  const stray = /.{0,40}\b(null|undefined|NaN)\b.{0,40}/.exec(await page.locator('main').innerText());
  expect({ name, stray: stray?.[0] ?? null }).toEqual({ name, stray: null });
  await page.screenshot({ path: join(SHOTS, `console-${name}.png`), fullPage: true });
}

/** axe on the current page: no violation of any impact. */
export async function axe(page: Page, label: string): Promise<void> {
  const result = await new AxeBuilder({ page: page as never }).analyze();
  const bad = result.violations.map((v) => `${label}: ${v.id} [${v.impact}] (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
  expect(bad).toEqual([]);
}
