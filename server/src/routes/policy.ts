import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { LANGS, versionListsResponseSchema, type Lang } from '@maison/privacy/contract';
import { errors } from '../errors';
import { etagOf, listsResponse, policyResponse } from '../services/PolicyCache';
import { errorResponses, policyVersionResponseSchema } from './schemas';

/** Shared by CDNs for a minute, served stale while they revalidate; clients revalidate by ETag. */
const CURRENT_CACHE_CONTROL = 'public, max-age=60, s-maxage=60, stale-while-revalidate=300';
const VERSION_CACHE_CONTROL = 'public, max-age=300, s-maxage=300';

/** True when an If-None-Match header matches the ETag (weak comparison, as RFC 9110 says for GET). */
export function etagMatches(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  if (header.trim() === '*') return true;
  const bare = etag.replace(/^W\//, '');
  return header.split(',').some((t) => t.trim().replace(/^W\//, '') === bare);
}

function sendCached(request: FastifyRequest, reply: FastifyReply, body: string, etag: string, cacheControl: string) {
  reply.header('ETag', etag).header('Cache-Control', cacheControl).header('Vary', 'Accept-Encoding');
  if (etagMatches(request.headers['if-none-match'], etag)) return reply.code(304).send();
  return reply.code(200).type('application/json; charset=utf-8').send(body);
}

const querystring = {
  type: 'object',
  additionalProperties: false,
  properties: { lang: { type: 'string', enum: [...LANGS] }, include: { type: 'string', enum: ['meta'] } },
};

/** The published policy for shoppers. */
const policyRoutes: FastifyPluginAsync = async (app) => {
  app.get<{ Querystring: { lang?: Lang; include?: 'meta' } }>(
    '/v1/policy/current',
    {
      config: { auth: 'public' },
      schema: {
        tags: ['shopper'],
        querystring,
        response: { 200: policyVersionResponseSchema, 304: { type: 'null', description: 'Not modified' }, ...errorResponses(400, 404) },
      },
    },
    async (request, reply) => {
      const cached = app.policyCache.get(request.query.lang ?? 'zh', request.query.include === 'meta');
      if (!cached) throw errors.notFound('No policy version is active');
      return sendCached(request, reply, cached.body, cached.etag, CURRENT_CACHE_CONTROL);
    },
  );

  app.get<{ Params: { version: number }; Querystring: { lang?: Lang; include?: 'meta' } }>(
    '/v1/policy/versions/:version',
    {
      // Read from the database (only the current version is served from memory): bounded per client.
      config: { auth: 'public', rateLimit: { max: app.config.rateLimits.readsPerMinute, timeWindow: 60_000 } },
      schema: {
        tags: ['shopper'],
        params: { type: 'object', required: ['version'], properties: { version: { type: 'integer', minimum: 1, maximum: 2147483647 } } },
        querystring,
        response: { 200: policyVersionResponseSchema, 304: { type: 'null', description: 'Not modified' }, ...errorResponses(400, 404) },
      },
    },
    async (request, reply) => {
      const view = await app.repos.policies.view(request.params.version);
      // Public once it has been in force, or once its activation is scheduled (it is announced in
      // advance); a published version with no activation is not.
      const scheduled = async () => (await app.repos.policies.scheduled()).some((a) => a.version === request.params.version);
      if (!view || (view.record.status !== 'active' && view.record.status !== 'retired' && !(await scheduled()))) throw errors.notFound('No such policy version');
      const lists = listsResponse(view.record.version, await app.repos.lists.content(view.record.version));
      const body = JSON.stringify(policyResponse(view, request.query.lang ?? 'zh', request.query.include !== 'meta', lists));
      return sendCached(request, reply, body, etagOf(body), VERSION_CACHE_CONTROL);
    },
  );

  const listsDescription =
    "The version's collection list, third-party sharing list and separate consents' texts, in both languages, as ops published them with the version (a version without lists of its own carries the previous version's, else the app's bundled ones). `consentHashes` gives each consent's text hash: a consent event sends it as `textHash`.";

  app.get(
    '/v1/policy/current/lists',
    {
      config: { auth: 'public' },
      schema: {
        tags: ['shopper'],
        description: `${listsDescription} Served from memory; revalidate with If-None-Match.`,
        response: { 200: versionListsResponseSchema, 304: { type: 'null', description: 'Not modified' }, ...errorResponses(404) },
      },
    },
    async (request, reply) => {
      const cached = app.policyCache.getLists();
      if (!cached) throw errors.notFound('No policy version is active');
      return sendCached(request, reply, cached.body, cached.etag, CURRENT_CACHE_CONTROL);
    },
  );

  app.get<{ Params: { version: number } }>(
    '/v1/policy/versions/:version/lists',
    {
      config: { auth: 'public', rateLimit: { max: app.config.rateLimits.readsPerMinute, timeWindow: 60_000 } },
      schema: {
        tags: ['shopper'],
        description: `${listsDescription} Only for a version that has been in force; a published version never changes, so the answer is cached longer.`,
        params: { type: 'object', required: ['version'], properties: { version: { type: 'integer', minimum: 1, maximum: 2147483647 } } },
        response: { 200: versionListsResponseSchema, 304: { type: 'null', description: 'Not modified' }, ...errorResponses(400, 404) },
      },
    },
    async (request, reply) => {
      const record = await app.repos.policies.get(request.params.version);
      if (!record || (record.status !== 'active' && record.status !== 'retired')) throw errors.notFound('No such policy version');
      const body = JSON.stringify(listsResponse(record.version, await app.repos.lists.content(record.version)));
      return sendCached(request, reply, body, etagOf(body), VERSION_CACHE_CONTROL);
    },
  );
};
export default policyRoutes;
