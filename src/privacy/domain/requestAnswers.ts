/**
 * Checks of what the server answers at the request desk (API.md "Rights requests"). Kept apart
 * from `requests.ts` so the API client in the main package carries only these few lines, not the
 * request rules and the schemas they read. Pure TypeScript.
 */
import { RIGHTS_REQUEST_OUTCOMES, RIGHTS_REQUEST_STATUSES, RIGHTS_REQUEST_TYPES, type RightsRequest, type RightsRequestReceipt } from './contract';

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isIn = <T extends string>(set: readonly T[], v: unknown): v is T => typeof v === 'string' && (set as readonly string[]).includes(v);
const isTime = (v: unknown): v is string => typeof v === 'string' && !Number.isNaN(Date.parse(v));

/** The request as the server answered it, or null when the answer breaks the contract. */
export function asRightsRequest(v: unknown): RightsRequest | null {
  if (!isRecord(v)) return null;
  if (typeof v.id !== 'string' || !isIn(RIGHTS_REQUEST_TYPES, v.type) || !isIn(RIGHTS_REQUEST_STATUSES, v.status)) return null;
  if (!isTime(v.receivedAt) || !isTime(v.deadline)) return null;
  if (!Array.isArray(v.categories) || v.categories.some((c) => typeof c !== 'string')) return null;
  if (v.details !== null && typeof v.details !== 'string') return null;
  if (v.decidedAt !== undefined && !isTime(v.decidedAt)) return null;
  if (v.outcome !== undefined && !isIn(RIGHTS_REQUEST_OUTCOMES, v.outcome)) return null;
  if (v.reason !== undefined && !(isRecord(v.reason) && typeof v.reason.zh === 'string' && typeof v.reason.en === 'string')) return null;
  // A decided request says how; a refusal always says why (PIPL art. 50).
  if ((v.status === 'fulfilled' || v.status === 'refused') && v.outcome !== v.status) return null;
  if (v.status === 'refused' && v.reason === undefined) return null;
  if (v.file !== undefined && typeof v.file !== 'string') return null;
  return v as unknown as RightsRequest;
}

/** The receipt of a new request, or null when the answer breaks the contract. */
export function asRightsRequestReceipt(v: unknown): RightsRequestReceipt | null {
  if (!isRecord(v)) return null;
  // `fulfilled`: the server did it at once (its own profile data, a deletion whose only basis was a withdrawn consent, the export).
  if (typeof v.id !== 'string' || !isIn(RIGHTS_REQUEST_TYPES, v.type) || (v.status !== 'received' && v.status !== 'fulfilled') || !isTime(v.receivedAt) || !isTime(v.deadline)) return null;
  if (v.file !== undefined && typeof v.file !== 'string') return null;
  return { id: v.id, type: v.type, status: v.status, receivedAt: v.receivedAt, deadline: v.deadline, ...(typeof v.file === 'string' ? { file: v.file } : {}) };
}
