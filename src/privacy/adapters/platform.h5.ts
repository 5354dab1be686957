/** The module's ports in the browser. Taro picks this file over platform.ts when building h5. */
import { browserDataFile } from './dataFile.h5';
import { createH5Http } from './http.h5';
import { PrivacyApi } from './PrivacyApi';
import { permissionPlatform } from './permissions.h5';
import { createH5Storage } from './storage.h5';
import { sharedPorts } from './sharedPorts';
import type { PlatformConfig, PlatformPorts } from './platformTypes';

export function createPlatformPorts(config: PlatformConfig): PlatformPorts {
  const storage = createH5Storage();
  return {
    storage,
    api: new PrivacyApi({ http: createH5Http({ baseUrl: config.apiBaseUrl }) }),
    ...sharedPorts(),
    permissions: permissionPlatform(),
    files: browserDataFile(),
    // No WeChat in a browser: the backend's development login stands in (DEV_LOGIN=1 servers only).
    login: async (deviceId: string) => `dev:${deviceId}`,
  };
}
