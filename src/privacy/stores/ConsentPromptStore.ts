import { makeAutoObservable, observable, runInAction } from 'mobx';
import type { EventSource } from '../domain/contract';
import { GUARDIAN_CONSENT } from '../domain/contract';
import { consentOffered, type ConsentCatalogueEntry, type ConsentRecipient, type Text } from '../domain/consent-schema';
import type { ConsentStore } from './ConsentStore';
import type { ListsStore } from './ListsStore';
import type { OverlayStore } from './OverlayStore';
import type { PrivacyGateStore } from './PrivacyGateStore';

/** How asking for a separate consent ended ('refused' too when its sheet closed without an answer: nothing is recorded then). */
export type ConsentAnswer = 'granted' | 'refused' | 'policy-not-agreed';

export interface ConsentPromptStoreDeps {
  consent: ConsentStore;
  gate: PrivacyGateStore;
  ui: OverlayStore;
  /** The consents the app declares (by PIPL article): `PrivacyApp.consents`. Which exist, which are asked and how, come from it. */
  catalogue: ConsentCatalogue;
  /** The words each one shows: the served text, else the catalogue's. */
  lists: Pick<ListsStore, 'consent'>;
}

/** One entry per consent purpose the app declares. */
export type ConsentCatalogue = Readonly<Record<string, ConsentCatalogueEntry>>;

/**
 * Separate consents, asked one at a time on their own sheet when a feature first needs them.
 * A refusal is not asked again by itself: the feature offers to change it with a tap.
 */
export class ConsentPromptStore<P extends string = string> {
  /** The app's declared consents (the words shown may be served ones: `entry`). */
  readonly catalogue: ConsentCatalogue;
  /** Where each consent sheet open or waiting was asked from (by overlay id): its answer is recorded with it. */
  private readonly sources = observable.map<number, EventSource>();

  constructor(private readonly deps: ConsentPromptStoreDeps) {
    this.catalogue = deps.catalogue;
    makeAutoObservable<ConsentPromptStore<P>, 'deps' | 'sources'>(this, { deps: false, catalogue: false, sources: false }, { autoBind: true });
  }

  /** The purpose whose sheet is on screen, or null. */
  get asking(): P | null {
    return (this.deps.ui.head('consent')?.subject.purpose as P | undefined) ?? null;
  }

  /** The recipient the feature picked (e.g. the dealer), shown on the sheet for a consent whose recipient is chosen at use. */
  get askingRecipient(): ConsentRecipient | null {
    return this.deps.ui.head('consent')?.subject.recipient ?? null;
  }

  /** What the sheet for `purpose` says (the served text, else the app's); throws for a purpose the catalogue lacks. */
  entry(purpose: P): ConsentCatalogueEntry {
    return this.deps.lists.consent(purpose).entry;
  }

  /** Each declared consent's title as shown (served, else the app's), by purpose: how the history and the export name it. */
  get titles(): Readonly<Record<string, Text>> {
    return Object.fromEntries((Object.keys(this.catalogue) as P[]).map((p) => [p, this.entry(p).title]));
  }

  /** The app's own entry; throws for a purpose the catalogue lacks. */
  private declared(purpose: P): ConsentCatalogueEntry {
    const e = Object.prototype.hasOwnProperty.call(this.catalogue, purpose) ? this.catalogue[purpose] : undefined;
    if (!e) throw new Error(`The app declares no consent "${purpose}" (PrivacyApp.consents)`);
    return e;
  }

  /** Whether the app asks for `purpose`: some feature of it uses the consent (the app's entry has no `notInApp` note). */
  offered(purpose: P): boolean {
    return consentOffered(this.declared(purpose));
  }

  /**
   * The purposes with a switch in the privacy centre, in the app's order: each consent the app asks
   * for, and one it does not ask for while an earlier grant of it stands (so it can be withdrawn).
   * The guardian's consent is given once, at sign-up.
   */
  get switchable(): P[] {
    return (Object.keys(this.catalogue) as P[]).filter((p) => p !== GUARDIAN_CONSENT && (this.offered(p) || this.granted(p)));
  }

  /** Whether the feature behind `purpose` may use personal information now (the ledger's agreement, and this consent given to the words shown now). */
  has(purpose: P): boolean {
    return this.deps.consent.hasConsent(purpose);
  }

  /** Whether the shopper's grant stands, whatever words it was given to (the centre's switch: it can be withdrawn). */
  granted(purpose: P): boolean {
    return this.deps.consent.isGranted(purpose);
  }

  /** Whether `purpose` was granted to other words than those shown now: not used until the shopper answers the new words. */
  textChanged(purpose: P): boolean {
    return this.deps.consent.textChanged(purpose);
  }

  /**
   * The consents the app asks for whose words changed since the shopper granted them, in the
   * app's order. Those asked where their recipient is picked are asked there, at their next use.
   */
  get changed(): P[] {
    return (Object.keys(this.catalogue) as P[]).filter((p) => p !== GUARDIAN_CONSENT && this.offered(p) && !this.isAskedAtUse(p) && this.textChanged(p));
  }

  /**
   * Asks again, each on its own sheet one after the other, every consent whose words changed
   * (`changed`), recorded with source `reconsent-sheet`. Only while the policy is agreed: otherwise
   * the policy's own sheet comes first and this is called again once it is agreed. Features keep
   * working meanwhile; only the changed consents' own uses wait for the answer.
   */
  askChanged(): void {
    if (!this.deps.consent.isPolicyAccepted) return;
    for (const p of this.changed) void this.request(p, {}, 'reconsent-sheet');
  }

  /** Whether the shopper said no last time (the feature shows a quiet "turn on" instead of a sheet). */
  wasRefused(purpose: P): boolean {
    const value = this.deps.consent.state.consents[purpose]?.value;
    return value === 'refused' || value === 'withdrawn';
  }

  /** Whether `purpose` names its recipient only when the shopper picks it at use (the dealer): it is given there, never from a switch. */
  isAskedAtUse(purpose: P): boolean {
    const d = this.declared(purpose).disclosure;
    return d.article === 'sharing' && d.recipientAtUse === true;
  }

  /** The purpose whose sheet the privacy centre asked for and is on screen or waiting, or null. */
  get askingFromCentre(): P | null {
    for (const q of this.deps.ui.queue) if (q.kind === 'consent' && this.sources.get(q.id) === 'privacy-centre') return q.subject.purpose as P;
    return null;
  }

  /**
   * Called from a feature tap: granted already → at once; otherwise the consent sheet for this
   * purpose alone (after whatever is on screen before it), resolved by the shopper's answer. The
   * same question asked again while it is open or waiting shares it. Never before the policy is agreed.
   * `source` is where the answer is recorded as given (the privacy centre's switch, or a feature).
   */
  async request(purpose: P, context: { recipient?: ConsentRecipient } = {}, source: EventSource = 'feature'): Promise<ConsentAnswer> {
    // PIPL art. 23: a consent whose recipient the shopper picks (the dealer) names that recipient,
    // so it is asked at each use with the one picked, and never without one.
    if (!this.offered(purpose)) throw new Error(`The app marks the ${purpose} consent as not in the app (notInApp): no feature may ask for it`);
    const atUse = this.isAskedAtUse(purpose);
    if (atUse && !context.recipient) throw new Error(`The ${purpose} consent needs the recipient the shopper picked`);
    if (!atUse && this.has(purpose)) return 'granted';
    if (!(await this.deps.gate.ensureAgreed())) return 'policy-not-agreed';
    if (!atUse && this.has(purpose)) return 'granted';
    const subject = { purpose, recipient: context.recipient ?? null };
    const answer = this.deps.ui.ask('consent', subject);
    const sheet = this.deps.ui.find('consent', subject);
    // The first to ask names where the answer is given; the entry goes when the sheet closes.
    if (sheet && !this.sources.has(sheet.id)) {
      runInAction(() => this.sources.set(sheet.id, source));
      void answer.then(() => runInAction(() => this.sources.delete(sheet.id)));
    }
    return (await answer) === 'granted' ? 'granted' : 'refused';
  }

  /**
   * The shopper answered the sheet on screen: it closes at once, and the feature continues once
   * the decision is recorded. Rejects when it could not be (the feature then gets 'refused').
   * Recorded as given where the sheet was asked from, unless `source` says otherwise.
   */
  async answer(granted: boolean, source?: EventSource): Promise<void> {
    const sheet = this.deps.ui.head('consent');
    if (sheet === null) return;
    const purpose = sheet.subject.purpose as P;
    const from = source ?? this.sources.get(sheet.id) ?? 'feature';
    const recorded = granted ? this.deps.consent.grant(purpose, from) : this.deps.consent.refuse(purpose, from);
    // Not recorded means not given: the feature must not use the data.
    this.deps.ui.answer(sheet, recorded.then((): 'granted' | 'refused' => (granted ? 'granted' : 'refused'), (): 'refused' => 'refused'));
    await recorded;
  }

  /**
   * The privacy centre's switch. On: the consent's own sheet, the one a feature shows (its
   * recipients, the overseas recipient and the rights against it, necessity and impact…), and
   * the consent counts only once the shopper agrees there; refused or closed without an answer,
   * it stays off. Off: withdrawn at once, one tap, as easy as giving it (PIPL art. 15).
   * A consent asked at use (`isAskedAtUse`) cannot be switched on here: no recipient is picked.
   */
  async set(purpose: P, on: boolean): Promise<ConsentAnswer | 'withdrawn'> {
    if (!on) {
      await this.deps.consent.withdraw(purpose, 'privacy-centre');
      return 'withdrawn';
    }
    // A consent no feature uses is never given; one given earlier can still be withdrawn.
    if (!this.offered(purpose)) throw new Error(`The app marks the ${purpose} consent as not in the app (notInApp): it cannot be given`);
    if (this.isAskedAtUse(purpose)) throw new Error(`The ${purpose} consent is asked where its recipient is picked, not from the privacy centre`);
    return this.request(purpose, {}, 'privacy-centre');
  }

  /** Closes, unanswered, the sheet the privacy centre asked for (the shopper left the centre): nothing is recorded. */
  dismissCentreSheet(): void {
    for (const q of this.deps.ui.queue) if (q.kind === 'consent' && this.sources.get(q.id) === 'privacy-centre') this.deps.ui.dismiss('consent', q.subject);
  }
}
