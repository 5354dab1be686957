import type { FastifyPluginAsync } from 'fastify';
import { ledgerEventProblem, type PostConsentsRequest, reduceLedger } from '@maison/privacy/contract';
import { sha256Hex } from '../domain/tokens';
import { errors } from '../errors';
import { sessionRefusal, shopperToken } from '../plugins/app/auth';
import {
  errorResponses,
  exportResponseSchema,
  getConsentsResponseSchema,
  postConsentsRequestSchema,
  postConsentsResponseSchema,
  SHOPPER_ERRORS,
} from './schemas';

/** The caller's own consents and data export. */
const meRoutes: FastifyPluginAsync = async (app) => {
  const auth = { preHandler: app.requireShopper, config: { auth: 'shopper' as const } };

  app.get(
    '/v1/me/consents',
    {
      ...auth,
      schema: {
        tags: ['shopper'],
        security: [{ session: [] }],
        response: {
          200: getConsentsResponseSchema,
          ...errorResponses(...SHOPPER_ERRORS),
        },
      },
    },
    async (request) => {
      const events = await app.repos.consents.list(request.userId!);
      return { state: reduceLedger(events), events };
    },
  );

  app.post<{ Body: PostConsentsRequest }>(
    '/v1/me/consents',
    {
      // The session is checked inside the write statement (one round trip), not by a preHandler.
      config: { auth: 'shopper', rateLimit: { max: app.config.rateLimits.writesPerMinute, timeWindow: 60_000 } },
      schema: {
        tags: ['shopper'],
        security: [{ session: [] }],
        body: postConsentsRequestSchema,
        response: {
          200: postConsentsResponseSchema,
          ...errorResponses(...SHOPPER_ERRORS, 413, 415),
        },
      },
    },
    async (request) => {
      const token = shopperToken(request);
      const tokenHash = sha256Hex(token);
      // A request whose session is not live never takes a place in the write queue: unknown
      // tokens are looked up first (one indexed read), live ones are remembered for a minute.
      if (!app.liveSessions.get(tokenHash)) {
        const found = await app.repos.sessions.lookup(token);
        if (found.kind !== 'user') throw sessionRefusal(found);
        app.liveSessions.remember(tokenHash, found.userId);
      }
      const { events } = request.body;
      for (const e of events) {
        const problem = ledgerEventProblem(e);
        if (problem) throw errors.badRequest(`Event ${String((e as { id?: unknown }).id)}: ${problem}`);
      }
      const known = await app.repos.consents.knownVersions(events.map((e) => e.policyVersion));
      const unknown = events.find((e) => !known.has(e.policyVersion));
      if (unknown) throw errors.badRequest(`Event ${unknown.id}: policy version ${unknown.policyVersion} was never published`);
      const outcome = await app.consentWriter.append({ tokenHash, events });
      if (outcome.kind === 'refused') {
        app.liveSessions.forget(tokenHash);
        throw sessionRefusal(outcome.session);
      }
      request.userId = outcome.userId;
      return { accepted: outcome.accepted, duplicates: outcome.duplicates, state: outcome.state };
    },
  );

  app.get(
    '/v1/me/export',
    {
      ...auth,
      // Each export reads everything held about the caller: bounded per shopper (per address before the session is known).
      config: { auth: 'shopper' as const, rateLimit: { max: app.config.rateLimits.readsPerMinute, timeWindow: 60_000 } },
      schema: {
        tags: ['shopper'],
        security: [{ session: [] }],
        response: {
          200: exportResponseSchema,
          ...errorResponses(...SHOPPER_ERRORS),
        },
      },
    },
    async (request, reply) => {
      const userId = request.userId!;
      const [profile, sessions, events, cancellationRequests] = await Promise.all([
        app.repos.sessions.profile(userId),
        app.repos.sessions.sessionsOf(userId),
        app.repos.consents.list(userId),
        app.repos.cancellations.all(userId),
      ]);
      reply.header('Cache-Control', 'no-store').header('Content-Disposition', 'attachment; filename="my-data.json"');
      return {
        exportedAt: new Date().toISOString(),
        profile,
        sessions,
        consents: { state: reduceLedger(events), events },
        cancellationRequests,
      };
    },
  );
};
export default meRoutes;
