import type { FastifyPluginAsync } from 'fastify';
import type { LoginRequest } from '@maison/privacy/contract';
import { sha256Hex } from '../domain/tokens';
import { shopperToken } from '../plugins/app/auth';
import { errorResponses, loginCodeSchema, SHOPPER_ERRORS } from './schemas';

/** POST /v1/sessions: WeChat login (or a dev login when enabled). */
const sessionRoutes: FastifyPluginAsync = async (app) => {
  app.post<{ Body: LoginRequest }>(
    '/v1/sessions',
    {
      config: { auth: 'public', rateLimit: { max: app.config.rateLimits.loginPerMinute, timeWindow: 60_000, keyGenerator: (r) => `login:${r.ip}` } },
      schema: {
        tags: ['shopper'],
        body: { type: 'object', additionalProperties: false, required: ['code'], properties: { code: loginCodeSchema } },
        response: {
          201: {
            type: 'object',
            required: ['token', 'userId', 'expiresAt'],
            properties: { token: { type: 'string' }, userId: { type: 'string' }, expiresAt: { type: 'string', format: 'date-time' } },
          },
          ...errorResponses(400, 413, 415, 429, 503),
        },
      },
    },
    async (request, reply) => {
      const { subject, legacy } = await app.login.subjectOf(request.body.code);
      const userId = await app.repos.sessions.upsertUser(subject, legacy);
      const session = await app.repos.sessions.createSession(userId, app.config.sessionTtlSeconds);
      app.liveSessions.remember(sha256Hex(session.token), userId, Date.parse(session.expiresAt));
      return reply.code(201).send({ token: session.token, userId, expiresAt: session.expiresAt });
    },
  );

  app.post<{ Body: { scope: 'this-device' | 'everywhere' } }>(
    '/v1/sessions/sign-out',
    {
      preHandler: app.requireShopper,
      config: { auth: 'shopper', rateLimit: { max: app.config.rateLimits.writesPerMinute, timeWindow: 60_000 } },
      schema: {
        tags: ['shopper'],
        summary: 'Sign out on this device, or everywhere',
        security: [{ session: [] }],
        body: { type: 'object', additionalProperties: false, required: ['scope'], properties: { scope: { type: 'string', enum: ['this-device', 'everywhere'] } } },
        response: { 200: { type: 'object', required: ['revoked'], properties: { revoked: { type: 'integer' } } }, ...errorResponses(...SHOPPER_ERRORS, 413, 415) },
      },
    },
    async (request) => {
      const token = shopperToken(request);
      let revoked: number;
      if (request.body.scope === 'everywhere') {
        revoked = await app.repos.sessions.revokeAll(request.userId!);
        app.liveSessions.forgetUser(request.userId!);
      } else {
        revoked = (await app.repos.sessions.revoke(token)) ? 1 : 0;
        app.liveSessions.forget(sha256Hex(token));
      }
      return { revoked };
    },
  );
};
export default sessionRoutes;
