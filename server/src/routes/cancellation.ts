import type { FastifyPluginAsync } from 'fastify';
import type { CancellationRequest, CancellationWithdrawalRequest } from '@maison/privacy/contract';
import { REGULATOR_WORKING_DAYS, requestDeadline } from '../domain/workingDays';
import { errors } from '../errors';
import { isUniqueViolation } from '../repositories/rows';
import { replayer, requestHashOf, requireSameUser } from './idempotency';
import { cancellationRequestSchema, cancellationSchema, cancellationTermsSchema, cancellationWithdrawalRequestSchema, errorResponses, idempotencyKeySchema, SHOPPER_ERRORS } from './schemas';

const ROUTE_KEY = 'POST /v1/me/cancellation';
/** The unique index (migration 006) that allows one open request per shopper. */
const ONE_OPEN_INDEX = 'cancellation_requests_one_open_idx';

/** Account cancellation: request and undo (each with re-authentication), status. */
const cancellationRoutes: FastifyPluginAsync = async (app) => {
  const auth = { preHandler: app.requireShopper };

  app.post<{ Body: CancellationRequest; Headers: { 'idempotency-key': string } }>(
    '/v1/me/cancellation',
    {
      ...auth,
      config: { auth: 'shopper', rateLimit: { max: app.config.rateLimits.writesPerMinute, timeWindow: 60_000 } },
      schema: {
        tags: ['shopper'],
        security: [{ session: [] }],
        headers: { type: 'object', required: ['idempotency-key'], properties: { 'idempotency-key': idempotencyKeySchema } },
        body: cancellationRequestSchema,
        response: { 202: cancellationSchema, ...errorResponses(...SHOPPER_ERRORS, 403, 409, 413, 415, 422, 503) },
      },
    },
    async (request, reply) => {
      const userId = request.userId!;
      const key = request.headers['idempotency-key'];
      // The login code is one-use: a retry carries a fresh one, so it is not part of what must match.
      const { code: _code, ...rest } = request.body;
      const requestHash = requestHashOf(rest);
      const { idempotency, cancellations } = app.repos;
      const db = app.database.db;

      const replay = replayer(app, reply, { userId, route: ROUTE_KEY, key, requestHash });
      // A repeat is answered before the (single-use) login code is exchanged again.
      if (await replay()) return reply;
      await requireSameUser(app, userId, request.body.code);

      try {
        const created = await db.transaction().execute(async (tx) => {
          const stored = await idempotency.find(tx, userId, ROUTE_KEY, key);
          if (stored) return null;
          const open = await cancellations.open(userId, tx);
          if (open) throw errors.conflict(`A cancellation request is already ${open.status}`);
          // The check above is not a lock: a request sent at the same time (another device, a new
          // key per tap) passes it too. The unique index on open requests stops the second insert.
          const now = new Date();
          const view = await cancellations.create(tx, userId, {
            reason: request.body.reason ?? null,
            requestedAt: now,
            coolingOffEndsAt: new Date(now.getTime() + app.config.coolingOffSeconds * 1000),
            // The shop's promise (the policy's 15 days), never later than 15 working days.
            deadline: requestDeadline(now, app.config.requestDeadline, app.calendar).deadline,
          });
          const body = { id: view.id, status: view.status, requestedAt: view.requestedAt, coolingOffEndsAt: view.coolingOffEndsAt, deadline: view.deadline };
          await idempotency.save(tx, userId, ROUTE_KEY, key, { requestHash, statusCode: 202, body });
          return body;
        });
        if (created) return reply.code(202).send(created);
      } catch (err) {
        // The same key sent twice at once: the loser answers with the winner's stored answer.
        // Another key at once: the loser is answered as a request made after the winner's is.
        if (!isUniqueViolation(err)) throw err;
        if ((err as { constraint?: unknown }).constraint === ONE_OPEN_INDEX) {
          if (await replay()) return reply;
          const open = await cancellations.open(userId);
          throw errors.conflict(`A cancellation request is already ${open?.status ?? 'open'}`);
        }
      }
      if (await replay()) return reply;
      throw errors.conflict('Request in progress, retry');
    },
  );

  app.get(
    '/v1/me/cancellation',
    {
      ...auth,
      config: { auth: 'shopper' },
      // No request is a normal state, answered 204 (not an error a browser logs).
      schema: {
        tags: ['shopper'],
        security: [{ session: [] }],
        response: { 200: cancellationSchema, 204: { description: 'The caller has made no cancellation request', type: 'null' }, ...errorResponses(...SHOPPER_ERRORS) },
      },
    },
    async (request, reply) => {
      const latest = await app.repos.cancellations.latest(request.userId!);
      if (!latest) return reply.code(204).send();
      return latest;
    },
  );

  // What a request made now would be given, for the page to say before the shopper asks: the same
  // for everyone, so public and cacheable like the policy.
  app.get(
    '/v1/cancellation/terms',
    {
      config: { auth: 'public', rateLimit: { max: app.config.rateLimits.readsPerMinute, timeWindow: 60_000 } },
      schema: {
        tags: ['shopper'],
        summary: 'The cooling-off period and deadline a cancellation asked now would be given',
        security: [],
        response: { 200: cancellationTermsSchema, ...errorResponses(429) },
      },
    },
    async (_request, reply) => {
      reply.header('cache-control', 'public, max-age=60');
      return { coolingOffSeconds: app.config.coolingOffSeconds, deadlineDays: app.config.requestDeadline.calendarDays, deadlineWorkingDaysCap: REGULATOR_WORKING_DAYS };
    },
  );

  app.post<{ Body: CancellationWithdrawalRequest }>(
    '/v1/me/cancellation/withdrawal',
    {
      ...auth,
      config: { auth: 'shopper', rateLimit: { max: app.config.rateLimits.writesPerMinute, timeWindow: 60_000 } },
      schema: {
        tags: ['shopper'],
        security: [{ session: [] }],
        // Undoing is as weighty as asking: it takes a fresh login code of the same WeChat user.
        body: cancellationWithdrawalRequestSchema,
        response: { 200: cancellationSchema, ...errorResponses(...SHOPPER_ERRORS, 403, 404, 409, 413, 415, 422, 503) },
      },
    },
    async (request) => {
      const userId = request.userId!;
      await requireSameUser(app, userId, request.body.code);
      const latest = await app.repos.cancellations.latest(userId);
      if (!latest) throw errors.notFound('No cancellation request');
      // Every pending request ends, not only the latest: none may be left for the purge to find.
      await app.repos.cancellations.withdrawOpen(userId, ROUTE_KEY);
      // Re-read: the purge may have claimed a request between the read and the update.
      const open = await app.repos.cancellations.open(userId);
      if (open) throw errors.conflict(`The request is ${open.status} and can no longer be withdrawn`);
      const now = await app.repos.cancellations.latest(userId);
      if (!now || now.status !== 'withdrawn') throw errors.conflict(`The request is ${now?.status ?? 'gone'} and can no longer be withdrawn`);
      return now;
    },
  );
};
export default cancellationRoutes;
