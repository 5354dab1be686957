/**
 * `@maison/privacy/data`: the shop's own content, as the module ships it by default — the bundled
 * policy (offline fallback; `BUNDLED_POLICY_REF` is its version and hash alone, for the main package), its sensitive terms, the two lists, the consent and permission
 * catalogues, and the declaration of every field the module sends. An adopter passes its own.
 */
export { BUNDLED_POLICY, BUNDLED_POLICY_DOCUMENT } from './data/bundled-policy';
export { BUNDLED_POLICY_VERSION, BUNDLED_POLICY_HASH, BUNDLED_POLICY_REF } from './data/bundled-policy-ref';
export { COLLECTION_LIST } from './data/collection-list';
export { SHARING_LIST } from './data/sharing-list';
export { SENSITIVE_TERMS, SENSITIVE_TERM_ENTRIES, type SensitiveTerm } from './data/sensitive-terms';
export { CONSENT_CATALOGUE, consentEntry, type ConsentCatalogueEntry } from './data/consent-catalogue';
export { PERMISSION_CATALOGUE, OTHER_PRIVACY_DECLARATIONS } from './data/permission-catalogue';
export { SENT_FIELDS, sentFieldKey, type SentFieldDeclaration } from './data/sent-fields';
