/**
 * `@maison/privacy/contract`: the HTTP contract shared by the mini-program and the backend —
 * closed sets, request/response shapes, limits, error codes, the policy document model and its
 * schema check, the content hash, the two lists' shapes and checks, and the ledger reducer.
 * Pure TypeScript: no Taro, no MobX, safe to import on a server.
 */
export * from './domain/contract';
export * from './domain/contract-schemas';
export type { PolicyBlock, PolicyBlockType, PolicyDocument, PolicySection, PolicyText } from './domain/policy';
export { POLICY_BLOCK_TYPES } from './domain/policy';
export { POLICY_LIMITS, SECTION_ID_PATTERN, policyDocumentProblems, isPolicyDocument } from './domain/policySchema';
export { canonicalJson, CanonicalJsonError, policyContentHash, sha256Hex } from './domain/hash';
export {
  LIST_ITEM_ID_PATTERN,
  LIST_LIMITS,
  SHARING_TYPES,
  collectionListProblems,
  contentGaps,
  isCollectionList,
  isSharingList,
  sharingListProblems,
  type CollectionItem,
  type ContentGap,
  type LocalisedText,
  type SharingItem,
  type SharingType,
} from './domain/lists';
export { consentEntryProblems, consentGaps, consentOffered, consentTextHash, type ConsentCatalogueEntry, type ConsentGap, type Retention } from './domain/consent-schema';
export { reduceLedger, emptyConsentState, type LedgerEntry, type SyncStatus } from './domain/ledger';
export { decodeLedger, encodeLedger, LEDGER_FORMAT, LEDGER_SCHEMA_VERSION, type LedgerDecodeResult, type LedgerDecodeStatus } from './domain/ledgerCodec';
export { POLICY_REQUEST_DEADLINE, CANCELLATION_DEADLINE_WORKING_DAYS, CANCELLATION_REASON_MAX } from './domain/cancellation';
export * from './domain/admin-contract';
export { emphasise, type EmphasisRun } from './domain/emphasis';
export { blockPlainText, blockSegments, type BlockSegments } from './domain/policySegments';
export { SENSITIVE_VOCABULARY, markSensitiveTerms, type SensitiveMark } from './domain/sensitiveVocabulary';
export { changedSentences, sentencesOf, CHANGE_LIMITS, type SectionChange } from './domain/policyChanges';
