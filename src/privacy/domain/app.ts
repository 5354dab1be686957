/**
 * The app's privacy description: who the controller is, which policy it ships, which separate
 * consents it asks for and which capabilities it uses, and its text overrides. The module holds no
 * content of its own: everything a shopper reads about a company comes from here (the main
 * package) or from the app's documents (the policy and its two lists, in the pages' subpackage).
 * Pure TypeScript: evaluated by `app.config.ts` at build time as well as at run time.
 */
import { CAPABILITIES, GUARDIAN_CONSENT, LANGS, PURPOSE_PATTERN, type Capability } from './contract';
import { consentEntryProblems, type ConsentCatalogueEntry, type Text } from './consent-schema';
import type { PermissionCatalogueEntry, PrivacyDeclaration } from './permission-types';
import type { PolicyDocument } from './policy';
import { policyDocumentProblems } from './policySchema';
import { collectionListProblems, sharingListProblems, type CollectionItem, type SharingItem } from './lists';
import type { SensitiveTerm } from './emphasis';
// Types only, erased from the build: the description names the texts' shape, the domain holds none of them.
import type { TextOverrides } from '../texts/types';

/** The personal-information handler (个人信息处理者) and how to reach it (PIPL art. 17(1)). */
export interface Controller {
  /** Full legal name. */
  name: Text;
  /** The short name shoppers know (e.g. the brand), used in the module's sentences. */
  shortName: Text;
  address: Text;
  /** How shoppers reach the personal-information protection contact (e-mail, phone, post). */
  privacyContact: Text;
}

/** The policy the app ships as its offline copy: version and content hash (the document ships with the pages). */
export interface PolicyReference {
  version: number;
  /** SHA-256 of the document's canonical JSON (`policyContentHash`); the check prints the right one. */
  contentHash: string;
}

/** The capabilities an app declares: a subset of the module's, each with its purposes. */
export type CapabilityDeclarations<C extends Capability = Capability> = { readonly [K in C]: PermissionCatalogueEntry & { capability: K } };

/** The separate consents an app declares, keyed by purpose. */
export type ConsentDeclarations<P extends string = string> = { readonly [K in P]: ConsentCatalogueEntry & { purpose: K } };

/** What an app says and asks, in one place. `P`: its consent purposes; `C`: its capabilities. */
export interface PrivacyApp<P extends string = string, C extends Capability = never> {
  controller: Controller;
  policy: PolicyReference;
  /** The separate consents (单独同意), by the PIPL article each rests on. Empty when it asks for none. */
  consents: ConsentDeclarations<P>;
  /** The capabilities the app uses (camera, location, Bluetooth), with their purposes and fallbacks. */
  capabilities: CapabilityDeclarations<C>;
  /** Gated APIs the app calls that are not runtime permissions (e.g. the clipboard), for WeChat's privacy guide. */
  otherDeclarations?: readonly PrivacyDeclaration[];
  /** Replacements for any of the module's texts, per language, screen and key (`{ zh: { centre: { title: '…' } } }`). */
  texts?: TextOverrides;
}

/**
 * Something the controller still keeps once an account's cancellation is done, as the cancellation
 * page states it before the shopper asks (PIPL art. 17(1)(2): 保存期限; arts. 47, 73).
 */
export interface KeptAfterCancellation {
  /** Stable id: letters, digits and hyphens (the page's element ids). */
  id: string;
  /** What is kept. */
  category: Text;
  /**
   * In what form, when not as it was: e.g. under a keyed pseudonym, which is pseudonymisation
   * (去标识化, art. 73(3)), not anonymisation (art. 73(4)): say which it is.
   */
  form?: Text;
  /** Why it is kept: the obligation or legal basis, with the article or policy section relied on. */
  basis: Text;
  /** For how long. Where neither the policy nor the system sets a period, say so: never an invented one. */
  period: Text;
}

/** The app's long documents, given to the pages (they ship in the pages' subpackage, not the main package). */
export interface PrivacyDocuments {
  /** The bundled policy: the document and its content hash (equal to the app's `policy.contentHash`). */
  policy: { contentHash: string; document: PolicyDocument };
  /** 个人信息收集清单. */
  collectionList: readonly CollectionItem[];
  /** 第三方信息共享清单. */
  sharingList: readonly SharingItem[];
  /** Wordings of sensitive personal information in the policy, shown bold and underlined. */
  sensitiveTerms?: readonly SensitiveTerm[];
  /**
   * What is still kept once a cancellation is done, each with its basis and period: the
   * cancellation page lists them before the shopper asks. `[]` when nothing is; the check reports
   * it missing.
   */
  afterCancellation?: readonly KeptAfterCancellation[];
}

/** The consent purposes an app declares. */
export type PurposeOf<A> = A extends PrivacyApp<infer P, infer _C> ? P : never;
/** The capabilities an app declares. */
export type CapabilityOf<A> = A extends PrivacyApp<string, infer C> ? C : never;

const deepFreeze = <T>(value: T): T => {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value as Record<string, unknown>)) deepFreeze(v);
  }
  return value;
};

/** Declares an app's privacy description; typed so a purpose or capability typo is a compile error where it is used. */
export function definePrivacyApp<const P extends string, const C extends Capability = never>(app: PrivacyApp<P, C>): PrivacyApp<P, C> {
  return deepFreeze(app);
}

/** Declares an app's documents (the policy and its two lists). */
export function definePrivacyDocuments(documents: PrivacyDocuments): PrivacyDocuments {
  return deepFreeze(documents);
}

/** The consent purposes an app may record: its declared consents, and the guardian's consent the age check records. */
export function appPurposes(app: Pick<PrivacyApp, 'consents'>): readonly string[] {
  const declared = Object.keys(app.consents);
  return declared.includes(GUARDIAN_CONSENT) ? declared : [...declared, GUARDIAN_CONSENT];
}

/** The app's capabilities, in the module's order. */
export function appCapabilities(app: Pick<PrivacyApp, 'capabilities'>): readonly Capability[] {
  return CAPABILITIES.filter((c) => Object.prototype.hasOwnProperty.call(app.capabilities, c));
}

function textProblems(where: string, t: unknown): string[] {
  if (typeof t !== 'object' || t === null) return [`${where} is missing`];
  return LANGS.filter((l) => typeof (t as Record<string, unknown>)[l] !== 'string' || !(t as Record<string, string>)[l]!.trim()).map((l) => `${where}.${l} is empty`);
}

const PURPOSE_RE = new RegExp(PURPOSE_PATTERN);

/**
 * Every problem of an app's description (and of its documents, when given): the controller's
 * details, each consent against what its PIPL article requires, each capability against the
 * module's, the lists' references to declared consents and capabilities, and the policy's hash.
 * Empty when all is well. `hash` computes a document's content hash (`policyContentHash`).
 */
export function privacyAppProblems(app: PrivacyApp, documents?: PrivacyDocuments, hash?: (document: PolicyDocument) => string): string[] {
  const p: string[] = [];
  for (const f of ['name', 'shortName', 'address', 'privacyContact'] as const) p.push(...textProblems(`controller.${f}`, app.controller?.[f]));
  if (!Number.isInteger(app.policy?.version) || app.policy.version < 1) p.push('policy.version must be a whole number from 1');
  if (typeof app.policy?.contentHash !== 'string' || !/^[0-9a-f]{64}$/.test(app.policy.contentHash)) p.push('policy.contentHash must be a SHA-256 in hex');
  for (const [key, entry] of Object.entries(app.consents ?? {})) {
    if (!PURPOSE_RE.test(key)) p.push(`consents.${key}: a purpose is lower-case letters, digits and hyphens`);
    p.push(...consentEntryProblems(key, entry).map((m) => `consents.${m}`));
  }
  for (const [key, entry] of Object.entries(app.capabilities ?? {}) as [string, PermissionCatalogueEntry | undefined][]) {
    if (!(CAPABILITIES as readonly string[]).includes(key)) {
      p.push(`capabilities.${key}: the module supports ${CAPABILITIES.join(', ')}`);
      continue;
    }
    if (!entry) continue;
    if (entry.capability !== key) p.push(`capabilities.${key}: the entry names capability ${String(entry.capability)}`);
    for (const f of ['what', 'why', 'ifRefused'] as const) p.push(...textProblems(`capabilities.${key}.purpose.${f}`, entry.purpose?.[f]));
    p.push(...textProblems(`capabilities.${key}.feature.name`, entry.feature?.name), ...textProblems(`capabilities.${key}.fallback`, entry.fallback));
  }
  if (!documents) return p;
  p.push(...policyDocumentProblems(documents.policy.document).map((m) => `documents.policy: ${m}`));
  if (documents.policy.contentHash !== app.policy.contentHash) p.push(`documents.policy.contentHash ${documents.policy.contentHash} differs from the app's policy.contentHash ${app.policy.contentHash}`);
  if (hash) {
    const actual = hash(documents.policy.document);
    if (actual !== documents.policy.contentHash) p.push(`documents.policy.contentHash is not the document's: it is ${actual}`);
  }
  const vocabulary = { purposes: appPurposes(app), capabilities: appCapabilities(app) };
  p.push(...collectionListProblems(documents.collectionList, vocabulary).map((m) => `collectionList: ${m}`));
  p.push(...sharingListProblems(documents.sharingList, vocabulary).map((m) => `sharingList: ${m}`));
  // Sensitive data collected under a consent: that consent must be the one that says why it is
  // necessary and how it affects the shopper (PIPL arts. 29–30), not a general one.
  for (const row of Array.isArray(documents.collectionList) ? documents.collectionList : []) {
    if (row?.sensitive !== true || row.consent === undefined) continue;
    const entry = (app.consents as Record<string, ConsentCatalogueEntry | undefined>)[row.consent];
    if (entry && entry.disclosure?.article !== 'sensitive') {
      p.push(`collectionList: ${row.id} is sensitive and collected under the ${row.consent} consent, which does not tell the necessity and impact of sensitive information (PIPL arts. 29–30: give it disclosure.article 'sensitive')`);
    }
  }
  p.push(...keptProblems(documents.afterCancellation));
  return p;
}

const KEPT_ID_RE = /^[a-z0-9][a-z0-9-]{0,63}$/;

/** What is wrong with the list of what a cancellation keeps. */
function keptProblems(kept: readonly KeptAfterCancellation[] | undefined): string[] {
  if (kept === undefined) return ['afterCancellation: says nothing of what is kept once an account is cancelled: list each record with its basis and period (PIPL art. 17(1)(2)), or [] when nothing is kept'];
  if (!Array.isArray(kept)) return ['afterCancellation must be a list'];
  const p: string[] = [];
  const seen = new Set<string>();
  kept.forEach((k, i) => {
    const where = `afterCancellation[${i}]`;
    if (typeof k?.id !== 'string' || !KEPT_ID_RE.test(k.id)) p.push(`${where}.id must be lower-case letters, digits and hyphens`);
    else if (seen.has(k.id)) p.push(`${where}.id ${k.id} is used twice`);
    else seen.add(k.id);
    for (const f of ['category', 'basis', 'period'] as const) p.push(...textProblems(`${where}.${f}`, k?.[f]));
    if (k?.form !== undefined) p.push(...textProblems(`${where}.form`, k.form));
  });
  return p;
}

/** Each declared consent's title, by purpose: how the history and the export name it. */
export function consentTitles(app: Pick<PrivacyApp, 'consents'>): Readonly<Record<string, Text>> {
  return Object.fromEntries(Object.entries<ConsentCatalogueEntry>(app.consents).map(([purpose, e]) => [purpose, e.title]));
}
