/**
 * WechatPrivacyPort over WeChat's privacy framework. Taro does not promisify these four APIs
 * (they are passed straight to wx and typed as returning void), so the callbacks are wrapped
 * here; on base libraries without them every member reports 'unsupported' and the module
 * falls back to its own sheet.
 */
import Taro from '@tarojs/taro';
import { classifyFailure, parsePrivacySetting } from '../domain/permission-native';
import { PermissionCallError, type NeedPrivacyAuthorizationListener, type PrivacyAuthorizationResolution, type WechatPrivacyPort } from '../ports';
import { viaCallbacks, type WxCallbacks } from './permissions.weapp';

/** The part of `wx` (or Taro) the privacy framework uses. */
export interface WxPrivacyHost {
  getPrivacySetting?(options: WxCallbacks): unknown;
  requirePrivacyAuthorize?(options: WxCallbacks): unknown;
  openPrivacyContract?(options: WxCallbacks): unknown;
  onNeedPrivacyAuthorization?(listener: (resolve: (option: PrivacyAuthorizationResolution) => void, eventInfo: { referrer: string }) => void): unknown;
}

/** The WeChat implementation over a host (`Taro` in the app, a simulated `wx` in tests). */
export function createWechatPrivacy(wx: WxPrivacyHost): WechatPrivacyPort {
  const getPrivacySetting = wx.getPrivacySetting;
  const requirePrivacyAuthorize = wx.requirePrivacyAuthorize;
  const openPrivacyContract = wx.openPrivacyContract;
  const onNeedPrivacyAuthorization = wx.onNeedPrivacyAuthorization;

  return {
    async getPrivacySetting() {
      if (typeof getPrivacySetting !== 'function') return 'unsupported';
      const res = await viaCallbacks('getPrivacySetting', (cb) => getPrivacySetting.call(wx, cb));
      const setting = parsePrivacySetting(res);
      if (!setting) throw new PermissionCallError('getPrivacySetting', { errMsg: 'getPrivacySetting: result without needAuthorization' });
      return setting;
    },

    onNeedPrivacyAuthorization(listener: NeedPrivacyAuthorizationListener) {
      if (typeof onNeedPrivacyAuthorization !== 'function') return 'unsupported';
      onNeedPrivacyAuthorization.call(wx, (resolve, eventInfo) => {
        // WeChat hands over its own resolve; the listener receives it unchanged plus a checked referrer.
        const referrer = typeof eventInfo === 'object' && eventInfo !== null && typeof eventInfo.referrer === 'string' ? eventInfo.referrer : '';
        listener((resolution) => resolve(resolution), { referrer });
      });
      return 'registered';
    },

    async requirePrivacyAuthorize() {
      if (typeof requirePrivacyAuthorize !== 'function') return 'unsupported';
      try {
        await viaCallbacks('requirePrivacyAuthorize', (cb) => requirePrivacyAuthorize.call(wx, cb));
        return 'agreed';
      } catch (err) {
        // A refusal of the agreement (errno 103/104) is an answer, not a fault.
        if (err instanceof PermissionCallError && classifyFailure(err.failure) === 'privacy-not-agreed') return 'refused';
        throw err;
      }
    },

    async openPrivacyContract() {
      if (typeof openPrivacyContract !== 'function') return 'unsupported';
      await viaCallbacks('openPrivacyContract', (cb) => openPrivacyContract.call(wx, cb));
      return 'opened';
    },
  };
}

/** The app's instance, over Taro. */
export function wechatPrivacy(): WechatPrivacyPort {
  return createWechatPrivacy(Taro);
}
