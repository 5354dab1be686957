import { sql, type Kysely, type Transaction } from 'kysely';
import type { PolicyStatus, PolicyDocument } from '@maison/privacy/contract';
import type { DB } from '../db/schema';
import { iso, isoOrNull, isUniqueViolation } from './rows';

/** A policy version as stored, with its status derived from the activation history. */
export interface PolicyVersionRecord {
  version: number;
  status: PolicyStatus;
  content: PolicyDocument;
  contentHash: string;
  material: boolean;
  summary: { zh: string; en: string } | null;
  changedSections: string[];
  createdBy: string;
  createdAt: string;
  updatedAt: string;
  publishedBy: string | null;
  publishedAt: string | null;
  /** First time this version became active, if it has. */
  effectiveAt: string | null;
}

/** What the shopper endpoints serve for one version. */
export interface PolicyView {
  record: PolicyVersionRecord;
  lastMaterialVersion: number;
  effectiveAt: string;
  /** The version published before it, which its changed sections were found against. */
  previous: PolicyDocument | null;
}

/** One row of the activation history. */
export interface Activation {
  version: number;
  effectiveAt: string;
  createdBy: string;
}

type Db = Kysely<DB> | Transaction<DB>;

const SELECT = [
  'version',
  'status',
  'content',
  'content_hash',
  'material',
  'summary',
  'changed_sections',
  'created_by',
  'created_at',
  'updated_at',
  'published_by',
  'published_at',
] as const;

/** Policy versions and their activation history. */
export class PolicyRepository {
  constructor(private readonly db: Kysely<DB>) {}

  /** The version active at `at` (the newest activation whose time has come), or null. */
  async activeVersion(at: Date = new Date(), db: Db = this.db): Promise<number | null> {
    const row = await db
      .selectFrom('policy_activations')
      .select('version')
      .where('effective_at', '<=', at.toISOString())
      .orderBy('effective_at', 'desc')
      .orderBy('id', 'desc')
      .limit(1)
      .executeTakeFirst();
    return row?.version ?? null;
  }

  /** Activation history, oldest first. */
  async activations(db: Db = this.db): Promise<Activation[]> {
    const rows = await db.selectFrom('policy_activations').select(['version', 'effective_at', 'created_by']).orderBy('effective_at').orderBy('id').execute();
    return rows.map((r) => ({ version: r.version, effectiveAt: iso(r.effective_at), createdBy: r.created_by }));
  }

  /** Every version, newest first, with derived status. */
  async list(): Promise<PolicyVersionRecord[]> {
    const [rows, active, history] = await Promise.all([
      this.db.selectFrom('policy_versions').select(SELECT).orderBy('version', 'desc').execute(),
      this.activeVersion(),
      this.activations(),
    ]);
    return rows.map((r) => this.toRecord(r, active, history));
  }

  /** One version with derived status, or null. */
  async get(version: number, db: Db = this.db): Promise<PolicyVersionRecord | null> {
    const row = await db.selectFrom('policy_versions').select(SELECT).where('version', '=', version).executeTakeFirst();
    if (!row) return null;
    return this.toRecord(row, await this.activeVersion(new Date(), db), await this.activations(db));
  }

  private toRecord(
    r: {
      version: number;
      status: 'draft' | 'published';
      content: unknown;
      content_hash: string;
      material: boolean | null;
      summary: unknown;
      changed_sections: string[];
      created_by: string;
      created_at: unknown;
      updated_at: unknown;
      published_by: string | null;
      published_at: unknown;
    },
    active: number | null,
    history: Activation[],
  ): PolicyVersionRecord {
    const now = Date.now();
    const past = history.filter((a) => Date.parse(a.effectiveAt) <= now);
    const first = past.find((a) => a.version === r.version);
    let status: PolicyStatus = r.status;
    if (r.version === active) status = 'active';
    else if (first) status = 'retired';
    return {
      version: r.version,
      status,
      content: r.content as PolicyDocument,
      contentHash: r.content_hash,
      material: r.material ?? false,
      summary: (r.summary as { zh: string; en: string } | null) ?? null,
      changedSections: r.changed_sections ?? [],
      createdBy: r.created_by,
      createdAt: iso(r.created_at),
      updatedAt: iso(r.updated_at),
      publishedBy: r.published_by,
      publishedAt: isoOrNull(r.published_at),
      effectiveAt: first ? first.effectiveAt : null,
    };
  }

  /**
   * The shopper view of a published version: `lastMaterialVersion` is the newest material version
   * at or below it among versions that have been active (and itself when material).
   */
  async view(version: number): Promise<PolicyView | null> {
    const record = await this.get(version);
    if (!record || record.status === 'draft') return null;
    const now = Date.now();
    const everActive = new Set((await this.activations()).filter((a) => Date.parse(a.effectiveAt) <= now).map((a) => a.version));
    everActive.add(version);
    const material = await this.db
      .selectFrom('policy_versions')
      .select('version')
      .where('status', '=', 'published')
      .where('material', '=', true)
      .where('version', '<=', version)
      .orderBy('version', 'desc')
      .execute();
    const lastMaterial = material.find((m) => everActive.has(m.version))?.version ?? version;
    const previous = record.changedSections.length > 0 ? await this.previousPublished(version) : null;
    return { record, lastMaterialVersion: lastMaterial, effectiveAt: record.effectiveAt ?? record.publishedAt ?? record.createdAt, previous };
  }

  /** True when no version exists yet (first start). */
  async isEmpty(db: Db = this.db): Promise<boolean> {
    const row = await db.selectFrom('policy_versions').select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow();
    return Number(row.n) === 0;
  }

  /** Stores a new draft under the next version number. */
  async createDraft(content: PolicyDocument, contentHash: string, actor: string, db: Db = this.db): Promise<number> {
    for (let attempt = 0; ; attempt++) {
      try {
        const row = await db
          .insertInto('policy_versions')
          .columns(['version', 'status', 'content', 'content_hash', 'created_by'])
          .expression(
            db
              .selectFrom('policy_versions')
              .select([
                sql<number>`coalesce(max(version), 0) + 1`.as('version'),
                sql<string>`'draft'`.as('status'),
                sql<string>`${JSON.stringify(content)}::jsonb`.as('content'),
                sql<string>`${contentHash}`.as('content_hash'),
                sql<string>`${actor}`.as('created_by'),
              ]),
          )
          .returning('version')
          .executeTakeFirstOrThrow();
        return row.version;
      } catch (err) {
        // Two drafts created at once race for the same number: take the next one.
        if (!isUniqueViolation(err) || attempt >= 4) throw err;
      }
    }
  }

  /** Replaces a draft's content; false when the version is not a draft. */
  async updateDraft(version: number, content: PolicyDocument, contentHash: string, db: Db = this.db): Promise<boolean> {
    const r = await db
      .updateTable('policy_versions')
      .set({ content: JSON.stringify(content), content_hash: contentHash, updated_at: new Date().toISOString() })
      .where('version', '=', version)
      .where('status', '=', 'draft')
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }

  /** The newest published version below `version`, for the changed-sections comparison. */
  async previousPublished(version: number, db: Db = this.db): Promise<PolicyDocument | null> {
    const row = await db
      .selectFrom('policy_versions')
      .select('content')
      .where('status', '=', 'published')
      .where('version', '<', version)
      .orderBy('version', 'desc')
      .limit(1)
      .executeTakeFirst();
    return (row?.content as PolicyDocument | undefined) ?? null;
  }

  /** The newest published version below `version` with its document, or null. */
  async previousPublishedEntry(version: number, db: Db = this.db): Promise<{ version: number; document: PolicyDocument } | null> {
    const row = await db
      .selectFrom('policy_versions')
      .select(['version', 'content'])
      .where('status', '=', 'published')
      .where('version', '<', version)
      .orderBy('version', 'desc')
      .limit(1)
      .executeTakeFirst();
    return row ? { version: row.version, document: row.content as PolicyDocument } : null;
  }

  /** The number of the newest published version below `version`, or null. */
  async previousPublishedVersion(version: number, db: Db = this.db): Promise<number | null> {
    const row = await db.selectFrom('policy_versions').select('version').where('status', '=', 'published').where('version', '<', version).orderBy('version', 'desc').limit(1).executeTakeFirst();
    return row?.version ?? null;
  }

  /**
   * Locks a version's row until the transaction ends, so a concurrent publish or edit of it waits
   * for this one to commit and then sees what it did; false when the version does not exist.
   */
  async lock(version: number, tx: Transaction<DB>): Promise<boolean> {
    const row = await tx.selectFrom('policy_versions').select('version').where('version', '=', version).forUpdate().executeTakeFirst();
    return row !== undefined;
  }

  /** Marks a draft published; false when it is not a draft. */
  async publish(
    version: number,
    fields: { material: boolean; summary: { zh: string; en: string }; changedSections: string[]; actor: string },
    db: Db = this.db,
  ): Promise<boolean> {
    const r = await db
      .updateTable('policy_versions')
      .set({
        status: 'published',
        material: fields.material,
        summary: JSON.stringify(fields.summary),
        changed_sections: JSON.stringify(fields.changedSections),
        published_by: fields.actor,
        published_at: new Date().toISOString(),
        updated_at: new Date().toISOString(),
      })
      .where('version', '=', version)
      .where('status', '=', 'draft')
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }

  /** Records an activation (now or scheduled). */
  async activate(version: number, effectiveAt: Date, actor: string, db: Db = this.db): Promise<void> {
    await db.insertInto('policy_activations').values({ version, effective_at: effectiveAt.toISOString(), created_by: actor }).execute();
  }

  /** Scheduled activations still in the future. */
  async scheduled(): Promise<Activation[]> {
    const rows = await this.db
      .selectFrom('policy_activations')
      .select(['version', 'effective_at', 'created_by'])
      .where('effective_at', '>', new Date().toISOString())
      .orderBy('effective_at')
      .execute();
    return rows.map((r) => ({ version: r.version, effectiveAt: iso(r.effective_at), createdBy: r.created_by }));
  }
}
