/**
 * The console's calls. Every call rides on the HttpOnly session cookie; state-changing ones also
 * send the CSRF token the session endpoint hands out. Answers are typed by the admin contract.
 */
import type {
  ActivationAnswer,
  ActivationHistory,
  AdminStats,
  AuditFilter,
  AuditPage,
  ConsoleSession,
  DraftAnswer,
  FilingAnswer,
  ListView,
  OpsRightsRequestList,
  RightsRequest,
  RightsRequestOutcome,
  PrivacyGuide,
  PublishFindings,
  SignOutAnswer,
  TokenCreated,
  TokenList,
  TokenRevoked,
  VersionDetail,
  VersionDiff,
  VersionList,
  VersionLists,
  VersionMeta,
} from '@maison/privacy/contract';

/** A call the server refused, with its status and machine-readable code. */
export class ApiFailure extends Error {
  override name = 'ApiFailure';
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';

/** The audit filters as query parameters; empty ones left out. */
function auditQuery(filter: AuditFilter, extra: Record<string, string>): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(filter)) if (typeof v === 'string' && v !== '') params.set(k, v);
  for (const [k, v] of Object.entries(extra)) params.set(k, v);
  return params.toString();
}

/** The admin API as the console uses it; `onSignedOut` runs when a call finds the session gone. */
export class ConsoleApi {
  csrfToken: string | null = null;
  constructor(private readonly onSignedOut: () => void) {}

  private async call<T>(method: Method, url: string, body?: unknown): Promise<T> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (method !== 'GET' && this.csrfToken) headers['x-csrf-token'] = this.csrfToken;
    let res: Response;
    try {
      res = await fetch(url, { method, headers, credentials: 'same-origin', body: body === undefined ? undefined : JSON.stringify(body) });
    } catch {
      // The server could not be reached (fetch rejects without an answer): status 0.
      throw new ApiFailure(0, 'NETWORK', 'The server could not be reached');
    }
    const data: unknown = await res.json().catch(() => null);
    if (!res.ok) {
      const error = (data as { error?: { code?: string; message?: string } } | null)?.error;
      if (res.status === 401 && url !== '/ops/api/session') {
        this.csrfToken = null;
        this.onSignedOut();
      }
      throw new ApiFailure(res.status, error?.code ?? 'HTTP', error?.message ?? `HTTP ${res.status}`);
    }
    return data as T;
  }

  /** The session behind the cookie, or null when there is none (not an error: the sign-in page). */
  async session(): Promise<ConsoleSession | null> {
    const res = await fetch('/ops/api/session', { headers: { accept: 'application/json' }, credentials: 'same-origin' });
    if (res.status !== 200) return null;
    const s = (await res.json()) as ConsoleSession;
    this.csrfToken = s.csrfToken;
    return s;
  }
  async signIn(token: string): Promise<ConsoleSession> {
    const s = await this.call<ConsoleSession>('POST', '/ops/api/session', { token });
    this.csrfToken = s.csrfToken;
    return s;
  }
  async signOut(): Promise<SignOutAnswer> {
    try {
      return await this.call<SignOutAnswer>('DELETE', '/ops/api/session');
    } finally {
      this.csrfToken = null;
    }
  }
  versions = () => this.call<VersionList>('GET', '/v1/admin/policies');
  version = (v: number) => this.call<VersionDetail>('GET', `/v1/admin/policies/${v}`);
  diff = (v: number) => this.call<VersionDiff>('GET', `/v1/admin/policies/${v}/diff`);
  activations = () => this.call<ActivationHistory>('GET', '/v1/admin/activations');
  createDraft = (body: { text: string } | { content: unknown }) => this.call<DraftAnswer>('POST', '/v1/admin/policies', body);
  findings = (v: number) => this.call<PublishFindings>('GET', `/v1/admin/policies/${v}/findings`);
  /** `override`: publish despite the findings (gaps, or material changes published as non-material); audited with its reason. */
  publish = (v: number, material: boolean, summary: { zh: string; en: string }, override?: { reason: string }) =>
    this.call<VersionMeta>('POST', `/v1/admin/policies/${v}/publish`, override ? { material, summary, override } : { material, summary });
  activate = (v: number, at?: string) => this.call<ActivationAnswer>('POST', `/v1/admin/policies/${v}/activate`, at ? { at } : {});
  lists = (v: number) => this.call<VersionLists>('GET', `/v1/admin/lists/${v}`);
  saveList = (v: number, kind: 'collection' | 'sharing' | 'consents', items: unknown) => this.call<ListView>('PUT', `/v1/admin/lists/${v}/${kind}`, { items });
  privacyGuide = () => this.call<PrivacyGuide>('GET', '/v1/admin/privacy-guide');
  fileGuide = (policyVersion: number) => this.call<FilingAnswer>('POST', '/v1/admin/privacy-guide/filings', { policyVersion });
  requests = (status?: string) => this.call<OpsRightsRequestList>('GET', `/v1/admin/requests${status ? `?status=${encodeURIComponent(status)}` : ''}`);
  decideRequest = (id: string, outcome: RightsRequestOutcome, reason?: { zh: string; en: string }) =>
    this.call<RightsRequest>('POST', `/v1/admin/requests/${encodeURIComponent(id)}/decision`, reason ? { outcome, reason } : { outcome });
  stats = () => this.call<AdminStats>('GET', '/v1/admin/stats');
  audit = (filter: AuditFilter, before?: number) => this.call<AuditPage>('GET', `/v1/admin/audit?${auditQuery(filter, { limit: '50', ...(before ? { before: String(before) } : {}) })}`);
  /** Where the CSV of the entries `filter` matches is downloaded (a plain link: the session cookie goes with it). */
  auditCsvUrl = (filter: AuditFilter, lang: 'zh' | 'en') => `/v1/admin/audit.csv?${auditQuery(filter, { lang })}`;
  tokens = () => this.call<TokenList>('GET', '/v1/admin/tokens');
  createToken = (name: string, role: string, expiresInDays: number) => this.call<TokenCreated>('POST', '/v1/admin/tokens', { name, role, expiresInDays });
  revokeToken = (id: string) => this.call<TokenRevoked>('DELETE', `/v1/admin/tokens/${id}`);
}
