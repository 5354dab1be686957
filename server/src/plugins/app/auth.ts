import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { OpsRole } from '@maison/privacy/contract';
import { sha256Hex } from '../../domain/tokens';
import { errors, type ApiError } from '../../errors';
import type { SessionLookup } from '../../repositories/SessionRepository';

const RANK: Record<OpsRole, number> = { viewer: 1, publisher: 2 };

/**
 * Options of an ops route that needs `role`: the preHandler that checks it, and the route config
 * that records it (the route table and the authorization suites read it). Writes are rate limited.
 */
export function opsRoute(app: FastifyInstance, role: OpsRole, options: { write?: boolean } = {}) {
  return {
    preHandler: app.requireOps(role),
    config: { auth: 'ops' as const, role, ...(options.write ? { rateLimit: { max: app.config.rateLimits.writesPerMinute, timeWindow: 60_000 } } : {}) },
  };
}

/** The shopper token of a request; 401 without a well-formed one. */
export function shopperToken(request: FastifyRequest): string {
  const token = bearer(request);
  if (!token || !token.startsWith('st_')) throw errors.unauthenticated();
  return token;
}

/** Why a token that is not a live session is refused: 410 for a purged account, 401 otherwise. */
export function sessionRefusal(found: Exclude<SessionLookup, { kind: 'user' }>): ApiError {
  return found.kind === 'deleted' ? errors.accountDeleted(found.completedAt) : errors.unauthenticated();
}

const CHECKED = new WeakMap<FastifyRequest, Promise<SessionLookup>>();

/**
 * The session behind a request's shopper token as the database has it now, looked up once per
 * request whoever asks first (the rate limit, to key its allowance, or `requireShopper`).
 * `SessionRepository.lookup` refuses tokens the server never issued without touching the
 * database. Null without a well-formed shopper token.
 */
export function checkedSession(app: FastifyInstance, request: FastifyRequest): Promise<SessionLookup> | null {
  const token = bearer(request);
  if (!token || !token.startsWith('st_')) return null;
  let found = CHECKED.get(request);
  if (!found) {
    found = app.repos.sessions.lookup(token).then((r) => {
      if (r.kind === 'user') app.liveSessions.remember(sha256Hex(token), r.userId);
      return r;
    });
    CHECKED.set(request, found);
  }
  return found;
}

/**
 * The user whose allowance a request draws on: its session's, from this process's cache of live
 * sessions or else checked (`checkedSession`); null when there is no live session behind it.
 */
export async function allowanceOwner(app: FastifyInstance, request: FastifyRequest): Promise<string | null> {
  const token = bearer(request);
  if (!token || !token.startsWith('st_')) return null;
  const cached = app.liveSessions.get(sha256Hex(token));
  if (cached) return cached;
  const found = await checkedSession(app, request)!;
  return found.kind === 'user' ? found.userId : null;
}

function bearer(request: FastifyRequest): string | null {
  const h = request.headers.authorization;
  if (typeof h !== 'string') return null;
  const m = /^Bearer ([A-Za-z0-9_-]{10,200})$/.exec(h);
  return m ? m[1]! : null;
}

/** Shopper sessions and ops tokens, as preHandlers. */
export default fp(
  async (app) => {
    app.decorateRequest('userId', null);
    app.decorateRequest('opsActor', null);

    app.decorate('requireShopper', async (request: FastifyRequest) => {
      shopperToken(request);
      // Always the database's word, so a revocation made by another process holds at once.
      const found = await checkedSession(app, request)!;
      if (found.kind !== 'user') throw sessionRefusal(found);
      request.userId = found.userId;
    });

    app.decorate('requireOps', (role: OpsRole) => async (request: FastifyRequest) => {
      const token = bearer(request);
      if (!token) throw errors.unauthenticated('An ops token is required');
      // A shopper token is a valid credential for the wrong door: refuse it as such.
      if (token.startsWith('st_')) throw errors.forbidden('Shopper sessions cannot use ops routes');
      const actor = await app.repos.ops.resolve(token);
      if (!actor) throw errors.unauthenticated('Unknown, expired or revoked ops token');
      if (RANK[actor.role] < RANK[role]) throw errors.forbidden(`This needs the ${role} role`);
      request.opsActor = { id: actor.id, name: actor.name, role: actor.role };
    });
  },
  { name: 'auth', dependencies: ['repositories'] },
);
