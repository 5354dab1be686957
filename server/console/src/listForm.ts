/**
 * The collection and sharing lists and the consents' texts as forms: which fields a row has and how
 * each is edited, and the checks the server applies on save (`collectionListProblems`,
 * `sharingListProblems` of the module, `consentListProblems` of the server's domain) read back as
 * messages placed on the field they concern, in the console's language.
 */
import { appCapabilities, appPurposes } from '@maison/privacy/config';
import { collectionListProblems, SHARING_TYPES, sharingListProblems } from '@maison/privacy/contract';
import { SHOP_PRIVACY } from '../../../src/shop/privacy-content/app';
import { consentListProblems } from '../../src/domain/versionContent';
import { translate, type ConsoleLang, type TextKey } from './texts';

export type ListKind = 'collection' | 'sharing' | 'consents';
/** A list row as stored: plain JSON. */
export type Row = Record<string, unknown>;

/** How a field is edited: a text in both languages, a yes/no, a choice, a one-line value, or the retention pair. */
export type FieldInput = 'text' | 'bool' | 'consent' | 'capability' | 'sharing-type' | 'line' | 'retention';
export interface FormField {
  name: string;
  input: FieldInput;
  optional?: boolean;
}

/** The fields of a row in the order the form shows them (the id comes first on every row). */
export const FORM_FIELDS: Readonly<Record<ListKind, readonly FormField[]>> = Object.freeze({
  collection: [
    { name: 'category', input: 'text' },
    { name: 'items', input: 'text' },
    { name: 'purpose', input: 'text' },
    { name: 'scene', input: 'text' },
    { name: 'required', input: 'bool' },
    { name: 'sensitive', input: 'bool' },
    { name: 'consent', input: 'consent', optional: true },
    { name: 'capability', input: 'capability', optional: true },
    { name: 'sectionId', input: 'line', optional: true },
    { name: 'notInPolicy', input: 'text', optional: true },
    { name: 'retention', input: 'retention', optional: true },
    { name: 'retentionGap', input: 'text', optional: true },
  ],
  sharing: [
    { name: 'recipient', input: 'text' },
    { name: 'type', input: 'sharing-type' },
    { name: 'data', input: 'text' },
    { name: 'purpose', input: 'text' },
    { name: 'method', input: 'text' },
    { name: 'contact', input: 'text', optional: true },
    { name: 'consent', input: 'consent', optional: true },
    { name: 'sectionId', input: 'line', optional: true },
    { name: 'notInPolicy', input: 'text', optional: true },
    { name: 'recipientGap', input: 'text', optional: true },
  ],
  // A consent's purpose is the app's (never edited); what it discloses is edited text by text (`disclosureTexts`).
  consents: [
    { name: 'title', input: 'text' },
    { name: 'purposeText', input: 'text' },
    { name: 'method', input: 'text' },
    { name: 'categories', input: 'text' },
    { name: 'ifRefused', input: 'text' },
    { name: 'sectionId', input: 'line' },
    { name: 'retention', input: 'retention', optional: true },
    { name: 'retentionGap', input: 'text', optional: true },
    { name: 'notInApp', input: 'text', optional: true },
  ],
});

/** The parts of the retention pair, each a text in both languages. */
export const RETENTION_PARTS = Object.freeze(['period', 'atEnd'] as const);

/** What rows may reference: the deployed app's consents and capabilities, as the server checks them (`server/src/deployment.ts`). */
export const LIST_VOCABULARY = Object.freeze({ purposes: appPurposes(SHOP_PRIVACY) as string[], capabilities: appCapabilities(SHOP_PRIVACY) as string[] });

/** The consents a version's texts must hold, exactly: the ones the deployed app declares (as the server checks them). */
export const CONSENT_PURPOSES: readonly string[] = Object.freeze(Object.keys(SHOP_PRIVACY.consents));

/** The choices of a choice field. */
export function choices(input: FieldInput): readonly string[] {
  if (input === 'consent') return LIST_VOCABULARY.purposes;
  if (input === 'capability') return LIST_VOCABULARY.capabilities;
  if (input === 'sharing-type') return SHARING_TYPES;
  return [];
}

/** A row as added by the form: every required field there and empty, so the checks say what to fill in. */
export function emptyRow(kind: Exclude<ListKind, 'consents'>): Row {
  const row: Row = { id: '' };
  for (const f of FORM_FIELDS[kind]) {
    if (f.optional) continue;
    row[f.name] = f.input === 'bool' ? false : f.input === 'sharing-type' ? SHARING_TYPES[0] : { zh: '', en: '' };
  }
  return row;
}

type Localised = { zh: string; en: string };
const isBlank = (v: Localised) => v.zh === '' && v.en === '';

/**
 * `row` with `name` set to `value`. An optional field left empty is dropped (an empty optional text
 * in both languages, an empty choice, a retention with nothing typed), so the row says only what it states.
 */
export function withField(row: Row, field: FormField, value: unknown): Row {
  const next: Row = { ...row };
  const empty =
    value === '' ||
    value === undefined ||
    (field.input === 'text' && isBlank(value as Localised)) ||
    (field.input === 'retention' && RETENTION_PARTS.every((p) => isBlank((value as Record<string, Localised>)[p]!)));
  if (field.optional && empty) delete next[field.name];
  else next[field.name] = value;
  return next;
}

/** Everything wrong with the rows, as the server would say it (English, with each problem's place). */
export function listProblems(kind: ListKind, rows: readonly Row[]): string[] {
  if (kind === 'consents') return consentListProblems(rows, CONSENT_PURPOSES);
  return (kind === 'collection' ? collectionListProblems : sharingListProblems)(rows, LIST_VOCABULARY);
}

/** Which field a problem about the whole row concerns. */
const ROW_RULES: readonly [RegExp, string, TextKey][] = [
  [/^needs a sectionId/, 'sectionId', 'problem.needsSection'],
  [/^states no retention/, 'retention', 'problem.needsRetention'],
  [/^states a retention and declares/, 'retention', 'problem.bothRetention'],
  [/^names no contact/, 'contact', 'problem.needsContact'],
];

/** A field's problem in words. */
function problemWords(problem: string, say: (key: TextKey, ...args: (string | number)[]) => string): string {
  let m: RegExpExecArray | null;
  if (/^((zh|en) empty|missing)$/.test(problem)) return say('problem.empty');
  if ((m = /^(?:zh|en) longer than (\d+)/.exec(problem))) return say('problem.long', m[1]!);
  if (/contains control characters$/.test(problem)) return say('problem.control');
  if (problem.startsWith('not matching')) return say('problem.id');
  if ((m = /^duplicate id "(.*)"$/.exec(problem))) return say('problem.duplicate', m[1]!);
  if (problem === 'not a section id') return say('problem.section');
  if ((m = /^"(.*)" is not a (consent|capability) the app declares$/.exec(problem))) return say('problem.undeclared', m[1]!);
  return problem;
}

/**
 * The problems placed on the fields they concern, in `lang`: keyed `row.field` (a row's id, a
 * choice, a group such as the retention), `row.field.zh|en` (one language of a text), and
 * `row.retention.period.zh`… for a part of the retention, `row` for the rest of a row's, `''` for
 * the list's own. The first problem of a place is enough.
 */
export function fieldProblems(problems: readonly string[], lang: ConsoleLang): Map<string, string> {
  const say = (key: TextKey, ...args: (string | number)[]) => translate(lang, key, ...args);
  const out = new Map<string, string>();
  for (const p of problems) {
    const consent = consentPlace(p, say);
    if (consent) {
      if (!out.has(consent[0])) out.set(consent[0], consent[1]);
      continue;
    }
    const m = /^\[(\d+)\](?:\.(\w+))?: (.*)$/s.exec(p);
    // A problem of the whole list (too many rows, a consent missing): the place ''.
    if (!m) {
      if (!out.has('')) out.set('', p);
      continue;
    }
    const [, row, field, rest] = m as unknown as [string, string, string | undefined, string];
    let place: string[];
    let words: string;
    const rule = field ? undefined : ROW_RULES.find(([re]) => re.test(rest));
    if (rule) {
      place = [row, rule[1]];
      words = say(rule[2]);
    } else {
      // `retention: period: zh empty` → the place `retention.period.zh`.
      place = [row, field ?? ''];
      let what = rest;
      const part = /^(period|atEnd): (.*)$/s.exec(what);
      if (part) [, place[2], what] = part as unknown as [string, string, string];
      const lang = /^(zh|en) /.exec(what)?.[1];
      if (lang) place.push(lang);
      words = problemWords(what, say);
    }
    const key = place.filter((s) => s !== '').join('.');
    if (!out.has(key)) out.set(key, words);
  }
  return out;
}

/**
 * A consent entry's problem (`[2] marketing.title.zh is empty`, `[2] marketing: states no
 * retention…`, `[2] marketing.disclosure.recipients[0].name.en is empty`) as its place and words;
 * null for a problem of another shape.
 */
function consentPlace(problem: string, say: (key: TextKey, ...args: (string | number)[]) => string): [string, string] | null {
  const m = /^\[(\d+)\] [\w-]+(\.\S+ is (?:empty|missing)|: .*)$/s.exec(problem);
  if (!m) return null;
  const [, row, rest] = m as unknown as [string, string, string];
  const rule = ROW_RULES.find(([re]) => re.test(rest.slice(2)));
  if (rest.startsWith(': ')) return rule ? [`${row}.${rule[1]}`, say(rule[2])] : [row, rest.slice(2)];
  return [`${row}${rest.replace(/ is (empty|missing)$/, '')}`, say('problem.empty')];
}

/** Where a text sits inside a consent's disclosure (`disclosure.recipients[0].name`), and the name of its field (`name`). */
export interface DisclosureText {
  path: string;
  leaf: string;
  /** Which recipient or sensitive category, counted from 1; null for a text of the disclosure itself. */
  index: number | null;
}

const isLocalised = (v: unknown): v is Localised => typeof v === 'object' && v !== null && typeof (v as Localised).zh === 'string' && typeof (v as Localised).en === 'string';

/** Every text of a consent's disclosure, in its order: its recipients', its sensitive categories', its own. */
export function disclosureTexts(value: unknown, path = 'disclosure', index: number | null = null): DisclosureText[] {
  if (Array.isArray(value)) return value.flatMap((v, i) => disclosureTexts(v, `${path}[${i}]`, i + 1));
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value as Row).flatMap(([k, v]) => (isLocalised(v) ? [{ path: `${path}.${k}`, leaf: k, index }] : disclosureTexts(v, `${path}.${k}`, index)));
}

/** The value at `path` (`disclosure.recipients[0].name`) of a row. */
export function atPath(row: Row, path: string): unknown {
  return path.split(/\.|\[(\d+)\]/).filter(Boolean).reduce<unknown>((v, k) => (v as Row | undefined)?.[k], row);
}

/** `row` with the value at `path` replaced (its containers copied, never changed in place); a declared gap emptied is dropped. */
export function withPath(row: Row, path: string, value: Localised): Row {
  const keys = path.split(/\.|\[(\d+)\]/).filter(Boolean);
  const put = (node: unknown, i: number): unknown => {
    const copy = (Array.isArray(node) ? [...node] : { ...(node as Row) }) as Row;
    const key = keys[i]!;
    if (i < keys.length - 1) copy[key] = put(copy[key], i + 1);
    else if (key === 'gap' && isBlank(value)) delete copy[key];
    else copy[key] = value;
    return copy;
  };
  return put(row, 0) as Row;
}
