import { DEVICE_ID_PATTERN } from '../domain/contract';
import type { IdPort, StoragePort } from '../ports';

/** Default storage key of the device id. */
export const DEVICE_ID_KEY = 'privacy.deviceId';

const DEVICE_RE = new RegExp(DEVICE_ID_PATTERN);

/**
 * The installation's device id: a random id made on first run and kept in storage (never a
 * hardware identifier). A missing or malformed stored value is replaced by a fresh id.
 * Rejects when storage cannot be read or the new id cannot be written.
 */
export async function loadDeviceId(storage: StoragePort, ids: IdPort, key: string = DEVICE_ID_KEY): Promise<string> {
  // A read failure propagates: replacing an id that merely could not be read would split the history.
  const stored = await storage.get(key);
  if (stored !== null && DEVICE_RE.test(stored)) return stored;
  const fresh = ids.newId();
  if (!DEVICE_RE.test(fresh)) throw new Error(`The id port made an invalid device id: ${JSON.stringify(fresh)}`);
  await storage.set(key, fresh);
  return fresh;
}
