import { undeclaredInEvent } from '../deployment';
import type { FastifyPluginAsync } from 'fastify';
import { ledgerEventProblem, LIMITS, type PostConsentsRequest } from '@maison/privacy/contract';
import { sha256Hex } from '../domain/tokens';
import type { StoredEvent } from '../repositories/ConsentRepository';
import { errors } from '../errors';
import { sessionRefusal, shopperToken } from '../plugins/app/auth';
import {
  errorResponses,
  exportResponseSchema,
  getConsentsQuerySchema,
  getConsentsResponseSchema,
  postConsentsRequestSchema,
  postConsentsResponseSchema,
  SHOPPER_ERRORS,
} from './schemas';
import { shopExportSchema } from './shop';

/** The caller's own consents and data export. */
const meRoutes: FastifyPluginAsync = async (app) => {
  const auth = { preHandler: app.requireShopper, config: { auth: 'shopper' as const } };
  // Reads are bounded per shopper (per address before the session is known).
  const reads = { auth: 'shopper' as const, rateLimit: { max: app.config.rateLimits.readsPerMinute, timeWindow: 60_000 } };

  /** One page of the history and the whole state (kept in consent_state: one read whatever the history's length). */
  const consentsPage = async (userId: string, after: number, limit: number) => {
    const [state, page] = await Promise.all([app.repos.consents.state(userId), app.repos.consents.page(userId, after, limit)]);
    return { state, eventsJson: page.eventsJson, next: page.next };
  };

  app.get<{ Querystring: { after: number; limit: number } }>(
    '/v1/me/consents',
    {
      ...auth,
      config: reads,
      schema: {
        tags: ['shopper'],
        security: [{ session: [] }],
        description: 'The current state and one page of the history in server order: events with seq above `after` (default 0, the start), at most `limit`; `next` is the `after` of the following page, null on the last.',
        querystring: getConsentsQuerySchema,
        response: {
          200: getConsentsResponseSchema,
          ...errorResponses(...SHOPPER_ERRORS),
        },
      },
    },
    async (request, reply) => {
      const page = await consentsPage(request.userId!, request.query.after, request.query.limit);
      // Sent as written: the events are already JSON in the answer's shape (the contract tests hold it to the schema).
      reply.type('application/json; charset=utf-8');
      return `{"state":${JSON.stringify(page.state)},"events":${page.eventsJson},"next":${page.next}}`;
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
          ...errorResponses(...SHOPPER_ERRORS, 409, 413, 415),
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
        const problem = ledgerEventProblem(e) ?? undeclaredInEvent(e);
        if (problem) throw errors.badRequest(`Event ${String((e as { id?: unknown }).id)}: ${problem}`);
      }
      // A consent's text hash must name words this server published (or the app's own): a client
      // cannot claim a grant on a text nobody was shown. Events without one are kept without one.
      for (const e of events) {
        if (e.kind === 'consent' && e.textHash !== undefined && !(await app.repos.lists.isKnownConsentText(e.purpose, e.textHash))) {
          throw errors.badRequest(`Event ${e.id}: textHash is not the hash of any published text of consent "${e.purpose}"`);
        }
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
      if (outcome.kind === 'full') {
        throw errors.conflict(`This account's consent history is full (${outcome.maxEvents} events): only withdrawals and refusals are stored now; nothing of this batch was stored`);
      }
      return { accepted: outcome.accepted, duplicates: outcome.duplicates, state: outcome.state };
    },
  );

  app.get(
    '/v1/me/export',
    {
      ...auth,
      // Each export reads everything held about the caller but the history past its first page
      // (`consents.next`: the rest through GET /v1/me/consents).
      config: reads,
      schema: {
        tags: ['shopper'],
        security: [{ session: [] }],
        response: {
          // The shop's own records are the export's `app` part.
          200: { ...exportResponseSchema, properties: { ...exportResponseSchema.properties, app: shopExportSchema } },
          ...errorResponses(...SHOPPER_ERRORS),
        },
      },
    },
    async (request, reply) => {
      const userId = request.userId!;
      const [profile, sessions, page, cancellationRequests, rightsRequests, warranties, productViews] = await Promise.all([
        app.repos.sessions.profile(userId),
        app.repos.sessions.sessionsOf(userId),
        consentsPage(userId, 0, LIMITS.eventsPerPage),
        app.repos.cancellations.all(userId),
        app.repos.requests.mine(userId),
        app.repos.shop.warranties(userId),
        app.repos.shop.views(userId),
      ]);
      reply.header('Cache-Control', 'no-store').header('Content-Disposition', 'attachment; filename="my-data.json"');
      return {
        exportedAt: new Date().toISOString(),
        profile,
        sessions,
        consents: { state: page.state, events: JSON.parse(page.eventsJson) as StoredEvent[], next: page.next },
        cancellationRequests,
        rightsRequests,
        app: { warranties, productViews },
      };
    },
  );
};
export default meRoutes;
