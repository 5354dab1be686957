/**
 * `@maison/privacy/platform`: the ports for the platform being built, behind one contract. The
 * choice reads `process.env.TARO_ENV`, which Taro replaces at build time, so the other platforms'
 * adapters are left out of the bundle — whether or not the host's resolver applies Taro's
 * `.weapp` / `.tt` / `.h5` file suffixes to installed packages. Type checks and Jest (no TARO_ENV)
 * get the browser ports.
 *
 * A platform the module has no adapters for (Alipay, Baidu, QQ…) never gets the browser's
 * adapters: the module's Taro plugin stops its build with the reason (SUPPORTED_PLATFORMS in
 * taro-plugin/index.js), and a build made without the plugin stops at start, with the same reason
 * (adapters/platform.unsupported.ts).
 */
import type { PlatformConfig, PlatformPorts } from './adapters/platformTypes';

export type { PlatformConfig, PlatformPorts };

/** Every port of the module on the platform being built: storage, HTTP, the privacy framework, permissions. */
export function createPlatformPorts(config: PlatformConfig): PlatformPorts {
  // Written out in full (Taro's define replaces it textually), and as one conditional expression,
  // which webpack folds so that the branches not taken are never bundled.
  const adapters: typeof import('./adapters/platform.h5') =
    process.env.TARO_ENV === 'weapp'
      ? require('./adapters/platform.weapp')
      : process.env.TARO_ENV === 'tt'
        ? require('./adapters/platform.tt')
        : process.env.TARO_ENV === 'h5' || process.env.TARO_ENV === undefined
          ? require('./adapters/platform.h5')
          : require('./adapters/platform.unsupported');
  return adapters.createPlatformPorts(config);
}
