import { isIP } from 'node:net';
import path from 'node:path';
import { POLICY_REQUEST_DEADLINE } from '@maison/privacy/contract';
import { OVERSEAS_PURPOSES } from './deployment';
import type { DeadlineRule } from './domain/workingDays';
import { PSEUDONYM_KEY_MIN_LENGTH } from './domain/pseudonyms';
import { REPO_ROOT } from './paths';
import type { SmsGatewayConfig } from './services/SmsGateway';

/** Settings read from the environment once at boot. */
export interface ServerConfig {
  host: string;
  port: number;
  /** PostgreSQL URL; null → embedded PGlite in `dataDir`. */
  databaseUrl: string | null;
  /** PostgreSQL connections per process (`DATABASE_POOL_SIZE`). */
  databasePoolSize: number;
  /** Consent appends in flight at once per process; requests arriving meanwhile share the next statement (`CONSENT_WRITE_STATEMENTS`). */
  consentWriteStatements: number;
  /** Events one account's consent history keeps at most (`CONSENT_EVENTS_PER_ACCOUNT`; see server/README.md). */
  consentEventsPerAccount: number;
  /** Waits on PostgreSQL before a request fails with 503 (`DATABASE_CONNECT_TIMEOUT_MS`, `DATABASE_QUERY_TIMEOUT_MS`). */
  databaseTimeouts: { connectMs: number; queryMs: number };
  /** PGlite folder; null keeps the embedded database in memory (tests, throwaway demos). */
  dataDir: string | null;
  devLogin: boolean;
  wechat: { appId: string; appSecret: string; apiBase: string; timeoutMs: number };
  /** Douyin login (`platform: 'tt'`); null when no `DOUYIN_*` login setting is given (see `douyinLogin`). */
  douyin: { appId: string; appSecret: string; apiBase: string; timeoutMs: number } | null;
  coolingOffSeconds: number;
  /**
   * The deadline promised to the shopper for a request (`REQUEST_DEADLINE_DAYS` calendar days, with
   * `REQUEST_DEADLINE_SOURCE` when it departs from the policy); default: the policy's 15 days.
   * Deadlines are never later than the regulator's 15 working days.
   */
  requestDeadline: DeadlineRule;
  /** 0 disables the purge timer (a separate worker process may run it). */
  purgeIntervalSeconds: number;
  /** How often a process checks for an activation made elsewhere or scheduled earlier. */
  policyPollSeconds: number;
  sessionTtlSeconds: number;
  /**
   * How long a process trusts what it learnt about a session token without asking the database
   * again: live (for the write queue's pre-check) or refused (`SESSION_CACHE_SECONDS`).
   */
  sessionCacheSeconds: number;
  /**
   * Bounds on a client's connection (`REQUEST_TIMEOUT_MS`: headers and body must arrive within it,
   * else 408; `CONNECTION_TIMEOUT_MS`: a socket silent that long is closed).
   */
  httpTimeouts: { requestMs: number; connectionMs: number };
  redisUrl: string | null;
  staticDir: string | null;
  nodeEnv: string;
  logLevel: string;
  /** Print a first publisher token on an empty embedded database (the demo). */
  printFirstOpsToken: boolean;
  /** Receiver abroad told to delete on purge (named in the policy), as recorded with each notice. */
  overseasReceiver: string;
  /**
   * Where the overseas receiver is told to delete (`OVERSEAS_RECEIVER_URL`, `OVERSEAS_RECEIVER_SECRET`,
   * …); null: notices wait in the database until it is configured (development and tests only).
   */
  receiverEndpoint: ReceiverEndpoint | null;
  /**
   * The SMS provider that sends a guardian's confirmation code (`SMS_API_URL`, `SMS_SECRET_ID`, …);
   * null: guardian confirmations are refused (503) — development and tests only.
   */
  smsGateway: SmsGatewayConfig | null;
  rateLimits: { loginPerMinute: number; writesPerMinute: number; readsPerMinute: number };
  /**
   * Which proxies' `X-Forwarded-For` to believe (`TRUST_PROXY`): false (default, the socket's
   * address is the client), a hop count, or the proxies' addresses / CIDR ranges.
   */
  trustProxy: false | number | string[];
  /**
   * Secret of the keyed pseudonyms (`PSEUDONYM_KEY`): subject hashes and pseudonymised consent
   * proofs. Null: the embedded database keeps its own in `DATA_DIR`, in memory one per process.
   */
  pseudonymKey: string | null;
  /**
   * The console cookie's Secure attribute (`CONSOLE_COOKIE_SECURE`): `always` (default outside
   * the loopback demo), `never`, or `auto` (the loopback demo's default: Secure unless reached
   * over plain http on a loopback host name, as browsers drop Secure cookies there).
   */
  consoleCookieSecure: 'always' | 'never' | 'auto';
}

/** The overseas receiver's deletion endpoint and how notices are sent to it (server/README.md). */
export interface ReceiverEndpoint {
  /** `OVERSEAS_RECEIVER_URL`: POSTed each notice. */
  url: string;
  /** `OVERSEAS_RECEIVER_SECRET`: the HMAC-SHA256 key of the `x-privacy-signature` header. */
  secret: string;
  /** `OVERSEAS_RECEIVER_TIMEOUT_MS`: one attempt, answer included. */
  timeoutMs: number;
  /** `OVERSEAS_RECEIVER_RETRY_MS`: wait after the first failed attempt; doubled after each further one. */
  retryMs: number;
  /** `OVERSEAS_RECEIVER_RETRY_MAX_MS`: the longest wait between two attempts. */
  retryMaxMs: number;
}

/** Shortest `OVERSEAS_RECEIVER_SECRET` accepted (characters). */
export const RECEIVER_SECRET_MIN_LENGTH = 32;

/** A setting in the environment is missing or malformed. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

const LOOPBACK_HOSTS = ['127.0.0.1', '::1', 'localhost'];

function cookieSecure(env: Readonly<Record<string, string | undefined>>, loopbackDemo: boolean): 'always' | 'never' | 'auto' {
  const raw = (env.CONSOLE_COOKIE_SECURE ?? '').trim().toLowerCase();
  if (raw === '') return loopbackDemo ? 'auto' : 'always';
  if (raw === '1' || raw === 'always') return 'always';
  if (raw === '0' || raw === 'never') return 'never';
  if (raw === 'auto') return 'auto';
  throw new ConfigError(`CONSOLE_COOKIE_SECURE must be 1 (always), 0 (never) or auto, got "${env.CONSOLE_COOKIE_SECURE}"`);
}

function int(env: Readonly<Record<string, string | undefined>>, key: string, fallback: number, min: number, max: number): number {
  const raw = env[key];
  if (raw === undefined || raw === '') return fallback;
  if (!/^\d+$/.test(raw.trim())) throw new ConfigError(`${key} must be a whole number, got "${raw}"`);
  const n = Number(raw);
  if (n < min || n > max) throw new ConfigError(`${key} must be between ${min} and ${max}, got ${n}`);
  return n;
}

function flag(env: Readonly<Record<string, string | undefined>>, key: string): boolean {
  const raw = (env[key] ?? '').trim().toLowerCase();
  if (raw === '' || raw === '0' || raw === 'false' || raw === 'no') return false;
  if (raw === '1' || raw === 'true' || raw === 'yes') return true;
  throw new ConfigError(`${key} must be 1 or 0, got "${env[key]}"`);
}

function url(env: Readonly<Record<string, string | undefined>>, key: string, protocols: string[]): string | null {
  const raw = env[key];
  if (raw === undefined || raw === '') return null;
  let parsed: URL;
  try {
    parsed = new URL(raw);
  } catch {
    throw new ConfigError(`${key} is not a valid URL`);
  }
  if (!protocols.includes(parsed.protocol)) throw new ConfigError(`${key} must use ${protocols.join(' or ')}`);
  return raw;
}

/**
 * The overseas receiver's deletion endpoint, or null when none is configured. Refused: a URL that is
 * not http(s), one carrying credentials (the notices are signed instead), plain http outside
 * development and tests, a secret without a URL or a URL without a secret of at least 32 characters.
 * (No endpoint at all is refused by `loadConfig` outside development and tests when the app asks
 * for a cross-border consent.)
 */
function receiverEndpoint(env: Readonly<Record<string, string | undefined>>, relaxed: boolean): ReceiverEndpoint | null {
  const raw = (env.OVERSEAS_RECEIVER_URL ?? '').trim();
  const secret = env.OVERSEAS_RECEIVER_SECRET ?? '';
  const timeoutMs = int(env, 'OVERSEAS_RECEIVER_TIMEOUT_MS', 10_000, 100, 120_000);
  const retryMs = int(env, 'OVERSEAS_RECEIVER_RETRY_MS', 30_000, 10, 3_600_000);
  const retryMaxMs = int(env, 'OVERSEAS_RECEIVER_RETRY_MAX_MS', 3_600_000, 10, 24 * 3_600_000);
  if (retryMaxMs < retryMs) throw new ConfigError(`OVERSEAS_RECEIVER_RETRY_MAX_MS (${retryMaxMs}) must not be below OVERSEAS_RECEIVER_RETRY_MS (${retryMs})`);
  if (raw === '') {
    if (secret !== '') throw new ConfigError('OVERSEAS_RECEIVER_SECRET is set without OVERSEAS_RECEIVER_URL: set the receiver\'s deletion endpoint too, or remove the secret');
    return null;
  }
  let parsed: URL;
  try {
    parsed = new URL(raw);
  } catch {
    throw new ConfigError('OVERSEAS_RECEIVER_URL is not a valid URL');
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') throw new ConfigError(`OVERSEAS_RECEIVER_URL must use https: (or http: in development and tests), got ${parsed.protocol}`);
  if (!relaxed && parsed.protocol !== 'https:') throw new ConfigError('OVERSEAS_RECEIVER_URL must use https: outside NODE_ENV=development or test');
  if (parsed.username || parsed.password) throw new ConfigError('OVERSEAS_RECEIVER_URL must not carry a user name or password: notices are signed with OVERSEAS_RECEIVER_SECRET');
  if (secret === '') throw new ConfigError('OVERSEAS_RECEIVER_SECRET is required with OVERSEAS_RECEIVER_URL (the key that signs each notice)');
  if (secret.length < RECEIVER_SECRET_MIN_LENGTH) throw new ConfigError(`OVERSEAS_RECEIVER_SECRET must have at least ${RECEIVER_SECRET_MIN_LENGTH} characters`);
  return { url: parsed.toString(), secret, timeoutMs, retryMs, retryMaxMs };
}

/** The variables an SMS provider account needs; all or none. */
const SMS_REQUIRED = ['SMS_SECRET_ID', 'SMS_SECRET_KEY', 'SMS_SDK_APP_ID', 'SMS_SIGN_NAME', 'SMS_TEMPLATE_ID'] as const;

/**
 * The SMS provider account, or null when none is configured. Refused: part of the account only, a
 * URL that is not http(s) or carries credentials, plain http outside development and tests. (No
 * account at all is refused by `loadConfig` outside development and tests: a 14–17-year-old could
 * not have a guardian confirm.)
 */
function smsGateway(env: Readonly<Record<string, string | undefined>>, relaxed: boolean): SmsGatewayConfig | null {
  const timeoutMs = int(env, 'SMS_TIMEOUT_MS', 5_000, 100, 60_000);
  const present = SMS_REQUIRED.filter((k) => (env[k] ?? '').trim() !== '');
  if (present.length === 0) {
    if ((env.SMS_API_URL ?? '').trim() !== '') throw new ConfigError(`SMS_API_URL is set without the provider account: set ${SMS_REQUIRED.join(', ')} too`);
    return null;
  }
  const missing = SMS_REQUIRED.filter((k) => !present.includes(k));
  if (missing.length > 0) throw new ConfigError(`The SMS provider account is incomplete: ${missing.join(', ')} missing`);
  const raw = url(env, 'SMS_API_URL', ['https:', 'http:']) ?? 'https://sms.tencentcloudapi.com/';
  const parsed = new URL(raw);
  if (!relaxed && parsed.protocol !== 'https:') throw new ConfigError('SMS_API_URL must use https: outside NODE_ENV=development or test');
  if (parsed.username || parsed.password) throw new ConfigError('SMS_API_URL must not carry a user name or password: requests are signed with SMS_SECRET_KEY');
  const v = (k: (typeof SMS_REQUIRED)[number]) => env[k]!.trim();
  return {
    url: parsed.toString(),
    secretId: v('SMS_SECRET_ID'),
    secretKey: v('SMS_SECRET_KEY'),
    sdkAppId: v('SMS_SDK_APP_ID'),
    signName: v('SMS_SIGN_NAME'),
    templateId: v('SMS_TEMPLATE_ID'),
    region: (env.SMS_REGION ?? '').trim() || 'ap-guangzhou',
    timeoutMs,
  };
}

/**
 * Time kept free between the purge's latest start (cooling-off end + one purge interval) and the
 * promised deadline, for the purge itself, a retry after a failure and the overseas receiver's deletion.
 */
export const DEADLINE_MARGIN_SECONDS = 2 * 24 * 3600;

function deadlineRule(env: Readonly<Record<string, string | undefined>>): DeadlineRule {
  const days = int(env, 'REQUEST_DEADLINE_DAYS', POLICY_REQUEST_DEADLINE.calendarDays, 1, 60);
  const source = (env.REQUEST_DEADLINE_SOURCE ?? '').trim();
  if (days === POLICY_REQUEST_DEADLINE.calendarDays && !source) return { calendarDays: days, source: { ...POLICY_REQUEST_DEADLINE.source } };
  if (!source) throw new ConfigError('REQUEST_DEADLINE_DAYS differs from the policy: set REQUEST_DEADLINE_SOURCE to the sentence that promises it');
  return { calendarDays: days, source: { sectionId: 'configured', zh: source, en: source } };
}

/**
 * Boot check: a cancellation's purge starts at the latest one purge interval after its cooling-off
 * ends; that must leave `DEADLINE_MARGIN_SECONDS` before the promised deadline (which is itself
 * never later than 15 working days, and 15 working days are never fewer than 15 calendar days).
 */
export function checkDeadlineFits(c: Pick<ServerConfig, 'coolingOffSeconds' | 'purgeIntervalSeconds' | 'requestDeadline'>): void {
  const available = Math.min(c.requestDeadline.calendarDays, 15) * 24 * 3600;
  const used = c.coolingOffSeconds + c.purgeIntervalSeconds + DEADLINE_MARGIN_SECONDS;
  if (used > available) {
    throw new ConfigError(
      `COOLING_OFF_SECONDS (${c.coolingOffSeconds}) + PURGE_INTERVAL_SECONDS (${c.purgeIntervalSeconds}) + a ${DEADLINE_MARGIN_SECONDS / 86400}-day margin ` +
        `exceed the ${available / 86400}-day deadline promised to shoppers (${c.requestDeadline.source.en})`,
    );
  }
}

/** Address groups proxy-addr knows by name. */
const PROXY_NAMES = ['loopback', 'linklocal', 'uniquelocal'];

function trustProxy(env: Readonly<Record<string, string | undefined>>): false | number | string[] {
  const raw = (env.TRUST_PROXY ?? '').trim();
  if (raw === '' || raw === '0' || raw.toLowerCase() === 'false') return false;
  if (/^\d+$/.test(raw)) {
    const hops = Number(raw);
    if (hops > 10) throw new ConfigError(`TRUST_PROXY must be a hop count between 0 and 10 or a list of addresses, got ${hops}`);
    return hops;
  }
  const list = raw.split(',').map((a) => a.trim());
  for (const a of list) {
    if (PROXY_NAMES.includes(a)) continue;
    const [address, bits, more] = a.split('/');
    const family = isIP(address ?? '');
    const maxBits = family === 6 ? 128 : 32;
    const bitsOk = bits === undefined || (/^\d{1,3}$/.test(bits) && Number(bits) <= maxBits);
    if (!family || !bitsOk || more !== undefined) {
      throw new ConfigError(`TRUST_PROXY must be a hop count or a comma-separated list of addresses, CIDR ranges or ${PROXY_NAMES.join('/')}, got "${a}"`);
    }
  }
  return list;
}

/**
 * Douyin login is on once `DOUYIN_APP_ID`, `DOUYIN_APP_SECRET` or `DOUYIN_API_BASE` is set, and
 * then needs both the app id and the secret (a half configuration is refused in every
 * environment, so production never runs a login that cannot work). Off, a Douyin code is refused;
 * `dev:` codes still work for Douyin where dev login is on.
 */
function douyinLogin(env: Readonly<Record<string, string | undefined>>, relaxed: boolean): ServerConfig['douyin'] {
  const base = url(env, 'DOUYIN_API_BASE', ['http:', 'https:']);
  const appId = env.DOUYIN_APP_ID ?? '';
  const appSecret = env.DOUYIN_APP_SECRET ?? '';
  const timeoutMs = int(env, 'DOUYIN_TIMEOUT_MS', 5000, 100, 60000);
  if (!base && !appId && !appSecret) return null;
  if (!appId || !appSecret) throw new ConfigError('DOUYIN_APP_ID and DOUYIN_APP_SECRET are both required once Douyin login is configured (any DOUYIN_APP_ID, DOUYIN_APP_SECRET or DOUYIN_API_BASE)');
  const apiBase = base ?? 'https://developer.toutiao.com';
  // The app secret travels in the request: in production only over TLS.
  if (!relaxed && !apiBase.startsWith('https:')) throw new ConfigError('DOUYIN_API_BASE must use https: outside NODE_ENV=development or test');
  return { appId, appSecret, apiBase: apiBase.replace(/\/+$/, ''), timeoutMs };
}

/** Reads and validates the environment; throws `ConfigError` naming the bad setting. */
export function loadConfig(env: Readonly<Record<string, string | undefined>> = process.env): ServerConfig {
  const nodeEnv = env.NODE_ENV ?? '';
  // Only these exact values relax anything: "Production", " production", "prod" or unset are
  // treated as production.
  const relaxed = nodeEnv === 'development' || nodeEnv === 'test';
  const devLogin = flag(env, 'DEV_LOGIN');
  const host = env.HOST || '127.0.0.1';
  if (devLogin && !relaxed) throw new ConfigError(`DEV_LOGIN=1 is refused unless NODE_ENV=development (or test), got ${JSON.stringify(nodeEnv)}`);
  if (devLogin && !LOOPBACK_HOSTS.includes(host)) throw new ConfigError(`DEV_LOGIN=1 only listens on a loopback address (127.0.0.1, ::1, localhost), got HOST=${host}`);
  const databaseUrl = url(env, 'DATABASE_URL', ['postgres:', 'postgresql:']);
  const wechatBase = url(env, 'WECHAT_API_BASE', ['http:', 'https:']) ?? 'https://api.weixin.qq.com';
  const appId = env.WECHAT_APP_ID ?? '';
  const appSecret = env.WECHAT_APP_SECRET ?? '';
  // The app secret travels in the query string: in production only over TLS.
  if (!relaxed && !wechatBase.startsWith('https:')) throw new ConfigError('WECHAT_API_BASE must use https: outside NODE_ENV=development or test');
  const pseudonymKey = env.PSEUDONYM_KEY || null;
  if (pseudonymKey !== null && pseudonymKey.length < PSEUDONYM_KEY_MIN_LENGTH) throw new ConfigError(`PSEUDONYM_KEY must have at least ${PSEUDONYM_KEY_MIN_LENGTH} characters`);
  const coolingOffSeconds = int(env, 'COOLING_OFF_SECONDS', 7 * 24 * 3600, 0, 365 * 24 * 3600);
  const purgeIntervalSeconds = int(env, 'PURGE_INTERVAL_SECONDS', 300, 0, 24 * 3600);
  const requestDeadline = deadlineRule(env);
  checkDeadlineFits({ coolingOffSeconds, purgeIntervalSeconds, requestDeadline });
  const config: ServerConfig = {
    host,
    port: int(env, 'PORT', 3000, 0, 65535),
    databaseUrl,
    databasePoolSize: int(env, 'DATABASE_POOL_SIZE', 10, 1, 200),
    consentWriteStatements: int(env, 'CONSENT_WRITE_STATEMENTS', 4, 1, 200),
    consentEventsPerAccount: int(env, 'CONSENT_EVENTS_PER_ACCOUNT', 10_000, 10, 10_000_000),
    databaseTimeouts: { connectMs: int(env, 'DATABASE_CONNECT_TIMEOUT_MS', 5_000, 100, 120_000), queryMs: int(env, 'DATABASE_QUERY_TIMEOUT_MS', 30_000, 100, 600_000) },
    dataDir: env.DATA_DIR === ':memory:' ? null : path.resolve(env.DATA_DIR || path.join(REPO_ROOT, '.data')),
    devLogin,
    wechat: { appId, appSecret, apiBase: wechatBase.replace(/\/+$/, ''), timeoutMs: int(env, 'WECHAT_TIMEOUT_MS', 5000, 100, 60000) },
    douyin: douyinLogin(env, relaxed),
    coolingOffSeconds,
    purgeIntervalSeconds,
    requestDeadline,
    policyPollSeconds: int(env, 'POLICY_POLL_SECONDS', 2, 1, 3600),
    sessionTtlSeconds: int(env, 'SESSION_TTL_SECONDS', 30 * 24 * 3600, 60, 365 * 24 * 3600),
    sessionCacheSeconds: int(env, 'SESSION_CACHE_SECONDS', 60, 1, 3600),
    httpTimeouts: { requestMs: int(env, 'REQUEST_TIMEOUT_MS', 30_000, 1_000, 600_000), connectionMs: int(env, 'CONNECTION_TIMEOUT_MS', 120_000, 1_000, 3_600_000) },
    redisUrl: url(env, 'REDIS_URL', ['redis:', 'rediss:']),
    staticDir: env.STATIC_DIR ? path.resolve(env.STATIC_DIR) : null,
    nodeEnv,
    logLevel: env.LOG_LEVEL || (nodeEnv === 'test' ? 'silent' : 'info'),
    printFirstOpsToken: !databaseUrl,
    overseasReceiver: env.OVERSEAS_RECEIVER || 'overseas-group-entity',
    receiverEndpoint: receiverEndpoint(env, relaxed),
    smsGateway: smsGateway(env, relaxed),
    rateLimits: {
      loginPerMinute: int(env, 'RATE_LIMIT_LOGIN_PER_MINUTE', 20, 1, 100000),
      writesPerMinute: int(env, 'RATE_LIMIT_WRITES_PER_MINUTE', 120, 1, 100000),
      readsPerMinute: int(env, 'RATE_LIMIT_READS_PER_MINUTE', 60, 1, 100000),
    },
    trustProxy: trustProxy(env),
    pseudonymKey,
    consoleCookieSecure: cookieSecure(env, relaxed && LOOPBACK_HOSTS.includes(host)),
  };
  // Checked last, so a malformed setting is named first.
  if (!devLogin && (!appId || !appSecret)) {
    throw new ConfigError('WECHAT_APP_ID and WECHAT_APP_SECRET are required unless DEV_LOGIN=1 (development only)');
  }
  if (!pseudonymKey && (nodeEnv === 'production' || (databaseUrl && nodeEnv !== 'test'))) {
    throw new ConfigError('PSEUDONYM_KEY is required when NODE_ENV=production or with DATABASE_URL (keep it secret and never change it: it keys the pseudonyms of every kept proof)');
  }
  if (!relaxed && config.receiverEndpoint === null && OVERSEAS_PURPOSES.length > 0) {
    throw new ConfigError(
      `OVERSEAS_RECEIVER_URL and OVERSEAS_RECEIVER_SECRET are required outside NODE_ENV=development or test: the app asks for the cross-border consent (${OVERSEAS_PURPOSES.join(', ')}), so a purge must tell the overseas receiver to delete`,
    );
  }
  if (!relaxed && config.smsGateway === null) {
    throw new ConfigError(
      `${SMS_REQUIRED.join(', ')} are required outside NODE_ENV=development or test: a shopper aged 14 to 17 joins only once a guardian confirms with a code sent by SMS`,
    );
  }
  return config;
}
