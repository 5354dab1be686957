/**
 * What a separate consent (单独同意) must say, by the article of the Personal Information Protection
 * Law (PIPL) it rests on, and the check that refuses a catalogue entry missing any of it.
 * Pure TypeScript: the entries are the app's (`PrivacyApp.consents`); `privacyAppProblems` runs this check on each.
 */
import { LANGS, type ConsentPurpose, type Lang } from './contract';
import { canonicalJson, sha256Hex } from './hash';

export type Text = Readonly<Record<Lang, string>>;

/**
 * How long data is kept and what happens at the end (PIPL art. 17(1)(2): 保存期限; NDSMR art. 21(3)).
 * Stated by collection rows and separate consents; where the policy is silent the entry declares a
 * `retentionGap` instead, which the console shows to ops as a compliance gap.
 */
export interface Retention {
  /** How long, or until when (e.g. "until you cancel your account"). */
  period: Text;
  /** What happens at the end: deleted, anonymised, … */
  atEnd: Text;
}

/** A named recipient: who they are and how to reach them. */
export interface ConsentRecipient {
  /** The recipient's name: a company, or the kind of recipient when `gap` says the company is not named yet. */
  name: Text;
  contact: Text;
  address?: Text;
  /**
   * Declared compliance gap: the policy names only the kind of recipient, not the company (PIPL
   * art. 23 needs its name). What is missing, for ops; a version carrying it publishes only with an
   * audited override.
   */
  gap?: Text;
}

/** One sensitive category with what arts. 29–30 require the shopper be told about it. */
export interface SensitiveItem {
  category: Text;
  /** Why processing it is necessary (art. 30). */
  necessity: Text;
  /** The impact on the shopper's rights and interests (art. 30). */
  impact: Text;
}

/** Fields every consent says (PIPL arts. 14 and 17: purpose, method, categories, informed and voluntary). */
interface BaseEntry {
  purpose: ConsentPurpose;
  /** Policy section the purpose comes from (a link on the consent sheet). */
  sectionId: string;
  title: Text;
  /** What is processed and why. */
  purposeText: Text;
  /** Method of processing (art. 17(1)). */
  method: Text;
  /** Categories of personal information (art. 17(1)). */
  categories: Text;
  /** What happens if the shopper says no (and that it can be changed any time). */
  ifRefused: Text;
  /** How long the data is kept and what happens then; or, where the policy is silent, `retentionGap`. */
  retention?: Retention;
  /** Declared compliance gap: why no retention can be stated yet (shown to ops; publishing needs an override). */
  retentionGap?: Text;
  /**
   * Set when no feature of this app uses the consent (the policy provides for it, the app does not
   * do it): why, for ops. The module never asks for it, lists it nowhere among the consents the app
   * asks for, and shows its switch only while an earlier grant stands, so that grant can be withdrawn.
   */
  notInApp?: Text;
}

/**
 * What the article behind the consent adds:
 * - `general` (arts. 14, 17): nothing beyond the base fields (marketing without a recipient, tracking, personalisation).
 * - `sharing` (art. 23): recipients' names and contacts, or `recipientAtUse` when the shopper picks the
 *   recipient in the feature (the sheet then shows the picked one and refuses to open without it).
 * - `cross-border` (art. 39): the overseas recipient's name, address and contact, and how to exercise
 *   the shopper's rights against it.
 * - `sensitive` (arts. 29, 30): necessity and impact for each sensitive category.
 * - `public-disclosure` (art. 25): the sensitive information the disclosure may involve.
 * - `guardian` (art. 31): who gives the consent.
 */
export type ConsentDisclosure =
  | { article: 'general' }
  | { article: 'sharing'; recipients: readonly ConsentRecipient[]; recipientAtUse?: false }
  | { article: 'sharing'; recipients: readonly ConsentRecipient[]; recipientAtUse: true; recipientKind: Text }
  | { article: 'cross-border'; recipient: Required<Omit<ConsentRecipient, 'gap'>> & Pick<ConsentRecipient, 'gap'>; rights: Text }
  | { article: 'sensitive'; items: readonly SensitiveItem[] }
  | { article: 'public-disclosure'; sensitiveInvolved: Text }
  | { article: 'guardian'; whoConsents: Text };

export type ConsentCatalogueEntry = BaseEntry & { disclosure: ConsentDisclosure };

/** The PIPL article a disclosure rests on (the consent sheet cites it in the texts' words: `consentSheet.articles`). */
export type DisclosureArticle = ConsentDisclosure['article'];

function textProblems(where: string, t: unknown): string[] {
  if (typeof t !== 'object' || t === null) return [`${where} is missing`];
  return LANGS.filter((l) => typeof (t as Record<string, unknown>)[l] !== 'string' || !((t as Record<string, string>)[l]).trim()).map((l) => `${where}.${l} is empty`);
}

function recipientProblems(where: string, r: ConsentRecipient | undefined, needAddress: boolean): string[] {
  if (!r) return [`${where} is missing`];
  return [
    ...textProblems(`${where}.name`, r.name),
    ...textProblems(`${where}.contact`, r.contact),
    ...(needAddress ? textProblems(`${where}.address`, r.address) : []),
    ...(r.gap !== undefined ? textProblems(`${where}.gap`, r.gap) : []),
  ];
}

/** What is wrong with a retention statement or its declared gap (exactly one of the two). */
export function retentionProblems(where: string, retention: unknown, gap: unknown): string[] {
  if (retention === undefined && gap === undefined) return [`${where}: states no retention (PIPL art. 17(1)(2)): give retention { period, atEnd } or declare a retentionGap`];
  if (retention !== undefined && gap !== undefined) return [`${where}: states a retention and declares a retentionGap: keep one`];
  if (gap !== undefined) return textProblems(`${where}.retentionGap`, gap);
  if (typeof retention !== 'object' || retention === null) return [`${where}.retention is not an object`];
  const r = retention as Record<string, unknown>;
  return [...textProblems(`${where}.retention.period`, r.period), ...textProblems(`${where}.retention.atEnd`, r.atEnd)];
}

/**
 * The hash of a consent's words: SHA-256 of the entry's canonical JSON (`canonicalJson`). A consent
 * event carries it as `textHash`, so the ledger proves which words the shopper answered (PIPL art. 14).
 */
export function consentTextHash(entry: ConsentCatalogueEntry): string {
  return sha256Hex(canonicalJson(entry));
}

/** A declared compliance gap of a consent: what the shop has not stated yet. */
export interface ConsentGap {
  purpose: string;
  /** `retention`, or the recipient's path (`disclosure.recipients[0]`). */
  field: string;
  note: Text;
}

/** The gaps a consent declares (retention, unnamed recipients). */
export function consentGaps(e: ConsentCatalogueEntry): ConsentGap[] {
  const out: ConsentGap[] = [];
  if (e.retentionGap) out.push({ purpose: e.purpose, field: 'retention', note: e.retentionGap });
  const d = e.disclosure;
  if (d.article === 'sharing') d.recipients.forEach((r, i) => r.gap && out.push({ purpose: e.purpose, field: `disclosure.recipients[${i}]`, note: r.gap }));
  if (d.article === 'cross-border' && d.recipient.gap) out.push({ purpose: e.purpose, field: 'disclosure.recipient', note: d.recipient.gap });
  return out;
}

/** Whether the app asks for this consent: a feature of the app uses it (no `notInApp` note). */
export function consentOffered(e: Pick<ConsentCatalogueEntry, 'notInApp'>): boolean {
  return e.notInApp === undefined;
}

/** What is wrong with one entry (empty when it says everything its article requires). */
export function consentEntryProblems(key: string, e: ConsentCatalogueEntry | undefined): string[] {
  if (!e) return [`${key}: no catalogue entry`];
  const p: string[] = [];
  if (e.purpose !== key) p.push(`${key}: entry names purpose ${String(e.purpose)}`);
  if (typeof e.sectionId !== 'string' || !e.sectionId) p.push(`${key}.sectionId is missing`);
  for (const f of ['title', 'purposeText', 'method', 'categories', 'ifRefused'] as const) p.push(...textProblems(`${key}.${f}`, e[f]));
  p.push(...retentionProblems(key, e.retention, e.retentionGap));
  if (e.notInApp !== undefined) p.push(...textProblems(`${key}.notInApp`, e.notInApp));
  const d = e.disclosure as ConsentDisclosure | undefined;
  if (!d) return [...p, `${key}.disclosure is missing`];
  switch (d.article) {
    case 'general':
      break;
    case 'sharing':
      if (d.recipientAtUse) p.push(...textProblems(`${key}.disclosure.recipientKind`, d.recipientKind));
      else if (!Array.isArray(d.recipients) || d.recipients.length === 0) p.push(`${key}.disclosure.recipients: art. 23 needs each recipient's name and contact`);
      (d.recipients ?? []).forEach((r, i) => p.push(...recipientProblems(`${key}.disclosure.recipients[${i}]`, r, false)));
      break;
    case 'cross-border':
      p.push(...recipientProblems(`${key}.disclosure.recipient`, d.recipient, true), ...textProblems(`${key}.disclosure.rights`, d.rights));
      break;
    case 'sensitive':
      if (!Array.isArray(d.items) || d.items.length === 0) p.push(`${key}.disclosure.items: arts. 29–30 need each sensitive category`);
      (d.items ?? []).forEach((it, i) => {
        p.push(...textProblems(`${key}.disclosure.items[${i}].category`, it.category), ...textProblems(`${key}.disclosure.items[${i}].necessity`, it.necessity), ...textProblems(`${key}.disclosure.items[${i}].impact`, it.impact));
      });
      break;
    case 'public-disclosure':
      p.push(...textProblems(`${key}.disclosure.sensitiveInvolved`, d.sensitiveInvolved));
      break;
    case 'guardian':
      p.push(...textProblems(`${key}.disclosure.whoConsents`, d.whoConsents));
      break;
    default:
      p.push(`${key}.disclosure.article ${String((d as { article?: unknown }).article)} is unknown`);
  }
  return p;
}
