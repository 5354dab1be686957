import type { IdPort, StoragePort } from '../ports';
import { DEFAULT_KEY_PREFIX, Persistence, STORAGE_KEYS, storageKey } from './persistence';

/** Default storage key of the device id. */
export const DEVICE_ID_KEY = storageKey(DEFAULT_KEY_PREFIX, 'deviceId');

/**
 * The installation's device id: a random id made on first run and kept in storage (never a
 * hardware identifier). A missing or malformed stored value is replaced by a fresh id.
 * Rejects when storage cannot be read or the new id cannot be written.
 */
export async function loadDeviceId(storage: StoragePort | Persistence, ids: IdPort): Promise<string> {
  const store = storage instanceof Persistence ? storage : new Persistence(storage);
  // A read failure propagates: replacing an id that merely could not be read would split the history.
  const stored = await store.value('deviceId');
  if (stored !== null) return stored;
  const fresh = ids.newId();
  if (STORAGE_KEYS.deviceId.decode(fresh).status !== 'ok') throw new Error(`The id port made an invalid device id: ${JSON.stringify(fresh)}`);
  await store.write('deviceId', fresh);
  return fresh;
}
