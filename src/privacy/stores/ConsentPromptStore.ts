import { makeAutoObservable } from 'mobx';
import type { EventSource } from '../domain/contract';
import type { ConsentCatalogueEntry, ConsentRecipient } from '../domain/consent-schema';
import type { ConsentStore } from './ConsentStore';
import type { OverlayStore } from './OverlayStore';
import type { PrivacyGateStore } from './PrivacyGateStore';

/** How asking for a separate consent ended ('refused' too when its sheet closed without an answer: nothing is recorded then). */
export type ConsentAnswer = 'granted' | 'refused' | 'policy-not-agreed';

export interface ConsentPromptStoreDeps {
  consent: ConsentStore;
  gate: PrivacyGateStore;
  ui: OverlayStore;
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
  /** The catalogue the sheets and the privacy centre show. */
  readonly catalogue: ConsentCatalogue;

  constructor(private readonly deps: ConsentPromptStoreDeps) {
    this.catalogue = deps.catalogue;
    makeAutoObservable<ConsentPromptStore<P>, 'deps'>(this, { deps: false, catalogue: false }, { autoBind: true });
  }

  /** The purpose whose sheet is on screen, or null. */
  get asking(): P | null {
    return (this.deps.ui.head('consent')?.subject.purpose as P | undefined) ?? null;
  }

  /** The recipient the feature picked (e.g. the dealer), shown on the sheet for a consent whose recipient is chosen at use. */
  get askingRecipient(): ConsentRecipient | null {
    return this.deps.ui.head('consent')?.subject.recipient ?? null;
  }

  /** What the sheet for `purpose` says; throws for a purpose the catalogue lacks. */
  entry(purpose: P): ConsentCatalogueEntry {
    const e = Object.prototype.hasOwnProperty.call(this.catalogue, purpose) ? this.catalogue[purpose] : undefined;
    if (!e) throw new Error(`The app declares no consent "${purpose}" (PrivacyApp.consents)`);
    return e;
  }

  /** Whether the feature behind `purpose` may use personal information now (the ledger's agreement and this consent). */
  has(purpose: P): boolean {
    return this.deps.consent.hasConsent(purpose);
  }

  /** Whether the shopper said no last time (the feature shows a quiet "turn on" instead of a sheet). */
  wasRefused(purpose: P): boolean {
    const value = this.deps.consent.state.consents[purpose]?.value;
    return value === 'refused' || value === 'withdrawn';
  }

  /**
   * Called from a feature tap: granted already → at once; otherwise the consent sheet for this
   * purpose alone (after whatever is on screen before it), resolved by the shopper's answer. The
   * same question asked again while it is open or waiting shares it. Never before the policy is agreed.
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
    const answer = await this.deps.ui.ask('consent', { purpose, recipient: context.recipient ?? null });
    return answer === 'granted' ? 'granted' : 'refused';
  }

  /**
   * The shopper answered the sheet on screen: it closes at once, and the feature continues once
   * the decision is recorded. Rejects when it could not be (the feature then gets 'refused').
   */
  async answer(granted: boolean, source: EventSource = 'feature'): Promise<void> {
    const sheet = this.deps.ui.head('consent');
    if (sheet === null) return;
    const purpose = sheet.subject.purpose as P;
    const recorded = granted ? this.deps.consent.grant(purpose, source) : this.deps.consent.refuse(purpose, source);
    // Not recorded means not given: the feature must not use the data.
    this.deps.ui.answer(sheet, recorded.then((): 'granted' | 'refused' => (granted ? 'granted' : 'refused'), (): 'refused' => 'refused'));
    await recorded;
  }

  /** Switch in the privacy centre: as easy to withdraw as to give. */
  async set(purpose: P, on: boolean): Promise<void> {
    if (on) await this.deps.consent.grant(purpose, 'privacy-centre');
    else await this.deps.consent.withdraw(purpose, 'privacy-centre');
  }
}
