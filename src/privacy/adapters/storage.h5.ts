/** StoragePort in the browser: localStorage. */
import { StorageQuotaError, type StoragePort } from '../ports';

/** The part of the Web Storage API the adapter uses. */
export type WebStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem' | 'key' | 'length'>;

function isQuotaError(err: unknown): boolean {
  if (typeof err !== 'object' || err === null) return false;
  const { name, code } = err as { name?: unknown; code?: unknown };
  // Chromium/WebKit: QuotaExceededError (code 22); old Firefox: NS_ERROR_DOM_QUOTA_REACHED (1014).
  return name === 'QuotaExceededError' || name === 'NS_ERROR_DOM_QUOTA_REACHED' || code === 22 || code === 1014;
}

/** The browser storage adapter; `store` defaults to `window.localStorage`. */
export function createH5Storage(store?: WebStorage): StoragePort {
  // Resolved lazily: reading localStorage can throw (disabled storage) and must not break import.
  const s = (): WebStorage => store ?? window.localStorage;
  return {
    async get(key) {
      return s().getItem(key);
    },
    async set(key, value) {
      try {
        s().setItem(key, value);
      } catch (err) {
        if (isQuotaError(err)) throw new StorageQuotaError(`localStorage quota exceeded (${key})`);
        throw err;
      }
    },
    async remove(key) {
      s().removeItem(key);
    },
    async keys() {
      const out: string[] = [];
      const st = s();
      for (let i = 0; i < st.length; i++) {
        const k = st.key(i);
        if (k !== null) out.push(k);
      }
      return out;
    },
  };
}
