/**
 * What changed in a version's lists and consent texts against another version, row by row: rows
 * added, removed, or changed (with the fields that changed, each readable in the console's language).
 */
import { canonicalJson, type VersionLists } from '@maison/privacy/contract';
import { capabilityLabel, purposeLabel } from './labels';
import { atPath, disclosureTexts, type DisclosureText } from './listForm';
import { TEXTS, translate, type ConsoleLang, type TextKey } from './texts';

export type ContentKind = 'collection' | 'sharing' | 'consents';
export const CONTENT_KINDS: readonly ContentKind[] = Object.freeze(['collection', 'sharing', 'consents']);
type Row = Record<string, unknown>;

/** One row that differs between the two versions. */
export interface RowChange {
  /** The row's id, or the consent's purpose. */
  key: string;
  status: 'added' | 'removed' | 'changed';
  /** The fields whose value differs (changed rows only), in the order the row has them. */
  fields: string[];
  before: Row | null;
  after: Row | null;
}

/** A row's key: its id, or the consent's purpose. */
export const keyOf = (kind: ContentKind, row: Row): string => String((kind === 'consents' ? row.purpose : row.id) ?? '');
const rowsOf = (lists: VersionLists, kind: ContentKind): Row[] => (lists[kind]?.items ?? []) as Row[];
const same = (a: unknown, b: unknown) => canonicalJson(a ?? null) === canonicalJson(b ?? null);

/** The rows of `kind` that differ from `before` to `after`: in the new order, removed ones last. */
export function rowChanges(kind: ContentKind, before: VersionLists, after: VersionLists): RowChange[] {
  const old = new Map(rowsOf(before, kind).map((r) => [keyOf(kind, r), r]));
  const kept = new Set<string>();
  const out: RowChange[] = [];
  for (const row of rowsOf(after, kind)) {
    const key = keyOf(kind, row);
    kept.add(key);
    const was = old.get(key);
    if (!was) {
      out.push({ key, status: 'added', fields: [], before: null, after: row });
      continue;
    }
    const fields = [...new Set([...Object.keys(row), ...Object.keys(was)])].filter((f) => !same(was[f], row[f]));
    if (fields.length > 0) out.push({ key, status: 'changed', fields, before: was, after: row });
  }
  for (const [key, row] of old) if (!kept.has(key)) out.push({ key, status: 'removed', fields: [], before: row, after: null });
  return out;
}

type Localised = { zh: string; en: string };
const isLocalised = (v: unknown): v is Localised => typeof v === 'object' && v !== null && typeof (v as Localised).zh === 'string' && typeof (v as Localised).en === 'string';

/** A field's label in `lang`; a field the console has no words for, by its name. */
export function fieldLabel(field: string, lang: ConsoleLang): string {
  const key = `field.${field}`;
  return key in TEXTS[lang] ? TEXTS[lang][key as TextKey] : field;
}

/** A disclosure text's label in `lang`: its field, numbered when it belongs to one of several recipients or categories. */
export function disclosureLabel(d: Pick<DisclosureText, 'leaf' | 'index'>, lang: ConsoleLang): string {
  const label = fieldLabel(`d.${d.leaf}`, lang);
  return d.index === null ? label : translate(lang, 'field.nth', label, d.index);
}

/** The texts of a consent's disclosure that differ between two versions of it, by their place (`disclosure.recipients[0].name`). */
export function disclosureChanges(before: unknown, after: unknown): DisclosureText[] {
  // Each place once, in the new version's order; a text only the old version has comes after.
  const places = new Map([...disclosureTexts(after), ...disclosureTexts(before)].map((d) => [d.path, d]));
  return [...places.values()].filter((d) => !same(atPath({ disclosure: before }, d.path), atPath({ disclosure: after }, d.path)));
}

/**
 * A field's value as text in `lang` (a text in that language, yes/no, a choice by its name, the
 * retention's two parts); null for a structure that has no one-line reading (a consent's disclosure).
 */
export function valueText(field: string, value: unknown, lang: ConsoleLang): string | null {
  if (value === undefined || value === null) return '';
  if (isLocalised(value)) return value[lang];
  if (typeof value === 'boolean') return translate(lang, value ? 'lists.yes' : 'lists.no');
  if (typeof value === 'string') {
    if (field === 'consent') return purposeLabel(value, lang);
    if (field === 'capability') return capabilityLabel(value, lang);
    if (field === 'type') return `sharingType.${value}` in TEXTS[lang] ? TEXTS[lang][`sharingType.${value}` as TextKey] : value;
    return value;
  }
  const retention = value as { period?: unknown; atEnd?: unknown };
  if (isLocalised(retention.period) && isLocalised(retention.atEnd)) return `${retention.period[lang]}; ${retention.atEnd[lang]}`;
  return null;
}

/** A row's name in `lang`: its category, recipient or consent title, with its id; a row without them by its id. */
export function rowName(kind: ContentKind, row: Row, lang: ConsoleLang): string {
  const key = keyOf(kind, row);
  if (kind === 'consents') return translate(lang, 'listDiff.consent', isLocalised(row.title) && row.title[lang] ? row.title[lang] : purposeLabel(key, lang));
  const name = kind === 'collection' ? row.category : row.recipient;
  return isLocalised(name) && name[lang] ? translate(lang, 'listDiff.row', name[lang], key) : key;
}

/** Whether the rows both versions have are in another order (the shop shows them in list order). */
export function orderChanged(kind: ContentKind, before: VersionLists, after: VersionLists): boolean {
  const newKeys = new Set(rowsOf(after, kind).map((r) => keyOf(kind, r)));
  const oldKeys = new Set(rowsOf(before, kind).map((r) => keyOf(kind, r)));
  const kept = (lists: VersionLists, other: Set<string>) => rowsOf(lists, kind).map((r) => keyOf(kind, r)).filter((k) => other.has(k));
  return kept(before, newKeys).join('\n') !== kept(after, oldKeys).join('\n');
}
