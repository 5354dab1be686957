import { LIMITS, type PolicyVersionResponse } from '../domain/contract';
import { AccountDeletedError, ApiError, NetworkError, UnauthenticatedError, type HttpPort, type HttpResponse } from '../ports';
import { FakeBackend } from '../testing';
import { ledgerEvent } from '../testing/events';
import { MALFORMED_RESPONSE, PrivacyApi } from './PrivacyApi';

const policy: PolicyVersionResponse = {
  version: 2,
  lastMaterialVersion: 2,
  effectiveAt: '2026-01-01T00:00:00.000Z',
  material: true,
  summary: 'what changed',
  changedSections: ['sharing'],
  contentHash: 'abc',
  content: { schemaVersion: 1 },
};

/** A request at the desk as the server answers it. */
const desk = { id: 'r-1', type: 'access', status: 'received', receivedAt: '2026-03-01T02:00:00.000Z', deadline: '2026-03-16T15:59:59.999Z', categories: [], details: null };

/** An HttpPort that answers with what the test says. */
function scripted(answer: HttpResponse | Error): HttpPort & { last?: Parameters<HttpPort['request']>[0] } {
  const port: HttpPort & { last?: Parameters<HttpPort['request']>[0] } = {
    async request(req) {
      port.last = req;
      if (answer instanceof Error) throw answer;
      return answer;
    },
  };
  return port;
}

describe('PrivacyApi', () => {
  it('signs in, keeps the token, and reports it', async () => {
    const backend = new FakeBackend();
    const tokens: Array<string | null> = [];
    const api = new PrivacyApi({ http: backend, onTokenChange: (t) => tokens.push(t) });
    expect(api.hasSession()).toBe(false);
    const session = await api.login('dev:zoe');
    expect(session.userId).toBe('user-zoe');
    expect(api.hasSession()).toBe(true);
    expect(tokens).toEqual([session.token]);
    expect(backend.requests[0]).toMatchObject({ method: 'POST', path: '/v1/sessions', body: { code: 'dev:zoe' } });
    expect(backend.requests[0].headers.authorization).toBeUndefined();
  });

  it('posts consent events with the bearer token and reads them back', async () => {
    const backend = new FakeBackend();
    const api = new PrivacyApi({ http: backend });
    await api.login('dev:yan');
    const e = ledgerEvent({ kind: 'policy', purpose: 'policy', value: 'accepted' } as never);
    expect(await api.postConsents([e])).toMatchObject({ accepted: 1, duplicates: 0 });
    expect(await api.postConsents([e])).toMatchObject({ accepted: 0, duplicates: 1 });
    const back = await api.getConsents();
    expect(back.events.map((x) => x.id)).toEqual([e.id]);
    expect(back.state.policy?.value).toBe('accepted');
    expect(backend.requestsTo('/v1/me/consents', 'POST')[0].headers.authorization).toMatch(/^Bearer tok-/);
  });

  it('reads the whole history and exports it whole, page after page', async () => {
    const backend = new FakeBackend();
    backend.eventsPerPage = 2;
    const api = new PrivacyApi({ http: backend });
    await api.login('dev:pages');
    const events = [
      ledgerEvent({ kind: 'policy', purpose: 'policy', value: 'accepted' } as never),
      ...Array.from({ length: 4 }, (_, i) => ledgerEvent({ kind: 'consent', purpose: 'marketing', value: i % 2 ? 'withdrawn' : 'granted' } as never)),
    ];
    await api.postConsents(events);
    const back = await api.getConsents();
    expect(back.events.map((x) => x.id)).toEqual(events.map((e) => e.id));
    expect(back.state.consents.marketing?.value).toBe('withdrawn');
    expect(back.next).toBeNull();
    const reads = backend.requestsTo('/v1/me/consents', 'GET').map((r) => r.path);
    expect(reads).toEqual(['/v1/me/consents', '/v1/me/consents?after=2', '/v1/me/consents?after=4']);

    const exported = (await api.exportData()) as { consents: { events: { id: string }[]; next: unknown } };
    expect(exported.consents.events.map((x) => x.id)).toEqual(events.map((e) => e.id));
    expect(exported.consents.next).toBeNull();
  });

  it('stops at a page whose cursor does not move on (a broken server never loops it)', async () => {
    const page = { state: { policy: null, consents: {}, permissions: {} }, events: [], next: 7 };
    let calls = 0;
    const http: HttpPort = {
      async request() {
        calls++;
        return { status: 200, headers: {}, body: page };
      },
    };
    await expect(new PrivacyApi({ http, token: 't' }).getConsents()).rejects.toMatchObject({ code: MALFORMED_RESPONSE });
    expect(calls).toBe(2);
  });

  it('refuses more than one batch of events without calling the server', async () => {
    const backend = new FakeBackend();
    const api = new PrivacyApi({ http: backend, token: 'x' });
    const events = Array.from({ length: LIMITS.eventsPerBatch + 1 }, () => ledgerEvent());
    await expect(api.postConsents(events)).rejects.toBeInstanceOf(RangeError);
    expect(backend.requests).toHaveLength(0);
  });

  it('fails fast without a session on authenticated routes', async () => {
    const backend = new FakeBackend();
    await expect(new PrivacyApi({ http: backend }).getConsents()).rejects.toBeInstanceOf(UnauthenticatedError);
    expect(backend.requests).toHaveLength(0);
  });

  it('turns 401 into UnauthenticatedError and forgets the token', async () => {
    const backend = new FakeBackend();
    const api = new PrivacyApi({ http: backend });
    await api.login('dev:xia');
    backend.expireSessions();
    const err = await api.getConsents().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UnauthenticatedError);
    expect((err as Error).name).toBe('UnauthenticatedError');
    expect(api.hasSession()).toBe(false);
  });

  it('turns 410 ACCOUNT_DELETED into AccountDeletedError with completedAt', async () => {
    const backend = new FakeBackend();
    const api = new PrivacyApi({ http: backend });
    await api.login('dev:wu');
    backend.deleteAccount('user-wu', '2026-03-01T08:00:00.000Z');
    const err = await api.exportData().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AccountDeletedError);
    expect((err as AccountDeletedError).completedAt).toBe('2026-03-01T08:00:00.000Z');
    expect(api.hasSession()).toBe(false);
  });

  it('turns other errors into ApiError with code and status, and passes NetworkError through', async () => {
    const api = new PrivacyApi({ http: scripted({ status: 503, headers: {}, body: { error: { code: 'SERVICE_UNAVAILABLE', message: 'down' } } }), token: 't' });
    const err = await api.getConsents().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect(err).toMatchObject({ name: 'ApiError', code: 'SERVICE_UNAVAILABLE', status: 503, message: 'down' });
    const bare = await new PrivacyApi({ http: scripted({ status: 500, headers: {}, body: '<html>' }), token: 't' }).getConsents().catch((e: unknown) => e);
    expect(bare).toMatchObject({ code: 'HTTP_500', status: 500 });
    const net = new NetworkError('offline');
    await expect(new PrivacyApi({ http: scripted(net), token: 't' }).getConsents()).rejects.toBe(net);
  });

  it.each<[string, () => Promise<unknown>]>([
    ['session', () => new PrivacyApi({ http: scripted({ status: 201, headers: {}, body: { token: 1 } }) }).login('c')],
    ['consents post', () => new PrivacyApi({ http: scripted({ status: 200, headers: {}, body: 'ok' }), token: 't' }).postConsents([ledgerEvent()])],
    ['consents count', () => new PrivacyApi({ http: scripted({ status: 200, headers: {}, body: { accepted: 0, duplicates: 0, state: {} } }), token: 't' }).postConsents([ledgerEvent()])],
    ['consents get', () => new PrivacyApi({ http: scripted({ status: 200, headers: {}, body: { state: {} } }), token: 't' }).getConsents()],
    ['policy', () => new PrivacyApi({ http: scripted({ status: 200, headers: {}, body: { version: '2' } }) }).getPolicy()],
    ['lists', () => new PrivacyApi({ http: scripted({ status: 200, headers: {}, body: { version: 2, contentHash: 'x', collection: [], sharing: [], consents: {} } }) }).getLists()],
    ['cancellation', () => new PrivacyApi({ http: scripted({ status: 200, headers: {}, body: { id: 'c', status: 'gone', requestedAt: 'x' } }), token: 't' }).getCancellation()],
    ['request receipt', () => new PrivacyApi({ http: scripted({ status: 202, headers: {}, body: { id: 'r', type: 'access', status: 'received', receivedAt: '2026-03-01T02:00:00.000Z' } }), token: 't' }).createRightsRequest({ type: 'access' }, 'k')],
    ['request receipt of another type', () => new PrivacyApi({ http: scripted({ status: 202, headers: {}, body: { id: 'r', type: 'copy', status: 'received', receivedAt: '2026-03-01T02:00:00.000Z', deadline: '2026-03-16T15:59:59.999Z' } }), token: 't' }).createRightsRequest({ type: 'access' }, 'k')],
    ['request list', () => new PrivacyApi({ http: scripted({ status: 200, headers: {}, body: { requests: {} } }), token: 't' }).getRightsRequests()],
    ['request in the list', () => new PrivacyApi({ http: scripted({ status: 200, headers: {}, body: { requests: [{ ...desk, status: 'done' }] } }), token: 't' }).getRightsRequests()],
    ['refusal without its reason', () => new PrivacyApi({ http: scripted({ status: 200, headers: {}, body: { requests: [{ ...desk, status: 'refused', outcome: 'refused' }] } }), token: 't' }).getRightsRequests()],
    ['withdrawal', () => new PrivacyApi({ http: scripted({ status: 200, headers: {}, body: { ...desk, status: 'received' } }), token: 't' }).withdrawRightsRequest('r-1')],
  ])('rejects a malformed %s answer', async (_name, call) => {
    await expect(call()).rejects.toMatchObject({ name: 'ApiError', code: MALFORMED_RESPONSE });
  });

  it.each([
    ['204 (the contract)', { status: 204, headers: {}, body: null }],
    ['404 (older servers)', { status: 404, headers: {}, body: { error: { code: 'NOT_FOUND', message: 'No cancellation request' } } }],
  ])('reads no cancellation request from a %s answer', async (_name, answer) => {
    await expect(new PrivacyApi({ http: scripted(answer), token: 't' }).getCancellation()).resolves.toBeNull();
  });

  it('fetches policy metadata with the ETag and understands 304', async () => {
    const backend = new FakeBackend({ policies: [policy] });
    const api = new PrivacyApi({ http: backend });
    const first = await api.getPolicy({ meta: true, lang: 'en' });
    expect(first.status).toBe('ok');
    if (first.status !== 'ok') return;
    expect(first.policy.content).toBeUndefined();
    expect(backend.requests[0].path).toBe('/v1/policy/current?lang=en&include=meta');
    const second = await api.getPolicy({ meta: true, lang: 'en', etag: first.etag });
    expect(second).toEqual({ status: 'not-modified', etag: first.etag });
    expect(backend.requests[1].headers['if-none-match']).toBe(first.etag);
    const full = await api.getPolicy({ version: 2 });
    expect(full.status === 'ok' && full.policy.content).toEqual({ schemaVersion: 1 });
    await expect(api.getPolicy({ version: 9 })).rejects.toMatchObject({ status: 404 });
  });

  it('fetches the lists in force with the ETag of the copy held and understands 304', async () => {
    const backend = new FakeBackend({ policies: [policy] });
    const api = new PrivacyApi({ http: backend });
    await expect(api.getLists()).rejects.toMatchObject({ status: 404 });
    const served = backend.serveLists({ collection: [], sharing: [], consents: [] });
    const first = await api.getLists(null);
    expect(first).toEqual({ status: 'ok', etag: `"l-${served.contentHash}"`, lists: served });
    expect(backend.requests.at(-1)).toMatchObject({ method: 'GET', path: '/v1/policy/current/lists', headers: {} });
    const second = await api.getLists(first.etag);
    expect(second).toEqual({ status: 'not-modified', etag: first.etag });
    expect(backend.requests.at(-1)!.headers['if-none-match']).toBe(first.etag);
  });

  it('creates a cancellation once per Idempotency-Key, reads and withdraws it', async () => {
    const backend = new FakeBackend();
    const api = new PrivacyApi({ http: backend });
    await api.login('dev:vic');
    expect(await api.getCancellation()).toBeNull();
    const a = await api.createCancellation({ confirm: true, code: 'fresh' }, 'key-1');
    const b = await api.createCancellation({ confirm: true, code: 'fresh' }, 'key-1');
    expect(b).toEqual(a);
    expect(backend.requestsTo('/v1/me/cancellation', 'POST')[0].headers['idempotency-key']).toBe('key-1');
    // A retry carries a fresh login code: still the same request.
    expect(await api.createCancellation({ confirm: true, code: 'another' }, 'key-1')).toEqual(a);
    await expect(api.createCancellation({ confirm: true, code: 'fresh', reason: 'x' }, 'key-1')).rejects.toMatchObject({ status: 422, code: 'IDEMPOTENCY_KEY_REUSED' });
    expect((await api.getCancellation())?.status).toBe('pending');
    // The undo is re-authenticated too: the code travels in the body, and another user's is refused.
    await expect(api.withdrawCancellation('dev:mallory')).rejects.toMatchObject({ status: 403 });
    expect((await api.getCancellation())?.status).toBe('pending');
    expect((await api.withdrawCancellation('dev:vic')).status).toBe('withdrawn');
    expect(backend.requestsTo('/v1/me/cancellation/withdrawal', 'POST').at(-1)?.body).toEqual({ code: 'dev:vic' });
    expect((await api.withdrawCancellation('dev:vic')).status).toBe('withdrawn');
  });

  it('asks at the request desk once per Idempotency-Key, lists the requests newest first and withdraws an open one', async () => {
    const backend = new FakeBackend({ now: () => Date.parse('2026-03-01T02:00:00.000Z') });
    const api = new PrivacyApi({ http: backend });
    await api.login('dev:ren');
    const receipt = await api.createRightsRequest({ type: 'deletion', categories: ['orders', 'profile'], code: 'dev:ren' }, 'key-d');
    // 10:00 in China on 1 March: the end of 16 March, China time.
    expect(receipt).toEqual({ id: receipt.id, type: 'deletion', status: 'received', receivedAt: '2026-03-01T02:00:00.000Z', deadline: '2026-03-16T15:59:59.999Z' });
    expect(backend.requestsTo('/v1/me/requests', 'POST')[0].headers['idempotency-key']).toBe('key-d');
    // A retry carries a fresh code and gets the first receipt; the server holds one request.
    expect(await api.createRightsRequest({ type: 'deletion', categories: ['orders', 'profile'], code: 'fresh' }, 'key-d')).toEqual(receipt);
    await expect(api.createRightsRequest({ type: 'deletion', categories: ['orders'], code: 'dev:ren' }, 'key-d')).rejects.toMatchObject({ status: 422, code: 'IDEMPOTENCY_KEY_REUSED' });
    const access = await api.createRightsRequest({ type: 'access' }, 'key-a');
    expect((await api.getRightsRequests()).map((r) => [r.id, r.type, r.status])).toEqual([
      [access.id, 'access', 'received'],
      [receipt.id, 'deletion', 'received'],
    ]);
    const withdrawn = await api.withdrawRightsRequest(access.id);
    expect(withdrawn).toMatchObject({ id: access.id, status: 'withdrawn' });
    expect(backend.requestsTo(`/v1/me/requests/${access.id}/withdrawal`, 'POST')[0].body).toBeUndefined();
    backend.decideRightsRequest(receipt.id, 'refused', { zh: '须依法保存', en: 'Kept by law' });
    await expect(api.withdrawRightsRequest(receipt.id)).rejects.toMatchObject({ name: 'ApiError', status: 409 });
    expect((await api.getRightsRequests())[1]).toMatchObject({ status: 'refused', outcome: 'refused', reason: { zh: '须依法保存', en: 'Kept by law' } });
    await expect(api.withdrawRightsRequest('no/such')).rejects.toMatchObject({ status: 404 });
    expect(backend.requests.at(-1)?.path).toBe('/v1/me/requests/no%2Fsuch/withdrawal');
  });

  it('signs out on the server with the given token and drops it when it is the current one', async () => {
    const tokens: Array<string | null> = [];
    const http = scripted({ status: 200, headers: {}, body: { revoked: 2 } });
    const api = new PrivacyApi({ http, token: 'st_live', onTokenChange: (t) => tokens.push(t) });
    expect(await api.revokeSession('st_live', 'everywhere', '2026-03-02T08:00:00.000Z')).toEqual({ revoked: 2 });
    expect(http.last).toMatchObject({ method: 'POST', path: '/v1/sessions/sign-out', body: { scope: 'everywhere', signedOutAt: '2026-03-02T08:00:00.000Z' }, headers: { Authorization: 'Bearer st_live' } });
    expect(api.hasSession()).toBe(false);
    expect(tokens).toEqual([null]);
    // An older token signed out while offline: the current session is left alone, even on 401/410.
    for (const status of [200, 401, 410]) {
      const body = status === 200 ? { revoked: 1 } : { error: { code: status === 401 ? 'UNAUTHENTICATED' : 'ACCOUNT_DELETED', message: 'x' } };
      const other = new PrivacyApi({ http: scripted({ status, headers: {}, body }), token: 'st_current' });
      expect(await other.revokeSession('st_old', 'this-device')).toEqual({ revoked: status === 200 ? 1 : 0 });
      expect(other.hasSession()).toBe(true);
    }
    const down = new PrivacyApi({ http: scripted(new Error('offline')), token: 'st_x' });
    await expect(down.revokeSession('st_x', 'this-device')).rejects.toBeTruthy();
    expect(down.hasSession()).toBe(false);
  });
});

describe('PrivacyApi on Douyin', () => {
  it("sends platform 'tt' with a Douyin login code, and a WeChat build sends none", async () => {
    const backend = new FakeBackend();
    const douyin = new PrivacyApi({ http: backend, loginPlatform: 'tt' });
    const session = await douyin.login('dev:zoe');
    expect(backend.requests[0]).toMatchObject({ method: 'POST', path: '/v1/sessions', body: { code: 'dev:zoe', platform: 'tt' } });
    // The same person's WeChat account is another account.
    const wechat = await new PrivacyApi({ http: backend }).login('dev:zoe');
    expect(backend.requests[1].body).toEqual({ code: 'dev:zoe' });
    expect(wechat.userId).not.toBe(session.userId);
  });
});
