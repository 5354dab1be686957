import { Readable } from 'node:stream';
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { sql } from 'kysely';
import type { AuditAction, OpsRole, PolicyDocument } from '@maison/privacy/contract';
import {
  activationAnswerSchema,
  auditFilterProperties,
  auditPageSchema,
  draftAnswerSchema,
  statsSchema,
  type AdminStats,
  type CancellationFlag,
  TOKEN_NAME_PATTERN,
  tokenCreatedSchema,
  tokenListSchema,
  tokenRevokedSchema,
  versionDetailSchema,
  versionListSchema,
  versionMetaSchema,
} from '@maison/privacy/contract';
import { changedSections } from '../domain/changedSections';
import { materialContentChanges, versionGaps, type ContentFinding } from '../domain/versionContent';
import { calendarStatus, REGULATOR_WORKING_DAYS } from '../domain/workingDays';
import { importPolicy, policyHash, policyProblems, PolicyTextError, reviewDraft } from '../domain/policyTools';
import { errors } from '../errors';
import { isUniqueViolation } from '../repositories/rows';
import { POLICY_CHANNEL } from '../plugins/app/repositories';
import { iso } from '../repositories/rows';
import type { PolicyVersionRecord } from '../repositories/PolicyRepository';
import { clientTimeSchema, errorResponses, FREE_TEXT_PATTERN, OPS_ERRORS, opsRoleSchema, policyDocumentSchema, publishFindingsSchema, summarySchema } from './schemas';
import { opsRoute } from '../plugins/app/auth';
import type { AuditEntry, AuditQuery } from '../repositories/OpsRepository';
import { CSV_BOM, csvRow } from '../domain/csv';
// The console's words for the audit log: the CSV says what the audit page says.
import { describeAudit, type AuditEntry as ConsoleAuditEntry } from '../../console/src/auditText';
import { chinaDay, chinaDayStart, chinaTimestamp } from '../../console/src/chinaTime';
import { translate } from '../../console/src/texts';

const NEAR_DEADLINE_MS = 3 * 24 * 3600 * 1000;
/** Entries read per query while the CSV export streams. */
const CSV_PAGE = 500;

type AuditFilterQuery = { action?: AuditAction; actor?: string; from?: string; to?: string };

/** The audit filters as instants: China days become [start of `from`, start of the day after `to`); a day that does not exist, or `from` after `to`, is 400. */
function auditFilter(q: AuditFilterQuery): Omit<AuditQuery, 'limit' | 'before'> {
  const day = (name: 'from' | 'to', text: string | undefined): Date | undefined => {
    if (text === undefined) return undefined;
    const start = chinaDayStart(text);
    if (!start) throw errors.badRequest(`${name} is not a day that exists: ${text} (YYYY-MM-DD, China time)`);
    return start;
  };
  const from = day('from', q.from);
  const toDay = day('to', q.to);
  if (from && toDay && from > toDay) throw errors.badRequest(`from (${q.from}) is after to (${q.to})`);
  return { action: q.action, actor: q.actor, from, to: toDay ? new Date(toDay.getTime() + 24 * 3600 * 1000) : undefined };
}

/** The CSV's header row in `lang`. */
function auditCsvHeader(lang: 'zh' | 'en'): string {
  return csvRow((['audit.csv.id', 'audit.csv.at', 'audit.csv.who', 'audit.csv.what', 'audit.csv.action', 'audit.csv.actionId', 'audit.csv.target', 'audit.csv.details'] as const).map((k) => translate(lang, k)));
}

/** One entry as a CSV row: the console's sentence and fields, its time in China time. */
function auditCsvRow(entry: AuditEntry, lang: 'zh' | 'en'): string {
  const text = describeAudit(entry as ConsoleAuditEntry, lang);
  const details = text.fields.map((f) => `${f.label}${lang === 'zh' ? '：' : ': '}${f.value}`).join(lang === 'zh' ? '；' : '; ');
  return csvRow([entry.id, chinaTimestamp(entry.at), text.who, text.sentence, text.action, entry.action, entry.target ?? '', details]);
}
const MAX_POLICY_TEXT = 400_000; // the seed text is ~50 000 characters

const versionParams = { type: 'object', required: ['version'], properties: { version: { type: 'integer', minimum: 1, maximum: 2147483647 } } };
const draftBody = {
  oneOf: [
    { type: 'object', additionalProperties: false, required: ['text'], properties: { text: { type: 'string', minLength: 1, maxLength: MAX_POLICY_TEXT } } },
    { type: 'object', additionalProperties: false, required: ['content'], properties: { content: policyDocumentSchema } },
  ],
};
function meta(r: PolicyVersionRecord) {
  const { content: _content, ...rest } = r;
  void _content;
  return rest;
}

function actorOf(request: FastifyRequest): string {
  return `ops:${request.opsActor!.name}`;
}

/** Who acted, for the audit log: the token's id (names need not stay unique over time) and its name. */
function auditActor(request: FastifyRequest): { actor: string; actorId: string } {
  return { actor: actorOf(request), actorId: request.opsActor!.id };
}

/** The ops API: policy versions, stats, audit, tokens. */
const adminRoutes: FastifyPluginAsync = async (app) => {
  const as = (role: OpsRole) => opsRoute(app, role);
  const write = (role: OpsRole) => opsRoute(app, role, { write: true });
  const db = app.database.db;
  const { policies, ops, lists } = app.repos;

  /**
   * What stands in the way of publishing `version` as asked: the content changes that make it
   * material (against the newest published version before it) and the compliance gaps it declares.
   */
  async function publishFindings(version: number, db: Parameters<typeof lists.content>[1]) {
    const previous = await policies.previousPublishedVersion(version, db);
    const [before, after] = await Promise.all([previous === null ? null : lists.content(previous, db), lists.content(version, db)]);
    return { against: previous, materialChanges: before ? materialContentChanges(before, after) : [], gaps: versionGaps(after) };
  }
  const describe = (f: readonly ContentFinding[]) => f.map((x) => `${x.code} (${x.where})`).join(', ');

  /**
   * The draft a body describes (pasted text or a document), reviewed against the newest version
   * published before it (`reviewDraft`): the importer's and the review's warnings together.
   */
  async function draftFrom(body: { text?: string; content?: unknown }, before: number): Promise<{ document: PolicyDocument; warnings: string[] }> {
    const parsed = documentFrom(body);
    const reviewed = reviewDraft(parsed.document, await policies.previousPublishedEntry(before));
    return { document: reviewed.document, warnings: [...parsed.warnings, ...reviewed.warnings] };
  }

  function documentFrom(body: { text?: string; content?: unknown }): { document: PolicyDocument; warnings: string[] } {
    let document: unknown;
    let warnings: string[] = [];
    if (body.text !== undefined) {
      try {
        ({ document, warnings } = importPolicy(body.text));
      } catch (err) {
        if (err instanceof PolicyTextError) throw errors.badRequest(`The policy text could not be read: ${err.message}`);
        throw err;
      }
    } else {
      document = body.content;
    }
    const problems = policyProblems(document);
    if (problems.length > 0) throw errors.badRequest(`Invalid policy document: ${problems.slice(0, 10).join('; ')}`);
    return { document: document as PolicyDocument, warnings };
  }

  app.get(
    '/v1/admin/policies',
    {
      ...as('viewer'),
      schema: {
        tags: ['ops'],
        security: [{ ops: [] }],
        response: { 200: versionListSchema, ...errorResponses(...OPS_ERRORS) },
      },
    },
    async () => ({ versions: (await policies.list()).map(meta), scheduled: await policies.scheduled() }),
  );

  app.get<{ Params: { version: number } }>(
    '/v1/admin/policies/:version',
    {
      ...as('viewer'),
      schema: {
        tags: ['ops'],
        security: [{ ops: [] }],
        params: versionParams,
        response: { 200: { ...versionDetailSchema, properties: { ...versionDetailSchema.properties, content: policyDocumentSchema } }, ...errorResponses(...OPS_ERRORS, 404) },
      },
    },
    async (request) => {
      const r = await policies.get(request.params.version);
      if (!r) throw errors.notFound('No such policy version');
      return r;
    },
  );

  app.post<{ Body: { text?: string; content?: unknown } }>(
    '/v1/admin/policies',
    {
      ...write('publisher'),
      bodyLimit: 2 * 1024 * 1024,
      schema: { tags: ['ops'], security: [{ ops: [] }], body: draftBody, response: { 201: draftAnswerSchema, ...errorResponses(...OPS_ERRORS, 413, 415) } },
    },
    async (request, reply) => {
      // A new draft follows every version there is.
      const { document, warnings } = await draftFrom(request.body, 2 ** 31 - 1);
      const version = await db.transaction().execute(async (tx) => {
        const v = await policies.createDraft(document, policyHash(document), actorOf(request), tx);
        await ops.audit({ ...auditActor(request), action: 'policy.draft.create', target: `policy:${v}`, details: { source: request.body.text !== undefined ? 'text' : 'content' } }, tx);
        return v;
      });
      return reply.code(201).send({ version, status: 'draft', warnings });
    },
  );

  app.put<{ Params: { version: number }; Body: { text?: string; content?: unknown } }>(
    '/v1/admin/policies/:version',
    {
      ...write('publisher'),
      bodyLimit: 2 * 1024 * 1024,
      schema: { tags: ['ops'], security: [{ ops: [] }], params: versionParams, body: draftBody, response: { 200: draftAnswerSchema, ...errorResponses(...OPS_ERRORS, 404, 409, 413, 415) } },
    },
    async (request) => {
      const { version } = request.params;
      const existing = await policies.get(version);
      if (!existing) throw errors.notFound('No such policy version');
      const { document, warnings } = await draftFrom(request.body, version);
      await db.transaction().execute(async (tx) => {
        if (!(await policies.updateDraft(version, document, policyHash(document), tx))) throw errors.conflict('Only drafts can be edited');
        await ops.audit({ ...auditActor(request), action: 'policy.draft.update', target: `policy:${version}` }, tx);
      });
      return { version, status: 'draft' as const, warnings };
    },
  );

  app.get<{ Params: { version: number } }>(
    '/v1/admin/policies/:version/findings',
    {
      ...as('viewer'),
      schema: {
        tags: ['ops'],
        security: [{ ops: [] }],
        description:
          "What publishing the version meets: `materialChanges`, the changes of its lists and consent texts against the newest published version before it (`against`) that make it material, and `gaps`, the compliance gaps its content declares (retentions not stated, recipients not named). Publishing it as non-material with material changes, or at all with gaps, needs `override`.",
        params: versionParams,
        response: { 200: publishFindingsSchema, ...errorResponses(...OPS_ERRORS, 404) },
      },
    },
    async (request) => {
      if (!(await policies.get(request.params.version))) throw errors.notFound('No such policy version');
      return { version: request.params.version, ...(await publishFindings(request.params.version, db)) };
    },
  );

  app.post<{ Params: { version: number }; Body: { material: boolean; summary: { zh: string; en: string }; override?: { reason: string } } }>(
    '/v1/admin/policies/:version/publish',
    {
      ...write('publisher'),
      schema: {
        tags: ['ops'],
        security: [{ ops: [] }],
        description:
          'Publishes a draft. Refused (409) when its lists or consent texts change what makes a version material (a consent\'s purpose, categories, recipients or retention; a collection row or a recipient added) and `material` is false, or when its content declares compliance gaps, unless `override.reason` says why: the override is audited (`policy.publish.override`: who, when, the reason and what it overrode). `GET /v1/admin/policies/:version/findings` lists both beforehand.',
        params: versionParams,
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['material', 'summary'],
          properties: {
            material: { type: 'boolean' },
            summary: summarySchema,
            override: {
              type: 'object',
              additionalProperties: false,
              required: ['reason'],
              description: 'Publish despite the findings; the reason is kept in the audit log',
              properties: { reason: { type: 'string', minLength: 10, maxLength: 500, pattern: FREE_TEXT_PATTERN } },
            },
          },
        },
        response: { 200: versionMetaSchema, ...errorResponses(...OPS_ERRORS, 404, 409, 413, 415) },
      },
    },
    async (request) => {
      const { version } = request.params;
      const { material, summary, override } = request.body;
      await db.transaction().execute(async (tx) => {
        // Two publishes of one draft at once: the second waits here until the first commits, then
        // finds the version published and answers 409, with no second audit entry.
        if (!(await policies.lock(version, tx))) throw errors.notFound('No such policy version');
        const record = await policies.get(version, tx);
        if (!record) throw errors.notFound('No such policy version');
        if (record.status !== 'draft') throw errors.conflict('Only drafts can be published');
        const findings = await publishFindings(version, tx);
        const notMaterial = material ? [] : findings.materialChanges;
        if (!override && (notMaterial.length > 0 || findings.gaps.length > 0)) {
          const why = [
            notMaterial.length > 0 ? `its content changes make it material, publish it as material: ${describe(notMaterial)}` : null,
            findings.gaps.length > 0 ? `its content declares ${findings.gaps.length} compliance gap(s): ${describe(findings.gaps)}` : null,
          ].filter(Boolean);
          throw errors.conflict(`Version ${version} is not published: ${why.join('; ')}. Fix the content, or publish with override.reason (audited).`);
        }
        const previous = await policies.previousPublished(version, tx);
        const changed = changedSections(previous, record.content);
        const published = await policies.publish(version, { material, summary, changedSections: changed, actor: actorOf(request) }, tx);
        if (!published) throw errors.conflict('Only drafts can be published');
        await ops.audit({ ...auditActor(request), action: 'policy.publish', target: `policy:${version}`, details: { material, changedSections: changed, materialChanges: findings.materialChanges, gaps: findings.gaps.length } }, tx);
        if (override && (notMaterial.length > 0 || findings.gaps.length > 0)) {
          await ops.audit(
            {
              ...auditActor(request),
              action: 'policy.publish.override',
              target: `policy:${version}`,
              details: { reason: override.reason, material, against: findings.against, materialChanges: notMaterial, gaps: findings.gaps },
            },
            tx,
          );
        }
      });
      return meta((await policies.get(version))!);
    },
  );

  app.post<{ Params: { version: number }; Body: { at?: string } }>(
    '/v1/admin/policies/:version/activate',
    {
      ...write('publisher'),
      schema: {
        tags: ['ops'],
        security: [{ ops: [] }],
        params: versionParams,
        body: { type: 'object', additionalProperties: false, properties: { at: clientTimeSchema } },
        response: {
          200: activationAnswerSchema,
          ...errorResponses(...OPS_ERRORS, 404, 409, 413, 415),
        },
      },
    },
    async (request) => {
      const { version } = request.params;
      const now = new Date();
      const at = request.body?.at ? new Date(request.body.at) : now;
      if (Number.isNaN(at.getTime())) throw errors.badRequest('at is not a valid time');
      if (at.getTime() < now.getTime() - 60_000) throw errors.badRequest('at is in the past');
      const effectiveAt = at.getTime() < now.getTime() ? now : at;
      await db.transaction().execute(async (tx) => {
        const record = await policies.get(version, tx);
        if (!record) throw errors.notFound('No such policy version');
        if (record.status === 'draft') throw errors.conflict('Publish the draft before activating it');
        await policies.activate(version, effectiveAt, actorOf(request), tx);
        // Delivered on commit to every process listening (PostgreSQL); harmless on PGlite.
        await sql`select pg_notify(${POLICY_CHANNEL}, ${String(version)})`.execute(tx);
        await ops.audit({ ...auditActor(request), action: 'policy.activate', target: `policy:${version}`, details: { effectiveAt: effectiveAt.toISOString() } }, tx);
      });
      await app.policyCache.refresh(true);
      return { version, effectiveAt: effectiveAt.toISOString(), scheduled: effectiveAt.getTime() > now.getTime() };
    },
  );

  app.get(
    '/v1/admin/stats',
    {
      ...as('viewer'),
      schema: {
        tags: ['ops'],
        security: [{ ops: [] }],
        response: {
          200: statsSchema,
          ...errorResponses(...OPS_ERRORS),
        },
      },
    },
    async (): Promise<AdminStats> => {
      const users = await db.selectFrom('users').select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow();
      // Latest decision per user (and per device for permissions), live accounts only: the kept state.
      const acceptance = await sql<{ version: number; accepted: number; refused: number }>`
        select policy_version as version, count(*) filter (where value = 'accepted')::int as accepted,
               count(*) filter (where value = 'refused')::int as refused
        from consent_state where kind = 'policy' and not shown group by policy_version order by policy_version`.execute(db);
      // Per day and version, each shopper once (purged shoppers stay counted under their pseudonym).
      const timeline = await sql<{ day: string; version: number; accepted: number }>`
        select to_char((received_at at time zone 'Asia/Shanghai')::date, 'YYYY-MM-DD') as day, policy_version as version,
               count(distinct coalesce(user_id::text, subject_hash))::int as accepted
        from consent_events where kind = 'policy' and value = 'accepted' group by 1, 2 order by 1, 2`.execute(db);
      const consents = await sql<{ purpose: string; value: string; users: number }>`
        select purpose, value, count(*)::int as users from consent_state where kind = 'consent' group by purpose, value order by purpose, value`.execute(db);
      const permissions = await sql<{ capability: string; value: string; devices: number }>`
        select purpose as capability, value, count(*)::int as devices from consent_state where kind = 'permission' group by purpose, value order by purpose, value`.execute(db);
      const now = Date.now();
      const queue = (await app.repos.cancellations.queue()).map((c) => {
        const deadline = Date.parse(c.deadline);
        let flag: CancellationFlag = 'ok';
        if (c.completedAt) flag = Date.parse(c.completedAt) > deadline ? 'completed-late' : 'ok';
        else if (now > deadline) flag = 'overdue';
        else if (deadline - now < NEAR_DEADLINE_MS) flag = 'near-deadline';
        return { ...c, flag };
      });
      return {
        users: Number(users.n),
        acceptanceByVersion: acceptance.rows,
        acceptanceTimeline: timeline.rows,
        consentsByPurpose: consents.rows,
        permissionOutcomes: permissions.rows,
        calendar: calendarStatus(app.calendar, new Date(now), app.config.requestDeadline),
        deadlineRule: { ...app.config.requestDeadline, regulatorWorkingDays: REGULATOR_WORKING_DAYS },
        cancellations: queue,
      };
    },
  );

  app.get<{ Querystring: AuditFilterQuery & { limit?: number; before?: number } }>(
    '/v1/admin/audit',
    {
      ...as('viewer'),
      schema: {
        tags: ['ops'],
        security: [{ ops: [] }],
        description:
          'Audit entries, newest first, a page at a time (`before`: the last id of the page before). Filters: `action`, `actor` (a token name matches `ops:<name>`), `from` / `to` (China days, both included). A filter that is not valid (an unknown action or parameter, a day that does not exist, `from` after `to`) is 400 and reads nothing.',
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: { limit: { type: 'integer', minimum: 1, maximum: 500 }, before: { type: 'integer', minimum: 1, maximum: Number.MAX_SAFE_INTEGER }, ...auditFilterProperties },
        },
        response: {
          200: auditPageSchema,
          ...errorResponses(...OPS_ERRORS),
        },
      },
    },
    async (request) => ({ entries: await ops.auditLog({ ...auditFilter(request.query), limit: request.query.limit ?? 100, before: request.query.before }) }),
  );

  app.get<{ Querystring: AuditFilterQuery & { lang?: 'zh' | 'en' } }>(
    '/v1/admin/audit.csv',
    {
      ...as('viewer'),
      schema: {
        tags: ['ops'],
        security: [{ ops: [] }],
        description:
          'Every audit entry the filters match (the same filters as `GET /v1/admin/audit`), newest first, as a CSV file (UTF-8 with a byte-order mark, a header row, every cell quoted, a cell that starts with =, +, -, @, a tab or a carriage return prefixed with an apostrophe). `lang` (default `zh`) sets the header and the sentence column; times are China time.',
        querystring: { type: 'object', additionalProperties: false, properties: { ...auditFilterProperties, lang: { type: 'string', enum: ['zh', 'en'] } } },
        response: {
          200: { description: 'The entries as CSV', content: { 'text/csv': { schema: { type: 'string' } } } },
          ...errorResponses(...OPS_ERRORS),
        },
      },
    },
    async (request, reply) => {
      const filter = auditFilter(request.query);
      const lang = request.query.lang ?? 'zh';
      const rows = async function* (): AsyncGenerator<string> {
        yield CSV_BOM + auditCsvHeader(lang);
        let before: number | undefined;
        for (;;) {
          const page = await ops.auditLog({ ...filter, limit: CSV_PAGE, before });
          for (const entry of page) yield auditCsvRow(entry, lang);
          if (page.length < CSV_PAGE) return;
          before = page[page.length - 1]!.id;
        }
      };
      const day = chinaDay(new Date());
      return reply
        .header('cache-control', 'no-store')
        .header('content-disposition', `attachment; filename="audit-log-${day}.csv"`)
        .type('text/csv; charset=utf-8')
        .send(Readable.from(rows()));
    },
  );

  app.get(
    '/v1/admin/tokens',
    { ...as('publisher'), schema: { tags: ['ops'], security: [{ ops: [] }], response: { 200: tokenListSchema, ...errorResponses(...OPS_ERRORS) } } },
    async () => ({ tokens: await ops.listTokens() }),
  );

  app.post<{ Body: { name: string; role: OpsRole; expiresInDays?: number } }>(
    '/v1/admin/tokens',
    {
      ...write('publisher'),
      schema: {
        tags: ['ops'],
        security: [{ ops: [] }],
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['name', 'role'],
          properties: {
            name: { type: 'string', pattern: TOKEN_NAME_PATTERN },
            role: opsRoleSchema,
            expiresInDays: { type: 'integer', minimum: 1, maximum: 365 },
          },
        },
        response: { 201: tokenCreatedSchema, ...errorResponses(...OPS_ERRORS, 409, 413, 415) },
      },
    },
    async (request, reply) => {
      const expiresAt = new Date(Date.now() + (request.body.expiresInDays ?? 90) * 24 * 3600 * 1000);
      const created = await db.transaction().execute(async (tx) => {
        const t = await ops.createToken({ name: request.body.name, role: request.body.role, expiresAt, createdBy: actorOf(request) }, tx).catch((err: unknown) => {
          if (isUniqueViolation(err)) throw errors.conflict(`A live token is already named ${request.body.name}`);
          throw err;
        });
        await ops.audit({ ...auditActor(request), action: 'token.create', target: `token:${t.id}`, details: { name: t.name, role: t.role, expiresAt: iso(t.expiresAt) } }, tx);
        return t;
      });
      return reply.code(201).send(created);
    },
  );

  app.delete<{ Params: { id: string } }>(
    '/v1/admin/tokens/:id',
    {
      ...write('publisher'),
      schema: {
        tags: ['ops'],
        security: [{ ops: [] }],
        params: { type: 'object', required: ['id'], properties: { id: { type: 'string', format: 'uuid' } } },
        response: { 200: tokenRevokedSchema, ...errorResponses(...OPS_ERRORS, 404) },
      },
    },
    async (request) => {
      await db.transaction().execute(async (tx) => {
        const name = await ops.revokeTokenNamed(request.params.id, tx);
        if (name === null) throw errors.notFound('No live token with this id');
        await ops.audit({ ...auditActor(request), action: 'token.revoke', target: `token:${request.params.id}`, details: { name } }, tx);
      });
      return { id: request.params.id, revoked: true };
    },
  );
};
export default adminRoutes;
