/**
 * The module's ports on Douyin. Douyin's storage, request, file-system and privacy-framework APIs
 * take WeChat's names, options and callbacks, and Taro hands each call to `tt`, so those adapters
 * are WeChat's over Taro. Permissions (Douyin's scopes and errors) and login (`tt.login`, a code
 * the backend exchanges with Douyin) are Douyin's own. Douyin has no `shareFileMessage`: the data
 * export is copied as text (the file adapter's `canSend()` is false there).
 */
import { weappDataFile } from './dataFile.weapp';
import { createWeappHttp } from './http.weapp';
import { createHostLogin } from './hostLogin';
import { PrivacyApi } from './PrivacyApi';
import { permissionPlatform } from './permissions.tt';
import { createWeappStorage } from './storage.weapp';
import { sharedPorts } from './sharedPorts';
import { wechatPrivacy } from './wechatPrivacy.weapp';
import type { PlatformConfig, PlatformPorts } from './platformTypes';

export function createPlatformPorts(config: PlatformConfig): PlatformPorts {
  return {
    storage: createWeappStorage(),
    api: new PrivacyApi({ http: createWeappHttp({ baseUrl: config.apiBaseUrl }), loginPlatform: 'tt' }),
    ...sharedPorts(),
    permissions: permissionPlatform(),
    files: weappDataFile(),
    // Douyin's privacy framework mirrors WeChat's, name for name (base library 3.19.0+).
    wechatPrivacy: wechatPrivacy(),
    login: createHostLogin(),
  };
}
