/**
 * What a policy version carries beside its text: the collection list, the sharing list and the
 * separate consents' texts. Which changes between two versions make the new one material, and
 * which compliance gaps a version declares.
 */
import {
  canonicalJson,
  consentEntryProblems,
  consentGaps,
  consentTextHash,
  contentGaps,
  LIST_LIMITS,
  type CollectionItem,
  type ConsentCatalogueEntry,
  type SharingItem,
} from '@maison/privacy/contract';

/** The content of one version. */
export interface VersionContent {
  collection: readonly CollectionItem[];
  sharing: readonly SharingItem[];
  consents: readonly ConsentCatalogueEntry[];
}

/** One change that makes a version material, or one declared gap: a stable code and where. */
export interface ContentFinding {
  code: string;
  /** `consents.<purpose>`, `collection.<id>` or `sharing.<id>` (with the field for gaps). */
  where: string;
}

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Everything wrong with a would-be list of consent texts for a version: each entry as the app's
 * check wants it (`consentEntryProblems`), and exactly the purposes the deployed app declares — the
 * code that asks for a consent ships with the app, so content cannot add or drop one.
 */
export function consentListProblems(items: unknown, declared: readonly string[]): string[] {
  if (!Array.isArray(items)) return ['list: not an array'];
  const problems: string[] = [];
  const seen: string[] = [];
  items.forEach((item, i) => {
    if (!isObj(item)) return void problems.push(`[${i}]: not an object`);
    const purpose = typeof item.purpose === 'string' ? item.purpose : `[${i}]`;
    if (seen.includes(purpose)) problems.push(`[${i}]: purpose "${purpose.slice(0, 40)}" appears twice`);
    seen.push(purpose);
    if (!declared.includes(purpose)) problems.push(`[${i}]: "${purpose.slice(0, 40)}" is not a consent the app declares`);
    else problems.push(...consentEntryProblems(purpose, item as unknown as ConsentCatalogueEntry).map((p) => `[${i}] ${p}`));
    const long = JSON.stringify(item).length > LIST_LIMITS.textLength * 20;
    if (long) problems.push(`[${i}]: longer than ${LIST_LIMITS.textLength * 20} characters`);
  });
  for (const p of declared) if (!seen.includes(p)) problems.push(`consent "${p}" is missing: the app declares it`);
  return problems.slice(0, LIST_LIMITS.problems);
}

/** Each consent's text hash, by purpose: what a consent event's `textHash` names. */
export function consentHashes(consents: readonly ConsentCatalogueEntry[]): Record<string, string> {
  return Object.fromEntries(consents.map((e) => [e.purpose, consentTextHash(e)]));
}

const same = (a: unknown, b: unknown) => canonicalJson(a ?? null) === canonicalJson(b ?? null);

/**
 * The changes from `before` to `after` that make `after` material (PIPL arts. 14 ¶2, 17 ¶2: a change
 * of purpose, categories, recipients or retention needs the shopper's consent again): a separate
 * consent's purpose, categories, recipients (its whole disclosure) or retention changed, a consent
 * added, a collection row added, a sharing row added or its recipient changed.
 */
export function materialContentChanges(before: VersionContent, after: VersionContent): ContentFinding[] {
  const out: ContentFinding[] = [];
  for (const a of after.consents) {
    const b = before.consents.find((e) => e.purpose === a.purpose);
    const where = `consents.${a.purpose}`;
    if (!b) {
      out.push({ code: 'consent-added', where });
      continue;
    }
    if (!same(b.purposeText, a.purposeText)) out.push({ code: 'consent-purpose-changed', where });
    if (!same(b.categories, a.categories)) out.push({ code: 'consent-categories-changed', where });
    if (!same(b.disclosure, a.disclosure)) out.push({ code: 'consent-recipients-changed', where });
    if (!same(b.retention, a.retention) || !same(b.retentionGap, a.retentionGap)) out.push({ code: 'consent-retention-changed', where });
  }
  for (const row of after.collection) if (!before.collection.some((r) => r.id === row.id)) out.push({ code: 'collection-row-added', where: `collection.${row.id}` });
  for (const row of after.sharing) {
    const b = before.sharing.find((r) => r.id === row.id);
    if (!b) out.push({ code: 'recipient-added', where: `sharing.${row.id}` });
    else if (!same(b.recipient, row.recipient)) out.push({ code: 'recipient-changed', where: `sharing.${row.id}` });
  }
  return out;
}

/** Every compliance gap a version declares: retentions not stated, recipients not named. */
export function versionGaps(content: VersionContent): ContentFinding[] {
  return [
    ...content.consents.flatMap((e) => consentGaps(e).map((g) => ({ code: g.field === 'retention' ? 'retention-gap' : 'recipient-gap', where: `consents.${g.purpose}.${g.field}` }))),
    ...contentGaps(content.collection, content.sharing).map((g) => ({ code: `${g.field}-gap`, where: `${g.list}.${g.id}` })),
  ];
}
