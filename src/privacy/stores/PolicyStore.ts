import { makeAutoObservable, runInAction } from 'mobx';
import type { Lang } from '../domain/contract';
import type { PolicyDocument, PolicySection, PolicyText } from '../domain/policy';
import { planRevealChunks, revealedView, sectionStarts, totalUnits } from '../domain/reveal';
import type { StoragePort, SystemPort } from '../ports';

/** Storage key of the shopper's explicit language choice. */
export const LANG_KEY = 'lang';

export interface PolicySnapshot {
  version: number;
  document: PolicyDocument;
  /** `bundled` ships in the package (offline fallback); `remote` came from the backend. */
  source: 'bundled' | 'remote';
}

export interface PolicyStoreDeps {
  storage: StoragePort;
  system: SystemPort;
  bundled: PolicySnapshot;
  /** Resolves after the renderer flushed the last update (one setData per chunk). */
  yieldToRenderer: () => Promise<void>;
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
  current: PolicySnapshot;
  lang: Lang;
  /** True once the shopper picked a language; until then it follows the host's. */
  langChosen = false;
  /** Number of leading units (section titles and blocks) rendered. */
  revealedUnits = 0;

  constructor(private readonly deps: PolicyStoreDeps) {
    this.current = deps.bundled;
    this.lang = langFromHost(deps.system.language());
    this.revealedUnits = this.firstChunk();
    makeAutoObservable<PolicyStore, 'deps'>(this, { deps: false });
  }

  get text(): PolicyText {
    return this.current.document.texts[this.lang];
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

  /** Reads the shopper's saved language choice. */
  async hydrate(): Promise<void> {
    const saved = await this.deps.storage.get(LANG_KEY);
    runInAction(() => {
      if (saved === 'zh' || saved === 'en') {
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
    await this.deps.storage.set(LANG_KEY, lang);
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
    this.current = snapshot;
    this.revealedUnits = this.firstChunk();
  }

  private firstChunk(): number {
    return this.chunks()[0] ?? 0;
  }

  private chunks(): number[] {
    return planRevealChunks(this.sections);
  }
}
