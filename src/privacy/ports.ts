import type {
  CancellationRequest,
  Capability,
  CancellationResponse,
  GetConsentsResponse,
  Lang,
  LedgerEvent,
  LoginResponse,
  GuardianCodeRequest,
  GuardianCodeResponse,
  GuardianVerificationRequest,
  GuardianVerificationResponse,
  CancellationTerms,
  PolicyVersionResponse,
  PostConsentsResponse,
  VersionListsResponse,
  RightsRequest,
  RightsRequestCreate,
  RightsRequestReceipt,
  ProfileUpdate,
  ProfileUpdateResponse,
  ShopperProfile,
} from './domain/contract';
import type { OsLayer } from './domain/permission';
import type { Coordinates, NativeFailure, PrivacySetting } from './domain/permission-native';
import type { PermissionScope } from './domain/permission-types';

/**
 * The interfaces the privacy module needs from the outside world. Stores receive them through
 * the RootStore constructor; adapters/ implements them per platform, tests pass fakes.
 */

/** Key-value storage (wx storage on weapp, localStorage on h5). Values are strings. */
export interface StoragePort {
  get(key: string): Promise<string | null>;
  /** Rejects with a StorageQuotaError when a platform limit (1 MB per key, 10 MB in all) is hit. */
  set(key: string, value: string): Promise<void>;
  remove(key: string): Promise<void>;
  keys(): Promise<string[]>;
}

/** Wall-clock time, injected so rules like "no prompt for 48 h" are testable. */
export interface ClockPort {
  now(): number;
}

/** Random identifiers (event ids, device id, idempotency keys). */
export interface IdPort {
  newId(): string;
}

export interface HttpRequest {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** Path under the API base URL, e.g. `/v1/policy/current?include=meta`. */
  path: string;
  headers?: Record<string, string>;
  body?: unknown;
  timeoutMs?: number;
}

export interface HttpResponse {
  status: number;
  headers: Record<string, string>;
  body: unknown;
}

/** HTTP transport. Resolves for every HTTP status; rejects with NetworkError when no answer came. */
export interface HttpPort {
  request(req: HttpRequest): Promise<HttpResponse>;
}

/** Facts about the host app. */
export interface SystemPort {
  /** The host's UI language (WeChat: getAppBaseInfo().language), e.g. `zh_CN`, `en`. */
  language(): string;
}

/** Raised when the transport got no answer (offline, timeout, connection reset). */
export class NetworkError extends Error {
  override name = 'NetworkError';
}

/**
 * Raised when the app the mini-program runs in gave no login code (`wx.login` / `tt.login` failed:
 * on Douyin, the shopper closed its login window). Nothing was sent to the backend.
 */
export class HostLoginError extends Error {
  override name = 'HostLoginError';
}

/** Raised when a storage write exceeds a platform limit. */
export class StorageQuotaError extends Error {
  override name = 'StorageQuotaError';
}

/** Schedules a callback after `ms`; returns a function that cancels it. */
export interface TimerPort {
  setTimeout(fn: () => void, ms: number): () => void;
}

/** What `getPolicy` asks for. */
export interface PolicyQuery {
  /** A given version; the active one when left out. */
  version?: number;
  /** Metadata only (`include=meta`). */
  meta?: boolean;
  /** The ETag of the copy held, sent as `If-None-Match`. */
  etag?: string | null;
  lang?: Lang;
}

/** Answer of `getPolicy`: a fresh copy, or "the copy you hold is current" (304). */
export type PolicyFetchResult =
  | { status: 'ok'; etag: string | null; policy: PolicyVersionResponse }
  | { status: 'not-modified'; etag: string | null };

/** Answer of `getLists`: the lists in force, or "the copy you hold is current" (304). */
export type ListsFetchResult =
  | { status: 'ok'; etag: string | null; lists: VersionListsResponse }
  | { status: 'not-modified'; etag: string | null };

/** The backend calls the consent ledger needs (API.md, `/v1/me/consents`). */
export interface ConsentApiPort {
  /** True while a session token is held. */
  hasSession(): boolean;
  /** At most LIMITS.eventsPerBatch events; ids the server already holds count as duplicates. */
  postConsents(events: LedgerEvent[]): Promise<PostConsentsResponse>;
  getConsents(): Promise<GetConsentsResponse>;
}

/** The whole shopper API of API.md. Failures: UnauthenticatedError, AccountDeletedError, ApiError, NetworkError. */
export interface PrivacyApiPort extends ConsentApiPort {
  /** Sets or forgets the session token (e.g. one restored from storage). */
  setToken(token: string | null): void;
  /**
   * Exchanges a `Taro.login` code for a session and keeps its token. With `existing`, only to an
   * account the WeChat user already has: `null` (nothing made, no session) when there is none.
   */
  login(code: string, options?: { guardianProof: string }): Promise<LoginResponse>;
  login(code: string, options: { existing: true }): Promise<LoginResponse | null>;
  /** Sends a confirmation code to a guardian's mobile number (public; a second tap within a minute sends nothing). */
  requestGuardianCode(request: GuardianCodeRequest): Promise<GuardianCodeResponse>;
  /** Checks the code the guardian received: the proof a registration's `login` carries. */
  verifyGuardianCode(id: string, request: GuardianVerificationRequest): Promise<GuardianVerificationResponse>;
  getPolicy(query?: PolicyQuery): Promise<PolicyFetchResult>;
  /** The lists and consent texts of the version in force (`GET /v1/policy/current/lists`); `etag` of the copy held goes as `If-None-Match`. */
  getLists(etag?: string | null): Promise<ListsFetchResult>;
  exportData(): Promise<unknown>;
  /** `idempotencyKey` is made once per attempt and reused on every retry. */
  createCancellation(request: CancellationRequest, idempotencyKey: string): Promise<CancellationResponse>;
  /** The latest request, or null when there is none (404). */
  getCancellation(): Promise<CancellationResponse | null>;
  /** What a request made now would be given (cooling-off length, deadline); public. */
  getCancellationTerms(): Promise<CancellationTerms>;
  /** Withdraws a pending request; `code` is a fresh login code (re-authentication). */
  withdrawCancellation(code: string): Promise<CancellationResponse>;
  /**
   * Ends the session of `token` (this device), or every session of the shopper made up to
   * `signedOutAt` (everywhere). A session the server already refuses counts as ended.
   */
  revokeSession(token: string, scope: 'this-device' | 'everywhere', signedOutAt?: string): Promise<{ revoked: number }>;
  /**
   * Asks for a right at the request desk (202 receipt with its deadline). `idempotencyKey` is made
   * once per attempt and reused on every retry: a repeat is answered with the first receipt.
   */
  createRightsRequest(request: RightsRequestCreate, idempotencyKey: string): Promise<RightsRequestReceipt>;
  /** The shopper's requests, newest first. */
  getRightsRequests(): Promise<RightsRequest[]>;
  /** Withdraws an open request; 409 (ApiError) once it was answered. */
  withdrawRightsRequest(id: string): Promise<RightsRequest>;
  /** The profile details the server holds (nickname, mobile number). */
  getProfile(): Promise<ShopperProfile>;
  /**
   * Replaces them, with a fresh login code; a change of details already given comes back with the
   * fulfilled correction request the server recorded. The key is reused on every retry.
   */
  updateProfile(update: ProfileUpdate, idempotencyKey: string): Promise<ProfileUpdateResponse>;
  /** A call to one of the host app's own endpoints with the shopper's session and the same typed errors. */
  request(req: Omit<HttpRequest, 'timeoutMs'>, ok?: readonly number[], auth?: boolean): Promise<HttpResponse>;
}

/** 401: the session is missing or expired. Sign in again; nothing unsynced is dropped. */
export class UnauthenticatedError extends Error {
  override name = 'UnauthenticatedError';
}

/** 410 ACCOUNT_DELETED: the account's purge completed. The one signal to wipe local data. */
export class AccountDeletedError extends Error {
  override name = 'AccountDeletedError';
  constructor(message: string, readonly completedAt: string | null) {
    super(message);
  }
}

/** Any other non-success answer of the backend, or an answer that does not match the contract. */
export class ApiError extends Error {
  override name = 'ApiError';
  /** The same order as the server's `ApiError` (status, code, message). */
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/**
 * What a failure means for the shopper, the same in every store:
 * - `transient`: no usable answer now (no network, a 5xx, 429, 408, or an answer that breaks the
 *   contract, as a captive portal's page does): kept and tried again later.
 * - `unauthenticated`: 401, the session is gone: sign in again; nothing local is dropped.
 * - `account-deleted`: 410 ACCOUNT_DELETED: the account is gone; local data is wiped.
 * - `refused`: a definite no (any other 4xx from the backend, or storage full on the device):
 *   not retried on its own, shown to the shopper.
 * - `bug`: none of the failures the ports name (a thrown TypeError, storage failing other than by
 *   its quota): a defect here or in a port, never the shopper's doing.
 */
export const FAILURE_KINDS = Object.freeze(['transient', 'unauthenticated', 'account-deleted', 'refused', 'bug'] as const);
export type FailureKind = (typeof FAILURE_KINDS)[number];

/** Classifies a failure of a port call (see `FailureKind`); the one place that decides it. */
export function classify(error: unknown): FailureKind {
  if (error instanceof AccountDeletedError) return 'account-deleted';
  if (error instanceof UnauthenticatedError) return 'unauthenticated';
  if (error instanceof NetworkError) return 'transient';
  if (error instanceof ApiError) {
    if (error.status >= 400 && error.status < 500 && error.status !== 408 && error.status !== 429) return 'refused';
    // 5xx, 408, 429, and a success or redirect status whose answer is not the contract's.
    return 'transient';
  }
  if (error instanceof StorageQuotaError || error instanceof HostLoginError) return 'refused';
  return 'bug';
}

// ---- Runtime permissions (camera, location, Bluetooth) -------------------------------------


/** Raised by permission adapters when a native call failed; carries the checked failure. */
export class PermissionCallError extends Error {
  override name = 'PermissionCallError';
  constructor(
    readonly api: string,
    readonly failure: NativeFailure,
    /** True when the API does not exist on this base library / browser. */
    readonly unsupported = false,
  ) {
    super(`${api}: ${failure.errMsg || 'failed'}`);
  }
}

/**
 * Reads and asks for runtime permissions: wx on weapp (adapters/permissions.weapp.ts), the
 * browser on h5 (adapters/permissions.h5.ts). Only `authorize`, `openBluetoothAdapter` and
 * `getFuzzyLocation` touch privacy-gated APIs; the reads never do.
 */
export interface PermissionPlatformPort {
  /** `getSetting().authSetting`, checked: scope → granted?; a scope never asked is absent. */
  readScopes(): Promise<Record<string, boolean>>;
  /**
   * False where the platform keeps no scope for the capability (Bluetooth on Douyin): the
   * shopper's last answer on the purpose sheet is then the mini-program-level decision. Absent: true.
   */
  hasScope?(capability: Capability): boolean;
  /** Asks for a scope (the system prompt if never asked). Rejects with PermissionCallError on refusal. */
  authorize(scope: PermissionScope): Promise<void>;
  /** WeChat's settings page; call only from a tap. Resolves with the new authSetting. */
  openSetting(): Promise<Record<string, boolean>>;
  /** Layer 3 for a capability: WeChat's OS permission and the system switch (not privacy-gated). */
  readOsLayer(capability: Capability): Promise<OsLayer>;
  /** The system's settings page for WeChat itself (OS-level permission); call only from a tap. */
  openAppAuthorizeSetting(): Promise<void>;
  /** Opens the Bluetooth adapter; rejects with PermissionCallError (errCode 10001, iOS `state`). */
  openBluetoothAdapter(): Promise<void>;
  /** Fuzzy location (weapp) / coarse position (h5); rejects with PermissionCallError. */
  getFuzzyLocation(): Promise<Coordinates>;
}

/** How the consent gate answers a pending `onNeedPrivacyAuthorization` request. */
export type PrivacyAuthorizationResolution =
  | { event: 'exposureAuthorization' }
  | { event: 'agree'; buttonId: string }
  | { event: 'disagree' };

/** The listener WeChat calls when a gated API waits for the privacy agreement. */
export type NeedPrivacyAuthorizationListener = (
  resolve: (resolution: PrivacyAuthorizationResolution) => void,
  eventInfo: { referrer: string },
) => void;

/**
 * WeChat's privacy framework. Every member reports `'unsupported'` on base libraries that lack
 * it, so the module falls back to its own sheet.
 */
export interface WechatPrivacyPort {
  /** `getPrivacySetting`: whether WeChat still waits for the shopper's agreement. */
  getPrivacySetting(): Promise<PrivacySetting | 'unsupported'>;
  /** Registers the single `onNeedPrivacyAuthorization` listener. */
  onNeedPrivacyAuthorization(listener: NeedPrivacyAuthorizationListener): 'registered' | 'unsupported';
  /** `requirePrivacyAuthorize`: triggers the agreement flow; resolves with the outcome. */
  requirePrivacyAuthorize(): Promise<'agreed' | 'refused' | 'unsupported'>;
  /** `openPrivacyContract`: WeChat's page with the privacy guide. Rejects with PermissionCallError. */
  openPrivacyContract(): Promise<'opened' | 'unsupported'>;
}

/** Where a data file was put: the browser's downloads, or the mini-program's own file space. */
export interface SavedDataFile {
  fileName: string;
  /** `wx.env.USER_DATA_PATH/<name>` on WeChat; null in the browser (the download is the browser's). */
  filePath: string | null;
  /** True when the browser downloaded it (h5); WeChat files are kept until sent or copied. */
  downloaded: boolean;
}

/** Why a file could not be handed over (the message is the platform's own errMsg). */
export class DataFileError extends Error {
  override readonly name = 'DataFileError';
  constructor(readonly api: string, errMsg: string) {
    super(errMsg);
  }
}

/**
 * Hands the shopper a file of their data: a download in the browser (Blob + `<a download>`); on
 * WeChat a file written to the user data folder, then sent to a chat with `shareFileMessage`
 * (only from a tap), or its text copied where that is missing or fails.
 */
export interface DataFilePort {
  /** Writes or downloads the file. Rejects with DataFileError. */
  save(fileName: string, content: string): Promise<SavedDataFile>;
  /** Whether a saved file can be sent to a chat here (`wx.shareFileMessage` exists). */
  canSend(): boolean;
  /** `shareFileMessage`; call only from a tap. 'cancelled' when the shopper closed the chat picker. Rejects with DataFileError. */
  send(file: SavedDataFile): Promise<'sent' | 'cancelled'>;
  /** Copies the text (`setClipboardData`). Rejects with DataFileError. */
  copy(text: string): Promise<void>;
}
