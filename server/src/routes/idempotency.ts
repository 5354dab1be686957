import type { FastifyInstance, FastifyReply } from 'fastify';
import { canonicalJson } from '../domain/policyTools';
import { sha256Hex } from '../domain/tokens';
import { errors } from '../errors';

/** What a write with an `Idempotency-Key` is checked against on a repeat: its body's canonical hash. */
export const requestHashOf = (body: unknown): string => sha256Hex(canonicalJson(body));

/**
 * Answers a repeat of a keyed write with the first answer, stored per (user, route, key); a key sent
 * again with another body is refused (422). Resolves true when it answered.
 */
export function replayer(app: FastifyInstance, reply: FastifyReply, at: { userId: string; route: string; key: string; requestHash: string }): () => Promise<boolean> {
  return async () => {
    const stored = await app.database.db.transaction().execute((tx) => app.repos.idempotency.find(tx, at.userId, at.route, at.key));
    if (!stored) return false;
    if (stored.requestHash !== at.requestHash) throw errors.idempotencyKeyReused();
    await reply.code(stored.statusCode).send(stored.body);
    return true;
  };
}

/**
 * A weighty request carries a fresh login code of the same user as the session (403 for
 * another's), exchanged on the platform the account belongs to (a Douyin account re-authenticates
 * with a `tt.login` code).
 */
export async function requireSameUser(app: FastifyInstance, userId: string, code: string): Promise<void> {
  const held = await app.repos.sessions.subjectOf(userId);
  const { subject } = await app.login.subjectOf(code, held?.platform);
  if (subject !== held?.subject) throw errors.forbidden('The login code belongs to another user');
}
