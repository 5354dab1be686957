/**
 * The demo shop's privacy content in one import, for its tests, the server it deploys with and the
 * ops console. The app itself imports `app.ts` (main package) and `documents.ts` (the privacy pages).
 */
export { SHOP_PRIVACY, PRIVACY_PAGES_ROOT, type ShopApp } from './app';
export { SHOP_DOCUMENTS } from './documents';
export { BUNDLED_POLICY, BUNDLED_POLICY_DOCUMENT, BUNDLED_POLICY_VERSION, BUNDLED_POLICY_HASH, BUNDLED_POLICY_REF } from './bundled-policy';
export { COLLECTION_LIST } from './collection-list';
export { SHARING_LIST } from './sharing-list';
export { SENSITIVE_TERMS, SENSITIVE_TERM_ENTRIES, type SensitiveTerm } from './sensitive-terms';
export { CONSENT_CATALOGUE, CUSTOMER_SERVICE, consentEntry, type ShopPurpose } from './consents';
export { PERMISSION_CATALOGUE, OTHER_PRIVACY_DECLARATIONS } from './capabilities';
