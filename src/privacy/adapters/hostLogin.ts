/** The login port of a mini-program: the code `wx.login` / `tt.login` gives (through Taro). */
import Taro from '@tarojs/taro';
import { HostLoginError } from '../ports';
import { errMsgOf } from './storage.weapp';

/** The part of Taro (or `wx` / `tt`) the login port uses. */
export interface LoginHost {
  login(): Promise<{ code?: unknown; errMsg?: unknown }>;
}

/** A fresh login code; a failure or an answer without a code is a HostLoginError (nothing was sent). */
export function createHostLogin(host: LoginHost = Taro as unknown as LoginHost): () => Promise<string> {
  return async () => {
    let res: { code?: unknown; errMsg?: unknown };
    try {
      res = await host.login();
    } catch (err) {
      // Douyin: "login:fail host login fail" when the shopper closes its login window.
      throw new HostLoginError(errMsgOf(err));
    }
    if (typeof res?.code !== 'string' || res.code === '') throw new HostLoginError('login: answer without a code');
    return res.code;
  };
}
