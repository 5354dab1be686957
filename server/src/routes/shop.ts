import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { ConsentPurpose } from '@maison/privacy/contract';
import { CATALOGUE } from '../../../src/shop/catalogue';
import { WARRANTY_NUMBER } from '../../../src/shop/warranty';
import { errors } from '../errors';
import { isUniqueViolation } from '../repositories/rows';
import { replayer, requestHashOf } from './idempotency';
import { errorResponses, idempotencyKeySchema, SHOPPER_ERRORS } from './schemas';

const PRODUCT_IDS = CATALOGUE.map((p) => p.id);
const ID = { type: 'string', pattern: '^[A-Za-z0-9_-]{1,64}$' } as const;

const WARRANTY_ROUTE = 'POST /v1/shop/warranties';
/** Recommendations shown at once. */
const RECOMMENDED = 3;

const warrantySchema = {
  type: 'object',
  required: ['id', 'serial', 'international', 'registeredAt'],
  properties: { id: { type: 'string' }, serial: { type: 'string' }, international: { type: 'boolean' }, registeredAt: { type: 'string', format: 'date-time' } },
} as const;
const productViewSchema = {
  type: 'object',
  required: ['productId', 'viewedAt'],
  properties: { productId: { type: 'string' }, viewedAt: { type: 'string', format: 'date-time' } },
} as const;
/** The shop's records in the shopper's export (`GET /v1/me/export`, key `shop`). */
export const shopExportSchema = {
  type: 'object',
  required: ['warranties', 'productViews'],
  properties: { warranties: { type: 'array', items: warrantySchema }, productViews: { type: 'array', items: productViewSchema } },
} as const;

/**
 * Recommendations from the products a shopper opened: the category opened most recently first,
 * then the others, never a product just opened; ties keep the catalogue's order.
 */
export function recommendFrom(viewed: readonly string[]): string[] {
  const recent = new Set(viewed.slice(0, 3));
  const category = CATALOGUE.find((p) => p.id === viewed[0])?.category;
  const fresh = CATALOGUE.filter((p) => !recent.has(p.id));
  return fresh
    .filter((p) => p.category === category)
    .concat(fresh.filter((p) => p.category !== category))
    .slice(0, RECOMMENDED)
    .map((p) => p.id);
}

/**
 * The demo shop's endpoints, one per consumer of a separate consent. Each checks the caller's
 * current consents (the server's own reduction of the ledger), so a withdrawal stops the use at
 * once even if a client misbehaves. Warranty registrations and product views are stored per
 * shopper (in the export, deleted by the purge); the other writes are acknowledged only.
 */
const shopRoutes: FastifyPluginAsync = async (app) => {
  const shopper = { preHandler: app.requireShopper, config: { auth: 'shopper' as const } };
  const writes = { auth: 'shopper' as const, rateLimit: { max: app.config.rateLimits.writesPerMinute, timeWindow: 60_000 } };

  async function requireConsent(request: FastifyRequest, purpose: ConsentPurpose): Promise<void> {
    if (!(await hasConsent(request.userId!, purpose))) throw errors.forbidden(`The ${purpose} consent is not given`);
  }

  const ack = { type: 'object', required: ['id'], properties: { id: { type: 'string' } } } as const;
  let seq = 0;
  const nextId = (prefix: string) => `${prefix}_${Date.now().toString(36)}${(seq++).toString(36)}`;

  const hasConsent = async (userId: string, purpose: ConsentPurpose) => (await app.repos.consents.state(userId)).consents[purpose]?.value === 'granted';

  // Generic when anonymous, without the personalisation consent or before any product was opened.
  app.get(
    '/v1/shop/recommendations',
    {
      config: { auth: 'public' },
      schema: {
        tags: ['shop'],
        // Anyone, and a session for personalised ones.
        security: [{}, { session: [] }],
        response: {
          200: {
            type: 'object',
            required: ['items', 'personalised'],
            properties: {
              personalised: { type: 'boolean' },
              items: { type: 'array', items: { type: 'object', required: ['productId', 'reason'], properties: { productId: { type: 'string' }, reason: { type: 'string', enum: ['popular', 'similar'] } } } },
            },
          },
          ...errorResponses(...SHOPPER_ERRORS),
        },
      },
    },
    async (request) => {
      const generic = { personalised: false, items: PRODUCT_IDS.slice(0, RECOMMENDED).map((productId) => ({ productId, reason: 'popular' })) };
      if (!request.headers.authorization) return generic;
      await app.requireShopper(request);
      const userId = request.userId!;
      if (!(await hasConsent(userId, 'personalisation'))) return generic;
      const viewed = (await app.repos.shop.views(userId)).map((v) => v.productId).filter((id) => PRODUCT_IDS.includes(id));
      if (viewed.length === 0) return generic;
      return { personalised: true, items: recommendFrom(viewed).map((productId) => ({ productId, reason: 'similar' })) };
    },
  );

  // Recorded only while the personalisation consent holds: without it the server refuses (403).
  app.post<{ Body: { productId: string } }>(
    '/v1/shop/product-views',
    {
      preHandler: app.requireShopper,
      config: writes,
      schema: {
        tags: ['shop'],
        security: [{ session: [] }],
        body: { type: 'object', additionalProperties: false, required: ['productId'], properties: { productId: { type: 'string', minLength: 1, maxLength: 64 } } },
        response: { 201: { type: 'object', required: ['recorded'], properties: { recorded: { type: 'boolean' } } }, ...errorResponses(...SHOPPER_ERRORS, 403, 413, 415) },
      },
    },
    async (request, reply) => {
      if (!PRODUCT_IDS.includes(request.body.productId)) throw errors.badRequest(`No product ${JSON.stringify(request.body.productId.slice(0, 64))} in the catalogue`);
      await requireConsent(request, 'personalisation');
      await app.repos.shop.recordView(request.userId!, request.body.productId);
      return reply.code(201).send({ recorded: true });
    },
  );

  app.post(
    '/v1/shop/newsletter',
    {
      ...shopper,
      schema: {
        tags: ['shop'],
        body: { type: 'object', additionalProperties: false, required: ['channel'], properties: { channel: { type: 'string', enum: ['wechat', 'sms', 'email'] } } },
        response: { 201: ack, ...errorResponses(...SHOPPER_ERRORS, 403, 413, 415) },
      },
    },
    async (request, reply) => {
      await requireConsent(request, 'marketing');
      return reply.code(201).send({ id: nextId('nl') });
    },
  );

  app.post(
    '/v1/shop/dealer-appointments',
    {
      ...shopper,
      schema: {
        tags: ['shop'],
        body: { type: 'object', additionalProperties: false, required: ['dealerId', 'date'], properties: { dealerId: ID, date: { type: 'string', format: 'date' } } },
        response: { 201: ack, ...errorResponses(...SHOPPER_ERRORS, 403, 413, 415) },
      },
    },
    async (request, reply) => {
      await requireConsent(request, 'dealer-sharing');
      return reply.code(201).send({ id: nextId('appt') });
    },
  );

  // Stored for the signed-in shopper; a retry with the same Idempotency-Key gets the first answer.
  app.post<{ Body: { serial: string; international: boolean }; Headers: { 'idempotency-key': string } }>(
    '/v1/shop/warranties',
    {
      preHandler: app.requireShopper,
      config: writes,
      schema: {
        tags: ['shop'],
        security: [{ session: [] }],
        headers: { type: 'object', required: ['idempotency-key'], properties: { 'idempotency-key': idempotencyKeySchema } },
        body: { type: 'object', additionalProperties: false, required: ['serial', 'international'], properties: { serial: { type: 'string', maxLength: 64 }, international: { type: 'boolean' } } },
        response: { 200: warrantySchema, 201: warrantySchema, ...errorResponses(...SHOPPER_ERRORS, 403, 409, 413, 415, 422) },
      },
    },
    async (request, reply) => {
      const userId = request.userId!;
      const key = request.headers['idempotency-key'];
      const serial = request.body.serial.trim().toUpperCase();
      if (!WARRANTY_NUMBER.test(serial)) throw errors.badRequest('The warranty number must be 6 to 24 letters, digits or hyphens, starting with a letter or digit');
      if (request.body.international) await requireConsent(request, 'cross-border');
      const requestHash = requestHashOf({ serial, international: request.body.international });
      const { idempotency, shop } = app.repos;
      const replay = replayer(app, reply, { userId, route: WARRANTY_ROUTE, key, requestHash });
      try {
        const answer = await app.database.db.transaction().execute(async (tx) => {
          const stored = await idempotency.find(tx, userId, WARRANTY_ROUTE, key);
          if (stored) return null;
          const { warranty, created } = await shop.registerWarranty(tx, userId, serial, request.body.international);
          const statusCode = created ? 201 : 200;
          await idempotency.save(tx, userId, WARRANTY_ROUTE, key, { requestHash, statusCode, body: warranty });
          return { statusCode, warranty };
        });
        if (answer) return reply.code(answer.statusCode).send(answer.warranty);
      } catch (err) {
        // The same key (or the same card) sent twice at once: the loser answers as a repeat.
        if (!isUniqueViolation(err)) throw err;
      }
      if (await replay()) return reply;
      const again = await app.database.db.transaction().execute((tx) => shop.registerWarranty(tx, userId, serial, request.body.international));
      return reply.code(200).send(again.warranty);
    },
  );

  app.get(
    '/v1/shop/warranties',
    {
      ...shopper,
      schema: {
        tags: ['shop'],
        security: [{ session: [] }],
        response: { 200: { type: 'object', required: ['items'], properties: { items: { type: 'array', items: warrantySchema } } }, ...errorResponses(...SHOPPER_ERRORS) },
      },
    },
    async (request) => ({ items: await app.repos.shop.warranties(request.userId!) }),
  );

  app.post(
    '/v1/shop/refunds',
    {
      ...shopper,
      schema: {
        tags: ['shop'],
        body: { type: 'object', additionalProperties: false, required: ['orderId', 'bankAccount'], properties: { orderId: ID, bankAccount: { type: 'string', pattern: '^[0-9]{12,19}$' } } },
        response: { 201: ack, ...errorResponses(...SHOPPER_ERRORS, 403, 413, 415) },
      },
    },
    async (request, reply) => {
      await requireConsent(request, 'sensitive-refund');
      return reply.code(201).send({ id: nextId('rf') });
    },
  );

  app.post(
    '/v1/shop/analytics',
    {
      config: { auth: 'public' },
      schema: {
        tags: ['shop'],
        body: { type: 'object', additionalProperties: false, required: ['route'], properties: { route: { type: 'string', maxLength: 200, pattern: '^[a-z0-9/_-]+$' } } },
        response: { 202: { type: 'object', properties: {} }, ...errorResponses(400, 413, 415, 429) },
      },
    },
    async (_request, reply) => reply.code(202).send({}),
  );
};

export default shopRoutes;
