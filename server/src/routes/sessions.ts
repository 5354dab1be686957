import type { FastifyPluginAsync } from 'fastify';
import type { LoginRequest } from '../../../src/privacy/domain/contract';
import { sha256Hex } from '../domain/tokens';
import { errorResponses, loginCodeSchema } from './schemas';

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
};
export default sessionRoutes;
