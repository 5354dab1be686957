import type { PrivacyApiPort } from '../ports';
import { ManualClock, MemoryStorage } from '../testing';
import { AccountStore } from './AccountStore';

/** The part of the API port sign-in and sign-out use, recording sign-outs. */
function api(signOut: 'ok' | 'offline') {
  let token: string | null = null;
  const signOuts: string[] = [];
  const port = {
    signOuts,
    hasSession: () => token !== null,
    setToken: (t: string | null) => void (token = t),
    login: async () => {
      token = 'st_token';
      return { token, userId: 'u1', expiresAt: '2099-01-01T00:00:00.000Z' };
    },
    signOut: async (scope: 'this-device' | 'everywhere' = 'this-device') => {
      signOuts.push(scope);
      token = null;
      if (signOut === 'offline') throw new Error('offline');
      return { revoked: 1 };
    },
  };
  return port;
}

const store = (port: ReturnType<typeof api>, storage: MemoryStorage) =>
  new AccountStore({
    storage,
    api: port as unknown as PrivacyApiPort,
    login: async () => 'dev:u1',
    deviceId: () => 'device-1',
    keyPrefix: 'privacy.',
    clock: new ManualClock(),
    recordGuardianConsent: async () => undefined,
  });

describe('AccountStore.signOut', () => {
  it.each(['this-device', 'everywhere'] as const)('ends the session on the server (%s) and forgets it here', async (scope) => {
    const port = api('ok');
    const storage = new MemoryStorage();
    const account = store(port, storage);
    await account.signIn();
    expect(account.signedIn).toBe(true);
    await account.signOut(scope);
    expect(port.signOuts).toEqual([scope]);
    expect(account.signedIn).toBe(false);
    expect(port.hasSession()).toBe(false);
    expect(await storage.get(account.sessionKey)).toBeNull();
  });

  it('forgets the session here even when the server cannot be told', async () => {
    const storage = new MemoryStorage();
    const account = store(api('offline'), storage);
    await account.signIn();
    await expect(account.signOut()).rejects.toThrow('offline');
    expect(account.signedIn).toBe(false);
    expect(await storage.get(account.sessionKey)).toBeNull();
  });
});
