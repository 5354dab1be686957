/**
 * StoragePort on WeChat: wx.getStorage / setStorage / removeStorage / getStorageInfo through
 * their callbacks (Taro promisifies them; the callback form behaves the same on raw `wx`).
 */
import Taro from '@tarojs/taro';
import { StorageQuotaError, type StoragePort } from '../ports';

/** success/fail callbacks of a WeChat API. */
export interface WxCallbacks<T = unknown> {
  success?(res: T): void;
  fail?(err: unknown): void;
}

/** The part of `wx` (or Taro) the storage adapter uses. */
export interface WxStorageHost {
  getStorage(options: WxCallbacks & { key: string }): unknown;
  setStorage(options: WxCallbacks & { key: string; data: unknown }): unknown;
  removeStorage(options: WxCallbacks & { key: string }): unknown;
  getStorageInfo(options: WxCallbacks): unknown;
}

/** The `errMsg` of a WeChat failure, or a description of whatever came back. */
export function errMsgOf(err: unknown): string {
  if (typeof err === 'object' && err !== null && typeof (err as { errMsg?: unknown }).errMsg === 'string') {
    return (err as { errMsg: string }).errMsg;
  }
  return err instanceof Error ? err.message : String(err);
}

/**
 * Runs a callback-style WeChat API as a promise. The promise Taro also returns is silenced: its
 * rejection duplicates the fail callback and would surface as an unhandled rejection.
 */
export function wxCall<T>(invoke: (callbacks: WxCallbacks<T>) => unknown): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    try {
      const ret = invoke({ success: resolve, fail: reject });
      if (typeof ret === 'object' && ret !== null && typeof (ret as { then?: unknown }).then === 'function') {
        (ret as PromiseLike<unknown>).then(undefined, () => undefined);
      }
    } catch (err) {
      reject(err);
    }
  });
}

// WeChat: "getStorage:fail data not found" (some clients put a colon after fail).
const NOT_FOUND = /data not found/i;
// WeChat reports the 1 MB per key and 10 MB total limits as "exceed ... max size/length".
const QUOTA = /exceed|max size|max length|quota|limit/i;

/** The WeChat storage adapter over a host (`Taro` in the app, a simulated `wx` in tests). */
export function createWeappStorage(wx: WxStorageHost = Taro as unknown as WxStorageHost): StoragePort {
  return {
    async get(key) {
      try {
        const res = await wxCall<{ data?: unknown }>((cb) => wx.getStorage({ key, ...cb }));
        const data = res?.data;
        if (data === undefined || data === null) return null;
        // Something else stored a non-string here: hand it on as text so decoders see it as foreign.
        return typeof data === 'string' ? data : JSON.stringify(data);
      } catch (err) {
        const msg = errMsgOf(err);
        if (NOT_FOUND.test(msg)) return null;
        throw new Error(msg);
      }
    },
    async set(key, value) {
      try {
        await wxCall((cb) => wx.setStorage({ key, data: value, ...cb }));
      } catch (err) {
        const msg = errMsgOf(err);
        throw QUOTA.test(msg) ? new StorageQuotaError(msg) : new Error(msg);
      }
    },
    async remove(key) {
      try {
        await wxCall((cb) => wx.removeStorage({ key, ...cb }));
      } catch (err) {
        throw new Error(errMsgOf(err));
      }
    },
    async keys() {
      try {
        const res = await wxCall<{ keys?: unknown }>((cb) => wx.getStorageInfo(cb));
        return Array.isArray(res?.keys) ? res.keys.filter((k): k is string => typeof k === 'string') : [];
      } catch (err) {
        throw new Error(errMsgOf(err));
      }
    },
  };
}
