/**
 * The two lists regulators expect (个人信息收集清单, 第三方信息共享清单) in the production weapp build:
 * revealed in chunks like the policy page, so the first setData and the first render stay small,
 * and reading to the end shows every row exactly once.
 */
import { LANGS, type Lang } from '@maison/privacy/contract';
import { COLLECTION_LIST, SHARING_LIST } from '../../../src/shop/privacy-content';
import { launchWeapp, type WeappHost } from '../harness';

jest.setTimeout(240_000);

const KB = 1024;
let host: WeappHost | undefined;
afterEach(() => host?.close());

const LISTS = [
  { route: 'privacy-pages/collection/index', more: 'collection-more', rowPrefix: 'collect-', rows: COLLECTION_LIST.map((r) => r.id), title: (lang: Lang) => COLLECTION_LIST[0]!.category[lang] },
  { route: 'privacy-pages/sharing/index', more: 'sharing-more', rowPrefix: 'share-', rows: SHARING_LIST.map((r) => r.id), title: (lang: Lang) => SHARING_LIST[0]!.recipient[lang] },
] as const;

describe.each(LISTS)('$route', (list) => {
  test.each(LANGS)('%s: the first render is small; reading to the end renders every row once', async (lang) => {
    host = await launchWeapp({ device: { language: lang === 'zh' ? 'zh_CN' : 'en' } });
    const page = await host.openPage(list.route);
    await host.flush();
    const rowsShown = () => page.findAll((n) => n.hasUserId && n.id.startsWith(list.rowPrefix)).map((n) => n.id);
    const first = page.setDataStats().all;
    expect(first.first).toBeGreaterThan(0);
    expect(first.first).toBeLessThanOrEqual(16 * KB);
    expect(host.nodeCount(page)).toBeLessThan(300);
    expect(page.textOf(`${list.rowPrefix}${list.rows[0]}`)).toContain(list.title(lang));
    const firstRows = rowsShown().length;
    expect(firstRows).toBeGreaterThan(0);
    expect(firstRows).toBeLessThan(list.rows.length);
    expect(page.exists(list.more)).toBe(true);

    // Scrolling near the end brings the next chunk; the "continue" row does the same on a tap.
    await page.reachBottom();
    await host.flush();
    expect(rowsShown().length).toBeGreaterThan(firstRows);
    let reveals = 1;
    for (let i = 0; i < 50 && page.exists(list.more); i++) {
      const before = rowsShown().length;
      await page.tap(list.more);
      await host.flush();
      expect(rowsShown().length).toBeGreaterThan(before);
      reveals += 1;
    }
    expect(page.exists(list.more)).toBe(false);
    expect(rowsShown()).toEqual(list.rows.map((id) => `${list.rowPrefix}${id}`));
    const all = page.setDataStats().all;
    // The first render, then one update per chunk revealed, nothing else.
    expect(all.count).toBe(1 + reveals);
    // Each chunk arrives on its own: no update resends the rows already shown.
    expect(all.largest).toBeLessThanOrEqual(32 * KB);
    expect(host.errors).toEqual([]);
  });
});
