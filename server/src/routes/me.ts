import { undeclaredInEvent } from '../deployment';
import type { FastifyPluginAsync } from 'fastify';
import { ledgerEventProblem, LIMITS, type CollectionItem, type ExportRows, type PostConsentsRequest } from '@maison/privacy/contract';
import { sha256Hex } from '../domain/tokens';
import type { StoredEvent } from '../repositories/ConsentRepository';
import { errors } from '../errors';
import { sessionRefusal, shopperToken } from '../plugins/app/auth';
import {
  errorResponses,
  exportResponseSchema,
  getConsentsQuerySchema,
  getConsentsResponseSchema,
  postConsentsRequestSchema,
  postConsentsResponseSchema,
  SHOPPER_ERRORS,
} from './schemas';
import { shopExportSchema } from './shop';
import { eraseWithoutBasis } from '../services/consentErasure';
import { heldRowsOf, NOT_HELD_ROWS, NOT_ON_LIST, NOT_ON_SERVER } from '../domain/heldData';
import { CONSENT_CSV_COLUMNS, consentLedgerCsv } from '../domain/consentCsv';

/** Where the export's JSON Schema is served. */
export const EXPORT_SCHEMA_PATH = '/v1/schemas/export.json';
/** Where the consent ledger is served as CSV. */
export const CONSENT_CSV_PATH = '/v1/me/export/consents.csv';

/** The caller's own consents and data export. */
const meRoutes: FastifyPluginAsync = async (app) => {
  const auth = { preHandler: app.requireShopper, config: { auth: 'shopper' as const } };
  // Reads are bounded per shopper (per address before the session is known).
  const reads = { auth: 'shopper' as const, rateLimit: { max: app.config.rateLimits.readsPerMinute, timeWindow: 60_000 } };

  /** One page of the history and the whole state (kept in consent_state: one read whatever the history's length). */
  const consentsPage = async (userId: string, after: number, limit: number) => {
    const [state, page] = await Promise.all([app.repos.consents.state(userId), app.repos.consents.page(userId, after, limit)]);
    return { state, eventsJson: page.eventsJson, next: page.next };
  };

  app.get<{ Querystring: { after: number; limit: number } }>(
    '/v1/me/consents',
    {
      ...auth,
      config: reads,
      schema: {
        tags: ['shopper'],
        security: [{ session: [] }],
        description: 'The current state and one page of the history in server order: events with seq above `after` (default 0, the start), at most `limit`; `next` is the `after` of the following page, null on the last.',
        querystring: getConsentsQuerySchema,
        response: {
          200: getConsentsResponseSchema,
          ...errorResponses(...SHOPPER_ERRORS),
        },
      },
    },
    async (request, reply) => {
      const page = await consentsPage(request.userId!, request.query.after, request.query.limit);
      // Sent as written: the events are already JSON in the answer's shape (the contract tests hold it to the schema).
      reply.type('application/json; charset=utf-8');
      return `{"state":${JSON.stringify(page.state)},"events":${page.eventsJson},"next":${page.next}}`;
    },
  );

  app.post<{ Body: PostConsentsRequest }>(
    '/v1/me/consents',
    {
      // The session is checked inside the write statement (one round trip), not by a preHandler.
      config: { auth: 'shopper', rateLimit: { max: app.config.rateLimits.writesPerMinute, timeWindow: 60_000 } },
      schema: {
        tags: ['shopper'],
        security: [{ session: [] }],
        body: postConsentsRequestSchema,
        response: {
          200: postConsentsResponseSchema,
          ...errorResponses(...SHOPPER_ERRORS, 409, 413, 415),
        },
      },
    },
    async (request) => {
      const token = shopperToken(request);
      const tokenHash = sha256Hex(token);
      // A request whose session is not live never takes a place in the write queue: unknown
      // tokens are looked up first (one indexed read), live ones are remembered for a minute.
      if (!app.liveSessions.get(tokenHash)) {
        const found = await app.repos.sessions.lookup(token);
        if (found.kind !== 'user') throw sessionRefusal(found);
        app.liveSessions.remember(tokenHash, found.userId);
      }
      const { events } = request.body;
      for (const e of events) {
        const problem = ledgerEventProblem(e) ?? undeclaredInEvent(e);
        if (problem) throw errors.badRequest(`Event ${String((e as { id?: unknown }).id)}: ${problem}`);
      }
      // A consent's text hash must name words this server published (or the app's own): a client
      // cannot claim a grant on a text nobody was shown. Events without one are kept without one.
      for (const e of events) {
        if (e.kind === 'consent' && e.textHash !== undefined && !(await app.repos.lists.isKnownConsentText(e.purpose, e.textHash))) {
          throw errors.badRequest(`Event ${e.id}: textHash is not the hash of any published text of consent "${e.purpose}"`);
        }
      }
      const known = await app.repos.consents.knownVersions(events.map((e) => e.policyVersion));
      const unknown = events.find((e) => !known.has(e.policyVersion));
      if (unknown) throw errors.badRequest(`Event ${unknown.id}: policy version ${unknown.policyVersion} was never published`);
      const outcome = await app.consentWriter.append({ tokenHash, events });
      if (outcome.kind === 'refused') {
        app.liveSessions.forget(tokenHash);
        throw sessionRefusal(outcome.session);
      }
      request.userId = outcome.userId;
      if (outcome.kind === 'full') {
        throw errors.conflict(`This account's consent history is full (${outcome.maxEvents} events): only withdrawals and refusals are stored now; nothing of this batch was stored`);
      }
      // PIPL art. 47(3): records whose only basis was the personalisation consent are deleted as
      // soon as its withdrawal is stored, and that deletion recorded as a fulfilled request. Should
      // this follow-up not run, the start-up sweep (routes/requests.ts) does it.
      if (outcome.state.consents.personalisation?.value !== 'granted' && events.some((e) => e.kind === 'consent' && e.purpose === 'personalisation')) {
        await eraseWithoutBasis(app, outcome.userId);
      }
      return { accepted: outcome.accepted, duplicates: outcome.duplicates, state: outcome.state };
    },
  );

  /** The export's schema: the contract's, with the shop's records (`app`) as the server answers them. */
  const exportSchema = { ...exportResponseSchema, properties: { ...exportResponseSchema.properties, app: shopExportSchema } };

  /** The collection list in force, row by row: where the export of an account on `platform` holds each row's data, or why it holds none. */
  async function exportRows(platform: 'weapp' | 'tt'): Promise<ExportRows> {
    const HELD_ROWS = heldRowsOf(platform);
    const version = (await app.repos.policies.activeVersion()) ?? 0;
    const items = (await app.repos.lists.forVersion(version, 'collection')).items as CollectionItem[];
    const rows: ExportRows = { held: [], notHeld: [], notOnList: [...NOT_ON_LIST] };
    for (const item of items) {
      const category = { zh: item.category.zh, en: item.category.en };
      const parts = HELD_ROWS[item.id];
      if (parts) rows.held.push({ id: item.id, category, parts: [...parts] });
      else {
        const why = NOT_HELD_ROWS[item.id];
        rows.notHeld.push(why ? { id: item.id, category, where: why.where, why: { ...why.why } } : { id: item.id, category, where: 'not-on-server', why: { ...NOT_ON_SERVER } });
      }
    }
    // A part held by the server that no row in force covers is named as outside the list.
    const covered = new Set(rows.held.flatMap((r) => r.parts));
    for (const parts of Object.values(HELD_ROWS)) for (const p of parts) if (!covered.has(p) && !rows.notOnList!.includes(p)) rows.notOnList!.push(p);
    return rows;
  }

  // The export's JSON Schema, so the file can be read and checked by any program (portability).
  app.get(
    EXPORT_SCHEMA_PATH,
    {
      config: { auth: 'public' },
      schema: {
        tags: ['shopper'],
        security: [],
        description: 'The JSON Schema (draft-07) of GET /v1/me/export.',
        response: { 200: { type: 'object', additionalProperties: true }, ...errorResponses(429) },
      },
    },
    async (_request, reply) => {
      reply.header('Cache-Control', 'public, max-age=300').type('application/schema+json; charset=utf-8');
      return JSON.stringify({ $schema: 'http://json-schema.org/draft-07/schema#', $id: EXPORT_SCHEMA_PATH, title: 'Personal data export', ...exportSchema });
    },
  );

  app.get(
    '/v1/me/export',
    {
      ...auth,
      // Each export reads everything held about the caller but the history past its first page
      // (`consents.next`: the rest through GET /v1/me/consents, or all of it in the CSV).
      config: reads,
      schema: {
        tags: ['shopper'],
        security: [{ session: [] }],
        description: `Everything the server holds about the caller, indexed by collection-list row (\`rows\`). It follows the JSON Schema at ${EXPORT_SCHEMA_PATH}; the whole consent ledger is also at ${CONSENT_CSV_PATH}. \`profile.platform\` is the account's login platform ('weapp' WeChat, 'tt' Douyin); the keyed hash of the openid is \`profile.wechatIdHash\` for a WeChat account and \`profile.douyinIdHash\` for a Douyin account, which carries no wechatIdHash.`,
        response: {
          // The shop's own records are the export's `app` part.
          200: exportSchema,
          ...errorResponses(...SHOPPER_ERRORS),
        },
      },
    },
    async (request, reply) => {
      const userId = request.userId!;
      const held = app.repos.sessions.profile(userId);
      const [profile, sessions, page, cancellationRequests, rightsRequests, guardianConfirmations, warranties, productViews, rows] = await Promise.all([
        held,
        app.repos.sessions.sessionsOf(userId),
        consentsPage(userId, 0, LIMITS.eventsPerPage),
        app.repos.cancellations.all(userId),
        app.repos.requests.mine(userId),
        app.guardians.of(userId),
        app.repos.shop.warranties(userId),
        app.repos.shop.views(userId),
        held.then((p) => exportRows(p?.platform ?? 'weapp')),
      ]);
      reply.header('Cache-Control', 'no-store').header('Content-Disposition', 'attachment; filename="my-data.json"');
      return {
        schema: EXPORT_SCHEMA_PATH,
        consentLedgerCsv: CONSENT_CSV_PATH,
        // Complete when the consent history ends in this file (every table is indexed in `rows`).
        complete: page.next === null,
        exportedAt: new Date().toISOString(),
        profile,
        sessions,
        consents: { state: page.state, events: JSON.parse(page.eventsJson) as StoredEvent[], next: page.next },
        cancellationRequests,
        rightsRequests,
        guardianConfirmations,
        app: { warranties, productViews },
        rows,
      };
    },
  );

  // The consent ledger, every event in the server's order, as CSV (RFC 4180).
  app.get(
    CONSENT_CSV_PATH,
    {
      ...auth,
      config: reads,
      schema: {
        tags: ['shopper'],
        security: [{ session: [] }],
        description: `The whole consent ledger as CSV, columns ${CONSENT_CSV_COLUMNS.join(', ')}.`,
        response: { 200: { type: 'string' }, ...errorResponses(...SHOPPER_ERRORS) },
      },
    },
    async (request, reply) => {
      const events = await app.repos.consents.list(request.userId!);
      reply.header('Cache-Control', 'no-store').header('Content-Disposition', 'attachment; filename="my-consents.csv"').type('text/csv; charset=utf-8');
      return consentLedgerCsv(events);
    },
  );
};
export default meRoutes;
