import { DEPLOYED_APP, DEPLOYED_VOCABULARY, deployedPrivacyGuide } from '../deployment';
import { consentListProblems } from '../domain/versionContent';
import { timingSafeEqual } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import cookie from '@fastify/cookie';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { OpsRole, PolicyDocument } from '@maison/privacy/contract';
import {
  activationHistorySchema,
  collectionListProblems,
  consoleSessionSchema,
  filingAnswerSchema,
  listViewSchema,
  privacyGuideSchema,
  sharingListProblems,
  type SectionDiff,
  signOutSchema,
  versionDiffSchema,
  versionListsSchema,
} from '@maison/privacy/contract';
import { douyinAgreement, privacyGuideCollected, privacyGuideOwner, type CollectionItem, type PrivacyGuideItem } from '@maison/privacy/config';
import { errors } from '../errors';
import { ConsoleSessionRepository, csrfTokenOf } from '../repositories/ConsoleSessionRepository';
import { LIST_KINDS, type ListKind } from '../repositories/PolicyListRepository';
import { errorResponses, OPS_ERRORS } from './schemas';
import { opsRoute } from '../plugins/app/auth';
import { serverPath } from '../paths';

/** Name of the console's session cookie. */
export const CONSOLE_COOKIE = 'ops_session';
/** Header the console sends its CSRF token in. */
export const CSRF_HEADER = 'x-csrf-token';
/** A console session lasts this long at most (and never beyond its ops token's expiry). */
export const CONSOLE_SESSION_MS = 8 * 3600 * 1000;

/** Where the console's built files live (`npm run build:console`, made by `npm start` and the test run). */
export const CONSOLE_DIST = serverPath('console', 'dist');
/** Built file names carry a content hash: cached for good; the page itself is revalidated. */
const ASSET_NAME = /^[A-Za-z0-9_.-]+\.(js|css)$/;

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const SESSION_URL = '/ops/api/session';

declare module 'fastify' {
  interface FastifyRequest {
    /** The console session secret of a cookie-authenticated request, else null. */
    consoleSecret: string | null;
  }
}

function sameText(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

const isLoopback = (host: string) => /^(localhost|127\.\d+\.\d+\.\d+|\[::1\])(:\d+)?$/i.test(host);

/** A browser request sent from another site (Origin or Fetch metadata say so). */
function crossSite(request: FastifyRequest): boolean {
  const site = request.headers['sec-fetch-site'];
  if (site === 'cross-site' || site === 'same-site') return true;
  const origin = request.headers.origin;
  if (typeof origin !== 'string') return false;
  try {
    return new URL(origin).host !== request.headers.host;
  } catch {
    return true;
  }
}

/** Section-by-section comparison, in the newer document's order followed by removed sections. */
export function sectionDiff(before: PolicyDocument | null, after: PolicyDocument): SectionDiff[] {
  const find = (doc: PolicyDocument | null, lang: 'zh' | 'en', id: string) => doc?.texts[lang].sections.find((s) => s.id === id) ?? null;
  const ids = after.texts.zh.sections.map((s) => s.id);
  for (const s of before?.texts.zh.sections ?? []) if (!ids.includes(s.id)) ids.push(s.id);
  return ids.map((id) => {
    const b = { zh: find(before, 'zh', id), en: find(before, 'en', id) };
    const a = { zh: find(after, 'zh', id), en: find(after, 'en', id) };
    let status: SectionDiff['status'] = 'unchanged';
    if (!b.zh && !b.en) status = 'added';
    else if (!a.zh && !a.en) status = 'removed';
    else if (JSON.stringify(b) !== JSON.stringify(a)) status = 'changed';
    return { id, status, before: b, after: a };
  });
}

/** What changed in the privacy-guide checklist since the one last filed. */
export function guideChanges(filed: readonly PrivacyGuideItem[] | null, current: readonly PrivacyGuideItem[]) {
  const changes: { dataType: string; change: 'added' | 'removed' | 'changed'; apisAdded: string[]; apisRemoved: string[]; purposesChanged: boolean }[] = [];
  if (!filed) return changes;
  for (const item of current) {
    const old = filed.find((f) => f.dataType === item.dataType);
    if (!old) {
      changes.push({ dataType: item.dataType, change: 'added', apisAdded: [...item.gatedApis], apisRemoved: [], purposesChanged: true });
      continue;
    }
    const apisAdded = item.gatedApis.filter((a) => !old.gatedApis.includes(a));
    const apisRemoved = old.gatedApis.filter((a) => !item.gatedApis.includes(a));
    // Compared field by field: the filed copy comes back from jsonb with its keys reordered.
    const purposeText = (list: readonly { zh: string; en: string }[]) => list.map((x) => `${x.zh}\u0000${x.en}`).join('\u0001');
    const purposesChanged = purposeText(old.purposes) !== purposeText(item.purposes);
    if (apisAdded.length || apisRemoved.length || purposesChanged) changes.push({ dataType: item.dataType, change: 'changed', apisAdded, apisRemoved, purposesChanged });
  }
  for (const old of filed) {
    if (!current.some((c) => c.dataType === old.dataType)) changes.push({ dataType: old.dataType, change: 'removed', apisAdded: [], apisRemoved: [...old.gatedApis], purposesChanged: true });
  }
  return changes;
}

const versionParams = { type: 'object', required: ['version'], properties: { version: { type: 'integer', minimum: 1, maximum: 2147483647 } } };
/**
 * The console's built page and assets, served by @fastify/static in a scope of their own (the
 * shop's static files have theirs). Without a build the page answers 503 and says how to make one.
 */
async function consolePage(app: FastifyInstance): Promise<void> {
  const index = path.join(CONSOLE_DIST, 'index.html');
  const pub = { config: { auth: 'public' as const }, schema: { hide: true } };
  if (!fs.existsSync(index)) {
    app.log.warn(`ops console not built (${index} missing): run npm run build:console`);
    const notBuilt = async (_request: FastifyRequest, reply: FastifyReply) =>
      reply.code(503).type('text/plain; charset=utf-8').send('The ops console is not built: run npm run build:console, then restart the server.');
    for (const url of ['/ops', '/ops/', '/ops/favicon.ico', '/ops/assets/:file']) app.get(url, pub, notBuilt);
    return;
  }
  await app.register(fastifyStatic, { root: CONSOLE_DIST, serve: false, dotfiles: 'deny', index: false });
  const page = async (_request: FastifyRequest, reply: FastifyReply) => reply.header('cache-control', 'no-cache').sendFile('index.html', { cacheControl: false });
  app.get('/ops', pub, page);
  app.get('/ops/', pub, page);
  app.get('/ops/favicon.ico', pub, async (_request, reply) => reply.sendFile('favicon.ico', { maxAge: '1d' }));
  app.get<{ Params: { file: string } }>('/ops/assets/:file', pub, async (request, reply) => {
    if (!ASSET_NAME.test(request.params.file)) throw errors.notFound('No such console file');
    return reply.sendFile(`assets/${request.params.file}`, { maxAge: '365d', immutable: true });
  });
}

/**
 * The ops console at `/ops`: its static page, sign-in and sign-out, and the ops API it needs
 * beyond the admin routes (lists, diff, privacy guide). A console session lets the browser call
 * every `/v1/admin/*` route with its cookie: the hook below checks the CSRF token of state-changing
 * calls and then authenticates the call with the session's ops token, so roles, rate limits and
 * audit names are exactly those of a bearer call.
 */
export default fp(
  async (app) => {
    await app.register(cookie);
    app.decorateRequest('consoleSecret', null);
    const sessions = new ConsoleSessionRepository(app.database.db);
    const lists = app.repos.lists;
    const { policies, ops } = app.repos;
    const db = app.database.db;

    app.addHook('onRequest', async (request) => {
      const url = request.url.split('?')[0]!;
      const admin = url.startsWith('/v1/admin/');
      if (!admin && url !== SESSION_URL) return;
      // Bearer callers are not browsers riding on a cookie: nothing to forge.
      if (request.headers.authorization !== undefined) return;
      const unsafe = UNSAFE.has(request.method);
      if (unsafe && crossSite(request)) throw errors.forbidden('Cross-site request refused');
      if (url === SESSION_URL && request.method === 'POST') return; // signing in: no session yet
      const secret = request.cookies[CONSOLE_COOKIE];
      if (!secret) return;
      const session = await sessions.find(secret);
      if (!session) return;
      if (unsafe) {
        const sent = request.headers[CSRF_HEADER];
        if (typeof sent !== 'string' || !sameText(sent, csrfTokenOf(secret))) throw errors.forbidden('Missing or wrong CSRF token');
      }
      request.consoleSecret = secret;
      if (admin) request.headers.authorization = `Bearer ${session.opsToken}`;
    });

    const cookieOptions = (request: FastifyRequest) => ({
      httpOnly: true,
      sameSite: 'strict' as const,
      path: '/',
      // Explicit (CONSOLE_COOKIE_SECURE); `auto` only for the loopback demo, as browsers drop
      // Secure cookies on plain http, which the demo uses on localhost only.
      secure: app.config.consoleCookieSecure === 'always' || (app.config.consoleCookieSecure === 'auto' && (request.protocol === 'https' || !isLoopback(request.headers.host ?? ''))),
    });
    const clearCookie = (request: FastifyRequest, reply: FastifyReply) => reply.clearCookie(CONSOLE_COOKIE, cookieOptions(request));

    await app.register(consolePage);

    app.get(
      SESSION_URL,
      {
        config: { auth: 'public' },
        schema: {
          tags: ['console'],
          // Not signed in is an answer, not a failure: the sign-in page asks first, and a 401 there would be logged as an error.
          response: { 200: consoleSessionSchema, 204: { type: 'null', description: 'Not signed in (no session, or one that ended)' } },
        },
      },
      async (request, reply) => {
        // The answer carries the CSRF token: never kept by a browser or proxy cache.
        reply.header('cache-control', 'no-store');
        const secret = request.cookies[CONSOLE_COOKIE];
        const session = secret ? await sessions.find(secret) : null;
        const actor = session ? await ops.resolve(session.opsToken) : null;
        if (!secret || !session || !actor) {
          if (secret) {
            await sessions.close(secret);
            clearCookie(request, reply);
          }
          return reply.code(204).send();
        }
        return { name: actor.name, role: actor.role, expiresAt: session.expiresAt, csrfToken: csrfTokenOf(secret) };
      },
    );

    app.post<{ Body: { token: string } }>(
      SESSION_URL,
      {
        config: { auth: 'public', rateLimit: { max: app.config.rateLimits.loginPerMinute, timeWindow: 60_000 } },
        schema: {
          tags: ['console'],
          body: { type: 'object', additionalProperties: false, required: ['token'], properties: { token: { type: 'string', minLength: 10, maxLength: 210 } } },
          response: { 201: consoleSessionSchema, ...errorResponses(400, 401, 403, 413, 415, 429) },
        },
      },
      async (request, reply) => {
        const token = request.body.token.trim();
        const actor = /^[A-Za-z0-9_-]{10,200}$/.test(token) && !token.startsWith('st_') ? await ops.resolve(token) : null;
        if (!actor) {
          await auditFailedSignIn(request, token);
          throw errors.unauthenticated('Unknown, expired or revoked ops token');
        }
        // A new sign-in never reuses an old session id (no fixation).
        const old = request.cookies[CONSOLE_COOKIE];
        if (old) await sessions.close(old);
        const expiresAt = new Date(Math.min(Date.now() + CONSOLE_SESSION_MS, Date.parse(actor.expiresAt)));
        const opened = await sessions.open({ tokenId: actor.id, opsToken: token, expiresAt });
        await ops.audit({ actor: `ops:${actor.name}`, actorId: actor.id, action: 'console.sign-in', target: `token:${actor.id}` });
        reply.setCookie(CONSOLE_COOKIE, opened.secret, { ...cookieOptions(request), expires: expiresAt });
        return reply.code(201).send({ name: actor.name, role: actor.role, expiresAt: opened.expiresAt, csrfToken: csrfTokenOf(opened.secret) });
      },
    );

    app.delete(
      SESSION_URL,
      { config: { auth: 'public' }, schema: { tags: ['console'], response: { 200: signOutSchema, ...errorResponses(403) } } },
      async (request, reply) => {
        // Only a request that passed the CSRF check above carries the secret here.
        const secret = request.consoleSecret;
        if (!secret) {
          if (request.cookies[CONSOLE_COOKIE]) clearCookie(request, reply);
          return { signedOut: false };
        }
        const session = await sessions.find(secret);
        const actor = session ? await ops.resolve(session.opsToken) : null;
        await sessions.close(secret);
        if (actor) await ops.audit({ actor: `ops:${actor.name}`, actorId: actor.id, action: 'console.sign-out', target: `token:${actor.id}` });
        clearCookie(request, reply);
        return { signedOut: true };
      },
    );

    /**
     * A refused sign-in goes into the audit log, coalesced (`OpsRepository.auditFailedSignIn`):
     * why (unknown, expired or revoked; for a token of ours, which one by id and name), from which
     * address, how often. Never the token or any part of it. Attempts beyond the sign-in rate
     * limit are refused (429) before this and are not counted. A failure to write the entry is
     * logged and the caller still gets its 401.
     */
    async function auditFailedSignIn(request: FastifyRequest, token: string): Promise<void> {
      try {
        const shaped = /^[A-Za-z0-9_-]{10,200}$/.test(token) && !token.startsWith('st_');
        const refusal = shaped ? await ops.refusal(token) : { reason: 'unknown' as const, token: null };
        await ops.auditFailedSignIn({ reason: refusal.reason, token: refusal.token, address: request.ip });
      } catch (err) {
        request.log.warn({ code: (err as { code?: string }).code ?? null }, 'failed sign-in not audited');
      }
    }

    const as = (role: OpsRole) => opsRoute(app, role);
    const write = (role: OpsRole) => opsRoute(app, role, { write: true });
    const actorOf = (request: FastifyRequest) => `ops:${request.opsActor!.name}`;

    app.get(
      '/v1/admin/activations',
      {
        ...as('viewer'),
        schema: {
          tags: ['ops'],
          security: [{ ops: [] }],
          response: {
            200: activationHistorySchema,
            ...errorResponses(...OPS_ERRORS),
          },
        },
      },
      async () => ({ activations: await policies.activations() }),
    );

    app.get<{ Params: { version: number } }>(
      '/v1/admin/lists/:version',
      {
        ...as('viewer'),
        schema: {
          tags: ['ops'],
          security: [{ ops: [] }],
          params: versionParams,
          response: {
            200: versionListsSchema,
            ...errorResponses(...OPS_ERRORS, 404),
          },
        },
      },
      async (request) => {
        const { version } = request.params;
        const record = await policies.get(version);
        if (!record) throw errors.notFound('No such policy version');
        const [collection, sharing, consents] = await Promise.all(LIST_KINDS.map((kind) => lists.forVersion(version, kind)));
        return { version, editable: record.status === 'draft', collection, sharing, consents };
      },
    );

    app.put<{ Params: { version: number; kind: ListKind }; Body: { items: unknown[] } }>(
      '/v1/admin/lists/:version/:kind',
      {
        ...write('publisher'),
        bodyLimit: 1024 * 1024,
        schema: {
          tags: ['ops'],
          security: [{ ops: [] }],
          params: { type: 'object', required: ['version', 'kind'], properties: { ...versionParams.properties, kind: { type: 'string', enum: [...LIST_KINDS] } } },
          body: { type: 'object', additionalProperties: false, required: ['items'], properties: { items: { type: 'array', maxItems: 200, items: { type: 'object' } } } },
          response: { 200: listViewSchema, ...errorResponses(...OPS_ERRORS, 404, 409, 413, 415) },
        },
      },
      async (request) => {
        const { version, kind } = request.params;
        const problems =
          kind === 'collection'
            ? collectionListProblems(request.body.items, DEPLOYED_VOCABULARY)
            : kind === 'sharing'
              ? sharingListProblems(request.body.items, DEPLOYED_VOCABULARY)
              : consentListProblems(request.body.items, Object.keys(DEPLOYED_APP.consents));
        if (problems.length > 0) throw errors.badRequest(`Invalid ${kind} list: ${problems.join('; ')}`);
        await db.transaction().execute(async (tx) => {
          const record = await policies.get(version, tx);
          if (!record) throw errors.notFound('No such policy version');
          // Published versions keep the lists they were published with.
          if (record.status !== 'draft') throw errors.conflict('Lists can only be edited on a draft version');
          await lists.save(version, kind, request.body.items, actorOf(request), tx);
          await ops.audit({ actor: actorOf(request), action: 'lists.update', target: `policy:${version}`, details: { kind, entries: request.body.items.length } }, tx);
        });
        return lists.forVersion(version, kind);
      },
    );

    app.get<{ Params: { version: number }; Querystring: { against?: number } }>(
      '/v1/admin/policies/:version/diff',
      {
        ...as('viewer'),
        schema: {
          tags: ['ops'],
          security: [{ ops: [] }],
          params: versionParams,
          querystring: { type: 'object', additionalProperties: false, properties: { against: { type: 'integer', minimum: 1, maximum: 2147483647 } } },
          response: {
            200: versionDiffSchema,
            ...errorResponses(...OPS_ERRORS, 404),
          },
        },
      },
      async (request) => {
        const record = await policies.get(request.params.version);
        if (!record) throw errors.notFound('No such policy version');
        const against = request.query.against ?? (await policies.activeVersion());
        const base = against ? await policies.get(against) : null;
        if (request.query.against && !base) throw errors.notFound('No such version to compare with');
        return { version: record.version, against: base?.version ?? null, sections: sectionDiff(base?.content ?? null, record.content) };
      },
    );

    app.get(
      '/v1/admin/privacy-guide',
      {
        ...as('viewer'),
        schema: {
          tags: ['ops'],
          security: [{ ops: [] }],
          response: {
            200: privacyGuideSchema,
            ...errorResponses(...OPS_ERRORS),
          },
        },
      },
      async () => {
        const items = deployedPrivacyGuide();
        // What the app collects itself, as the collection list in force says.
        const rows = (await lists.forVersion((await policies.activeVersion()) ?? 0, 'collection')).items as CollectionItem[];
        const last = await lists.lastFiling();
        const filed = last ? (last.items as PrivacyGuideItem[]) : null;
        return {
          items,
          collected: privacyGuideCollected(rows),
          owner: privacyGuideOwner(DEPLOYED_APP, rows),
          lastFiling: last,
          changes: guideChanges(filed, items),
          // Douyin's agreement, from the same description and rows (its purposes are the items' own).
          douyin: douyinAgreement(DEPLOYED_APP, rows),
        };
      },
    );

    app.post<{ Body: { policyVersion: number } }>(
      '/v1/admin/privacy-guide/filings',
      {
        ...write('publisher'),
        schema: {
          tags: ['ops'],
          security: [{ ops: [] }],
          body: { type: 'object', additionalProperties: false, required: ['policyVersion'], properties: { policyVersion: versionParams.properties.version } },
          response: { 201: filingAnswerSchema, ...errorResponses(...OPS_ERRORS, 404, 413, 415) },
        },
      },
      async (request, reply) => {
        const { policyVersion } = request.body;
        const items = deployedPrivacyGuide();
        const id = await db.transaction().execute(async (tx) => {
          if (!(await policies.get(policyVersion, tx))) throw errors.notFound('No such policy version');
          const filed = await lists.recordFiling(items, policyVersion, actorOf(request), tx);
          await ops.audit({ actor: actorOf(request), action: 'privacy-guide.filed', target: `policy:${policyVersion}`, details: { dataTypes: items.map((i) => i.dataType) } }, tx);
          return filed;
        });
        return reply.code(201).send({ id, policyVersion });
      },
    );
  },
  { name: 'console', dependencies: ['auth', 'repositories'] },
);
