import { SHOP_PRIVACY } from '../../shop/privacy-content';
import { LANGS } from '../domain/contract';
import { createTestRootStore } from '../testing';
import { textLeaves } from './leaves';
import { mainTexts, MAIN_TEXTS, PAGE_SCREENS } from './merge';
import { PAGE_TEXTS, pageTexts, TEXTS, textsOf } from './pages';
import type { PageTexts, TextOverrides, Texts } from './types';

/** The places of every text (lists and calls as one place), to compare two languages. */
const places = (texts: unknown): string[] => [...new Set(textLeaves(texts).map((l) => l.key.replace(/(\(\))?\[\d+\]$/, '')))].sort();

describe('the texts as the module ships them', () => {
  test.each(LANGS)('every %s text is words: no empty string, list or function result', (lang) => {
    const leaves = textLeaves(TEXTS[lang]);
    expect(leaves.length).toBeGreaterThan(200);
    expect(leaves.filter((l) => typeof l.text !== 'string' || l.text.trim() === '').map((l) => l.key)).toEqual([]);
    // A function whose arguments leaves.ts cannot guess shows here as "undefined" or "[object Object]".
    expect(leaves.filter((l) => /undefined|\[object /.test(l.text as string)).map((l) => l.key)).toEqual([]);
  });

  test('both languages have the same screens and keys, and the same number of points in each list', () => {
    expect(places(TEXTS.en)).toEqual(places(TEXTS.zh));
    expect(textLeaves(TEXTS.en).map((l) => l.key)).toEqual(textLeaves(TEXTS.zh).map((l) => l.key));
  });

  test("the halves are apart: the pages' screens are the ones the main merge leaves to the pages", () => {
    expect([...PAGE_SCREENS].sort()).toEqual(Object.keys(PAGE_TEXTS.zh).sort());
    for (const screen of Object.keys(MAIN_TEXTS.zh)) expect(PAGE_SCREENS).not.toContain(screen);
  });

  test('a language without one of the keys does not compile', () => {
    // @ts-expect-error `readMore` is missing
    const policy: PageTexts['policy'] = { version: 'Version', contents: 'Contents', switchTo: '中文' };
    expect(policy.version).toBe('Version');
  });
});

/** The shop's own replacements (its first-run sheet's points). */
const SHOP: TextOverrides = SHOP_PRIVACY.texts ?? {};

/** Everything a store shows, main and pages' halves, in both languages. */
const shown = (texts: TextOverrides | undefined) => textsOf(createTestRootStore({ app: { ...SHOP_PRIVACY, texts } as never }).privacy);

describe("an app's replacement of one text", () => {
  const baseline = shown(undefined);

  test.each<[string, TextOverrides, (t: Readonly<Record<'zh' | 'en', Texts>>) => unknown, unknown]>([
    ['a sheet title (main package)', { zh: { sheet: { title: '个人信息保护说明' } } }, (t) => t.zh.sheet.title, '个人信息保护说明'],
    ["the privacy centre's title (pages)", { en: { centre: { title: 'Your privacy' } } }, (t) => t.en.centre.title, 'Your privacy'],
    ['one status of a record', { zh: { common: { cancellationStatus: { pending: '冷静期中' } } } }, (t) => t.zh.common.cancellationStatus.pending, '冷静期中'],
    ['a text with values', { en: { centre: { agreed: (v: number) => `Agreed to v${v}.` } } }, (t) => t.en.centre.agreed(4), 'Agreed to v4.'],
    ['a sentence of the history', { zh: { history: { events: { 'consent:granted': (p: string) => `已同意${p}` } } } }, (t) => t.zh.history.events['consent:granted']('营销', 1), '已同意营销'],
  ])('%s changes that text and no other', (_what, override, read, expected) => {
    const after = shown(override);
    expect(read(after)).toBe(expected);
    const before = textLeaves(baseline);
    const changed = textLeaves(after).filter((leaf, i) => leaf.key !== before[i]?.key || leaf.text !== before[i]?.text);
    expect(changed).toHaveLength(1);
    expect(textLeaves(after)).toHaveLength(before.length);
  });

  test("the shop's description keeps showing its own first-run sheet", () => {
    const { privacy } = createTestRootStore({ app: SHOP_PRIVACY as never });
    expect(privacy.texts.zh.sheet.points).toEqual(SHOP.zh?.sheet?.points);
    expect(privacy.texts.en.sheet.points).toEqual(SHOP.en?.sheet?.points);
    expect(privacy.texts.zh.sheet.title).toBe(MAIN_TEXTS.zh.sheet.title);
  });

  test('the points name what the app asks for; a point naming nothing is left out', () => {
    const camera = { zh: '摄像头', en: 'the camera' };
    const location = { zh: '位置信息', en: 'your location' };
    const news = { zh: '会员资讯', en: 'Member news' };
    const texts = mainTexts({ capabilities: [camera, location], consents: [news] }, { en: { sheet: { points: ['{capabilities} are asked for one by one.', '{consents}: your call.', 'Nothing else.'] } } });
    expect(texts.zh.sheet.points[1]).toBe('摄像头、位置信息等权限只在您使用相关功能时单独询问，不会默认开启。');
    expect(texts.en.sheet.points).toEqual(['The camera and your location are asked for one by one.', 'Member news: your call.', 'Nothing else.']);
    expect(mainTexts({ capabilities: [], consents: [] }).zh.sheet.points).toHaveLength(2);
  });

  test('a key the module does not have, or a text of another kind, is refused where the texts are merged', () => {
    expect(() => mainTexts(undefined, { zh: { sheet: { titel: '标题' } } } as never)).toThrow('texts.zh.sheet.titel is not one of the module\'s texts');
    expect(() => mainTexts(undefined, { en: { nowhere: {} } } as never)).toThrow('texts.en.nowhere is not one of the module\'s texts');
    expect(() => pageTexts({ en: { centre: { agreed: 'Agreed.' } } } as never)).toThrow('texts.en.centre.agreed must be a function');
    expect(() => mainTexts(undefined, { zh: { sheet: { points: '同意' } } } as never)).toThrow('texts.zh.sheet.points must be a list');
    // Each half is checked by its own merge: the main one leaves the pages' screens alone.
    expect(() => mainTexts(undefined, { en: { centre: { agreed: 'Agreed.' } } } as never)).not.toThrow();
  });

  test("an override's key that does not exist does not compile", () => {
    // @ts-expect-error `titel` is not a key of the sheet
    const texts: TextOverrides = { zh: { sheet: { titel: '标题' } } };
    expect(texts.zh).toBeDefined();
  });

  test('the pages are merged once per store', () => {
    const { privacy } = createTestRootStore({ app: SHOP_PRIVACY as never });
    expect(textsOf(privacy)).toBe(textsOf(privacy));
  });
});
