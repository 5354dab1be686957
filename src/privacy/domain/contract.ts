/**
 * The HTTP contract between the mini-program, the ops console and the backend (v1).
 * Shared by client and server: closed value sets, request/response shapes, error codes.
 * Pure TypeScript: no platform, no framework imports. The request and answer types are derived
 * from the JSON schemas in contract-schemas.ts, which the server validates and documents with, so
 * each shape has one definition (the import is types only: nothing of it is bundled).
 */
import type { FromSchema } from 'json-schema-to-ts';
import type * as S from './contract-schemas';
import { CAPABILITY_LIST, type Capability } from './capabilities';
import { isCanonicalIsoTime } from './isoTime';

/** Kinds of ledger event. */
export const EVENT_KINDS = Object.freeze(['policy', 'consent', 'permission'] as const);
export type EventKind = (typeof EVENT_KINDS)[number];

/** Values of a `policy` event (its purpose is always `policy`). */
export const POLICY_VALUES = Object.freeze(['accepted', 'refused', 'shown'] as const);
export type PolicyValue = (typeof POLICY_VALUES)[number];

/**
 * A consent purpose: what the app declares (its separate consents, `PrivacyApp.consents`), plus
 * the guardian's consent the age check records. The contract fixes only the shape; the server
 * and the stores check membership against the app's declaration.
 */
export const PURPOSE_PATTERN = '^[a-z][a-z0-9-]{0,39}$';
export type ConsentPurpose = string;

/** A guardian's consent for a shopper aged 14 to 17. */
export const GUARDIAN_CONSENT = 'guardian' as const;

/** Values of a `consent` event. */
export const CONSENT_VALUES = Object.freeze(['granted', 'refused', 'withdrawn'] as const);
export type ConsentValue = (typeof CONSENT_VALUES)[number];

/** Runtime capabilities the module supports; an app declares the ones it uses (`PrivacyApp.capabilities`). */
export const CAPABILITIES: readonly Capability[] = CAPABILITY_LIST;
export type { Capability };

/** Values of a `permission` event. */
export const PERMISSION_VALUES = Object.freeze([
  'granted',
  'denied',
  'blocked',
  'unavailable',
  'prompted',
  'not-now',
] as const);
export type PermissionValue = (typeof PERMISSION_VALUES)[number];

/** Where in the app a decision was taken. */
export const EVENT_SOURCES = Object.freeze([
  'first-run-sheet',
  'reconsent-sheet',
  'notice',
  'feature',
  'privacy-centre',
  'settings',
  'wechat',
] as const);
export type EventSource = (typeof EVENT_SOURCES)[number];

export type PolicyEvent = FromSchema<typeof S.policyEventSchema>;
export type ConsentEvent = FromSchema<typeof S.consentEventSchema>;
export type PermissionEvent = FromSchema<typeof S.permissionEventSchema>;
/** One append-only decision in the authorisation ledger. */
export type LedgerEvent = PolicyEvent | ConsentEvent | PermissionEvent;

/** Purposes allowed for each kind (consent purposes: any of the pattern's; the app's declaration narrows them). */
export const PURPOSES_BY_KIND: Readonly<Record<Exclude<EventKind, 'consent'>, readonly string[]>> = Object.freeze({
  policy: Object.freeze(['policy']),
  permission: CAPABILITIES,
});
/** Values allowed for each kind. */
export const VALUES_BY_KIND: Readonly<Record<EventKind, readonly string[]>> = Object.freeze({
  policy: POLICY_VALUES,
  consent: CONSENT_VALUES,
  permission: PERMISSION_VALUES,
});

/** Limits shared by client validation and server schemas. */
export const LIMITS = Object.freeze({
  eventsPerBatch: 100,
  /** Events in one page of `GET /v1/me/consents` (and the export's first page) at most. */
  eventsPerPage: 500,
  eventIdMaxLength: 64,
  deviceIdMaxLength: 64,
  reasonMaxLength: 500,
  /** A rights request's free text (its details; ops' reason per language). */
  requestDetailsMaxLength: 2000,
  /** Collection-list rows one request names at most. */
  requestCategoriesMax: 64,
  loginCodeMaxLength: 128,
});

export const EVENT_ID_PATTERN = '^[A-Za-z0-9_-]{8,64}$';
export const DEVICE_ID_PATTERN = '^[A-Za-z0-9_-]{8,64}$';
/** A consent text's hash (`consentTextHash`): SHA-256 in lower-case hex. */
export const TEXT_HASH_PATTERN = '^[0-9a-f]{64}$';

/** Machine-readable error codes carried in `{ error: { code, message } }`. */
export const ERROR_CODE_LIST = Object.freeze([
  'BAD_REQUEST',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  'ACCOUNT_DELETED',
  'PAYLOAD_TOO_LARGE',
  'UNSUPPORTED_MEDIA_TYPE',
  'IDEMPOTENCY_KEY_REUSED',
  'LOGIN_FAILED',
  'GUARDIAN_CODE_WRONG',
  'GUARDIAN_CODE_EXPIRED',
  'GUARDIAN_PROOF_INVALID',
  /** WeChat's login service did not answer usably (weapp logins; kept for the clients that know it). */
  'WECHAT_UNAVAILABLE',
  /** Another platform's login service (Douyin) did not answer usably: 503, tried again later like WECHAT_UNAVAILABLE. */
  'LOGIN_UNAVAILABLE',
  'RATE_LIMITED',
  'SERVICE_UNAVAILABLE',
  'INTERNAL',
] as const);
export type ErrorCode = (typeof ERROR_CODE_LIST)[number];
/** The codes by name (`ERROR_CODES.CONFLICT`). */
export const ERROR_CODES: Readonly<{ [C in ErrorCode]: C }> = Object.freeze(Object.fromEntries(ERROR_CODE_LIST.map((c) => [c, c])) as { [C in ErrorCode]: C });

export type ErrorBody = FromSchema<typeof S.errorBodySchema>;

export type LoginRequest = FromSchema<typeof S.loginRequestSchema>;
export type LoginResponse = FromSchema<typeof S.loginResponseSchema>;

/** A guardian's confirmation code asked for (POST /v1/guardian-codes). */
export type GuardianCodeRequest = FromSchema<typeof S.guardianCodeRequestSchema>;
export type GuardianCodeResponse = FromSchema<typeof S.guardianCodeResponseSchema>;
/** The code typed in (POST /v1/guardian-codes/:id/verification); the proof goes with the registration's login. */
export type GuardianVerificationRequest = FromSchema<typeof S.guardianVerificationRequestSchema>;
export type GuardianVerificationResponse = FromSchema<typeof S.guardianVerificationResponseSchema>;

/** Where a sign-out applies: this session, or every session of the shopper. */
export const SIGN_OUT_SCOPES = Object.freeze(['this-device', 'everywhere'] as const);
export type SignOutScope = (typeof SIGN_OUT_SCOPES)[number];
export type SignOutRequest = FromSchema<typeof S.signOutRequestSchema>;
export type SignOutResponse = FromSchema<typeof S.signOutResponseSchema>;

export type Lang = 'zh' | 'en';
export const LANGS: readonly Lang[] = Object.freeze(['zh', 'en']);

/** Answer of GET /v1/policy/current and /v1/policy/versions/:version (`content` is a PolicyDocument). */
export type PolicyVersionResponse = FromSchema<typeof S.policyVersionResponseSchema>;
/** A version's lists and separate consents' texts, as served to shoppers. */
export type VersionListsResponse = FromSchema<typeof S.versionListsResponseSchema>;

/** Current decisions derived from the ledger. */
export type ConsentState = FromSchema<typeof S.consentStateSchema>;

export type PostConsentsRequest = FromSchema<typeof S.postConsentsRequestSchema>;
export type PostConsentsResponse = FromSchema<typeof S.postConsentsResponseSchema>;
export type GetConsentsResponse = FromSchema<typeof S.getConsentsResponseSchema>;

export const CANCELLATION_STATUSES = Object.freeze(['pending', 'withdrawn', 'processing', 'completed'] as const);
export type CancellationStatus = (typeof CANCELLATION_STATUSES)[number];

export type CancellationRequest = FromSchema<typeof S.cancellationRequestSchema>;
/** Undoing a pending request takes a fresh login code, as asking for it does. */
export type CancellationWithdrawalRequest = FromSchema<typeof S.cancellationWithdrawalRequestSchema>;
export type CancellationResponse = FromSchema<typeof S.cancellationResponseSchema>;
/** What a cancellation asked now would be given: cooling-off length and deadline (GET /v1/cancellation/terms). */
export type CancellationTerms = FromSchema<typeof S.cancellationTermsSchema>;
/** Everything the server holds about the shopper (GET /v1/me/export). */
export type ExportResponse = FromSchema<typeof S.exportResponseSchema>;

/**
 * Rights a shopper asks for at the request desk, each answered by a person within the deadline
 * (PIPL arts. 44–50; the policy's 15 days, never later than 15 working days).
 */
export const RIGHTS_REQUEST_TYPES = Object.freeze(['access', 'copy', 'portability', 'correction', 'deletion', 'restriction', 'explanation', 'complaint'] as const);
export type RightsRequestType = (typeof RIGHTS_REQUEST_TYPES)[number];
/** Types that change or release the shopper's data: asked with a fresh login code of the same user. */
export const REAUTHENTICATED_REQUEST_TYPES: readonly RightsRequestType[] = Object.freeze(['copy', 'portability', 'correction', 'deletion', 'restriction']);
/** Types that say what they are about in the shopper's words (`details` required). */
export const DETAILED_REQUEST_TYPES: readonly RightsRequestType[] = Object.freeze(['correction', 'complaint']);
/** Types about chosen collection-list rows (`categories` required). */
export const CATEGORISED_REQUEST_TYPES: readonly RightsRequestType[] = Object.freeze(['deletion', 'restriction']);
export const RIGHTS_REQUEST_STATUSES = Object.freeze(['received', 'in-progress', 'fulfilled', 'refused', 'withdrawn'] as const);
export type RightsRequestStatus = (typeof RIGHTS_REQUEST_STATUSES)[number];
/** Statuses of a request still waiting for its answer. */
export const OPEN_REQUEST_STATUSES: readonly RightsRequestStatus[] = Object.freeze(['received', 'in-progress']);
export const RIGHTS_REQUEST_OUTCOMES = Object.freeze(['fulfilled', 'refused'] as const);
export type RightsRequestOutcome = (typeof RIGHTS_REQUEST_OUTCOMES)[number];

export type RightsRequestCreate = FromSchema<typeof S.rightsRequestCreateSchema>;
export type ShopperProfile = FromSchema<typeof S.profileSchema>;
export type ProfileUpdate = FromSchema<typeof S.profileUpdateSchema>;
export type ProfileUpdateResponse = FromSchema<typeof S.profileUpdateResponseSchema>;
export type ExportRows = FromSchema<typeof S.exportRowsSchema>;
export type RightsRequestReceipt = FromSchema<typeof S.rightsRequestReceiptSchema>;
export type RightsRequest = FromSchema<typeof S.rightsRequestSchema>;
export type RightsRequestList = FromSchema<typeof S.rightsRequestListSchema>;
export type RightsRequestDecision = FromSchema<typeof S.rightsRequestDecisionSchema>;
export type OpsRightsRequestList = FromSchema<typeof S.opsRightsRequestListSchema>;

export const OPS_ROLES = Object.freeze(['viewer', 'publisher'] as const);
export type OpsRole = (typeof OPS_ROLES)[number];

export const POLICY_STATUSES = Object.freeze(['draft', 'published', 'active', 'retired'] as const);
export type PolicyStatus = (typeof POLICY_STATUSES)[number];

const ID_RE = new RegExp(EVENT_ID_PATTERN);
const DEVICE_RE = new RegExp(DEVICE_ID_PATTERN);
const TEXT_HASH_RE = new RegExp(TEXT_HASH_PATTERN);

// The rules compiled once: a lookup per field, nothing built per event.
// Consent purposes are open (any of the pattern's; the app's declaration narrows them elsewhere).
const KIND_RULES: ReadonlyMap<unknown, { purposePattern: RegExp | null; purposes: ReadonlySet<unknown>; values: ReadonlySet<unknown> }> = new Map(
  EVENT_KINDS.map((kind) => [
    kind,
    kind === 'consent'
      ? { purposePattern: new RegExp(PURPOSE_PATTERN), purposes: new Set<unknown>(), values: new Set<unknown>(VALUES_BY_KIND[kind]) }
      : { purposePattern: null, purposes: new Set<unknown>(PURPOSES_BY_KIND[kind]), values: new Set<unknown>(VALUES_BY_KIND[kind]) },
  ]),
);
const SOURCES: ReadonlySet<unknown> = new Set<unknown>(EVENT_SOURCES);
const hasOwn = Object.prototype.hasOwnProperty;

/**
 * Checks an unknown value is a well-formed ledger event; returns the reason when it is not. The
 * same rules as `ledgerEventSchema` (contract-schemas.ts; a test holds them equal) without a schema
 * engine in the bundle, except `occurredAt`: the device clock is display only, so any parseable
 * time is kept here, while the server takes years 2000–2099 only. Allocates nothing for a valid
 * event (it runs once per stored event when the ledger is read).
 */
export function ledgerEventProblem(e: unknown): string | null {
  if (typeof e !== 'object' || e === null || Array.isArray(e)) return 'not an object';
  const o = e as Record<string, unknown>;
  // The first own key that is not a field, in key order (as Object.keys lists them).
  for (const key in o) {
    switch (key) {
      case 'id':
      case 'kind':
      case 'purpose':
      case 'value':
      case 'policyVersion':
      case 'deviceId':
      case 'occurredAt':
      case 'source':
        break;
      case 'textHash':
        if (o.kind !== 'consent') return `unknown field ${key}`;
        if (typeof o.textHash !== 'string' || !TEXT_HASH_RE.test(o.textHash)) return 'textHash';
        break;
      default:
        if (hasOwn.call(o, key)) return `unknown field ${key}`;
    }
  }
  if (typeof o.id !== 'string' || !ID_RE.test(o.id)) return 'id';
  const rules = KIND_RULES.get(o.kind);
  if (rules === undefined) return 'kind';
  const purpose = o.purpose;
  if (rules.purposePattern !== null ? typeof purpose !== 'string' || !rules.purposePattern.test(purpose) : !rules.purposes.has(purpose)) return 'purpose';
  if (!rules.values.has(o.value)) return 'value';
  const version = o.policyVersion;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1 || version > 2147483647) return 'policyVersion';
  if (typeof o.deviceId !== 'string' || !DEVICE_RE.test(o.deviceId)) return 'deviceId';
  const at = o.occurredAt;
  if (typeof at !== 'string' || (!isCanonicalIsoTime(at) && Number.isNaN(Date.parse(at)))) return 'occurredAt';
  if (!SOURCES.has(o.source)) return 'source';
  return null;
}

/** Type guard over `ledgerEventProblem`. */
export function isLedgerEvent(e: unknown): e is LedgerEvent {
  return ledgerEventProblem(e) === null;
}
