/**
 * The lists and separate consents' texts the backend serves with the policy version in force
 * (`GET /v1/policy/current/lists`), checked before use, and which text of each consent the app
 * shows: the served one for a purpose the app declares, else the app's bundled one.
 */
import { consentEntryProblems, consentTextHash, type ConsentCatalogueEntry } from './consent-schema';
import { canonicalJson, sha256Hex } from './hash';
import { collectionListProblems, sharingListProblems, type CollectionItem, type ListVocabulary, type SharingItem } from './lists';

/** Served lists that passed `servedListsProblems`. */
export interface ServedLists {
  version: number;
  /** SHA-256 of the canonical JSON of `{ collection, sharing, consents }`, as `lists.contentHash` of the policy metadata names it. */
  contentHash: string;
  collection: CollectionItem[];
  sharing: SharingItem[];
  consents: ConsentCatalogueEntry[];
  /** `consentTextHash` of each served consent, by purpose. */
  consentHashes: Record<string, string>;
}

/** A consent's words as shown, and the hash a consent event carries as `textHash`. */
export interface ShownConsent {
  entry: ConsentCatalogueEntry;
  textHash: string;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Everything wrong with a served answer; empty means it may be shown. The content hash must be the
 * content's, both lists must pass the app's own list checks against its vocabulary, and each consent
 * the app declares must pass its entry check and have its hash (the others are ignored, not shown).
 */
export function servedListsProblems(body: unknown, vocabulary: Required<ListVocabulary>): string[] {
  if (!isRecord(body)) return ['not an object'];
  const { version, contentHash, collection, sharing, consents, consentHashes } = body;
  if (!Number.isInteger(version) || (version as number) < 1) return ['version'];
  if (typeof contentHash !== 'string' || !Array.isArray(consents) || !isRecord(consentHashes)) return ['shape'];
  if (sha256Hex(canonicalJson({ collection, sharing, consents })) !== contentHash) return ['contentHash is not the content\'s'];
  const problems = [
    ...collectionListProblems(collection, vocabulary).map((m) => `collection: ${m}`),
    ...sharingListProblems(sharing, vocabulary).map((m) => `sharing: ${m}`),
  ];
  for (const entry of consents as unknown[]) {
    const purpose = isRecord(entry) ? entry.purpose : undefined;
    if (typeof purpose !== 'string' || !vocabulary.purposes.includes(purpose)) continue;
    const entryProblems = consentEntryProblems(purpose, entry as unknown as ConsentCatalogueEntry);
    problems.push(...entryProblems.map((m) => `consents: ${m}`));
    if (entryProblems.length === 0 && consentHashes[purpose] !== consentTextHash(entry as unknown as ConsentCatalogueEntry)) problems.push(`consentHashes.${purpose}: not the text's hash`);
  }
  return problems;
}

/** The answer as `ServedLists`, or null when it has a problem. */
export function asServedLists(body: unknown, vocabulary: Required<ListVocabulary>): ServedLists | null {
  return servedListsProblems(body, vocabulary).length === 0 ? (body as ServedLists) : null;
}

/**
 * The words shown for a consent the app declares (`bundled`): the served entry of its purpose when
 * there is one, else the bundled entry. Whether the app asks for it at all (`notInApp`) is the
 * app's, never the served content's. The hash is always that of the words as written (served or
 * bundled), which is what the server knows.
 */
export function shownConsent(bundled: ConsentCatalogueEntry, served: ServedLists | null): ShownConsent {
  const entry = served?.consents.find((e) => e.purpose === bundled.purpose);
  if (!entry) return { entry: bundled, textHash: consentTextHash(bundled) };
  const words: ConsentCatalogueEntry = { ...entry };
  delete words.notInApp;
  return {
    entry: bundled.notInApp === undefined ? words : { ...words, notInApp: bundled.notInApp },
    textHash: served!.consentHashes[bundled.purpose]!,
  };
}
