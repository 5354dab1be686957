import { makeAutoObservable, reaction, runInAction, when } from 'mobx';
import type { EventSource } from '../domain/contract';
import type { ClockPort, PrivacyAuthorizationResolution, WechatPrivacyPort } from '../ports';
import type { ConsentStore } from './ConsentStore';
import type { OverlayAnswer, OverlayStore } from './OverlayStore';

/** A privacy-gated call WeChat is holding until the shopper answers the sheet. */
export interface PendingAuthorization {
  referrer: string;
  resolve: (resolution: PrivacyAuthorizationResolution) => void;
}

/** WeChat suppresses its privacy prompts for 10 s after a refusal. */
export const WECHAT_REFUSAL_COOLDOWN_MS = 10_000;

export interface PrivacyGateStoreDeps {
  /** The ledger: it owns the agreement (`isPolicyAccepted`); the gate records the sheet's answers there. */
  consent: ConsentStore;
  ui: OverlayStore;
  clock: ClockPort;
  /** Absent on h5 and on base libraries without the framework: the module's own sheet is used alone. */
  wechat?: WechatPrivacyPort;
  /** The policy version the sheet asks the shopper to accept: the one in force (PolicyUpdateStore). */
  policyVersion: () => number;
  /**
   * Asks for the re-consent sheet of the version in force, with what changed, and records it as
   * shown once it is on screen (PolicyUpdateStore.askReconsent); null when that version is not known.
   */
  askReconsent: () => Promise<OverlayAnswer<'reconsent'>> | null;
}

/**
 * The first-run gate: the module's own record of which policy version the shopper accepted,
 * beside WeChat's privacy framework (one `onNeedPrivacyAuthorization` listener, a queue of
 * held calls, each resolved only after the agree button's own event).
 */
export class PrivacyGateStore {
  /** Calls WeChat holds, oldest first; all answered together by agree or refuse. */
  pending: PendingAuthorization[] = [];
  /** Whether WeChat's framework exists on this host (null until checked at start). */
  frameworkSupported: boolean | null = null;
  /** What WeChat's own record says (null: unknown or unsupported). */
  wechatNeedsAuthorization: boolean | null = null;
  /** When the shopper last refused in this session (WeChat's 10 s suppression). */
  refusedAt: number | null = null;
  error: Error | null = null;
  private listenerRegistered = false;
  /** The privacy sheet whose showing is being recorded (its overlay id): one record per version it shows. */
  private recordedSheet: number | null = null;

  constructor(private readonly deps: PrivacyGateStoreDeps) {
    makeAutoObservable<PrivacyGateStore, 'deps' | 'listenerRegistered' | 'recordedSheet'>(this, { deps: false, listenerRegistered: false, recordedSheet: false }, { autoBind: true });
  }

  /** The ledger's agreement (ConsentStore.isPolicyAccepted): the accepted version is at or above the latest material one, so member features may run. */
  get agreed(): boolean {
    return this.deps.consent.isPolicyAccepted;
  }

  /**
   * An older version was accepted but a material change since needs fresh consent, or the shopper
   * refused that change on the re-consent sheet: asked again, they see what changed.
   */
  get needsReconsent(): boolean {
    return !this.agreed && (this.deps.consent.acceptedPolicyVersion !== null || this.deps.consent.isPolicyUpdateRefused);
  }

  /** Browse-only: the policy was refused or not yet answered. Catalogue pages keep working. */
  get browseOnly(): boolean {
    return !this.agreed;
  }

  /** Within WeChat's 10 s suppression after a refusal. */
  get inCooldown(): boolean {
    return this.refusedAt !== null && this.deps.clock.now() - this.refusedAt < WECHAT_REFUSAL_COOLDOWN_MS;
  }

  /**
   * At launch: registers the one listener, reads WeChat's record, and opens the sheet on a first
   * run (never answered). A refusal is remembered: no sheet again until the shopper asks for it.
   */
  async start(): Promise<void> {
    const { wechat } = this.deps;
    if (wechat && !this.listenerRegistered) {
      const registered = wechat.onNeedPrivacyAuthorization((resolve, info) => this.onNeedAuthorization(resolve, info.referrer));
      this.listenerRegistered = registered === 'registered';
    }
    let setting: Awaited<ReturnType<WechatPrivacyPort['getPrivacySetting']>> | 'unsupported' = 'unsupported';
    try {
      setting = wechat ? await wechat.getPrivacySetting() : 'unsupported';
    } catch (err) {
      runInAction(() => (this.error = err instanceof Error ? err : new Error(String(err))));
    }
    runInAction(() => {
      this.frameworkSupported = setting !== 'unsupported' && this.listenerRegistered;
      this.wechatNeedsAuthorization = setting === 'unsupported' ? null : setting.needAuthorization;
    });
    const neverAnswered = this.deps.consent.acceptedPolicyVersion === null && !this.deps.consent.isPolicyRefused;
    if (neverAnswered || (this.agreed && this.wechatNeedsAuthorization === true)) void this.open('first-run-sheet');
  }

  /**
   * Asks for the sheet (first run, or the shopper asked to see it again): on screen now, or once
   * what is open before it closes (recorded as shown when it is). A shopper who agreed to an
   * earlier version, or refused a material change, gets the re-consent sheet with what changed
   * instead. Settles with the shopper's answer, or `'dismissed'`.
   */
  open(source: EventSource = 'first-run-sheet'): Promise<OverlayAnswer<'privacy'>> {
    if (this.needsReconsent) {
      const reconsent = this.deps.askReconsent();
      if (reconsent) return reconsent;
    }
    const answer = this.deps.ui.ask('privacy', null);
    this.recordShown(source);
    return answer;
  }

  /** The agree button's event fired (WeChat's `agreeprivacyauthorization`, or a tap where there is no framework). */
  async agree(buttonId: string, source: EventSource = 'first-run-sheet'): Promise<void> {
    await this.deps.consent.acceptPolicy(this.deps.policyVersion(), source);
    runInAction(() => {
      this.refusedAt = null;
      this.wechatNeedsAuthorization = this.frameworkSupported ? false : this.wechatNeedsAuthorization;
      this.answerAll({ event: 'agree', buttonId });
    });
    this.deps.ui.answer('privacy', 'agreed');
  }

  /** The shopper refused: browse-only, held calls fail (WeChat answers them with errno 104). */
  async refuse(source: EventSource = 'first-run-sheet'): Promise<void> {
    runInAction(() => {
      this.refusedAt = this.deps.clock.now();
      this.answerAll({ event: 'disagree' });
    });
    this.deps.ui.answer('privacy', 'refused');
    await this.deps.consent.refusePolicy(this.deps.policyVersion(), source);
  }

  /**
   * Before a member feature runs: true when both the module's record and WeChat's allow it.
   * Opens the sheet when the policy is not agreed (the shopper asked for the feature).
   */
  async ensureAgreed(): Promise<boolean> {
    if (this.needsReconsent && this.deps.askReconsent()) return false;
    if (!this.agreed) {
      if (!this.inCooldown) this.open('feature');
      return false;
    }
    if (!this.deps.wechat || !this.frameworkSupported) return true;
    const answer = await this.deps.wechat.requirePrivacyAuthorize();
    return answer !== 'refused';
  }

  /**
   * After `ensureAgreed` asked for a sheet for a feature: true once the shopper agrees on it
   * (first-run or re-consent sheet), false when it closes without agreement, and false at once
   * when no such sheet is open or waiting (WeChat's 10 s after a refusal).
   */
  async agreement(): Promise<boolean> {
    const sheet = this.deps.ui.find('privacy') ?? this.deps.ui.find('reconsent');
    if (!sheet) return false;
    await sheet.answer;
    return this.agreed;
  }

  /** WeChat's page with the privacy guide filed in the admin console. */
  async openWechatGuide(): Promise<void> {
    try {
      await this.deps.wechat?.openPrivacyContract();
    } catch (err) {
      this.fail(err);
    }
  }

  private onNeedAuthorization(resolve: PendingAuthorization['resolve'], referrer: string): void {
    this.pending.push({ resolve, referrer });
    void this.deps.ui.ask('privacy', null);
    this.recordShown('wechat');
    // WeChat wants to know the sheet is on screen before the shopper answers: told once it is
    // (at once, unless another overlay is open before it).
    this.deps.ui.onShown('privacy', null, () => resolve({ event: 'exposureAuthorization' }));
  }

  /**
   * Records the privacy sheet as shown once it is on screen, with the policy version it asks the
   * shopper to accept, and again each time that version changes while it stays there (the server's
   * newer version arriving after the bundled one was shown): the agreement that follows is then
   * always to a version recorded as shown. Once per sheet, however often it is asked for.
   */
  private recordShown(source: EventSource): void {
    const sheet = this.deps.ui.find('privacy', null);
    if (!sheet || this.recordedSheet === sheet.id) return;
    this.recordedSheet = sheet.id;
    this.deps.ui.onShown('privacy', null, () => {
      const stop = reaction(
        () => this.deps.policyVersion(),
        (version) => void this.deps.consent.recordPolicyShown(version, source).catch((err: unknown) => this.fail(err)),
        { fireImmediately: true },
      );
      when(() => !this.deps.ui.queue.some((q) => q.id === sheet.id), stop);
    });
  }

  private answerAll(resolution: PrivacyAuthorizationResolution): void {
    const waiting = this.pending;
    this.pending = [];
    for (const p of waiting) p.resolve(resolution);
  }

  private fail(err: unknown): void {
    this.error = err instanceof Error ? err : new Error(String(err));
  }
}
