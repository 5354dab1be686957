jest.mock('@tarojs/taro', () => ({ __esModule: true, default: {} }));

import type { WxCallbacks } from './permissions.weapp';
import { createWechatPrivacy } from './wechatPrivacy.weapp';
import { PermissionCallError } from '../ports';

type Opts = WxCallbacks & Record<string, unknown>;
const succeed = (res: unknown) => (o: Opts) => o.success?.(res);
const failWith = (err: unknown) => (o: Opts) => o.fail?.(err);

describe('createWechatPrivacy', () => {
  it('reports unsupported on a base library without the privacy framework', async () => {
    const port = createWechatPrivacy({});
    await expect(port.getPrivacySetting()).resolves.toBe('unsupported');
    await expect(port.requirePrivacyAuthorize()).resolves.toBe('unsupported');
    await expect(port.openPrivacyContract()).resolves.toBe('unsupported');
    expect(port.onNeedPrivacyAuthorization(() => undefined)).toBe('unsupported');
  });

  it('wraps the callback APIs into promises with checked results', async () => {
    const port = createWechatPrivacy({
      getPrivacySetting: succeed({ needAuthorization: true, privacyContractName: '《小程序隐私保护指引》', errMsg: 'getPrivacySetting:ok' }),
      requirePrivacyAuthorize: succeed({ errMsg: 'requirePrivacyAuthorize:ok' }),
      openPrivacyContract: succeed({ errMsg: 'openPrivacyContract:ok' }),
    });
    await expect(port.getPrivacySetting()).resolves.toEqual({ needAuthorization: true, privacyContractName: '《小程序隐私保护指引》' });
    await expect(port.requirePrivacyAuthorize()).resolves.toBe('agreed');
    await expect(port.openPrivacyContract()).resolves.toBe('opened');
  });

  it('rejects an unchecked getPrivacySetting result and maps a refused agreement', async () => {
    const port = createWechatPrivacy({
      getPrivacySetting: succeed({ needAuthorization: 'yes' }),
      requirePrivacyAuthorize: failWith({ errMsg: 'requirePrivacyAuthorize:fail privacy permission is not authorized', errno: 104 }),
      openPrivacyContract: failWith({ errMsg: 'openPrivacyContract:fail system error' }),
    });
    await expect(port.getPrivacySetting()).rejects.toBeInstanceOf(PermissionCallError);
    await expect(port.requirePrivacyAuthorize()).resolves.toBe('refused');
    await expect(port.openPrivacyContract()).rejects.toMatchObject({ failure: { errMsg: 'openPrivacyContract:fail system error' } });
  });

  it('registers one listener and hands it WeChat’s resolve with a checked referrer', () => {
    let registered: ((resolve: (o: unknown) => void, info: { referrer: string }) => void) | null = null;
    const port = createWechatPrivacy({ onNeedPrivacyAuthorization: (l) => void (registered = l as typeof registered) });
    const seen: unknown[] = [];
    expect(port.onNeedPrivacyAuthorization((resolve, info) => {
      seen.push(info.referrer);
      resolve({ event: 'agree', buttonId: 'agree-btn' });
    })).toBe('registered');
    const wxResolve = jest.fn();
    registered!(wxResolve, { referrer: 'getFuzzyLocation' });
    registered!(wxResolve, undefined as unknown as { referrer: string });
    expect(seen).toEqual(['getFuzzyLocation', '']);
    expect(wxResolve).toHaveBeenCalledWith({ event: 'agree', buttonId: 'agree-btn' });
  });
});
