import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import Redis from 'ioredis';
import { ERROR_CODES } from '@maison/privacy/contract';
import { ApiError } from '../../errors';
import { sha256Hex } from '../../domain/tokens';

const SHOPPER_BEARER = /^Bearer (st_[A-Za-z0-9_-]{10,200})$/;

/**
 * The allowance a request draws on: a shopper's own when its session is known live in this
 * process (`app.liveSessions`, filled at login and by each successful lookup), else the client
 * address's. A header alone proves nothing, so junk or random tokens all share their sender's
 * allowance instead of each getting a fresh one.
 */
export function rateLimitKey(app: FastifyInstance, request: FastifyRequest): string {
  const auth = request.headers.authorization;
  const m = typeof auth === 'string' ? SHOPPER_BEARER.exec(auth) : null;
  if (m) {
    const userId = app.liveSessions.get(sha256Hex(m[1]!));
    if (userId) return `u:${userId}`;
  }
  return `ip:${request.ip}`;
}

/**
 * Rate limits, off by default and switched on per route (`config.rateLimit`). In memory for one
 * process; with REDIS_URL the counters live in Redis so several processes share them.
 */
export default fp(
  async (app) => {
    let redis: Redis | null = null;
    if (app.config.redisUrl) {
      // Fail fast instead of queueing: a missing Redis must not stall requests.
      redis = new Redis(app.config.redisUrl, { connectTimeout: 1000, maxRetriesPerRequest: 1, enableOfflineQueue: false, lazyConnect: true });
      await redis.connect();
      app.addHook('onClose', async () => {
        await redis?.quit();
      });
    }
    await app.register(rateLimit, {
      global: false,
      redis: redis ?? undefined,
      nameSpace: 'privacy-rl-',
      skipOnError: true,
      keyGenerator: (request) => rateLimitKey(app, request),
      errorResponseBuilder: (_request, context) =>
        new ApiError(context.statusCode === 403 ? 403 : 429, ERROR_CODES.RATE_LIMITED, `Too many requests, retry in ${context.after}`),
    });
  },
  { name: 'rate-limit', dependencies: [] },
);
