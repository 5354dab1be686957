import { AccountDeletedError, ApiError, NetworkError, UnauthenticatedError } from '../ports';
import { FakeBackend, fakeApi, ManualClock, MemoryStorage } from '../testing';
import { AccountStore } from './AccountStore';

/** An AccountStore over the real client and a FakeBackend, sharing one clock and one storage. */
function setup(storage = new MemoryStorage(), backend?: FakeBackend, login: () => Promise<string> = async () => 'dev:u1', recordGuardianConsent: () => Promise<unknown> = async () => undefined) {
  const clock = new ManualClock(Date.parse('2026-03-02T08:00:00.000Z'));
  const server = backend ?? new FakeBackend({ now: () => clock.now() });
  const make = () =>
    new AccountStore({
      storage,
      api: fakeApi(server),
      login,
      deviceId: () => 'device-1',
      keyPrefix: 'privacy.',
      clock,
      recordGuardianConsent,
    });
  return { storage, clock, server, make };
}

describe('a returning member signs in again', () => {
  it('after a sign-out, one tap signs in to the same account, sending existing: true; no account is made anew', async () => {
    const { server, storage, make } = setup();
    const account = make();
    await account.hydrate();
    expect(account.returning).toBe(false);
    await account.signIn();
    const first = account.userId;
    expect(account.returning).toBe(true);
    await account.signOut();
    expect(account.signedIn).toBe(false);
    // The device still knows the member: after a restart too.
    const next = make();
    await next.hydrate();
    expect(next.returning).toBe(true);
    expect(await next.signInAgain()).toBe('signed-in');
    expect(next.userId).toBe(first);
    expect(server.requestsTo('/v1/sessions', 'POST').filter((r) => r.path === '/v1/sessions').map((r) => r.body)).toEqual([{ code: 'dev:u1' }, { code: 'dev:u1', existing: true }]);
    expect(JSON.parse((await storage.get('privacy.member'))!)).toEqual({ userId: first });
  });

  it('a WeChat user with no account: nothing is made, the answer is no-account and the device forgets the member', async () => {
    const storage = new MemoryStorage();
    // The device remembers an account that is gone (purged while signed out).
    await storage.set('privacy.member', JSON.stringify({ userId: 'user-u1' }));
    const { server, make } = setup(storage);
    const account = make();
    await account.hydrate();
    expect(account.returning).toBe(true);
    expect(await account.signInAgain()).toBe('no-account');
    expect(account.signedIn).toBe(false);
    expect(account.returning).toBe(false);
    expect(await storage.get('privacy.member')).toBeNull();
    expect(await storage.get(account.sessionKey)).toBeNull();
    expect(server.liveTokens('user-u1')).toEqual([]);
  });

  it('an "under 14" answer stands: signing in again asks no one and sends nothing', async () => {
    const login = jest.fn(async () => 'dev:u1');
    const { server, make } = setup(undefined, undefined, login);
    const account = make();
    expect(await account.register(2020, 1)).toBe('under-14');
    expect(await account.signInAgain()).toBe('under-14');
    expect(login).not.toHaveBeenCalled();
    expect(server.requests).toEqual([]);
    expect(account.signedIn).toBe(false);
  });

  it("a 401 keeps the member known; the account's deletion forgets it", async () => {
    const { storage, make } = setup();
    const account = make();
    await account.signIn();
    await account.sessionExpired();
    expect(account.returning).toBe(true);
    await account.clear();
    expect(account.returning).toBe(false);
    expect(await storage.get('privacy.member')).toBeNull();
  });
});

describe('AccountStore.signOut', () => {
  it.each(['this-device', 'everywhere'] as const)('ends the session on the server (%s) and forgets it here', async (scope) => {
    const { server, storage, make } = setup();
    const account = make();
    await account.signIn();
    expect(server.liveTokens('user-u1')).toHaveLength(1);
    expect(await account.signOut(scope)).toBe('signed-out');
    expect(server.requestsTo('/v1/sessions/sign-out')).toHaveLength(1);
    expect(server.requestsTo('/v1/sessions/sign-out')[0].body).toMatchObject({ scope });
    expect(server.liveTokens('user-u1')).toEqual([]);
    expect(account.signedIn).toBe(false);
    expect(await storage.get(account.sessionKey)).toBeNull();
    expect(await storage.get(account.signOutsKey)).toBeNull();
  });

  it('offline: forgets the session here, keeps the sign-out, and ends the server session at the next launch', async () => {
    const { server, storage, make, clock } = setup();
    const account = make();
    await account.signIn();
    const [token] = server.liveTokens('user-u1');
    server.fault({ kind: 'network' }, '/v1/sessions/sign-out');
    expect(await account.signOut()).toBe('queued');
    expect(account.signedIn).toBe(false);
    expect(account.pendingSignOuts).toBe(1);
    expect(await storage.get(account.sessionKey)).toBeNull();
    // The server was not told: the session still works there until the sign-out arrives.
    expect(server.liveTokens('user-u1')).toEqual([token]);

    await clock.advance(60_000);
    const next = make();
    await next.hydrate();
    await next.sendSignOuts();
    expect(server.liveTokens('user-u1')).toEqual([]);
    expect(next.pendingSignOuts).toBe(0);
    expect(await storage.get(next.signOutsKey)).toBeNull();
    // Delivered once: a further launch sends nothing.
    const third = make();
    await third.hydrate();
    await third.sendSignOuts();
    expect(server.requestsTo('/v1/sessions/sign-out')).toHaveLength(2);
  });

  it('a late "everywhere" ends the sessions made before it, not the one made after it', async () => {
    const { server, make, clock } = setup();
    const phone = make();
    await phone.signIn();
    const tablet = setup(new MemoryStorage(), server).make();
    await tablet.signIn();
    const [phoneToken, tabletToken] = server.liveTokens('user-u1');
    server.fault({ kind: 'network' }, '/v1/sessions/sign-out');
    expect(await phone.signOut('everywhere')).toBe('queued');
    await clock.advance(5 * 60_000);
    // Back online, the shopper signs in again on the phone; the queued sign-out goes out after it.
    await phone.signIn();
    await phone.sendSignOuts();
    const live = server.liveTokens('user-u1');
    expect(live).not.toContain(phoneToken);
    expect(live).not.toContain(tabletToken);
    expect(live).toHaveLength(1);
    expect(phone.signedIn).toBe(true);
    expect(server.requestsTo('/v1/sessions/sign-out').at(-1)?.body).toEqual({ scope: 'everywhere', signedOutAt: '2026-03-02T08:00:00.000Z' });
  });

  it('keeps the sign-out while the server is down, drops it once refused for good or expired', async () => {
    const { server, make, storage, clock } = setup();
    const account = make();
    await account.signIn();
    server.fault({ kind: 'status', status: 503 }, '/v1/sessions/sign-out');
    expect(await account.signOut()).toBe('queued');
    // Another launch while the server is still down: kept.
    server.fault({ kind: 'status', status: 503 }, '/v1/sessions/sign-out');
    await make().sendSignOuts();
    expect(JSON.parse((await storage.get(account.signOutsKey))!)).toHaveLength(1);
    // Past the session's own expiry nothing needs telling: dropped without a request.
    await clock.advance(8 * 86400_000);
    const before = server.requestsTo('/v1/sessions/sign-out').length;
    await make().sendSignOuts();
    expect(server.requestsTo('/v1/sessions/sign-out')).toHaveLength(before);
    expect(await storage.get(account.signOutsKey)).toBeNull();
  });

  it('a session the server already refuses counts as signed out', async () => {
    const { server, make } = setup();
    const account = make();
    await account.signIn();
    server.expireSessions();
    expect(await account.signOut()).toBe('signed-out');
    expect(account.pendingSignOuts).toBe(0);
  });
});

describe('AccountStore sign-out delivery, by classify()', () => {
  /** Signs out once while revokeSession fails with `error`; says whether the sign-out was kept. */
  async function signOutFailingWith(error: Error | { status: number }): Promise<{ kept: boolean; outcome: string }> {
    const clock = new ManualClock(Date.parse('2026-03-02T08:00:00.000Z'));
    const server = new FakeBackend({ now: () => clock.now() });
    const storage = new MemoryStorage();
    const api = fakeApi(server);
    if ('status' in error) server.fault({ kind: 'status', status: error.status }, '/v1/sessions/sign-out');
    else api.revokeSession = async () => Promise.reject(error);
    const account = new AccountStore({ storage, api, login: async () => 'dev:u1', deviceId: () => 'device-1', keyPrefix: 'privacy.', clock, recordGuardianConsent: async () => undefined });
    await account.signIn();
    const outcome = await account.signOut();
    return { kept: account.pendingSignOuts === 1 && (await storage.get(account.signOutsKey)) !== null, outcome };
  }

  it.each([
    ['a lost connection', new NetworkError('request:fail')],
    ['a 503', { status: 503 }],
    ['a 502', { status: 502 }],
    ['a 429', { status: 429 }],
    // Changed: these were dropped before.
    ['a 408', { status: 408 }],
    ['an answer that breaks the contract', new ApiError(200, 'MALFORMED_RESPONSE', 'Malformed answer: sign-out')],
    ['an unexpected failure (a defect)', new TypeError("Cannot read properties of undefined (reading 'revoked')")],
  ])('keeps the sign-out to tell the server later after %s', async (_name, error) => {
    expect(await signOutFailingWith(error)).toEqual({ kept: true, outcome: 'queued' });
  });

  it.each([
    ['a 400', { status: 400 }],
    ['a 403', { status: 403 }],
    ['a 404', { status: 404 }],
    ['a session already refused (401)', new UnauthenticatedError('expired')],
    ['an account already deleted (410)', new AccountDeletedError('gone', null)],
  ])('drops the sign-out after %s (it would not change on a retry)', async (_name, error) => {
    expect(await signOutFailingWith(error)).toEqual({ kept: false, outcome: 'signed-out' });
  });
});

describe('the minors\' rules', () => {
  it('an "under 14" answer holds on the device across restarts for AGE_REFUSAL_DAYS, keeping only its day', async () => {
    const { storage, clock, server, make } = setup();
    const account = make();
    await account.hydrate();
    expect(await account.register(2016, 5)).toBe('under-14');
    // Only the day is kept (China time), never the birth date.
    expect(await storage.get('privacy.ageRefusal')).toBe(JSON.stringify({ refusedOn: '2026-03-02' }));
    for (const k of await storage.keys()) expect(await storage.get(k)).not.toContain('2016');

    // A restart: the answer holds, another answer is not looked at, signing in is refused.
    const next = make();
    await next.hydrate();
    expect(next.ageRefused).toBe(true);
    expect(next.ageRefusedUntil).toBe('2026-03-31');
    expect(await next.register(1990, 1)).toBe('under-14');
    expect(await next.signInAgain()).toBe('under-14');
    expect(server.requests).toEqual([]);

    // Its last day still holds; the day after, it is gone and the age step is asked again.
    await clock.advance(Date.parse('2026-03-31T15:59:00.000Z') - clock.now());
    const lastDay = make();
    await lastDay.hydrate();
    expect(lastDay.ageRefused).toBe(true);
    await clock.advance(60_000);
    const after = make();
    await after.hydrate();
    expect(after.ageRefused).toBe(false);
    expect(await storage.get('privacy.ageRefusal')).toBeNull();
    expect(await after.register(1990, 1)).toBe('registered');
  });

  it('14–17: the consent is recorded and the account made only once the code sent to the guardian checks out', async () => {
    const recordGuardianConsent = jest.fn(async () => undefined);
    const { server, make } = setup(undefined, undefined, undefined, recordGuardianConsent);
    const account = make();
    expect(await account.register(2011, 1)).toBe('needs-guardian');
    expect(await account.sendGuardianCode('13800001111')).toBe('sent');
    expect(server.requestsTo('/v1/guardian-codes', 'POST')[0]!.body).toEqual({ deviceId: 'device-1', phone: '13800001111' });
    const code = server.guardianCodeFor('13800001111')!;

    expect(await account.confirmGuardian(code === '999999' ? '000000' : String(Number(code) + 1))).toBe('wrong-code');
    expect(recordGuardianConsent).not.toHaveBeenCalled();
    expect(account.signedIn).toBe(false);
    expect(server.requestsTo('/v1/sessions', 'POST')).toEqual([]);

    expect(await account.confirmGuardian(code)).toBe('registered');
    expect(recordGuardianConsent).toHaveBeenCalledTimes(1);
    expect(account.signedIn).toBe(true);
    expect(server.requestsTo('/v1/sessions', 'POST').map((r) => r.body)).toEqual([{ code: 'dev:u1', guardianProof: expect.stringMatching(/\.[0-9a-f]{64}$/) }]);
    expect(account.guardianCode).toBeNull();
  });

  it('14–17: a refused number, too many codes and a spent code are told apart', async () => {
    const { server, make } = setup();
    const account = make();
    await expect(account.sendGuardianCode('13800001111')).rejects.toThrow('No guardian consent is pending');
    expect(await account.register(2011, 1)).toBe('needs-guardian');
    expect(await account.sendGuardianCode('12345')).toBe('bad-number');
    server.fault({ kind: 'status', status: 429, code: 'RATE_LIMITED' }, '/v1/guardian-codes');
    expect(await account.sendGuardianCode('13800001111')).toBe('limited');
    expect(await account.sendGuardianCode('13800001111')).toBe('sent');
    server.fault({ kind: 'status', status: 410, code: 'GUARDIAN_CODE_EXPIRED' }, '/v1/guardian-codes/');
    expect(await account.confirmGuardian(server.guardianCodeFor('13800001111')!)).toBe('new-code-needed');
    expect(account.guardianCode).toBeNull();
    expect(account.signedIn).toBe(false);
  });
});
