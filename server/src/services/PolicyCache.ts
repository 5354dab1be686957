import { createHash } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import { canonicalJson, changedSentences, sha256Hex, type Lang, type PolicyVersionResponse, type VersionListsResponse } from '@maison/privacy/contract';
import type { DB } from '../db/schema';
import type { PolicyRepository, PolicyView } from '../repositories/PolicyRepository';
import type { PolicyListRepository } from '../repositories/PolicyListRepository';
import { consentHashes, type VersionContent } from '../domain/versionContent';

/** A ready-to-send answer: the JSON text and its strong ETag. */
export interface CachedBody {
  body: string;
  etag: string;
}

/** Where a version's lists and consent texts are served. */
export const listsUrl = (version: number) => `/v1/policy/versions/${version}/lists`;

/** The shopper answer of a version's lists and consent texts (both languages: they are short). */
export function listsResponse(version: number, content: VersionContent): VersionListsResponse {
  const body = { collection: content.collection, sharing: content.sharing, consents: content.consents };
  return { version, contentHash: sha256Hex(canonicalJson(body)), ...body, consentHashes: consentHashes(content.consents) } as unknown as VersionListsResponse;
}

/** A material version scheduled to take effect later, announced with the one in force. */
export interface UpcomingVersion {
  view: PolicyView;
  effectiveAt: string;
}

/** The next scheduled activation of a material version after `active`, or null. */
export async function upcomingMaterial(policies: PolicyRepository, active: number): Promise<UpcomingVersion | null> {
  for (const a of await policies.scheduled()) {
    if (a.version <= active) continue;
    const view = await policies.view(a.version);
    if (view?.record.material) return { view, effectiveAt: a.effectiveAt };
  }
  return null;
}

/** The sentences a version adds in its changed sections, in `lang` (none for the first version). */
const changesOf = (view: PolicyView, lang: Lang) => (view.previous ? changedSentences(view.previous, view.record.content, lang, view.record.changedSections) : []);

/**
 * Builds the shopper answer for one version in one language; `lists` names where its lists are,
 * `upcoming` the material version scheduled after it (advance notice).
 */
export function policyResponse(view: PolicyView, lang: Lang, withContent: boolean, lists?: VersionListsResponse, upcoming?: UpcomingVersion | null): PolicyVersionResponse {
  const r = view.record;
  const out: PolicyVersionResponse = {
    version: r.version,
    lastMaterialVersion: view.lastMaterialVersion,
    effectiveAt: view.effectiveAt,
    material: r.material,
    summary: r.summary?.[lang] ?? '',
    changedSections: r.changedSections,
    contentHash: r.contentHash,
  };
  const changes = changesOf(view, lang);
  if (changes.length > 0) out.changes = changes;
  if (upcoming) {
    const u = upcoming.view.record;
    const next = changesOf(upcoming.view, lang);
    out.upcoming = { version: u.version, effectiveAt: upcoming.effectiveAt, summary: u.summary?.[lang] ?? '', changedSections: u.changedSections, ...(next.length > 0 ? { changes: next } : {}) };
  }
  if (lists) out.lists = { url: listsUrl(lists.version), contentHash: lists.contentHash };
  if (withContent) out.content = r.content;
  return out;
}

/** A strong ETag over the exact bytes sent. */
export function etagOf(body: string): string {
  return `"${createHash('sha256').update(body, 'utf8').digest('base64url').slice(0, 32)}"`;
}

/**
 * The active policy held in memory, serialised once per language and variant, so the hottest
 * endpoint never touches the database. A cheap poll of the activation history notices
 * activations made by other processes and scheduled activations whose time has come.
 */
export class PolicyCache {
  private key: string | null = null;
  private bodies = new Map<string, CachedBody>();
  private timer: NodeJS.Timeout | null = null;
  private refreshing: Promise<void> | null = null;

  constructor(
    private readonly db: Kysely<DB>,
    private readonly policies: PolicyRepository,
    private readonly lists: PolicyListRepository,
    private readonly onError: (err: unknown) => void,
  ) {}

  private async currentKey(): Promise<{ key: string; version: number | null }> {
    // The count of all activations, scheduled ones included: scheduling one announces it at once.
    const row = await sql<{ version: number | null; n: number; all: number }>`
      select (select version from policy_activations where effective_at <= now() order by effective_at desc, id desc limit 1) as version,
             (select count(*)::int from policy_activations where effective_at <= now()) as n,
             (select count(*)::int from policy_activations) as all`.execute(this.db);
    const r = row.rows[0];
    return { key: `${r?.version ?? 'none'}:${r?.n ?? 0}:${r?.all ?? 0}`, version: r?.version ?? null };
  }

  /** Reloads when the activation history changed since the last load (or always with `force`). */
  refresh(force = false): Promise<void> {
    const run = async () => {
      const { key, version } = await this.currentKey();
      if (!force && key === this.key) return;
      const bodies = new Map<string, CachedBody>();
      const view = version === null ? null : await this.policies.view(version);
      const upcoming = view ? await upcomingMaterial(this.policies, view.record.version) : null;
      if (view) {
        const lists = listsResponse(view.record.version, await this.lists.content(view.record.version));
        const listsBody = JSON.stringify(lists);
        bodies.set('lists', { body: listsBody, etag: etagOf(listsBody) });
        for (const lang of ['zh', 'en'] as const) {
          for (const meta of [false, true]) {
            const body = JSON.stringify(policyResponse(view, lang, !meta, lists, upcoming));
            bodies.set(`${lang}:${meta}`, { body, etag: etagOf(body) });
          }
        }
      }
      this.bodies = bodies;
      this.key = key;
    };
    // Callers arriving during a refresh wait for it and then run their own, so a forced refresh
    // after an activation always sees that activation.
    const next = (this.refreshing ?? Promise.resolve()).catch(() => undefined).then(run);
    this.refreshing = next.finally(() => {
      if (this.refreshing === next) this.refreshing = null;
    });
    return next;
  }

  /** The cached answer, or null when no version is active. */
  get(lang: Lang, metaOnly: boolean): CachedBody | null {
    return this.bodies.get(`${lang}:${metaOnly}`) ?? null;
  }

  /** The active version's lists and consent texts, or null when no version is active. */
  getLists(): CachedBody | null {
    return this.bodies.get('lists') ?? null;
  }

  /** Starts the background check every `seconds`. */
  start(seconds: number): void {
    if (this.timer) return;
    this.timer = setInterval(() => {
      this.refresh().catch(this.onError);
    }, seconds * 1000);
    this.timer.unref();
  }

  /** Stops the background check and waits for a refresh in flight. */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.refreshing?.catch(() => undefined);
  }
}
