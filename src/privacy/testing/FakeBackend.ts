import {
  LIMITS,
  ledgerEventProblem,
  type CancellationResponse,
  type ErrorCode,
  type LedgerEvent,
  type PolicyVersionResponse,
  type RightsRequest,
  type RightsRequestOutcome,
  type VersionListsResponse,
} from '../domain/contract';
import { consentTextHash, type ConsentCatalogueEntry } from '../domain/consent-schema';
import { canonicalJson, sha256Hex } from '../domain/hash';
import type { CollectionItem, SharingItem } from '../domain/lists';
import { POLICY_REQUEST_DEADLINE } from '../domain/cancellation';
import { GUARDIAN_PHONE_PATTERN, NICKNAME_MAX_LENGTH, PHONE_PATTERN } from '../domain/contract-schemas';
import { calendarDayDeadline, isRequestOpen, rightsRequestProblem } from '../domain/requests';
import { reduceLedger } from '../domain/ledger';
import { PrivacyApi } from '../adapters/PrivacyApi';
import { NetworkError, type HttpPort, type HttpRequest, type HttpResponse } from '../ports';

/** A failure the fake injects into one request. */
export type Fault =
  /** No answer and nothing committed (offline, connection refused). */
  | { kind: 'network' }
  /** The server commits, then the answer is lost: the case idempotency exists for. */
  | { kind: 'drop' }
  /** Never answers (the app is killed while waiting); `commit` says whether the server acted first. */
  | { kind: 'hang'; commit: boolean }
  /** Answers with an error status and changes nothing. */
  | { kind: 'status'; status: number; code?: ErrorCode };

/** A request as the fake received it. */
export interface RecordedRequest {
  method: HttpRequest['method'];
  path: string;
  headers: Record<string, string>;
  body: unknown;
}

/** An event as stored by the fake server, with its receive sequence. */
export type StoredEvent = LedgerEvent & { seq: number; receivedAt: string };

interface UserRecord {
  id: string;
  events: StoredEvent[];
  ids: Set<string>;
  deletedAt: string | null;
  cancellations: CancellationResponse[];
  /** Requests at the desk, oldest first. */
  rightsRequests: RightsRequest[];
  idempotency: Map<string, { body: string; response: HttpResponse }>;
  /** The profile details the server holds (GET/PUT /v1/me/profile). */
  profile: { nickname: string; phone: string; updatedAt: string | null };
}

/** The fake's cooling-off period: the server's default, 7 days. */
const COOLING_OFF_MS = 7 * 86400_000;

const json = (status: number, body: unknown, headers: Record<string, string> = {}): HttpResponse => ({
  status,
  headers: { 'content-type': 'application/json', ...headers },
  body: body === undefined ? undefined : JSON.parse(JSON.stringify(body)),
});
/** Where a fulfilled copy or portability request's file is (the server's export route). */
const EXPORT_FILE = '/v1/me/export';
const fail = (status: number, code: ErrorCode, message: string, extra: Record<string, unknown> = {}): HttpResponse =>
  json(status, { error: { code, message, ...extra } });

/**
 * An in-memory backend behind the HttpPort that follows ../shared/API.md for the shopper routes:
 * sessions, policy, consents (dedup by event id, ordered by receive sequence), export,
 * cancellation (Idempotency-Key), the request desk. Records every request and injects faults on demand.
 */
export class FakeBackend implements HttpPort {
  readonly requests: RecordedRequest[] = [];
  private readonly faults: Array<{ fault: Fault; match: (req: HttpRequest) => boolean }> = [];
  private readonly users = new Map<string, UserRecord>();
  private readonly tokens = new Map<string, string>();
  /** When each token was issued (sign-out everywhere ends those made up to its time). */
  private readonly issuedAt = new Map<string, number>();
  private seq = 0;
  private tokenCount = 0;
  policies: PolicyVersionResponse[];
  activeVersion: number;
  /** The lists and consent texts of the active version (`serveLists`); none served (404) while null. */
  lists: VersionListsResponse | null = null;
  /** Events per page of the history (the server's `LIMITS.eventsPerPage`); lower it to test paging. */
  eventsPerPage: number = LIMITS.eventsPerPage;

  /** Row ids of the collection list in force; a request's categories must be among them (any row when left out). */
  collectionRows: ReadonlySet<string> | null;
  /**
   * Rows whose records have a separate consent as their only basis (row id → purpose): a deletion
   * of such rows while their consent is not granted is fulfilled at once, as the server does.
   */
  consentOnlyRows: Readonly<Record<string, string>>;
  private requestCount = 0;

  constructor(
    options: {
      policies?: PolicyVersionResponse[];
      activeVersion?: number;
      now?: () => number;
      collectionRows?: readonly string[];
      consentOnlyRows?: Readonly<Record<string, string>>;
    } = {},
  ) {
    this.policies = options.policies ?? [];
    this.collectionRows = options.collectionRows ? new Set(options.collectionRows) : null;
    this.consentOnlyRows = options.consentOnlyRows ?? {};
    this.activeVersion = options.activeVersion ?? this.policies[this.policies.length - 1]?.version ?? 1;
    this.now = options.now ?? (() => Date.now());
  }

  private readonly now: () => number;

  /** Serves these lists and consent texts with the active version, with their content hash and consent hashes as the server computes them. */
  serveLists(content: { collection: readonly CollectionItem[]; sharing: readonly SharingItem[]; consents: readonly ConsentCatalogueEntry[] }): VersionListsResponse {
    const body = { collection: content.collection, sharing: content.sharing, consents: content.consents };
    this.lists = {
      version: this.activeVersion,
      contentHash: sha256Hex(canonicalJson(body)),
      ...(JSON.parse(JSON.stringify(body)) as typeof body),
      consentHashes: Object.fromEntries(content.consents.map((e) => [e.purpose, consentTextHash(e)])),
    } as unknown as VersionListsResponse;
    return this.lists;
  }

  /** Injects a fault into the next request matching `match` (a path prefix or a predicate), once. */
  fault(fault: Fault, match: string | ((req: HttpRequest) => boolean) = () => true): this {
    const pred = typeof match === 'string' ? (req: HttpRequest) => req.path.startsWith(match) : match;
    this.faults.push({ fault, match: pred });
    return this;
  }

  /** The tokens of a user the fake still accepts. */
  liveTokens(userId: string): string[] {
    return [...this.tokens].filter(([, owner]) => owner === userId).map(([t]) => t);
  }

  /** Requests to a path prefix (and method), in order. */
  requestsTo(pathPrefix: string, method?: HttpRequest['method']): RecordedRequest[] {
    return this.requests.filter((r) => r.path.startsWith(pathPrefix) && (method === undefined || r.method === method));
  }

  /** Guardian confirmation codes sent, as the server's SMS port would send them (newest last). */
  readonly guardianCodes: Array<{ id: string; deviceId: string; phone: string; code: string; verified: boolean; used: boolean }> = [];

  /** The code sent last to a guardian's number (as typed, without +86), for a test to type it. */
  guardianCodeFor(phone: string): string | undefined {
    return this.guardianCodes.filter((c) => c.phone === phone.replace(/^\+86/, '')).at(-1)?.code;
  }

  /** Events stored for a user, in receive order. */
  eventsOf(userId: string): StoredEvent[] {
    return this.users.get(userId)?.events.slice() ?? [];
  }

  /** Issues a session token for a user without going through /v1/sessions. */
  issueToken(userId: string): string {
    this.user(userId);
    const token = `tok-${++this.tokenCount}-${userId}`;
    this.tokens.set(token, userId);
    this.issuedAt.set(token, this.now());
    return token;
  }

  /** Revokes every token: the next call answers 401. */
  expireSessions(): void {
    this.tokens.clear();
  }

  /** Completes the purge of an account: its tokens now answer 410 ACCOUNT_DELETED. */
  deleteAccount(userId: string, completedAt = new Date(this.now()).toISOString()): void {
    this.user(userId).deletedAt = completedAt;
  }

  /** A user's requests at the desk as the server holds them, oldest first. */
  rightsRequestsOf(userId: string): RightsRequest[] {
    return (this.users.get(userId)?.rightsRequests ?? []).map((r) => ({ ...r }));
  }

  /**
   * Answers a request as ops would (`POST /v1/admin/requests/:id/decision`): a refusal needs its
   * reason in both languages; a request already answered or withdrawn cannot be decided (409).
   */
  decideRightsRequest(id: string, outcome: RightsRequestOutcome, reason?: { zh: string; en: string }): RightsRequest {
    if (outcome === 'refused' && !reason) throw new Error('A refusal needs a reason, in Chinese and English');
    const found = [...this.users.values()].flatMap((u) => u.rightsRequests).find((r) => r.id === id);
    if (!found) throw new Error(`No such request: ${id}`);
    if (!isRequestOpen(found.status)) throw new Error(`The request is already ${found.status}`);
    found.status = outcome;
    found.outcome = outcome;
    found.decidedAt = new Date(this.now()).toISOString();
    if (reason) found.reason = { ...reason };
    return { ...found };
  }

  private user(id: string): UserRecord {
    let u = this.users.get(id);
    if (!u) {
      u = { id, events: [], ids: new Set(), deletedAt: null, cancellations: [], rightsRequests: [], idempotency: new Map(), profile: { nickname: '', phone: '', updatedAt: null } };
      this.users.set(id, u);
    }
    return u;
  }

  async request(req: HttpRequest): Promise<HttpResponse> {
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(req.headers ?? {})) headers[k.toLowerCase()] = v;
    const body = req.body === undefined ? undefined : JSON.parse(JSON.stringify(req.body));
    this.requests.push({ method: req.method, path: req.path, headers, body });

    const i = this.faults.findIndex((f) => f.match(req));
    const fault = i >= 0 ? this.faults.splice(i, 1)[0].fault : null;
    if (fault?.kind === 'network') throw new NetworkError('request:fail (injected: no answer)');
    if (fault?.kind === 'status') return fail(fault.status, fault.code ?? 'SERVICE_UNAVAILABLE', 'injected failure');

    if (fault?.kind === 'hang' && !fault.commit) return new Promise<HttpResponse>(() => undefined);
    const response = this.handle(req.method, req.path, headers, body);
    if (fault?.kind === 'drop') throw new NetworkError('request:fail (injected: answer lost after commit)');
    if (fault?.kind === 'hang') return new Promise<HttpResponse>(() => undefined);
    return response;
  }

  private authed(headers: Record<string, string>): UserRecord | HttpResponse {
    const m = /^Bearer (.+)$/.exec(headers.authorization ?? '');
    const userId = m ? this.tokens.get(m[1]) : undefined;
    if (userId === undefined) return fail(401, 'UNAUTHENTICATED', 'sign in again');
    const u = this.user(userId);
    if (u.deletedAt !== null) return fail(410, 'ACCOUNT_DELETED', 'account deleted', { completedAt: u.deletedAt });
    return u;
  }

  private handle(method: string, rawPath: string, headers: Record<string, string>, body: unknown): HttpResponse {
    const url = new URL(rawPath, 'http://fake.invalid');
    const path = url.pathname;
    const iso = () => new Date(this.now()).toISOString();

    if (method === 'POST' && path === '/v1/sessions') {
      const code = (body as { code?: unknown })?.code;
      if (typeof code !== 'string' || code === '' || code.length > LIMITS.loginCodeMaxLength) {
        return fail(400, 'BAD_REQUEST', 'code required');
      }
      const existing = (body as { existing?: unknown })?.existing;
      if (existing !== undefined && typeof existing !== 'boolean') return fail(400, 'BAD_REQUEST', 'existing must be a boolean');
      const platform = (body as { platform?: unknown })?.platform ?? 'weapp';
      if (platform !== 'weapp' && platform !== 'tt') return fail(400, 'BAD_REQUEST', "platform must be 'weapp' or 'tt'");
      const guardianProof = (body as { guardianProof?: unknown })?.guardianProof;
      if (guardianProof !== undefined) {
        // As the server: a verified confirmation's proof, spent once, and never with `existing`.
        const c = this.guardianCodes.find((g) => guardianProofOf(g.id) === guardianProof);
        if (existing !== undefined || !c?.verified || c.used) return fail(400, 'GUARDIAN_PROOF_INVALID', "The guardian's confirmation is not valid");
        c.used = true;
      }
      const name = code.startsWith('dev:') ? code.slice(4) : code;
      // As the server: a Douyin account is not the WeChat account of the same person.
      let userId = platform === 'tt' ? `user-tt-${name}` : `user-${name}`;
      // A new sign-in after a completed purge starts an empty account.
      while (this.users.get(userId)?.deletedAt) userId = `${userId}-new`;
      // A returning member's sign-in makes no account: 404 when the WeChat user has none.
      if (existing === true && !this.users.has(userId)) return { status: 204, headers: {}, body: undefined };
      const token = this.issueToken(userId);
      return json(201, { token, userId, expiresAt: new Date(this.now() + 7 * 86400_000).toISOString() });
    }

    if (method === 'POST' && path === '/v1/guardian-codes') {
      const b = body as { deviceId?: unknown; phone?: unknown };
      if (typeof b?.deviceId !== 'string' || typeof b.phone !== 'string' || !new RegExp(GUARDIAN_PHONE_PATTERN).test(b.phone)) return fail(400, 'BAD_REQUEST', 'deviceId and a mainland mobile number required');
      const id = `00000000-0000-4000-8000-${String(this.guardianCodes.length + 1).padStart(12, '0')}`;
      const code = String(100000 + ((this.guardianCodes.length * 7919 + 4242) % 900000));
      this.guardianCodes.push({ id, deviceId: b.deviceId, phone: b.phone.replace(/^\+86/, ''), code, verified: false, used: false });
      return json(201, { id, expiresAt: new Date(this.now() + 600_000).toISOString(), resendAt: new Date(this.now() + 60_000).toISOString() });
    }

    const verification = /^\/v1\/guardian-codes\/([^/]+)\/verification$/.exec(path);
    if (method === 'POST' && verification) {
      const b = body as { deviceId?: unknown; code?: unknown };
      const c = this.guardianCodes.find((g) => g.id === verification[1] && g.deviceId === b?.deviceId);
      if (!c) return fail(404, 'NOT_FOUND', 'No such confirmation code');
      if (c.used) return fail(409, 'CONFLICT', 'This code was used already');
      if (b.code !== c.code) return fail(400, 'GUARDIAN_CODE_WRONG', 'Wrong code', { attemptsLeft: 4 });
      c.verified = true;
      return json(200, { proof: guardianProofOf(c.id), expiresAt: new Date(this.now() + 1_800_000).toISOString() });
    }

    if (method === 'GET' && path === '/v1/cancellation/terms') {
      return json(200, { coolingOffSeconds: COOLING_OFF_MS / 1000, deadlineDays: POLICY_REQUEST_DEADLINE.calendarDays, deadlineWorkingDaysCap: 15 });
    }

    if (method === 'GET' && path === '/v1/policy/current/lists') {
      if (!this.lists) return fail(404, 'NOT_FOUND', 'no lists served');
      const etag = `"l-${this.lists.contentHash}"`;
      if (headers['if-none-match'] === etag) return { status: 304, headers: { etag }, body: undefined };
      return json(200, this.lists, { etag });
    }

    if (method === 'GET' && (path === '/v1/policy/current' || path.startsWith('/v1/policy/versions/'))) {
      const version = path === '/v1/policy/current' ? this.activeVersion : Number(path.split('/').pop());
      const policy = this.policies.find((p) => p.version === version);
      if (!policy) return fail(404, 'NOT_FOUND', 'no such version');
      const meta = url.searchParams.get('include') === 'meta';
      const lists = this.lists && version === this.activeVersion ? { url: `/v1/policy/versions/${version}/lists`, contentHash: this.lists.contentHash } : null;
      const etag = `"v${policy.version}-${policy.contentHash}${lists ? `-${lists.contentHash}` : ''}${meta ? '-meta' : ''}"`;
      if (headers['if-none-match'] === etag) return { status: 304, headers: { etag }, body: undefined };
      const out: PolicyVersionResponse = { ...policy, ...(lists ? { lists } : {}) };
      if (meta) delete out.content;
      return json(200, out, { etag });
    }

    const u = this.authed(headers);
    if (!('id' in u)) return u;

    if (path === '/v1/me/consents' && method === 'GET') {
      const after = url.searchParams.get('after') ?? '0';
      const limit = url.searchParams.get('limit') ?? String(this.eventsPerPage);
      if (!/^\d+$/.test(after) || !/^\d+$/.test(limit) || Number(limit) < 1 || Number(limit) > this.eventsPerPage) return fail(400, 'BAD_REQUEST', 'bad page');
      return json(200, this.page(u, Number(after), Number(limit)));
    }
    if (path === '/v1/me/consents' && method === 'POST') {
      const b = body as { events?: unknown } | undefined;
      if (typeof b !== 'object' || b === null || Object.keys(b).some((k) => k !== 'events') || !Array.isArray(b.events)) {
        return fail(400, 'BAD_REQUEST', 'events required');
      }
      if (b.events.length > LIMITS.eventsPerBatch) return fail(400, 'BAD_REQUEST', 'too many events');
      for (const e of b.events) {
        const problem = ledgerEventProblem(e);
        if (problem) return fail(400, 'BAD_REQUEST', `invalid event: ${problem}`);
      }
      let accepted = 0;
      let duplicates = 0;
      for (const e of b.events as LedgerEvent[]) {
        if (u.ids.has(e.id)) {
          duplicates++;
          continue;
        }
        u.ids.add(e.id);
        u.events.push({ ...e, seq: ++this.seq, receivedAt: iso() });
        accepted++;
      }
      return json(200, { accepted, duplicates, state: this.stateOf(u) });
    }
    if (path === '/v1/me/export' && method === 'GET') {
      // The server's shape (`GET /v1/me/export`): the fake keeps no sessions or profile times, and
      // knows no collection list to index (no `rows`); complete when the history ends in this page.
      const consents = this.page(u, 0, this.eventsPerPage);
      return json(200, {
        exportedAt: iso(),
        profile: { userId: u.id, nickname: u.profile.nickname, phone: u.profile.phone },
        sessions: [],
        consents,
        cancellationRequests: u.cancellations,
        rightsRequests: u.rightsRequests.slice().reverse(),
        complete: consents.next === null,
      });
    }
    if (path === '/v1/sessions/sign-out' && method === 'POST') return this.signOut(u, headers, body);
    if (path === '/v1/me/cancellation/withdrawal' && method === 'POST') return this.withdraw(u, body);
    if (path === '/v1/me/cancellation') return this.cancellation(u, method, headers, body, iso);
    if (path === '/v1/me/requests' && method === 'POST') return this.askForRight(u, headers, body);
    if (path === '/v1/me/profile' && method === 'GET') return json(200, u.profile);
    if (path === '/v1/me/profile' && method === 'PUT') return this.replaceProfile(u, headers, body);
    if (path === '/v1/me/requests' && method === 'GET') return json(200, { requests: u.rightsRequests.slice().reverse() });
    const withdrawal = /^\/v1\/me\/requests\/([^/]+)\/withdrawal$/.exec(path);
    if (withdrawal && method === 'POST') return this.withdrawRight(u, decodeURIComponent(withdrawal[1]));
    return fail(404, 'NOT_FOUND', `no route ${method} ${path}`);
  }

  /** One page of the history as the server answers it (`GET /v1/me/consents`). */
  private page(u: UserRecord, after: number, limit: number) {
    const rest = u.events.filter((e) => e.seq > after);
    const events = rest.slice(0, limit);
    return { state: this.stateOf(u), events, next: rest.length > limit ? events[events.length - 1]!.seq : null };
  }

  private stateOf(u: UserRecord) {
    return reduceLedger(u.events.map(({ seq: _s, receivedAt: _r, ...e }) => e as LedgerEvent));
  }

  private cancellation(
    u: UserRecord,
    method: string,
    headers: Record<string, string>,
    body: unknown,
    iso: () => string,
  ): HttpResponse {
    const latest = u.cancellations[u.cancellations.length - 1];
    if (method === 'GET') return latest ? json(200, latest) : fail(404, 'NOT_FOUND', 'no request');
    if (method !== 'POST') return fail(404, 'NOT_FOUND', 'no route');
    const key = headers['idempotency-key'];
    if (!key) return fail(400, 'BAD_REQUEST', 'Idempotency-Key required');
    // As the server: the one-use login code is not part of what a replay must match.
    const { code: _code, ...rest } = (body ?? {}) as Record<string, unknown>;
    const text = JSON.stringify(rest);
    const seen = u.idempotency.get(key);
    if (seen) return seen.body === text ? seen.response : fail(422, 'IDEMPOTENCY_KEY_REUSED', 'different body');
    const b = body as { confirm?: unknown; code?: unknown };
    if (b?.confirm !== true || typeof b.code !== 'string') return fail(400, 'BAD_REQUEST', 'confirm and code required');
    const now = this.now();
    const created: CancellationResponse = {
      id: `cxl-${u.cancellations.length + 1}`,
      status: 'pending',
      requestedAt: iso(),
      coolingOffEndsAt: new Date(now + COOLING_OFF_MS).toISOString(),
      deadline: new Date(now + 21 * 86400_000).toISOString(),
      completedAt: null,
    };
    u.cancellations.push(created);
    const response = json(202, created);
    u.idempotency.set(key, { body: text, response });
    return response;
  }

  /** POST /v1/me/cancellation/withdrawal: a fresh login code of the same user, then the undo. */
  private withdraw(u: UserRecord, body: unknown): HttpResponse {
    const b = body as { code?: unknown } | undefined;
    if (typeof b !== 'object' || b === null || Object.keys(b).some((k) => k !== 'code') || typeof b.code !== 'string' || b.code === '') {
      return fail(400, 'BAD_REQUEST', 'code required');
    }
    // A `dev:` code names its user; any other code stands for the signed-in user's own.
    if (b.code.startsWith('dev:') && !u.id.startsWith(userOfCode(b.code))) return fail(403, 'FORBIDDEN', 'the login code belongs to another WeChat user');
    const latest = u.cancellations[u.cancellations.length - 1];
    if (!latest) return fail(404, 'NOT_FOUND', 'no request');
    if (latest.status === 'pending') latest.status = 'withdrawn';
    return latest.status === 'withdrawn' ? json(200, latest) : fail(409, 'CONFLICT', `already ${latest.status}`);
  }

  /**
   * PUT /v1/me/profile, as the server: a repeat of a key answers first; the values are checked;
   * the code must be the same user's; a change of details already given is a fulfilled correction.
   */
  private replaceProfile(u: UserRecord, headers: Record<string, string>, body: unknown): HttpResponse {
    const key = headers['idempotency-key'];
    if (!key) return fail(400, 'BAD_REQUEST', 'Idempotency-Key required');
    const b = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
    if (Object.keys(b).some((k) => !['nickname', 'phone', 'code'].includes(k)) || typeof b.nickname !== 'string' || typeof b.phone !== 'string' || typeof b.code !== 'string') {
      return fail(400, 'BAD_REQUEST', 'nickname, phone and code required');
    }
    const nickname = b.nickname.trim();
    const phone = b.phone.trim();
    const text = JSON.stringify({ nickname, phone });
    const seen = u.idempotency.get(`profile:${key}`);
    if (seen) return seen.body === text ? seen.response : fail(422, 'IDEMPOTENCY_KEY_REUSED', 'different body');
    if (nickname.length > NICKNAME_MAX_LENGTH || !new RegExp(PHONE_PATTERN).test(phone)) return fail(400, 'BAD_REQUEST', 'nickname or phone');
    if (b.code.startsWith('dev:') && !u.id.startsWith(userOfCode(b.code))) return fail(403, 'FORBIDDEN', 'The login code belongs to another WeChat user');
    const now = this.now();
    const at = new Date(now).toISOString();
    const corrected = (['nickname', 'phone'] as const).filter((f) => u.profile[f] !== '' && u.profile[f] !== { nickname, phone }[f]);
    let request: RightsRequest | null = null;
    if (corrected.length > 0) {
      request = {
        id: `req-${++this.requestCount}`,
        type: 'correction',
        status: 'fulfilled',
        outcome: 'fulfilled',
        receivedAt: at,
        decidedAt: at,
        deadline: calendarDayDeadline(now, POLICY_REQUEST_DEADLINE.calendarDays),
        categories: corrected.map((f) => (f === 'nickname' ? 'online-identifiers' : 'registration')),
        details: null,
      };
      u.rightsRequests.push(request);
    }
    u.profile = { nickname, phone, updatedAt: at };
    const response = json(200, { profile: u.profile, request });
    u.idempotency.set(`profile:${key}`, { body: text, response });
    return response;
  }

  /**
   * POST /v1/me/requests, as the server: a repeat of a key answers first (its one-use login code
   * aside), then the body is checked, then the code must be the same user's.
   */
  private askForRight(u: UserRecord, headers: Record<string, string>, body: unknown): HttpResponse {
    const key = headers['idempotency-key'];
    if (!key) return fail(400, 'BAD_REQUEST', 'Idempotency-Key required');
    const { code, ...rest } = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
    const text = JSON.stringify(rest);
    const seen = u.idempotency.get(`requests:${key}`);
    if (seen) return seen.body === text ? seen.response : fail(422, 'IDEMPOTENCY_KEY_REUSED', 'different body');
    const problem = rightsRequestProblem(body, this.collectionRows ?? undefined);
    if (problem) return fail(400, 'BAD_REQUEST', problem);
    // A `dev:` code names its user; any other code stands for the signed-in user's own.
    if (typeof code === 'string' && code.startsWith('dev:') && !u.id.startsWith(userOfCode(code))) return fail(403, 'FORBIDDEN', 'The login code belongs to another WeChat user');
    const b = body as { type: RightsRequest['type']; details?: string; categories?: string[] };
    const now = this.now();
    const receivedAt = new Date(now).toISOString();
    const atOnce = this.answersAtOnce(u, b);
    const stored: RightsRequest = {
      id: `req-${++this.requestCount}`,
      type: b.type,
      status: atOnce ? 'fulfilled' : 'received',
      receivedAt,
      deadline: calendarDayDeadline(now, POLICY_REQUEST_DEADLINE.calendarDays),
      categories: b.categories ?? [],
      details: b.details ?? null,
      ...(atOnce ? { decidedAt: receivedAt, outcome: 'fulfilled' as const } : {}),
      ...(atOnce && (b.type === 'copy' || b.type === 'portability') ? { file: EXPORT_FILE } : {}),
    };
    u.rightsRequests.push(stored);
    const { id, type, status, deadline, file } = stored;
    const response = json(202, { id, type, status, receivedAt, deadline, ...(file !== undefined ? { file } : {}) });
    u.idempotency.set(`requests:${key}`, { body: text, response });
    return response;
  }

  /**
   * What the server answers itself at once: a copy or portability request (the export is the
   * file), and the deletion of rows whose only basis is a consent not granted now.
   */
  private answersAtOnce(u: UserRecord, b: { type: RightsRequest['type']; categories?: string[] }): boolean {
    if (b.type === 'copy' || b.type === 'portability') return true;
    if (b.type !== 'deletion' || !b.categories?.length) return false;
    const consents = this.stateOf(u).consents as Record<string, { value: string } | undefined>;
    return b.categories.every((row) => {
      const basis = this.consentOnlyRows[row];
      return basis !== undefined && consents[basis]?.value !== 'granted';
    });
  }

  /** POST /v1/me/requests/:id/withdrawal: another shopper's request does not exist; an answered one is 409. */
  private withdrawRight(u: UserRecord, id: string): HttpResponse {
    const found = u.rightsRequests.find((r) => r.id === id);
    if (!found) return fail(404, 'NOT_FOUND', 'No such request');
    if (isRequestOpen(found.status)) {
      found.status = 'withdrawn';
      found.decidedAt = new Date(this.now()).toISOString();
    }
    return found.status === 'withdrawn' ? json(200, found) : fail(409, 'CONFLICT', `The request is already ${found.status} and can no longer be withdrawn`);
  }

  /** POST /v1/sessions/sign-out: this token, or every token of the user issued up to `signedOutAt`. */
  private signOut(u: UserRecord, headers: Record<string, string>, body: unknown): HttpResponse {
    const b = body as { scope?: unknown; signedOutAt?: unknown } | undefined;
    if (typeof b !== 'object' || b === null || (b.scope !== 'this-device' && b.scope !== 'everywhere')) return fail(400, 'BAD_REQUEST', 'scope required');
    if (b.signedOutAt !== undefined && (typeof b.signedOutAt !== 'string' || Number.isNaN(Date.parse(b.signedOutAt)))) return fail(400, 'BAD_REQUEST', 'bad signedOutAt');
    const token = headers.authorization.slice('Bearer '.length);
    if (b.scope === 'this-device') {
      this.tokens.delete(token);
      return json(200, { revoked: 1 });
    }
    const until = Math.min(typeof b.signedOutAt === 'string' ? Date.parse(b.signedOutAt) : this.now(), this.now());
    let revoked = 0;
    for (const [t, owner] of [...this.tokens]) {
      if (owner !== u.id || (this.issuedAt.get(t) ?? 0) > until) continue;
      this.tokens.delete(t);
      revoked++;
    }
    return json(200, { revoked });
  }
}

/** The proof the fake hands out for a verified confirmation (the server's is a keyed MAC). */
const guardianProofOf = (id: string) => `${id}.${'0'.repeat(64)}`;

/** The user a login code names, as POST /v1/sessions maps it. */
const userOfCode = (code: string): string => `user-${code.slice('dev:'.length)}`;

/** The real API client over a FakeBackend: what store tests use as their ApiPort. */
export function fakeApi(backend: FakeBackend, token: string | null = null): PrivacyApi {
  return new PrivacyApi({ http: backend, token });
}
