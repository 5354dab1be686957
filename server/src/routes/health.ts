import type { FastifyPluginAsync } from 'fastify';
import { databaseIsReachable } from '../db/database';
import { ApiError } from '../errors';
import { ERROR_CODES } from '@maison/privacy/contract';
import { errorResponses } from './schemas';

const ok = { type: 'object', required: ['status'], properties: { status: { type: 'string', const: 'ok' } } };

/** Liveness and readiness. */
const healthRoutes: FastifyPluginAsync = async (app) => {
  app.get('/healthz', { config: { auth: 'public' }, schema: { tags: ['health'], response: { 200: ok, ...errorResponses() } } }, async () => ({ status: 'ok' as const }));
  app.get(
    '/readyz',
    { config: { auth: 'public' }, schema: { tags: ['health'], response: { 200: ok, ...errorResponses(503) } } },
    async () => {
      if (!(await databaseIsReachable(app.database.db))) throw new ApiError(503, ERROR_CODES.SERVICE_UNAVAILABLE, 'Database unreachable');
      return { status: 'ok' as const };
    },
  );
};
export default healthRoutes;
