import Taro from '@tarojs/taro';
import type { SystemPort } from '../ports';

/**
 * Host language: `getAppBaseInfo().language` (WeChat), else `getSystemInfoSync().language` (Douyin,
 * whose base info may lack it), else Chinese; the browser's on h5.
 */
export const taroSystem: SystemPort = {
  language() {
    if (process.env.TARO_ENV === 'h5') return typeof navigator === 'undefined' ? 'zh_CN' : navigator.language;
    const base = typeof Taro.getAppBaseInfo === 'function' ? Taro.getAppBaseInfo().language : undefined;
    if (base) return base;
    return typeof Taro.getSystemInfoSync === 'function' ? Taro.getSystemInfoSync().language ?? 'zh_CN' : 'zh_CN';
  },
};

/** Resolves after the renderer flushed pending updates (one setData per flush on weapp). */
export function yieldToRenderer(): Promise<void> {
  return new Promise((resolve) => Taro.nextTick(() => resolve()));
}
