/**
 * The bundled policy as the main package knows it: its version and content hash, a few bytes.
 * The document itself (`bundled-policy.ts`) ships with the pages that show it.
 */
import { POLICY_V1_CONTENT_HASH } from './policy-v1.hash';

/** Server version number of the bundled policy. */
export const BUNDLED_POLICY_VERSION = 1;

/** SHA-256 of the bundled document's canonical JSON (`domain/hash.ts`), computed when the data is built. */
export const BUNDLED_POLICY_HASH = POLICY_V1_CONTENT_HASH;

/** `RootStore`'s `bundledPolicy` option without the document: the policy pages hand it over. */
export const BUNDLED_POLICY_REF = Object.freeze({ version: BUNDLED_POLICY_VERSION, contentHash: BUNDLED_POLICY_HASH, source: 'bundled' as const });
