import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import helmet from 'helmet';

/** Options of the security plugin. */
export interface SecurityOptions {
  /** The served shop page's HTML: each of its inline scripts is allowed by its hash, nothing else inline. */
  indexHtml?: string;
}

/**
 * CSP sources for the inline scripts of `html`: Taro's h5 page sets the root font size from an
 * inline script before its bundles load; only that exact text runs, by its SHA-256 (CSP level 2).
 */
export function inlineScriptHashes(html: string): string[] {
  const hashes = new Set<string>();
  for (const m of html.matchAll(/<script(\s[^>]*)?>([\s\S]*?)<\/script>/gi)) {
    if (/\ssrc\s*=/i.test(m[1] ?? '') || m[2] === '') continue;
    hashes.add(`'sha256-${createHash('sha256').update(m[2]!, 'utf8').digest('base64')}'`);
  }
  return [...hashes];
}

/**
 * Security headers from helmet; the CSP allows only same-origin code, which the h5 build and the
 * console need, plus the h5 page's own inline script by hash. The middleware is built once: @fastify/helmet builds it again for every request
 * (parsing the CSP each time), which cost about a tenth of the server's CPU per consent batch.
 */
export default fp(
  async (app, options: SecurityOptions) => {
    const scriptHashes = options.indexHtml ? inlineScriptHashes(options.indexHtml) : [];
    const setHeaders = helmet({
      contentSecurityPolicy: {
        directives: {
          defaultSrc: ["'self'"],
          imgSrc: ["'self'", 'data:', 'blob:'],
          styleSrc: ["'self'", "'unsafe-inline'"],
          scriptSrc: ["'self'", ...scriptHashes],
          connectSrc: ["'self'"],
          frameAncestors: ["'none'"],
        },
      },
      crossOriginResourcePolicy: { policy: 'same-site' },
    });
    app.addHook('onRequest', (request: FastifyRequest, reply: FastifyReply, done: (err?: Error) => void) => {
      setHeaders(request.raw, reply.raw, (err?: unknown) => done(err as Error | undefined));
    });
  },
  { name: 'security' },
);
