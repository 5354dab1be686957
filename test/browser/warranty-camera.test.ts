/**
 * The warranty scan of the h5 build in real Chromium with a fake camera: Chromium's capture device
 * plays a YUV4MPEG2 file showing a warranty card's QR code, the page shows the camera in a
 * `<video>`, decodes the frames and registers the number. A camera that never starts, or one the
 * browser blocks, falls back to typing the number and says so.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import type { RunningServer } from '../../server/src';
import { launchChromium, type ConsoleExpectations, type LaunchedBrowser } from './chromium';
import { writeQrVideo } from './qrVideo';
import { startShop } from './shopServer';

jest.setTimeout(180_000);

const SHOTS = join(__dirname, '..', '..', 'test-output', 'screenshots');
const CARD = 'CW-2024-000123';

let server: RunningServer;
let chromium: LaunchedBrowser | undefined;
let videos: string;

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  videos = mkdtempSync(join(tmpdir(), 'warranty-video-'));
  writeQrVideo(join(videos, 'card.y4m'), CARD.toLowerCase());
  writeQrVideo(join(videos, 'blank.y4m'), null, { background: 110 });
  writeQrVideo(join(videos, 'other.y4m'), 'https://example.com/not-a-card');
  server = await startShop();
});

afterEach(async () => {
  await chromium?.close();
  chromium = undefined;
});

afterAll(async () => {
  await server?.close();
  rmSync(videos, { recursive: true, force: true });
});

const fakeCamera = (video: string): string[] => [
  '--use-fake-ui-for-media-stream',
  '--use-fake-device-for-media-stream',
  `--use-file-for-fake-video-capture=${join(videos, video)}`,
];

/** A phone-sized tab (390×844 at 2×) with the fake camera playing `video`. */
async function phone(video: string, locale = 'zh-CN', setup: (context: BrowserContext) => Promise<void> = async () => undefined, expectations: ConsoleExpectations = {}): Promise<Page> {
  chromium = await launchChromium({ locale, deviceScaleFactor: 2 }, fakeCamera(video), expectations);
  await setup(chromium.browser);
  return chromium.browser.pages()[0] ?? (await chromium.browser.newPage());
}

/** Agrees on the first-run sheet, joins as an adult member and walks Me → Register a warranty. */
async function openWarranty(page: Page): Promise<void> {
  await page.goto(`${server.url}/#/pages/index/index`);
  await page.locator('#privacy-agree').click();
  await page.locator('#privacy-sheet').waitFor({ state: 'detached' });
  await page.locator('#nav-me').click();
  await page.locator('#birth-year input').fill('1990');
  await page.locator('#birth-month input').fill('5');
  await page.locator('#register').click();
  await page.locator('#member-badge').waitFor();
  await page.locator('#me-warranty').click();
  await page.locator('#warranty-scan').waitFor();
}

/** The registrations of `serial` the server has stored (read from its database, not the page). */
async function stored(serial: string): Promise<{ user_id: string; international: boolean }[]> {
  return server.app.database.db.selectFrom('shop_warranties').select(['user_id', 'international']).where('serial', '=', serial).execute();
}

/** JS files the page fetched, by name. */
function scripts(page: Page): string[] {
  const seen: string[] = [];
  page.on('request', (r) => {
    if (r.resourceType() === 'script') seen.push(new URL(r.url()).pathname);
  });
  return seen;
}

test('camera allowed: the camera opens in the page, reads the QR code of the card and registers its number', async () => {
  const page = await phone('card.y4m', 'zh-CN', (c) => c.grantPermissions(['camera'], { origin: server.url }));
  const fetched = scripts(page);
  await openWarranty(page);
  expect(fetched.some((p) => /jsqr/.test(p))).toBe(false);

  await page.locator('#warranty-scan').click();
  // Already allowed in the browser: no purpose sheet in front of a prompt that never comes.
  await page.locator('video#warranty-camera').waitFor();
  expect(await page.locator('#purpose-sheet').count()).toBe(0);
  const before = (await stored(CARD)).length;
  await page.locator('#warranty-result').waitFor({ timeout: 15_000 });
  expect(await page.locator('#warranty-result').innerText()).toBe(`保修卡 ${CARD} 已登记。`);
  // Stored on the server, once, and listed back from it.
  expect((await stored(CARD)).length).toBe(before + 1);
  await page.locator(`#warranty-card-${CARD}`).waitFor();
  // Registered: the camera view is gone and its tracks released.
  expect(await page.locator('video#warranty-camera').count()).toBe(0);
  expect(await page.locator('#warranty-manual').count()).toBe(0);
  // Chromium on Linux has no QR-capable BarcodeDetector, so the library was fetched, on demand.
  const detector = await page.evaluate(() => 'BarcodeDetector' in globalThis);
  if (!detector) expect(fetched.filter((p) => /jsqr/.test(p))).toHaveLength(1);
});

test('a QR code that is not a warranty card says so and the camera keeps looking', async () => {
  const page = await phone('other.y4m', 'zh-CN', (c) => c.grantPermissions(['camera'], { origin: server.url }));
  await openWarranty(page);
  await page.locator('#warranty-scan').click();
  await page.locator('#warranty-problem').waitFor({ timeout: 15_000 });
  expect(await page.locator('#warranty-problem').innerText()).toBe('扫码未完成，请重试或手动输入编号。');
  expect(await page.locator('video#warranty-camera').count()).toBe(1);
  expect(await page.locator('#warranty-result').count()).toBe(0);
});

for (const [locale, lang, ready] of [
  ['zh-CN', 'zh', '摄像头已就绪，正在识别二维码…'],
  ['en-US', 'en', 'Camera ready; looking for the QR code…'],
] as const) {
  test(`camera view (${lang}): the live picture at the phone's width, with its state`, async () => {
    const page = await phone('blank.y4m', locale, (c) => c.grantPermissions(['camera'], { origin: server.url }));
    await openWarranty(page);
    await page.locator('#warranty-scan').click();
    const video = page.locator('video#warranty-camera');
    await video.waitFor();
    await page.waitForFunction(() => {
      const v = document.querySelector('video#warranty-camera') as HTMLVideoElement | null;
      return v !== null && v.dataset.decoder !== undefined && v.videoWidth > 0;
    });
    expect(await page.locator('#warranty-camera-state').innerText()).toBe(ready);
    // A real picture: the fake device's frame size, playing.
    const state = await video.evaluate((v: HTMLVideoElement) => ({ w: v.videoWidth, h: v.videoHeight, paused: v.paused }));
    expect(state).toEqual({ w: 640, h: 480, paused: false });
    const box = await video.boundingBox();
    expect(box && box.x >= 0 && box.x + box.width <= 390).toBe(true);
    await page.locator('#warranty-camera-box').scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(SHOTS, `warranty-camera-${lang}.png`) });
  });
}

for (const [locale, lang, message] of [
  ['zh-CN', 'zh', '摄像头在 6 秒内未能打开，请在下方输入保修卡上印的编号。'],
  ['en-US', 'en', 'The camera did not open within 6 seconds; please type the number printed on the card below.'],
] as const) {
  test(`a camera that never starts (${lang}): after a few seconds, typing the number, and the page says why`, async () => {
    const page = await phone('blank.y4m', locale, async (c) => {
      await c.grantPermissions(['camera'], { origin: server.url });
      // A camera driver that never answers: getUserMedia neither resolves nor rejects.
      await c.addInitScript(() => {
        Object.defineProperty(navigator.mediaDevices, 'getUserMedia', { value: () => new Promise(() => undefined) });
      });
    });
    await openWarranty(page);
    const started = Date.now();
    await page.locator('#warranty-scan').click();
    await page.locator('#warranty-camera-state').waitFor();
    await page.locator('#warranty-manual').waitFor({ timeout: 15_000 });
    expect(Date.now() - started).toBeGreaterThanOrEqual(5_000);
    expect(await page.locator('#warranty-camera-failed').innerText()).toBe(message);
    expect(await page.locator('video#warranty-camera').count()).toBe(0);
    await page.locator('#warranty-manual').scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(SHOTS, `warranty-fallback-${lang}.png`) });

    // The fallback works: the typed number is registered.
    await page.locator('#warranty-number input').fill(CARD);
    await page.locator('#warranty-submit').click();
    await page.locator('#warranty-result').waitFor();
    expect(await page.locator('#warranty-result').innerText()).toContain(CARD);
  });
}

test('a camera that shows no QR code: after 15 s the page says so and offers typing the number', async () => {
  const page = await phone('blank.y4m', 'zh-CN', (c) => c.grantPermissions(['camera'], { origin: server.url }));
  await openWarranty(page);
  await page.locator('#warranty-scan').click();
  await page.waitForFunction(() => (document.querySelector('video#warranty-camera') as HTMLVideoElement | null)?.dataset.decoder !== undefined);
  const ready = Date.now();
  expect(await page.locator('#warranty-manual').count()).toBe(0);
  await page.locator('#warranty-no-code').waitFor({ timeout: 25_000 });
  expect(Date.now() - ready).toBeGreaterThanOrEqual(14_000);
  expect(await page.locator('#warranty-no-code').innerText()).toBe('15 秒内未识别到二维码。请将保修卡上的二维码对准取景框，或在下方输入卡上印的编号。');
  expect(await page.locator('#warranty-camera-state').innerText()).toBe('未识别到二维码，摄像头仍在识别。');
  // The camera keeps looking, and the typed number is offered beside it.
  expect(await page.locator('video#warranty-camera').count()).toBe(1);
  await page.locator('#warranty-manual').scrollIntoViewIfNeeded();
  await page.screenshot({ path: join(SHOTS, 'warranty-no-code-zh.png') });
  await page.locator('#warranty-number input').fill('CW-2024-NOQR01');
  await page.locator('#warranty-submit').click();
  await page.locator('#warranty-result').waitFor();
  expect(await stored('CW-2024-NOQR01')).toHaveLength(1);
});

test('typed number: "registered" only after the server stored it; a lost answer is retried without a duplicate', async () => {
  // The lost answer is logged by the browser as a failed request: the one error this test expects.
  const page = await phone('blank.y4m', 'en-US', undefined, { allowConsoleErrors: [/ERR_CONNECTION_RESET|ERR_FAILED/] });
  await openWarranty(page);
  const serial = 'CW-2024-RETRY1';
  // The first answer is lost on the way back: the server stored the card, the page never hears it.
  let lost = 0;
  await page.route('**/v1/shop/warranties', async (route) => {
    if (route.request().method() !== 'POST' || lost > 0) return route.continue();
    lost += 1;
    await route.fetch();
    await route.abort('connectionreset');
  });
  await page.locator('#warranty-type-instead').click();
  await page.locator('#warranty-number input').fill('not ok');
  await page.locator('#warranty-submit').click();
  await page.locator('#warranty-invalid').waitFor();
  expect(await page.locator('#warranty-number').getAttribute('aria-invalid')).toBe('true');
  await page.locator('#warranty-number input').fill(serial);
  await page.locator('#warranty-submit').click();
  await page.locator('#warranty-send-failed').waitFor();
  expect(await page.locator('#warranty-result').count()).toBe(0);
  expect(await page.locator('#warranty-send-failed').innerText()).toContain(`We could not confirm that warranty card ${serial} is registered`);
  await page.locator('#warranty-send-failed').scrollIntoViewIfNeeded();
  await page.screenshot({ path: join(SHOTS, 'warranty-send-failed-en.png') });
  expect(await stored(serial)).toHaveLength(1);

  await page.locator('#warranty-retry').click();
  await page.locator('#warranty-result').waitFor();
  expect(await page.locator('#warranty-result').innerText()).toBe(`Warranty card ${serial} registered.`);
  expect(await stored(serial)).toHaveLength(1);
  await page.screenshot({ path: join(SHOTS, 'warranty-registered-en.png') });
});

test('the camera blocked in the site settings: no prompt, typing the number, and the hint says how to allow it', async () => {
  const page = await phone('card.y4m');
  // Blocked before the shop is opened (openWarranty's visit is the only one: going to the same
  // address a second time is a same-document hash change that can leave two index pages mounted).
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Browser.setPermission', { permission: { name: 'camera' }, setting: 'denied', origin: server.url });
  await openWarranty(page);
  await page.locator('#warranty-scan').click();
  await page.locator('#warranty-manual').waitFor();
  expect(await page.locator('#purpose-sheet').count()).toBe(0);
  expect(await page.locator('video#warranty-camera').count()).toBe(0);
  expect(await page.locator('#hint-camera-text').innerText()).toContain('浏览器未允许本网站使用摄像头');
  expect(await page.locator('#hint-camera-settings').count()).toBe(1);
});
