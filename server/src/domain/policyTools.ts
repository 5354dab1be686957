import fs from 'node:fs';
import path from 'node:path';
import { importPolicyText, PolicyImportError } from '../../../scripts/policy-import/importPolicy';
import type { PolicyDocument } from '@maison/privacy/contract';
import { canonicalJson as sharedCanonicalJson, policyContentHash, policyDocumentProblems } from '@maison/privacy/contract';
import { REPO_ROOT } from '../paths';

/**
 * The policy tools the server shares with the mini-program, so a document accepted, hashed or
 * imported here is exactly what the app would accept, hash or import.
 */

const BUNDLED_FILE = path.join(REPO_ROOT, 'src', 'privacy', 'data', 'policy-v1.json');

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

/** The policy bundled with the app (seeded as version 1), or null when the file is absent. */
export function bundledPolicy(): PolicyDocument | null {
  if (!fs.existsSync(BUNDLED_FILE)) return null;
  return JSON.parse(fs.readFileSync(BUNDLED_FILE, 'utf8')) as PolicyDocument;
}
