/**
 * What a build for a Taro platform the module has no adapters for (Alipay, Baidu, QQ…) loads in
 * place of ports: it stops the app at start with the reason, rather than hand a mini-program the
 * browser's storage, `fetch` and development login. The package's Taro plugin stops such a build
 * before it runs (taro-plugin/index.js); this is the guard for a build without the plugin.
 */
import type { PlatformConfig, PlatformPorts } from './platformTypes';

export function createPlatformPorts(_config: PlatformConfig): PlatformPorts {
  throw new Error(
    `@maison/privacy has no adapters for the Taro platform "${String(process.env.TARO_ENV)}": it builds for weapp, tt and h5. ` +
      "List '@maison/privacy/taro-plugin' in your Taro config to stop such builds.",
  );
}
