/**
 * `@maison/privacy/platform`: the ports for the platform being built, behind one contract. The
 * choice reads `process.env.TARO_ENV`, which Taro replaces at build time, so the other platform's
 * adapters are left out of the bundle — whether or not the host's resolver applies Taro's
 * `.weapp` / `.h5` file suffixes to installed packages. Type checks and Jest get the browser ports.
 */
import type { PlatformConfig, PlatformPorts } from './adapters/platformTypes';

export type { PlatformConfig, PlatformPorts };

/** Every port of the module on the platform being built: storage, HTTP, WeChat's privacy framework, permissions. */
export function createPlatformPorts(config: PlatformConfig): PlatformPorts {
  // Written out in full (Taro's define replaces it textually), and as one conditional expression,
  // which webpack folds so that the branch not taken is never bundled.
  const adapters: typeof import('./adapters/platform.h5') =
    process.env.TARO_ENV === 'weapp' ? require('./adapters/platform.weapp') : require('./adapters/platform.h5');
  return adapters.createPlatformPorts(config);
}
