import { StorageQuotaError, type StoragePort } from '../ports';

/** WeChat's documented local storage limits: 1 MB per key, 10 MB per user and mini-program. */
export const WECHAT_STORAGE_LIMITS = Object.freeze({ maxEntryBytes: 1024 * 1024, maxTotalBytes: 10 * 1024 * 1024 });

/** Bytes of a string in UTF-8. */
export function utf8Bytes(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      n += 4; // a surrogate pair is one 4-byte character
      i++;
    } else n += 3;
  }
  return n;
}

type Op = 'get' | 'set' | 'remove' | 'keys';

/**
 * In-memory StoragePort with WeChat's limits. Share one instance between two store instances to
 * model an app restart (storage survives, memory does not).
 */
export class MemoryStorage implements StoragePort {
  readonly data = new Map<string, string>();
  /** UTF-8 bytes of each key plus its value, kept beside `data` so a write costs O(value). */
  private readonly sizes = new Map<string, number>();
  /** Every successful write, in order: `[key, value]`. */
  readonly writes: Array<[string, string]> = [];
  private readonly failures: Array<{ op: Op; key?: string; error: Error }> = [];

  constructor(readonly limits: { maxEntryBytes: number; maxTotalBytes: number } = WECHAT_STORAGE_LIMITS) {}

  /** Makes the next matching operation reject with `error` (once). */
  failNext(op: Op, error: Error = new Error(`${op}Storage:fail`), key?: string): void {
    this.failures.push({ op, key, error });
  }

  /** Writes a value as is, bypassing limits (to plant corrupted data). */
  setRaw(key: string, value: string): void {
    this.data.set(key, value);
    this.sizes.set(key, utf8Bytes(key) + utf8Bytes(value));
  }

  /** Bytes held, counted as UTF-8 keys plus values. */
  totalBytes(): number {
    let n = 0;
    for (const size of this.sizes.values()) n += size;
    return n;
  }

  private takeFailure(op: Op, key?: string): Error | null {
    const i = this.failures.findIndex((f) => f.op === op && (f.key === undefined || f.key === key));
    if (i < 0) return null;
    return this.failures.splice(i, 1)[0].error;
  }

  async get(key: string): Promise<string | null> {
    const failure = this.takeFailure('get', key);
    if (failure) throw failure;
    return this.data.has(key) ? this.data.get(key)! : null;
  }

  async set(key: string, value: string): Promise<void> {
    const failure = this.takeFailure('set', key);
    if (failure) throw failure;
    // Counted as key plus value, like the wx double in test/weapp.
    const bytes = utf8Bytes(key) + utf8Bytes(value);
    if (bytes > this.limits.maxEntryBytes) {
      throw new StorageQuotaError('setStorage:fail exceed storage item max length');
    }
    if (this.totalBytes() - (this.sizes.get(key) ?? 0) + bytes > this.limits.maxTotalBytes) {
      throw new StorageQuotaError('setStorage:fail exceed storage max size 10M');
    }
    this.data.set(key, value);
    this.sizes.set(key, bytes);
    this.writes.push([key, value]);
  }

  async remove(key: string): Promise<void> {
    const failure = this.takeFailure('remove', key);
    if (failure) throw failure;
    this.data.delete(key);
    this.sizes.delete(key);
  }

  async keys(): Promise<string[]> {
    const failure = this.takeFailure('keys');
    if (failure) throw failure;
    return [...this.data.keys()];
  }
}
