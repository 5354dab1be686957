import { FakeBackend, fakeApi, SequentialIds } from '../testing';
import { ProfileStore } from './ProfileStore';

const NOW = Date.parse('2026-11-25T02:00:00Z');

function setup(backend = new FakeBackend({ now: () => NOW })) {
  const token = backend.issueToken('u1');
  const api = fakeApi(backend, token);
  const sessionExpired = jest.fn(async () => undefined);
  let codes = 0;
  const login = jest.fn(async (_device: string) => `code-${++codes}`);
  const store = new ProfileStore({ api, ids: new SequentialIds('pkey'), login, deviceId: async () => 'device-1234', sessionExpired });
  return { backend, store, login, sessionExpired };
}

const puts = (b: FakeBackend) => b.requestsTo('/v1/me/profile', 'PUT');

test('reads the profile the server holds', async () => {
  const s = setup();
  await s.store.load();
  expect({ loaded: s.store.loaded, nickname: s.store.nickname, phone: s.store.phone }).toEqual({ loaded: true, nickname: '', phone: '' });
});

test('the first save gives the details (no correction); changing them is a fulfilled correction, made on the server', async () => {
  const s = setup();
  expect(await s.store.save(' 小王 ', '13800000000')).toBe(true);
  const [first] = puts(s.backend);
  expect(first!.body).toEqual({ nickname: '小王', phone: '13800000000', code: 'code-1' });
  expect(first!.headers['idempotency-key']).toBe('pkey-000001');
  expect(s.login).toHaveBeenCalledWith('device-1234');
  expect({ saved: s.store.saved, correction: s.store.lastCorrection }).toEqual({ saved: true, correction: null });

  expect(await s.store.save('小王', '13900000000')).toBe(true);
  expect(s.store.lastCorrection).toMatchObject({ type: 'correction', status: 'fulfilled', categories: ['registration'] });
  expect(s.backend.rightsRequestsOf('u1')).toEqual([expect.objectContaining({ type: 'correction', status: 'fulfilled' })]);
  expect(s.store.phone).toBe('13900000000');
});

test.each([
  ['a phone that is not a mainland mobile number', 'x', '12345', 'phone'],
  ['a nickname over 20 characters', 'x'.repeat(21), '', 'nickname'],
] as const)('%s is refused before anything is sent or WeChat is asked', async (_what, nickname, phone, field) => {
  const s = setup();
  expect(ProfileStore.fieldProblem(nickname, phone)).toBe(field);
  expect(await s.store.save(nickname, phone)).toBe(false);
  expect(puts(s.backend)).toHaveLength(0);
  expect(s.login).not.toHaveBeenCalled();
});

test('a lost answer is retried with the same key: one correction on the server', async () => {
  const s = setup();
  await s.store.save('a', '13800000000');
  s.backend.fault({ kind: 'drop' }, (r) => r.method === 'PUT');
  expect(await s.store.save('b', '13800000000')).toBe(false);
  expect(s.store.problem).not.toBeNull();
  expect(await s.store.save('b', '13800000000')).toBe(true);
  const keys = puts(s.backend).map((r) => r.headers['idempotency-key']);
  expect(keys.slice(1)).toEqual([keys[1], keys[1]]);
  expect(s.backend.rightsRequestsOf('u1')).toHaveLength(1);
  expect(s.store.lastCorrection).toMatchObject({ type: 'correction', categories: ['online-identifiers'] });
});

test('another WeChat user’s login code is refused: nothing changes and the shopper is told to confirm again', async () => {
  const s = setup();
  const store = new ProfileStore({ api: fakeApi(s.backend, s.backend.issueToken('u1')), ids: new SequentialIds('k'), login: async () => 'dev:someone-else', deviceId: async () => 'd' });
  expect(await store.save('x', '')).toBe(false);
  expect(store.problem).toBe('reauth');
  await store.load();
  expect(store.nickname).toBe('');
});

test('a 401 asks to sign in again', async () => {
  const s = setup();
  s.backend.fault({ kind: 'status', status: 401, code: 'UNAUTHENTICATED' }, '/v1/me/profile');
  await s.store.load();
  expect(s.store.problem).toBe('sign-in');
  expect(s.sessionExpired).toHaveBeenCalled();
});
