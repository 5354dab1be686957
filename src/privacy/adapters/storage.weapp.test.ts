jest.mock('@tarojs/taro', () => ({ __esModule: true, default: {} }));

import { StorageQuotaError } from '../ports';
import { createWeappStorage, wxCall, type WxCallbacks, type WxStorageHost } from './storage.weapp';

/** A `wx` storage double with WeChat's documented answers and limits. */
function wxStorage(limits = { perKey: 1024 * 1024, total: 10 * 1024 * 1024 }) {
  const data = new Map<string, unknown>();
  const size = (v: unknown) => Buffer.byteLength(typeof v === 'string' ? v : JSON.stringify(v), 'utf8');
  const host: WxStorageHost = {
    getStorage: (o: WxCallbacks & { key: string }) =>
      data.has(o.key) ? o.success?.({ data: data.get(o.key), errMsg: 'getStorage:ok' }) : o.fail?.({ errMsg: 'getStorage:fail data not found' }),
    setStorage: (o: WxCallbacks & { key: string; data: unknown }) => {
      if (size(o.data) > limits.perKey) return o.fail?.({ errMsg: 'setStorage:fail exceed storage item max length' });
      let total = size(o.data);
      for (const [k, v] of data) if (k !== o.key) total += size(v);
      if (total > limits.total) return o.fail?.({ errMsg: 'setStorage:fail exceed storage max size 10MB' });
      data.set(o.key, o.data);
      return o.success?.({ errMsg: 'setStorage:ok' });
    },
    removeStorage: (o: WxCallbacks & { key: string }) => {
      data.delete(o.key);
      o.success?.({ errMsg: 'removeStorage:ok' });
    },
    getStorageInfo: (o: WxCallbacks) => o.success?.({ keys: [...data.keys()], currentSize: 1, limitSize: 10240 }),
  };
  return { host, data };
}

describe('weapp storage adapter', () => {
  it('reads a missing key as null and round-trips strings', async () => {
    const { host } = wxStorage();
    const storage = createWeappStorage(host);
    expect(await storage.get('k')).toBeNull();
    await storage.set('k', '{"a":1}');
    expect(await storage.get('k')).toBe('{"a":1}');
    expect(await storage.keys()).toEqual(['k']);
    await storage.remove('k');
    expect(await storage.get('k')).toBeNull();
  });

  it('hands on a non-string value as JSON text (so the ledger decoder sees it as foreign)', async () => {
    const { host, data } = wxStorage();
    data.set('k', { theme: 'dark' });
    expect(await createWeappStorage(host).get('k')).toBe('{"theme":"dark"}');
  });

  it('maps the 1 MB per key and 10 MB total failures to StorageQuotaError', async () => {
    const { host } = wxStorage({ perKey: 100, total: 150 });
    const storage = createWeappStorage(host);
    await expect(storage.set('a', 'x'.repeat(101))).rejects.toBeInstanceOf(StorageQuotaError);
    await storage.set('a', 'x'.repeat(100));
    const err = await storage.set('b', 'x'.repeat(60)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StorageQuotaError);
    expect((err as Error).message).toBe('setStorage:fail exceed storage max size 10MB');
  });

  it('reports other failures as plain errors with the errMsg', async () => {
    const host: WxStorageHost = {
      getStorage: (o: WxCallbacks) => o.fail?.({ errMsg: 'getStorage:fail internal error' }),
      setStorage: (o: WxCallbacks) => o.fail?.({ errMsg: 'setStorage:fail io' }),
      removeStorage: (o: WxCallbacks) => o.fail?.({ errMsg: 'removeStorage:fail io' }),
      getStorageInfo: (o: WxCallbacks) => o.fail?.({ errMsg: 'getStorageInfo:fail io' }),
    };
    const storage = createWeappStorage(host);
    await expect(storage.get('k')).rejects.toThrow('getStorage:fail internal error');
    const setErr = await storage.set('k', 'v').catch((e: unknown) => e);
    expect(setErr).not.toBeInstanceOf(StorageQuotaError);
    expect((setErr as Error).message).toBe('setStorage:fail io');
    await expect(storage.remove('k')).rejects.toThrow('removeStorage:fail io');
    await expect(storage.keys()).rejects.toThrow('getStorageInfo:fail io');
  });

  it('silences the duplicate rejection of a Taro-promisified call', async () => {
    const unhandled = jest.fn();
    process.on('unhandledRejection', unhandled);
    try {
      const taroStyle = (cb: WxCallbacks) =>
        new Promise((_resolve, reject) => {
          cb.fail?.({ errMsg: 'getStorage:fail data not found' });
          reject({ errMsg: 'getStorage:fail data not found' });
        });
      await expect(wxCall(taroStyle)).rejects.toEqual({ errMsg: 'getStorage:fail data not found' });
      await new Promise((r) => setTimeout(r, 10));
      expect(unhandled).not.toHaveBeenCalled();
    } finally {
      process.off('unhandledRejection', unhandled);
    }
  });
});
