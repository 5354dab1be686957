import { createHmac, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { LoginPlatform } from '../login/codeExchange';

/** Shortest `PSEUDONYM_KEY` accepted (characters); the embedded demo's own key is 64 hex digits. */
export const PSEUDONYM_KEY_MIN_LENGTH = 32;

/** File in DATA_DIR holding the embedded demo's key, created once. */
export const PSEUDONYM_KEY_FILE = 'pseudonym.key';

/**
 * Keyed one-way pseudonyms (HMAC-SHA256 with the server's `PSEUDONYM_KEY`). Without the key a
 * pseudonym cannot be recomputed from ids the shopper holds (user id, device id, openid and the
 * public app id), so pseudonymised consent proofs and subject hashes cannot be re-linked by anyone
 * who does not hold the server's secret.
 */
export class Pseudonyms {
  private readonly key: Buffer;

  constructor(secret: string) {
    if (secret.length < PSEUDONYM_KEY_MIN_LENGTH) throw new Error(`A pseudonym key needs at least ${PSEUDONYM_KEY_MIN_LENGTH} characters`);
    this.key = Buffer.from(secret, 'utf8');
  }

  private mac(text: string): string {
    return createHmac('sha256', this.key).update(text, 'utf8').digest('hex');
  }

  /** A kept user id in pseudonymised consent proofs. */
  user(userId: string): string {
    return this.mac(`user:${userId}`);
  }

  /**
   * A purged account's kept cancellation requests and receiver deletion. Not the proofs' pseudonym:
   * the request is found from what the shopper's app holds (the request id, the old session's
   * deletion time), and must not lead on to the consent proofs.
   */
  cancellation(userId: string): string {
    return this.mac(`cancellation:${userId}`);
  }

  /**
   * The id the overseas receiver knows a shopper by: what a transfer to it names the shopper with,
   * and what its deletion notice carries. Its own pseudonym: it leads neither to the consent proofs
   * nor to the cancellation records, and without the key the receiver cannot turn it into a user id.
   */
  overseas(userId: string): string {
    return this.mac(`overseas:${userId}`);
  }

  /** A device id in pseudonymised consent proofs. */
  device(deviceId: string): string {
    return this.mac(`device:${deviceId}`);
  }

  /** `users.subject_hash` of a WeChat user. */
  wechatSubject(appId: string, openid: string): string {
    return this.mac(`wx:${appId}:${openid}`);
  }

  /** `users.subject_hash` of a Douyin user: its own prefix, so it never meets a WeChat openid's. */
  douyinSubject(appId: string, openid: string): string {
    return this.mac(`tt:${appId}:${openid}`);
  }

  /** A guardian's mobile number (E.164), as `guardian_confirmations.phone_hash` keeps it instead of the number. */
  guardianPhone(phone: string): string {
    return this.mac(`guardian-phone:${phone}`);
  }

  /** The code sent for one guardian confirmation, as kept (the code itself is not). */
  guardianCode(confirmationId: string, code: string): string {
    return this.mac(`guardian-code:${confirmationId}:${code}`);
  }

  /** The proof a verified confirmation hands the app, for the registration that uses it: unguessable without the key. */
  guardianProof(confirmationId: string): string {
    return this.mac(`guardian-proof:${confirmationId}`);
  }

  /** `users.subject_hash` of a dev login name; a Douyin dev user is another account than the WeChat one of the same name. */
  devSubject(name: string, platform: LoginPlatform = 'weapp'): string {
    return this.mac(platform === 'weapp' ? `dev:${name}` : `dev:${platform}:${name}`);
  }
}

/** One key per process for throwaway in-memory databases, so every app instance of a process agrees. */
let processKey: string | null = null;

/**
 * The pseudonym key: `PSEUDONYM_KEY` when set; else, for the embedded database on disk, the key
 * in `DATA_DIR/pseudonym.key` (created once, mode 0600); else, for an in-memory database, one key
 * per process. `loadConfig` already refused a missing key in production and on PostgreSQL.
 */
export function resolvePseudonymKey(configured: string | null, dataDir: string | null): string {
  if (configured) return configured;
  if (dataDir) {
    const file = path.join(dataDir, PSEUDONYM_KEY_FILE);
    fs.mkdirSync(dataDir, { recursive: true });
    try {
      fs.writeFileSync(file, `${randomBytes(32).toString('hex')}\n`, { flag: 'wx', mode: 0o600 });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
    const key = fs.readFileSync(file, 'utf8').trim();
    if (key.length < PSEUDONYM_KEY_MIN_LENGTH) throw new Error(`${file} holds no valid pseudonym key`);
    return key;
  }
  processKey ??= randomBytes(32).toString('hex');
  return processKey;
}
