/**
 * The ops console in real Chromium against the real backend (in-memory PGlite): sign in, import a
 * changed policy text, preview, publish as material, activate, roll back, audit; a viewer cannot
 * publish; a forged form post is refused; axe finds no serious or critical violation on any page.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { readSeed } from '../../scripts/policy-import/seedText';
import { importPolicy } from '../../server/src/domain/policyTools';
import { startServer, type RunningServer } from '../../server/src';
import { launchChromium, type LaunchedBrowser } from './chromium';

jest.setTimeout(240_000);

const SHOTS = join(__dirname, '..', '..', 'test-output', 'screenshots');
const ZH_OLD = '在不超过15天的合理期限内处理您的请求';
const ZH_NEW = '在不超过10个工作日的合理期限内处理您的请求';
const EN_OLD = 'within reasonable period of no longer than 15 days';
const EN_NEW = 'within a reasonable period of no longer than 10 working days';

let server: RunningServer;
let chromium: LaunchedBrowser;
let page: Page;
let publisherToken: string;
let viewerToken: string;

/** The fields of admin answers these tests read. */
interface AdminAnswer {
  version: number;
  status: string;
  content: unknown;
  versions: { version: number; status: string }[];
  collection: { items: { id: string }[] };
}

async function api(path: string, init: { method?: string; body?: unknown } = {}): Promise<{ status: number; body: AdminAnswer }> {
  const res = await fetch(`${server.url}${path}`, {
    method: init.method ?? 'GET',
    headers: { authorization: `Bearer ${publisherToken}`, ...(init.body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  return { status: res.status, body: (await res.json()) as AdminAnswer };
}

async function shot(name: string): Promise<void> {
  // A missing value must never reach the page as the word "null" or "undefined".
  const stray = /.{0,40}\b(null|undefined|NaN)\b.{0,40}/.exec(await page.locator('main').innerText());
  expect({ name, stray: stray?.[0] ?? null }).toEqual({ name, stray: null });
  await page.screenshot({ path: join(SHOTS, `console-${name}.png`), fullPage: true });
}

/** axe on the current page: no serious or critical violation. */
async function axe(label: string): Promise<void> {
  const result = await new AxeBuilder({ page: page as never }).analyze();
  const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${label}: ${v.id} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
  expect(bad).toEqual([]);
}

async function go(hash: string, ready: string): Promise<void> {
  await page.goto(`${server.url}/ops${hash}`);
  await page.waitForSelector(ready);
}

async function signIn(token: string): Promise<void> {
  await page.goto(`${server.url}/ops`);
  await page.waitForSelector('#sign-in-token');
  await page.locator('#sign-in-token').fill(token);
  await page.locator('#sign-in-submit').click();
  await page.waitForSelector('#page-versions');
}

async function signOut(): Promise<void> {
  await page.locator('#sign-out').click();
  await page.waitForSelector('#sign-in-form');
}

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  server = await startServer({ port: 0, dataDir: null, devLogin: true, logLevel: 'silent', purgeIntervalSeconds: 0, env: { ...process.env, NODE_ENV: 'test' } });
  const { ops } = server.app.repos;
  const inAWeek = new Date(Date.now() + 7 * 24 * 3600 * 1000);
  publisherToken = (await ops.createToken({ name: 'alice', role: 'publisher', expiresAt: inAWeek, createdBy: 'test' })).token;
  viewerToken = (await ops.createToken({ name: 'victor', role: 'viewer', expiresAt: inAWeek, createdBy: 'test' })).token;
  chromium = await launchChromium({ viewport: { width: 1280, height: 900 } });
  page = await chromium.browser.newPage();
});

afterAll(async () => {
  await chromium?.close();
  await server?.close();
});

test('the sign-in page is accessible and a wrong token is refused', async () => {
  await page.goto(`${server.url}/ops`);
  await page.waitForSelector('#sign-in-token');
  expect(await page.getAttribute('html', 'lang')).toBe('zh-CN');
  await axe('sign-in');
  await shot('sign-in');
  await page.locator('#sign-in-token').fill('ops_not-a-real-token-at-all');
  await page.locator('#sign-in-submit').click();
  await page.waitForFunction(() => (document.querySelector('#sign-in-error')?.textContent ?? '') !== '');
  expect(await page.locator('#sign-in-error').innerText()).toContain('令牌无效');
});

test('a publisher imports a changed text, previews, publishes as material and activates it', async () => {
  await signIn(publisherToken);
  expect(await page.locator('#who-name').innerText()).toBe('alice');
  expect(await page.locator('#who-role').innerText()).toBe('发布者');
  // The token went into a cookie the page cannot read, and nowhere the page keeps.
  expect(await page.evaluate(() => document.cookie)).toBe('');
  expect(await page.evaluate(() => JSON.stringify({ ...window.localStorage }) + JSON.stringify({ ...window.sessionStorage }))).not.toContain(publisherToken);
  expect(await page.locator('#versions-table tr[data-version="1"]').innerText()).toContain('生效中');
  await axe('versions');
  await shot('versions');

  const seed = readSeed();
  expect(seed).toContain(ZH_OLD);
  expect(seed).toContain(EN_OLD);
  const changed = seed.replace(ZH_OLD, ZH_NEW).replace(EN_OLD, EN_NEW);
  await page.locator('#draft-text').fill(changed);
  await page.locator('#draft-text-submit').click();
  await page.waitForSelector('#page-versions #preview');
  expect(page.url()).toMatch(/#\/versions\/2$/);
  expect(await page.locator('#version-status').innerText()).toBe('草稿');
  expect(await page.locator('#notice').innerText()).toContain('v2');
  // The importer's warnings for this text, exactly as the server's importer reports them.
  const { warnings } = importPolicy(changed);
  expect(warnings.length).toBeGreaterThan(0);
  expect(await page.locator('#draft-warnings li').allInnerTexts()).toEqual(warnings);

  // Preview in both languages, as text.
  expect(await page.locator('#preview-title').innerText()).toBe('隐私政策');
  expect(await page.locator('#preview').innerText()).toContain(ZH_NEW);
  await page.locator('#preview-en').check();
  await page.waitForFunction(() => document.querySelector('#preview-title')?.textContent === 'Privacy Policy');
  expect(await page.locator('#preview').innerText()).toContain(EN_NEW);
  expect(await page.locator('#preview').getAttribute('lang')).toBe('en');
  // Sensitive terms are emphasised as on the shop's policy page.
  expect(await page.locator('#preview .sensitive').count()).toBeGreaterThan(0);

  // The diff names exactly the changed section and shows the old and new paragraph.
  expect(await page.locator('#diff-against').innerText()).toContain('v1');
  const changedSections = page.locator('#diff .diff-section');
  expect(await changedSections.count()).toBe(1);
  expect(await changedSections.first().getAttribute('data-section')).toBe('contact-us');
  expect(await page.locator('#diff ins').innerText()).toContain(ZH_NEW);
  expect(await page.locator('#diff del').innerText()).toContain(ZH_OLD);
  await axe('version-draft');
  await shot('version-draft');

  await page.locator('#publish-material').check();
  await page.locator('#publish-summary-zh').fill('个人信息请求的处理期限缩短为10个工作日');
  await page.locator('#publish-summary-en').fill('Requests about your personal information are handled within 10 working days');
  await page.locator('#publish-submit').click();
  await page.waitForFunction(() => document.querySelector('#version-status')?.textContent === '已发布');
  const published = await api('/v1/admin/policies/2');
  expect(published.body).toMatchObject({ status: 'published', material: true, publishedBy: 'ops:alice', changedSections: ['contact-us'] });

  await page.locator('#activate-now').check();
  await page.locator('#activate-submit').click();
  await page.waitForFunction(() => document.querySelector('#version-status')?.textContent === '生效中');
  const current = await fetch(`${server.url}/v1/policy/current?include=meta&lang=en`).then((r) => r.json());
  expect(current).toMatchObject({ version: 2, lastMaterialVersion: 2, material: true });
  expect(current.summary).toContain('10 working days');
  await shot('version-active');
});

test('a roll-back re-activates v1 and shows in the audit log', async () => {
  await go('#/versions/1', '#activate-submit');
  expect(await page.locator('#version-status').innerText()).toBe('已停用');
  expect(await page.locator('#activate-submit').innerText()).toBe('回滚到此版本');
  await page.locator('#activate-submit').click();
  await page.waitForFunction(() => document.querySelector('#version-status')?.textContent === '生效中');
  expect((await fetch(`${server.url}/v1/policy/current?include=meta`).then((r) => r.json())).version).toBe(1);

  await go('#/audit', '#audit-table');
  const rows = page.locator('#audit-table tbody tr[data-action="policy.activate"]');
  expect(await rows.count()).toBe(2);
  // Newest first: the roll-back to v1, by alice.
  const newest = await rows.first().innerText();
  expect(newest).toContain('ops:alice');
  expect(newest).toContain('policy:1');
  expect(await page.locator('#audit-table tbody tr[data-action="policy.publish"]').count()).toBe(1);
  expect(await page.locator('#audit-table tbody tr[data-action="console.sign-in"]').count()).toBeGreaterThan(0);
  await axe('audit');
  await shot('audit');
});

test('the stats page counts a shopper who accepted the active version', async () => {
  const login = await fetch(`${server.url}/v1/sessions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code: 'dev:console-shopper' }) }).then((r) => r.json());
  const event = { id: 'evt-console-0001', kind: 'policy', purpose: 'policy', value: 'accepted', policyVersion: 1, deviceId: 'device-console-01', occurredAt: new Date().toISOString(), source: 'first-run-sheet' };
  const sent = await fetch(`${server.url}/v1/me/consents`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${login.token}` }, body: JSON.stringify({ events: [event] }) });
  expect(sent.status).toBe(200);
  await go('#/stats', '#stats-queue');
  expect(await page.locator('#stats-users').innerText()).toContain('1');
  expect(await page.locator('#stats-rule').innerText()).toContain('不超过15天');
  if (new Date().getUTCFullYear() <= 2027) expect(await page.locator('#stats-calendar').innerText()).toContain('2027 年日历尚未正式发布');
  expect(await page.locator('#stats-active').innerText()).toBe('当前生效版本 v1：1 位用户已同意');
  expect(await page.locator('#stats-acceptance tr[data-version="1"]').innerText()).toMatch(/v1\s+1\s+0/);
  // The notice of the roll-back stayed on its own page.
  expect(await page.locator('#notice').innerText()).toBe('');
});

test('every other page passes axe, in Chinese and in English, and is screenshotted', async () => {
  for (const [hash, ready, name] of [
    ['#/lists', '#list-collection', 'lists'],
    ['#/declarations', '#declarations-table', 'declarations'],
    ['#/stats', '#stats-queue', 'stats'],
    ['#/tokens', '#tokens-table', 'tokens'],
  ] as const) {
    await go(hash, ready);
    await axe(name);
    await shot(name);
  }
  await page.locator('#lang-switch').click();
  await page.waitForFunction(() => document.documentElement.lang === 'en');
  expect(await page.locator('#page-tokens h1').innerText()).toBe('Ops tokens');
  await axe('tokens-en');
  await go('#/versions/2', '#diff');
  expect(await page.locator('#preview-title').innerText()).toBe('Privacy Policy');
  await axe('version-en');
  await shot('version-en');
  await page.locator('#lang-switch').click();
  await page.waitForFunction(() => document.documentElement.lang === 'zh-CN');
});

test('the keyboard reaches sign-out and the navigation, with a visible focus ring', async () => {
  // After a hash navigation focus sits on the new page's heading: the next Tab leaves it for the page's first link.
  await go('#/versions', '#versions-table');
  expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('H1');
  await page.keyboard.press('Tab');
  expect(await page.evaluate(() => document.activeElement?.id)).toMatch(/^open-v\d+$/);
  // A fresh load starts at the skip link.
  await page.goto('about:blank');
  await go('#/versions', '#versions-table');
  await page.keyboard.press('Tab');
  expect(await page.evaluate(() => document.activeElement?.id)).toBe('skip-link');
  await page.keyboard.press('Tab');
  expect(await page.evaluate(() => document.activeElement?.id)).toBe('sign-out');
  const outline = await page.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle);
  expect(outline).not.toBe('none');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  expect(await page.evaluate(() => document.activeElement?.id)).toBe('nav-versions');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  await page.waitForSelector('#list-collection');
});

test('lists are edited as JSON on a draft and validated by the server', async () => {
  const draft = (await api('/v1/admin/policies', { method: 'POST', body: { content: (await api('/v1/admin/policies/2')).body.content } })).body.version;
  await go(`#/lists/${draft}`, '#list-collection');
  const area = page.locator('#list-collection');
  const items = JSON.parse(await area.inputValue()) as { id: string; notInPolicy?: unknown }[];
  // The rows the policy does not cover are listed as policy gaps for the next version.
  const gaps = items.filter((i) => i.notInPolicy).length;
  expect(gaps).toBeGreaterThan(0);
  expect(await page.locator('#lists-policy-gaps li').count()).toBe(gaps);
  expect(await page.locator('#lists-policy-gaps').innerText()).toContain('after-sales');
  await area.fill(JSON.stringify([...items, { id: 'Not A Slug' }]));
  await page.locator('#list-collection-save').click();
  await page.waitForFunction(() => (document.querySelector('#list-collection-error')?.textContent ?? '').includes('.id'));
  await area.fill(JSON.stringify(items.slice(1)));
  await page.locator('#list-collection-save').click();
  await page.waitForFunction(() => (document.querySelector('#list-collection-source')?.textContent ?? '').includes('本版本保存'));
  const stored = await api(`/v1/admin/lists/${draft}`);
  expect(stored.body.collection.items.map((i) => i.id)).toEqual(items.slice(1).map((i) => i.id));
});

test('a forged form post without the CSRF token is refused and changes nothing', async () => {
  const draft = (await api('/v1/admin/policies')).body.versions.find((v) => v.status === 'draft')!.version;
  await go('#/versions', '#versions-table');
  // A plain HTML form, as another page would post it: the cookie rides along, the CSRF header cannot.
  const [response] = await Promise.all([
    page.waitForNavigation(),
    page.evaluate((v) => {
      const form = document.createElement('form');
      form.method = 'POST';
      form.action = `/v1/admin/policies/${v}/publish`;
      form.enctype = 'text/plain';
      const input = document.createElement('input');
      input.name = '{"material":true,"summary":{"zh":"x","en":"x"},"pad":"';
      input.value = '"}';
      form.append(input);
      document.body.append(form);
      form.submit();
    }, draft),
  ]);
  expect(response?.status()).toBe(403);
  expect(await page.locator('body').innerText()).toContain('FORBIDDEN');
  expect((await api(`/v1/admin/policies/${draft}`)).body.status).toBe('draft');
  // fetch with the session but without the header: refused the same way.
  await go('#/versions', '#versions-table');
  const status = await page.evaluate(async (v) => {
    const r = await fetch(`/v1/admin/policies/${v}/publish`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ material: true, summary: { zh: 'x', en: 'x' } }) });
    return r.status;
  }, draft);
  expect(status).toBe(403);
  expect((await api(`/v1/admin/policies/${draft}`)).body.status).toBe('draft');
  await signOut();
});

test('a viewer sees everything, every change control is disabled, and the server refuses a publish', async () => {
  await signIn(viewerToken);
  expect(await page.locator('#who-role').innerText()).toBe('查看者');
  expect(await page.locator('#viewer-note').count()).toBe(1);
  expect(await page.locator('#draft-text-submit').isDisabled()).toBe(true);
  const draft = (await api('/v1/admin/policies')).body.versions.find((v) => v.status === 'draft')!.version;
  await go(`#/versions/${draft}`, '#publish-submit');
  expect(await page.locator('#publish-submit').isDisabled()).toBe(true);
  expect(await page.locator('#activate-submit').isDisabled()).toBe(true);
  await axe('version-viewer');
  await shot('version-viewer');
  // Even with a correct CSRF token the role decides.
  const status = await page.evaluate(async (v) => {
    const session = await fetch('/ops/api/session').then((r) => r.json());
    const r = await fetch(`/v1/admin/policies/${v}/publish`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-csrf-token': session.csrfToken },
      body: JSON.stringify({ material: true, summary: { zh: 'x', en: 'x' } }),
    });
    return r.status;
  }, draft);
  expect(status).toBe(403);
  expect((await api(`/v1/admin/policies/${draft}`)).body.status).toBe('draft');
  await go('#/tokens', '#tokens-viewer');
  await go('#/stats', '#stats-queue');
  await go('#/lists', '#list-collection');
  expect(await page.locator('#list-collection-save').isDisabled()).toBe(true);
  await signOut();
  // Signed out: the old cookie is gone and the API answers 401.
  expect(await page.evaluate(async () => (await fetch('/v1/admin/policies')).status)).toBe(401);
});
