import { importPolicyText, PolicyImportError, reviewNewVersion, type PreviousVersion } from '../../../scripts/policy-import/importPolicy';
import type { PolicyDocument } from '@maison/privacy/contract';
import { canonicalJson as sharedCanonicalJson, policyContentHash, policyDocumentProblems } from '@maison/privacy/contract';
import { sensitiveTermsByLang } from '@maison/privacy/config';
import { DEPLOYED_DOCUMENTS } from '../deployment';

/**
 * The policy tools the server shares with the mini-program, so a document accepted, hashed or
 * imported here is exactly what the app would accept, hash or import.
 */


/** Pasted policy text could not be turned into a document. */
export class PolicyTextError extends Error {
  override name = 'PolicyTextError';
}

/** Canonical JSON (sorted keys, no whitespace), the input of hashes and idempotency fingerprints. */
export const canonicalJson = (value: unknown): string => sharedCanonicalJson(value);

/** What is wrong with a candidate policy document (empty when valid). */
export const policyProblems = (doc: unknown): string[] => policyDocumentProblems(doc);

/** sha256 hex of the canonical JSON of the document. */
export const policyHash = (doc: PolicyDocument): string => policyContentHash(doc);

/** Turns pasted policy text (zh then en) into a document, through the app's importer. */
export function importPolicy(text: string): { document: PolicyDocument; warnings: string[] } {
  try {
    const r = importPolicyText(text);
    return { document: r.document, warnings: r.warnings };
  } catch (err) {
    if (err instanceof PolicyImportError) throw new PolicyTextError(err.message);
    throw err;
  }
}

/** The deployed app's glossary of sensitive wordings, per language. */
const DEPLOYED_GLOSSARY = sensitiveTermsByLang(DEPLOYED_DOCUMENTS.sensitiveTerms);

/**
 * A new or edited draft checked against the version it follows, with the deployed app's glossary:
 * sensitive wordings of its new text marked, a stale "last updated" line warned about.
 */
export const reviewDraft = (doc: PolicyDocument, previous: PreviousVersion | null): { document: PolicyDocument; warnings: string[] } =>
  reviewNewVersion(doc, DEPLOYED_GLOSSARY, previous);

/** The policy the deployed app bundles (seeded as version 1). */
export function bundledPolicy(): PolicyDocument {
  return DEPLOYED_DOCUMENTS.policy.document;
}
