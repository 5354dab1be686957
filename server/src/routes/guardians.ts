import type { FastifyPluginAsync } from 'fastify';
import {
  guardianCodeRequestSchema,
  guardianCodeResponseSchema,
  guardianVerificationRequestSchema,
  guardianVerificationResponseSchema,
  type GuardianCodeRequest,
  type GuardianVerificationRequest,
} from '@maison/privacy/contract';
import { errorResponses } from './schemas';

/**
 * A 14–17-year-old's guardian confirms by SMS code (server/README.md, "Guardian confirmation"):
 * public, as the shopper has no account yet; the proof goes with the registration's login.
 */
const guardianRoutes: FastifyPluginAsync = async (app) => {
  const rateLimit = { max: app.config.rateLimits.loginPerMinute, timeWindow: 60_000, keyGenerator: (r: { ip: string }) => `guardian:${r.ip}` };
  app.post<{ Body: GuardianCodeRequest }>(
    '/v1/guardian-codes',
    {
      config: { auth: 'public', rateLimit },
      schema: {
        tags: ['shopper'],
        summary: "Send a confirmation code to the guardian's mobile number",
        body: guardianCodeRequestSchema,
        response: { 201: guardianCodeResponseSchema, ...errorResponses(400, 413, 415, 429, 503) },
      },
    },
    async (request, reply) => reply.code(201).send(await app.guardians.request(request.body.deviceId, request.body.phone)),
  );

  app.post<{ Params: { id: string }; Body: GuardianVerificationRequest }>(
    '/v1/guardian-codes/:id/verification',
    {
      config: { auth: 'public', rateLimit },
      schema: {
        tags: ['shopper'],
        summary: 'Check the code the guardian received; answers the proof the registration carries',
        params: { type: 'object', required: ['id'], properties: { id: { type: 'string', format: 'uuid' } } },
        body: guardianVerificationRequestSchema,
        response: { 200: guardianVerificationResponseSchema, ...errorResponses(400, 404, 409, 410, 413, 415, 429) },
      },
    },
    async (request) => app.guardians.verify(request.params.id, request.body.deviceId, request.body.code),
  );
};
export default guardianRoutes;
