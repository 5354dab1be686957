import type { OpsRole } from '@maison/privacy/contract';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import AjvCompiler from '@fastify/ajv-compiler';
import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import type { ServerConfig } from './config';
import type { Database } from './db/database';
import authPlugin from './plugins/app/auth';
import { installErrorHandler } from './plugins/app/errorHandler';
import repositoriesPlugin from './plugins/app/repositories';
import startupPlugin from './plugins/app/startup';
import databasePlugin from './plugins/external/database';
import openapiPlugin from './plugins/external/openapi';
import rateLimitPlugin from './plugins/external/rateLimit';
import securityPlugin from './plugins/external/security';
import adminRoutes from './routes/admin';
import cancellationRoutes from './routes/cancellation';
import requestRoutes from './routes/requests';
import consoleRoutes from './routes/console';
import guardianRoutes from './routes/guardians';
import healthRoutes from './routes/health';
import meRoutes from './routes/me';
import policyRoutes from './routes/policy';
import profileRoutes from './routes/profile';
import sessionRoutes from './routes/sessions';
import shopRoutes from './routes/shop';
import { LiveSessions } from './services/LiveSessions';
import { finiteNumbersOnly, storableText } from './validation';
import type { WechatClient } from './wechat/WechatClient';

/** Things a caller may hand in instead of letting the server build them. */
export interface BuildOptions {
  /** An already open database (shared by several app instances, as several processes would share one). */
  database?: Database;
  /** A WeChat client other than HTTP at `config.wechat.apiBase`. */
  wechat?: WechatClient;
  /** Extra Fastify options. */
  fastify?: Partial<FastifyServerOptions>;
  /** Where log lines go (default stdout); the redaction rules apply either way. */
  logStream?: { write(line: string): void };
}

/** One registered route and who may call it. */
export interface RouteEntry {
  method: string;
  url: string;
  auth: 'public' | 'shopper' | 'ops' | null;
  /** For ops routes: the role they need. */
  role: OpsRole | null;
}

declare module 'fastify' {
  interface FastifyInstance {
    routeTable: readonly RouteEntry[];
  }
}

/** Request bodies above this are refused with 413 (the policy routes allow more). */
export const BODY_LIMIT = 128 * 1024;

// Bodies are validated strictly (no type coercion, unknown fields rejected rather than stripped);
// query strings and path parameters arrive as text and are coerced to their declared types.
const validators = AjvCompiler();
const strict = validators({}, { customOptions: { coerceTypes: false, removeAdditional: false, allErrors: false }, plugins: [] });
const coercing = validators({}, { customOptions: { coerceTypes: true, removeAdditional: false, allErrors: false }, plugins: [] });

/** Whether a static path may be served: no dot segment, and its real path stays inside `realRoot`. */
export function staticPathAllowed(realRoot: string, pathname: string): boolean {
  if (pathname.split(/[\\/]/).some((segment) => segment.startsWith('.'))) return false;
  let real: string;
  try {
    real = fs.realpathSync(path.join(realRoot, pathname));
  } catch {
    return true; // nothing there: the file server answers 404
  }
  return real === realRoot || real.startsWith(realRoot + path.sep);
}

function trustHops(hops: number): false | ((address: string, hop: number) => boolean) {
  return hops === 0 ? false : (_address, hop) => hop < hops;
}

/** Builds the HTTP server (routes, plugins, database, background jobs) without listening. */
export async function buildServer(config: ServerConfig, options: BuildOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    bodyLimit: BODY_LIMIT,
    // Opening PGlite on disk the first time (initdb in WASM) takes well over the 10 s default.
    pluginTimeout: 120_000,
    genReqId: () => randomUUID(),
    // Behind a reverse proxy the client address comes from X-Forwarded-For, believed only from
    // the configured proxies; rate limits are keyed on `request.ip`.
    // Fastify ignores a bare hop count (it cannot check the peer); a count here means "the server
    // is reachable only through that many proxies", so the nearest `hops` addresses are trusted.
    trustProxy: typeof config.trustProxy === 'number' ? trustHops(config.trustProxy) : config.trustProxy,
    requestIdHeader: false,
    // A client has `requestMs` to send its headers and body (Node answers 408 and closes after
    // it; checked every second, not every 30 s), and a socket silent for `connectionMs` is closed.
    requestTimeout: config.httpTimeouts.requestMs,
    connectionTimeout: config.httpTimeouts.connectionMs,
    http: {
      headersTimeout: Math.min(60_000, config.httpTimeouts.requestMs),
      connectionsCheckingInterval: Math.min(1_000, config.httpTimeouts.requestMs),
    },
    logger: {
      level: config.logLevel,
      ...(options.logStream ? { stream: options.logStream } : {}),
      // Tokens, login codes and bodies never reach the log; neither do client addresses. Error
      // codes (PostgreSQL's SQLSTATE in `err.code`) stay readable.
      redact: { paths: ['req.headers.authorization', 'req.headers.cookie', 'req.body', 'body.code', '*.token'], censor: '[redacted]' },
      serializers: {
        req: (req) => ({ method: req.method, url: String(req.url).split('?')[0] }),
        res: (res) => ({ statusCode: res.statusCode }),
      },
    },
    ...options.fastify,
  });
  // U+0000 and unpaired surrogates are refused in bodies, query strings and path parameters (no
  // text or jsonb column holds them); headers are left to Node's parser (Latin-1, no U+0000).
  app.setValidatorCompiler((route) =>
    route.httpPart === 'body' ? storableText(strict(route)) : route.httpPart === 'headers' ? finiteNumbersOnly(coercing(route)) : finiteNumbersOnly(storableText(coercing(route))),
  );
  app.decorate('config', config);
  app.decorate('liveSessions', new LiveSessions({ ttlMs: config.sessionCacheSeconds * 1000, maxEntries: 100_000 }));
  // The API speaks JSON only: anything else is 415, not a string body failing validation.
  app.removeContentTypeParser('text/plain');
  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
    // Personal data and tokens are never kept by a browser, proxy or CDN cache.
    const url = request.url.split('?')[0]!;
    if (url.startsWith('/v1/me/') || url === '/v1/me' || (url === '/v1/sessions' && request.method === 'POST') || url.startsWith('/v1/sessions/') || url.startsWith('/v1/guardian-codes')) reply.header('cache-control', 'no-store');
  });
  installErrorHandler(app, { htmlFallback: Boolean(config.staticDir) });
  // Every route as registered: the cross-user test matrix and the docs are built from it.
  const routeTable: RouteEntry[] = [];
  app.decorate('routeTable', routeTable);
  app.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) routeTable.push({ method, url: route.url, auth: route.config?.auth ?? null, role: route.config?.role ?? null });
  });

  // External plugins first (database, headers, rate limits, OpenAPI), then the app's own.
  await app.register(databasePlugin, { database: options.database });
  const indexHtmlPath = config.staticDir ? path.join(config.staticDir, 'index.html') : null;
  await app.register(securityPlugin, { indexHtml: indexHtmlPath && fs.existsSync(indexHtmlPath) ? fs.readFileSync(indexHtmlPath, 'utf8') : undefined });
  await app.register(rateLimitPlugin);
  await app.register(openapiPlugin);
  await app.register(repositoriesPlugin, { wechat: options.wechat });
  await app.register(authPlugin);

  await app.register(healthRoutes);
  await app.register(sessionRoutes);
  await app.register(guardianRoutes);
  await app.register(policyRoutes);
  await app.register(meRoutes);
  await app.register(cancellationRoutes);
  await app.register(requestRoutes);
  await app.register(profileRoutes);
  await app.register(consoleRoutes);
  await app.register(adminRoutes);
  await app.register(shopRoutes);

  if (config.staticDir) {
    const index = path.join(config.staticDir, 'index.html');
    if (!fs.existsSync(index)) throw new Error(`STATIC_DIR has no index.html: ${config.staticDir}`);
    const realRoot = fs.realpathSync(config.staticDir);
    await app.register(fastifyStatic, {
      root: config.staticDir,
      prefix: '/',
      wildcard: true,
      index: ['index.html'],
      // No dotfiles (.env, .git/...), and nothing a symlink leads to outside the folder.
      dotfiles: 'deny',
      allowedPath: (pathname) => staticPathAllowed(realRoot, pathname),
    });
  }

  await app.register(startupPlugin);
  return app;
}
