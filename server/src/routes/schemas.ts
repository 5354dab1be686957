import {
  CANCELLATION_STATUSES,
  CAPABILITIES,
  CONSENT_PURPOSES,
  CONSENT_VALUES,
  DEVICE_ID_PATTERN,
  ERROR_CODES,
  EVENT_ID_PATTERN,
  EVENT_SOURCES,
  LIMITS,
  OPS_ROLES,
  PERMISSION_VALUES,
  POLICY_STATUSES,
  POLICY_VALUES,
} from '@maison/privacy/contract';

/** JSON schemas built from the contract's closed sets, shared by routes and the OpenAPI document. */

/** `{ error: { code, message, completedAt? } }`. */
export const errorBody = Object.freeze({
  type: 'object',
  required: ['error'],
  properties: {
    error: {
      type: 'object',
      required: ['code', 'message'],
      properties: {
        code: { type: 'string', enum: Object.values(ERROR_CODES) },
        message: { type: 'string' },
        completedAt: { type: 'string', format: 'date-time' },
      },
    },
  },
});

/** Response schemas for the given error status codes (every route lists the ones it can answer). */
export function errorResponses(...codes: number[]): Record<number, typeof errorBody> {
  const out: Record<number, typeof errorBody> = {};
  for (const c of [...codes, 500]) out[c] = errorBody;
  return out;
}

/** Errors any shopper route can answer: bad input, sign in again, deleted account, rate limit. */
export const SHOPPER_ERRORS = [400, 401, 410, 429] as const;
/** Errors any ops route can answer. */
export const OPS_ERRORS = [400, 401, 403, 429] as const;

/**
 * A time a client sends: RFC 3339, years 2000–2099. PostgreSQL refuses year 0 and JavaScript
 * parses years past 275,760 as invalid, so a wider "valid" date would fail in the database.
 */
export const clientTimeSchema = Object.freeze({ type: 'string', format: 'date-time', maxLength: 40, pattern: '^20[0-9]{2}-' });
/** Free text a person types (a cancellation reason): no control characters but tab and line breaks. */
export const FREE_TEXT_PATTERN = '^[^\\u0000-\\u0008\\u000b\\u000c\\u000e-\\u001f\\u007f-\\u009f]*$';
const base = {
  id: { type: 'string', pattern: EVENT_ID_PATTERN },
  policyVersion: { type: 'integer', minimum: 1, maximum: 2147483647 },
  deviceId: { type: 'string', pattern: DEVICE_ID_PATTERN },
  occurredAt: clientTimeSchema,
  source: { type: 'string', enum: [...EVENT_SOURCES] },
};
const required = ['id', 'kind', 'purpose', 'value', 'policyVersion', 'deviceId', 'occurredAt', 'source'];

function eventVariant(kind: string, purposes: readonly string[], values: readonly string[]) {
  return {
    type: 'object',
    additionalProperties: false,
    required,
    // The kind first: Ajv checks properties in this order and stops at the first error, so the
    // two variants of `oneOf` that cannot match fail at once instead of after every format check.
    properties: {
      kind: { type: 'string', const: kind },
      purpose: { type: 'string', enum: [...purposes] },
      value: { type: 'string', enum: [...values] },
      ...base,
    },
  };
}

/** One ledger event: the purpose and value sets depend on the kind. */
export const ledgerEventSchema = Object.freeze({
  oneOf: [
    eventVariant('policy', ['policy'], POLICY_VALUES),
    eventVariant('consent', CONSENT_PURPOSES, CONSENT_VALUES),
    eventVariant('permission', CAPABILITIES, PERMISSION_VALUES),
  ],
});

/** A ledger event as returned, with the server's sequence and receive time. */
export const storedEventSchema = Object.freeze({
  type: 'object',
  properties: {
    id: { type: 'string' },
    kind: { type: 'string' },
    purpose: { type: 'string' },
    value: { type: 'string' },
    policyVersion: { type: 'integer' },
    deviceId: { type: 'string' },
    occurredAt: { type: 'string' },
    source: { type: 'string' },
    seq: { type: 'integer' },
    receivedAt: { type: 'string' },
  },
});

const decision = { type: 'object', properties: { value: { type: 'string' }, at: { type: 'string' } } };

/** `ConsentState`. */
export const consentStateSchema = Object.freeze({
  type: 'object',
  required: ['policy', 'consents', 'permissions'],
  properties: {
    policy: {
      anyOf: [
        { type: 'null' },
        { type: 'object', properties: { value: { type: 'string' }, version: { type: 'integer' }, at: { type: 'string' } } },
      ],
    },
    consents: { type: 'object', additionalProperties: decision },
    permissions: { type: 'object', additionalProperties: { type: 'object', additionalProperties: decision } },
  },
});

/** A whole policy document, checked in depth by the policy schema check, not here. */
export const policyDocumentSchema = Object.freeze({ type: 'object', additionalProperties: true });

/** Answer of the policy endpoints. */
export const policyVersionResponseSchema = Object.freeze({
  type: 'object',
  required: ['version', 'lastMaterialVersion', 'effectiveAt', 'material', 'summary', 'changedSections', 'contentHash'],
  properties: {
    version: { type: 'integer' },
    lastMaterialVersion: { type: 'integer' },
    effectiveAt: { type: 'string' },
    material: { type: 'boolean' },
    summary: { type: 'string' },
    changedSections: { type: 'array', items: { type: 'string' } },
    contentHash: { type: 'string' },
    content: policyDocumentSchema,
  },
});

/** A cancellation request as the shopper sees it. */
export const cancellationSchema = Object.freeze({
  type: 'object',
  required: ['id', 'status', 'requestedAt', 'coolingOffEndsAt', 'deadline'],
  properties: {
    id: { type: 'string' },
    status: { type: 'string', enum: [...CANCELLATION_STATUSES] },
    requestedAt: { type: 'string' },
    coolingOffEndsAt: { type: 'string' },
    deadline: { type: 'string' },
    completedAt: { type: ['string', 'null'] },
  },
});

export const loginCodeSchema = Object.freeze({ type: 'string', minLength: 1, maxLength: LIMITS.loginCodeMaxLength, pattern: '^[\\x21-\\x7e]+$' });
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
