/** The console's language: the one ops chose with the switch, else the browser's first preference. */
import type { ConsoleLang } from './texts';

/** Where the switch's choice is kept. */
export const LANG_KEY = 'ops-console-lang';

/** `zh`, `zh-CN`, `zh-Hant-TW`… first → Chinese; any other first preference (or none) → English. */
export function browserLang(preferences: readonly string[]): ConsoleLang {
  return /^zh(-|$)/i.test(preferences[0] ?? '') ? 'zh' : 'en';
}

/** The kept choice, if any (storage may be refused: private mode). */
export function savedLang(storage: Pick<Storage, 'getItem'> | null): ConsoleLang | null {
  try {
    const saved = storage?.getItem(LANG_KEY);
    return saved === 'zh' || saved === 'en' ? saved : null;
  } catch {
    return null;
  }
}

/** The language the console opens in. */
export function initialLang(storage: Pick<Storage, 'getItem'> | null, preferences: readonly string[]): ConsoleLang {
  return savedLang(storage) ?? browserLang(preferences);
}
