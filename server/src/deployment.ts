/**
 * The app this backend serves: its privacy description, read from the same module the app is
 * built with. Consent purposes and capabilities outside it are refused, and the privacy-guide
 * checklist ops file is derived from it. A deployment for another app points this import at that
 * app's description.
 */
import { appCapabilities, appPurposes, privacyGuideChecklist, type Capability, type PrivacyApp, type PrivacyDocuments } from '@maison/privacy/config';
import type { LedgerEvent } from '@maison/privacy/contract';
import { SHOP_PRIVACY } from '../../src/shop/privacy-content/app';
import { SHOP_DOCUMENTS } from '../../src/shop/privacy-content/documents';

export const DEPLOYED_APP: PrivacyApp<string, Capability> = SHOP_PRIVACY;
/** Its documents: the bundled policy is seeded as version 1, the lists as its first drafts. */
export const DEPLOYED_DOCUMENTS: PrivacyDocuments = SHOP_DOCUMENTS;

const purposes = new Set(appPurposes(DEPLOYED_APP));
const capabilities = new Set<string>(appCapabilities(DEPLOYED_APP));

/** What the lists ops edit may reference: the app's consents and capabilities. */
export const DEPLOYED_VOCABULARY = Object.freeze({ purposes: [...purposes], capabilities: [...capabilities] });

/** Why a well-formed event names something the app does not declare, or null. */
export function undeclaredInEvent(e: LedgerEvent): string | null {
  if (e.kind === 'consent' && !purposes.has(e.purpose)) return `"${e.purpose}" is not a consent this app declares`;
  if (e.kind === 'permission' && !capabilities.has(e.purpose)) return `"${e.purpose}" is not a capability this app declares`;
  return null;
}

/** The items ops declare in WeChat's privacy guide, for this app. */
export const deployedPrivacyGuide = () => privacyGuideChecklist(DEPLOYED_APP);

/**
 * The consents under which the app transfers data to the overseas receiver (PIPL art. 39): a
 * shopper who granted one of them at some time had data go there, and is the one whose deletion
 * the receiver is told of when the account is purged.
 */
export const OVERSEAS_PURPOSES: readonly string[] = Object.freeze(
  Object.values<PrivacyApp['consents'][string]>(DEPLOYED_APP.consents)
    .filter((e) => e.disclosure.article === 'cross-border')
    .map((e) => e.purpose),
);
