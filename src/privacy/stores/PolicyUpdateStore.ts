import { makeAutoObservable, runInAction } from 'mobx';
import type { EventSource, Lang } from '../domain/contract';
import { policyContentHash } from '../domain/hash';
import type { PolicyDocument } from '../domain/policy';
import { policyDocumentProblems } from '../domain/policySchema';
import { policyMetaProblem, versionPrompt, type PolicyMeta, type VersionPrompt } from '../domain/policyVersions';
import type { PrivacyApiPort, StoragePort } from '../ports';
import type { ConsentStore } from './ConsentStore';
import type { OverlayAnswer, OverlayStore } from './OverlayStore';
import type { PolicyStore } from './PolicyStore';
import { Persistence, type StoredPolicyContent as StoredContent, type StoredPolicyMeta as StoredMeta } from './persistence';

/** Metadata checks must not hold up a launch: a short timeout, then the last known version. */
export const META_TIMEOUT_MS = 3_000;


export interface PolicyUpdateStoreDeps {
  api: PrivacyApiPort;
  storage: StoragePort;
  policy: PolicyStore;
  consent: ConsentStore;
  ui: OverlayStore;
  keyPrefix: string;
}

/**
 * Remote policy versions: at launch and on every return to the foreground, the active version's
 * metadata (ETag, short timeout; offline → the last known), its content when it changed (schema and
 * hash checked; a bad payload never replaces good content), and the module's own version gate.
 * It owns the version in force and the last material one; the other stores read them from here.
 */
export class PolicyUpdateStore {
  meta: PolicyMeta | null = null;
  etag: string | null = null;
  noticeSeen: number | null = null;
  /** Newest scheduled version whose advance notice was dismissed. */
  upcomingSeen: number | null = null;
  prompt: VersionPrompt = { kind: 'none' };
  isChecking = false;
  /** The last failure (offline, malformed answer); browsing is never blocked by it. */
  error: Error | null = null;
  /** The sheet or notice last recorded as shown (its overlay id): recorded once each time it is put on screen. */
  private recordedOverlay: number | null = null;
  private hashed: { doc: PolicyDocument; hash: string } | null = null;
  private readonly store: Persistence;

  constructor(private readonly deps: PolicyUpdateStoreDeps) {
    this.store = new Persistence(deps.storage, deps.keyPrefix);
    makeAutoObservable<PolicyUpdateStore, 'deps' | 'recordedOverlay' | 'hashed' | 'store'>(this, { deps: false, recordedOverlay: false, hashed: false, store: false }, { autoBind: true });
  }

  /** The policy version in force: the server's active one, or before any answer the bundled one. Stamped on new ledger events. */
  get versionInForce(): number {
    return this.meta?.version ?? this.deps.policy.current.version;
  }

  /** The lowest accepted version that still counts (the server's `lastMaterialVersion`; 1 before any answer). */
  get requiredVersion(): number {
    return this.meta?.lastMaterialVersion ?? 1;
  }

  /** The summary of what changed, in the language asked for when it was fetched. */
  get summary(): string {
    return this.meta?.summary ?? '';
  }

  get changedSections(): string[] {
    return this.meta?.changedSections ?? [];
  }

  /** A material version scheduled to take effect later (advance notice), when the server announces one. */
  get upcoming(): NonNullable<PolicyMeta['upcoming']> | null {
    return this.meta?.upcoming ?? null;
  }

  /** The sentences each changed section adds or rewords, by section id (in the summary's language). */
  get changedSentences(): ReadonlyMap<string, readonly string[]> {
    return new Map((this.meta?.changes ?? []).map((c) => [c.section, c.sentences]));
  }

  /** Restores the last known version and content (works offline). */
  async hydrate(): Promise<void> {
    const [stored, content] = await Promise.all([this.store.value('policy.meta'), this.store.value('policy.content')]);
    if (stored) {
      runInAction(() => {
        this.meta = stored.meta;
        this.etag = stored.etag;
        this.noticeSeen = stored.noticeSeen;
        this.upcomingSeen = stored.upcomingSeen;
      });
    }
    const wanted = this.meta?.version ?? content?.version;
    if (content && content.version === wanted && this.isGoodContent(content.document, content.contentHash)) {
      this.deps.policy.show({ version: content.version, document: content.document, source: 'remote', contentHash: content.contentHash });
    }
  }

  /** Fetches the active version's metadata (and content when it changed), then applies the gate. */
  async check(lang: Lang): Promise<void> {
    if (this.isChecking) return;
    this.isChecking = true;
    try {
      const res = await this.deps.api.getPolicy({ meta: true, etag: this.etag, lang });
      if (res.status === 'ok') {
        const problem = policyMetaProblem(res.policy);
        if (problem) throw new Error(`Malformed policy metadata: ${problem}`);
        const meta: PolicyMeta = { ...res.policy };
        delete (meta as { content?: unknown }).content;
        if (meta.version !== this.deps.policy.current.version || meta.contentHash !== this.currentHash()) await this.fetchContent(meta, lang);
        runInAction(() => {
          this.meta = meta;
          this.etag = res.etag;
        });
        await this.persistMeta();
      }
      runInAction(() => (this.error = null));
    } catch (err) {
      runInAction(() => (this.error = err instanceof Error ? err : new Error(String(err))));
    } finally {
      runInAction(() => (this.isChecking = false));
    }
    await this.evaluate();
  }

  /** Asks for the re-consent sheet or the notice the current state calls for, and records that it was shown. */
  async evaluate(): Promise<void> {
    if (!this.meta) return;
    const prompt = versionPrompt(this.deps.consent.acceptedPolicyVersion, this.meta, this.noticeSeen);
    runInAction(() => (this.prompt = prompt));
    this.announceUpcoming();
    if (prompt.kind === 'none') return;
    void this.deps.ui.ask(prompt.kind, prompt.version);
    const recording = this.recordShown(prompt.kind, prompt.version);
    if (recording !== null) await recording;
  }

  /**
   * Asks for the re-consent sheet of the version in force, with what changed: a feature was tapped
   * while a material change waits, or the shopper who refused it asks to agree after all. Recorded
   * as shown once on screen. Null when no version is known yet (nothing asked).
   */
  askReconsent(): Promise<OverlayAnswer<'reconsent'>> | null {
    if (!this.meta) return null;
    const answer = this.deps.ui.ask('reconsent', this.meta.version);
    this.recordShown('reconsent', this.meta.version);
    return answer;
  }

  /**
   * Records the sheet or notice of `version` as shown once it is on screen (at once, or once what
   * is open before it closes), once each time it is put there however often it is asked for.
   * Returns the recording when it started at once.
   */
  private recordShown(kind: 'reconsent' | 'notice', version: number): Promise<unknown> | null {
    const overlay = this.deps.ui.find(kind, version);
    if (!overlay || this.recordedOverlay === overlay.id) return null;
    this.recordedOverlay = overlay.id;
    let recording: Promise<unknown> | null = null;
    this.deps.ui.onShown(kind, version, () => {
      recording = this.deps.consent.recordPolicyShown(version, kind === 'reconsent' ? 'reconsent-sheet' : 'notice');
      recording.catch((err: unknown) => runInAction(() => (this.error = err instanceof Error ? err : new Error(String(err)))));
    });
    return recording;
  }

  /** Agree to the new version (from the re-consent sheet or the notice). */
  async accept(source: EventSource = 'reconsent-sheet'): Promise<void> {
    if (!this.meta) return;
    await this.deps.consent.acceptPolicy(this.meta.version, source);
    runInAction(() => {
      this.prompt = { kind: 'none' };
      this.noticeSeen = this.meta?.version ?? null;
    });
    this.deps.ui.answer('reconsent', 'agreed');
    await this.persistMeta();
  }

  /** Refuse the material change: browse-only, as with a first-run refusal. */
  async refuse(): Promise<void> {
    if (!this.meta) return;
    this.deps.ui.answer('reconsent', 'refused');
    runInAction(() => (this.prompt = { kind: 'none' }));
    await this.deps.consent.refusePolicy(this.meta.version, 'reconsent-sheet');
  }

  /**
   * Asks for the advance notice of a scheduled material version, once per version, for a shopper
   * who has agreed to a policy (a newcomer is told at the first check after agreeing).
   */
  private announceUpcoming(): void {
    const next = this.upcoming;
    if (!next || this.deps.consent.acceptedPolicyVersion === null || (this.upcomingSeen ?? 0) >= next.version) return;
    void this.deps.ui.ask('upcoming', next.version);
  }

  /** Dismiss the advance notice (remembered on this phone; the version is asked for when it takes effect). */
  async dismissUpcoming(): Promise<void> {
    const next = this.upcoming;
    if (!next) return;
    runInAction(() => (this.upcomingSeen = next.version));
    this.deps.ui.answer('upcoming', 'seen');
    await this.persistMeta();
  }

  /** Dismiss the notice of a non-material version (recorded as seen, not as a new agreement). */
  async dismissNotice(): Promise<void> {
    if (!this.meta) return;
    runInAction(() => {
      this.noticeSeen = this.meta?.version ?? null;
      this.prompt = { kind: 'none' };
    });
    this.deps.ui.answer('notice', 'seen');
    await this.persistMeta();
  }

  private async fetchContent(meta: PolicyMeta, lang: Lang): Promise<void> {
    // By version, not `current`: a version's content never changes, while a cached `current`
    // (browser or CDN, max-age 60 s) may still be the previous version.
    const res = await this.deps.api.getPolicy({ version: meta.version, lang });
    if (res.status !== 'ok') return;
    const doc = res.policy.content;
    if (res.policy.version !== meta.version || !this.isGoodContent(doc, res.policy.contentHash)) {
      throw new Error('Policy content failed its schema or hash check: keeping the last good version');
    }
    const document = doc as PolicyDocument;
    const stored: StoredContent = { version: meta.version, contentHash: res.policy.contentHash, document };
    await this.store.write('policy.content', stored);
    this.deps.policy.show({ version: meta.version, document, source: 'remote', contentHash: res.policy.contentHash });
  }

  private isGoodContent(doc: unknown, hash: string): boolean {
    return policyDocumentProblems(doc).length === 0 && policyContentHash(doc as PolicyDocument) === hash;
  }

  /**
   * Hash of the content on screen: known for remote content (checked when fetched) and for the
   * bundled policy (computed when the data was built). Hashed here, once per document, only for a
   * bundled document given without its hash.
   */
  private currentHash(): string | null {
    const { contentHash, document } = this.deps.policy.current;
    if (contentHash !== null) return contentHash;
    if (document === null) return null;
    if (this.hashed?.doc !== document) this.hashed = { doc: document, hash: policyContentHash(document) };
    return this.hashed.hash;
  }

  private async persistMeta(): Promise<void> {
    if (!this.meta) return;
    const stored: StoredMeta = { meta: this.meta, etag: this.etag, noticeSeen: this.noticeSeen, upcomingSeen: this.upcomingSeen };
    await this.store.write('policy.meta', stored);
  }
}

