import { StorageQuotaError } from '../ports';
import { createH5Storage, type WebStorage } from './storage.h5';

/** A localStorage double with a byte quota, throwing like browsers do. */
function webStorage(quota = Infinity): WebStorage & { map: Map<string, string> } {
  const map = new Map<string, string>();
  return {
    map,
    get length() {
      return map.size;
    },
    key: (i: number) => [...map.keys()][i] ?? null,
    getItem: (k: string) => (map.has(k) ? map.get(k)! : null),
    setItem: (k: string, v: string) => {
      let used = k.length + v.length;
      for (const [key, val] of map) if (key !== k) used += key.length + val.length;
      if (used > quota) {
        const err = new Error("Failed to execute 'setItem' on 'Storage': exceeded the quota.");
        err.name = 'QuotaExceededError';
        throw err;
      }
      map.set(k, v);
    },
    removeItem: (k: string) => void map.delete(k),
  };
}

describe('h5 storage adapter', () => {
  it('round-trips, lists keys and removes', async () => {
    const ws = webStorage();
    const storage = createH5Storage(ws);
    expect(await storage.get('a')).toBeNull();
    await storage.set('a', '1');
    await storage.set('b', '2');
    expect(await storage.get('a')).toBe('1');
    expect((await storage.keys()).sort()).toEqual(['a', 'b']);
    await storage.remove('a');
    expect(await storage.keys()).toEqual(['b']);
  });

  it('maps the browser quota error to StorageQuotaError and leaves the old value', async () => {
    const ws = webStorage(20);
    const storage = createH5Storage(ws);
    await storage.set('k', 'short');
    await expect(storage.set('k', 'x'.repeat(50))).rejects.toBeInstanceOf(StorageQuotaError);
    expect(await storage.get('k')).toBe('short');
  });

  it('passes other failures through', async () => {
    const ws = webStorage();
    ws.setItem = () => {
      throw new Error('SecurityError: storage disabled');
    };
    const err = await createH5Storage(ws).set('k', 'v').catch((e: unknown) => e);
    expect(err).not.toBeInstanceOf(StorageQuotaError);
    expect((err as Error).message).toContain('storage disabled');
  });
});
