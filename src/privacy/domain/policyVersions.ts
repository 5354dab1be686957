/**
 * The module's own policy-version gate (WeChat re-prompts only when new data types are declared,
 * so which version the shopper accepted is the module's record). Pure functions.
 */
import type { PolicyVersionResponse } from './contract';
import { CHANGE_LIMITS } from './policyChanges';

/** What the shopper must be shown about the policy version in force. */
export type VersionPrompt =
  /** Accepted version below the latest material one: blocking re-consent with the summary. */
  | { kind: 'reconsent'; version: number }
  /** A newer, non-material version: a dismissible notice. */
  | { kind: 'notice'; version: number }
  | { kind: 'none' };

/** The metadata of a version as kept on the device (the last one known, for offline launches). */
export type PolicyMeta = Omit<PolicyVersionResponse, 'content'>;

/**
 * Compares the accepted version with the server's metadata. No acceptance at all is the first-run
 * sheet's business, not a re-consent.
 */
export function versionPrompt(accepted: number | null, meta: PolicyMeta, noticeSeen: number | null): VersionPrompt {
  if (accepted === null) return { kind: 'none' };
  if (accepted < meta.lastMaterialVersion) return { kind: 'reconsent', version: meta.version };
  if (accepted < meta.version && (noticeSeen ?? 0) < meta.version) return { kind: 'notice', version: meta.version };
  return { kind: 'none' };
}

/** Checks an unknown answer is usable policy metadata (never trust a remote payload). */
export function policyMetaProblem(value: unknown): string | null {
  if (typeof value !== 'object' || value === null) return 'not an object';
  const m = value as Record<string, unknown>;
  const int = (v: unknown) => typeof v === 'number' && Number.isInteger(v) && v >= 1;
  if (!int(m.version)) return 'version';
  if (!int(m.lastMaterialVersion) || (m.lastMaterialVersion as number) > (m.version as number)) return 'lastMaterialVersion';
  if (typeof m.material !== 'boolean') return 'material';
  if (typeof m.summary !== 'string' || m.summary.length > 4000) return 'summary';
  if (!Array.isArray(m.changedSections) || m.changedSections.length > 200 || !m.changedSections.every((s) => typeof s === 'string' && /^[a-z][a-z0-9-]{0,120}$/.test(s))) {
    return 'changedSections';
  }
  if (m.changes !== undefined && !changesAreValid(m.changes)) return 'changes';
  if (m.upcoming !== undefined && !upcomingIsValid(m.upcoming, m.version as number)) return 'upcoming';
  if (typeof m.contentHash !== 'string' || !/^[0-9a-f]{64}$/.test(m.contentHash)) return 'contentHash';
  if (typeof m.effectiveAt !== 'string' || Number.isNaN(Date.parse(m.effectiveAt))) return 'effectiveAt';
  return null;
}

/** `changes`: sections by id, each with short sentences, no more than the server sends. */
function changesAreValid(value: unknown): boolean {
  if (!Array.isArray(value) || value.length > CHANGE_LIMITS.sentences) return false;
  let sentences = 0;
  for (const c of value as unknown[]) {
    if (typeof c !== 'object' || c === null) return false;
    const { section, sentences: list } = c as Record<string, unknown>;
    if (typeof section !== 'string' || !/^[a-z][a-z0-9-]{0,120}$/.test(section) || !Array.isArray(list)) return false;
    if (!list.every((s) => typeof s === 'string' && s.length > 0 && s.length <= CHANGE_LIMITS.sentenceLength)) return false;
    sentences += list.length;
  }
  return sentences <= CHANGE_LIMITS.sentences;
}

/** `upcoming`: a later version, a readable date, a summary and its changes as the version's own. */
function upcomingIsValid(value: unknown, version: number): boolean {
  if (typeof value !== 'object' || value === null) return false;
  const u = value as Record<string, unknown>;
  return (
    typeof u.version === 'number' &&
    Number.isInteger(u.version) &&
    u.version > version &&
    typeof u.effectiveAt === 'string' &&
    !Number.isNaN(Date.parse(u.effectiveAt)) &&
    typeof u.summary === 'string' &&
    u.summary.length <= 4000 &&
    Array.isArray(u.changedSections) &&
    u.changedSections.every((x) => typeof x === 'string') &&
    (u.changes === undefined || changesAreValid(u.changes))
  );
}
