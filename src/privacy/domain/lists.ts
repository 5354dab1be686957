/**
 * The two lists Chinese regulators expect beside a privacy policy: what is collected (个人信息收集
 * 清单) and who else receives it (第三方信息共享清单). The policy calls the latter "Exhibit 1" but
 * never ships it; these types make both lists data the shop can fill and ops can edit.
 */
import { CAPABILITIES, LANGS, PURPOSE_PATTERN, type Capability, type ConsentPurpose, type Lang } from './contract';
import { hasForbiddenChars, SECTION_ID_PATTERN } from './policySchema';
import type { Retention } from './consent-schema';

/** A text in both languages. */
export type LocalisedText = Readonly<Record<Lang, string>>;

/** One row of the collection list: what is collected, in which scene, why. */
export interface CollectionItem {
  id: string;
  category: LocalisedText;
  /** The data itself. */
  items: LocalisedText;
  purpose: LocalisedText;
  scene: LocalisedText;
  /** Needed for the basic function of its scene; optional data can be refused without losing it. */
  required: boolean;
  /** Holds sensitive personal information (shown bold + underlined, needs a separate consent). */
  sensitive: boolean;
  /** The separate consent the collection depends on, if any. */
  consent?: ConsentPurpose;
  /** The runtime permission the collection depends on, if any. */
  capability?: Capability;
  /** Policy section the row is drawn from (a jump target on the policy page). */
  sectionId?: string;
  /**
   * Set when the app really collects this (or part of it) but the policy does not say so: what the
   * policy lacks, for ops to add in its next version. A row has a `sectionId`, a `notInPolicy`, or both.
   */
  notInPolicy?: LocalisedText;
  /** How long it is kept and what happens at the end (PIPL art. 17(1)(2), NDSMR art. 21(3)); or `retentionGap`. */
  retention?: Retention;
  /** Declared compliance gap: the policy states no retention for this data (shown to ops; publishing needs an override). */
  retentionGap?: LocalisedText;
}

/** Kinds of recipient: entrusted processor, independent third party, SDK in the app, overseas receiver. */
export const SHARING_TYPES = Object.freeze(['processor', 'third-party', 'sdk', 'overseas'] as const);
export type SharingType = (typeof SHARING_TYPES)[number];

/** One row of the third-party sharing list. */
export interface SharingItem {
  id: string;
  recipient: LocalisedText;
  type: SharingType;
  data: LocalisedText;
  purpose: LocalisedText;
  /** How the data reaches the recipient and on what basis. */
  method: LocalisedText;
  /** How to reach the recipient (PIPL art. 23). Required unless `recipientGap` is declared. */
  contact?: LocalisedText;
  consent?: ConsentPurpose;
  sectionId?: string;
  /** As on collection rows: what the policy does not say about this sharing. */
  notInPolicy?: LocalisedText;
  /**
   * Declared compliance gap: the policy names only the kind of recipient (`recipient`), not the
   * company, or gives no contact. What is missing, for ops; never an invented name. A version
   * carrying it publishes only with an audited override.
   */
  recipientGap?: LocalisedText;
}

/** Caps on the lists, so an ops edit or a remote payload cannot grow them without bound. */
export const LIST_LIMITS = Object.freeze({ entries: 200, textLength: 1_000, problems: 20 });

/** Row ids: slugs, unique within a list. */
export const LIST_ITEM_ID_PATTERN = '^[a-z][a-z0-9-]{0,63}$';
const ID_RE = new RegExp(LIST_ITEM_ID_PATTERN);
const SECTION_RE = new RegExp(SECTION_ID_PATTERN);

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

interface Field {
  kind: 'text' | 'bool' | 'consent' | 'capability' | 'sharing-type' | 'section' | 'retention';
  optional?: boolean;
}

const COLLECTION_FIELDS: Readonly<Record<string, Field>> = Object.freeze({
  category: { kind: 'text' },
  items: { kind: 'text' },
  purpose: { kind: 'text' },
  scene: { kind: 'text' },
  required: { kind: 'bool' },
  sensitive: { kind: 'bool' },
  consent: { kind: 'consent', optional: true },
  capability: { kind: 'capability', optional: true },
  sectionId: { kind: 'section', optional: true },
  notInPolicy: { kind: 'text', optional: true },
  retention: { kind: 'retention', optional: true },
  retentionGap: { kind: 'text', optional: true },
});

const SHARING_FIELDS: Readonly<Record<string, Field>> = Object.freeze({
  recipient: { kind: 'text' },
  type: { kind: 'sharing-type' },
  data: { kind: 'text' },
  purpose: { kind: 'text' },
  method: { kind: 'text' },
  contact: { kind: 'text', optional: true },
  consent: { kind: 'consent', optional: true },
  sectionId: { kind: 'section', optional: true },
  notInPolicy: { kind: 'text', optional: true },
  recipientGap: { kind: 'text', optional: true },
});

/**
 * The consents and capabilities rows may name: the app's declaration (`appPurposes`,
 * `appCapabilities`). Without one, any well-formed purpose and any capability of the module.
 */
export interface ListVocabulary {
  purposes?: readonly string[];
  capabilities?: readonly string[];
}

const PURPOSE_RE = new RegExp(PURPOSE_PATTERN);

function fieldProblem(v: unknown, field: Field, vocabulary: ListVocabulary): string | null {
  switch (field.kind) {
    case 'bool':
      return typeof v === 'boolean' ? null : 'not a boolean';
    case 'consent':
      if (typeof v !== 'string' || !PURPOSE_RE.test(v)) return 'not a consent purpose';
      return !vocabulary.purposes || vocabulary.purposes.includes(v) ? null : `"${v}" is not a consent the app declares`;
    case 'capability':
      if (!(CAPABILITIES as readonly unknown[]).includes(v)) return 'not a capability';
      return !vocabulary.capabilities || vocabulary.capabilities.includes(v as string) ? null : `"${String(v)}" is not a capability the app declares`;
    case 'sharing-type':
      return (SHARING_TYPES as readonly unknown[]).includes(v) ? null : 'not a sharing type';
    case 'section':
      return typeof v === 'string' && SECTION_RE.test(v) ? null : 'not a section id';
    case 'retention': {
      if (!isObj(v)) return 'not a {period, atEnd} object';
      const extra = Object.keys(v).find((k) => k !== 'period' && k !== 'atEnd');
      if (extra !== undefined) return `unknown field "${extra.slice(0, 40)}"`;
      for (const k of ['period', 'atEnd'] as const) {
        if (v[k] === undefined) return `${k} missing`;
        const problem = fieldProblem(v[k], { kind: 'text' }, vocabulary);
        if (problem) return `${k}: ${problem}`;
      }
      return null;
    }
    case 'text': {
      if (!isObj(v)) return 'not a {zh, en} object';
      const keys = Object.keys(v);
      if (keys.length !== LANGS.length || !LANGS.every((l) => keys.includes(l))) return 'needs exactly zh and en';
      for (const l of LANGS) {
        const s = v[l];
        if (typeof s !== 'string' || s.trim() === '') return `${l} empty`;
        if (s.length > LIST_LIMITS.textLength) return `${l} longer than ${LIST_LIMITS.textLength} characters`;
        if (hasForbiddenChars(s)) return `${l} contains control characters`;
      }
      return null;
    }
  }
}

function listProblems(list: unknown, fields: Readonly<Record<string, Field>>, vocabulary: ListVocabulary): string[] {
  if (!Array.isArray(list)) return ['list: not an array'];
  if (list.length > LIST_LIMITS.entries) return [`list: more than ${LIST_LIMITS.entries} entries`];
  const problems: string[] = [];
  const ids: string[] = [];
  for (let i = 0; i < list.length && problems.length < LIST_LIMITS.problems; i += 1) {
    const row: unknown = list[i];
    const path = `[${i}]`;
    if (!isObj(row)) {
      problems.push(`${path}: not an object`);
      continue;
    }
    // Own field names only: `in` would also take what every object inherits (toString, constructor, __proto__…).
    const extra = Object.keys(row).find((k) => k !== 'id' && !Object.prototype.hasOwnProperty.call(fields, k));
    if (extra !== undefined) problems.push(`${path}: unknown field "${extra.slice(0, 40)}"`);
    if (typeof row.id !== 'string' || !ID_RE.test(row.id)) problems.push(`${path}.id: not matching ${LIST_ITEM_ID_PATTERN}`);
    else if (ids.includes(row.id)) problems.push(`${path}.id: duplicate id "${row.id}"`);
    else ids.push(row.id);
    for (const name of Object.keys(fields)) {
      const field = fields[name];
      if (row[name] === undefined) {
        if (!field.optional) problems.push(`${path}.${name}: missing`);
        continue;
      }
      const problem = fieldProblem(row[name], field, vocabulary);
      if (problem) problems.push(`${path}.${name}: ${problem}`);
    }
    // Each row says where in the policy it comes from, or that the policy does not cover it.
    if ('sectionId' in fields && row.sectionId === undefined && row.notInPolicy === undefined) problems.push(`${path}: needs a sectionId or a notInPolicy note`);
    // Each collection row says how long its data is kept, or declares that the policy does not (PIPL art. 17(1)(2)).
    if ('retention' in fields) {
      if (row.retention === undefined && row.retentionGap === undefined) problems.push(`${path}: states no retention: give retention {period, atEnd} or declare a retentionGap`);
      else if (row.retention !== undefined && row.retentionGap !== undefined) problems.push(`${path}: states a retention and declares a retentionGap: keep one`);
    }
    // Each sharing row names a contact of its recipient, or declares that the policy names none (PIPL art. 23).
    if ('recipientGap' in fields && row.contact === undefined && row.recipientGap === undefined) problems.push(`${path}: names no contact: give the recipient's contact or declare a recipientGap`);
  }
  return problems.slice(0, LIST_LIMITS.problems);
}

/** Everything wrong with a would-be collection list; empty means valid. */
export function collectionListProblems(list: unknown, vocabulary: ListVocabulary = {}): string[] {
  return listProblems(list, COLLECTION_FIELDS, vocabulary);
}

/** Everything wrong with a would-be sharing list; empty means valid. */
export function sharingListProblems(list: unknown, vocabulary: ListVocabulary = {}): string[] {
  return listProblems(list, SHARING_FIELDS, vocabulary);
}

/** Type guard over `collectionListProblems`. */
export function isCollectionList(list: unknown): list is CollectionItem[] {
  return collectionListProblems(list).length === 0;
}

/** Type guard over `sharingListProblems`. */
export function isSharingList(list: unknown): list is SharingItem[] {
  return sharingListProblems(list).length === 0;
}

/** A declared compliance gap of a list row: what the shop has not stated yet (never an invented value). */
export interface ContentGap {
  list: 'collection' | 'sharing';
  id: string;
  field: 'retention' | 'recipient';
  note: LocalisedText;
}

/** Every declared gap of the two lists: retentions not stated, recipients not named. */
export function contentGaps(collection: readonly CollectionItem[], sharing: readonly SharingItem[]): ContentGap[] {
  return [
    ...collection.filter((r) => r.retentionGap).map((r) => ({ list: 'collection' as const, id: r.id, field: 'retention' as const, note: r.retentionGap! })),
    ...sharing.filter((r) => r.recipientGap).map((r) => ({ list: 'sharing' as const, id: r.id, field: 'recipient' as const, note: r.recipientGap! })),
  ];
}

/** A row the policy does not cover: a gap for ops to fix in the policy's next version. */
export interface PolicyGap {
  list: 'collection' | 'sharing';
  id: string;
  note: LocalisedText;
}

/** Every row of the two lists marked as not covered by the policy. */
export function policyGaps(collection: readonly CollectionItem[], sharing: readonly SharingItem[]): PolicyGap[] {
  return [
    ...collection.filter((r) => r.notInPolicy).map((r) => ({ list: 'collection' as const, id: r.id, note: r.notInPolicy! })),
    ...sharing.filter((r) => r.notInPolicy).map((r) => ({ list: 'sharing' as const, id: r.id, note: r.notInPolicy! })),
  ];
}
