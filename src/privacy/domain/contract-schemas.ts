/**
 * The shopper API's shapes, each defined once as a JSON Schema object. The server validates
 * requests, serialises answers and writes its OpenAPI document from these objects; the client's
 * TypeScript types are derived from the same objects (`FromSchema` in contract.ts, types only, so
 * nothing of json-schema-to-ts reaches the mini-program bundle). Every object schema is closed
 * (`additionalProperties: false`) so the derived type is exact.
 */
import {
  CANCELLATION_STATUSES,
  CAPABILITIES,
  PURPOSE_PATTERN,
  CONSENT_VALUES,
  DEVICE_ID_PATTERN,
  ERROR_CODE_LIST,
  EVENT_ID_PATTERN,
  EVENT_SOURCES,
  LIMITS,
  PERMISSION_VALUES,
  POLICY_VALUES,
  RIGHTS_REQUEST_OUTCOMES,
  RIGHTS_REQUEST_STATUSES,
  RIGHTS_REQUEST_TYPES,
  SIGN_OUT_SCOPES,
  TEXT_HASH_PATTERN,
} from './contract';
import { LIST_ITEM_ID_PATTERN } from './lists';

/** `{ [k in keys]: schema }`, typed so that a schema derived from it lists every key. */
function keyed<K extends string, S>(keys: readonly K[], schema: S): { readonly [P in K]: S } {
  return Object.freeze(Object.fromEntries(keys.map((k) => [k, schema]))) as { readonly [P in K]: S };
}

/**
 * A time a client sends: RFC 3339, years 2000–2099. PostgreSQL refuses year 0 and JavaScript
 * parses years past 275,760 as invalid, so a wider "valid" date would fail in the database.
 */
export const clientTimeSchema = { type: 'string', format: 'date-time', maxLength: 40, pattern: '^20[0-9]{2}-' } as const;
/** Free text a person types (a cancellation reason): no control characters but tab and line breaks. */
export const FREE_TEXT_PATTERN = '^[^\\u0000-\\u0008\\u000b\\u000c\\u000e-\\u001f\\u007f-\\u009f]*$';
/** A one-use `wx.login` code (re-authentication for sign-in, cancellation and its undo). */
export const loginCodeSchema = { type: 'string', minLength: 1, maxLength: LIMITS.loginCodeMaxLength, pattern: '^[\\x21-\\x7e]+$' } as const;
const serverTime = { type: 'string', format: 'date-time' } as const;

/** A mainland China mobile number, with or without +86 (the SMS port sends it as +86…). */
export const GUARDIAN_PHONE_PATTERN = '^(\\+86)?1[3-9][0-9]{9}$';
/** The six digits sent to the guardian. */
export const GUARDIAN_CODE_PATTERN = '^[0-9]{6}$';
/** A verified confirmation's proof: its id and a keyed MAC of it. */
export const GUARDIAN_PROOF_PATTERN = '^[0-9a-f-]{36}\\.[0-9a-f]{64}$';

/** `{ error: { code, message, completedAt? } }`. */
export const errorBodySchema = {
  type: 'object',
  additionalProperties: false,
  required: ['error'],
  properties: {
    error: {
      type: 'object',
      additionalProperties: false,
      required: ['code', 'message'],
      properties: {
        code: { type: 'string', enum: ERROR_CODE_LIST },
        message: { type: 'string' },
        /** With 410 ACCOUNT_DELETED: when the purge completed. */
        completedAt: serverTime,
        /** With 400 GUARDIAN_CODE_WRONG: tries left on this code. */
        attemptsLeft: { type: 'integer', minimum: 0 },
      },
    },
  },
} as const;

export const loginRequestSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['code'],
  properties: {
    code: loginCodeSchema,
    // A returning member's sign-in: never makes an account (204, no session, when the WeChat user has none).
    existing: { type: 'boolean', description: 'Sign in only to an account that exists: 204 with no body, and nothing stored, when this WeChat user has none' },
    // A 14–17-year-old's registration: the proof of the guardian's confirmation, used once.
    guardianProof: { type: 'string', pattern: GUARDIAN_PROOF_PATTERN, description: "Proof of a guardian's confirmation (POST /v1/guardian-codes/:id/verification); used once, with the account it makes" },
    // The mini-program the code comes from: left out by WeChat builds, so every earlier client keeps working.
    platform: { type: 'string', enum: ['weapp', 'tt'], description: "Where the login code comes from: 'weapp' (wx.login, the default) or 'tt' (tt.login); a Douyin account is not a WeChat account" },
  },
} as const;


export const guardianCodeRequestSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['deviceId', 'phone'],
  properties: {
    deviceId: { type: 'string', pattern: DEVICE_ID_PATTERN },
    phone: { type: 'string', pattern: GUARDIAN_PHONE_PATTERN, description: "The guardian's mobile number: the code is sent to it; only a keyed hash of it is kept" },
  },
} as const;

export const guardianCodeResponseSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['id', 'expiresAt', 'resendAt'],
  properties: {
    id: { type: 'string', format: 'uuid' },
    expiresAt: serverTime,
    /** Before this, asking again for the same number from the same device answers this code again (no second SMS). */
    resendAt: serverTime,
  },
} as const;

export const guardianVerificationRequestSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['deviceId', 'code'],
  properties: { deviceId: { type: 'string', pattern: DEVICE_ID_PATTERN }, code: { type: 'string', pattern: GUARDIAN_CODE_PATTERN } },
} as const;

export const guardianVerificationResponseSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['proof', 'expiresAt'],
  properties: { proof: { type: 'string', pattern: GUARDIAN_PROOF_PATTERN }, expiresAt: serverTime },
} as const;

export const loginResponseSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['token', 'userId', 'expiresAt'],
  properties: { token: { type: 'string' }, userId: { type: 'string' }, expiresAt: serverTime },
} as const;

export const signOutRequestSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['scope'],
  properties: {
    scope: { type: 'string', enum: SIGN_OUT_SCOPES },
    // A sign-out made offline reaches the server later: sessions made after it stay.
    signedOutAt: { ...clientTimeSchema, description: 'When the shopper signed out, if earlier than now (sent after being offline)' },
  },
} as const;

export const signOutResponseSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['revoked'],
  properties: { revoked: { type: 'integer', minimum: 0 } },
} as const;

const eventFields = {
  /** Client-made unique id (idempotency key of the event). */
  id: { type: 'string', pattern: EVENT_ID_PATTERN },
  /** Policy version in force when the decision was taken. */
  policyVersion: { type: 'integer', minimum: 1, maximum: 2147483647 },
  /** Random id made on first run; never a hardware identifier. */
  deviceId: { type: 'string', pattern: DEVICE_ID_PATTERN },
  /** Device clock, ISO-8601 UTC; display only (the server orders by its own sequence). */
  occurredAt: clientTimeSchema,
  source: { type: 'string', enum: EVENT_SOURCES },
} as const;
const EVENT_REQUIRED = ['id', 'kind', 'purpose', 'value', 'policyVersion', 'deviceId', 'occurredAt', 'source'] as const;

// The kind first in each variant: Ajv checks properties in this order and stops at the first
// error, so the variants of `oneOf` that cannot match fail at once instead of after every check.
export const policyEventSchema = {
  type: 'object',
  additionalProperties: false,
  required: EVENT_REQUIRED,
  properties: { kind: { type: 'string', const: 'policy' }, purpose: { type: 'string', const: 'policy' }, value: { type: 'string', enum: POLICY_VALUES }, ...eventFields },
} as const;
export const consentEventSchema = {
  type: 'object',
  additionalProperties: false,
  required: EVENT_REQUIRED,
  properties: {
    kind: { type: 'string', const: 'consent' },
    purpose: { type: 'string', pattern: PURPOSE_PATTERN },
    value: { type: 'string', enum: CONSENT_VALUES },
    ...eventFields,
    /**
     * Optional: the hash of the consent text the shopper answered (`consentTextHash`, served as
     * `consentHashes` with the version's lists). The server refuses one that is not the hash of a
     * text it published; events without it (older clients, withdrawals) are stored without it.
     */
    textHash: { type: 'string', pattern: TEXT_HASH_PATTERN },
  },
} as const;
export const permissionEventSchema = {
  type: 'object',
  additionalProperties: false,
  required: EVENT_REQUIRED,
  properties: { kind: { type: 'string', const: 'permission' }, purpose: { type: 'string', enum: CAPABILITIES }, value: { type: 'string', enum: PERMISSION_VALUES }, ...eventFields },
} as const;

/** One append-only decision in the authorisation ledger: the purpose and value sets depend on the kind. */
export const ledgerEventSchema = { oneOf: [policyEventSchema, consentEventSchema, permissionEventSchema] } as const;

const receipt = { seq: { type: 'integer' }, receivedAt: serverTime } as const;
const RECEIPT_REQUIRED = [...EVENT_REQUIRED, 'seq', 'receivedAt'] as const;
/** A ledger event as the server returns it, with its sequence and receive time. */
export const storedEventSchema = {
  oneOf: [
    { ...policyEventSchema, required: RECEIPT_REQUIRED, properties: { ...policyEventSchema.properties, ...receipt } },
    { ...consentEventSchema, required: RECEIPT_REQUIRED, properties: { ...consentEventSchema.properties, ...receipt } },
    { ...permissionEventSchema, required: RECEIPT_REQUIRED, properties: { ...permissionEventSchema.properties, ...receipt } },
  ],
} as const;

const decision = <V extends readonly string[]>(values: V) =>
  ({ type: 'object', additionalProperties: false, required: ['value', 'at'], properties: { value: { type: 'string', enum: values }, at: serverTime } }) as const;

/** The current decisions derived from the ledger (`reduceLedger`). */
export const consentStateSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['policy', 'consents', 'permissions'],
  properties: {
    policy: {
      anyOf: [
        { type: 'null' },
        {
          type: 'object',
          additionalProperties: false,
          required: ['value', 'version', 'at'],
          properties: { value: { type: 'string', enum: POLICY_VALUES }, version: { type: 'integer' }, at: serverTime },
        },
      ],
    },
    /** Per consent purpose the app declares (keys match PURPOSE_PATTERN; the server stores no other). */
    consents: { type: 'object', additionalProperties: decision(CONSENT_VALUES) },
    /** Per device id, per capability. */
    permissions: {
      type: 'object',
      additionalProperties: { type: 'object', additionalProperties: false, properties: keyed(CAPABILITIES, decision(PERMISSION_VALUES)) },
    },
  },
} as const;

export const postConsentsRequestSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['events'],
  properties: { events: { type: 'array', minItems: 1, maxItems: LIMITS.eventsPerBatch, items: ledgerEventSchema } },
} as const;

export const postConsentsResponseSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['accepted', 'duplicates', 'state'],
  properties: { accepted: { type: 'integer' }, duplicates: { type: 'integer' }, state: consentStateSchema },
} as const;

/** `GET /v1/me/consents?after=&limit=`: events with `seq` above `after` (none: from the start), at most `limit`. */
export const getConsentsQuerySchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    after: { type: 'integer', minimum: 0, maximum: Number.MAX_SAFE_INTEGER, default: 0 },
    limit: { type: 'integer', minimum: 1, maximum: LIMITS.eventsPerPage, default: LIMITS.eventsPerPage },
  },
} as const;

/**
 * One page of the history, in server order, with the whole current state. `next` is the `after`
 * of the following page; null on the last one.
 */
export const getConsentsResponseSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['state', 'events', 'next'],
  properties: {
    state: consentStateSchema,
    events: { type: 'array', maxItems: LIMITS.eventsPerPage, items: storedEventSchema },
    next: { anyOf: [{ type: 'integer' }, { type: 'null' }] },
  },
} as const;

/** The sentences a version adds or rewords, per changed section (`changedSentences`). */
const sectionChangesSchema = {
  type: 'array',
  items: {
    type: 'object',
    additionalProperties: false,
    required: ['section', 'sentences'],
    properties: { section: { type: 'string' }, sentences: { type: 'array', items: { type: 'string' } } },
  },
} as const;

/** Answer of GET /v1/policy/current and /v1/policy/versions/:version. */
export const policyVersionResponseSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['version', 'lastMaterialVersion', 'effectiveAt', 'material', 'summary', 'changedSections', 'contentHash'],
  properties: {
    version: { type: 'integer' },
    lastMaterialVersion: { type: 'integer' },
    effectiveAt: serverTime,
    material: { type: 'boolean' },
    summary: { type: 'string' },
    changedSections: { type: 'array', items: { type: 'string' } },
    /**
     * The sentences this version adds or rewords in its changed sections, in the language asked
     * for (against the version published before it; at most 20): what the re-consent sheet highlights.
     */
    changes: sectionChangesSchema,
    contentHash: { type: 'string' },
    /**
     * A material version scheduled to take effect later (advance notice): its number, when it takes
     * effect, its summary in the language asked for, and what it changes.
     */
    upcoming: {
      type: 'object',
      additionalProperties: false,
      required: ['version', 'effectiveAt', 'summary', 'changedSections'],
      properties: {
        version: { type: 'integer' },
        effectiveAt: serverTime,
        summary: { type: 'string' },
        changedSections: { type: 'array', items: { type: 'string' } },
        changes: sectionChangesSchema,
      },
    },
    /** Where this version's lists and separate consents' texts are served, and their content hash (changes when they do). */
    lists: {
      type: 'object',
      additionalProperties: false,
      required: ['url', 'contentHash'],
      properties: { url: { type: 'string' }, contentHash: { type: 'string' } },
    },
    /** Left out with `include=meta`. A `PolicyDocument`, checked in depth by the policy schema check. */
    content: { description: 'The policy document (PolicyDocument); left out with include=meta' },
  },
} as const;

/**
 * `GET /v1/policy/current/lists` and `/v1/policy/versions/:version/lists`: what the version carries
 * beside its text, in both languages. `collection` and `sharing` are the two lists (`CollectionItem`,
 * `SharingItem`), `consents` the separate consents' texts (`ConsentCatalogueEntry`), each checked in
 * depth by the module's checks; `consentHashes` gives each consent's `consentTextHash` by purpose.
 */
export const versionListsResponseSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['version', 'contentHash', 'collection', 'sharing', 'consents', 'consentHashes'],
  properties: {
    version: { type: 'integer' },
    contentHash: { type: 'string' },
    collection: { type: 'array', items: { type: 'object', additionalProperties: true, description: 'CollectionItem' } },
    sharing: { type: 'array', items: { type: 'object', additionalProperties: true, description: 'SharingItem' } },
    consents: { type: 'array', items: { type: 'object', additionalProperties: true, description: 'ConsentCatalogueEntry' } },
    consentHashes: { type: 'object', additionalProperties: { type: 'string' } },
  },
} as const;

export const cancellationRequestSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['confirm', 'code'],
  properties: {
    confirm: { type: 'boolean', const: true },
    code: loginCodeSchema,
    reason: { type: 'string', maxLength: LIMITS.reasonMaxLength, pattern: FREE_TEXT_PATTERN },
  },
} as const;

/** Undoing a pending request takes a fresh login code, as asking for it does. */
export const cancellationWithdrawalRequestSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['code'],
  properties: { code: loginCodeSchema },
} as const;

/**
 * What a cancellation asked now would be given (GET /v1/cancellation/terms), shown before the
 * shopper asks: the cooling-off period during which it can be undone, and the promised deadline.
 */
export const cancellationTermsSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['coolingOffSeconds', 'deadlineDays', 'deadlineWorkingDaysCap'],
  properties: {
    coolingOffSeconds: { type: 'integer', minimum: 0, description: 'Length of the cooling-off period (undo possible), in seconds' },
    deadlineDays: { type: 'integer', minimum: 1, description: 'Calendar days within which the cancellation is completed (the shop\'s promise)' },
    deadlineWorkingDaysCap: { type: 'integer', minimum: 1, description: 'Working days (China\'s calendar) the deadline never passes' },
  },
} as const;

/** A cancellation request as the shopper sees it. */
export const cancellationResponseSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['id', 'status', 'requestedAt', 'coolingOffEndsAt', 'deadline'],
  properties: {
    id: { type: 'string' },
    status: { type: 'string', enum: CANCELLATION_STATUSES },
    requestedAt: serverTime,
    coolingOffEndsAt: serverTime,
    deadline: serverTime,
    completedAt: { anyOf: [serverTime, { type: 'null' }] },
  },
} as const;

const requestText = { type: 'string', minLength: 1, maxLength: LIMITS.requestDetailsMaxLength, pattern: FREE_TEXT_PATTERN } as const;
/** A collection-list row id. */
const categoryIdSchema = { type: 'string', pattern: LIST_ITEM_ID_PATTERN } as const;

/** Body of POST /v1/me/requests. Which types need `details`, `categories` or `code` is checked by the route. */
export const rightsRequestCreateSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['type'],
  properties: {
    type: { type: 'string', enum: RIGHTS_REQUEST_TYPES },
    details: requestText,
    categories: { type: 'array', items: categoryIdSchema, minItems: 1, maxItems: LIMITS.requestCategoriesMax, uniqueItems: true },
    code: loginCodeSchema,
  },
} as const;

/** Answer of POST /v1/me/requests (202). */
export const rightsRequestReceiptSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['id', 'type', 'status', 'receivedAt', 'deadline'],
  properties: {
    id: { type: 'string' },
    type: { type: 'string', enum: RIGHTS_REQUEST_TYPES },
    /** `fulfilled` when the server could act at once (its own profile data, data whose only basis was a withdrawn consent, the export). */
    status: { type: 'string', enum: ['received', 'fulfilled'] },
    receivedAt: serverTime,
    deadline: serverTime,
    /** For a fulfilled copy or portability request: where the export file is (`GET`, with the session). */
    file: { type: 'string' },
  },
} as const;

/** A rights request as its shopper sees it. */
export const rightsRequestSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['id', 'type', 'status', 'receivedAt', 'deadline', 'categories', 'details'],
  properties: {
    id: { type: 'string' },
    type: { type: 'string', enum: RIGHTS_REQUEST_TYPES },
    status: { type: 'string', enum: RIGHTS_REQUEST_STATUSES },
    receivedAt: serverTime,
    deadline: serverTime,
    categories: { type: 'array', items: { type: 'string' } },
    /** The shopper's own words, or null. */
    details: { anyOf: [{ type: 'string' }, { type: 'null' }] },
    /** When the request was answered or withdrawn. */
    decidedAt: serverTime,
    outcome: { type: 'string', enum: RIGHTS_REQUEST_OUTCOMES },
    /** Why, in both languages: always given for a refusal (PIPL art. 50). */
    reason: { type: 'object', additionalProperties: false, required: ['zh', 'en'], properties: { zh: { type: 'string' }, en: { type: 'string' } } },
    /** For a fulfilled copy or portability request: where the export file is (`GET`, with the session). */
    file: { type: 'string' },
  },
} as const;

/** The profile details the server holds (GET/PUT /v1/me/profile); empty strings when not given. */
export const profileSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['nickname', 'phone', 'updatedAt'],
  properties: {
    nickname: { type: 'string' },
    phone: { type: 'string' },
    updatedAt: { anyOf: [serverTime, { type: 'null' }] },
  },
} as const;

/** Longest nickname the profile keeps. */
export const NICKNAME_MAX_LENGTH = 20;
/** A mainland mobile number, or empty (not given). */
export const PHONE_PATTERN = '^(1[0-9]{10})?$';

/** Body of PUT /v1/me/profile: the whole profile, and a fresh login code (it changes data the server holds). */
export const profileUpdateSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['nickname', 'phone', 'code'],
  properties: {
    nickname: { type: 'string', maxLength: NICKNAME_MAX_LENGTH, pattern: FREE_TEXT_PATTERN },
    phone: { type: 'string', pattern: PHONE_PATTERN },
    code: loginCodeSchema,
  },
} as const;

/** Answer of PUT /v1/me/profile: the profile as stored, and the fulfilled correction request when it changed. */
export const profileUpdateResponseSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['profile', 'request'],
  properties: {
    profile: profileSchema,
    request: { anyOf: [rightsRequestSchema, { type: 'null' }] },
  },
} as const;

/** Answer of GET /v1/me/requests: newest first. */
export const rightsRequestListSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['requests'],
  properties: { requests: { type: 'array', items: rightsRequestSchema } },
} as const;

/** Answer of GET /v1/admin/requests: each request with whose it is (the shopper's user id), earliest deadline first. */
export const opsRightsRequestListSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['requests'],
  properties: {
    requests: {
      type: 'array',
      items: { ...rightsRequestSchema, required: [...rightsRequestSchema.required, 'subject'], properties: { ...rightsRequestSchema.properties, subject: { type: 'string' } } },
    },
  },
} as const;

/** Body of POST /v1/admin/requests/:id/decision. A refusal needs a reason (checked by the route). */
export const rightsRequestDecisionSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['outcome'],
  properties: {
    outcome: { type: 'string', enum: RIGHTS_REQUEST_OUTCOMES },
    reason: { type: 'object', additionalProperties: false, required: ['zh', 'en'], properties: { zh: requestText, en: requestText } },
  },
} as const;

/** Answer of GET /v1/me/export: everything the server holds about the caller. */
const bilingual = { type: 'object', additionalProperties: false, required: ['zh', 'en'], properties: { zh: { type: 'string' }, en: { type: 'string' } } } as const;
/** Why the server holds nothing under a collection-list row. */
export const EXPORT_NOT_HELD_REASONS = Object.freeze(['phone-only', 'used-not-kept', 'not-collected', 'not-on-server'] as const);
/** The export's index by collection-list row (`rows`). */
export const exportRowsSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['held', 'notHeld'],
  properties: {
    /** Rows the server holds data under, each with the JSON Pointers (RFC 6901) of its parts in this file. */
    held: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['id', 'category', 'parts'],
        properties: { id: { type: 'string' }, category: bilingual, parts: { type: 'array', minItems: 1, items: { type: 'string', pattern: '^(/[^/]+)+$' } } },
      },
    },
    /** Rows the server holds nothing under, and why. */
    notHeld: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['id', 'category', 'where', 'why'],
        properties: { id: { type: 'string' }, category: bilingual, where: { type: 'string', enum: EXPORT_NOT_HELD_REASONS }, why: bilingual },
      },
    },
    /** Parts of this file no row of the list covers (a gap of the list, shown to ops). */
    notOnList: { type: 'array', items: { type: 'string', pattern: '^(/[^/]+)+$' } },
  },
} as const;

export const exportResponseSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['schema', 'consentLedgerCsv', 'complete', 'exportedAt', 'profile', 'sessions', 'consents', 'cancellationRequests', 'rightsRequests', 'rows'],
  properties: {
    exportedAt: serverTime,
    profile: {
      type: 'object',
      additionalProperties: false,
      required: ['userId', 'createdAt', 'lastLoginAt'],
      properties: {
        userId: { type: 'string' },
        /**
         * The platform the account signs in with: 'weapp' (WeChat) or 'tt' (Douyin); each platform's
         * users are accounts of their own. Always present in exports made since it was added; not
         * required, so export files made before it stay valid.
         */
        platform: { type: 'string', enum: ['weapp', 'tt'], description: "The login platform of the account: 'weapp' (WeChat) or 'tt' (Douyin)." },
        /** The keyed one-way hash (HMAC-SHA256) the server keeps of the WeChat openid; the openid itself is not stored. Only for a WeChat account (platform 'weapp'). */
        wechatIdHash: { type: 'string', description: "Keyed hash (HMAC-SHA256) of the WeChat openid; only for platform 'weapp'." },
        /** The same keyed hash of the Douyin openid, for a Douyin account (platform 'tt'), which has no WeChat identifier. */
        douyinIdHash: { type: 'string', description: "Keyed hash (HMAC-SHA256) of the Douyin openid; only for platform 'tt', whose export carries no wechatIdHash." },
        createdAt: serverTime,
        lastLoginAt: serverTime,
        /** The profile details the shopper gave (PUT /v1/me/profile); empty strings when not given. */
        nickname: { type: 'string' },
        phone: { type: 'string' },
        profileUpdatedAt: { anyOf: [serverTime, { type: 'null' }] },
      },
    },
    sessions: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['createdAt', 'expiresAt', 'revoked'],
        properties: { createdAt: serverTime, expiresAt: serverTime, revoked: { type: 'boolean' } },
      },
    },
    consents: getConsentsResponseSchema,
    cancellationRequests: {
      type: 'array',
      items: {
        ...cancellationResponseSchema,
        required: [...cancellationResponseSchema.required, 'withdrawnAt', 'reason'],
        properties: {
          ...cancellationResponseSchema.properties,
          withdrawnAt: { anyOf: [serverTime, { type: 'null' }] },
          reason: { anyOf: [{ type: 'string' }, { type: 'null' }] },
        },
      },
    },
    /** The shopper's rights requests at the request desk, newest first. */
    rightsRequests: { type: 'array', items: rightsRequestSchema },
    /**
     * A guardian's confirmation that made this account (14–17): when the code was checked, and the
     * keyed hash the server keeps instead of the guardian's number. Empty for an adult.
     */
    guardianConfirmations: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['confirmedAt', 'phoneHash'],
        properties: { confirmedAt: serverTime, phoneHash: { type: 'string' } },
      },
    },
    /** The adopting app's own records about the shopper (its own routes' data), one list per kind. */
    app: { type: 'object', additionalProperties: { type: 'array', items: { type: 'object' } } },
    /** The JSON Schema this file follows (a URL path on the server that made it). */
    schema: { type: 'string' },
    /** The consent ledger as CSV (a URL path on the same server, with the session). */
    consentLedgerCsv: { type: 'string' },
    /** True only when the file holds all the server keeps about the shopper (the consent history to its end included). */
    complete: { type: 'boolean' },
    /** Every row of the collection list in force: where this file holds its data, or why it holds none. */
    rows: exportRowsSchema,
  },
} as const;
