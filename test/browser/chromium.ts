/** Launches Debian's Chromium through playwright-core (no browser downloads on these machines). */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions } from 'playwright-core';

/** Where Chromium is expected (`CHROMIUM_PATH` overrides). */
export function chromiumPath(): string {
  return process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
}

export interface LaunchedBrowser {
  browser: BrowserContext;
  close(): Promise<void>;
}

/**
 * A fresh persistent context in its own user-data dir; throws with the fix when Chromium is missing.
 * `extraArgs` are added to the launch flags (e.g. a fake camera).
 */
export async function launchChromium(options: BrowserContextOptions = {}, extraArgs: readonly string[] = []): Promise<LaunchedBrowser> {
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
  return {
    browser: context,
    async close() {
      await context.close();
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

export type { Browser };
