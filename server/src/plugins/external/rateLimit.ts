import rateLimit from '@fastify/rate-limit';
import type { FastifyBaseLogger, FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import Redis from 'ioredis';
import { ERROR_CODES } from '@maison/privacy/contract';
import { ApiError } from '../../errors';
import { allowanceOwner } from '../app/auth';

/**
 * The allowance a request draws on: a shopper's own when a live session is behind its token
 * (known live in this process, else looked up), else the client address's. A header alone proves
 * nothing, so junk or random tokens all share their sender's allowance instead of each getting a
 * fresh one, and cost no lookup (`SessionRepository.lookup` refuses tokens the server never
 * issued without the database). The key does not depend on which process serves the request or
 * on what it has cached, so with Redis every process counts a shopper's requests together.
 */
export async function rateLimitKey(app: FastifyInstance, request: FastifyRequest): Promise<string> {
  try {
    const userId = await allowanceOwner(app, request);
    if (userId) return `u:${userId}`;
  } catch {
    // The database cannot say: count on the address; the route itself answers for the outage.
  }
  return `ip:${request.ip}`;
}

/** What @fastify/rate-limit calls on a store. */
interface CounterStore {
  incr(key: string, cb: (err: Error | null, res: { current: number; ttl: number } | null) => void, timeWindow: number, max: number): void;
  child(routeOptions: unknown): CounterStore;
}
// The stores shipped with @fastify/rate-limit (CommonJS, untyped).
const LocalStore = require('@fastify/rate-limit/store/LocalStore') as new (continueExceeding: boolean, exponentialBackoff: boolean, cache?: number) => CounterStore;
const RedisStore = require('@fastify/rate-limit/store/RedisStore') as new (continueExceeding: boolean, exponentialBackoff: boolean, redis: Redis, key: string) => CounterStore;

/** How often an ongoing Redis outage is logged again. */
const OUTAGE_LOG_EVERY_MS = 60_000;

/**
 * Whether the shared counters are reachable, said loudly: an error when Redis is lost (and again
 * every minute while it stays lost), a warning when it is back.
 */
class RedisHealth {
  private lostSince: number | null = null;
  private loggedAt = 0;

  constructor(private readonly log: FastifyBaseLogger) {}

  lost(err: Error): void {
    const now = Date.now();
    if (this.lostSince === null) this.lostSince = now;
    if (now - this.loggedAt < OUTAGE_LOG_EVERY_MS) return;
    this.loggedAt = now;
    this.log.error(
      { err: { message: err.message, code: (err as NodeJS.ErrnoException).code }, outageMs: now - this.lostSince },
      'Redis unreachable: rate limits are counted in memory, per process, until it is back',
    );
  }

  ok(): void {
    if (this.lostSince === null) return;
    this.log.warn({ outageMs: Date.now() - this.lostSince }, 'Redis reachable again: rate limits are shared through it again');
    this.lostSince = null;
    this.loggedAt = 0;
  }
}

/**
 * Counters in Redis, shared by every process; when a Redis call fails, this process's own
 * counters instead, so a Redis outage never turns the limits off (each process then allows the
 * limit on its own).
 */
class SharedOrLocalStore implements CounterStore {
  constructor(
    private readonly shared: CounterStore,
    private readonly local: CounterStore,
    private readonly health: RedisHealth,
  ) {}

  incr(key: string, cb: Parameters<CounterStore['incr']>[1], timeWindow: number, max: number): void {
    this.shared.incr(
      key,
      (err, res) => {
        if (!err) {
          this.health.ok();
          cb(null, res);
          return;
        }
        this.health.lost(err);
        this.local.incr(key, cb, timeWindow, max);
      },
      timeWindow,
      max,
    );
  }

  child(routeOptions: unknown): CounterStore {
    return new SharedOrLocalStore(this.shared.child(routeOptions), this.local.child(routeOptions), this.health);
  }
}

/**
 * Rate limits, off by default and switched on per route (`config.rateLimit`). In memory for one
 * process; with REDIS_URL the counters live in Redis so several processes share them, falling
 * back to memory (and an error in the log) while Redis cannot be reached.
 */
export default fp(
  async (app) => {
    let store: (new () => CounterStore) | undefined;
    if (app.config.redisUrl) {
      const health = new RedisHealth(app.log);
      // Fail fast instead of queueing: a missing Redis must not stall requests. ioredis keeps
      // reconnecting in the background.
      const redis = new Redis(app.config.redisUrl, { connectTimeout: 1000, commandTimeout: 500, maxRetriesPerRequest: 1, enableOfflineQueue: false, lazyConnect: true });
      redis.on('error', (err: Error) => health.lost(err));
      try {
        await redis.connect();
      } catch (err) {
        health.lost(err as Error);
      }
      app.addHook('onClose', async () => {
        if (redis.status === 'ready') await redis.quit().catch(() => redis.disconnect());
        else redis.disconnect();
      });
      const shared = new RedisStore(false, false, redis, 'privacy-rl-');
      const local = new LocalStore(false, false);
      store = class {
        constructor() {
          return new SharedOrLocalStore(shared, local, health);
        }
      } as unknown as new () => CounterStore;
    }
    await app.register(rateLimit, {
      global: false,
      ...(store ? { store: store as never } : {}),
      skipOnError: false,
      keyGenerator: (request) => rateLimitKey(app, request),
      errorResponseBuilder: (_request, context) =>
        new ApiError(context.statusCode === 403 ? 403 : 429, ERROR_CODES.RATE_LIMITED, `Too many requests, retry in ${context.after}`),
    });
  },
  { name: 'rate-limit', dependencies: [] },
);
