/** Launches Debian's Chromium through playwright-core (no browser downloads on these machines). */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from 'playwright-core';

/** Where Chromium is expected (`CHROMIUM_PATH` overrides). */
export function chromiumPath(): string {
  return process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
}

export interface LaunchedBrowser {
  browser: BrowserContext;
  /** Console errors and uncaught exceptions seen so far on any page of the context. */
  consoleErrors: string[];
  /** Closes the browser; throws when any page logged a console error or threw (see `launchChromium`). */
  close(): Promise<void>;
}

/** What a test expects to see logged as an error, by the logged text (with its source URL). */
export interface ConsoleExpectations {
  /** Console errors the test provokes on purpose (e.g. a 401 from a refused sign-in). */
  allowConsoleErrors?: readonly RegExp[];
}

/** Starts collecting a page's console errors and uncaught exceptions into `into`. */
function collectErrors(page: Page, into: string[], allowed: readonly RegExp[]): void {
  page.on('console', (m) => {
    if (m.type() !== 'error') return;
    const text = `${m.text()} ${m.location().url ?? ''}`.trim();
    if (allowed.some((re) => re.test(text))) return;
    into.push(`console error on ${page.url()}: ${text}`);
  });
  page.on('pageerror', (e) => into.push(`uncaught on ${page.url()}: ${e.message}`));
}

/**
 * A fresh persistent context in its own user-data dir; throws with the fix when Chromium is missing.
 * `extraArgs` are added to the launch flags (e.g. a fake camera). Every page of the context is
 * watched: `close()` fails the test when any logged a console error (a failed request included)
 * or threw, unless `expect.allowConsoleErrors` names it.
 */
export async function launchChromium(options: BrowserContextOptions = {}, extraArgs: readonly string[] = [], expect: ConsoleExpectations = {}): Promise<LaunchedBrowser> {
  const path = chromiumPath();
  if (!existsSync(path)) {
    throw new Error(`Chromium not found at ${path}. Install it: apt-get install -y chromium fonts-wqy-microhei`);
  }
  const userDataDir = mkdtempSync(join(tmpdir(), 'privacy-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: path,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      ...extraArgs,
    ],
    viewport: { width: 390, height: 844 },
    locale: 'zh-CN',
    ...options,
  });
  const consoleErrors: string[] = [];
  const allowed = expect.allowConsoleErrors ?? [];
  for (const page of context.pages()) collectErrors(page, consoleErrors, allowed);
  context.on('page', (page) => collectErrors(page, consoleErrors, allowed));
  return {
    browser: context,
    consoleErrors,
    async close() {
      await context.close();
      rmSync(userDataDir, { recursive: true, force: true });
      if (consoleErrors.length > 0) throw new Error(`The browser logged ${consoleErrors.length} error(s):\n${consoleErrors.join('\n')}`);
    },
  };
}

export type { Browser };
