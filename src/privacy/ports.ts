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

/** Raised when a storage write exceeds a platform limit. */
export class StorageQuotaError extends Error {
  override name = 'StorageQuotaError';
}
