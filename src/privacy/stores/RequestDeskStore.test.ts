import { ApiError, NetworkError } from '../ports';
import { FakeBackend, fakeApi, SequentialIds } from '../testing';
import { RequestDeskStore } from './RequestDeskStore';

const NOW = Date.parse('2026-11-25T02:00:00Z');

function setup(backend = new FakeBackend({ now: () => NOW, collectionRows: ['orders', 'profile', 'location'] })) {
  const token = backend.issueToken('u1');
  const api = fakeApi(backend, token);
  const sessionExpired = jest.fn(async () => undefined);
  const accountDeleted = jest.fn(async (_at: string | null) => undefined);
  let codes = 0;
  const login = jest.fn(async (_device: string) => `code-${++codes}`);
  const store = new RequestDeskStore({ api, ids: new SequentialIds('key'), login, deviceId: async () => 'device-1234', sessionExpired, accountDeleted });
  return { backend, api, store, login, sessionExpired, accountDeleted };
}

const posts = (b: FakeBackend) => b.requestsTo('/v1/me/requests', 'POST');

test('a deletion carries its rows, a fresh login code and an Idempotency-Key; "submitted" only with the 202 and its deadline', async () => {
  const s = setup();
  expect(await s.store.ask('deletion', { categories: ['orders', 'profile'], details: '  please  ' })).toBe(true);
  const [req] = posts(s.backend);
  expect(req!.body).toEqual({ type: 'deletion', categories: ['orders', 'profile'], details: 'please', code: 'code-1' });
  expect(req!.headers['idempotency-key']).toBe('key-000001');
  expect(s.login).toHaveBeenCalledWith('device-1234');
  expect(s.store.receipt).toMatchObject({ type: 'deletion', status: 'received', deadline: '2026-12-10T15:59:59.999Z' });
  expect(s.store.attempt).toBeNull();
  expect(s.store.requests.map((r) => [r.type, r.status, r.categories])).toEqual([['deletion', 'received', ['orders', 'profile']]]);
  expect(s.backend.rightsRequestsOf('u1')).toHaveLength(1);
});

test('an explanation or a complaint needs no login code; rows travel only with a deletion or restriction', async () => {
  const s = setup();
  await s.store.ask('explanation', { details: 'How do you pick recommendations?', categories: ['orders'] });
  await s.store.ask('complaint', { details: 'Nobody answered my e-mail.' });
  expect(posts(s.backend).map((r) => r.body)).toEqual([
    { type: 'explanation', details: 'How do you pick recommendations?' },
    { type: 'complaint', details: 'Nobody answered my e-mail.' },
  ]);
  expect(s.login).not.toHaveBeenCalled();
});

test.each([
  ['a deletion without rows', 'deletion', {}, 'need-categories'],
  ['a restriction without rows', 'restriction', { categories: [] }, 'need-categories'],
  ['a correction without words', 'correction', { details: '   ' }, 'need-details'],
  ['a complaint too long', 'complaint', { details: 'x'.repeat(2001) }, 'details-too-long'],
  ['a complaint with a control character', 'complaint', { details: 'a\u0000b' }, 'details-invalid'],
] as const)('%s sends nothing, asks WeChat for nothing and says what is missing', async (_name, type, input, problem) => {
  const s = setup();
  expect(await s.store.ask(type, input)).toBe(false);
  expect(s.store.formProblem).toBe(problem);
  expect(posts(s.backend)).toHaveLength(0);
  expect(s.login).not.toHaveBeenCalled();
  expect(s.store.receipt).toBeNull();
});

test('a lost answer is retried with the same key and body: the server holds one request', async () => {
  const s = setup();
  s.backend.fault({ kind: 'drop' }, (r) => r.method === 'POST');
  expect(await s.store.ask('restriction', { categories: ['location'] })).toBe(false);
  expect(s.store.problem).toBe('network');
  expect(s.store.receipt).toBeNull();
  expect(s.store.attempt).not.toBeNull();
  // Tapping send again retries the attempt; it never makes a second one.
  expect(await s.store.ask('restriction', { categories: ['location'] })).toBe(true);
  const [a, b] = posts(s.backend);
  expect(b!.headers['idempotency-key']).toBe(a!.headers['idempotency-key']);
  expect(b!.body).toEqual(a!.body);
  expect(s.login).toHaveBeenCalledTimes(1);
  expect(s.backend.rightsRequestsOf('u1')).toHaveLength(1);
  expect(s.store.receipt?.id).toBe(s.backend.rightsRequestsOf('u1')[0]!.id);
  expect(s.store.problem).toBeNull();
});

test('retry() after no answer at all sends the same attempt', async () => {
  const s = setup();
  s.backend.fault({ kind: 'network' }, (r) => r.method === 'POST');
  await s.store.ask('access');
  expect(s.store.problem).toBe('network');
  expect(await s.store.retry()).toBe(true);
  expect(new Set(posts(s.backend).map((r) => r.headers['idempotency-key'])).size).toBe(1);
  expect(s.backend.rightsRequestsOf('u1')).toHaveLength(1);
});

test('a double tap sends one request', async () => {
  const s = setup();
  await Promise.all([s.store.ask('copy'), s.store.ask('copy'), s.store.ask('copy')]);
  expect(posts(s.backend)).toHaveLength(1);
  expect(s.login).toHaveBeenCalledTimes(1);
});

test("the server's no ends the attempt: 403 asks to confirm identity again, 400 says why, and the next send is a new attempt", async () => {
  const s = setup();
  s.backend.fault({ kind: 'status', status: 403, code: 'FORBIDDEN' }, (r) => r.method === 'POST');
  await s.store.ask('copy');
  expect(s.store.problem).toBe('reauth');
  expect(s.store.attempt).toBeNull();
  s.backend.collectionRows = new Set(['orders']);
  await s.store.ask('deletion', { categories: ['profile'] });
  expect(s.store.problem).toBe('invalid');
  expect(s.store.problemDetail).toContain('profile');
  expect(await s.store.ask('deletion', { categories: ['orders'] })).toBe(true);
  expect(posts(s.backend).map((r) => r.headers['idempotency-key'])).toEqual(['key-000001', 'key-000002', 'key-000003']);
  expect(s.backend.rightsRequestsOf('u1')).toHaveLength(1);
});

test('no login code from WeChat: nothing is sent', async () => {
  const s = setup();
  s.login.mockRejectedValueOnce(new Error('login:fail'));
  expect(await s.store.ask('portability')).toBe(false);
  expect(s.store.problem).toBe('reauth');
  expect(posts(s.backend)).toHaveLength(0);
  expect(s.store.attempt).toBeNull();
});

test('lists the requests newest first with the outcome and reason ops gave', async () => {
  const s = setup();
  await s.store.ask('access');
  await s.store.ask('deletion', { categories: ['orders'] });
  const [access, deletion] = s.backend.rightsRequestsOf('u1');
  s.backend.decideRightsRequest(deletion!.id, 'refused', { zh: '订单须依法保存三年', en: 'Orders are kept three years by law' });
  await s.store.load();
  expect(s.store.loaded).toBe(true);
  expect(s.store.requests.map((r) => [r.id, r.status, r.reason?.en])).toEqual([
    [deletion!.id, 'refused', 'Orders are kept three years by law'],
    [access!.id, 'received', undefined],
  ]);
  expect(s.store.open.map((r) => r.id)).toEqual([access!.id]);
});

test('withdraws an open request; one answered meanwhile shows its answer (409)', async () => {
  const s = setup();
  await s.store.ask('access');
  await s.store.ask('explanation');
  const [access, explanation] = s.backend.rightsRequestsOf('u1');
  await s.store.load();
  await s.store.withdraw(access!.id);
  expect(s.store.requests.find((r) => r.id === access!.id)?.status).toBe('withdrawn');
  expect(s.store.problem).toBeNull();
  s.backend.decideRightsRequest(explanation!.id, 'fulfilled');
  await s.store.withdraw(explanation!.id);
  expect(s.store.problem).toBe('conflict');
  expect(s.store.requests.find((r) => r.id === explanation!.id)?.status).toBe('fulfilled');
  expect(s.backend.rightsRequestsOf('u1').map((r) => r.status)).toEqual(['withdrawn', 'fulfilled']);
});

test('failures are classified like the other stores: 401 forgets the session, 410 hands over to the wipe, 503 is for later', async () => {
  const s = setup();
  s.backend.fault({ kind: 'status', status: 503 }, '/v1/me/requests');
  await s.store.load();
  expect(s.store.problem).toBe('unavailable');
  s.backend.fault({ kind: 'status', status: 401, code: 'UNAUTHENTICATED' }, '/v1/me/requests');
  await s.store.load();
  expect(s.store.problem).toBe('sign-in');
  expect(s.sessionExpired).toHaveBeenCalledTimes(1);

  const t = setup();
  await t.store.ask('access');
  t.backend.deleteAccount('u1', '2026-11-30T00:00:00.000Z');
  await t.store.load();
  expect(t.accountDeleted).toHaveBeenCalledWith('2026-11-30T00:00:00.000Z');
  expect(t.store.requests).toEqual([]);
});

test('a malformed list is a passing failure and keeps what was shown', async () => {
  const s = setup();
  await s.store.ask('access');
  const api = s.api;
  jest.spyOn(api, 'getRightsRequests').mockRejectedValueOnce(new ApiError(200, 'MALFORMED_RESPONSE', 'Malformed answer: requests'));
  await s.store.load();
  expect(s.store.problem).toBe('unavailable');
  expect(s.store.requests).toHaveLength(1);
  jest.spyOn(api, 'getRightsRequests').mockRejectedValueOnce(new NetworkError('offline'));
  await s.store.load();
  expect(s.store.problem).toBe('network');
});
