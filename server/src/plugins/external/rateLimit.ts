import rateLimit from '@fastify/rate-limit';
import fp from 'fastify-plugin';
import Redis from 'ioredis';
import { ERROR_CODES } from '@maison/privacy/contract';
import { ApiError } from '../../errors';
import { sha256Hex } from '../../domain/tokens';

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
      // Per bearer token when there is one (never stored in clear), else per client address.
      keyGenerator: (request) => {
        const auth = request.headers.authorization;
        return auth ? `t:${sha256Hex(auth).slice(0, 32)}` : `ip:${request.ip}`;
      },
      errorResponseBuilder: (_request, context) =>
        new ApiError(context.statusCode === 403 ? 403 : 429, ERROR_CODES.RATE_LIMITED, `Too many requests, retry in ${context.after}`),
    });
  },
  { name: 'rate-limit', dependencies: [] },
);
