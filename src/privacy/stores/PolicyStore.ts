import { makeAutoObservable, observable, runInAction } from 'mobx';
import type { Lang } from '../domain/contract';
import type { PolicyDocument, PolicySection, PolicyText } from '../domain/policy';
import { planRevealChunks, revealedView, sectionStarts, totalUnits } from '../domain/reveal';
import type { StoragePort, SystemPort } from '../ports';
import { DEFAULT_KEY_PREFIX, Persistence, storageKey } from './persistence';

/** Storage key of the shopper's explicit language choice (under the default prefix; earlier releases kept it as `lang`). */
export const LANG_KEY = storageKey(DEFAULT_KEY_PREFIX, 'lang');

export interface PolicySnapshot {
  version: number;
  document: PolicyDocument;
  /** `bundled` ships in the package (offline fallback); `remote` came from the backend. */
  source: 'bundled' | 'remote';
  /** SHA-256 of the document's canonical JSON (`domain/hash.ts`), when known. */
  contentHash?: string;
}

/**
 * The offline copy the host configures. With `contentHash` and no `document`, the main package
 * holds only these few bytes: the pages that show the policy hand the document over
 * (`attachBundled`), so it ships in their subpackage. With `document`, it is there from the start.
 */
export interface BundledPolicy {
  version: number;
  /** SHA-256 of the document's canonical JSON, computed when the data is built; required without `document`. */
  contentHash?: string;
  document?: PolicyDocument;
  source?: 'bundled';
}

/** What is on screen: a snapshot whose document may still be with the subpackage (bundled, not yet handed over). */
export interface ShownPolicy {
  version: number;
  source: 'bundled' | 'remote';
  contentHash: string | null;
  document: PolicyDocument | null;
}

/** A bundled document with the hash that identifies it, as the pages hand it to the store. */
export interface BundledDocument {
  contentHash: string;
  document: PolicyDocument;
}

/** Raised for a `bundledPolicy` option that names no document (neither the document nor its hash). */
export class BundledPolicyError extends Error {
  override name = 'BundledPolicyError';
}

const NO_TEXT: PolicyText = Object.freeze({ title: '', lastUpdatedLabel: '', sections: Object.freeze([]) as unknown as PolicySection[] });

export interface PolicyStoreDeps {
  storage: StoragePort;
  system: SystemPort;
  bundled: BundledPolicy;
  /** Resolves after the renderer flushed the last update (one setData per chunk). */
  yieldToRenderer: () => Promise<void>;
  /** Storage key prefix. Default `privacy.`. */
  keyPrefix?: string;
}

/** Maps a host language (`zh_CN`, `zh_TW`, `en`, `en-US`…) to a policy language. */
export function langFromHost(host: string): Lang {
  return /^zh/i.test(host) ? 'zh' : 'en';
}

/**
 * The policy being shown: which version, which language, how much of it is rendered.
 * A long policy is revealed in chunks so no single render update is large.
 */
export class PolicyStore {
  current: ShownPolicy;
  lang: Lang;
  /** True once the shopper picked a language; until then it follows the host's. */
  langChosen = false;
  /** Number of leading units (section titles and blocks) rendered. */
  revealedUnits = 0;
  private readonly store: Persistence;

  constructor(private readonly deps: PolicyStoreDeps) {
    this.store = new Persistence(deps.storage, deps.keyPrefix);
    const { version, contentHash, document } = deps.bundled;
    if (!Number.isInteger(version) || version < 1) throw new BundledPolicyError(`bundledPolicy.version must be a positive integer, got ${String(version)}`);
    if (!document && (typeof contentHash !== 'string' || !/^[0-9a-f]{64}$/.test(contentHash))) {
      throw new BundledPolicyError('bundledPolicy needs its document or its contentHash (64 hex digits, SHA-256 of the canonical JSON)');
    }
    this.current = { version, source: 'bundled', contentHash: contentHash ?? null, document: document ?? null };
    this.lang = langFromHost(deps.system.language());
    this.revealedUnits = this.firstChunk();
    makeAutoObservable<PolicyStore, 'deps' | 'store'>(this, { deps: false, store: false, current: observable.ref });
  }

  /** False while the bundled policy is shown and its document has not been handed over yet. */
  get hasDocument(): boolean {
    return this.current.document !== null;
  }

  get text(): PolicyText {
    return this.current.document?.texts[this.lang] ?? NO_TEXT;
  }

  get sections(): PolicySection[] {
    return this.text.sections;
  }

  /** The sections rendered so far, the last one possibly with only its first blocks. */
  get revealed(): ReturnType<typeof revealedView> {
    return revealedView(this.sections, this.revealedUnits);
  }

  get fullyRevealed(): boolean {
    return this.revealedUnits >= totalUnits(this.sections);
  }

  /** Reads the shopper's saved language choice (one saved by an earlier release is carried over). */
  async hydrate(): Promise<void> {
    const saved = await this.store.value('lang');
    runInAction(() => {
      if (saved !== null) {
        this.lang = saved;
        this.langChosen = true;
        this.revealedUnits = this.firstChunk();
      }
    });
  }

  /** Switches language, remembers the choice and restarts the progressive reveal. */
  async setLanguage(lang: Lang): Promise<void> {
    this.lang = lang;
    this.langChosen = true;
    this.revealedUnits = this.firstChunk();
    await this.store.write('lang', lang);
  }

  /** Reveals the next chunk (called when the shopper scrolls near the end). */
  revealMore(): void {
    const next = this.chunks().find((end) => end > this.revealedUnits);
    if (next !== undefined) this.revealedUnits = next;
  }

  /** Reveals chunk by chunk until section `index` and its first block are rendered, yielding in between. */
  async revealUntil(index: number): Promise<void> {
    const section = this.sections[index];
    if (!section) return;
    const target = sectionStarts(this.sections)[index] + 1 + Math.min(1, section.blocks.length);
    while (this.revealedUnits < target) {
      this.revealMore();
      await this.deps.yieldToRenderer();
    }
  }

  /** Replaces the shown policy (a newer remote version or the bundled fallback). */
  show(snapshot: PolicySnapshot): void {
    this.current = { version: snapshot.version, source: snapshot.source, contentHash: snapshot.contentHash ?? null, document: snapshot.document };
    this.revealedUnits = this.firstChunk();
  }

  /**
   * Takes the bundled document from a page that ships it, when the bundled policy is on screen
   * without its document and the hashes match (a host's own policy never takes the shop's). Cheap:
   * the hash was computed when the data was built. Returns whether a document is now shown.
   */
  attachBundled(bundled: BundledDocument): boolean {
    const c = this.current;
    if (c.document === null && c.source === 'bundled' && c.contentHash === bundled.contentHash) {
      this.current = { ...c, document: bundled.document };
      this.revealedUnits = this.firstChunk();
    }
    return this.current.document !== null;
  }

  private firstChunk(): number {
    return this.chunks()[0] ?? 0;
  }

  private chunks(): number[] {
    return planRevealChunks(this.sections);
  }
}
