/**
 * The texts the main package shows, with the app's replacements applied: merged once, by the
 * RootStore (`privacy.texts`). The first-run sheet's points name the app's capabilities and
 * consents. The pages' half is merged by `pages.ts`, which only the pages import.
 */
import type { Lang } from '../domain/contract';
import { EN } from './en';
import type { MainTexts, TextOverride, TextOverrides } from './types';
import { ZH } from './zh';

/** The main package's texts as the module ships them. */
export const MAIN_TEXTS: Readonly<Record<Lang, MainTexts>> = Object.freeze({ zh: ZH, en: EN });

/** The screens of the pages' half (`zh.pages.ts`): an app may replace their texts too. */
export const PAGE_SCREENS: readonly string[] = ['policy', 'lists', 'centre', 'contact', 'profile', 'export', 'history', 'cancellation', 'signIn', 'requests'];

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const own = (o: object, key: string): boolean => Object.prototype.hasOwnProperty.call(o, key);
const kind = (v: unknown): string => (Array.isArray(v) ? 'list' : typeof v === 'function' ? 'function' : isRecord(v) ? 'record' : typeof v);

/** A replacement the module has no text for. */
const unknownText = (where: string) => new TypeError(`${where} is not one of the module's texts`);

/**
 * `base` with `override` applied: records key by key, anything else replaced whole. In
 * development a key the module does not have, or a replacement of another kind (a string for a
 * function…), is an error naming its place, found when the texts are merged rather than when a
 * screen first shows it; production builds leave the checks out (the types make the same ones).
 */
export function mergeText<T>(base: T, override: TextOverride<T> | undefined, where: string): T {
  if (override === undefined) return base;
  if (process.env.NODE_ENV !== 'production' && kind(override) !== kind(base)) {
    throw new TypeError(`${where} must be a ${kind(base)}, as the module's own text is, not a ${kind(override)}`);
  }
  if (!isRecord(base) || !isRecord(override)) return override as T;
  const out: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(override)) {
    if (own(base, key)) out[key] = mergeText(base[key], value as never, `${where}.${key}`);
    else if (process.env.NODE_ENV !== 'production') throw unknownText(`${where}.${key}`);
  }
  return out as T;
}

/** What the sheet's points are filled from: the app's capabilities and consents, named in each language. */
export interface TextSubjects {
  capabilities: readonly Readonly<Record<Lang, string>>[];
  consents: readonly Readonly<Record<Lang, string>>[];
}

/** The sheet's points with the app's capabilities and consents named; a point with nothing to name is dropped. */
function fillPoints(sheet: MainTexts['sheet'], lang: Lang, subjects: TextSubjects): readonly string[] {
  const out: string[] = [];
  for (const point of sheet.points) {
    const placeholder = point.includes('{capabilities}') ? 'capabilities' : point.includes('{consents}') ? 'consents' : null;
    if (placeholder === null) {
      out.push(point);
      continue;
    }
    const names = subjects[placeholder].map((n) => n[lang]);
    if (names.length === 0) continue;
    const text = point.replace(`{${placeholder}}`, sheet.names(names));
    // A sentence that opens with the names opens with a capital ("The camera and …").
    out.push(point.startsWith(`{${placeholder}}`) ? `${text.charAt(0).toUpperCase()}${text.slice(1)}` : text);
  }
  return out;
}

/** The main package's texts with an app's replacements, the sheet's points naming what the app asks for. */
export function mainTexts(subjects: TextSubjects = { capabilities: [], consents: [] }, overrides: TextOverrides = {}): Readonly<Record<Lang, MainTexts>> {
  const merged = (lang: Lang): MainTexts => {
    const given: Record<string, unknown> = overrides[lang] ?? {};
    // The pages' screens are merged where they are shown (`pages.ts`); a screen of neither half is named here.
    const mine: Record<string, unknown> = {};
    for (const screen of Object.keys(given)) {
      if (own(MAIN_TEXTS[lang], screen)) mine[screen] = given[screen];
      else if (process.env.NODE_ENV !== 'production' && !PAGE_SCREENS.includes(screen)) throw unknownText(`texts.${lang}.${screen}`);
    }
    const t = mergeText<MainTexts>(MAIN_TEXTS[lang], mine as TextOverride<MainTexts>, `texts.${lang}`);
    return Object.freeze({ ...t, sheet: { ...t.sheet, points: fillPoints(t.sheet, lang, subjects) } });
  };
  return Object.freeze({ zh: merged('zh'), en: merged('en') });
}
