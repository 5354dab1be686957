import type { ColumnType, Generated } from 'kysely';
import type { LoginPlatform } from '../login/codeExchange';
import type { RightsRequestOutcome, RightsRequestStatus, RightsRequestType } from '@maison/privacy/contract';

type Timestamp = ColumnType<Date | string, Date | string, Date | string>;
type DefaultTimestamp = ColumnType<Date | string, Date | string | undefined, Date | string>;
type Json<T> = ColumnType<T, string, string>;
/** int8 columns come back as string (pg) or bigint (PGlite); read them through `Number()`. */
type Int8 = ColumnType<string | number | bigint, never, never>;

export interface UsersTable {
  id: string;
  subject_hash: string;
  created_at: DefaultTimestamp;
  last_login_at: DefaultTimestamp;
  nickname: Generated<string>;
  phone: Generated<string>;
  profile_updated_at: ColumnType<Date | string | null, Date | string | null | undefined, Date | string | null>;
  /** Where the account signs in: `weapp` (WeChat) or `tt` (Douyin). */
  platform: Generated<LoginPlatform>;
}
export interface SessionsTable {
  token_hash: string;
  user_id: string | null;
  created_at: DefaultTimestamp;
  /** The platform the session was signed in on. */
  platform: Generated<LoginPlatform>;
  expires_at: Timestamp;
  revoked_at: Timestamp | null;
  account_deleted_at: Timestamp | null;
}
export interface PolicyVersionsTable {
  version: number;
  status: 'draft' | 'published';
  content: Json<unknown>;
  content_hash: string;
  material: boolean | null;
  summary: Json<{ zh: string; en: string } | null> | null;
  changed_sections: ColumnType<string[], string | undefined, string>;
  created_by: string;
  created_at: DefaultTimestamp;
  updated_at: DefaultTimestamp;
  published_by: string | null;
  published_at: Timestamp | null;
}
export interface PolicyActivationsTable {
  id: Generated<Int8>;
  version: number;
  effective_at: Timestamp;
  created_by: string;
  created_at: DefaultTimestamp;
}
export interface ConsentEventsTable {
  seq: Generated<Int8>;
  user_id: string | null;
  subject_hash: string | null;
  event_id: string;
  kind: string;
  purpose: string;
  value: string;
  policy_version: number;
  device_id: string;
  occurred_at: Timestamp;
  source: string;
  received_at: DefaultTimestamp;
  /** Hash of the consent text answered (migration 007); null when the client sent none. */
  text_hash: ColumnType<string | null, string | null | undefined, string | null>;
}
/** The latest deciding event per user and key (migration 004), kept by the append statement. */
export interface ConsentStateTable {
  user_id: string;
  kind: string;
  purpose: string;
  device_key: string;
  shown: boolean;
  value: string;
  policy_version: number;
  device_id: string;
  occurred_at: Timestamp;
  seq: Int8;
}
export interface IdempotencyKeysTable {
  user_id: string;
  route: string;
  key: string;
  request_hash: string;
  status_code: number;
  response: Json<unknown>;
  created_at: DefaultTimestamp;
}
export interface CancellationRequestsTable {
  id: string;
  user_id: string | null;
  subject_hash: string | null;
  status: 'pending' | 'withdrawn' | 'processing' | 'completed';
  reason: string | null;
  requested_at: Timestamp;
  cooling_off_ends_at: Timestamp;
  deadline: Timestamp;
  withdrawn_at: Timestamp | null;
  processing_started_at: Timestamp | null;
  completed_at: Timestamp | null;
}
export interface RightsRequestsTable {
  id: string;
  user_id: string;
  type: RightsRequestType;
  status: RightsRequestStatus;
  details: string | null;
  categories: Json<unknown>;
  received_at: Timestamp;
  deadline: Timestamp;
  decided_at: Timestamp | null;
  outcome: RightsRequestOutcome | null;
  reason: ColumnType<unknown, string | null, string | null>;
  decided_by: string | null;
}
/**
 * A deletion notice to the overseas receiver (migration 010): written by the purge, sent by the
 * ReceiverNotifier until the receiver acknowledges it (2xx), then kept as the record.
 */
export interface ReceiverDeletionsTable {
  cancellation_id: string;
  subject_hash: string;
  receiver: string;
  recorded_at: DefaultTimestamp;
  /** Null only on rows recorded before notices were sent (never sent). */
  notification_id: string | null;
  /** The pseudonymous id the receiver knows; null once acknowledged (and on the old rows). */
  receiver_subject: string | null;
  attempts: ColumnType<number, number | undefined, number>;
  next_attempt_at: Timestamp | null;
  last_attempt_at: Timestamp | null;
  last_error: string | null;
  acknowledged_at: Timestamp | null;
  acknowledged_status: number | null;
}
export interface OpsTokensTable {
  id: string;
  name: string;
  role: 'viewer' | 'publisher';
  token_hash: string;
  created_by: string;
  created_at: DefaultTimestamp;
  expires_at: Timestamp;
  revoked_at: Timestamp | null;
}
export interface AuditLogTable {
  id: Generated<Int8>;
  at: DefaultTimestamp;
  actor: string;
  actor_id: string | null;
  action: string;
  target: string | null;
  details: ColumnType<unknown, string | undefined, string>;
  /** Set on coalesced rows only (failed sign-ins, migration 010): the attempts that share the row. */
  coalesce_key: ColumnType<string | null, string | null | undefined, string | null>;
}
/** Warranty registrations of the demo shop (migration 007). */
export interface ShopWarrantiesTable {
  id: string;
  user_id: string;
  serial: string;
  international: boolean;
  registered_at: DefaultTimestamp;
}
/** Products a shopper opened while the personalisation consent held (migration 007). */
/** A guardian's confirmation by SMS code (migration 013): the number only as a keyed hash. */
export interface GuardianConfirmationsTable {
  id: string;
  device_id: string;
  phone_hash: string;
  code_hash: string;
  created_at: DefaultTimestamp;
  expires_at: Timestamp;
  attempts: Generated<number>;
  verified_at: Timestamp | null;
  used_at: Timestamp | null;
  user_id: string | null;
}
export interface ShopProductViewsTable {
  id: Generated<Int8>;
  user_id: string;
  product_id: string;
  viewed_at: DefaultTimestamp;
}
export interface SchemaMigrationsTable {
  name: string;
  applied_at: DefaultTimestamp;
}

/** Every table, as Kysely sees it. */
export interface DB {
  users: UsersTable;
  sessions: SessionsTable;
  policy_versions: PolicyVersionsTable;
  policy_activations: PolicyActivationsTable;
  consent_events: ConsentEventsTable;
  consent_state: ConsentStateTable;
  idempotency_keys: IdempotencyKeysTable;
  cancellation_requests: CancellationRequestsTable;
  rights_requests: RightsRequestsTable;
  receiver_deletions: ReceiverDeletionsTable;
  ops_tokens: OpsTokensTable;
  audit_log: AuditLogTable;
  shop_warranties: ShopWarrantiesTable;
  shop_product_views: ShopProductViewsTable;
  guardian_confirmations: GuardianConfirmationsTable;
  schema_migrations: SchemaMigrationsTable;
}

/** Every table name, for checksums and scans. */
export const TABLE_NAMES = Object.freeze([
  'users',
  'sessions',
  'policy_versions',
  'policy_activations',
  'consent_events',
  'consent_state',
  'idempotency_keys',
  'cancellation_requests',
  'rights_requests',
  'receiver_deletions',
  'ops_tokens',
  'audit_log',
  'ops_console_sessions',
  'policy_lists',
  'privacy_guide_filings',
  'shop_warranties',
  'shop_product_views',
  'guardian_confirmations',
] as const);
