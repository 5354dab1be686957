/**
 * The texts only the module's pages show, with the app's replacements applied. Only the pages
 * import this file, so these texts ship in their subpackage; `textsOf(privacy)` gives a page every
 * text of the module (the RootStore's main half and this one), merged once per store.
 */
import type { Lang } from '../domain/contract';
import { EN } from './en';
import { EN_PAGES } from './en.pages';
import { mergeText } from './merge';
import type { MainTexts, PageTexts, TextOverride, TextOverrides, Texts } from './types';
import { ZH } from './zh';
import { ZH_PAGES } from './zh.pages';

/** The pages' texts as the module ships them. */
export const PAGE_TEXTS: Readonly<Record<Lang, PageTexts>> = Object.freeze({ zh: ZH_PAGES, en: EN_PAGES });

/** Every text of the module as it ships, by language and screen (the sheet's points with their placeholders). */
export const TEXTS: Readonly<Record<Lang, Texts>> = Object.freeze({ zh: { ...ZH, ...ZH_PAGES }, en: { ...EN, ...EN_PAGES } });

/** The pages' texts with an app's replacements (its other screens are the RootStore's). */
export function pageTexts(overrides: TextOverrides = {}): Readonly<Record<Lang, PageTexts>> {
  const merged = (lang: Lang): PageTexts => {
    const own: Record<string, unknown> = {};
    const given: Record<string, unknown> = overrides[lang] ?? {};
    for (const screen of Object.keys(PAGE_TEXTS[lang])) if (given[screen] !== undefined) own[screen] = given[screen];
    return Object.freeze(mergeText<PageTexts>(PAGE_TEXTS[lang], own as TextOverride<PageTexts>, `texts.${lang}`));
  };
  return Object.freeze({ zh: merged('zh'), en: merged('en') });
}

const made = new WeakMap<object, Readonly<Record<Lang, Texts>>>();

/** Every text of the module for a store: its main texts and the pages', the app's replacements applied; the same object for the same store. */
export function textsOf(privacy: { readonly texts: Readonly<Record<Lang, MainTexts>>; readonly app: { readonly texts?: TextOverrides } }): Readonly<Record<Lang, Texts>> {
  const known = made.get(privacy.texts);
  if (known) return known;
  const pages = pageTexts(privacy.app.texts);
  const all = Object.freeze({ zh: Object.freeze({ ...privacy.texts.zh, ...pages.zh }), en: Object.freeze({ ...privacy.texts.en, ...pages.en }) });
  made.set(privacy.texts, all);
  return all;
}
