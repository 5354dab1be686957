/**
 * Every text of a texts object as the shopper would read it, with its place (`centre.agreed()`):
 * strings as they are, lists item by item, functions called with sample values. For the tests of
 * the texts (none empty, both languages alike, Chinese punctuation); not part of any screen.
 */
import type { ChinaTime } from '../domain/chinaTime';

const SAMPLE_TIME: ChinaTime = { year: 2026, month: 12, day: 1, hour: 9, minute: 5 };

/** Sample arguments of the functions whose parameters are not plain words and numbers, by screen and key. */
const SAMPLE_ARGS: Readonly<Record<string, readonly unknown[]>> = {
  'common.time': [SAMPLE_TIME],
  'cancellation.date': [SAMPLE_TIME],
  'sheet.names': [['摄像头', '位置信息']],
};

/** Any other function gets words and numbers: a name, then 2 for a count or a version. */
const DEFAULT_ARGS = ['摄像头', 2, 3] as const;

/** One text as read, with its place; `key` is the place in the texts object (lists and calls marked). */
export interface TextLeaf {
  key: string;
  text: unknown;
}

/** Every text of `texts`, depth first, in the order of its keys. */
export function textLeaves(texts: unknown, key = ''): TextLeaf[] {
  if (typeof texts === 'function') {
    const value: unknown = texts(...(SAMPLE_ARGS[key.split('.').slice(-2).join('.')] ?? DEFAULT_ARGS));
    return Array.isArray(value) ? value.map((text, i) => ({ key: `${key}()[${i}]`, text })) : [{ key: `${key}()`, text: value }];
  }
  if (Array.isArray(texts)) return texts.map((text, i) => ({ key: `${key}[${i}]`, text }));
  if (typeof texts === 'object' && texts !== null) return Object.entries(texts).flatMap(([k, v]) => textLeaves(v, key ? `${key}.${k}` : k));
  return [{ key, text: texts }];
}
