import { makeObservable, observable, action, computed, runInAction } from 'mobx';
import { capabilityDefinition } from '../domain/capabilities';
import { CAPABILITIES, type Capability, type EventSource, type PermissionValue } from '../domain/contract';
import {
  changeSinceRecorded,
  combinePermissionStatus,
  externalChange,
  guidanceFor,
  isDecision,
  mayPrompt,
  PermissionStatus,
  quietPeriodEndsAt,
  type AdapterState,
  type OsLayer,
  type PermissionGuidance,
  type PermissionResult,
  type PrivacyLayer,
  type ScopeLayer,
} from '../domain/permission';
import { adapterStateOfFailure, classifyFailure, readNativeFailure, scopeLayerOf, type Coordinates } from '../domain/permission-native';
import type { PermissionCatalogueEntry } from '../domain/permission-types';
import { appCapabilities } from '../domain/app';
import { PermissionCallError, type ClockPort, type PermissionPlatformPort, type WechatPrivacyPort } from '../ports';
import type { OverlayStore } from './OverlayStore';

/** How the last request for a capability ended. */
export const REQUEST_OUTCOMES = Object.freeze([
  'granted',
  'denied',
  'blocked',
  'unavailable',
  'not-now',
  'quiet-period',
  'policy-not-agreed',
  'privacy-refused',
  'busy',
  'failed',
] as const);
export type RequestOutcome = (typeof REQUEST_OUTCOMES)[number];

/** A change found by a re-read, not caused by a request in the app. */
export interface PermissionChange {
  capability: Capability;
  previous: PermissionResult | null;
  next: PermissionResult;
  /** The value recorded in the ledger. */
  value: PermissionValue;
}

/** Everything PermissionStore needs, handed in by the RootStore (fakes in tests). */
export interface PermissionStoreDeps {
  platform: PermissionPlatformPort;
  /** WeChat's privacy framework; absent on h5 (the layer then reads `unsupported`). */
  wechatPrivacy?: WechatPrivacyPort;
  clock: ClockPort;
  /** The overlay queue the purpose sheet is asked through. */
  ui: OverlayStore;
  /** Whether the shopper agreed to the policy (ConsentStore). Nothing is asked before. */
  isPolicyAgreed: () => boolean;
  /** Appends a `permission` event to the ledger (ConsentStore.recordPermission). Failures propagate. */
  recordPermission: (capability: Capability, value: PermissionValue, source: EventSource) => unknown;
  /** Epoch ms of the last refusal in the ledger (ConsentStore.lastRefusalAt), for the 48 h rule. */
  lastRefusalAt?: (capability: Capability) => number | null;
  /** Last permission value in the ledger for this device (ConsentStore.permission), to spot changes made while the app was closed. */
  lastRecorded?: (capability: Capability) => PermissionValue | null;
  /** Told about every change made outside the app, after it was recorded. */
  onExternalChange?: (change: PermissionChange) => void;
  /** The capabilities the app declares (`PrivacyApp.capabilities`); only these are read, asked and listed. */
  catalogue: Readonly<Partial<Record<Capability, PermissionCatalogueEntry>>>;
}

/** How a request was started. */
export interface RequestOptions {
  /**
   * The shopper tapped "allow" on the hint themselves: the 48 h quiet period (which stops the
   * app from asking again on its own) does not apply, and the purpose sheet is shown as always.
   */
  askedByShopper?: boolean;
}

const emptyByCapability = <T>(value: T): Record<Capability, T> =>
  Object.fromEntries(CAPABILITIES.map((c) => [c, value])) as Record<Capability, T>;

/**
 * Runtime permissions of this device: one observable status per capability, re-read on every
 * app/page onShow, and the just-in-time request flow (purpose sheet → system prompt → ledger).
 * Nothing is read or asked in the constructor; nothing is asked before the policy is agreed.
 */
export class PermissionStore {
  /** Combined status per capability; null until first read. */
  results: Record<Capability, PermissionResult | null> = emptyByCapability<PermissionResult | null>(null);
  /** How the last request per capability ended (drives the inline hint). */
  outcomes: Record<Capability, RequestOutcome | null> = emptyByCapability<RequestOutcome | null>(null);
  isRefreshing = false;
  /** The last failure to record a decision; surfaced, never swallowed. */
  error: Error | null = null;

  private readonly catalogue: Readonly<Partial<Record<Capability, PermissionCatalogueEntry>>>;
  /** The capabilities the app declares, in the module's order. */
  readonly capabilities: readonly Capability[];
  /** Refusals in this session, in case the ledger has not caught up. */
  private readonly refusals: Partial<Record<Capability, number>> = {};
  /** Bluetooth adapter probe of the last request; cleared by refresh (the switch is re-read). */
  private adapter: AdapterState | undefined;
  /** Capabilities whose gated API WeChat refused as undeclared (errno 112) in this session. */
  private readonly undeclared = new Set<Capability>();
  private pending: { capability: Capability; promise: Promise<boolean> } | null = null;
  /** Capabilities with a prompt in flight: their changes are the request's, not external ones. */
  private readonly inFlight = new Set<Capability>();
  private readSeq = 0;
  private readonly appliedSeq: Partial<Record<Capability, number>> = {};
  private refreshSeq = 0;
  /** The last result per capability that reflected a decision (switches and hardware skipped). */
  private readonly lastDecision: Partial<Record<Capability, PermissionResult>> = {};

  constructor(private readonly deps: PermissionStoreDeps) {
    this.catalogue = deps.catalogue;
    this.capabilities = appCapabilities({ capabilities: deps.catalogue });
    makeObservable<PermissionStore, 'apply' | 'setOutcome'>(this, {
      results: observable,
      outcomes: observable,
      isRefreshing: observable,
      error: observable,
      purposeSheet: computed,
      purposeSheetEntry: computed,
      refresh: action,
      request: action,
      confirmPurpose: action,
      notePolicyNeeded: action,
      notNow: action,
      cancel: action,
      openSettings: action,
      withdraw: action,
      clear: action,
      apply: action,
      setOutcome: action,
    });
  }

  /** The capability whose purpose sheet is on screen (the overlay queue's head), or null. */
  get purposeSheet(): Capability | null {
    return this.deps.ui.head('purpose')?.subject ?? null;
  }

  /** The catalogue entry the purpose sheet on screen shows. */
  get purposeSheetEntry(): PermissionCatalogueEntry | null {
    const c = this.purposeSheet;
    return c ? this.entry(c) : null;
  }

  /** The catalogue entry of a capability (purpose, feature, fallback). */
  entry(capability: Capability): PermissionCatalogueEntry {
    const e = this.catalogue[capability];
    if (!e) throw new Error(`The app declares no capability "${capability}" (PrivacyApp.capabilities)`);
    return e;
  }

  /** Current status, or null before the first read. */
  status(capability: Capability): PermissionStatus | null {
    return this.results[capability]?.status ?? null;
  }

  /** What the feature offers beside its fallback (which settings page, a switch hint, …). */
  guidance(capability: Capability): PermissionGuidance | null {
    const r = this.results[capability];
    return r ? guidanceFor(r) : null;
  }

  /** When the 48 h quiet period of a capability ends (ms), or null when none runs. */
  quietUntil(capability: Capability): number | null {
    return quietPeriodEndsAt(capability, this.lastRefusal(capability), this.deps.clock.now());
  }

  /**
   * Re-reads every layer of every capability (call on every app/page onShow). A decision
   * changed outside the app is recorded with source `settings` and reported to
   * `onExternalChange`. Reads only; never calls a privacy-gated API.
   */
  async refresh(): Promise<PermissionChange[]> {
    const ticket = ++this.refreshSeq;
    this.isRefreshing = true;
    this.adapter = undefined;
    try {
      const seq = ++this.readSeq;
      const privacy = await this.readPrivacyLayer();
      const scopes = await this.deps.platform.readScopes();
      const next: Partial<Record<Capability, PermissionResult>> = {};
      for (const c of this.capabilities) {
        const os = await this.deps.platform.readOsLayer(c);
        next[c] = combinePermissionStatus({ privacy, scope: this.scopeLayer(c, scopes), os: this.osWithSession(c, os) });
      }
      const changes: PermissionChange[] = [];
      for (const c of this.capabilities) {
        const change = this.apply(c, next[c] as PermissionResult, seq, !this.inFlight.has(c));
        if (change) changes.push(change);
      }
      await this.recordChanges(changes);
      return changes;
    } finally {
      if (ticket === this.refreshSeq) runInAction(() => (this.isRefreshing = false));
    }
  }

  /**
   * The flow on a feature tap: re-read → if askable and outside the 48 h quiet period, the
   * purpose sheet (resolved by `confirmPurpose` / `notNow`) → the system prompt → the result in
   * the ledger. Resolves to whether the feature may run; `outcomes[capability]` says why not.
   * With source `privacy-centre` (the shopper turning the permission on there) the quiet period
   * does not apply, nor with `askedByShopper`; everything else does.
   */
  async request(capability: Capability, source: EventSource = 'feature', options: RequestOptions = {}): Promise<boolean> {
    // A capability the app does not declare is a programming error: it is never asked for.
    this.entry(capability);
    if (this.pending) {
      // A second tap on the same feature joins the first request; one permission per request.
      if (this.pending.capability === capability) return this.pending.promise;
      this.setOutcome(capability, 'busy');
      return false;
    }
    if (!this.deps.isPolicyAgreed()) {
      this.setOutcome(capability, 'policy-not-agreed');
      return false;
    }
    const promise = this.runRequest(capability, source, options.askedByShopper === true);
    this.pending = { capability, promise };
    try {
      return await promise;
    } finally {
      this.pending = null;
    }
  }

  /** A feature was tapped before the policy was agreed: nothing is asked, the hint says why. */
  notePolicyNeeded(capability: Capability): void {
    this.setOutcome(capability, 'policy-not-agreed');
  }

  /** The shopper tapped "continue" on the purpose sheet: the system prompt follows. */
  confirmPurpose(): void {
    this.answerSheet('continue');
  }

  /** The shopper tapped "not now": recorded as a refusal (48 h quiet period), fallback shown. */
  notNow(): void {
    this.answerSheet('not-now');
  }

  /** The feature that asked went away (its page was left): its purpose sheet closes, nothing is recorded, the request ends with false. */
  cancel(capability: Capability): void {
    this.deps.ui.dismiss('purpose', capability);
  }

  /**
   * Opens the settings page that can change the capability; call only from a tap (WeChat
   * ignores openSetting otherwise). OS-level refusals go to the system's page for WeChat.
   */
  async openSettings(capability: Capability): Promise<void> {
    if (this.results[capability]?.reason === 'os-denied') {
      // The shopper leaves the app; the change is read on the next onShow.
      await this.deps.platform.openAppAuthorizeSetting();
      return;
    }
    await this.deps.platform.openSetting();
    await this.refresh();
  }

  /** Whether the platform keeps no scope for the capability (Bluetooth on Douyin): no settings page can change it. */
  scopeless(capability: Capability): boolean {
    return this.deps.platform.hasScope?.(capability) === false;
  }

  /**
   * Withdraws a grant of a scopeless capability from the privacy centre: recorded as `denied`, so
   * the feature asks again before its next use (not on its own within the quiet period). A
   * capability with a scope is withdrawn in the platform's settings (`openSettings`) instead.
   */
  async withdraw(capability: Capability): Promise<void> {
    if (!this.scopeless(capability)) throw new Error(`"${capability}" is withdrawn in the platform's settings, not here`);
    this.refusals[capability] = this.deps.clock.now();
    await this.deps.recordPermission(capability, 'denied', 'privacy-centre');
    await this.readOne(capability, false);
  }

  /** Fuzzy location for a feature that needs it; only when location is GRANTED, else null. */
  async fuzzyLocation(): Promise<Coordinates | null> {
    if (!this.deps.isPolicyAgreed() || this.status('location') !== PermissionStatus.GRANTED) return null;
    try {
      return await this.deps.platform.getFuzzyLocation();
    } catch (err) {
      // Settings may have changed since the last read (or the system switch went off): re-read.
      if (err instanceof PermissionCallError) {
        await this.refresh();
        return null;
      }
      throw err;
    }
  }

  /** Forgets everything held in memory (account deleted / data wiped); the next refresh re-reads. */
  clear(): void {
    // An open or waiting sheet ends without a decision: nothing is recorded for a wiped account.
    this.deps.ui.dismiss('purpose');
    this.results = emptyByCapability<PermissionResult | null>(null);
    this.outcomes = emptyByCapability<RequestOutcome | null>(null);
    this.error = null;
    this.adapter = undefined;
    this.undeclared.clear();
    for (const c of this.capabilities) {
      delete this.refusals[c];
      delete this.lastDecision[c];
    }
  }

  private async runRequest(capability: Capability, source: EventSource, askedByShopper: boolean): Promise<boolean> {
    // A tap probes the adapter afresh: Bluetooth switched on from the control centre leaves no
    // onShow behind, so the last probe's 'off' would otherwise hold until the next refresh.
    if (capabilityDefinition(capability).afterGrant === 'open-bluetooth-adapter') this.adapter = undefined;
    let current = await this.readOne(capability, true);
    if (current.status === PermissionStatus.DENIED && current.reason === 'needs-privacy-agreement') {
      // The module's policy is agreed but WeChat still waits for its own agreement: let its flow run first.
      const answer = this.deps.wechatPrivacy ? await this.deps.wechatPrivacy.requirePrivacyAuthorize() : 'unsupported';
      if (answer === 'refused') return this.finish(capability, 'privacy-refused', false);
      current = await this.readOne(capability, true);
    }
    switch (current.status) {
      case PermissionStatus.GRANTED:
        return this.afterGrant(capability, source);
      case PermissionStatus.BLOCKED:
        return this.finish(capability, 'blocked', false);
      case PermissionStatus.UNAVAILABLE:
        return this.finish(capability, 'unavailable', false);
      case PermissionStatus.DENIED:
        break;
    }
    if (current.reason !== 'never-asked') return this.finish(capability, 'privacy-refused', false);
    // The quiet period stops the app from asking again; a shopper who opens the privacy centre
    // to turn the permission on is changing their own decision, so that path still asks.
    const changingOwnDecision = source === 'privacy-centre' || askedByShopper;
    if (!changingOwnDecision && !mayPrompt(capability, this.lastRefusal(capability), this.deps.clock.now()))
      return this.finish(capability, 'quiet-period', false);

    const decision = await this.deps.ui.ask('purpose', capability);
    if (decision === 'dismissed') return false;
    if (decision === 'not-now') {
      this.refusals[capability] = this.deps.clock.now();
      await this.deps.recordPermission(capability, 'not-now', source);
      return this.finish(capability, 'not-now', false);
    }

    this.inFlight.add(capability);
    try {
      await this.deps.recordPermission(capability, 'prompted', source);
      try {
        await this.deps.platform.authorize(capabilityDefinition(capability).scope);
      } catch (err) {
        return await this.afterRefusal(capability, err, source);
      }
      await this.deps.recordPermission(capability, 'granted', source);
      await this.readOne(capability, false);
      return await this.afterGrant(capability, source);
    } finally {
      this.inFlight.delete(capability);
    }
  }

  private async afterRefusal(capability: Capability, err: unknown, source: EventSource): Promise<boolean> {
    const failure = err instanceof PermissionCallError ? err.failure : readNativeFailure(err);
    switch (classifyFailure(failure)) {
      case 'auth-denied':
        this.refusals[capability] = this.deps.clock.now();
        await this.deps.recordPermission(capability, 'denied', source);
        await this.readOne(capability, false);
        return this.finish(capability, 'denied', false);
      case 'privacy-not-agreed':
        return this.finish(capability, 'privacy-refused', false);
      case 'not-declared':
        this.undeclared.add(capability);
        await this.readOne(capability, false);
        return this.finish(capability, 'unavailable', false);
      case 'other':
        if (err instanceof PermissionCallError && err.unsupported) {
          this.undeclared.add(capability);
          await this.readOne(capability, false);
          return this.finish(capability, 'unavailable', false);
        }
        return this.finish(capability, 'failed', false);
    }
  }

  /** Bluetooth needs its adapter open before the feature can run: 10001 / iOS state say why not. */
  private async afterGrant(capability: Capability, source: EventSource): Promise<boolean> {
    if (capabilityDefinition(capability).afterGrant !== 'open-bluetooth-adapter') return this.finish(capability, 'granted', true);
    try {
      await this.deps.platform.openBluetoothAdapter();
      this.adapter = 'ok';
    } catch (err) {
      const failure = err instanceof PermissionCallError ? err.failure : readNativeFailure(err);
      const kind = classifyFailure(failure);
      // Without a scope (Douyin) the adapter's own prompt is where the shopper answers: a refusal
      // there is theirs. Not declared in the privacy guide / agreement, or the agreement refused:
      // the feature cannot run, whatever the scope says.
      if ((kind === 'auth-denied' && this.scopeless(capability)) || kind === 'not-declared' || kind === 'privacy-not-agreed')
        return this.afterRefusal(capability, err, source);
      this.adapter = kind === 'auth-denied' ? undefined : adapterStateOfFailure(failure);
    }
    const r = await this.readOne(capability, false);
    if (r.status === PermissionStatus.GRANTED) return this.finish(capability, 'granted', true);
    return this.finish(capability, r.status === PermissionStatus.BLOCKED ? 'blocked' : 'unavailable', false);
  }

  /** Re-reads one capability; `report` records a change found as an external one. */
  private async readOne(capability: Capability, report: boolean): Promise<PermissionResult> {
    const seq = ++this.readSeq;
    const privacy = await this.readPrivacyLayer();
    const scopes = await this.deps.platform.readScopes();
    const os = await this.deps.platform.readOsLayer(capability);
    const next = combinePermissionStatus({ privacy, scope: this.scopeLayer(capability, scopes), os: this.osWithSession(capability, os) });
    const change = this.apply(capability, next, seq, report);
    if (change) await this.recordChanges([change]);
    return next;
  }

  /**
   * Layer 2. Without a platform scope the module's own record stands in: granted once the shopper
   * continued on the purpose sheet, never asked otherwise (a "not now" runs the quiet period).
   */
  private scopeLayer(capability: Capability, scopes: Record<string, boolean>): ScopeLayer {
    if (this.deps.platform.hasScope?.(capability) === false) return this.deps.lastRecorded?.(capability) === 'granted' ? 'granted' : 'never-asked';
    return scopeLayerOf(scopes, capabilityDefinition(capability).scope);
  }

  private osWithSession(capability: Capability, os: OsLayer): OsLayer {
    const out: OsLayer = { ...os };
    if (this.undeclared.has(capability)) out.apiAvailable = false;
    if (capabilityDefinition(capability).afterGrant === 'open-bluetooth-adapter' && this.adapter !== undefined) out.adapter = this.adapter;
    return out;
  }

  private async readPrivacyLayer(): Promise<PrivacyLayer> {
    if (!this.deps.isPolicyAgreed()) return 'needs-agreement';
    if (!this.deps.wechatPrivacy) return 'unsupported';
    try {
      const setting = await this.deps.wechatPrivacy.getPrivacySetting();
      if (setting === 'unsupported') return 'unsupported';
      return setting.needAuthorization ? 'needs-agreement' : 'agreed';
    } catch {
      // Unknown: a gated call would still go through WeChat's own agreement flow.
      return 'unsupported';
    }
  }

  /** Stores a reading unless a newer one was applied; returns the external decision change it reveals. */
  private apply(capability: Capability, next: PermissionResult, seq: number, report: boolean): PermissionChange | null {
    if ((this.appliedSeq[capability] ?? 0) > seq) return null;
    this.appliedSeq[capability] = seq;
    this.results[capability] = next;
    // Compare decisions only: a switch turned off and on again, or a decision changed while the
    // switch was off, must not hide or invent a change.
    if (!isDecision(next)) return null;
    const previous = this.lastDecision[capability] ?? null;
    this.lastDecision[capability] = next;
    if (!report) return null;
    const value = previous === null ? changeSinceRecorded(this.deps.lastRecorded?.(capability) ?? null, next) : externalChange(previous, next);
    return value ? { capability, previous, next, value } : null;
  }

  private async recordChanges(changes: readonly PermissionChange[]): Promise<void> {
    for (const change of changes) {
      try {
        await this.deps.recordPermission(change.capability, change.value, 'settings');
      } catch (err) {
        runInAction(() => (this.error = err instanceof Error ? err : new Error(String(err))));
        throw err;
      }
      this.deps.onExternalChange?.(change);
    }
  }

  /** Answers the purpose sheet on screen; an answer with none on screen does nothing. */
  private answerSheet(decision: 'continue' | 'not-now'): void {
    const sheet = this.deps.ui.head('purpose');
    if (sheet) this.deps.ui.answer(sheet, decision);
  }

  private lastRefusal(capability: Capability): number | null {
    const fromLedger = this.deps.lastRefusalAt?.(capability) ?? null;
    const inSession = this.refusals[capability] ?? null;
    if (fromLedger === null) return inSession;
    if (inSession === null) return fromLedger;
    return Math.max(fromLedger, inSession);
  }

  private finish(capability: Capability, outcome: RequestOutcome, mayRun: boolean): boolean {
    this.setOutcome(capability, outcome);
    return mayRun;
  }

  private setOutcome(capability: Capability, outcome: RequestOutcome): void {
    this.outcomes[capability] = outcome;
  }
}
