/**
 * A first launch that loses the network right after the main package arrived: the first-run sheet
 * and the full policy still open, from the bundled copy that ships in the privacy subpackage (which
 * app.json preloads with the main pages), with no content request and no error.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { BUNDLED_POLICY } from '../../../src/shop/privacy-content';
import { ensureWeappBuild, launchWeapp, type WeappHost } from '../harness';

jest.setTimeout(240_000);

const API = 'https://api.maison.example';
let host: WeappHost | undefined;
afterEach(() => host?.close());

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? files(p) : [p];
  });
}

test('the policy document ships in the preloaded privacy subpackage, not in the main package', () => {
  const dist = ensureWeappBuild();
  const app = JSON.parse(readFileSync(join(dist, 'app.json'), 'utf8')) as {
    pages: string[];
    subPackages: { root: string; pages: string[] }[];
    preloadRule: Record<string, { network: string; packages: string[] }>;
  };
  const root = app.subPackages.find((s) => s.pages.some((p) => p.startsWith('policy/')))!.root;
  expect(root).toBe('privacy-pages');
  // Preloaded, on any network, from the page a first launch opens.
  expect(app.preloadRule[app.pages[0]!]).toEqual({ network: 'all', packages: [root] });
  // A sentence of each language of the document, as the bundle holds it.
  const needles = (['zh', 'en'] as const).map((l) => JSON.stringify(BUNDLED_POLICY.texts[l].sections[3]!.title).slice(1, -1));
  const js = files(dist).filter((f) => f.endsWith('.js'));
  const holding = js.filter((f) => needles.some((n) => readFileSync(f, 'utf8').includes(n))).map((f) => relative(dist, f));
  expect(holding.length).toBeGreaterThan(0);
  expect(holding.filter((f) => !f.startsWith(`${root}/`))).toEqual([]);
});

test('offline first launch: the sheet, then the full policy from the bundled copy', async () => {
  // Nothing answers: every request fails the way a dropped connection does.
  host = await launchWeapp({ device: { networkType: 'none' }, httpRoutes: { [API]: 'http://127.0.0.1:9' } });
  const home = await host.openPage();
  await host.flush();
  expect(home.exists('privacy-sheet')).toBe(true);
  expect(host.gatedCalls()).toEqual([]);
  await home.tap('sheet-policy');
  await host.flush();
  const policy = host.currentPage();
  expect(policy.route).toBe('privacy-pages/policy/index');
  expect(policy.textOf('policy-title')).toBe(BUNDLED_POLICY.texts.zh.title);
  expect(policy.textOf('policy-version')).toContain('1');
  expect(policy.textOf('policy-sections')).toContain(BUNDLED_POLICY.texts.zh.sections[0]!.title);
  // The version check tried and failed; no content was asked for or needed.
  const urls = host.callsTo('request').map((c) => String((c.args[0] as { url?: string }).url));
  expect(urls.some((u) => u.includes('/v1/policy/current'))).toBe(true);
  expect(urls.filter((u) => u.includes('/v1/policy/versions/'))).toEqual([]);
  expect(host.callsTo('request').every((c) => c.status === 'fail')).toBe(true);
  expect(host.errors).toEqual([]);
  // Killed and relaunched, still offline, straight into the centre (also in the subpackage): it
  // shows the policy's contact section from the same bundled copy.
  await host.relaunch();
  const centre = await host.openPage('privacy-pages/centre/index');
  await host.flush();
  const contact = BUNDLED_POLICY.texts.zh.sections.find((s) => s.id === 'contact-us')!.blocks[0]!;
  const line = contact.type === 'list' ? contact.items[0]! : contact.type === 'lines' ? contact.lines[0]! : contact.text;
  expect(line.length).toBeGreaterThan(4);
  expect(centre.textOf('centre-contact')).toContain(line);
  expect(host.errors).toEqual([]);
});
