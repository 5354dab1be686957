import type { FastifyError, FastifyInstance, FastifyRequest } from 'fastify';
import { ERROR_CODES, type ErrorCode } from '@maison/privacy/contract';
import { loggableError } from '../../db/loggable';
import { isDatabaseUnavailable } from '../../db/unavailable';
import { ApiError } from '../../errors';
import { isForeignKeyViolation } from '../../repositories/rows';
import { sessionRefusal, shopperToken } from './auth';

const BY_STATUS: Record<number, ErrorCode> = {
  400: ERROR_CODES.BAD_REQUEST,
  401: ERROR_CODES.UNAUTHENTICATED,
  403: ERROR_CODES.FORBIDDEN,
  404: ERROR_CODES.NOT_FOUND,
  409: ERROR_CODES.CONFLICT,
  413: ERROR_CODES.PAYLOAD_TOO_LARGE,
  415: ERROR_CODES.UNSUPPORTED_MEDIA_TYPE,
  429: ERROR_CODES.RATE_LIMITED,
  503: ERROR_CODES.SERVICE_UNAVAILABLE,
};

/**
 * The one error handler: contract errors pass through, framework 4xx errors get the contract's
 * shape, anything else is a 500 whose details stay in the log under the request id.
 */
export function installErrorHandler(app: FastifyInstance, options: { htmlFallback?: boolean } = {}): void {
  app.setErrorHandler(async (err: FastifyError | ApiError, request, reply) => {
    if (isForeignKeyViolation(err)) {
      // A shopper's write that named its user after the purge removed it (the write waited for the
      // purge's lock): answered as any request of a purged account is, 410, and nothing logged.
      const refusal = await purgedAccountRefusal(app, request);
      if (refusal) err = refusal;
    }
    if (err instanceof ApiError) {
      if (err.statusCode >= 500) request.log.warn({ code: err.code }, err.message);
      if (err.code === ERROR_CODES.SERVICE_UNAVAILABLE) reply.header('retry-after', '5'); // busy: the same answer as an outage
      return reply.code(err.statusCode).send({ error: { code: err.code, message: err.message, ...err.extra } });
    }
    const status = typeof err.statusCode === 'number' ? err.statusCode : 500;
    if (status >= 400 && status < 500) {
      const code = BY_STATUS[status] ?? ERROR_CODES.BAD_REQUEST;
      let message = err.message;
      if (err.validation) {
        // Ajv does not name the field it refuses as extra: the message does, so the caller knows what to drop.
        const extra = err.validation.map((v) => (v.keyword === 'additionalProperties' ? (v.params as { additionalProperty?: unknown }).additionalProperty : undefined)).find((p) => typeof p === 'string');
        message = `Invalid ${err.validationContext ?? 'request'}: ${err.message}${extra ? ` (${String(extra).slice(0, 40)})` : ''}`;
      }
      if (err.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') message = 'Send JSON (Content-Type: application/json)';
      return reply.code(status === 422 ? 422 : (BY_STATUS[status] ? status : 400)).send({ error: { code, message } });
    }
    if (isDatabaseUnavailable(err)) {
      // Not a bug: the database is away. Clients retry (the app's outbox keeps its events).
      request.log.warn({ code: (err as { code?: string }).code ?? null }, 'database unavailable');
      return reply
        .code(503)
        .header('retry-after', '5')
        .send({ error: { code: ERROR_CODES.SERVICE_UNAVAILABLE, message: 'The service is briefly unavailable, try again shortly' } });
    }
    // A database error's row values (its detail) stay out of the log: they can name a shopper.
    request.log.error({ err: loggableError(err) }, 'request failed');
    return reply.code(500).send({ error: { code: ERROR_CODES.INTERNAL, message: `Internal error (request ${request.id})` } });
  });

  app.setNotFoundHandler((request, reply) => {
    const url = request.url.split('?')[0]!;
    // The h5 app routes in the browser: page paths get index.html (served by @fastify/static), API paths a JSON 404.
    if (options.htmlFallback && request.method === 'GET' && !url.startsWith('/v1/') && (request.headers.accept ?? '').includes('text/html')) {
      return reply.type('text/html; charset=utf-8').sendFile('index.html');
    }
    return reply.code(404).send({ error: { code: ERROR_CODES.NOT_FOUND, message: `No route ${request.method} ${url}` } });
  });
}

/** The 410 of a request whose shopper token belongs to a purged account, else null. */
async function purgedAccountRefusal(app: FastifyInstance, request: FastifyRequest): Promise<ApiError | null> {
  const sessions = (app as Partial<Pick<FastifyInstance, 'repos'>>).repos?.sessions;
  if (!sessions) return null;
  let token: string;
  try {
    token = shopperToken(request);
  } catch {
    return null;
  }
  try {
    const found = await sessions.lookup(token);
    return found.kind === 'deleted' ? sessionRefusal(found) : null;
  } catch {
    return null;
  }
}
