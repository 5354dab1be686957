/**
 * The request desk in the ops console, in real Chromium against the real backend: shoppers'
 * requests made through the shopper API appear earliest deadline first with what they are about;
 * a refusal without its reason is stopped in the page and sends nothing; a refusal with it reaches
 * the shopper; a viewer sees the queue and cannot answer; axe finds nothing, in both languages.
 */
import type { Page } from 'playwright-core';
import type { RightsRequest } from '@maison/privacy/contract';
import { startServer, type RunningServer } from '../../server/src';
import { launchChromium, type LaunchedBrowser } from './chromium';
import { axe, shot } from './consoleHelpers';

jest.setTimeout(240_000);

let server: RunningServer;
let chromium: LaunchedBrowser;
let page: Page;
let publisherToken: string;
let viewerToken: string;
const problems: string[] = [];
const decisions: string[] = [];

async function asShopper(name: string): Promise<{ token: string; ask(body: Record<string, unknown>): Promise<RightsRequest>; mine(): Promise<RightsRequest[]> }> {
  const login = (await fetch(`${server.url}/v1/sessions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code: `dev:${name}` }) }).then((r) => r.json())) as { token: string };
  const headers = { 'content-type': 'application/json', authorization: `Bearer ${login.token}` };
  let n = 0;
  return {
    token: login.token,
    ask: async (body) => {
      const res = await fetch(`${server.url}/v1/me/requests`, { method: 'POST', headers: { ...headers, 'idempotency-key': `${name}-key-${String(++n).padStart(4, '0')}` }, body: JSON.stringify(body) });
      expect(res.status).toBe(202);
      return (await res.json()) as RightsRequest;
    },
    mine: async () => ((await fetch(`${server.url}/v1/me/requests`, { headers }).then((r) => r.json())) as { requests: RightsRequest[] }).requests,
  };
}

async function signIn(token: string): Promise<void> {
  // Each test starts signed out, whatever the one before left.
  await page.context().clearCookies();
  await page.goto(`${server.url}/ops`);
  await page.waitForSelector('#sign-in-token');
  await page.locator('#sign-in-token').fill(token);
  await page.locator('#sign-in-submit').click();
  await page.waitForSelector('#page-versions');
}

async function openDesk(): Promise<void> {
  await page.locator('#nav-requests').click();
  await page.waitForSelector('#requests-list, #requests-none');
}

beforeAll(async () => {
  server = await startServer({ port: 0, dataDir: null, devLogin: true, logLevel: 'silent', purgeIntervalSeconds: 0, env: { ...process.env, NODE_ENV: 'test' } });
  const { ops } = server.app.repos;
  const inAWeek = new Date(Date.now() + 7 * 24 * 3600 * 1000);
  publisherToken = (await ops.createToken({ name: 'alice', role: 'publisher', expiresAt: inAWeek, createdBy: 'test' })).token;
  viewerToken = (await ops.createToken({ name: 'victor', role: 'viewer', expiresAt: inAWeek, createdBy: 'test' })).token;
  chromium = await launchChromium({ viewport: { width: 1280, height: 900 } });
  page = await chromium.browser.newPage();
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console: ${m.text()}`);
  });
  page.on('response', (r) => {
    if (r.status() >= 400) problems.push(`${r.status()} ${r.url()}`);
  });
  page.on('request', (r) => {
    if (r.method() === 'POST' && r.url().includes('/decision')) decisions.push(r.url());
  });
});

afterAll(async () => {
  await chromium?.close();
  await server?.close();
});

test('a publisher answers the queue: a refusal needs its reason in both languages, and the shopper reads it', async () => {
  const mei = await asShopper('desk-mei');
  const deletion = await mei.ask({ type: 'deletion', categories: ['orders', 'registration-profile'], code: 'dev:desk-mei' });
  const tom = await asShopper('desk-tom');
  const complaint = await tom.ask({ type: 'complaint', details: 'I asked by e-mail a month ago and nobody answered.' });

  await signIn(publisherToken);
  await openDesk();
  const cards = page.locator('#requests-list > li');
  expect(await cards.count()).toBe(2);
  // Earliest deadline first: the deletion was received first.
  expect(await cards.nth(0).getAttribute('data-id')).toBe(deletion.id);
  const card = page.locator(`li[data-id="${deletion.id}"]`);
  expect(await card.locator('h2').innerText()).toMatch(/^删除\s+已收到$/);
  // The rows by their names in the collection list in force, not their ids.
  expect(await card.locator('.request-categories').innerText()).not.toMatch(/orders|registration-profile/);
  expect(await page.locator(`li[data-id="${complaint.id}"] .request-details`).innerText()).toBe('I asked by e-mail a month ago and nobody answered.');
  expect(await card.innerText()).toMatch(/剩余 1[45] 天/);
  await axe(page, 'requests');
  await shot(page, 'requests');

  // A refusal without its reason is stopped before anything is sent.
  await card.locator('.request-refuse').click();
  await page.waitForFunction((id) => (document.querySelector(`#request-error-${id}`)?.textContent ?? '') !== '', deletion.id);
  expect(await page.locator(`#request-error-${deletion.id}`).innerText()).toContain('请用中文和英文填写拒绝的理由');
  expect(decisions).toEqual([]);

  await card.locator(`#reason-zh-${deletion.id}`).fill('订单记录须依法保存三年，期满后删除。');
  await card.locator(`#reason-en-${deletion.id}`).fill('Order records must be kept for three years by law, then deleted.');
  await card.locator('.request-refuse').click();
  await page.waitForFunction((id) => !document.querySelector(`li[data-id="${id}"]`), deletion.id);
  expect(decisions).toHaveLength(1);
  expect(await page.locator('#notice').innerText()).toContain('已拒绝删除请求');
  // What the shopper now reads, from the server.
  expect((await mei.mine())[0]).toMatchObject({ id: deletion.id, status: 'refused', reason: { zh: '订单记录须依法保存三年，期满后删除。', en: 'Order records must be kept for three years by law, then deleted.' } });

  await page.locator(`li[data-id="${complaint.id}"] .request-fulfil`).click();
  await page.waitForSelector('#requests-none');
  expect((await tom.mine())[0]).toMatchObject({ id: complaint.id, status: 'fulfilled' });

  // The answered ones, with their reasons, under their filter; in English too.
  await page.locator('#requests-filter').selectOption('refused');
  await page.waitForSelector(`li[data-id="${deletion.id}"] .request-reason`);
  await page.locator('#lang-switch').click();
  await page.waitForFunction(() => document.documentElement.lang === 'en');
  await page.waitForSelector('#requests-list');
  expect(await page.locator(`li[data-id="${deletion.id}"] h2`).innerText()).toMatch(/^Deletion\s+refused$/);
  expect(await page.locator(`li[data-id="${deletion.id}"] .request-reason`).innerText()).toBe('Order records must be kept for three years by law, then deleted.');
  await axe(page, 'requests-en');
  await shot(page, 'requests-en');
  await page.locator('#lang-switch').click();
  await page.locator('#sign-out').click();
  await page.waitForSelector('#sign-in-form');
  expect(problems).toEqual([]);
});

test('a viewer sees the queue and has no way to answer', async () => {
  const lin = await asShopper('desk-lin');
  const access = await lin.ask({ type: 'access' });
  await signIn(viewerToken);
  await openDesk();
  await page.waitForSelector(`li[data-id="${access.id}"]`);
  expect(await page.locator('#viewer-note').count()).toBe(1);
  expect(await page.locator(`li[data-id="${access.id}"] .request-decision`).count()).toBe(0);
  await axe(page, 'requests-viewer');
  expect(problems).toEqual([]);
});
