import type { FastifyPluginAsync } from 'fastify';
import type { SignOutRequest } from '@maison/privacy/contract';
import { sha256Hex } from '../domain/tokens';
import { errors } from '../errors';
import { shopperToken } from '../plugins/app/auth';
import { errorResponses, loginRequestSchema, type LoginRequest, loginResponseSchema, SHOPPER_ERRORS, signOutRequestSchema, signOutResponseSchema } from './schemas';

/** POST /v1/sessions: WeChat or Douyin login (or a dev login when enabled). */
const sessionRoutes: FastifyPluginAsync = async (app) => {
  app.post<{ Body: LoginRequest }>(
    '/v1/sessions',
    {
      config: { auth: 'public', rateLimit: { max: app.config.rateLimits.loginPerMinute, timeWindow: 60_000, keyGenerator: (r) => `login:${r.ip}` } },
      schema: {
        tags: ['shopper'],
        description:
          "503 when the platform's login service does not answer usably: WECHAT_UNAVAILABLE for a WeChat code (platform weapp, as before), LOGIN_UNAVAILABLE for a Douyin code (platform tt). Both mean: try again later; nothing was stored.",
        body: loginRequestSchema,
        response: {
          201: loginResponseSchema,
          204: { description: 'With existing: true, this WeChat or Douyin user has no account; none was made', type: 'null' },
          ...errorResponses(400, 413, 415, 429, 503),
        },
      },
    },
    async (request, reply) => {
      const { existing, guardianProof, platform = 'weapp' } = request.body;
      if (existing && guardianProof !== undefined) throw errors.badRequest('A guardian proof goes with a registration, not with a returning sign-in');
      const { subject, legacy } = await app.login.subjectOf(request.body.code, platform);
      // A 14–17-year-old's registration spends the guardian's proof before the account is made.
      const confirmation = guardianProof === undefined ? null : await app.guardians.spend(guardianProof);
      // A returning member signs in to the account they have; no account is made for them here
      // (making one is registration, after the app's age step).
      const userId = existing ? await app.repos.sessions.existingUser(subject, legacy) : await app.repos.sessions.upsertUser(subject, legacy, platform);
      if (confirmation !== null && userId !== null) await app.guardians.link(confirmation, userId);
      // No account is a normal answer here (a newcomer, or a purged account), not an error a
      // browser would log: 204, and nothing was stored.
      if (userId === null) return reply.code(204).send();
      const session = await app.repos.sessions.createSession(userId, app.config.sessionTtlSeconds, platform);
      app.liveSessions.remember(sha256Hex(session.token), userId, Date.parse(session.expiresAt));
      return reply.code(201).send({ token: session.token, userId, expiresAt: session.expiresAt });
    },
  );

  app.post<{ Body: SignOutRequest }>(
    '/v1/sessions/sign-out',
    {
      preHandler: app.requireShopper,
      config: { auth: 'shopper', rateLimit: { max: app.config.rateLimits.writesPerMinute, timeWindow: 60_000 } },
      schema: {
        tags: ['shopper'],
        summary: 'Sign out on this device, or everywhere',
        security: [{ session: [] }],
        body: signOutRequestSchema,
        response: { 200: signOutResponseSchema, ...errorResponses(...SHOPPER_ERRORS, 413, 415) },
      },
    },
    async (request) => {
      const token = shopperToken(request);
      let revoked: number;
      if (request.body.scope === 'everywhere') {
        const at = request.body.signedOutAt === undefined ? Date.now() : Math.min(Date.parse(request.body.signedOutAt), Date.now());
        revoked = await app.repos.sessions.revokeAll(request.userId!, new Date(at));
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
