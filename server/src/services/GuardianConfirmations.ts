import { randomInt, randomUUID, timingSafeEqual } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import { ERROR_CODES, type GuardianCodeResponse, type GuardianVerificationResponse } from '@maison/privacy/contract';
import type { DB } from '../db/schema';
import type { Pseudonyms } from '../domain/pseudonyms';
import { ApiError, errors } from '../errors';
import { iso } from '../repositories/rows';
import { SmsError, type SmsGateway } from './SmsGateway';

/** The rules of a guardian's confirmation by SMS code (server/README.md, "Guardian confirmation"). */
export const GUARDIAN_RULES = Object.freeze({
  /** A code can be typed for this long after it is sent. */
  codeTtlMs: 10 * 60_000,
  /** Wrong codes allowed on one code; then it is spent. */
  maxAttempts: 5,
  /** Asking again within this from the same device for the same number answers the code already sent. */
  resendAfterMs: 60_000,
  /** Codes sent to one number, and from one device, within `windowMs`. */
  perPhone: 5,
  perDevice: 10,
  windowMs: 24 * 3_600_000,
  /** The proof of a verified code is good for the registration for this long. */
  proofTtlMs: 30 * 60_000,
  /** A confirmation that made no account is deleted this long after it was asked for. */
  unusedKeptMs: 24 * 3_600_000,
});

/** The number as the SMS provider takes it: E.164, +86 for a mainland mobile. */
export function e164(phone: string): string {
  return phone.startsWith('+86') ? phone : `+86${phone}`;
}

const tooMany = (message: string) => new ApiError(429, ERROR_CODES.RATE_LIMITED, message);
const equalHex = (a: string, b: string) => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

/**
 * A 14–17-year-old's guardian confirms by a code sent by SMS to the guardian's mobile number. The
 * number is kept only as a keyed hash; the code only as a keyed hash of confirmation id and code.
 * Verified, the confirmation hands out a proof that one registration uses (`use`), once.
 */
export class GuardianConfirmations {
  constructor(
    private readonly db: Kysely<DB>,
    private readonly sms: SmsGateway | null,
    private readonly pseudonyms: Pseudonyms,
  ) {}

  /**
   * Sends a code to the guardian's number, or answers the code sent to it from this device less
   * than a minute ago (a second tap sends nothing). Refused (429) beyond the limits per number and
   * per device; nothing is kept when the provider does not send it.
   */
  async request(deviceId: string, phone: string): Promise<GuardianCodeResponse> {
    if (this.sms === null) throw errors.busy('Guardian confirmation by SMS is not configured on this server');
    const phoneHash = this.pseudonyms.guardianPhone(e164(phone));
    const now = Date.now();
    // Unused confirmations go a day after they were asked for (the per-number window is as long).
    await this.db
      .deleteFrom('guardian_confirmations')
      .where('used_at', 'is', null)
      .where('created_at', '<', new Date(now - GUARDIAN_RULES.unusedKeptMs))
      .execute();
    const since = new Date(now - GUARDIAN_RULES.windowMs);
    const recent = await this.db
      .selectFrom('guardian_confirmations')
      .select(['id', 'device_id', 'phone_hash', 'created_at', 'expires_at', 'verified_at'])
      .where((eb) => eb.or([eb('phone_hash', '=', phoneHash), eb('device_id', '=', deviceId)]))
      .where('created_at', '>=', since)
      .orderBy('created_at', 'desc')
      .execute();
    const last = recent.find((r) => r.phone_hash === phoneHash && r.device_id === deviceId);
    if (last && last.verified_at === null && Date.parse(iso(last.created_at)) + GUARDIAN_RULES.resendAfterMs > now) return this.answer(last.id, last.created_at, last.expires_at);
    if (recent.filter((r) => r.phone_hash === phoneHash).length >= GUARDIAN_RULES.perPhone) throw tooMany('Too many codes were sent to this number today');
    if (recent.filter((r) => r.device_id === deviceId).length >= GUARDIAN_RULES.perDevice) throw tooMany('Too many codes were asked for from this device today');
    const id = randomUUID();
    const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
    const row = await this.db
      .insertInto('guardian_confirmations')
      .values({ id, device_id: deviceId, phone_hash: phoneHash, code_hash: this.pseudonyms.guardianCode(id, code), expires_at: new Date(now + GUARDIAN_RULES.codeTtlMs) })
      .returning(['created_at', 'expires_at'])
      .executeTakeFirstOrThrow();
    try {
      await this.sms.send(e164(phone), [code, String(GUARDIAN_RULES.codeTtlMs / 60_000)]);
    } catch (err) {
      // Not sent: not counted against the limits, and nothing of it is kept.
      await this.db.deleteFrom('guardian_confirmations').where('id', '=', id).execute();
      if (!(err instanceof SmsError)) throw err;
      if (err.failure === 'bad-number') throw errors.badRequest('The SMS provider cannot send to this number');
      if (err.failure === 'limited') throw tooMany('The SMS provider limits messages to this number; try again later');
      throw errors.busy('The code could not be sent; try again');
    }
    return this.answer(id, row.created_at, row.expires_at);
  }

  private answer(id: string, createdAt: Date | string, expiresAt: Date | string): GuardianCodeResponse {
    return { id, expiresAt: iso(expiresAt), resendAt: new Date(Date.parse(iso(createdAt)) + GUARDIAN_RULES.resendAfterMs).toISOString() };
  }

  /**
   * Checks the typed code. Right: the proof (the same one again for the same code until it is used).
   * Wrong: 400 GUARDIAN_CODE_WRONG with the tries left; past its time: 410 GUARDIAN_CODE_EXPIRED; no
   * tries left: 429; used for an account already: 409; another device's or unknown: 404.
   */
  async verify(id: string, deviceId: string, code: string): Promise<GuardianVerificationResponse> {
    // A wrong code is counted in the transaction and refused after it commits (a throw inside would undo the count).
    const outcome = await this.db.transaction().execute(async (tx): Promise<GuardianVerificationResponse | { attemptsLeft: number }> => {
      const row = await tx.selectFrom('guardian_confirmations').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
      if (!row) throw errors.notFound('No such confirmation code');
      // Used: its device id is a pseudonym now, so this comes first.
      if (row.used_at !== null) throw errors.conflict('This code was used already');
      // Another device's confirmation is not told apart from none: its tries are not spent either.
      if (row.device_id !== deviceId) throw errors.notFound('No such confirmation code');
      const right = equalHex(this.pseudonyms.guardianCode(id, code), row.code_hash);
      if (row.verified_at !== null) {
        if (!right) throw new ApiError(400, ERROR_CODES.GUARDIAN_CODE_WRONG, 'Wrong code', { attemptsLeft: 0 });
        return this.proof(id, row.verified_at);
      }
      if (Date.parse(iso(row.expires_at)) <= Date.now()) throw new ApiError(410, ERROR_CODES.GUARDIAN_CODE_EXPIRED, 'This code has expired; ask for a new one');
      if (row.attempts >= GUARDIAN_RULES.maxAttempts) throw tooMany('Too many wrong codes; ask for a new one');
      if (!right) {
        const attempts = row.attempts + 1;
        await tx.updateTable('guardian_confirmations').set({ attempts }).where('id', '=', id).execute();
        return { attemptsLeft: GUARDIAN_RULES.maxAttempts - attempts };
      }
      const verified = await tx.updateTable('guardian_confirmations').set({ verified_at: sql`now()` }).where('id', '=', id).returning('verified_at').executeTakeFirstOrThrow();
      return this.proof(id, verified.verified_at!);
    });
    if ('attemptsLeft' in outcome) throw new ApiError(400, ERROR_CODES.GUARDIAN_CODE_WRONG, 'Wrong code', { attemptsLeft: outcome.attemptsLeft });
    return outcome;
  }

  private proof(id: string, verifiedAt: Date | string): GuardianVerificationResponse {
    return { proof: `${id}.${this.pseudonyms.guardianProof(id)}`, expiresAt: new Date(Date.parse(iso(verifiedAt)) + GUARDIAN_RULES.proofTtlMs).toISOString() };
  }

  /**
   * Spends a proof on a registration, before the account is made: marked used first, so a proof
   * makes one account at most. Returns the confirmation id; 400 GUARDIAN_PROOF_INVALID when the
   * proof is forged, not verified, past its time or used already.
   */
  async spend(proof: string): Promise<string> {
    const [id = '', mac = ''] = proof.split('.');
    const invalid = new ApiError(400, ERROR_CODES.GUARDIAN_PROOF_INVALID, "The guardian's confirmation is not valid (expired or used); confirm again");
    if (!equalHex(this.pseudonyms.guardianProof(id), mac)) throw invalid;
    const spent = await this.db
      .updateTable('guardian_confirmations')
      .set({ used_at: sql`now()` })
      .where('id', '=', id)
      .where('used_at', 'is', null)
      .where('verified_at', '>', new Date(Date.now() - GUARDIAN_RULES.proofTtlMs))
      .returning('id')
      .executeTakeFirst();
    if (!spent) throw invalid;
    return id;
  }

  /** The confirmations that made an account, for its export. */
  async of(userId: string): Promise<{ confirmedAt: string; phoneHash: string }[]> {
    const rows = await this.db.selectFrom('guardian_confirmations').select(['verified_at', 'phone_hash']).where('user_id', '=', userId).orderBy('verified_at').execute();
    return rows.map((r) => ({ confirmedAt: iso(r.verified_at), phoneHash: r.phone_hash }));
  }

  /** Links a spent confirmation to the account it made: the proof of the guardian's consent. */
  async link(id: string, userId: string): Promise<void> {
    const row = await this.db.selectFrom('guardian_confirmations').select('device_id').where('id', '=', id).executeTakeFirstOrThrow();
    // The device id did its work (the limits, the check that the code is typed where it was asked
    // for): from here the proof keeps only its pseudonym, so nothing in it outlives a purge that leads back.
    await this.db.updateTable('guardian_confirmations').set({ user_id: userId, device_id: this.pseudonyms.device(row.device_id) }).where('id', '=', id).execute();
  }
}
