/**
 * The ops console (React + Vite build) in real Chromium against the real backend (in-memory
 * PGlite): sign in, import a changed policy text with localised notes, preview, word-level diff,
 * the content check (material changes, compliance gaps) in words, publish as material with an
 * override reason the page asks for and the audit log keeps, a refusal of the server shown on the
 * page, activate after a confirmation that counts the shoppers asked again, roll
 * back (confirmed too), audit, stats with labels and charts that match the stats API, tokens; a
 * viewer cannot publish; a forged form post is refused; axe finds no violation on any view, in
 * Chinese and in English.
 */
import type { Page } from 'playwright-core';
import type { AdminStats } from '@maison/privacy/contract';
import { readSeed } from '../../scripts/policy-import/seedText';
import { bundledPolicy, importPolicy, reviewDraft } from '../../server/src/domain/policyTools';
import { startServer, type RunningServer } from '../../server/src';
import { launchChromium, type LaunchedBrowser } from './chromium';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { axe as axeOn, SHOTS, shot as shotOf } from './consoleHelpers';

jest.setTimeout(240_000);

const ZH_OLD = '在不超过15天的合理期限内处理您的请求';
const ZH_NEW = '在不超过10个工作日的合理期限内处理您的请求';
const EN_OLD = 'within reasonable period of no longer than 15 days';
const EN_NEW = 'within a reasonable period of no longer than 10 working days';
/** Why ops publish the shop's content despite the gaps it declares: what an ops person would write. */
const OVERRIDE_REASON = '2023-12 政策未写明大部分接收方名称；法务将于 2026-12 复核';

let server: RunningServer;
let chromium: LaunchedBrowser;
let page: Page;
let publisherToken: string;
let viewerToken: string;
const problems: string[] = [];

/** The fields of admin answers these tests read. */
interface AdminAnswer {
  version: number;
  status: string;
  content: unknown;
  versions: { version: number; status: string }[];
  collection: { items: { id: string }[] };
}
/** `GET /v1/admin/policies/:version/findings`. */
interface FindingsAnswer {
  against: number | null;
  materialChanges: { code: string; where: string }[];
  gaps: { code: string; where: string }[];
}

async function api<T = AdminAnswer>(path: string, init: { method?: string; body?: unknown } = {}): Promise<{ status: number; body: T }> {
  const res = await fetch(`${server.url}${path}`, {
    method: init.method ?? 'GET',
    headers: { authorization: `Bearer ${publisherToken}`, ...(init.body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  return { status: res.status, body: (await res.json()) as T };
}

/** A shopper signed in with dev login, who then sends `events` to the ledger. */
async function shopper(name: string, events: { kind: string; purpose: string; value: string; policyVersion: number }[]): Promise<string> {
  const login = (await fetch(`${server.url}/v1/sessions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code: `dev:${name}` }) }).then((r) => r.json())) as { token: string };
  const body = {
    events: events.map((e, i) => ({ id: `evt-${name}-${String(i).padStart(4, '0')}`, ...e, deviceId: `device-${name}`, occurredAt: new Date().toISOString(), source: e.kind === 'policy' ? 'first-run-sheet' : 'settings' })),
  };
  const sent = await fetch(`${server.url}/v1/me/consents`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${login.token}` }, body: JSON.stringify(body) });
  expect(sent.status).toBe(200);
  return login.token;
}

const shot = (name: string) => shotOf(page, name);
const axe = (label: string) => axeOn(page, label);

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

async function switchLang(to: 'en' | 'zh'): Promise<void> {
  await page.locator('#lang-switch').click();
  await page.waitForFunction((l) => document.documentElement.lang === l, to === 'en' ? 'en' : 'zh-CN');
}

beforeAll(async () => {
  server = await startServer({ port: 0, dataDir: null, devLogin: true, logLevel: 'silent', purgeIntervalSeconds: 0, env: { ...process.env, NODE_ENV: 'test' } });
  const { ops } = server.app.repos;
  const inAWeek = new Date(Date.now() + 7 * 24 * 3600 * 1000);
  publisherToken = (await ops.createToken({ name: 'alice', role: 'publisher', expiresAt: inAWeek, createdBy: 'test' })).token;
  viewerToken = (await ops.createToken({ name: 'victor', role: 'viewer', expiresAt: inAWeek, createdBy: 'test' })).token;
  // The refusals this suite provokes on purpose, each checked by its test (the `problems` list):
  // a wrong token (401), an invalid list (400), a publish the content check refuses (409), a viewer's
  // and a forged cross-site publish (403; the forged post lands on the JSON answer, whose page asks
  // for a /favicon.ico that does not exist) and calls after the session ended (401).
  chromium = await launchChromium({ viewport: { width: 1280, height: 900 } }, [], {
    allowConsoleErrors: [
      /status of 401 .*\/ops\/api\/session$/,
      /status of 401 .*\/v1\/admin\/policies$/,
      /status of 400 .*\/v1\/admin\/lists\/\d+\/collection$/,
      /status of 409 .*\/v1\/admin\/policies\/\d+\/publish$/,
      /status of 403 .*\/v1\/admin\/policies\/\d+\/publish$/,
      /status of 404 .*\/favicon\.ico$/,
    ],
  });
  page = await chromium.browser.newPage();
  // What the console logs as an error or fails to load; checked before the tests that provoke refusals.
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console: ${m.text()}`);
  });
  page.on('response', (r) => {
    if (r.status() >= 400) problems.push(`${r.status()} ${r.url()}`);
  });
});

afterAll(async () => {
  await chromium?.close();
  await server?.close();
});

test('the sign-in page: accessible in both languages, no sign-out or navigation, nothing logged, a wrong token refused', async () => {
  await page.goto(`${server.url}/ops`);
  await page.waitForSelector('#sign-in-token');
  await page.waitForFunction(() => document.body.dataset.ready === 'true');
  expect(await page.getAttribute('html', 'lang')).toBe('zh-CN');
  expect(await page.locator('#sign-out').count()).toBe(0);
  expect(await page.locator('#nav').count()).toBe(0);
  // The icon is served (no 404) and the session check is not an error (204, not 401).
  expect(await page.evaluate(async () => (await fetch('/ops/favicon.ico')).status)).toBe(200);
  expect(await page.evaluate(async () => (await fetch('/ops/api/session')).status)).toBe(204);
  expect(problems).toEqual([]);
  await axe('sign-in');
  await shot('sign-in');
  await switchLang('en');
  expect(await page.locator('h1').innerText()).toBe('Sign in');
  await axe('sign-in-en');
  await shot('sign-in-en');
  await switchLang('zh');
  await page.locator('#sign-in-token').fill('ops_not-a-real-token-at-all');
  await page.locator('#sign-in-submit').click();
  await page.waitForFunction(() => (document.querySelector('#sign-in-error')?.textContent ?? '') !== '');
  expect(await page.locator('#sign-in-error').innerText()).toContain('令牌无效');
  // That refusal is the one 401 this page may see (and Chromium logs it): nothing else went wrong.
  expect(problems.filter((p) => !p.includes('401'))).toEqual([]);
  problems.length = 0;
});

test('a publisher imports a changed text (notes in Chinese), previews, sees the changed words, publishes as material', async () => {
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
  await page.waitForSelector('#page-versions #findings');
  expect(page.url()).toMatch(/#\/versions\/2$/);
  expect(await page.locator('#version-status').innerText()).toBe('草稿');
  expect(await page.locator('#notice').innerText()).toContain('v2');
  // Every note the server's importer gives, each explained in Chinese with the importer's wording as
  // detail; then the review against v1: the text changed, its "last updated" line did not.
  const imported = importPolicy(changed);
  const reviewed = reviewDraft(imported.document, { version: 1, document: bundledPolicy() });
  expect(reviewed.warnings).toEqual([expect.stringMatching(/^last-updated-stale: the text says it was last updated 2023-12 /)]);
  const warnings = [...imported.warnings, ...reviewed.warnings];
  expect(imported.warnings.length).toBeGreaterThan(0);
  const notes = page.locator('#draft-warnings li');
  expect(await notes.evaluateAll((li) => li.map((n) => n.getAttribute('data-raw')))).toEqual(warnings);
  expect(await page.locator('#warnings-title').innerText()).toBe('导入提示');
  for (const text of await page.locator('#draft-warnings .note-text').allInnerTexts()) expect(text).toMatch(/[\u4e00-\u9fff]/);
  // Each note in one language: its place in the text said in Chinese too; only quotations of the policy keep their own language.
  const noteWords = await notes.evaluateAll((li) => li.map((n) => { const c = n.cloneNode(true) as HTMLElement; c.querySelectorAll('q').forEach((q) => q.remove()); return c.textContent ?? ''; }));
  for (const text of noteWords) expect(text).not.toMatch(/[A-Za-z]{2,}/);
  expect(await page.locator('#draft-warnings li[data-code="heading-in-list"]').first().innerText()).toMatch(/^一行写成列表项，但被识别为章节标题。 位置：中文文本，第 \d+ 行。 原文：Cookies及我们自动收集的其它信息$/);
  expect(await page.locator('#draft-warnings li[data-code="heading-in-list"] q').first().getAttribute('lang')).toBe('zh-CN');

  // What ops act on comes first: status, notes, the content check, the diff, publish and activate; the whole policy last, folded.
  expect(await page.evaluate(() => Array.from(document.querySelectorAll('main h2')).map((h) => h.id))).toEqual(['warnings-title', 'findings-heading', 'diff-heading', 'publish-heading', 'activate-heading', 'preview-heading']);
  const top = (selector: string) => page.locator(selector).evaluate((n) => n.getBoundingClientRect().top + window.scrollY);
  const order = [await top('#version-status'), await top('#findings'), await top('#diff'), await top('#publish-form'), await top('#activate-form'), await top('#preview-section')];
  expect(order).toEqual([...order].sort((a, b) => a - b));
  expect(await page.locator('#preview-fold').evaluate((d) => (d as HTMLDetailsElement).open)).toBe(false);
  expect(await page.locator('#preview').count()).toBe(0);
  expect(await page.locator('#preview-toggle').innerText()).toBe('展开完整政策（用户所见）');
  const foldedHeight = await page.evaluate(() => document.documentElement.scrollHeight);
  expect(foldedHeight).toBeLessThan(4500);
  // The disclosure opens from the keyboard and says it is open.
  await page.locator('#preview-toggle').focus();
  await page.keyboard.press('Enter');
  await page.waitForSelector('#preview');
  expect(await page.locator('#preview-fold').evaluate((d) => (d as HTMLDetailsElement).open)).toBe(true);
  expect(await page.locator('#preview-toggle').innerText()).toBe('收起政策预览');
  expect(await page.evaluate(() => document.documentElement.scrollHeight)).toBeGreaterThan(foldedHeight * 2);

  // Preview in both languages, as text, sensitive terms emphasised as on the shop's policy page.
  expect(await page.locator('#preview-title').innerText()).toBe('隐私政策');
  expect(await page.locator('#preview').innerText()).toContain(ZH_NEW);
  expect(await page.locator('#preview .sensitive').count()).toBeGreaterThan(0);
  await page.locator('#preview-en').check();
  await page.waitForFunction(() => document.querySelector('#preview-title')?.textContent === 'Privacy Policy');
  expect(await page.locator('#preview').innerText()).toContain(EN_NEW);
  expect(await page.locator('#preview').getAttribute('lang')).toBe('en');
  await page.locator('#preview-zh').check();

  // The diff names exactly the changed section, by its title, and marks the changed words only.
  expect(await page.locator('#diff-against').innerText()).toContain('v1');
  const sections = page.locator('#diff .diff-section');
  expect(await sections.count()).toBe(1);
  expect(await sections.first().getAttribute('data-section')).toBe('contact-us');
  expect(await sections.first().locator('h3').innerText()).toContain('联系我们');
  expect(await page.locator('#diff ins').allInnerTexts()).toEqual(['10个工作日']);
  expect(await page.locator('#diff del').allInnerTexts()).toEqual(['15天']);
  const row = page.locator('#diff .diff-row[data-kind="changed"]');
  expect(await row.count()).toBe(1);
  // Old and new read in place: the words that stayed, then the removed and the added one.
  expect((await row.innerText()).replace(/\s+/g, '')).toContain(ZH_OLD.replace('15天', '15天10个工作日'));
  expect(await row.locator('ins, del').count()).toBe(2);

  // The content check, before the publish controls: the lists and consent texts are those v1 has
  // (nothing material), and the gaps the shop's content declares, each marked and said in Chinese.
  const findings = (await api<FindingsAnswer>('/v1/admin/policies/2/findings')).body;
  expect(findings.materialChanges).toEqual([]);
  expect(findings.gaps.length).toBeGreaterThan(0);
  expect(await page.locator('#findings-against').innerText()).toContain('v1');
  expect(await page.locator('#findings-material-none').innerText()).toBe('清单和单独同意文本没有构成重大变更的变化。');
  expect(await page.locator('#findings-gaps-heading').innerText()).toBe(`合规缺口（${findings.gaps.length} 项）`);
  // So many gaps are listed on demand: the diff and the actions stay near the top.
  expect(await page.locator('#findings-gaps-fold').evaluate((d) => (d as HTMLDetailsElement).open)).toBe(false);
  expect(await page.locator('#findings-gaps-toggle').innerText()).toBe(`列出全部 ${findings.gaps.length} 项合规缺口`);
  await page.locator('#findings-gaps-toggle').click();
  const gapItems = page.locator('#findings-gaps li');
  expect(await gapItems.evaluateAll((li) => li.map((n) => `${n.getAttribute('data-code')} (${n.getAttribute('data-where')})`))).toEqual(findings.gaps.map((g) => `${g.code} (${g.where})`));
  for (const text of await gapItems.allInnerTexts()) {
    expect(text.startsWith('合规缺口')).toBe(true);
    expect(text).not.toMatch(/recipient-gap|retention-gap|consents\.|sharing\./);
  }
  const logistics = await page.locator('#findings-gaps li[data-where="sharing.logistics"]').innerText();
  expect(logistics).toContain('第三方信息共享清单：快递公司、物流公司（logistics）');
  expect(logistics).toContain('未写明接收方名称或联系方式');
  expect(await page.locator('#findings-gaps li[data-where="collection.orders"]').innerText()).toContain('未写明保存期限');
  // With gaps, the form asks for a reason and says where it goes.
  expect(await page.locator('label[for="publish-override"]').innerText()).toBe('不顾检查结果发布的理由（10–500 个字符）');
  expect(await page.locator('#publish-override-hint').innerText()).toContain('记入审计日志');
  // Folded again for the picture ops see first.
  await page.locator('#preview-toggle').click();
  await page.waitForFunction(() => !document.querySelector('#preview'));
  await axe('version-draft');
  await shot('version-draft');
  // The parts ops read closely, at readable size.
  await page.locator('#draft-warnings').screenshot({ path: join(SHOTS, 'console-version-notes.png') });
  await page.locator('#diff').screenshot({ path: join(SHOTS, 'console-version-diff.png') });
  await page.locator('#findings').screenshot({ path: join(SHOTS, 'console-version-findings.png') });

  await page.locator('#publish-material').check();
  await page.locator('#publish-summary-zh').fill('个人信息请求的处理期限缩短为10个工作日');
  await page.locator('#publish-summary-en').fill('Requests about your personal information are handled within 10 working days');
  // Without a reason the page stops it: nothing is sent, the field says why and takes focus.
  const publishCalls: string[] = [];
  const onRequest = (r: { method: () => string; url: () => string }) => {
    if (r.method() === 'POST' && r.url().endsWith('/publish')) publishCalls.push(r.url());
  };
  page.on('request', onRequest);
  await page.locator('#publish-submit').click();
  await page.waitForFunction(() => (document.querySelector('#publish-override-error')?.textContent ?? '') !== '');
  expect(await page.locator('#publish-override-error').innerText()).toBe('理由至少须 10 个字符。');
  expect(await page.locator('#publish-override-error').getAttribute('role')).toBe('alert');
  expect(await page.locator('#publish-override').getAttribute('aria-invalid')).toBe('true');
  expect(await page.evaluate(() => document.activeElement?.id)).toBe('publish-override');
  // Validated as typed: too short, then long enough.
  await page.locator('#publish-override').fill('法务复核');
  expect(await page.locator('#publish-override-error').innerText()).toBe('理由至少须 10 个字符。');
  await page.locator('#publish-submit').click();
  await page.locator('#publish-override').fill('x'.repeat(501));
  expect(await page.locator('#publish-override-error').innerText()).toBe('理由超过 500 个字符。');
  await page.locator('#publish-submit').click();
  expect(publishCalls).toEqual([]);
  expect((await api('/v1/admin/policies/2')).body.status).toBe('draft');
  await axe('version-override-error');
  await page.locator('#publish-override').fill(OVERRIDE_REASON);
  expect(await page.locator('#publish-override-error').innerText()).toBe('');
  expect(await page.locator('#publish-override').getAttribute('aria-invalid')).toBeNull();
  expect(await page.locator('#publish-override-count').innerText()).toBe(`${[...OVERRIDE_REASON].length} / 500 个字符`);
  await page.locator('#publish-form').screenshot({ path: join(SHOTS, 'console-version-publish-form.png') });
  await page.locator('#publish-submit').click();
  await page.waitForFunction(() => document.querySelector('#version-status')?.textContent === '已发布');
  page.off('request', onRequest);
  expect(publishCalls).toHaveLength(1);
  // The publish form went with the draft: focus is on the page's heading, not lost.
  await page.waitForFunction(() => document.activeElement?.tagName === 'H1');
  const published = await api('/v1/admin/policies/2');
  expect(published.body).toMatchObject({ status: 'published', material: true, publishedBy: 'ops:alice', changedSections: ['contact-us'] });
  // The override is audited with who, the reason and the gaps it overrode.
  const audit = (await api<{ entries: { action: string; actor: string; target: string; details: Record<string, unknown> }[] }>('/v1/admin/audit')).body.entries;
  const override = audit.find((e) => e.action === 'policy.publish.override');
  expect(override).toMatchObject({ actor: 'ops:alice', target: 'policy:2', details: { reason: OVERRIDE_REASON, material: true, gaps: findings.gaps } });
  // "Changed sections" by title in the console's language, not by slug.
  expect(await page.locator('#version-changed li').allInnerTexts()).toEqual(['联系我们']);
  expect(await page.locator('#version-changed li').getAttribute('data-section')).toBe('contact-us');
});

test('activating the material version asks first, saying who is asked again and how many shoppers, then activates', async () => {
  // Two shoppers accepted v1 and one of them also said yes to marketing and to the camera.
  await shopper('console-anna', [
    { kind: 'policy', purpose: 'policy', value: 'accepted', policyVersion: 1 },
    { kind: 'consent', purpose: 'marketing', value: 'granted', policyVersion: 1 },
    { kind: 'permission', purpose: 'camera', value: 'granted', policyVersion: 1 },
  ]);
  await shopper('console-bao', [{ kind: 'policy', purpose: 'policy', value: 'accepted', policyVersion: 1 }]);
  await go('#/versions/2', '#activate-submit');
  await page.locator('#activate-now').check();
  await page.locator('#activate-submit').click();
  await page.waitForSelector('#activate-confirm');
  // Nothing happened yet.
  expect((await api<{ version: number }>('/v1/policy/current?include=meta')).body.version).toBe(1);
  expect(await page.locator('#confirm-material').innerText()).toBe('v2 是重大变更。生效后，所有曾同意旧版本的用户在使用会员功能前都须重新同意：共 2 位（用户总数 2；同意 v1：2 位）。');
  expect(await page.evaluate(() => document.activeElement?.id)).toBe('confirm-title');
  await axe('version-confirm');
  await shot('version-confirm');
  await page.locator('#version-meta').screenshot({ path: join(SHOTS, 'console-version-meta.png') });
  await page.locator('#activate-form').screenshot({ path: join(SHOTS, 'console-version-confirm-form.png') });
  // Cancel leaves everything as it was; asking again and confirming activates.
  await page.locator('#confirm-no').click();
  expect(await page.locator('#activate-confirm').count()).toBe(0);
  expect((await api<{ version: number }>('/v1/policy/current?include=meta')).body.version).toBe(1);
  await page.locator('#activate-submit').click();
  await page.locator('#confirm-yes').click();
  await page.waitForFunction(() => document.querySelector('#version-status')?.textContent === '生效中');
  const current = await fetch(`${server.url}/v1/policy/current?include=meta&lang=en`).then((r) => r.json());
  expect(current).toMatchObject({ version: 2, lastMaterialVersion: 2, material: true });
  expect(current.summary).toContain('10 working days');
  await shot('version-active');
  // A third shopper accepts v2.
  await shopper('console-chen', [{ kind: 'policy', purpose: 'policy', value: 'accepted', policyVersion: 2 }]);
});

test('a roll-back to v1 is confirmed too (nobody asked again), re-activates v1 and shows in the audit log', async () => {
  await go('#/versions/1', '#activate-submit');
  expect(await page.locator('#version-status').innerText()).toBe('已停用');
  expect(await page.locator('#activate-submit').innerText()).toBe('回滚到此版本');
  await page.locator('#activate-submit').click();
  await page.waitForSelector('#activate-confirm');
  expect(await page.locator('#confirm-rollback').innerText()).toBe('回滚：v1 将替代 v2，成为用户看到的政策。');
  expect(await page.locator('#confirm-asked').innerText()).toBe('没有用户需要重新同意。');
  await axe('version-rollback-confirm');
  await shot('version-rollback-confirm');
  await page.locator('#activate-form').screenshot({ path: join(SHOTS, 'console-version-rollback-form.png') });
  await page.locator('#confirm-yes').click();
  await page.waitForFunction(() => document.querySelector('#version-status')?.textContent === '生效中');
  expect((await fetch(`${server.url}/v1/policy/current?include=meta`).then((r) => r.json())).version).toBe(1);

  await go('#/audit', '#audit-table');
  const rows = page.locator('#audit-table tbody tr[data-action="policy.activate"]');
  expect(await rows.count()).toBe(2);
  // Newest first: the roll-back to v1, by alice, as a sentence, its time in China time only.
  const newest = rows.first();
  expect(await newest.locator('.audit-sentence').innerText()).toBe('alice 使 v1 成为生效中的政策。');
  expect(await newest.locator('.audit-open').getAttribute('href')).toBe('#/versions/1');
  expect(await newest.locator('[data-key="effectiveAt"] dt').innerText()).toBe('生效时间');
  expect(await newest.locator('[data-key="effectiveAt"] dd').innerText()).toMatch(/^\d{4}年\d{1,2}月\d{1,2}日 \d{2}:\d{2}$/);
  expect(await page.locator('#audit-table tbody tr[data-action="policy.publish"] .audit-sentence').innerText()).toBe('alice 发布了 v2，作为重大变更（用户须重新同意）。');
  // The override of the gaps, beside the publish it allowed, with its reason as a labelled field.
  const overrides = page.locator('#audit-table tbody tr[data-action="policy.publish.override"]');
  expect(await overrides.count()).toBe(1);
  expect(await overrides.locator('.audit-sentence').innerText()).toBe('alice 不顾内容检查结果发布了 v2，并填写了理由。');
  expect(await overrides.locator('[data-key="reason"] dd').innerText()).toBe(OVERRIDE_REASON);
  expect(await overrides.locator('[data-key="reason"] dt').innerText()).toBe('填写的理由');
  expect(await page.locator('#audit-table tbody tr[data-action="console.sign-in"] .audit-sentence').first().innerText()).toBe('alice 登录了控制台。');
  // The wrong token of the sign-in page: refused, audited, without the token.
  const failed = page.locator('#audit-table tbody tr[data-action="console.sign-in.failed"]');
  expect(await failed.count()).toBe(1);
  expect(await failed.locator('.audit-sentence').innerText()).toBe('有人使用非本系统签发的令牌登录控制台，被拒绝（来自 127.0.0.1，共 1 次）。');
  // No action ids, no JSON, no UTC: what the table shows is words, fields and China time.
  const table = await page.locator('#audit-table').innerText();
  expect(table).not.toMatch(/policy\.activate|console\.sign-in|\{"|\d{4}-\d{2}-\d{2}T\d{2}|Z\b|ops:alice|not-a-real-token/);
  await axe('audit');
  await shot('audit');

  // Filters: by action, then by who and China day, sent to the server.
  const audits: string[] = [];
  const onAudit = (r: { url: () => string }) => {
    if (r.url().includes('/v1/admin/audit')) audits.push(r.url().replace(server.url, ''));
  };
  page.on('request', onAudit);
  await page.locator('#audit-action').selectOption('policy.activate');
  await page.locator('#audit-apply').click();
  await page.waitForFunction(() => document.querySelectorAll('#audit-table tbody tr').length === 2);
  expect(await page.locator('#audit-table tbody tr').evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-action')))).toEqual(['policy.activate', 'policy.activate']);
  expect(audits.at(-1)).toBe('/v1/admin/audit?action=policy.activate&limit=50');
  expect(await page.locator('#audit-active').innerText()).toBe('当前筛选：操作类型 版本生效或定时生效。');
  const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
  await page.locator('#audit-action').selectOption('');
  await page.locator('#audit-actor').fill('alice');
  await page.locator('#audit-from').fill(today);
  await page.locator('#audit-to').fill(today);
  // While the new filter's page is on the way, the previous filter's rows are not shown under its line.
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  let passed!: () => void;
  const passedOn = new Promise<void>((resolve) => (passed = resolve));
  await page.route('**/v1/admin/audit?*actor=alice*', async (route) => {
    await held;
    await route.continue();
    passed();
  });
  await page.locator('#audit-apply').click();
  await page.waitForFunction((u) => (document.querySelector('#audit-active')?.textContent ?? '').includes(u), today);
  expect(await page.locator('#audit-loading').innerText()).toBe('加载中…');
  expect(await page.locator('#audit-table').count()).toBe(0);
  release();
  await passedOn;
  await page.unroute('**/v1/admin/audit?*actor=alice*');
  await page.waitForFunction(() => document.querySelectorAll('#audit-table tbody tr').length > 0);
  const byAlice = (await api<{ entries: { actor: string }[] }>(`/v1/admin/audit?actor=alice&from=${today}&to=${today}`)).body.entries;
  expect(byAlice.length).toBeGreaterThan(3);
  expect(byAlice.every((e) => e.actor === 'ops:alice')).toBe(true);
  expect(await page.locator('#audit-table tbody tr').count()).toBe(byAlice.length);
  // The CSV link carries the same filters and the console's language; the file holds the same entries.
  expect(await page.locator('#audit-csv').getAttribute('href')).toBe(`/v1/admin/audit.csv?actor=alice&from=${today}&to=${today}&lang=zh`);
  const [download] = await Promise.all([page.waitForEvent('download'), page.locator('#audit-csv').click()]);
  expect(download.suggestedFilename()).toBe(`audit-log-${today}.csv`);
  const csv = readFileSync((await download.path())!, 'utf8');
  const lines = csv.replace(/^\uFEFF/, '').trimEnd().split('\r\n');
  expect(lines[0]).toBe('"编号","时间（北京时间，UTC+8）","操作人","事件","操作类型","操作代码","对象","详情"');
  expect(lines).toHaveLength(byAlice.length + 1);
  expect(csv).toContain('"alice 使 v1 成为生效中的政策。"');
  // A range with nothing in it says so; a first day after the last is stopped on the page.
  await page.locator('#audit-from').fill('2020-01-01');
  await page.locator('#audit-to').fill('2020-01-02');
  await page.locator('#audit-apply').click();
  await page.waitForSelector('#audit-none');
  expect(await page.locator('#audit-none').innerText()).toBe('没有符合筛选条件的记录。');
  const sent = audits.length;
  await page.locator('#audit-from').fill('2020-01-03');
  await page.locator('#audit-apply').click();
  expect(await page.locator('#audit-filter-error').innerText()).toBe('开始日期晚于结束日期。');
  await page.locator('#audit-from').fill('2020-02-30');
  await page.locator('#audit-apply').click();
  expect(await page.locator('#audit-filter-error').innerText()).toBe('该日期不存在。');
  expect(audits.length).toBe(sent);
  await axe('audit-filtered');
  await page.locator('#audit-filters').screenshot({ path: join(SHOTS, 'console-audit-filters.png') });
  await page.locator('#audit-clear').click();
  await page.waitForFunction(() => document.querySelectorAll('#audit-table tbody tr').length > 5);
  page.off('request', onAudit);
});

test('the stats page: labels from the catalogues, and charts whose numbers are those of the stats API', async () => {
  // A cancellation request for the queue.
  const token = await shopper('console-dora', [{ kind: 'policy', purpose: 'policy', value: 'accepted', policyVersion: 1 }]);
  const cancel = await fetch(`${server.url}/v1/me/cancellation`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'idempotency-key': 'console-dora-0001' },
    body: JSON.stringify({ confirm: true, code: 'dev:console-dora' }),
  });
  expect(cancel.status).toBeLessThan(300);
  await go('#/stats', '#stats-queue');
  const stats = (await api<AdminStats>('/v1/admin/stats')).body;
  expect(await page.locator('#stats-users').innerText()).toBe(`用户数：${stats.users}`);
  expect(await page.locator('#stats-rule').innerText()).toContain('不超过15天');
  if (new Date().getUTCFullYear() <= 2027) expect(await page.locator('#stats-calendar').innerText()).toContain('2027 年日历尚未正式发布');
  expect(await page.locator('#stats-active').innerText()).toBe('当前生效版本 v1：3 位用户已同意');
  expect(await page.locator('#stats-acceptance tr[data-version="1"]').innerText()).toMatch(/v1\s+3\s+0/);
  // Catalogue names, not keys.
  expect(await page.locator('#stats-consents tr[data-purpose="marketing"][data-value="granted"]').innerText()).toMatch(/^接收营销信息\s+已同意\s+1$/);
  expect(await page.locator('#stats-permissions tr[data-capability="camera"][data-value="granted"]').innerText()).toMatch(/^使用您的摄像头\s+已同意\s+1$/);
  expect(await page.locator('main').innerText()).not.toMatch(/\b(cross-border|marketing|granted)\b/);

  // Acceptance over time: every point of the chart and every cell beside it, against the API's timeline added up.
  expect(stats.acceptanceTimeline.map((a) => a.version).sort()).toEqual([1, 2]);
  const expected = new Map<string, number>();
  for (const version of [1, 2]) {
    const total = stats.acceptanceTimeline.filter((a) => a.version === version).reduce((n, a) => n + a.accepted, 0);
    expected.set(`v${version}`, total);
  }
  // Anna, Bao and Dora accepted v1, Chen v2.
  expect(Object.fromEntries(expected)).toEqual({ v1: 3, v2: 1 });
  const lastPoints = await page.locator('#stats-timeline-chart g.series').evaluateAll((gs) =>
    gs.map((g) => `v${g.getAttribute('data-version')}:${Array.from(g.querySelectorAll('circle')).map((c) => c.getAttribute('data-total')).pop()}`),
  );
  expect(lastPoints).toEqual([...expected].map(([v, n]) => `${v}:${n}`));
  const lastRow = page.locator('#stats-timeline tbody tr').last();
  expect(await lastRow.locator('td').allInnerTexts()).toEqual([...expected.values()].map(String));
  expect(await page.locator('#stats-timeline-chart').getAttribute('role')).toBe('img');

  // The queue chart: one bar per request, its age and allowed days those the table shows.
  expect(stats.cancellations).toHaveLength(1);
  const bar = page.locator(`#stats-queue-chart g[data-id="${stats.cancellations[0]!.id}"]`);
  expect(await bar.getAttribute('data-age')).toBe('0');
  expect(await bar.getAttribute('data-allowed')).toBe(String(Math.floor((Date.parse(stats.cancellations[0]!.deadline) - Date.parse(stats.cancellations[0]!.requestedAt)) / 86_400_000)));
  expect(await page.locator('#stats-queue tbody tr').first().innerText()).toContain('冷静期中');
  // The notice of the roll-back stayed on its own page.
  expect(await page.locator('#notice').innerText()).toBe('');
  await axe('stats');
  await shot('stats');
});

test('every view passes axe in Chinese and in English, and is screenshotted', async () => {
  const views = [
    ['#/versions', '#versions-table', 'versions'],
    ['#/versions/2', '#diff', 'version'],
    ['#/lists', '#list-collection', 'lists'],
    ['#/declarations', '#declarations-table', 'declarations'],
    ['#/stats', '#stats-queue', 'stats'],
    ['#/audit', '#audit-table', 'audit'],
    ['#/tokens', '#tokens-table', 'tokens'],
  ] as const;
  for (const [hash, ready, name] of views) {
    await go(hash, ready);
    await axe(name);
    if (name !== 'versions' && name !== 'stats' && name !== 'audit' && name !== 'version') await shot(name);
  }
  await switchLang('en');
  for (const [hash, ready, name] of views) {
    await go(hash, ready);
    await axe(`${name}-en`);
  }
  expect(await page.locator('#page-tokens h1').innerText()).toBe('Ops tokens');
  await go('#/versions/2', '#diff');
  expect(await page.locator('#preview-toggle').innerText()).toBe('Show the whole policy as shoppers see it');
  await page.locator('#preview-toggle').click();
  expect(await page.locator('#preview-title').innerText()).toBe('Privacy Policy');
  expect(await page.locator('label[for], legend').allInnerTexts()).toEqual(expect.arrayContaining(['Preview language']));
  await page.locator('#preview-toggle').click();
  expect(await page.locator('#diff .diff-section h3').innerText()).toContain('Contact us');
  expect(await page.locator('#diff ins').allInnerTexts()).toEqual(['a ', '10 working']);
  expect(await page.locator('#version-changed li').allInnerTexts()).toEqual(['Contact us']);
  await shot('version-en');
  await go('#/stats', '#stats-queue');
  expect(await page.locator('#stats-consents tr[data-purpose="marketing"]').innerText()).toMatch(/^Marketing communications\s+granted\s+1$/);
  await shot('stats-en');
  await go('#/audit', '#audit-table');
  expect(await page.locator('#audit-table tbody tr[data-action="policy.publish.override"] .audit-sentence').innerText()).toBe('alice published v2 despite the content check, and gave a reason.');
  expect(await page.locator('#audit-table tbody tr[data-action="console.sign-in.failed"] .audit-sentence').innerText()).toBe('A console sign-in with a token the server never issued was refused (1 attempt from 127.0.0.1).');
  expect(await page.locator('#audit-csv').getAttribute('href')).toBe('/v1/admin/audit.csv?lang=en');
  // Every word of the page is English; only what ops wrote (the override's reason) keeps its language.
  const words = await page.locator('main h1, main h2, main label, main button, main th, main dt, .audit-sentence, #audit-csv-line, main option').allInnerTexts();
  expect(words.filter((w) => /[\u4e00-\u9fff]/.test(w))).toEqual([]);
  await shot('audit-en');
  await switchLang('zh');
  expect(problems).toEqual([]);
});

test("the privacy guide gives Douyin's agreement checklist beside WeChat's, in Chinese and in English", async () => {
  interface DouyinAnswer {
    douyin: {
      items: { infoType: string | null; wechatDataTypes: string[]; label: { zh: string; en: string }; purposes: { zh: string; en: string }[]; features: { name: { zh: string; en: string } }[]; ttApis: string[]; note: { zh: string; en: string } | null }[];
      steps: { zh: string; en: string }[];
      contact: { source: { zh: string; en: string }; emails: string[]; landlines: string[]; gap: { zh: string; en: string } | null };
    };
  }
  const { body } = await api<DouyinAnswer>('/v1/admin/privacy-guide');
  const { douyin } = body;
  await go('#/declarations', '#douyin-table');
  // Its own heading, after WeChat's guide and its filing form.
  expect(await page.locator('#douyin-title').innerText()).toBe('抖音：小程序用户隐私保护协议');
  expect(await page.locator('main h2').allInnerTexts()).toEqual(['小程序自行收集的信息', '收集方信息', '自上次报备以来的变化', '抖音：小程序用户隐私保护协议']);
  expect(await page.locator('#douyin-steps li').allInnerTexts()).toEqual(douyin.steps.map((s) => s.zh));
  // One row per information type to add, in the answer's order, with the purposes WeChat's guide declares.
  const rows = page.locator('#douyin-table tbody tr');
  expect(await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-info-type')))).toEqual(douyin.items.map((i) => i.infoType ?? ''));
  for (const [k, item] of douyin.items.entries()) {
    const cells = rows.nth(k).locator('td');
    expect(await cells.nth(1).locator('li').allInnerTexts()).toEqual(item.purposes.map((p) => p.zh));
    expect(await cells.nth(2).locator('li').allInnerTexts()).toEqual(item.features.map((f) => f.name.zh));
    expect(await cells.nth(3).innerText()).toBe(item.ttApis.join(', '));
  }
  expect(await page.locator('#douyin-table tr[data-info-type="camera"] td').first().innerText()).toMatch(/^相机\s+微信：Camera$/);
  // Bluetooth: no Douyin type; marked, with what to check.
  const bluetooth = page.locator('#douyin-table tr[data-wechat-types="BlueTooth"]');
  expect(await bluetooth.locator('.badge-gap').innerText()).toBe('抖音列表中无此类型');
  expect(await bluetooth.locator('.douyin-note').innerText()).toContain('186679');
  // The contact WeChat's collector settings use, and the e-mail and telephone Douyin's form takes from it.
  expect(douyin.contact.gap).toBeNull();
  expect(await page.locator('#douyin-contact dd').allInnerTexts()).toEqual([douyin.contact.source.zh, 'customerservice.cn@cartier.com', '无', '+86 400 885 6618']);
  expect(await page.locator('#douyin-contact-gap').count()).toBe(0);
  await axe('declarations-douyin');
  await shot('declarations-douyin');
  await switchLang('en');
  await go('#/declarations', '#douyin-table');
  expect(await page.locator('#douyin-title').innerText()).toBe('Douyin: user privacy protection agreement');
  expect(await page.locator('#douyin-steps li').allInnerTexts()).toEqual(douyin.steps.map((s) => s.en));
  expect(await page.locator('#douyin-table tbody tr').first().locator('td').nth(1).locator('li').allInnerTexts()).toEqual(douyin.items[0]!.purposes.map((p) => p.en));
  const words = await page.locator('#douyin-agreement h2, #douyin-agreement h3, #douyin-agreement th, #douyin-agreement dt, #douyin-agreement .badge').allInnerTexts();
  expect(words.filter((w) => /[\u4e00-\u9fff]/.test(w))).toEqual([]);
  await axe('declarations-douyin-en');
  await shot('declarations-douyin-en');
  await switchLang('zh');
});

test("at a phone's width the pages fit the screen and pass axe", async () => {
  await page.setViewportSize({ width: 390, height: 844 });
  try {
    for (const [hash, ready, name] of [
      ['#/stats', '#stats-queue', 'stats'],
      ['#/versions/2', '#diff', 'version'],
      ['#/lists', '#list-collection', 'lists'],
      ['#/audit', '#audit-table', 'audit'],
    ] as const) {
      await go(hash, ready);
      // Wide tables scroll inside their own box; the page itself never scrolls sideways.
      expect({ name, overflow: await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth) }).toEqual({ name, overflow: 0 });
      await axe(`${name}-phone`);
    }
    await page.screenshot({ path: join(SHOTS, 'console-audit-phone.png') });
    await go('#/lists', '#list-collection');
    await page.screenshot({ path: join(SHOTS, 'console-lists-phone.png') });
    await go('#/stats', '#stats-queue');
    await page.screenshot({ path: join(SHOTS, 'console-stats-phone.png') });
  } finally {
    await page.setViewportSize({ width: 1280, height: 900 });
  }
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

test('lists are edited as forms on a draft: checked as typed, saved, validated again by the server, and the change shows in the version\'s diff', async () => {
  const draft = (await api('/v1/admin/policies', { method: 'POST', body: { content: (await api('/v1/admin/policies/2')).body.content } })).body.version;
  type ListRow = { id: string; notInPolicy?: unknown; method: { zh: string; en: string }; recipient: { zh: string; en: string } };
  const start = (await api<{ collection: { items: ListRow[] }; sharing: { items: ListRow[] } }>(`/v1/admin/lists/${draft}`)).body;
  const items = start.collection.items;
  const sharing = start.sharing.items;
  await go(`#/lists/${draft}`, '#list-collection');
  // Every row is a card of labelled fields; none is a JSON text box any more.
  expect(await page.locator('#list-collection .list-row').count()).toBe(items.length);
  expect(await page.locator('#list-sharing .list-row').count()).toBe(sharing.length);
  // Each row is folded to its name; opened, its fields show, each labelled.
  expect(await page.locator('#sharing-0-row-toggle').innerText()).toBe(`第 1 条：${sharing[0]!.recipient.zh}（${sharing[0]!.id}）`);
  expect(await page.locator('#sharing-0-method-zh').isVisible()).toBe(false);
  await page.locator('#sharing-0-row-toggle').click();
  expect(await page.locator('#sharing-0-method-zh').isVisible()).toBe(true);
  expect(await page.locator('label[for="sharing-0-method-zh"]').innerText()).toBe('共享方式及依据（中文）');
  expect(await page.locator('label[for="sharing-0-recipient-en"]').innerText()).toBe('接收方（英文）');
  // The rows of either list the policy does not cover are listed as policy gaps for the next version.
  const gaps = items.filter((i) => i.notInPolicy).length;
  const sharingGaps = sharing.filter((i) => i.notInPolicy).length;
  expect(gaps).toBeGreaterThan(0);
  expect(sharingGaps).toBeGreaterThan(0);
  expect(await page.locator('#lists-policy-gaps li').count()).toBe(gaps + sharingGaps);
  expect(await page.locator('#lists-policy-gaps').innerText()).toContain('after-sales');
  expect(await page.locator('#lists-policy-gaps').innerText()).toContain('overseas-receiver');
  expect(await page.locator('#list-sharing-save').isDisabled()).toBe(false);
  // The consents' texts are cards too, one per consent the app declares, their disclosure text by text.
  const consents = (await api<{ consents: { items: { purpose: string }[] } }>(`/v1/admin/lists/${draft}`)).body.consents.items;
  expect(await page.locator('#list-consents .list-row').count()).toBe(consents.length);
  expect(await page.locator('label[for="consents-0-title-zh"]').textContent()).toBe('标题（中文）');
  expect(await page.locator('#list-consents-add').count()).toBe(0);

  // A bad value is said under its field as it is typed, the field marked invalid and described by it; save waits.
  const method = page.locator('#sharing-0-method-zh');
  await method.fill('');
  expect(await page.locator('#sharing-0-method-zh-problem').innerText()).toBe('必填。');
  expect(await method.getAttribute('aria-invalid')).toBe('true');
  expect(await method.getAttribute('aria-describedby')).toContain('sharing-0-method-zh-problem');
  expect(await page.locator('#list-sharing-save').isDisabled()).toBe(true);
  expect(await page.locator('#list-sharing-check').innerText()).toContain('保存前还有 1 处需要修改。');
  expect(await page.locator('#sharing-0-row-toggle').innerText()).toContain('需修改');
  const id = page.locator('#sharing-0-id');
  await id.fill('Not A Slug');
  expect(await page.locator('#sharing-0-id-problem').innerText()).toBe('请使用小写字母、数字和连字符，以字母开头（最多 64 个）。');
  expect(await id.getAttribute('aria-describedby')).toBe('sharing-0-id-hint sharing-0-id-problem');
  await axe('lists-invalid');
  await page.locator('#list-sharing').screenshot({ path: join(SHOTS, 'console-lists-invalid.png') });
  // Fixed, the messages go and save is back.
  await id.fill(sharing[0]!.id);
  await method.fill('经加密接口传输，依据委托处理协议');
  expect(await page.locator('#sharing-0-id-problem').count()).toBe(0);
  expect(await page.locator('#sharing-0-method-zh-problem').count()).toBe(0);
  expect(await method.getAttribute('aria-invalid')).toBeNull();
  expect(await page.locator('#list-sharing-check').innerText()).toContain('所有字段均有效。');
  await page.locator('#list-sharing-save').click();
  await page.waitForFunction(() => (document.querySelector('#list-sharing-source')?.textContent ?? '').includes('本版本保存'));
  expect(await page.locator('#notice').innerText()).toBe('已保存。');
  const saved = (await api<{ sharing: { items: ListRow[] } }>(`/v1/admin/lists/${draft}`)).body.sharing.items;
  expect(saved.map((r) => r.id)).toEqual(sharing.map((r) => r.id));
  expect(saved[0]!.method).toEqual({ zh: '经加密接口传输，依据委托处理协议', en: sharing[0]!.method.en });

  // A consent's text the same way: emptied it is asked for, filled it saves.
  await page.locator('#consents-0-row-toggle').click();
  await page.locator('#consents-0-ifRefused-zh').fill('');
  expect(await page.locator('#consents-0-ifRefused-zh-problem').innerText()).toBe('必填。');
  expect(await page.locator('#list-consents-save').isDisabled()).toBe(true);
  await page.locator('#consents-0-ifRefused-zh').fill('不影响浏览和购物；可随时在隐私中心更改');
  expect(await page.locator('#consents-0-ifRefused-zh-problem').count()).toBe(0);
  await page.locator('#list-consents-save').click();
  await page.waitForFunction(() => (document.querySelector('#list-consents-source')?.textContent ?? '').includes('本版本保存'));
  const savedConsents = (await api<{ consents: { items: { purpose: string; ifRefused: { zh: string } }[] } }>(`/v1/admin/lists/${draft}`)).body.consents.items;
  expect(savedConsents.map((c) => c.purpose)).toEqual(consents.map((c) => c.purpose));
  expect(savedConsents[0]!.ifRefused.zh).toBe('不影响浏览和购物；可随时在隐私中心更改');

  // The server checks again: a save altered on its way (an id it refuses) is answered 400, said next to the form, and nothing is stored.
  await page.locator('#collection-0-remove').click();
  expect(await page.locator('#list-collection .list-row').count()).toBe(items.length - 1);
  await page.route(`**/v1/admin/lists/${draft}/collection`, async (route) => {
    const body = JSON.parse(route.request().postData() ?? '{}') as { items: ListRow[] };
    await route.continue({ postData: JSON.stringify({ items: [...body.items, { id: 'Not A Slug' }] }) });
  });
  await page.locator('#list-collection-save').click();
  await page.waitForFunction(() => (document.querySelector('#list-collection-error')?.textContent ?? '').includes('.id'));
  expect(await page.locator('#list-collection-error').innerText()).toMatch(/^请求失败：个人信息收集清单有误/);
  expect((await api(`/v1/admin/lists/${draft}`)).body.collection.items.map((i) => i.id)).toEqual(items.map((i) => i.id));
  await page.unroute(`**/v1/admin/lists/${draft}/collection`);
  await page.locator('#list-collection-save').click();
  await page.waitForFunction(() => (document.querySelector('#list-collection-source')?.textContent ?? '').includes('本版本保存'));
  expect(await page.locator('#list-collection-error').innerText()).toBe('');
  const stored = await api(`/v1/admin/lists/${draft}`);
  expect(stored.body.collection.items.map((i) => i.id)).toEqual(items.slice(1).map((i) => i.id));
  await axe('lists-saved');
  await shot('lists-form');

  // The version's diff shows both changes beside the policy text's: the row removed, the field changed with its words.
  await go(`#/versions/${draft}`, '#list-diff');
  const active = (await api('/v1/admin/policies')).body.versions.find((v) => v.status === 'active')!.version;
  expect(await page.locator('#list-diff-heading').innerText()).toBe(`清单与单独同意文本（对比 v${active}）`);
  const removed = page.locator(`#list-diff-collection li[data-key="${items[0]!.id}"]`);
  expect(await removed.getAttribute('data-status')).toBe('removed');
  expect(await removed.innerText()).toMatch(/^删除 /);
  const changed = page.locator(`#list-diff-sharing li[data-key="${sharing[0]!.id}"]`);
  expect(await changed.getAttribute('data-status')).toBe('changed');
  expect(await changed.locator('.list-diff-fields li').allInnerTexts()).toEqual([expect.stringMatching(/^共享方式及依据：/)]);
  expect((await changed.locator('ins').allInnerTexts()).join('')).toContain('加密');
  const consent = page.locator(`#list-diff-consents li[data-key="${consents[0]!.purpose}"]`);
  expect(await consent.getAttribute('data-status')).toBe('changed');
  expect(await consent.locator('.list-diff-fields li').allInnerTexts()).toEqual([expect.stringMatching(/^拒绝的后果：/)]);
  await axe('version-list-diff');
  await page.locator('#diff').screenshot({ path: join(SHOTS, 'console-version-list-diff.png') });
});

test('a draft that adds a recipient: the check names it as material (in English), the form asks for a reason while it is non-material, and a refusal of the server is shown', async () => {
  const draft = (await api('/v1/admin/policies', { method: 'POST', body: { content: (await api('/v1/admin/policies/2')).body.content } })).body.version;
  const lists = (await api<{ sharing: { items: { id: string; recipient: { zh: string; en: string } }[] } }>(`/v1/admin/lists/${draft}`)).body;
  const carrier = { ...lists.sharing.items[0]!, id: 'new-carrier', recipient: { zh: '迅达快运有限公司', en: 'Swift Couriers Ltd' } };
  expect((await api(`/v1/admin/lists/${draft}/sharing`, { method: 'PUT', body: { items: [...lists.sharing.items, carrier] } })).status).toBe(200);
  const findings = (await api<FindingsAnswer>(`/v1/admin/policies/${draft}/findings`)).body;
  expect(findings.materialChanges).toEqual([{ code: 'recipient-added', where: 'sharing.new-carrier' }]);

  await switchLang('en');
  try {
    await go(`#/versions/${draft}`, '#findings');
    expect(await page.locator('#findings-heading').innerText()).toBe('Content check: material changes and compliance gaps');
    expect(await page.locator('#findings-against').innerText()).toContain('v2');
    const change = page.locator('#findings-material li[data-where="sharing.new-carrier"]');
    expect(await page.locator('#findings-material li').count()).toBe(1);
    expect(await change.innerText()).toBe('material Third-party list: Swift Couriers Ltd (new-carrier): recipient added');
    expect(await page.locator('#findings-gaps li').count()).toBe(findings.gaps.length);
    await page.locator('#findings-gaps-toggle').click();
    expect(await page.locator('#findings-gaps li').first().innerText()).toMatch(/^compliance gap /);
    // Non-material with a material change: the form says so, and the reason is asked for.
    expect(await page.locator('#publish-material').isChecked()).toBe(false);
    expect(await page.locator('#publish-material-note').innerText()).toContain('publish it as a material change, or give a reason below');
    expect(await page.locator('label[for="publish-override"]').innerText()).toBe('Reason for publishing despite the findings (10–500 characters)');
    expect(await page.locator('#publish-override-hint').innerText()).toContain('recorded in the audit log');
    await axe('version-material-en');
    await shot('version-draft-en');
    await page.locator('#findings').screenshot({ path: join(SHOTS, 'console-version-findings-en.png') });
    // As material, the materiality note goes; the gaps still need the reason.
    await page.locator('#publish-material').check();
    expect(await page.locator('#publish-material-note').count()).toBe(0);
    expect(await page.locator('#publish-override').count()).toBe(1);
    await page.locator('#publish-material').uncheck();

    // Someone publishes it meanwhile: the page's attempt is refused and the server's message shown.
    expect((await api(`/v1/admin/policies/${draft}/publish`, { method: 'POST', body: { material: true, summary: { zh: '新增承运商', en: 'A new carrier' }, override: { reason: 'Carrier contract signed; other recipients named in 2026-12' } } })).status).toBe(200);
    await page.locator('#publish-summary-zh').fill('新增承运商');
    await page.locator('#publish-summary-en').fill('A new carrier');
    await page.locator('#publish-override').fill('Wording only; legal review of recipients 2026-12');
    await page.locator('#publish-form').screenshot({ path: join(SHOTS, 'console-version-publish-form-en.png') });
    await page.locator('#publish-submit').click();
    await page.waitForFunction(() => (document.querySelector('#publish-error')?.textContent ?? '') !== '');
    expect(await page.locator('#publish-error').innerText()).toBe('Request failed: Only drafts can be published');
    expect(await page.locator('#publish-error').getAttribute('role')).toBe('alert');
    expect((await api(`/v1/admin/policies/${draft}`)).body).toMatchObject({ status: 'published', material: true });
  } finally {
    await switchLang('zh');
  }
});

test('a publisher creates a token, sees its secret once, and revokes it', async () => {
  await go('#/tokens', '#tokens-table');
  await page.locator('#token-name').fill('carol ops');
  await page.locator('#token-role').selectOption('viewer');
  await page.locator('#token-create').click();
  await page.waitForSelector('#token-secret');
  const secret = await page.locator('#token-secret').innerText();
  expect(secret).toMatch(/^[A-Za-z0-9_-]{20,}$/);
  const row = page.locator('#tokens-table tr[data-token="carol ops"]');
  expect(await row.innerText()).toContain('查看者');
  // The secret works once created, and not after revoking.
  expect((await fetch(`${server.url}/v1/admin/policies`, { headers: { authorization: `Bearer ${secret}` } })).status).toBe(200);
  await row.locator('button').click();
  await page.waitForFunction(() => document.querySelector('#notice')?.textContent === '已撤销。');
  expect(await page.locator('#token-secret').count()).toBe(0);
  expect((await fetch(`${server.url}/v1/admin/policies`, { headers: { authorization: `Bearer ${secret}` } })).status).toBe(401);
  // A name the server refuses is stopped by the form first.
  await page.locator('#token-name').fill('no/slashes');
  expect(await page.locator('#token-name').evaluate((n) => (n as HTMLInputElement).validity.patternMismatch)).toBe(true);
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
