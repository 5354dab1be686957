import Redis from 'ioredis';

/** The Redis the suites that test shared rate limits use (these machines run one on 6379). */
export const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/** A connection to the test Redis. With none reachable it throws with the fix: these tests never skip. */
export async function connectTestRedis(): Promise<Redis> {
  const redis = new Redis(TEST_REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 1, retryStrategy: () => null });
  redis.on('error', () => undefined);
  try {
    await redis.connect();
    return redis;
  } catch (err) {
    redis.disconnect();
    throw new Error(
      `Redis is not reachable at ${TEST_REDIS_URL} (${(err as Error).message}). The shared rate-limit tests need it: start it ` +
        `(redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no) or set TEST_REDIS_URL.`,
    );
  }
}

/**
 * Deletes the rate-limit counters whose key holds `marker` (the test's own client address or user):
 * test files run at once share one Redis, so none may clear another's counters.
 */
export async function clearCounters(redis: Redis, marker: string): Promise<void> {
  const keys = await redis.keys(`privacy-rl-*${marker}*`);
  if (keys.length) await redis.del(...keys);
}
