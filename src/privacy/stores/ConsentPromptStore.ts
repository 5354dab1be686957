import { makeAutoObservable } from 'mobx';
import type { EventSource } from '../domain/contract';
import type { ConsentCatalogueEntry, ConsentRecipient } from '../domain/consent-schema';
import type { ConsentStore } from './ConsentStore';
import type { PrivacyGateStore } from './PrivacyGateStore';
import type { UiStore } from './UiStore';

/** How asking for a separate consent ended. */
export type ConsentAnswer = 'granted' | 'refused' | 'policy-not-agreed';

export interface ConsentPromptStoreDeps {
  consent: ConsentStore;
  gate: PrivacyGateStore;
  ui: UiStore;
  /** What each consent the app declares says (by PIPL article): `PrivacyApp.consents`. */
  catalogue: ConsentCatalogue;
}

/** One entry per consent purpose the app declares. */
export type ConsentCatalogue = Readonly<Record<string, ConsentCatalogueEntry>>;

/**
 * Separate consents, asked one at a time on their own sheet when a feature first needs them.
 * A refusal is not asked again by itself: the feature offers to change it with a tap.
 */
export class ConsentPromptStore<P extends string = string> {
  /** The purpose on screen, or null. */
  asking: P | null = null;
  /** The recipient the feature picked (e.g. the dealer), shown on the sheet for a consent whose recipient is chosen at use. */
  askingRecipient: ConsentRecipient | null = null;
  private resolveAnswer: ((answer: ConsentAnswer) => void) | null = null;

  /** The catalogue the sheets and the privacy centre show. */
  readonly catalogue: ConsentCatalogue;

  constructor(private readonly deps: ConsentPromptStoreDeps) {
    this.catalogue = deps.catalogue;
    makeAutoObservable<ConsentPromptStore<P>, 'deps' | 'resolveAnswer'>(this, { deps: false, resolveAnswer: false, catalogue: false }, { autoBind: true });
  }

  /** What the sheet for `purpose` says; throws for a purpose the catalogue lacks. */
  entry(purpose: P): ConsentCatalogueEntry {
    const e = Object.prototype.hasOwnProperty.call(this.catalogue, purpose) ? this.catalogue[purpose] : undefined;
    if (!e) throw new Error(`The app declares no consent "${purpose}" (PrivacyApp.consents)`);
    return e;
  }

  /** Whether the feature behind `purpose` may use personal information now. */
  has(purpose: P): boolean {
    return this.deps.gate.agreed && this.deps.consent.hasConsent(purpose);
  }

  /** Whether the shopper said no last time (the feature shows a quiet "turn on" instead of a sheet). */
  wasRefused(purpose: P): boolean {
    const value = this.deps.consent.state.consents[purpose]?.value;
    return value === 'refused' || value === 'withdrawn';
  }

  /**
   * Called from a feature tap: granted already → at once; otherwise the consent sheet for this
   * purpose alone, resolved by the shopper's answer. Never before the policy is agreed.
   */
  async request(purpose: P, context: { recipient?: ConsentRecipient } = {}): Promise<ConsentAnswer> {
    // PIPL art. 23: a consent whose recipient the shopper picks (the dealer) names that recipient,
    // so it is asked at each use with the one picked, and never without one.
    const d = this.entry(purpose).disclosure;
    const atUse = d.article === 'sharing' && d.recipientAtUse === true;
    if (atUse && !context.recipient) throw new Error(`The ${purpose} consent needs the recipient the shopper picked`);
    if (!atUse && this.has(purpose)) return 'granted';
    if (!(await this.deps.gate.ensureAgreed())) return 'policy-not-agreed';
    if (!atUse && this.has(purpose)) return 'granted';
    this.resolveAnswer?.('refused');
    this.asking = purpose;
    this.askingRecipient = context.recipient ?? null;
    this.deps.ui.show('consent', purpose);
    return new Promise<ConsentAnswer>((resolve) => {
      this.resolveAnswer = resolve;
    });
  }

  /** The shopper answered the sheet. The decision is recorded before the feature continues. */
  async answer(granted: boolean, source: EventSource = 'feature'): Promise<void> {
    const purpose = this.asking;
    if (purpose === null) return;
    const resolve = this.resolveAnswer;
    this.asking = null;
    this.askingRecipient = null;
    this.resolveAnswer = null;
    this.deps.ui.close('consent');
    try {
      if (granted) await this.deps.consent.grant(purpose, source);
      else await this.deps.consent.refuse(purpose, source);
      resolve?.(granted ? 'granted' : 'refused');
    } catch (err) {
      // Not recorded means not given: the feature must not use the data.
      resolve?.('refused');
      throw err;
    }
  }

  /** Switch in the privacy centre: as easy to withdraw as to give. */
  async set(purpose: P, on: boolean): Promise<void> {
    if (on) await this.deps.consent.grant(purpose, 'privacy-centre');
    else await this.deps.consent.withdraw(purpose, 'privacy-centre');
  }
}
