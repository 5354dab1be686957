/**
 * The demo shop's long documents: the policy (80 KB), its two lists and what a cancellation keeps. Only the privacy pages
 * import this file, so they ship in the pages' subpackage, never in the main package.
 */
import { definePrivacyDocuments } from '@maison/privacy/config';
import { BUNDLED_POLICY_DOCUMENT } from './bundled-policy';
import { COLLECTION_LIST } from './collection-list';
import { AFTER_CANCELLATION } from './retention';
import { SENSITIVE_TERM_ENTRIES } from './sensitive-terms';
import { SHARING_LIST } from './sharing-list';

export const SHOP_DOCUMENTS = definePrivacyDocuments({
  policy: BUNDLED_POLICY_DOCUMENT,
  collectionList: COLLECTION_LIST,
  sharingList: SHARING_LIST,
  sensitiveTerms: SENSITIVE_TERM_ENTRIES,
  afterCancellation: AFTER_CANCELLATION,
});
