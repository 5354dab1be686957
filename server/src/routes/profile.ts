import type { FastifyPluginAsync } from 'fastify';
import { profileSchema, profileUpdateResponseSchema, profileUpdateSchema, type RightsRequest } from '@maison/privacy/contract';
import { requestDeadline } from '../domain/workingDays';
import { errors } from '../errors';
import { isUniqueViolation } from '../repositories/rows';
import { replayer, requestHashOf, requireSameUser } from './idempotency';
import { errorResponses, idempotencyKeySchema, SHOPPER_ERRORS } from './schemas';

const ROUTE_KEY = 'PUT /v1/me/profile';
/** Who a correction the server makes itself is recorded as decided by. */
export const PROFILE_ACTOR = 'system:profile';
/** The collection-list rows the profile's fields belong to (see domain/heldData.ts). */
const FIELD_ROWS = { nickname: 'online-identifiers', phone: 'registration' } as const;

type Update = { nickname: string; phone: string; code: string };

/**
 * The profile details a shopper gives in the privacy centre (nickname, mobile number), held on the
 * server. Changing details already given is a correction (PIPL art. 46) the server makes at once:
 * it is recorded as a fulfilled `correction` request at the request desk, in the same transaction.
 */
const profileRoutes: FastifyPluginAsync = async (app) => {
  app.get(
    '/v1/me/profile',
    {
      preHandler: app.requireShopper,
      config: { auth: 'shopper', rateLimit: { max: app.config.rateLimits.readsPerMinute, timeWindow: 60_000 } },
      schema: { tags: ['shopper'], security: [{ session: [] }], response: { 200: profileSchema, ...errorResponses(...SHOPPER_ERRORS, 404) } },
    },
    async (request, reply) => {
      reply.header('Cache-Control', 'no-store');
      const details = await app.repos.sessions.details(request.userId!);
      if (!details) throw errors.notFound('No such account');
      return details;
    },
  );

  app.put<{ Body: Update; Headers: { 'idempotency-key': string } }>(
    '/v1/me/profile',
    {
      preHandler: app.requireShopper,
      config: { auth: 'shopper', rateLimit: { max: app.config.rateLimits.writesPerMinute, timeWindow: 60_000 } },
      schema: {
        tags: ['shopper'],
        security: [{ session: [] }],
        description: 'Replaces the profile details; a fresh login code of the same WeChat user is required. Changing details already given records a fulfilled correction request.',
        headers: { type: 'object', required: ['idempotency-key'], properties: { 'idempotency-key': idempotencyKeySchema } },
        body: profileUpdateSchema,
        response: { 200: profileUpdateResponseSchema, ...errorResponses(...SHOPPER_ERRORS, 403, 404, 409, 413, 415, 422, 503) },
      },
    },
    async (request, reply) => {
      const userId = request.userId!;
      const key = request.headers['idempotency-key'];
      const nickname = request.body.nickname.trim();
      const phone = request.body.phone.trim();
      // The login code is one-use: a retry carries a fresh one, so it is not part of what must match.
      const requestHash = requestHashOf({ nickname, phone });
      const replay = replayer(app, reply, { userId, route: ROUTE_KEY, key, requestHash });
      if (await replay()) return reply;
      await requireSameUser(app, userId, request.body.code);
      const { idempotency, sessions, requests } = app.repos;
      try {
        const answer = await app.database.db.transaction().execute(async (tx) => {
          if (await idempotency.find(tx, userId, ROUTE_KEY, key)) return null;
          const now = new Date();
          const before = await sessions.replaceDetails(tx, userId, { nickname, phone }, now);
          if (!before) throw errors.notFound('No such account');
          // Details given before and now changed: a correction. Giving them the first time is not.
          const corrected = (Object.keys(FIELD_ROWS) as (keyof typeof FIELD_ROWS)[]).filter((f) => before[f] !== '' && before[f] !== { nickname, phone }[f]);
          let request: RightsRequest | null = null;
          if (corrected.length > 0) {
            request = await requests.createFulfilled(tx, userId, {
              type: 'correction',
              details: null,
              categories: corrected.map((f) => FIELD_ROWS[f]),
              receivedAt: now,
              deadline: requestDeadline(now, app.config.requestDeadline, app.calendar).deadline,
              by: PROFILE_ACTOR,
            });
          }
          const body = { profile: { nickname, phone, updatedAt: now.toISOString() }, request };
          await idempotency.save(tx, userId, ROUTE_KEY, key, { requestHash, statusCode: 200, body });
          return body;
        });
        if (answer) return answer;
      } catch (err) {
        // The same key sent twice at once: the loser rolls back and answers with the winner's answer.
        if (!isUniqueViolation(err)) throw err;
      }
      if (await replay()) return reply;
      throw errors.conflict('Request in progress, retry');
    },
  );
};
export default profileRoutes;
