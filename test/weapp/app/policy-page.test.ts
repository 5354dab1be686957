/**
 * The policy page of the production weapp build: every paragraph of both languages, sensitive
 * terms bold + underlined, jumps, and small setData payloads on a long document.
 */
import { LANGS, type Lang } from '@maison/privacy/contract';
import { BUNDLED_POLICY, SENSITIVE_TERMS } from '../../../src/shop/privacy-content';
import { seedHalves } from '../../../scripts/policy-import/seedText';
import { launchWeapp, type PageHandle, type WeappHost } from '../harness';

jest.setTimeout(240_000);

const POLICY = 'privacy-pages/policy/index';
const KB = 1024;
let host: WeappHost | undefined;
afterEach(() => host?.close());

const withoutWhitespace = (s: string) => s.replace(/\s+/g, '');
const withoutBullets = (half: string) => half.split('\n').map((l) => l.replace(/^\s*•/, '')).join('\n');
/** The seed's only square brackets are the draft's (around the Wi-Fi clause), which shoppers never read. */
const withoutDraftingBrackets = (half: string) => half.replace(/[[\]]/g, '');

async function openPolicy(lang: Lang): Promise<PageHandle> {
  host = await launchWeapp({ device: { language: lang === 'zh' ? 'zh_CN' : 'en' } });
  const page = await host.openPage(POLICY);
  await host.flush();
  return page;
}

async function readToEnd(page: PageHandle): Promise<void> {
  for (let i = 0; i < 100 && page.exists('policy-more'); i++) {
    await page.reachBottom();
    await host!.flush();
  }
  expect(page.exists('policy-more')).toBe(false);
}

function pageSetData(route: string) {
  const stats = host!.setDataStats();
  const own = Object.entries(stats).filter(([owner]) => owner.includes(route));
  return own.flatMap(([, s]) => s.bytes);
}

test.each(LANGS)('%s: first render is small; reading to the end shows every paragraph of the seed', async (lang) => {
  const page = await openPolicy(lang);
  const first = host!.setDataStats()[`page:${POLICY}`];
  expect(first.first).toBeLessThanOrEqual(16 * KB);
  expect(host!.nodeCount(page)).toBeLessThan(300);

  await readToEnd(page);
  const bytes = pageSetData(POLICY);
  expect(Math.max(...bytes)).toBeLessThanOrEqual(64 * KB);
  expect(bytes.length).toBeGreaterThan(2); // sections arrived in several updates

  const header = ['policy-overline', 'policy-title', 'policy-updated'].filter((id) => page.exists(id)).map((id) => page.textOf(id));
  const rendered = withoutWhitespace(header.join('') + page.textOf('policy-sections'));
  expect(rendered).toBe(withoutWhitespace(withoutDraftingBrackets(withoutBullets(seedHalves()[lang]))));
  expect(host!.errors).toEqual([]);
});

test('version and last-updated date are shown; the language switch re-renders in English', async () => {
  const page = await openPolicy('zh');
  expect(page.textOf('policy-version')).toContain('1');
  expect(page.textOf('policy-updated')).toBe(BUNDLED_POLICY.texts.zh.lastUpdatedLabel);
  await page.tap('policy-lang');
  await host!.flush();
  expect(page.textOf('policy-title')).toBe(BUNDLED_POLICY.texts.en.title);
  expect(page.textOf('policy-updated')).toBe(BUNDLED_POLICY.texts.en.lastUpdatedLabel);
  const largest = Math.max(...pageSetData(POLICY));
  expect(largest).toBeLessThanOrEqual(64 * KB);
});

test.each(LANGS)('%s: sensitive terms are rendered bold and underlined', async (lang) => {
  const page = await openPolicy(lang);
  await readToEnd(page);
  const marked = page.findAll((n) => (n.className ?? '').split(/\s+/).includes('pv-s'));
  expect(marked.length).toBeGreaterThan(5);
  const terms = new Set(SENSITIVE_TERMS[lang].map((t) => t.toLowerCase()));
  const texts = marked.map((n) => page.textOf(n.id).toLowerCase());
  // Each emphasised run is made of sensitive terms only (adjacent terms share one run).
  const longestFirst = [...terms].sort((a, b) => b.length - a.length);
  const leftover = (t: string) => longestFirst.reduce((rest, term) => rest.split(term).join(''), t).trim();
  expect(texts.filter((t) => leftover(t) !== '')).toEqual([]);
  // Every sensitive term that occurs in the policy is emphasised at least once.
  const shown = texts.join('\n');
  const plain = page.textOf('policy-sections').toLowerCase();
  for (const term of terms) if (plain.includes(term)) expect(shown).toContain(term);
});

test('a table-of-contents jump renders the target section in small steps', async () => {
  const page = await openPolicy('zh');
  const last = BUNDLED_POLICY.texts.zh.sections[BUNDLED_POLICY.texts.zh.sections.length - 1];
  expect(page.exists(`sec-${last.id}`)).toBe(false);
  await page.tap(`toc-${last.id}`);
  await host!.flush();
  expect(page.exists(`sec-${last.id}`)).toBe(true);
  expect(page.textOf(`sec-${last.id}`)).toContain(last.title);
  expect(Math.max(...pageSetData(POLICY))).toBeLessThanOrEqual(64 * KB);
  expect(host!.callsTo('pageScrollTo').length).toBeGreaterThanOrEqual(1);
});

test('the policy opens at a section from a link (?section=)', async () => {
  host = await launchWeapp();
  const id = 'your-choices';
  const page = await host.openPage(POLICY, { query: { section: id } });
  await host.flush();
  expect(page.exists(`sec-${id}`)).toBe(true);
});
