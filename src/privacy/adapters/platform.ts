/**
 * Type surface of the platform assembly. Taro builds resolve `platform.weapp.ts` or
 * `platform.h5.ts` instead of this file; type checks and Jest see the browser variant.
 */
export { createPlatformPorts } from './platform.h5';
export type { PlatformConfig, PlatformPorts } from './platformTypes';
