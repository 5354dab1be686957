/**
 * The HTTP contract between the mini-program, the ops console and the backend (v1).
 * Shared by client and server: closed value sets, request/response shapes, error codes.
 * Pure TypeScript: no platform, no framework imports.
 */

/** Kinds of ledger event. */
export const EVENT_KINDS = Object.freeze(['policy', 'consent', 'permission'] as const);
export type EventKind = (typeof EVENT_KINDS)[number];

/** Values of a `policy` event (its purpose is always `policy`). */
export const POLICY_VALUES = Object.freeze(['accepted', 'refused', 'shown'] as const);
export type PolicyValue = (typeof POLICY_VALUES)[number];

/** Separate consents (单独同意) the policy requires, each its own opt-in. */
export const SEPARATE_CONSENTS = Object.freeze([
  'marketing',
  'personalisation',
  'cross-border',
  'dealer-sharing',
  'sensitive',
  // The policy promises a separate consent before any public disclosure (PIPL art. 25).
  'public-disclosure',
  // Sharing with CARTIER SA head office, its affiliates and boutiques (the policy's "Cartier"; PIPL art. 23).
  'affiliate-sharing',
] as const);
export type SeparateConsent = (typeof SEPARATE_CONSENTS)[number];

/** Non-essential tracking categories the policy names (Cookies section). */
export const TRACKING_CATEGORIES = Object.freeze([
  'tracking-functional',
  'tracking-analytics',
  'tracking-advertising',
  'tracking-social',
] as const);
export type TrackingCategory = (typeof TRACKING_CATEGORIES)[number];

/** A guardian's consent for a shopper aged 14 to 17. */
export const GUARDIAN_CONSENT = 'guardian' as const;

/** Every purpose a `consent` event may carry. */
export const CONSENT_PURPOSES = Object.freeze([
  ...SEPARATE_CONSENTS,
  ...TRACKING_CATEGORIES,
  GUARDIAN_CONSENT,
] as const);
export type ConsentPurpose = (typeof CONSENT_PURPOSES)[number];

/** Values of a `consent` event. */
export const CONSENT_VALUES = Object.freeze(['granted', 'refused', 'withdrawn'] as const);
export type ConsentValue = (typeof CONSENT_VALUES)[number];

/** Runtime capabilities gated by a permission. */
export const CAPABILITIES = Object.freeze(['camera', 'location', 'bluetooth'] as const);
export type Capability = (typeof CAPABILITIES)[number];

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

interface EventBase {
  /** Client-made unique id (idempotency key of the event). */
  id: string;
  /** Policy version in force when the decision was taken. */
  policyVersion: number;
  /** Random id made on first run; never a hardware identifier. */
  deviceId: string;
  /** Device clock, ISO-8601 UTC; display only (the server orders by its own sequence). */
  occurredAt: string;
  source: EventSource;
}

export interface PolicyEvent extends EventBase {
  kind: 'policy';
  purpose: 'policy';
  value: PolicyValue;
}
export interface ConsentEvent extends EventBase {
  kind: 'consent';
  purpose: ConsentPurpose;
  value: ConsentValue;
}
export interface PermissionEvent extends EventBase {
  kind: 'permission';
  purpose: Capability;
  value: PermissionValue;
}
/** One append-only decision in the authorisation ledger. */
export type LedgerEvent = PolicyEvent | ConsentEvent | PermissionEvent;

/** Purposes allowed for each kind. */
export const PURPOSES_BY_KIND: Readonly<Record<EventKind, readonly string[]>> = Object.freeze({
  policy: Object.freeze(['policy']),
  consent: CONSENT_PURPOSES,
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
  eventIdMaxLength: 64,
  deviceIdMaxLength: 64,
  reasonMaxLength: 500,
  loginCodeMaxLength: 128,
});

export const EVENT_ID_PATTERN = '^[A-Za-z0-9_-]{8,64}$';
export const DEVICE_ID_PATTERN = '^[A-Za-z0-9_-]{8,64}$';

/** Machine-readable error codes carried in `{ error: { code, message } }`. */
export const ERROR_CODES = Object.freeze({
  BAD_REQUEST: 'BAD_REQUEST',
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  FORBIDDEN: 'FORBIDDEN',
  NOT_FOUND: 'NOT_FOUND',
  CONFLICT: 'CONFLICT',
  ACCOUNT_DELETED: 'ACCOUNT_DELETED',
  PAYLOAD_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  UNSUPPORTED_MEDIA_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  IDEMPOTENCY_KEY_REUSED: 'IDEMPOTENCY_KEY_REUSED',
  LOGIN_FAILED: 'LOGIN_FAILED',
  WECHAT_UNAVAILABLE: 'WECHAT_UNAVAILABLE',
  RATE_LIMITED: 'RATE_LIMITED',
  SERVICE_UNAVAILABLE: 'SERVICE_UNAVAILABLE',
  INTERNAL: 'INTERNAL',
} as const);
export type ErrorCode = keyof typeof ERROR_CODES;

export interface ErrorBody {
  error: { code: ErrorCode; message: string; completedAt?: string };
}

export interface LoginRequest { code: string }
export interface LoginResponse { token: string; userId: string; expiresAt: string }

export type Lang = 'zh' | 'en';
export const LANGS: readonly Lang[] = Object.freeze(['zh', 'en']);

/** Answer of GET /v1/policy/current and /v1/policy/versions/:version. */
export interface PolicyVersionResponse {
  version: number;
  lastMaterialVersion: number;
  effectiveAt: string;
  material: boolean;
  summary: string;
  changedSections: string[];
  contentHash: string;
  /** Left out with `include=meta`. Shape: `PolicyDocument` (domain/policy.ts). */
  content?: unknown;
}

/** Current decisions derived from the ledger. */
export interface ConsentState {
  policy: { value: PolicyValue; version: number; at: string } | null;
  consents: Partial<Record<ConsentPurpose, { value: ConsentValue; at: string }>>;
  /** Per device id, per capability. */
  permissions: Record<string, Partial<Record<Capability, { value: PermissionValue; at: string }>>>;
}

export interface PostConsentsRequest { events: LedgerEvent[] }
export interface PostConsentsResponse { accepted: number; duplicates: number; state: ConsentState }
export interface GetConsentsResponse { state: ConsentState; events: (LedgerEvent & { seq: number; receivedAt: string })[] }

export const CANCELLATION_STATUSES = Object.freeze(['pending', 'withdrawn', 'processing', 'completed'] as const);
export type CancellationStatus = (typeof CANCELLATION_STATUSES)[number];

export interface CancellationRequest { confirm: true; code: string; reason?: string }
export interface CancellationResponse {
  id: string;
  status: CancellationStatus;
  requestedAt: string;
  coolingOffEndsAt: string;
  deadline: string;
  completedAt?: string | null;
}

export const OPS_ROLES = Object.freeze(['viewer', 'publisher'] as const);
export type OpsRole = (typeof OPS_ROLES)[number];

export const POLICY_STATUSES = Object.freeze(['draft', 'published', 'active', 'retired'] as const);
export type PolicyStatus = (typeof POLICY_STATUSES)[number];

const isIn = (set: readonly string[], v: unknown): boolean => typeof v === 'string' && set.includes(v);
const ID_RE = new RegExp(EVENT_ID_PATTERN);
const DEVICE_RE = new RegExp(DEVICE_ID_PATTERN);

/** Checks an unknown value is a well-formed ledger event; returns the reason when it is not. */
export function ledgerEventProblem(e: unknown): string | null {
  if (typeof e !== 'object' || e === null || Array.isArray(e)) return 'not an object';
  const o = e as Record<string, unknown>;
  const allowed = ['id', 'kind', 'purpose', 'value', 'policyVersion', 'deviceId', 'occurredAt', 'source'];
  const extra = Object.keys(o).find((k) => !allowed.includes(k));
  if (extra) return `unknown field ${extra}`;
  if (typeof o.id !== 'string' || !ID_RE.test(o.id)) return 'id';
  if (!isIn(EVENT_KINDS, o.kind)) return 'kind';
  const kind = o.kind as EventKind;
  if (!isIn(PURPOSES_BY_KIND[kind], o.purpose)) return 'purpose';
  if (!isIn(VALUES_BY_KIND[kind], o.value)) return 'value';
  if (typeof o.policyVersion !== 'number' || !Number.isInteger(o.policyVersion) || o.policyVersion < 1) return 'policyVersion';
  if (typeof o.deviceId !== 'string' || !DEVICE_RE.test(o.deviceId)) return 'deviceId';
  if (typeof o.occurredAt !== 'string' || Number.isNaN(Date.parse(o.occurredAt))) return 'occurredAt';
  if (!isIn(EVENT_SOURCES, o.source)) return 'source';
  return null;
}

/** Type guard over `ledgerEventProblem`. */
export function isLedgerEvent(e: unknown): e is LedgerEvent {
  return ledgerEventProblem(e) === null;
}
