import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { ConsentPurpose } from '@maison/privacy/contract';
import { CATALOGUE } from '../../../src/shop/catalogue';
import { errors } from '../errors';
import { errorResponses, SHOPPER_ERRORS } from './schemas';

const PRODUCT_IDS = CATALOGUE.map((p) => p.id);
const ID = { type: 'string', pattern: '^[A-Za-z0-9_-]{1,64}$' } as const;

/**
 * The demo shop's endpoints, one per consumer of a separate consent. Each checks the caller's
 * current consents (the server's own reduction of the ledger), so a withdrawal stops the use at
 * once even if a client misbehaves. Nothing here stores personal data: the demo acknowledges.
 */
const shopRoutes: FastifyPluginAsync = async (app) => {
  const shopper = { preHandler: app.requireShopper, config: { auth: 'shopper' as const } };

  async function requireConsent(request: FastifyRequest, purpose: ConsentPurpose): Promise<void> {
    const state = await app.repos.consents.state(request.userId!);
    if (state.consents[purpose]?.value !== 'granted') throw errors.forbidden(`The ${purpose} consent is not given`);
  }

  const ack = { type: 'object', required: ['id'], properties: { id: { type: 'string' } } } as const;
  let seq = 0;
  const nextId = (prefix: string) => `${prefix}_${Date.now().toString(36)}${(seq++).toString(36)}`;

  // Generic when anonymous or without history; the history is only accepted with the consent.
  app.get<{ Querystring: { history?: string } }>(
    '/v1/shop/recommendations',
    {
      config: { auth: 'public' },
      schema: {
        tags: ['shop'],
        // Anyone, and a session for personalised ones.
        security: [{}, { session: [] }],
        querystring: { type: 'object', additionalProperties: false, properties: { history: { type: 'string', maxLength: 1000, pattern: '^[a-z0-9,-]*$' } } },
        response: {
          200: {
            type: 'object',
            required: ['items', 'personalised'],
            properties: {
              personalised: { type: 'boolean' },
              items: { type: 'array', items: { type: 'object', required: ['productId', 'reason'], properties: { productId: { type: 'string' }, reason: { type: 'string' } } } },
            },
          },
          ...errorResponses(...SHOPPER_ERRORS),
        },
      },
    },
    async (request) => {
      const history = (request.query.history ?? '').split(',').filter((id) => PRODUCT_IDS.includes(id));
      if (history.length === 0) return { personalised: false, items: PRODUCT_IDS.slice(0, 3).map((productId) => ({ productId, reason: 'popular' })) };
      if (!request.headers.authorization) throw errors.unauthenticated('Personalised recommendations need a session');
      await app.requireShopper(request);
      await requireConsent(request, 'personalisation');
      const viewed = new Set(history);
      const category = CATALOGUE.find((p) => p.id === history[0])?.category;
      const items = CATALOGUE.filter((p) => p.category === category && !viewed.has(p.id)).concat(CATALOGUE.filter((p) => p.category !== category));
      return { personalised: true, items: items.slice(0, 3).map((p) => ({ productId: p.id, reason: 'similar' })) };
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

  app.post<{ Body: { serial: string; international: boolean } }>(
    '/v1/shop/warranties',
    {
      ...shopper,
      schema: {
        tags: ['shop'],
        body: { type: 'object', additionalProperties: false, required: ['serial', 'international'], properties: { serial: ID, international: { type: 'boolean' } } },
        response: {
          201: { type: 'object', required: ['id', 'international'], properties: { id: { type: 'string' }, international: { type: 'boolean' } } },
          ...errorResponses(...SHOPPER_ERRORS, 403, 413, 415),
        },
      },
    },
    async (request, reply) => {
      if (request.body.international) await requireConsent(request, 'cross-border');
      return reply.code(201).send({ id: nextId('wty'), international: request.body.international });
    },
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
      await requireConsent(request, 'sensitive');
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
