/**
 * Network capture (regulator item 11, MASTG-TEST-0206): the h5 app in Chromium goes through its
 * flows — first run, agreement, registration, personalised recommendations, newsletter, dealer
 * appointment, international warranty, analytics, privacy centre switches and export, account
 * cancellation and its undo, signing out and in again — while every request it makes is recorded.
 * Every field it sends must be declared: personal information by a row of the collection list,
 * anything else with the reason it is not personal (`src/privacy/data/sent-fields.ts`). Nothing
 * personal leaves before agreement, and nothing goes to another origin.
 */
import type { Page, Request } from 'playwright-core';
import type { RunningServer } from '../../server/src';
import { COLLECTION_LIST } from '../../src/shop/privacy-content';
import { SENT_FIELDS, sentFieldKey } from '@maison/privacy/config';
import { launchChromium, type LaunchedBrowser } from '../browser/chromium';
import { startShop } from '../browser/shopServer';
import { startFakeSms, type FakeSms } from '../../server/test/fakeSms';

jest.setTimeout(300_000);

interface Captured {
  method: string;
  url: URL;
  headers: Record<string, string>;
  body: string | null;
  beforeAgreement: boolean;
}

/** Field paths of a JSON value: `events[].deviceId`, `code`, … (leaves only). */
function paths(value: unknown, prefix = ''): string[] {
  if (Array.isArray(value)) return value.length ? [...new Set(value.flatMap((v) => paths(v, `${prefix}[]`)))] : [`${prefix}[]`];
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => paths(v, prefix ? `${prefix}.${k}` : k));
  return [prefix];
}

/** The HTTP headers the app itself sets (the browser's own headers are not the app's data). */
const APP_HEADERS = ['authorization', 'idempotency-key', 'if-none-match', 'x-device-id', 'x-user-id'];

/** Every sent field of one request as `METHOD /path/:n where:field`. */
function fieldsOf(r: Captured): string[] {
  const out = new Set<string>();
  for (const k of r.url.searchParams.keys()) out.add(sentFieldKey(r.method, r.url.pathname, 'query', k));
  for (const h of APP_HEADERS) if (r.headers[h] !== undefined) out.add(sentFieldKey(r.method, r.url.pathname, 'header', h));
  if (r.body) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(r.body);
    } catch {
      parsed = { '(unparsed body)': r.body };
    }
    for (const p of paths(parsed)) out.add(sentFieldKey(r.method, r.url.pathname, 'body', p));
  }
  return [...out];
}

let server: RunningServer;
let sms: FakeSms;
let chromium: LaunchedBrowser;

beforeAll(async () => {
  // The guardian's code goes out through the shop's SMS provider: a fake Tencent Cloud SMS on loopback.
  sms = await startFakeSms();
  server = await startShop({ coolingOffSeconds: 600, env: sms.env() });
  chromium = await launchChromium();
});
afterAll(async () => {
  await chromium?.close();
  await server?.close();
  await sms?.close();
});

test('every field the h5 app sends is declared in the collection list or as non-personal', async () => {
  const page: Page = await chromium.browser.newPage();
  const captured: Captured[] = [];
  let agreed = false;
  const capture = (on: Page) =>
    on.on('request', (req: Request) => {
      const url = new URL(req.url());
      if (url.protocol === 'data:' || url.protocol === 'blob:') return;
      captured.push({ method: req.method(), url, headers: req.headers(), body: req.postData(), beforeAgreement: !agreed });
    });
  capture(page);
  const consentIfAsked = async () => {
    // The separate-consent sheet appears for a consent not yet given.
    const sheet = page.locator('#consent-sheet');
    await sheet.waitFor({ timeout: 5_000 }).catch(() => undefined);
    if (await sheet.count()) {
      await page.locator('#consent-agree').click();
      await sheet.waitFor({ state: 'detached' });
    }
  };
  const note = async (text: RegExp | null = null) => {
    await page.waitForSelector('#membership-note');
    if (text) expect(await page.locator('#membership-note').innerText()).toMatch(text);
  };

  // First run: the sheet, nothing personal yet.
  await page.goto(`${server.url}/#/pages/index/index`);
  await page.waitForSelector('#privacy-sheet');
  await page.waitForTimeout(500);
  agreed = true;
  await page.locator('#privacy-agree').click();
  await page.waitForSelector('#privacy-sheet', { state: 'detached' });

  // Registration (age step), then member features, each behind its separate consent.
  await page.locator('#nav-me').click();
  await page.locator('#birth-year input').fill('1990');
  await page.locator('#birth-month input').fill('6');
  await page.locator('#register').click();
  await page.waitForSelector('#member-badge');
  await page.locator('#newsletter-subscribe').click();
  await consentIfAsked();
  await note();
  // A dealer appointment: the dealer and the day are chosen first.
  await page.locator('#book-dealer').click();
  await page.locator('#dealer-dealer-shanghai-1').click();
  await page.locator('.mb-days [id^="dealer-day-"]').first().click();
  await page.locator('#dealer-confirm').click();
  await consentIfAsked();
  await note();
  // An international warranty: the card number is typed, the cross-border consent asked on registering.
  await page.locator('#warranty-international').click();
  await page.locator('#warranty-type-instead').click();
  await page.locator('#warranty-number input').fill('CW-2024-000123');
  await page.locator('#warranty-submit').click();
  await consentIfAsked();
  await page.waitForSelector('#warranty-result');
  await page.goBack();

  // Personalised recommendations: products opened with the consent are recorded and shape them.
  await page.goto(`${server.url}/#/pages/index/index`);
  await page.waitForSelector('#recommendations');
  await page.locator('#enable-personalisation').click();
  await consentIfAsked();
  await page.locator('#product-santos').click();
  await page.waitForSelector('#product-sheet [data-recorded="yes"]');
  await page.locator('#product-sheet-close').click();
  await page.waitForSelector('#recommendations[data-personalised="yes"]');

  // Privacy centre: analytics switch on (page views are then sent), export, cancellation and undo.
  await page.goto(`${server.url}/#/pages/me/index`);
  await page.locator('#me-privacy-centre').click();
  await page.waitForSelector('#centre');
  await page.locator('#consent-switch-tracking-analytics').click();
  // Switched on, the consent's own sheet opens; it counts once agreed there.
  await page.waitForSelector('#consent-sheet[data-purpose="tracking-analytics"]');
  await page.locator('#consent-agree').click();
  // The profile the server holds, corrected.
  await page.locator('#profile-nickname input').fill('小林');
  await page.locator('#profile-phone input').fill('13800138000');
  await page.locator('#profile-save').click();
  await page.waitForResponse((r) => r.url().endsWith('/v1/me/profile') && r.request().method() === 'PUT');
  await page.locator('#centre-export').click();
  await page.waitForSelector('#centre-export-summary');
  await page.locator('#centre-cancel-account').click();
  await page.waitForSelector('#cancel-explanation');
  await page.locator('#cancel-reason textarea').fill('不再使用');
  await page.locator('#cancel-confirm').click();
  await page.locator('#cancel-submit').click();
  await page.waitForSelector('#cancel-status');
  await page.locator('#cancel-undo').click();
  await page.waitForSelector('#cancel-withdrawn');
  await page.goto(`${server.url}/#/pages/index/index`);
  await page.waitForSelector('#catalogue');
  await page.waitForTimeout(1_000); // the outbox and the page-view call
  // Last, sign out on every device from the centre.
  await page.goto(`${server.url}/#/pages/me/index`);
  await page.locator('#me-privacy-centre').click();
  await page.waitForSelector('#centre');
  await page.locator('#centre-sign-out-everywhere').click();
  // ("Me", under the centre, now says the shopper signed out too: the centre's own note is the one.)
  await page.locator('#centre-note').getByText(/^已退出登录。/).waitFor();
  // And back with one tap: a returning member's sign-in (existing: true: it never makes an account).
  await page.goto(`${server.url}/#/pages/me/index`);
  await page.locator('#member-sign-in').click();
  await page.waitForSelector('#member-badge');
  await page.close();

  // On another phone, a 15-year-old joins with the code sent to the guardian's number.
  const teenPhone = await launchChromium();
  const teen = teenPhone.browser.pages()[0] ?? (await teenPhone.browser.newPage());
  capture(teen);
  agreed = false; // the first phone is closed: what is captured now is the new phone's
  await teen.goto(`${server.url}/#/pages/index/index`);
  await teen.waitForSelector('#privacy-sheet');
  await teen.waitForTimeout(500);
  agreed = true;
  await teen.locator('#privacy-agree').click();
  await teen.waitForSelector('#privacy-sheet', { state: 'detached' });
  await teen.locator('#nav-me').click();
  await teen.locator('#birth-year input').fill(String(new Date().getFullYear() - 15));
  await teen.locator('#birth-month input').fill('1');
  await teen.locator('#register').click();
  await teen.locator('#guardian-phone input').fill('13912340009');
  await teen.locator('#guardian-send-code').click();
  await teen.waitForSelector('#guardian-code');
  await teen.locator('#guardian-code input').fill(sms.lastCode('+8613912340009')!);
  await teen.locator('#guardian-confirm').click();
  await teen.waitForSelector('#member-badge');
  await teenPhone.close();

  const origin = new URL(server.url).origin;
  const api = captured.filter((r) => r.url.origin === origin && r.url.pathname.startsWith('/v1/'));
  // Nothing to another origin (no third-party SDK, font or tracker).
  expect(captured.filter((r) => r.url.origin !== origin).map((r) => r.url.href)).toEqual([]);

  // The flows really ran: each endpoint that carries personal information was called.
  const called = new Set(api.map((r) => `${r.method} ${r.url.pathname}`));
  for (const endpoint of [
    'POST /v1/sessions',
    'POST /v1/me/consents',
    'GET /v1/shop/recommendations',
    'POST /v1/shop/newsletter',
    'POST /v1/shop/dealer-appointments',
    'POST /v1/shop/warranties',
    'GET /v1/shop/warranties',
    'POST /v1/shop/product-views',
    'POST /v1/shop/analytics',
    'GET /v1/me/export',
    'POST /v1/me/cancellation',
    'POST /v1/me/cancellation/withdrawal',
    'POST /v1/sessions/sign-out',
    'GET /v1/cancellation/terms',
    'PUT /v1/me/profile',
    'POST /v1/guardian-codes',
  ]) {
    expect({ endpoint, called: called.has(endpoint) }).toEqual({ endpoint, called: true });
  }

  const rows = new Map(COLLECTION_LIST.map((r) => [r.id, r]));
  const table: string[] = [];
  const undeclared: string[] = [];
  const personalBeforeAgreement: string[] = [];
  for (const r of api) {
    for (const field of fieldsOf(r)) {
      const declared = SENT_FIELDS[field];
      if (!declared) undeclared.push(field);
      else if ('row' in declared) {
        expect({ field, rowExists: rows.has(declared.row) }).toEqual({ field, rowExists: true });
        if (r.beforeAgreement) personalBeforeAgreement.push(field);
      }
      const line = `${field} → ${declared ? ('row' in declared ? `collection list: ${declared.row}` : `not personal: ${declared.technical}`) : 'UNDECLARED'}`;
      if (!table.includes(line)) table.push(line);
    }
  }
  console.log(`network capture: ${api.length} API requests, ${table.length} distinct fields\n${table.map((l) => `  ${l}`).join('\n')}`);
  expect(undeclared).toEqual([]);
  expect(personalBeforeAgreement).toEqual([]);
  // The declarations are not padding: every declared field was seen in this run.
  const seen = new Set(api.flatMap(fieldsOf));
  expect(Object.keys(SENT_FIELDS).filter((f) => !seen.has(f))).toEqual([]);
});
