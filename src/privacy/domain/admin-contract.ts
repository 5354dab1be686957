/**
 * The ops API's answers (`/v1/admin/*` and the console's `/ops/api/session`), declared once as JSON
 * Schema: the server uses these objects as its Fastify response schemas, and the console takes its
 * types from them (`FromSchema`), so a field renamed on one side fails the other's type check.
 */
import type { FromSchema } from 'json-schema-to-ts';
import { OPS_ROLES, POLICY_STATUSES } from './contract';
import type { PolicyDocument, PolicySection } from './policy';

const str = { type: 'string' } as const;
const int = { type: 'integer' } as const;
const bool = { type: 'boolean' } as const;
const strOrNull = { type: ['string', 'null'] } as const;
const intOrNull = { type: ['integer', 'null'] } as const;
const strings = { type: 'array', items: str } as const;
const role = { type: 'string', enum: OPS_ROLES } as const;
const status = { type: 'string', enum: POLICY_STATUSES } as const;
const localised = { type: 'object', additionalProperties: false, required: ['zh', 'en'], properties: { zh: str, en: str } } as const;
/** A JSON object passed through as stored (a policy document, a section, audit details). */
const passThrough = { type: 'object', additionalProperties: true } as const;

/** `GET|POST /ops/api/session`: who is signed in, and the CSRF token for state-changing calls. */
export const consoleSessionSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['name', 'role', 'expiresAt', 'csrfToken'],
  properties: { name: str, role, expiresAt: str, csrfToken: str },
} as const;

/** `DELETE /ops/api/session`. */
export const signOutSchema = { type: 'object', additionalProperties: false, required: ['signedOut'], properties: { signedOut: bool } } as const;

/** A policy version without its content. */
export const versionMetaSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['version', 'status', 'material', 'summary', 'contentHash', 'changedSections', 'createdBy', 'createdAt', 'updatedAt', 'publishedBy', 'publishedAt', 'effectiveAt'],
  properties: {
    version: int,
    status,
    material: bool,
    summary: { anyOf: [{ type: 'null' }, localised] },
    contentHash: str,
    changedSections: strings,
    createdBy: str,
    createdAt: str,
    updatedAt: str,
    publishedBy: strOrNull,
    publishedAt: strOrNull,
    effectiveAt: strOrNull,
  },
} as const;

/** A scheduled (or past) activation. */
export const activationSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['version', 'effectiveAt', 'createdBy'],
  properties: { version: int, effectiveAt: str, createdBy: str },
} as const;

/** `GET /v1/admin/policies`. */
export const versionListSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['versions', 'scheduled'],
  properties: { versions: { type: 'array', items: versionMetaSchema }, scheduled: { type: 'array', items: activationSchema } },
} as const;

/** `GET /v1/admin/policies/:version`: the meta and the whole document. */
export const versionDetailSchema = {
  ...versionMetaSchema,
  required: [...versionMetaSchema.required, 'content'],
  properties: { ...versionMetaSchema.properties, content: passThrough },
} as const;

/** `POST|PUT /v1/admin/policies[/:version]`: the draft and the importer's notes. */
export const draftAnswerSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['version', 'status', 'warnings'],
  properties: { version: int, status, warnings: strings },
} as const;

/** `POST /v1/admin/policies/:version/activate`. */
export const activationAnswerSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['version', 'effectiveAt', 'scheduled'],
  properties: { version: int, effectiveAt: str, scheduled: bool },
} as const;

/** `GET /v1/admin/activations`: the whole activation history, oldest first. */
export const activationHistorySchema = {
  type: 'object',
  additionalProperties: false,
  required: ['activations'],
  properties: { activations: { type: 'array', items: activationSchema } },
} as const;

/** The flags a cancellation request carries against its deadline. */
export const CANCELLATION_FLAGS = Object.freeze(['ok', 'near-deadline', 'overdue', 'completed-late'] as const);

/** `GET /v1/admin/stats`. */
export const statsSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['users', 'acceptanceByVersion', 'acceptanceTimeline', 'consentsByPurpose', 'permissionOutcomes', 'calendar', 'deadlineRule', 'cancellations'],
  properties: {
    users: int,
    acceptanceByVersion: {
      type: 'array',
      items: { type: 'object', additionalProperties: false, required: ['version', 'accepted', 'refused'], properties: { version: int, accepted: int, refused: int } },
    },
    acceptanceTimeline: {
      type: 'array',
      description: 'Shoppers who accepted each version, per day (China time) the server received the acceptance; oldest day first',
      items: { type: 'object', additionalProperties: false, required: ['day', 'version', 'accepted'], properties: { day: str, version: int, accepted: int } },
    },
    consentsByPurpose: {
      type: 'array',
      items: { type: 'object', additionalProperties: false, required: ['purpose', 'value', 'users'], properties: { purpose: str, value: str, users: int } },
    },
    permissionOutcomes: {
      type: 'array',
      items: { type: 'object', additionalProperties: false, required: ['capability', 'value', 'devices'], properties: { capability: str, value: str, devices: int } },
    },
    calendar: {
      type: 'object',
      additionalProperties: false,
      description: "China's working-day calendar: each year's status and source; years a deadline reaches without an official notice, counted on the safe side",
      required: ['years', 'notOfficial', 'warnings'],
      properties: {
        years: { type: 'array', items: { type: 'object', additionalProperties: false, required: ['year', 'status', 'source'], properties: { year: int, status: str, source: str } } },
        notOfficial: { type: 'array', items: int },
        warnings: strings,
      },
    },
    deadlineRule: {
      type: 'object',
      additionalProperties: false,
      required: ['calendarDays', 'regulatorWorkingDays', 'source'],
      properties: {
        calendarDays: int,
        regulatorWorkingDays: int,
        source: { type: 'object', additionalProperties: false, required: ['sectionId', 'zh', 'en'], properties: { sectionId: str, zh: str, en: str } },
      },
    },
    cancellations: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['id', 'status', 'requestedAt', 'coolingOffEndsAt', 'deadline', 'completedAt', 'flag'],
        properties: { id: str, status: str, requestedAt: str, coolingOffEndsAt: str, deadline: str, completedAt: strOrNull, flag: { type: 'string', enum: CANCELLATION_FLAGS } },
      },
    },
  },
} as const;

/** Every action the audit log records (`audit_log.action`); the console reads each as a sentence. */
export const AUDIT_ACTIONS = Object.freeze([
  'policy.seed',
  'policy.draft.create',
  'policy.draft.update',
  'policy.publish',
  'policy.publish.override',
  'policy.activate',
  'lists.update',
  'privacy-guide.filed',
  'request.decide',
  'token.create',
  'token.revoke',
  'console.sign-in',
  'console.sign-out',
  'console.sign-in.failed',
] as const);

/** Why a console sign-in was refused, as its audit entry says (never the token itself). */
export const SIGN_IN_FAILURES = Object.freeze(['unknown', 'expired', 'revoked'] as const);

/** A day on China's calendar, `YYYY-MM-DD` (the audit filter's `from` and `to`). */
export const CHINA_DATE_PATTERN = '^[0-9]{4}-[0-9]{2}-[0-9]{2}$';
/** Who an audit filter names: a token's name (`alice`), with or without `ops:`, or `system` / `cli` / `anonymous`. */
export const AUDIT_ACTOR_PATTERN = '^(ops:)?[A-Za-z0-9 ._-]{1,64}$';

/** The audit log's filters, shared by `GET /v1/admin/audit` and its CSV export (unknown parameters are refused). */
export const auditFilterProperties = {
  action: { type: 'string', enum: AUDIT_ACTIONS, description: 'Only entries of this action' },
  actor: { type: 'string', pattern: AUDIT_ACTOR_PATTERN, description: 'Only entries by this actor: an ops token name (with or without `ops:`), `system`, `cli` or `anonymous` (failed sign-ins)' },
  from: { type: 'string', pattern: CHINA_DATE_PATTERN, description: 'First day, China time (YYYY-MM-DD), inclusive' },
  to: { type: 'string', pattern: CHINA_DATE_PATTERN, description: 'Last day, China time (YYYY-MM-DD), inclusive; not before `from`' },
} as const;

/** `GET /v1/admin/audit`, newest first. */
export const auditPageSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['entries'],
  properties: {
    entries: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['id', 'at', 'actor', 'actorId', 'action', 'target', 'details'],
        properties: { id: int, at: str, actor: str, actorId: strOrNull, action: str, target: strOrNull, details: passThrough },
      },
    },
  },
} as const;

/** What an ops token may be named (`POST /v1/admin/tokens`). */
export const TOKEN_NAME_PATTERN = '^[A-Za-z0-9 ._-]{1,64}$';

/** An ops token as listed (never its secret). */
export const tokenViewSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['id', 'name', 'role', 'createdBy', 'createdAt', 'expiresAt', 'revokedAt'],
  properties: { id: str, name: str, role, createdBy: str, createdAt: str, expiresAt: str, revokedAt: strOrNull },
} as const;

/** `GET /v1/admin/tokens`. */
export const tokenListSchema = { type: 'object', additionalProperties: false, required: ['tokens'], properties: { tokens: { type: 'array', items: tokenViewSchema } } } as const;

/** `POST /v1/admin/tokens`: the new token with its secret, shown once. */
export const tokenCreatedSchema = {
  ...tokenViewSchema,
  required: [...tokenViewSchema.required, 'token'],
  properties: { ...tokenViewSchema.properties, token: str },
} as const;

/** `DELETE /v1/admin/tokens/:id`. */
export const tokenRevokedSchema = { type: 'object', additionalProperties: false, required: ['id', 'revoked'], properties: { id: str, revoked: bool } } as const;

/** Where a version's list comes from: saved for it, inherited from an earlier version, or the app's bundled copy. */
export const LIST_SOURCES = Object.freeze(['stored', 'inherited', 'bundled'] as const);

/** One of the two lists of a version. */
export const listViewSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['kind', 'items', 'source', 'fromVersion', 'updatedBy', 'updatedAt'],
  properties: {
    kind: { type: 'string', enum: ['collection', 'sharing', 'consents'] },
    items: { type: 'array', items: passThrough },
    source: { type: 'string', enum: LIST_SOURCES },
    fromVersion: intOrNull,
    updatedBy: strOrNull,
    updatedAt: strOrNull,
  },
} as const;

/** `GET /v1/admin/lists/:version`. */
export const versionListsSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['version', 'editable', 'collection', 'sharing'],
  /** `consents`: the separate consents' texts of the version (edited as a list of `ConsentCatalogueEntry`). */
  properties: { version: int, editable: bool, collection: listViewSchema, sharing: listViewSchema, consents: listViewSchema },
} as const;

/** A change that makes a version material, or a declared compliance gap: a stable code and where. */
const contentFindingSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['code', 'where'],
  properties: {
    code: str,
    /** `consents.<purpose>` (with the field for gaps: `.retention`, `.disclosure.recipients[0]`), `collection.<id>` or `sharing.<id>`. */
    where: str,
  },
} as const;

/** `GET /v1/admin/policies/:version/findings`: what publishing the version meets. */
export const publishFindingsSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['version', 'against', 'materialChanges', 'gaps'],
  properties: {
    version: int,
    against: { ...intOrNull, description: 'The newest published version before it, compared with' },
    materialChanges: { type: 'array', items: contentFindingSchema },
    gaps: { type: 'array', items: contentFindingSchema },
  },
} as const;

const sectionSide = { anyOf: [{ type: 'null' }, passThrough] } as const;
const sides = { type: 'object', additionalProperties: false, required: ['zh', 'en'], properties: { zh: sectionSide, en: sectionSide } } as const;

/** `GET /v1/admin/policies/:version/diff`: section by section against another version. */
export const versionDiffSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['version', 'against', 'sections'],
  properties: {
    version: int,
    against: intOrNull,
    sections: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['id', 'status', 'before', 'after'],
        properties: { id: str, status: { type: 'string', enum: ['added', 'removed', 'changed', 'unchanged'] }, before: sides, after: sides },
      },
    },
  },
} as const;

/** `GET /v1/admin/privacy-guide`: the checklist to file in WeChat's admin console and its changes since the last filing. */
const localisedOrNull = { type: ['object', 'null'], additionalProperties: false, required: ['zh', 'en'], properties: { zh: str, en: str } } as const;

/**
 * The checklist for Douyin's 《小程序用户隐私保护协议》, derived from the same app description and
 * collection list as WeChat's (`douyinAgreement` in `@maison/privacy/config`).
 */
export const douyinAgreementSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['items', 'contact', 'steps'],
  properties: {
    /** One "添加信息类型" each: Douyin's type (null where Douyin lists none, `note` says what to do). */
    items: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['infoType', 'label', 'wechatDataTypes', 'purposes', 'features', 'capabilities', 'ttApis', 'collectionRows', 'note'],
        properties: {
          infoType: { type: ['string', 'null'] },
          label: localised,
          wechatDataTypes: strings,
          purposes: { type: 'array', items: localised },
          features: { type: 'array', items: { type: 'object', additionalProperties: false, required: ['id', 'name'], properties: { id: str, name: localised } } },
          capabilities: strings,
          ttApis: strings,
          collectionRows: strings,
          note: localisedOrNull,
        },
      },
    },
    /** The developer contact (e-mail, mobile, landline) read from the collector's contact; `gap` when it has none. */
    contact: {
      type: 'object',
      additionalProperties: false,
      required: ['source', 'emails', 'mobiles', 'landlines', 'gap'],
      properties: { source: localised, emails: strings, mobiles: strings, landlines: strings, gap: localisedOrNull },
    },
    steps: { type: 'array', items: localised },
  },
} as const;

export const privacyGuideSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['items', 'collected', 'owner', 'lastFiling', 'changes', 'douyin'],
  properties: {
    /** Douyin's agreement checklist, beside WeChat's guide (added; every other field unchanged). */
    douyin: douyinAgreementSchema,
    /** Data the app collects itself (collection-list rows no runtime permission covers), declared beside the APIs. */
    collected: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['row', 'category', 'items', 'purpose', 'retention'],
        properties: { row: str, category: localised, items: localised, purpose: localised, retention: { type: ['object', 'null'], additionalProperties: false, required: ['zh', 'en'], properties: { zh: str, en: str } } },
      },
    },
    /** WeChat's collector settings: contact, notice method, storage period (and the rows whose period differs). */
    owner: {
      type: 'object',
      additionalProperties: false,
      required: ['contact', 'noticeMethod', 'storePeriod', 'storePeriodExceptions'],
      properties: {
        contact: localised,
        noticeMethod: localised,
        storePeriod: { type: ['object', 'null'], additionalProperties: false, required: ['zh', 'en'], properties: { zh: str, en: str } },
        storePeriodExceptions: strings,
      },
    },
    items: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['dataType', 'label', 'gatedApis', 'purposes', 'capabilities'],
        properties: { dataType: str, label: localised, gatedApis: strings, purposes: { type: 'array', items: localised }, capabilities: strings },
      },
    },
    // Nullable by type, not anyOf: the serialiser picks an anyOf branch by validating the stored row, which carries more fields.
    lastFiling: { type: ['object', 'null'], additionalProperties: false, required: ['id', 'policyVersion', 'filedBy', 'filedAt'], properties: { id: int, policyVersion: intOrNull, filedBy: str, filedAt: str } },
    changes: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['dataType', 'change', 'apisAdded', 'apisRemoved', 'purposesChanged'],
        properties: { dataType: str, change: { type: 'string', enum: ['added', 'removed', 'changed'] }, apisAdded: strings, apisRemoved: strings, purposesChanged: bool },
      },
    },
  },
} as const;

/** `POST /v1/admin/privacy-guide/filings`. */
export const filingAnswerSchema = { type: 'object', additionalProperties: false, required: ['id', 'policyVersion'], properties: { id: int, policyVersion: int } } as const;

export type ConsoleSession = FromSchema<typeof consoleSessionSchema>;
export type SignOutAnswer = FromSchema<typeof signOutSchema>;
export type VersionMeta = FromSchema<typeof versionMetaSchema>;
export type VersionList = FromSchema<typeof versionListSchema>;
/** The document is passed through as stored; the server stores only documents that passed `policyDocumentProblems`. */
export type VersionDetail = Omit<FromSchema<typeof versionDetailSchema>, 'content'> & { content: PolicyDocument };
export type DraftAnswer = FromSchema<typeof draftAnswerSchema>;
export type ActivationAnswer = FromSchema<typeof activationAnswerSchema>;
export type ActivationHistory = FromSchema<typeof activationHistorySchema>;
export type AdminStats = FromSchema<typeof statsSchema>;
export type CancellationFlag = (typeof CANCELLATION_FLAGS)[number];
export type AuditPage = FromSchema<typeof auditPageSchema>;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];
export type SignInFailure = (typeof SIGN_IN_FAILURES)[number];
/** The audit log's filters as the console sends them. */
export type AuditFilter = { action?: AuditAction; actor?: string; from?: string; to?: string };
export type TokenView = FromSchema<typeof tokenViewSchema>;
export type TokenList = FromSchema<typeof tokenListSchema>;
export type TokenCreated = FromSchema<typeof tokenCreatedSchema>;
export type TokenRevoked = FromSchema<typeof tokenRevokedSchema>;
export type ListView = FromSchema<typeof listViewSchema>;
export type VersionLists = FromSchema<typeof versionListsSchema>;
export type PublishFindings = FromSchema<typeof publishFindingsSchema>;
type DiffSides = Record<'zh' | 'en', PolicySection | null>;
type RawSectionDiff = FromSchema<typeof versionDiffSchema>['sections'][number];
/** One section of a diff; each side is the section as stored in that version, or null. */
export type SectionDiff = Omit<RawSectionDiff, 'before' | 'after'> & { before: DiffSides; after: DiffSides };
export type VersionDiff = Omit<FromSchema<typeof versionDiffSchema>, 'sections'> & { sections: SectionDiff[] };
export type PrivacyGuide = FromSchema<typeof privacyGuideSchema>;
export type DouyinAgreementAnswer = FromSchema<typeof douyinAgreementSchema>;
export type FilingAnswer = FromSchema<typeof filingAnswerSchema>;
