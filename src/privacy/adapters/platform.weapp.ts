/** The module's ports on WeChat. Taro picks this file over platform.ts when building weapp. */
import { weappDataFile } from './dataFile.weapp';
import { createWeappHttp } from './http.weapp';
import { createHostLogin } from './hostLogin';
import { PrivacyApi } from './PrivacyApi';
import { permissionPlatform } from './permissions.weapp';
import { createWeappStorage } from './storage.weapp';
import { sharedPorts } from './sharedPorts';
import { wechatPrivacy } from './wechatPrivacy.weapp';
import type { PlatformConfig, PlatformPorts } from './platformTypes';
import { warnIfAriaPluginMissing } from './ariaPluginCheck';

export function createPlatformPorts(config: PlatformConfig): PlatformPorts {
  // Development builds only (production drops the check): say loudly when the Taro plugin is missing.
  if (process.env.NODE_ENV !== 'production') warnIfAriaPluginMissing();
  return {
    storage: createWeappStorage(),
    api: new PrivacyApi({ http: createWeappHttp({ baseUrl: config.apiBaseUrl }) }),
    ...sharedPorts(),
    permissions: permissionPlatform(),
    files: weappDataFile(),
    wechatPrivacy: wechatPrivacy(),
    login: createHostLogin(),
  };
}
