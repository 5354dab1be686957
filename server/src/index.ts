import type { FastifyInstance } from 'fastify';
import { buildServer, type BuildOptions } from './app';
import { loadConfig, type ServerConfig } from './config';

export { buildServer, BODY_LIMIT, type BuildOptions } from './app';
export { loadConfig, ConfigError, type ServerConfig } from './config';
export { openDatabase, type Database, type DatabaseTarget } from './db/database';
export { DataDirLockedError } from './db/dataDirLock';
export { AccountPurger, PURGE_STEPS, type PurgeStep } from './commands/AccountPurger';
export { addWorkingDays, isWorkingDay, workingDayDeadline, parseCalendar, type WorkingDayCalendar } from './domain/workingDays';

/**
 * Options of `startServer`. Each one overrides the environment variable named beside it; anything
 * left out is read from `env` (default `process.env`) and validated like at a normal boot.
 */
export interface StartServerOptions {
  /** `HOST`; default 127.0.0.1. */
  host?: string;
  /** `PORT`; when neither this nor the environment sets it, 0: a free port. */
  port?: number;
  /** `DATA_DIR`: the PGlite folder; `null` keeps the database in memory. Ignored with `databaseUrl`. */
  dataDir?: string | null;
  /** `DATABASE_URL`: use PostgreSQL instead of PGlite. */
  databaseUrl?: string;
  /** `DEV_LOGIN`: accept `dev:<name>` login codes (refused with NODE_ENV=production). */
  devLogin?: boolean;
  /** `STATIC_DIR`: serve this built h5 app at `/` with an index.html fallback. */
  staticDir?: string;
  /** `WECHAT_API_BASE`: where code2Session is called. */
  wechatApiBase?: string;
  /** `COOLING_OFF_SECONDS`; default 7 days. */
  coolingOffSeconds?: number;
  /** `PURGE_INTERVAL_SECONDS`; 0 turns the purge timer off. */
  purgeIntervalSeconds?: number;
  /** `LOG_LEVEL`; default `info` (`silent` under NODE_ENV=test). */
  logLevel?: string;
  /** The base environment; default `process.env`. */
  env?: Readonly<Record<string, string | undefined>>;
  /** Passed to `buildServer` (a shared database, a WeChat client). */
  build?: BuildOptions;
}

/** A running server. */
export interface RunningServer {
  /** Base URL, e.g. `http://127.0.0.1:41234`. */
  url: string;
  /** The publisher token made on an empty embedded database (print it for the demo), else null. */
  firstOpsToken: string | null;
  config: ServerConfig;
  app: FastifyInstance;
  /** Stops listening, stops background jobs and closes the database (releasing the PGlite lock). */
  close(): Promise<void>;
}

/** Starts the backend in this process and listens; used by `npm start` and end-to-end tests. */
export async function startServer(options: StartServerOptions = {}): Promise<RunningServer> {
  const env: Record<string, string | undefined> = { ...(options.env ?? process.env) };
  const set = (key: string, value: string | number | boolean | null | undefined) => {
    if (value === undefined) return;
    env[key] = value === null ? '' : typeof value === 'boolean' ? (value ? '1' : '0') : String(value);
  };
  set('HOST', options.host);
  set('PORT', options.port ?? (env.PORT ? undefined : 0));
  if (options.dataDir === null) env.DATA_DIR = ':memory:';
  else set('DATA_DIR', options.dataDir);
  set('DATABASE_URL', options.databaseUrl);
  set('DEV_LOGIN', options.devLogin);
  set('STATIC_DIR', options.staticDir);
  set('WECHAT_API_BASE', options.wechatApiBase);
  set('COOLING_OFF_SECONDS', options.coolingOffSeconds);
  set('PURGE_INTERVAL_SECONDS', options.purgeIntervalSeconds);
  set('LOG_LEVEL', options.logLevel);
  const config = loadConfig(env);
  const app = await buildServer(config, options.build);
  try {
    await app.listen({ host: config.host, port: config.port });
  } catch (err) {
    await app.close();
    throw err;
  }
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const host = config.host.includes(':') ? `[${config.host}]` : config.host;
  let closing: Promise<void> | null = null;
  return {
    url: `http://${host}:${port}`,
    firstOpsToken: app.firstOpsToken,
    config,
    app,
    close: () => (closing ??= app.close().then(() => undefined)),
  };
}
