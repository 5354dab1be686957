/**
 * `@maison/privacy/platform`: the ports for the platform being built. Taro resolves
 * `adapters/platform.weapp.ts` or `adapters/platform.h5.ts` behind one contract (type checks and
 * Jest see the browser variant).
 */
export { createPlatformPorts, type PlatformConfig, type PlatformPorts } from './adapters/platform';
