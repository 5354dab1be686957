import type { ColumnType, Kysely, Transaction } from 'kysely';
import type { CollectionItem, ConsentCatalogueEntry, SharingItem } from '@maison/privacy/contract';
import { DEPLOYED_APP, DEPLOYED_DOCUMENTS } from '../deployment';
import type { DB } from '../db/schema';
import { consentHashes, type VersionContent } from '../domain/versionContent';
import { iso } from './rows';

/** The two lists and the separate consents' texts, as a closed set. */
export const LIST_KINDS = Object.freeze(['collection', 'sharing', 'consents'] as const);
export type ListKind = (typeof LIST_KINDS)[number];

/** Tables of the lists and privacy-guide filings (migration 002). */
export type PolicyListTables = {
  policy_lists: {
    version: number;
    kind: ListKind;
    items: ColumnType<unknown, string, string>;
    updated_by: string;
    updated_at: ColumnType<Date | string, Date | string | undefined, Date | string>;
  };
  privacy_guide_filings: {
    id: ColumnType<string | number | bigint, never, never>;
    policy_version: number | null;
    items: ColumnType<unknown, string, string>;
    filed_by: string;
    filed_at: ColumnType<Date | string, Date | string | undefined, Date | string>;
  };
};

/** One list as it applies to a policy version, and where it comes from. */
export interface VersionList {
  kind: ListKind;
  items: CollectionItem[] | SharingItem[] | ConsentCatalogueEntry[];
  /** `stored`: saved for this version; `inherited`: saved for `fromVersion`; `bundled`: the app's seed. */
  source: 'stored' | 'inherited' | 'bundled';
  fromVersion: number | null;
  updatedBy: string | null;
  updatedAt: string | null;
}

/** One recorded filing of the privacy-guide declarations. */
export interface GuideFiling {
  id: number;
  policyVersion: number | null;
  items: unknown;
  filedBy: string;
  filedAt: string;
}

type Db = Kysely<DB> | Transaction<DB>;

/** What a version without rows of its own (nor any earlier one) carries: the deployed app's description. */
const BUNDLED: Readonly<Record<ListKind, readonly unknown[]>> = Object.freeze({
  collection: DEPLOYED_DOCUMENTS.collectionList,
  sharing: DEPLOYED_DOCUMENTS.sharingList,
  consents: Object.values<ConsentCatalogueEntry>(DEPLOYED_APP.consents),
});

/** The two lists per policy version, and the privacy-guide filings. */
export class PolicyListRepository {
  constructor(private readonly db: Kysely<DB>) {}

  private t(db: Db) {
    return db.withTables<PolicyListTables>();
  }

  /** The list that applies to `version`: its own row, else the newest earlier one, else the bundled seed. */
  async forVersion(version: number, kind: ListKind, db: Db = this.db): Promise<VersionList> {
    const row = await this.t(db)
      .selectFrom('policy_lists')
      .select(['version', 'items', 'updated_by', 'updated_at'])
      .where('kind', '=', kind)
      .where('version', '<=', version)
      .orderBy('version', 'desc')
      .limit(1)
      .executeTakeFirst();
    if (!row) return { kind, items: [...BUNDLED[kind]] as VersionList['items'], source: 'bundled', fromVersion: null, updatedBy: null, updatedAt: null };
    return {
      kind,
      items: row.items as VersionList['items'],
      source: row.version === version ? 'stored' : 'inherited',
      fromVersion: row.version,
      updatedBy: row.updated_by,
      updatedAt: iso(row.updated_at),
    };
  }

  /** Everything a version carries beside its text: the two lists and the consents' texts. */
  async content(version: number, db: Db = this.db): Promise<VersionContent> {
    const [collection, sharing, consents] = await Promise.all(LIST_KINDS.map((kind) => this.forVersion(version, kind, db)));
    return { collection: collection!.items as CollectionItem[], sharing: sharing!.items as SharingItem[], consents: consents!.items as ConsentCatalogueEntry[] };
  }

  /**
   * Whether `hash` is the text hash of consent `purpose` in any published version or in the
   * deployed app's own description (what an app without the served texts shows). Published
   * versions never change, so their hashes are read once.
   */
  async isKnownConsentText(purpose: string, hash: string): Promise<boolean> {
    if (consentHashes(BUNDLED.consents as ConsentCatalogueEntry[])[purpose] === hash) return true;
    if (this.knownHashes.has(`${purpose} ${hash}`)) return true;
    const published = await this.db.selectFrom('policy_versions').select('version').where('status', '=', 'published').execute();
    for (const { version } of published) {
      if (this.hashedVersions.has(version)) continue;
      const list = await this.forVersion(version, 'consents');
      for (const [p, h] of Object.entries(consentHashes(list.items as ConsentCatalogueEntry[]))) this.knownHashes.add(`${p} ${h}`);
      this.hashedVersions.add(version);
    }
    return this.knownHashes.has(`${purpose} ${hash}`);
  }

  private readonly knownHashes = new Set<string>();
  private readonly hashedVersions = new Set<number>();

  /** Saves a list for a version (replacing what was saved for it before). */
  async save(version: number, kind: ListKind, items: readonly unknown[], actor: string, db: Db = this.db): Promise<void> {
    const now = new Date().toISOString();
    await this.t(db)
      .insertInto('policy_lists')
      .values({ version, kind, items: JSON.stringify(items), updated_by: actor, updated_at: now })
      .onConflict((oc) => oc.columns(['version', 'kind']).doUpdateSet({ items: JSON.stringify(items), updated_by: actor, updated_at: now }))
      .execute();
  }

  /** The newest filing of the privacy-guide declarations, or null. */
  async lastFiling(db: Db = this.db): Promise<GuideFiling | null> {
    const row = await this.t(db).selectFrom('privacy_guide_filings').selectAll().orderBy('id', 'desc').limit(1).executeTakeFirst();
    return row ? { id: Number(row.id), policyVersion: row.policy_version, items: row.items, filedBy: row.filed_by, filedAt: iso(row.filed_at) } : null;
  }

  /** Records a filing of `items`; returns its id. */
  async recordFiling(items: unknown, policyVersion: number | null, actor: string, db: Db = this.db): Promise<number> {
    const row = await this.t(db)
      .insertInto('privacy_guide_filings')
      .values({ policy_version: policyVersion, items: JSON.stringify(items), filed_by: actor })
      .returning('id')
      .executeTakeFirstOrThrow();
    return Number(row.id);
  }
}
