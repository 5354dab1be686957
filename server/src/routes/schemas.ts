import { errorBodySchema, FREE_TEXT_PATTERN, loginRequestSchema as contractLoginRequestSchema, OPS_ROLES, POLICY_STATUSES, type LoginRequest as ContractLoginRequest } from '@maison/privacy/contract';

/**
 * JSON schemas of the routes. The shopper API's shapes come from the contract package, where the
 * client's types are derived from the same objects; what is here is the server's own.
 */
export {
  cancellationRequestSchema,
  cancellationResponseSchema as cancellationSchema,
  cancellationTermsSchema,
  cancellationWithdrawalRequestSchema,
  clientTimeSchema,
  consentStateSchema,
  errorBodySchema as errorBody,
  exportResponseSchema,
  FREE_TEXT_PATTERN,
  getConsentsQuerySchema,
  getConsentsResponseSchema,
  ledgerEventSchema,
  loginCodeSchema,
  loginResponseSchema,
  policyVersionResponseSchema,
  postConsentsRequestSchema,
  postConsentsResponseSchema,
  signOutRequestSchema,
  signOutResponseSchema,
  storedEventSchema,
} from '@maison/privacy/contract';

/** `POST /v1/sessions`: the contract's body, `platform` included (`weapp` when left out). */
export const loginRequestSchema = contractLoginRequestSchema;
export type LoginRequest = ContractLoginRequest;

/** Response schemas for the given error status codes (every route lists the ones it can answer). */
export function errorResponses(...codes: number[]): Record<number, typeof errorBodySchema> {
  const out: Record<number, typeof errorBodySchema> = {};
  for (const c of [...codes, 500]) out[c] = errorBodySchema;
  return out;
}

/** Errors any shopper route can answer: bad input, sign in again, deleted account, rate limit. */
export const SHOPPER_ERRORS = [400, 401, 410, 429] as const;
/** Errors any ops route can answer. */
export const OPS_ERRORS = [400, 401, 403, 429] as const;

/** A whole policy document, checked in depth by the policy schema check, not here. */
export const policyDocumentSchema = Object.freeze({ type: 'object', additionalProperties: true });

export const opsRoleSchema = Object.freeze({ type: 'string', enum: [...OPS_ROLES] });
export const policyStatusSchema = Object.freeze({ type: 'string', enum: [...POLICY_STATUSES] });
export const summarySchema = Object.freeze({
  type: 'object',
  additionalProperties: false,
  required: ['zh', 'en'],
  properties: { zh: { type: 'string', minLength: 1, maxLength: 2000, pattern: FREE_TEXT_PATTERN }, en: { type: 'string', minLength: 1, maxLength: 2000, pattern: FREE_TEXT_PATTERN } },
});
/** Idempotency-Key header value. */
export const idempotencyKeySchema = Object.freeze({ type: 'string', pattern: '^[A-Za-z0-9_-]{8,128}$' });

/** `GET /v1/admin/policies/:version/findings`: declared with the admin contract, which the console types its answer from. */
export { publishFindingsSchema } from '@maison/privacy/contract';
