/**
 * Remote policy versions in the production weapp build against the real backend (PGlite):
 * a material version blocks with a re-consent sheet and its summary, a non-material one shows a
 * notice, a rollback is followed like any activation, and a bad or absent answer never blocks
 * browsing (regulator item 6).
 */
import type { RunningServer } from '../../../server/src';
import { startServer } from '../../../server/src';
import { BUNDLED_POLICY } from '../../../src/shop/privacy-content';
import type { PolicyDocument } from '@maison/privacy/contract';
import { launchWeapp, type PageHandle, type WeappHost } from '../harness';
import { registerOnMe } from './shopper';

jest.setTimeout(240_000);

/**
 * The shop's content declares compliance gaps (recipients the 2023-12 policy does not name,
 * retentions it does not state): ops publish it with an override, whose reason is audited.
 */
const PUBLISH_OVERRIDE = { reason: 'Recipients not named in the 2023-12 policy; legal review 2026-12' };

const API = 'https://api.maison.example';
let server: RunningServer;
let host: WeappHost | undefined;

beforeAll(async () => {
  server = await startServer({ port: 0, dataDir: null, devLogin: true, logLevel: 'silent', purgeIntervalSeconds: 0, env: { ...process.env, NODE_ENV: 'test' } });
});
afterAll(async () => server?.close());
afterEach(() => host?.close());

async function admin(method: string, path: string, body?: unknown): Promise<{ version: number }> {
  const res = await fetch(`${server.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${server.firstOpsToken}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
  return res.json();
}

/** Ops publish a copy of the policy with one changed paragraph and activate it. */
async function publish(material: boolean, summary: string, change: string): Promise<number> {
  const doc = JSON.parse(JSON.stringify(BUNDLED_POLICY)) as PolicyDocument;
  for (const lang of ['zh', 'en'] as const) {
    const section = doc.texts[lang].sections.find((s) => s.id === 'your-choices')!;
    section.blocks.push({ type: 'paragraph', text: `${change} (${lang})` });
  }
  const { version } = await admin('POST', '/v1/admin/policies', { content: doc });
  await admin('POST', `/v1/admin/policies/${version}/publish`, { material, summary: { zh: `${summary}(中文)`, en: summary }, override: PUBLISH_OVERRIDE });
  await admin('POST', `/v1/admin/policies/${version}/activate`, {});
  return version;
}

async function launchAgreed(): Promise<PageHandle> {
  // Signing in, when a test does, is a dev login (this server has no WeChat).
  host = await launchWeapp({ httpRoutes: { [API]: server.url }, wxOptions: { login: () => 'dev:policy-versions' } });
  const home = await host.openPage();
  await host.flush();
  await home.tap('privacy-agree');
  await host.flush();
  expect(home.exists('privacy-sheet')).toBe(false);
  return home;
}

async function backToForeground(): Promise<void> {
  await host!.hide();
  await host!.show();
  await host!.flush();
  await host!.waitFor(() => host!.callsTo('request').every((c) => c.status !== 'held'), { what: 'requests settled' });
  await host!.flush();
}

// First: the shopper agrees to v1 while it is the only version, so the next one is a notice.
test('a policy notice on screen and a feature tap: the purpose sheet opens after the notice is closed, not beside it', async () => {
  await launchAgreed();
  // A member: the warranty page offers its scan to members only.
  await registerOnMe(host!);
  await publish(false, 'Wording only', 'Wording fix C');
  await host!.relaunch();
  await host!.openPage();
  await host!.flush();
  const page = await host!.openPage('features/warranty/index');
  await host!.flush();
  await host!.waitFor(() => page.exists('policy-notice'), { what: 'policy notice' });
  expect(page.exists('warranty-sign-in')).toBe(false);

  await page.tap('warranty-scan');
  await host!.flush();
  // One overlay at a time: the purpose sheet waits its turn behind the notice.
  expect(page.exists('policy-notice')).toBe(true);
  expect(page.exists('purpose-sheet')).toBe(false);
  expect(host!.callsTo('authorize')).toEqual([]);

  await page.tap('notice-dismiss');
  await host!.flush();
  expect(page.exists('policy-notice')).toBe(false);
  expect(page.exists('purpose-sheet')).toBe(true);
  await page.tap('purpose-continue');
  await host!.flush();
  expect(page.exists('purpose-sheet')).toBe(false);
  expect(page.exists('warranty-camera')).toBe(true);
  expect(host!.errors).toEqual([]);
  // The next test starts from v1 again.
  await admin('POST', '/v1/admin/policies/1/activate', {});
});

test('material change → blocking re-consent with the summary; agreeing closes it; a later notice is dismissible; rollback is followed', async () => {
  const home = await launchAgreed();
  const v2 = await publish(true, 'We now share data with a new logistics partner', 'Material change A');

  await backToForeground();
  expect(home.exists('reconsent-sheet')).toBe(true);
  expect(home.textOf('reconsent-summary')).toBe('We now share data with a new logistics partner(中文)');
  expect(home.exists('changed-your-choices')).toBe(true);
  expect(home.textOf('reconsent-sheet')).toContain(String(v2));
  // Browsing is not blocked behind it: the catalogue is still rendered.
  expect(home.exists('catalogue')).toBe(true);

  await home.tap('reconsent-agree');
  await host!.flush();
  expect(home.exists('reconsent-sheet')).toBe(false);

  // The remote content replaced the bundled copy.
  const policy = await host!.openPage('privacy-pages/policy/index', { query: { section: 'your-choices' } });
  await host!.flush();
  expect(policy.textOf('policy-version')).toContain(String(v2));
  expect(policy.textOf('sec-your-choices')).toContain('Material change A');

  // A non-material version: a notice only, and no sheet (on the shop page on screen).
  await host!.relaunch();
  const page = await host!.openPage();
  await host!.flush();
  expect(page.exists('reconsent-sheet')).toBe(false);
  await publish(false, 'Typo fixes', 'Wording fix B');
  await backToForeground();
  expect(page.exists('reconsent-sheet')).toBe(false);
  expect(page.exists('policy-notice')).toBe(true);
  await page.tap('notice-dismiss');
  await host!.flush();
  expect(page.exists('policy-notice')).toBe(false);

  // Ops roll back to v1: the app follows, and no re-consent is needed (v1 is not newer).
  await admin('POST', '/v1/admin/policies/1/activate', {});
  await backToForeground();
  expect(page.exists('reconsent-sheet')).toBe(false);
  await host!.relaunch();
  const again = await host!.openPage('privacy-pages/policy/index');
  await host!.flush();
  await host!.waitFor(() => again.textOf('policy-version').includes('1'), { what: 'policy v1 shown' });
  expect(host!.errors).toEqual([]);
});

test('offline or a malformed answer never blocks browsing and never replaces good content', async () => {
  host = await launchWeapp({ httpRoutes: { [API]: 'http://127.0.0.1:9' } });
  const home = await host.openPage();
  await host.flush();
  await home.tap('privacy-agree');
  await host.flush();
  expect(home.exists('catalogue')).toBe(true);
  expect(home.exists('reconsent-sheet')).toBe(false);
  const policy = await host.openPage('privacy-pages/policy/index');
  await host.flush();
  expect(policy.textOf('policy-title')).toBe(BUNDLED_POLICY.texts.zh.title);
  expect(host.errors).toEqual([]);
});

test('a malformed metadata answer is ignored: bundled content stays, no sheet, no crash', async () => {
  const { createServer } = await import('node:http');
  const bogus = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json', etag: '"x"' });
    res.end(JSON.stringify({ version: 'two', lastMaterialVersion: 99, content: '<script>alert(1)</script>' }));
  });
  await new Promise<void>((resolve) => bogus.listen(0, '127.0.0.1', resolve));
  const port = (bogus.address() as { port: number }).port;
  try {
    host = await launchWeapp({ httpRoutes: { [API]: `http://127.0.0.1:${port}` } });
    const home = await host.openPage();
    await host.flush();
    await home.tap('privacy-agree');
    await backToForeground();
    expect(home.exists('reconsent-sheet')).toBe(false);
    expect(home.exists('catalogue')).toBe(true);
    const policy = await host.openPage('privacy-pages/policy/index');
    await host.flush();
    expect(policy.textOf('policy-version')).toContain('1');
    expect(policy.textOf('policy-title')).toBe(BUNDLED_POLICY.texts.zh.title);
    expect(host.errors).toEqual([]);
  } finally {
    bogus.close();
  }
});
