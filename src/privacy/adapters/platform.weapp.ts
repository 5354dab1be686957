/** The module's ports on WeChat. Taro picks this file over platform.ts when building weapp. */
import Taro from '@tarojs/taro';
import { weappDataFile } from './dataFile.weapp';
import { createWeappHttp } from './http.weapp';
import { randomIds } from './ids';
import { PrivacyApi } from './PrivacyApi';
import { permissionPlatform } from './permissions.weapp';
import { createWeappStorage } from './storage.weapp';
import { taroSystem, yieldToRenderer } from './system';
import { wechatPrivacy } from './wechatPrivacy.weapp';
import type { PlatformConfig, PlatformPorts } from './platformTypes';
import { warnIfAriaPluginMissing } from './ariaPluginCheck';

export function createPlatformPorts(config: PlatformConfig): PlatformPorts {
  // Development builds only (production drops the check): say loudly when the Taro plugin is missing.
  if (process.env.NODE_ENV !== 'production') warnIfAriaPluginMissing();
  return {
    storage: createWeappStorage(),
    api: new PrivacyApi({ http: createWeappHttp({ baseUrl: config.apiBaseUrl }) }),
    system: taroSystem,
    clock: { now: () => Date.now() },
    ids: randomIds,
    timer: { setTimeout: (fn, ms) => { const h = setTimeout(fn, ms); return () => clearTimeout(h); } },
    yieldToRenderer,
    permissions: permissionPlatform(),
    files: weappDataFile(),
    wechatPrivacy: wechatPrivacy(),
    login: async () => (await Taro.login()).code,
  };
}
