jest.mock('@tarojs/taro', () => ({ __esModule: true, default: {} }));

import { classify, HostLoginError } from '../ports';
import { createHostLogin } from './hostLogin';

describe('the login port', () => {
  it('answers the code the app gives', async () => {
    await expect(createHostLogin({ login: async () => ({ code: 'c0de', errMsg: 'login:ok' }) })()).resolves.toBe('c0de');
  });

  it("turns a failed login (Douyin's closed login window) into a HostLoginError, not a network error", async () => {
    const err = await createHostLogin({ login: () => Promise.reject({ errMsg: 'login:fail host login fail' }) })().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(HostLoginError);
    expect((err as Error).message).toBe('login:fail host login fail');
    expect(classify(err)).toBe('refused');
  });

  it('refuses an answer without a code', async () => {
    await expect(createHostLogin({ login: async () => ({ errMsg: 'login:ok' }) })()).rejects.toBeInstanceOf(HostLoginError);
  });
});
