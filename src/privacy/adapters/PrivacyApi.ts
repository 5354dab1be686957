/**
 * HTTP client of the backend contract (../shared/API.md) over the HttpPort. Platform-free: the
 * transport is http.weapp.ts or http.h5.ts. Every answer is checked before it is returned.
 */
import type {
  CancellationRequest,
  CancellationResponse,
  CancellationTerms,
  GetConsentsResponse,
  LedgerEvent,
  LoginResponse,
  PolicyVersionResponse,
  PostConsentsResponse,
  VersionListsResponse,
  RightsRequest,
  RightsRequestCreate,
  ProfileUpdate,
  ProfileUpdateResponse,
  ShopperProfile,
  RightsRequestReceipt,
  GuardianCodeRequest,
  GuardianCodeResponse,
  GuardianVerificationRequest,
  GuardianVerificationResponse,
} from '../domain/contract';
import { asRightsRequest, asRightsRequestReceipt } from '../domain/requestAnswers';
import { CANCELLATION_STATUSES, LIMITS } from '../domain/contract';
import {
  AccountDeletedError,
  ApiError,
  UnauthenticatedError,
  type HttpPort,
  type HttpRequest,
  type HttpResponse,
  type ListsFetchResult,
  type PolicyFetchResult,
  type PolicyQuery,
  type PrivacyApiPort,
} from '../ports';

/** Code carried by an ApiError when the answer does not match the contract. */
export const MALFORMED_RESPONSE = 'MALFORMED_RESPONSE';

export interface PrivacyApiOptions {
  http: HttpPort;
  /** A session token restored from storage, if any. */
  token?: string | null;
  /** Per-request timeout handed to the transport. Default 10 s. */
  timeoutMs?: number;
  /** Called whenever the token changes (login, 401, setToken), e.g. to persist it. */
  onTokenChange?: (token: string | null) => void;
  /** Whose login code `login` sends: Douyin's codes are exchanged with Douyin (`platform: 'tt'`). Default WeChat. */
  loginPlatform?: 'weapp' | 'tt';
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function malformed(what: string, status: number): ApiError {
  return new ApiError(status, MALFORMED_RESPONSE, `Malformed answer: ${what}`);
}

/** The shopper API client. */
export class PrivacyApi implements PrivacyApiPort {
  private token: string | null;
  private readonly timeoutMs: number;

  constructor(private readonly options: PrivacyApiOptions) {
    this.token = options.token ?? null;
    this.timeoutMs = options.timeoutMs ?? 10_000;
  }

  hasSession(): boolean {
    return this.token !== null;
  }

  setToken(token: string | null): void {
    if (token === this.token) return;
    this.token = token;
    this.options.onTokenChange?.(token);
  }

  /** Sends a request and turns every non-success status into a typed error. */
  private async call(req: Omit<HttpRequest, 'timeoutMs'>, ok: readonly number[] = [200], auth = true): Promise<HttpResponse> {
    const headers: Record<string, string> = { ...(req.headers ?? {}) };
    if (req.body !== undefined) headers['Content-Type'] = 'application/json';
    if (auth) {
      if (this.token === null) throw new UnauthenticatedError('Not signed in');
      headers.Authorization = `Bearer ${this.token}`;
    }
    const res = await this.options.http.request({ ...req, headers, timeoutMs: this.timeoutMs });
    if (ok.includes(res.status)) return res;
    const err = isRecord(res.body) && isRecord(res.body.error) ? res.body.error : {};
    const message = typeof err.message === 'string' ? err.message : `HTTP ${res.status}`;
    if (res.status === 401) {
      // "Sign in again": the token is useless, but nothing local is dropped.
      if (auth) this.setToken(null);
      throw new UnauthenticatedError(message);
    }
    if (res.status === 410 && err.code === 'ACCOUNT_DELETED') {
      if (auth) this.setToken(null);
      throw new AccountDeletedError(message, typeof err.completedAt === 'string' ? err.completedAt : null);
    }
    throw new ApiError(res.status, typeof err.code === 'string' ? err.code : `HTTP_${res.status}`, message);
  }

  /**
   * A call to one of the host app's own endpoints with the shopper's session: the same typed
   * errors (401, 410 ACCOUNT_DELETED, ApiError) as the module's own calls.
   */
  request(req: Omit<HttpRequest, 'timeoutMs'>, ok: readonly number[] = [200, 201, 204], auth = true): Promise<HttpResponse> {
    return this.call(req, ok, auth);
  }

  login(code: string, options?: { guardianProof: string }): Promise<LoginResponse>;
  login(code: string, options: { existing: true }): Promise<LoginResponse | null>;
  async login(code: string, options: { existing?: true; guardianProof?: string } = {}): Promise<LoginResponse | null> {
    const existing = options.existing === true;
    const body = {
      code,
      ...(this.options.loginPlatform === 'tt' ? { platform: 'tt' } : {}),
      ...(existing ? { existing } : {}),
      ...(options.guardianProof === undefined ? {} : { guardianProof: options.guardianProof }),
    };
    const res = await this.call({ method: 'POST', path: '/v1/sessions', body }, existing ? [200, 201, 204] : [200, 201], false);
    // A returning member's sign-in: the WeChat user has no account, and none was made.
    if (res.status === 204) return null;
    const b = res.body;
    if (!isRecord(b) || typeof b.token !== 'string' || typeof b.userId !== 'string' || typeof b.expiresAt !== 'string') {
      throw malformed('session', res.status);
    }
    this.setToken(b.token);
    return { token: b.token, userId: b.userId, expiresAt: b.expiresAt };
  }

  async requestGuardianCode(request: GuardianCodeRequest): Promise<GuardianCodeResponse> {
    const res = await this.call({ method: 'POST', path: '/v1/guardian-codes', body: request }, [201], false);
    const b = res.body;
    if (!isRecord(b) || typeof b.id !== 'string' || typeof b.expiresAt !== 'string' || typeof b.resendAt !== 'string') throw malformed('guardian code', res.status);
    return { id: b.id, expiresAt: b.expiresAt, resendAt: b.resendAt };
  }

  async verifyGuardianCode(id: string, request: GuardianVerificationRequest): Promise<GuardianVerificationResponse> {
    const res = await this.call({ method: 'POST', path: `/v1/guardian-codes/${encodeURIComponent(id)}/verification`, body: request }, [200], false);
    const b = res.body;
    if (!isRecord(b) || typeof b.proof !== 'string' || typeof b.expiresAt !== 'string') throw malformed('guardian proof', res.status);
    return { proof: b.proof, expiresAt: b.expiresAt };
  }

  async getPolicy(query: PolicyQuery = {}): Promise<PolicyFetchResult> {
    const params: string[] = [];
    if (query.lang) params.push(`lang=${query.lang}`);
    if (query.meta) params.push('include=meta');
    const base = query.version === undefined ? '/v1/policy/current' : `/v1/policy/versions/${query.version}`;
    const headers: Record<string, string> = query.etag ? { 'If-None-Match': query.etag } : {};
    const res = await this.call({ method: 'GET', path: params.length ? `${base}?${params.join('&')}` : base, headers }, [200, 304], false);
    const etag = headerOf(res, 'etag');
    if (res.status === 304) return { status: 'not-modified', etag: etag ?? query.etag ?? null };
    const b = res.body;
    if (
      !isRecord(b) ||
      !Number.isInteger(b.version) ||
      !Number.isInteger(b.lastMaterialVersion) ||
      typeof b.effectiveAt !== 'string' ||
      typeof b.material !== 'boolean' ||
      typeof b.summary !== 'string' ||
      !Array.isArray(b.changedSections) ||
      typeof b.contentHash !== 'string'
    ) {
      throw malformed('policy', res.status);
    }
    return { status: 'ok', etag, policy: b as unknown as PolicyVersionResponse };
  }

  async getLists(etag: string | null = null): Promise<ListsFetchResult> {
    const res = await this.call({ method: 'GET', path: '/v1/policy/current/lists', headers: etag ? { 'If-None-Match': etag } : {} }, [200, 304], false);
    const tag = headerOf(res, 'etag');
    if (res.status === 304) return { status: 'not-modified', etag: tag ?? etag };
    const b = res.body;
    // The shape only; the content is checked in depth (lists, consent texts, hashes) before use.
    if (!isRecord(b) || !Number.isInteger(b.version) || typeof b.contentHash !== 'string' || !Array.isArray(b.collection) || !Array.isArray(b.sharing) || !Array.isArray(b.consents) || !isRecord(b.consentHashes)) {
      throw malformed('lists', res.status);
    }
    return { status: 'ok', etag: tag, lists: b as unknown as VersionListsResponse };
  }

  async postConsents(events: LedgerEvent[]): Promise<PostConsentsResponse> {
    if (events.length > LIMITS.eventsPerBatch) {
      throw new RangeError(`At most ${LIMITS.eventsPerBatch} events per request`);
    }
    const res = await this.call({ method: 'POST', path: '/v1/me/consents', body: { events } });
    const b = res.body;
    if (!isRecord(b) || typeof b.accepted !== 'number' || typeof b.duplicates !== 'number' || !isRecord(b.state)) {
      throw malformed('consents', res.status);
    }
    if (b.accepted + b.duplicates !== events.length) throw malformed('event count', res.status);
    return b as unknown as PostConsentsResponse;
  }

  /** One page of the history: the first, or the one after a page's `next` (a rising cursor). */
  private async consentsPage(after: number | null): Promise<GetConsentsResponse> {
    const res = await this.call({ method: 'GET', path: after === null ? '/v1/me/consents' : `/v1/me/consents?after=${after}` });
    const b = res.body;
    const next = isRecord(b) ? b.next : undefined;
    if (!isRecord(b) || !isRecord(b.state) || !Array.isArray(b.events) || !(next == null || (Number.isSafeInteger(next) && (next as number) > (after ?? -1)))) {
      throw malformed('consents', res.status);
    }
    return b as unknown as GetConsentsResponse;
  }

  /** Appends the pages from `next` on to `events`; the state of the last (the newest). */
  private async readOn(next: number | null | undefined, events: unknown[], state: unknown): Promise<unknown> {
    while (next != null) {
      const page = await this.consentsPage(next);
      events.push(...page.events);
      ({ next, state } = page);
    }
    return state;
  }

  /** The whole history, page after page (a server without pages answers it in one). */
  async getConsents(): Promise<GetConsentsResponse> {
    const first = await this.consentsPage(null);
    const events = [...first.events];
    const state = await this.readOn(first.next, events, first.state);
    return { state, events, next: null } as GetConsentsResponse;
  }

  /** Everything held, with the whole history: the export carries its first page, the rest is read after it. */
  async exportData(): Promise<unknown> {
    const res = await this.call({ method: 'GET', path: '/v1/me/export' });
    const body = res.body;
    if (!isRecord(body) || !isRecord(body.consents) || !Array.isArray(body.consents.events) || body.consents.next == null) return body;
    const c = body.consents;
    if (!Number.isSafeInteger(c.next)) throw malformed('export', res.status);
    const events = [...(c.events as unknown[])];
    const state = await this.readOn(c.next as number, events, c.state);
    // The history read to its end: the server's one reason for an incomplete export is gone.
    return { ...body, consents: { ...c, state, events, next: null }, ...(body.complete === false ? { complete: true } : {}) };
  }

  async createCancellation(request: CancellationRequest, idempotencyKey: string): Promise<CancellationResponse> {
    const res = await this.call(
      { method: 'POST', path: '/v1/me/cancellation', body: request, headers: { 'Idempotency-Key': idempotencyKey } },
      [200, 201, 202],
    );
    return checkCancellation(res);
  }

  /** The latest cancellation request, or null when there is none (204 in the contract; 404 from older servers). */
  async getCancellation(): Promise<CancellationResponse | null> {
    try {
      const res = await this.call({ method: 'GET', path: '/v1/me/cancellation' }, [200, 204]);
      return res.status === 204 ? null : checkCancellation(res);
    } catch (err) {
      if (err instanceof ApiError && err.status === 404) return null;
      throw err;
    }
  }

  /** What a cancellation asked now would be given: the cooling-off length and the deadline. */
  async getCancellationTerms(): Promise<CancellationTerms> {
    const res = await this.call({ method: 'GET', path: '/v1/cancellation/terms' }, [200], false);
    const b = res.body;
    const whole = (v: unknown, min: number) => typeof v === 'number' && Number.isInteger(v) && v >= min;
    if (!isRecord(b) || !whole(b.coolingOffSeconds, 0) || !whole(b.deadlineDays, 1) || !whole(b.deadlineWorkingDaysCap, 1)) throw malformed('cancellation terms', res.status);
    return { coolingOffSeconds: b.coolingOffSeconds as number, deadlineDays: b.deadlineDays as number, deadlineWorkingDaysCap: b.deadlineWorkingDaysCap as number };
  }

  /**
   * Ends a session on the server: this one (`this-device`) or every session of the shopper made up
   * to `signedOutAt` (`everywhere`). `token` is the session to sign out with: the current one, or
   * one signed out while offline and kept until it can be told. A session the server already
   * refuses (401, 410) counts as signed out. The current token is dropped when it is the one used.
   */
  async revokeSession(token: string, scope: 'this-device' | 'everywhere', signedOutAt?: string): Promise<{ revoked: number }> {
    if (token === this.token) this.setToken(null);
    try {
      const body = signedOutAt === undefined ? { scope } : { scope, signedOutAt };
      const res = await this.call({ method: 'POST', path: '/v1/sessions/sign-out', body, headers: { Authorization: `Bearer ${token}` } }, [200], false);
      const b = res.body;
      if (!isRecord(b) || typeof b.revoked !== 'number') throw malformed('sign-out', res.status);
      return { revoked: b.revoked };
    } catch (err) {
      if (err instanceof UnauthenticatedError || err instanceof AccountDeletedError) return { revoked: 0 };
      throw err;
    }
  }

  /** Withdraws a pending cancellation, re-authenticated by a fresh login code. */
  async withdrawCancellation(code: string): Promise<CancellationResponse> {
    return checkCancellation(await this.call({ method: 'POST', path: '/v1/me/cancellation/withdrawal', body: { code } }));
  }

  /** Asks for a right at the request desk; every retry of an attempt sends the same key (a repeat answers the first receipt). */
  async createRightsRequest(request: RightsRequestCreate, idempotencyKey: string): Promise<RightsRequestReceipt> {
    const res = await this.call({ method: 'POST', path: '/v1/me/requests', body: request, headers: { 'Idempotency-Key': idempotencyKey } }, [202]);
    const receipt = asRightsRequestReceipt(res.body);
    if (!receipt || receipt.type !== request.type) throw malformed('request receipt', res.status);
    return receipt;
  }

  /** The shopper's requests at the desk, newest first. */
  async getRightsRequests(): Promise<RightsRequest[]> {
    const res = await this.call({ method: 'GET', path: '/v1/me/requests' });
    const b = res.body;
    if (!isRecord(b) || !Array.isArray(b.requests)) throw malformed('requests', res.status);
    return b.requests.map((r) => asRightsRequest(r) ?? fail(malformed('request', res.status)));
  }

  /** The profile details the server holds. */
  async getProfile(): Promise<ShopperProfile> {
    const res = await this.call({ method: 'GET', path: '/v1/me/profile' });
    return asProfile(res.body) ?? fail(malformed('profile', res.status));
  }

  /** Replaces the profile details (a fresh login code in the body); every retry of an attempt sends the same key. */
  async updateProfile(update: ProfileUpdate, idempotencyKey: string): Promise<ProfileUpdateResponse> {
    const res = await this.call({ method: 'PUT', path: '/v1/me/profile', body: update, headers: { 'Idempotency-Key': idempotencyKey } }, [200]);
    const b = res.body;
    const profile = isRecord(b) ? asProfile(b.profile) : null;
    const request = isRecord(b) && b.request !== null ? asRightsRequest(b.request) : null;
    if (!isRecord(b) || !profile || (b.request !== null && (!request || request.type !== 'correction'))) throw malformed('profile', res.status);
    return { profile, request };
  }

  /** Withdraws an open request (409 once it was answered). */
  async withdrawRightsRequest(id: string): Promise<RightsRequest> {
    const res = await this.call({ method: 'POST', path: `/v1/me/requests/${encodeURIComponent(id)}/withdrawal` });
    const request = asRightsRequest(res.body);
    if (!request || request.id !== id || request.status !== 'withdrawn') throw malformed('withdrawal', res.status);
    return request;
  }
}

function asProfile(v: unknown): ShopperProfile | null {
  if (!isRecord(v) || typeof v.nickname !== 'string' || typeof v.phone !== 'string') return null;
  if (v.updatedAt !== null && (typeof v.updatedAt !== 'string' || Number.isNaN(Date.parse(v.updatedAt)))) return null;
  return { nickname: v.nickname, phone: v.phone, updatedAt: v.updatedAt };
}

function fail(error: Error): never {
  throw error;
}

function headerOf(res: HttpResponse, name: string): string | null {
  const wanted = name.toLowerCase();
  for (const [k, v] of Object.entries(res.headers ?? {})) if (k.toLowerCase() === wanted) return v;
  return null;
}

function checkCancellation(res: HttpResponse): CancellationResponse {
  const b = res.body;
  if (
    !isRecord(b) ||
    typeof b.id !== 'string' ||
    !(CANCELLATION_STATUSES as readonly string[]).includes(b.status as string) ||
    typeof b.requestedAt !== 'string'
  ) {
    throw malformed('cancellation', res.status);
  }
  return b as unknown as CancellationResponse;
}
