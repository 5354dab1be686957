/**
 * What publishing a version meets (`GET /v1/admin/policies/:version/findings`), in the console's
 * words: each finding's code read as a sentence, the row or consent it names by its title in the
 * version's own lists, and for a compliance gap the content's own note on what is missing.
 */
import { FREE_TEXT_PATTERN, type PublishFindings, type VersionLists } from '@maison/privacy/contract';
import { purposeLabel } from './labels';
import { TEXTS, translate, type ConsoleLang, type TextKey } from './texts';

export type Finding = PublishFindings['gaps'][number];

/** One finding as the page shows it. */
export interface FindingText {
  code: string;
  where: string;
  /** Which consent or list row, by its name in this version's content. */
  subject: string;
  /** What changed, or what is missing. */
  what: string;
  /** The content's own words on a gap (its declared note), when it has one. */
  note: string | null;
}

type Localised = { zh: string; en: string };
type Row = Record<string, unknown>;

const isLocalised = (v: unknown): v is Localised => typeof v === 'object' && v !== null && typeof (v as Localised).zh === 'string' && typeof (v as Localised).en === 'string';
const textOf = (v: unknown, lang: ConsoleLang): string | null => (isLocalised(v) ? v[lang] : null);
const rowsOf = (lists: VersionLists, kind: 'collection' | 'sharing' | 'consents'): Row[] => (lists[kind]?.items ?? []) as Row[];

/** `consents.<purpose>[.<field>]`, `collection.<id>` or `sharing.<id>` → its parts. */
function parseWhere(where: string): { list: string; key: string; field: string | null } {
  const [list = '', key = '', ...rest] = where.split('.');
  return { list, key, field: rest.length ? rest.join('.') : null };
}

/** The finding's code in words; a code the console does not know yet, as it is. */
function codeText(code: string, lang: ConsoleLang): string {
  const key = `finding.${code}`;
  return key in TEXTS[lang] ? TEXTS[lang][key as TextKey] : code;
}

/** Reads one finding against the version's lists, in `lang`. */
export function describeFinding(finding: Finding, lists: VersionLists, lang: ConsoleLang): FindingText {
  const { list, key, field } = parseWhere(finding.where);
  const t = (k: TextKey, ...args: (string | number)[]) => translate(lang, k, ...args);
  let subject = finding.where;
  let note: string | null = null;
  let what = codeText(finding.code, lang);
  if (list === 'consents') {
    const entry = rowsOf(lists, 'consents').find((e) => e.purpose === key);
    subject = t('finding.consent', textOf(entry?.title, lang) ?? purposeLabel(key, lang));
    if (field === 'retention') note = textOf(entry?.retentionGap, lang);
    const recipient = field ? /^disclosure\.recipients\[(\d+)\]$/.exec(field) : null;
    const disclosure = entry?.disclosure as Row | undefined;
    const named = recipient ? (disclosure?.recipients as Row[] | undefined)?.[Number(recipient[1])] : field === 'disclosure.recipient' ? (disclosure?.recipient as Row | undefined) : undefined;
    if (named) {
      note = textOf(named.gap, lang);
      const name = textOf(named.name, lang);
      if (name) what = t('finding.recipient-gap-of', name);
    }
  } else if (list === 'collection') {
    const row = rowsOf(lists, 'collection').find((r) => r.id === key);
    subject = t('finding.collectionRow', textOf(row?.category, lang) ?? key, key);
    if (finding.code === 'retention-gap') note = textOf(row?.retentionGap, lang);
  } else if (list === 'sharing') {
    const row = rowsOf(lists, 'sharing').find((r) => r.id === key);
    subject = t('finding.sharingRow', textOf(row?.recipient, lang) ?? key, key);
    if (finding.code === 'recipient-gap') note = textOf(row?.recipientGap, lang);
  }
  return { code: finding.code, where: finding.where, subject, what, note };
}

/** Every code the server gives (`server/src/domain/versionContent.ts`), each with its words in `texts.ts`. */
export const FINDING_CODES = Object.freeze([
  'consent-added',
  'consent-purpose-changed',
  'consent-categories-changed',
  'consent-recipients-changed',
  'consent-retention-changed',
  'collection-row-added',
  'recipient-added',
  'recipient-changed',
  'retention-gap',
  'recipient-gap',
] as const);

/**
 * What publishing as asked needs: a reason when the content declares gaps, or when the version is
 * published as non-material while its content changes are material (the server's rule).
 */
export function overrideNeeded(findings: PublishFindings, material: boolean): boolean {
  return findings.gaps.length > 0 || (!material && findings.materialChanges.length > 0);
}

/** The override reason's bounds (the server's: 10–500 characters, counted as code points). */
export const REASON_LIMITS = Object.freeze({ min: 10, max: 500 });

const FREE_TEXT = new RegExp(FREE_TEXT_PATTERN);

/** What is wrong with an override reason as typed: null when it is fine. */
export function reasonProblem(reason: string): 'short' | 'long' | 'control' | null {
  const length = [...reason.trim()].length;
  if (length < REASON_LIMITS.min) return 'short';
  if (length > REASON_LIMITS.max) return 'long';
  // The server refuses control characters other than tab and line breaks in free text.
  if (!FREE_TEXT.test(reason)) return 'control';
  return null;
}
