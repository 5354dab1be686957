import type { FastifyPluginAsync } from 'fastify';
import {
  CATEGORISED_REQUEST_TYPES,
  DETAILED_REQUEST_TYPES,
  REAUTHENTICATED_REQUEST_TYPES,
  RIGHTS_REQUEST_STATUSES,
  opsRightsRequestListSchema,
  rightsRequestCreateSchema,
  rightsRequestDecisionSchema,
  rightsRequestListSchema,
  rightsRequestReceiptSchema,
  rightsRequestSchema,
  type CollectionItem,
  type RightsRequestCreate,
  type RightsRequestDecision,
  type RightsRequestStatus,
} from '@maison/privacy/contract';
import type { Transaction } from 'kysely';
import type { DB } from '../db/schema';
import { CONSENT_ONLY_ROWS } from '../domain/heldData';
import { requestDeadline } from '../domain/workingDays';
import { sweepWithoutBasis } from '../services/consentErasure';
import { errors } from '../errors';
import { isUniqueViolation } from '../repositories/rows';
import { opsRoute } from '../plugins/app/auth';
import { replayer, requestHashOf, requireSameUser } from './idempotency';
import { errorResponses, idempotencyKeySchema, OPS_ERRORS, SHOPPER_ERRORS } from './schemas';

const ROUTE_KEY = 'POST /v1/me/requests';
const idParams = { type: 'object', required: ['id'], properties: { id: { type: 'string', format: 'uuid' } } } as const;
/** Requests one ops page lists at most. */
const OPS_PAGE = 500;
/** Who a request the server answered at once is recorded as decided by. */
const AT_ONCE_ACTOR = 'system:at-once';

/**
 * The request desk: a shopper asks to exercise a right, sees its status and deadline, and may
 * withdraw it while it is open; ops list the requests earliest deadline first and answer each.
 */
const requestRoutes: FastifyPluginAsync = async (app) => {
  const auth = { preHandler: app.requireShopper };
  const db = app.database.db;

  // Records left by a withdrawal whose deletion did not run (the process stopped in between) are
  // deleted at start, before any request is served.
  app.addHook('onReady', async () => {
    await sweepWithoutBasis(app);
  });

  /**
   * Whether the server answers the request itself at once: a copy or portability request (the
   * export file is the answer), or a deletion of rows whose records here have a withdrawn consent
   * as their only basis (PIPL art. 47(3)). Read inside the request's transaction.
   */
  async function answersAtOnce(tx: Transaction<DB>, userId: string, body: RightsRequestCreate): Promise<boolean> {
    if (body.type === 'copy' || body.type === 'portability') return true;
    if (body.type !== 'deletion' || !body.categories?.length) return false;
    const bases = body.categories.map((c) => CONSENT_ONLY_ROWS[c]);
    if (bases.some((b) => b === undefined)) return false;
    const state = await tx
      .selectFrom('consent_state')
      .select('purpose')
      .where('user_id', '=', userId)
      .where('kind', '=', 'consent')
      .where('value', '=', 'granted')
      .where('purpose', 'in', bases as string[])
      .execute();
    return state.length === 0;
  }

  /** Why a request cannot be taken as it stands; null when it can. */
  async function problem(body: RightsRequestCreate): Promise<string | null> {
    if (DETAILED_REQUEST_TYPES.includes(body.type) && body.details === undefined) return `A ${body.type} request says what it is about: details are required`;
    if (CATEGORISED_REQUEST_TYPES.includes(body.type) && body.categories === undefined) return `A ${body.type} request names the kinds of data it is about: categories are required`;
    if (REAUTHENTICATED_REQUEST_TYPES.includes(body.type) && body.code === undefined) return `A ${body.type} request changes or releases your data: a fresh login code is required`;
    if (body.categories !== undefined) {
      const version = (await app.repos.policies.activeVersion()) ?? 0;
      const known = new Set(((await app.repos.lists.forVersion(version, 'collection')).items as CollectionItem[]).map((i) => i.id));
      const unknown = body.categories.filter((c) => !known.has(c));
      if (unknown.length > 0) return `Not rows of the collection list in force: ${unknown.join(', ')}`;
    }
    return null;
  }

  app.post<{ Body: RightsRequestCreate; Headers: { 'idempotency-key': string } }>(
    '/v1/me/requests',
    {
      ...auth,
      config: { auth: 'shopper', rateLimit: { max: app.config.rateLimits.writesPerMinute, timeWindow: 60_000 } },
      schema: {
        tags: ['shopper'],
        security: [{ session: [] }],
        headers: { type: 'object', required: ['idempotency-key'], properties: { 'idempotency-key': idempotencyKeySchema } },
        body: rightsRequestCreateSchema,
        response: { 202: rightsRequestReceiptSchema, ...errorResponses(...SHOPPER_ERRORS, 403, 409, 413, 415, 422, 503) },
      },
    },
    async (request, reply) => {
      const userId = request.userId!;
      const key = request.headers['idempotency-key'];
      // The login code is one-use: a retry carries a fresh one, so it is not part of what must match.
      const { code, ...rest } = request.body;
      const requestHash = requestHashOf(rest);
      const { idempotency, requests } = app.repos;

      const replay = replayer(app, reply, { userId, route: ROUTE_KEY, key, requestHash });
      // A repeat is answered before anything else, the (single-use) login code included.
      if (await replay()) return reply;
      const refused = await problem(request.body);
      if (refused) throw errors.badRequest(refused);
      if (code !== undefined) await requireSameUser(app, userId, code);

      try {
        const created = await db.transaction().execute(async (tx) => {
          if (await idempotency.find(tx, userId, ROUTE_KEY, key)) return null;
          const now = new Date();
          const fields = {
            type: request.body.type,
            details: request.body.details ?? null,
            categories: request.body.categories ?? [],
            receivedAt: now,
            // The shop's promise (the policy's 15 days), never later than 15 working days.
            deadline: requestDeadline(now, app.config.requestDeadline, app.calendar).deadline,
          };
          // What the server can do itself it does now, in this transaction; the rest goes to ops.
          let stored;
          if (await answersAtOnce(tx, userId, request.body)) {
            if (request.body.type === 'deletion') await app.repos.shop.deleteViewsWithoutConsent(tx, userId);
            stored = await requests.createFulfilled(tx, userId, { ...fields, by: AT_ONCE_ACTOR });
          } else {
            stored = await requests.create(tx, userId, fields);
          }
          const body = {
            id: stored.id,
            type: stored.type,
            status: stored.status as 'received' | 'fulfilled',
            receivedAt: stored.receivedAt,
            deadline: stored.deadline,
            ...(stored.file !== undefined ? { file: stored.file } : {}),
          };
          await idempotency.save(tx, userId, ROUTE_KEY, key, { requestHash, statusCode: 202, body });
          return body;
        });
        if (created) return reply.code(202).send(created);
      } catch (err) {
        // The same key sent twice at once: the loser's transaction rolls back (its request with
        // it) on the key's unique index and answers with the winner's stored answer.
        if (!isUniqueViolation(err)) throw err;
      }
      if (await replay()) return reply;
      throw errors.conflict('Request in progress, retry');
    },
  );

  app.get(
    '/v1/me/requests',
    {
      ...auth,
      config: { auth: 'shopper' },
      schema: { tags: ['shopper'], security: [{ session: [] }], response: { 200: rightsRequestListSchema, ...errorResponses(...SHOPPER_ERRORS) } },
    },
    async (request, reply) => {
      reply.header('Cache-Control', 'no-store');
      return { requests: await app.repos.requests.mine(request.userId!) };
    },
  );

  app.post<{ Params: { id: string } }>(
    '/v1/me/requests/:id/withdrawal',
    {
      ...auth,
      config: { auth: 'shopper', rateLimit: { max: app.config.rateLimits.writesPerMinute, timeWindow: 60_000 } },
      schema: {
        tags: ['shopper'],
        security: [{ session: [] }],
        params: idParams,
        response: { 200: rightsRequestSchema, ...errorResponses(...SHOPPER_ERRORS, 404, 409) },
      },
    },
    async (request) => {
      const now = await app.repos.requests.withdraw(request.userId!, request.params.id);
      // Another shopper's request is answered as one that does not exist.
      if (!now) throw errors.notFound('No such request');
      if (now.status !== 'withdrawn') throw errors.conflict(`The request is already ${now.status} and can no longer be withdrawn`);
      return now;
    },
  );

  app.get<{ Querystring: { status?: 'open' | RightsRequestStatus } }>(
    '/v1/admin/requests',
    {
      ...opsRoute(app, 'viewer'),
      schema: {
        tags: ['ops'],
        security: [{ ops: [] }],
        querystring: { type: 'object', additionalProperties: false, properties: { status: { type: 'string', enum: ['open', ...RIGHTS_REQUEST_STATUSES] } } },
        response: { 200: opsRightsRequestListSchema, ...errorResponses(...OPS_ERRORS) },
      },
    },
    async (request, reply) => {
      reply.header('Cache-Control', 'no-store');
      return { requests: await app.repos.requests.forOps(request.query.status, OPS_PAGE) };
    },
  );

  app.post<{ Params: { id: string }; Body: RightsRequestDecision }>(
    '/v1/admin/requests/:id/decision',
    {
      ...opsRoute(app, 'publisher', { write: true }),
      schema: {
        tags: ['ops'],
        security: [{ ops: [] }],
        params: idParams,
        body: rightsRequestDecisionSchema,
        response: { 200: rightsRequestSchema, ...errorResponses(...OPS_ERRORS, 404, 409, 413, 415) },
      },
    },
    async (request) => {
      const { outcome, reason } = request.body;
      // PIPL art. 50: a refusal gives its reason.
      if (outcome === 'refused' && !reason) throw errors.badRequest('A refusal needs a reason, in Chinese and English');
      const actor = request.opsActor!;
      const decided = await db.transaction().execute(async (tx) => {
        const result = await app.repos.requests.decide(request.params.id, { outcome, reason: reason ?? null, actor: `ops:${actor.name}` }, tx);
        if (!result.request) throw errors.notFound('No such request');
        if (!result.updated) throw errors.conflict(`The request is already ${result.request.status}`);
        await app.repos.ops.audit({ actor: `ops:${actor.name}`, actorId: actor.id, action: 'request.decide', target: `request:${request.params.id}`, details: { type: result.request.type, outcome } }, tx);
        return result.request;
      });
      const { subject: _subject, ...asShopperSees } = decided;
      return asShopperSees;
    },
  );
};
export default requestRoutes;
