import { AccountDeletedError, ApiError, NetworkError, StorageQuotaError } from '../ports';
import { FakeBackend, fakeApi, ManualClock, MemoryStorage, SequentialIds } from '../testing';
import { CancellationStore } from './CancellationStore';
import { OverlayStore } from './OverlayStore';

function setup(storage = new MemoryStorage(), backend = new FakeBackend()) {
  const token = backend.issueToken('u1');
  const api = fakeApi(backend, token);
  const wipe = jest.fn(async () => undefined);
  const sessionExpired = jest.fn(async () => undefined);
  let codes = 0;
  const login = jest.fn(async () => `code-${++codes}`);
  let ui = new OverlayStore();
  const make = () =>
    new CancellationStore({
      storage,
      api,
      ids: new SequentialIds('key'),
      clock: new ManualClock(Date.parse('2026-11-25T02:00:00Z')),
      login,
      deviceId: () => 'device-1234',
      keyPrefix: 'privacy.',
      wipe: async () => {
        await wipe();
        await store.clear();
      },
      sessionExpired,
      ui,
    });
  let store = make();
  return {
    storage,
    backend,
    api,
    wipe,
    sessionExpired,
    login,
    get store() {
      return store;
    },
    get ui() {
      return ui;
    },
    restart: () => {
      ui = new OverlayStore();
      store = make();
    },
  };
}

const posts = (b: FakeBackend) => b.requestsTo('/v1/me/cancellation', 'POST');
const idem = (r: { headers: Record<string, string> } | undefined) =>
  Object.entries(r?.headers ?? {}).find(([k]) => k.toLowerCase() === 'idempotency-key')?.[1];

test('a request carries confirm, a fresh login code and an Idempotency-Key; pending is kept', async () => {
  const s = setup();
  await s.store.submit('  moving abroad ');
  const [req] = posts(s.backend);
  expect(req!.body).toEqual({ confirm: true, code: 'code-1', reason: 'moving abroad' });
  expect(idem(req)).toMatch(/^key/);
  expect(s.store.status).toBe('pending');
  expect(s.store.attempt).toBeNull();
  expect(JSON.parse((await s.storage.get('privacy.cancellation'))!).latest.status).toBe('pending');
});

test('a double tap sends one request', async () => {
  const s = setup();
  await Promise.all([s.store.submit(), s.store.submit(), s.store.submit()]);
  expect(posts(s.backend)).toHaveLength(1);
  expect(s.login).toHaveBeenCalledTimes(1);
});

test('a lost answer is retried with the same key and body; the server holds one request', async () => {
  const s = setup();
  s.backend.fault({ kind: 'drop' }, (r) => r.method === 'POST');
  await s.store.submit('why');
  expect(s.store.problem).toBe('network');
  expect(s.store.attempt).not.toBeNull();
  await s.store.retry();
  const [a, b] = posts(s.backend);
  expect(idem(a)).toMatch(/^key/);
  expect(idem(b)).toBe(idem(a));
  expect(b!.body).toEqual(a!.body);
  expect(s.login).toHaveBeenCalledTimes(1);
  expect(s.store.status).toBe('pending');
  expect(s.store.problem).toBeNull();
});

test('an attempt survives a restart and is resent with the same key', async () => {
  const s = setup();
  s.backend.fault({ kind: 'network' }, (r) => r.method === 'POST');
  await s.store.submit();
  const key = idem(posts(s.backend)[0]);
  expect(key).toMatch(/^key/);
  s.restart();
  await s.store.hydrate();
  expect(s.store.attempt?.key).toBe(key);
  await s.store.retry();
  expect(posts(s.backend).map(idem)).toEqual([key, key]);
  expect(s.store.status).toBe('pending');
});

test('pending is restored at launch; refresh after the answer was lost shows the server request', async () => {
  const s = setup();
  s.backend.fault({ kind: 'hang', commit: true }, (r) => r.method === 'POST');
  void s.store.submit();
  await new Promise((r) => setTimeout(r, 10));
  s.restart();
  await s.store.hydrate();
  await s.store.refresh();
  expect(s.store.status).toBe('pending');
  expect(s.store.attempt).toBeNull();
  expect(posts(s.backend)).toHaveLength(1);
});

test('undo during cooling-off', async () => {
  const s = setup();
  await s.store.submit();
  await s.store.withdraw();
  expect(s.store.status).toBe('withdrawn');
  expect(s.store.canRequest).toBe(true);
});

test('410 on refresh wipes through RootStore.clear and shows the note; 401 only signs out', async () => {
  const s = setup();
  await s.store.submit();
  s.backend.expireSessions();
  await s.store.refresh();
  expect(s.store.problem).toBe('sign-in');
  expect(s.sessionExpired).toHaveBeenCalledTimes(1);
  expect(s.wipe).not.toHaveBeenCalled();
  expect(await s.storage.get('privacy.cancellation')).not.toBeNull();

  const t = setup();
  await t.store.submit();
  t.backend.deleteAccount('u1', '2026-12-01T00:00:00.000Z');
  await t.store.refresh();
  expect(t.wipe).toHaveBeenCalledTimes(1);
  expect(t.store.deletedAt).toBe('2026-12-01T00:00:00.000Z');
  expect(await t.storage.get('privacy.cancellation')).toBeNull();
});

test('accountDeleted runs the wipe once even when called twice', async () => {
  const s = setup();
  await Promise.all([s.store.accountDeleted(null), s.store.accountDeleted(null)]);
  expect(s.wipe).toHaveBeenCalledTimes(1);
  expect(s.store.deletedAt).not.toBeNull();
  expect(new AccountDeletedError('x', null).name).toBe('AccountDeletedError');
  expect(new NetworkError('x').name).toBe('NetworkError');
});

test('the undo takes a fresh login code; without one nothing is sent', async () => {
  const s = setup();
  await s.store.submit();
  s.login.mockRejectedValueOnce(new NetworkError('login:fail'));
  await s.store.withdraw();
  expect(s.store.problem).toBe('network');
  expect(s.store.status).toBe('pending');
  expect(s.backend.requestsTo('/v1/me/cancellation/withdrawal')).toHaveLength(0);
  await s.store.withdraw();
  expect(s.store.status).toBe('withdrawn');
  expect(s.backend.requestsTo('/v1/me/cancellation/withdrawal')[0].body).toEqual({ code: 'code-2' });
  expect(s.store.problem).toBeNull();
});

test('an undo refused because the code is another WeChat user’s asks to sign in again, and changes nothing', async () => {
  const s = setup();
  await s.store.submit();
  s.login.mockResolvedValueOnce('dev:someone-else');
  await s.store.withdraw();
  expect(s.store.problem).toBe('reauth');
  expect(s.store.status).toBe('pending');
  expect((await s.api.getCancellation())?.status).toBe('pending');
});

describe('failures, by classify()', () => {
  it.each([500, 502, 503, 504, 429, 408])('a %i keeps the attempt ("try again shortly") and Retry sends the same key', async (status) => {
    const s = setup();
    s.backend.fault({ kind: 'status', status }, (r) => r.method === 'POST');
    await s.store.submit('why');
    expect(s.store.problem).toBe('unavailable');
    expect(s.store.attempt).not.toBeNull();
    expect(JSON.parse((await s.storage.get('privacy.cancellation'))!).attempt.key).toBe(s.store.attempt!.key);
    await s.store.retry();
    const [a, b] = posts(s.backend);
    expect(idem(b)).toBe(idem(a));
    expect(b!.body).toEqual(a!.body);
    expect(s.login).toHaveBeenCalledTimes(1);
    expect(s.store.status).toBe('pending');
    expect(s.store.problem).toBeNull();
  });

  it('an answer that breaks the contract keeps the attempt like a lost answer', async () => {
    const s = setup();
    const create = s.api.createCancellation.bind(s.api);
    s.api.createCancellation = async (request, key) => {
      await create(request, key); // the server stored it; the answer that came back is unreadable
      throw new ApiError(202, 'MALFORMED_RESPONSE', 'Malformed answer: cancellation');
    };
    await s.store.submit();
    expect(s.store.problem).toBe('unavailable');
    expect(s.store.attempt).not.toBeNull();
    s.api.createCancellation = create;
    await s.store.retry();
    const [a, b] = posts(s.backend);
    expect(idem(b)).toBe(idem(a));
    expect(s.login).toHaveBeenCalledTimes(1);
    expect(s.store.status).toBe('pending');
  });

  it.each([
    [400, 'BAD_REQUEST', 'failed'],
    [400, 'LOGIN_FAILED', 'reauth'],
    [403, 'FORBIDDEN', 'reauth'],
    [413, 'PAYLOAD_TOO_LARGE', 'failed'],
  ] as const)('a %i %s is a refusal: the attempt is dropped and the problem is %s', async (status, code, problem) => {
    const s = setup();
    s.backend.fault({ kind: 'status', status, code }, (r) => r.method === 'POST');
    await s.store.submit();
    expect(s.store.problem).toBe(problem);
    expect(s.store.attempt).toBeNull();
    expect(await s.storage.get('privacy.cancellation')).toBeNull();
    expect(s.store.canRequest).toBe(true);
  });

  it('a refresh answered by a 502 says "unavailable"', async () => {
    const s = setup();
    await s.store.submit();
    s.backend.fault({ kind: 'status', status: 502 }, (r) => r.method === 'GET');
    await s.store.refresh();
    expect(s.store.problem).toBe('unavailable');
    expect(s.store.status).toBe('pending');
  });

  it('storage full before sending keeps the attempt in memory, so Retry can still send it', async () => {
    const s = setup();
    s.storage.failNext('set', new StorageQuotaError('setStorage:fail exceed storage max size 10M'), 'privacy.cancellation');
    await s.store.submit();
    expect(s.store.problem).toBe('failed');
    expect(posts(s.backend)).toHaveLength(0);
    expect(s.store.attempt).not.toBeNull();
    await s.store.retry();
    expect(s.store.status).toBe('pending');
  });
});

test('at launch a request under way is shown once in the overlay queue, and the notice closes when the request ends', async () => {
  const s = setup();
  await s.store.submit();
  s.restart();
  await s.store.hydrate();
  const launched = s.store.launch();
  // Known pending from storage: on screen before the server answers.
  expect(s.ui.current?.kind).toBe('cancellation-status');
  await launched;
  expect(s.ui.queue.map((o) => o.kind)).toEqual(['cancellation-status']);
  const notice = s.ui.current!.answer;
  s.store.dismissLaunchNotice('view');
  await expect(notice).resolves.toBe('view');
  expect(s.ui.current).toBeNull();
  // A refresh in the same launch does not bring it back.
  await s.store.refresh();
  expect(s.ui.current).toBeNull();

  s.restart();
  await s.store.hydrate();
  await s.store.launch();
  const again = s.ui.current!.answer;
  await s.store.withdraw();
  await expect(again).resolves.toBe('dismissed');
  expect(s.ui.current).toBeNull();
});

test('an attempt whose answer was lost is shown once the server says the request is pending, not before', async () => {
  const s = setup();
  s.backend.fault({ kind: 'hang', commit: true }, (r) => r.method === 'POST');
  void s.store.submit();
  await new Promise((r) => setTimeout(r, 10));
  s.restart();
  await s.store.hydrate();
  expect(s.store.attempt).not.toBeNull();
  const launched = s.store.launch();
  expect(s.ui.current).toBeNull();
  await launched;
  expect(s.ui.current?.kind).toBe('cancellation-status');
});

test('the deletion is recorded before the wipe and lasts until the closing note is closed', async () => {
  const s = setup();
  let deletedDuringWipe: string | null = null;
  s.wipe.mockImplementationOnce(async () => {
    deletedDuringWipe = s.store.deletedAt;
  });
  await s.store.accountDeleted('2026-12-01T00:00:00.000Z');
  expect(deletedDuringWipe).toBe('2026-12-01T00:00:00.000Z');
  expect(s.ui.current).toMatchObject({ kind: 'account-deleted', subject: '2026-12-01T00:00:00.000Z' });
  expect(s.store.canRequest).toBe(false);
  s.store.dismissDeletedNote();
  await Promise.resolve();
  await Promise.resolve();
  expect(s.ui.current).toBeNull();
  expect(s.store.deletedAt).toBeNull();
  expect(s.store.canRequest).toBe(true);
});

describe('what a request made now would be given', () => {
  it('is read from the server before anything is asked: the cooling-off length and the deadline', async () => {
    const s = setup();
    expect(s.store.terms).toBeNull();
    await s.store.loadTerms();
    expect(s.store.terms).toEqual({ coolingOffSeconds: 7 * 86400, deadlineDays: 15, deadlineWorkingDaysCap: 15 });
    expect(s.store.termsUnavailable).toBe(false);
    expect(s.backend.requestsTo('/v1/cancellation/terms')).toHaveLength(1);
    // Public: asked without the session.
    expect(s.backend.requestsTo('/v1/cancellation/terms')[0].headers.authorization).toBeUndefined();
  });

  it('offline: unavailable, never a rejection; a later read replaces it', async () => {
    const s = setup();
    s.backend.fault({ kind: 'network' }, '/v1/cancellation/terms');
    await expect(s.store.loadTerms()).resolves.toBeUndefined();
    expect(s.store.terms).toBeNull();
    expect(s.store.termsUnavailable).toBe(true);
    await s.store.loadTerms();
    expect(s.store.termsUnavailable).toBe(false);
    expect(s.store.terms?.coolingOffSeconds).toBe(7 * 86400);
  });
});
