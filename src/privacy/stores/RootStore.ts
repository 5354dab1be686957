import type {
  ClockPort,
  DataFilePort,
  IdPort,
  PermissionPlatformPort,
  PrivacyApiPort,
  StoragePort,
  SystemPort,
  TimerPort,
  WechatPrivacyPort,
} from '../ports';
import { AccountStore } from './AccountStore';
import { CancellationStore } from './CancellationStore';
import { ConsentPromptStore } from './ConsentPromptStore';
import { ConsentStore } from './ConsentStore';
import { loadDeviceId } from './deviceId';
import { FeatureGateStore } from './FeatureGateStore';
import { ListsStore } from './ListsStore';
import { OverlayStore } from './OverlayStore';
import { PermissionStore } from './PermissionStore';
import { PolicyStore, type BundledPolicy } from './PolicyStore';
import { PolicyUpdateStore } from './PolicyUpdateStore';
import { PrivacyGateStore } from './PrivacyGateStore';
import { DEFAULT_KEY_PREFIX, Persistence } from './persistence';
import { privacyRoutes, type PrivacyRoutes } from '../domain/routes';
import { mainTexts } from '../texts/merge';
import type { MainTexts } from '../texts/types';
import { GUARDIAN_CONSENT, type Capability, type Lang } from '../domain/contract';
import { appCapabilities, appPurposes, type PrivacyApp } from '../domain/app';
import { CAPABILITY_REGISTRY } from '../domain/capabilities';
import { consentOffered, type ConsentCatalogueEntry } from '../domain/consent-schema';

/** Every port the module needs, provided by adapters/ (or fakes in tests). */
export interface PrivacyPorts {
  storage: StoragePort;
  clock: ClockPort;
  ids: IdPort;
  /** The backend client (adapters/PrivacyApi over the platform's HTTP transport). */
  api: PrivacyApiPort;
  system: SystemPort;
  timer: TimerPort;
  permissions: PermissionPlatformPort;
  /** WeChat's privacy framework; absent in the browser. */
  wechatPrivacy?: WechatPrivacyPort;
  /** Hands the shopper the file of their data (download / write + send). Absent: the export is shown only. */
  files?: DataFilePort;
  /** A fresh login code for the backend's `POST /v1/sessions`. */
  login: (deviceId: string) => Promise<string>;
  /** Resolves once the renderer has flushed pending updates. */
  yieldToRenderer: () => Promise<void>;
}

export interface RootStoreOptions<P extends string = string, C extends Capability = never> {
  ports: PrivacyPorts;
  /**
   * The app's privacy description (`definePrivacyApp` of `@maison/privacy/config`): controller,
   * policy version and hash, separate consents, capabilities, text overrides. Everything the
   * module shows or declares about the app comes from it.
   */
  app: PrivacyApp<P, C>;
  /** The offline copy with its document from the start (tests; hosts whose policy is small). Default: the app's `policy`, the pages hand the document over. */
  bundledPolicy?: BundledPolicy;
  /** Prefix of every storage key the module owns. Default `privacy.`. */
  keyPrefix?: string;
  /** Subpackage root the host mounts the module's pages under. Default `privacy/pages`. */
  pagesRoot?: string;
  /** Page a shopper returns to once their account is cancelled. Default `/pages/index/index`. */
  homeRoute?: string;
}

/** Builds every store of the module and hands each its I/O. Nothing is read or sent until `start()`. */
export class RootStore<P extends string = string, C extends Capability = never> {
  /** The one queue of what is in front of the shopper (sheets, notices): at most one open. */
  readonly ui: OverlayStore;
  readonly policy: PolicyStore;
  readonly api: PrivacyApiPort;
  /** The ledger of the shopper's decisions (policy, separate consents, permissions) and its sync. */
  readonly consent: ConsentStore;
  readonly account: AccountStore;
  readonly gate: PrivacyGateStore;
  readonly permissions: PermissionStore;
  /** A feature's tap as one flow: the policy, the purpose sheet, the system prompt (`useFeatureGate` renders it). */
  readonly features: FeatureGateStore;
  /** Asking for a separate consent: its sheet, the answer, and whether it is granted (read from the ledger). */
  readonly consentPrompts: ConsentPromptStore<P>;
  /** The app's privacy description. */
  readonly app: PrivacyApp<P, C>;
  readonly cancellation: CancellationStore;
  readonly updates: PolicyUpdateStore;
  /** The two lists and the consents' texts in force: served with the policy version, else the app's. */
  readonly lists: ListsStore;
  /** Absolute routes of the module's pages and of the host's home. */
  readonly routes: PrivacyRoutes;
  /** The texts of the module's sheets, hint and notice, with the app's replacements (the pages add theirs: `textsOf`). */
  readonly texts: Readonly<Record<Lang, MainTexts>>;
  /** The module's storage keys (registry in `persistence.ts`), under `keyPrefix`. */
  readonly persistence: Persistence;
  private deviceIdValue: string | null = null;
  private starting: Promise<void> | null = null;
  private launchShown = false;

  constructor(readonly options: RootStoreOptions<P, C>) {
    const { ports, app } = options;
    this.app = app;
    const keyPrefix = options.keyPrefix ?? DEFAULT_KEY_PREFIX;
    this.persistence = new Persistence(ports.storage, keyPrefix);
    const deviceId = () => {
      if (this.deviceIdValue === null) throw new Error('The privacy module is used before start() resolved');
      return this.deviceIdValue;
    };
    this.routes = privacyRoutes(options.pagesRoot, options.homeRoute);
    this.texts = mainTexts(
      {
        capabilities: appCapabilities(app).map((c) => CAPABILITY_REGISTRY[c].names.inSentence),
        // The consents the app asks for: none it marks as not in the app.
        consents: Object.values<ConsentCatalogueEntry>(app.consents).filter((e) => e.purpose !== GUARDIAN_CONSENT && consentOffered(e)).map((e) => e.title),
      },
      app.texts,
    );
    this.ui = new OverlayStore();
    this.policy = new PolicyStore({
      storage: ports.storage,
      system: ports.system,
      bundled: options.bundledPolicy ?? { version: app.policy.version, contentHash: app.policy.contentHash, source: 'bundled' },
      yieldToRenderer: ports.yieldToRenderer,
      keyPrefix,
    });
    this.api = ports.api;
    this.lists = new ListsStore({
      api: this.api,
      storage: ports.storage,
      keyPrefix,
      catalogue: app.consents,
      vocabulary: { purposes: appPurposes(app), capabilities: appCapabilities(app) },
    });
    this.consent = new ConsentStore({
      storage: ports.storage,
      clock: ports.clock,
      ids: ports.ids,
      // Read on use: the id comes from storage in start().
      get deviceId() {
        return deviceId();
      },
      api: this.api,
      timer: ports.timer,
      keyPrefix,
      purposes: appPurposes(app),
      // Each fact has one owner; the ledger reads them: the versions from the update store…
      policyVersion: () => this.updates.versionInForce,
      requiredPolicyVersion: () => this.updates.requiredVersion,
      // …the words of each consent from the lists store…
      consentTextHash: (purpose) => this.lists.textHash(purpose),
      // A consent whose words changed since it was granted is asked again once the policy is agreed.
      onPolicyAccepted: () => this.consentPrompts.askChanged(),
      // …and the account's deletion from the cancellation store, which a 410 on any ledger call
      // tells: it wipes everything and shows the closing note.
      isAccountDeleted: () => this.cancellation.deletedAt !== null,
      onAccountDeleted: (completedAt) => void this.cancellation.accountDeleted(completedAt),
    });
    this.account = new AccountStore({
      storage: ports.storage,
      api: this.api,
      login: ports.login,
      deviceId,
      keyPrefix,
      clock: ports.clock,
      recordGuardianConsent: () => this.consent.grant('guardian', 'feature'),
      afterSignIn: () => this.consent.reconcile(),
      // A sign-out closes whatever the module had in front of the shopper, and removes the other
      // personal keys of the registry's list, e.g. the demo profile.
      wipe: (wipe) => {
        this.ui.dismissAll();
        return this.persistence.wipe(wipe);
      },
      // A session the server ended (401) removes the same keys, and leaves the screen as it is.
      forget: (wipe) => this.persistence.wipe(wipe),
    });
    this.gate = new PrivacyGateStore({
      consent: this.consent,
      ui: this.ui,
      clock: ports.clock,
      wechat: ports.wechatPrivacy,
      policyVersion: () => this.updates.versionInForce,
      askReconsent: () => this.updates.askReconsent(),
    });
    this.updates = new PolicyUpdateStore({ api: this.api, storage: ports.storage, policy: this.policy, consent: this.consent, ui: this.ui, keyPrefix });
    this.cancellation = new CancellationStore({
      storage: ports.storage,
      api: this.api,
      ids: ports.ids,
      clock: ports.clock,
      login: ports.login,
      deviceId,
      keyPrefix,
      wipe: () => this.clear(),
      sessionExpired: () => this.account.sessionExpired(),
      ui: this.ui,
    });
    this.consentPrompts = new ConsentPromptStore<P>({ consent: this.consent, gate: this.gate, ui: this.ui, catalogue: app.consents, lists: this.lists });
    this.permissions = new PermissionStore({
      platform: ports.permissions,
      catalogue: app.capabilities,
      wechatPrivacy: ports.wechatPrivacy,
      clock: ports.clock,
      ui: this.ui,
      isPolicyAgreed: () => this.gate.agreed,
      recordPermission: (capability, value, source) => this.consent.recordPermission(capability, value, source),
      lastRefusalAt: (capability) => this.consent.lastRefusalAt(capability),
      lastRecorded: (capability) => this.consent.permission(capability),
    });
    this.features = new FeatureGateStore({ gate: this.gate, permissions: this.permissions });
  }

  /** Loads persisted state and opens the first-run sheet when needed; call once at app launch. */
  start(): Promise<void> {
    this.starting ??= this.run();
    return this.starting;
  }

  /** Resolves once `start()` finished (pages await it before reading state). */
  ready(): Promise<void> {
    return this.start();
  }

  /** Wipes everything the module keeps about the shopper (after the account was deleted). */
  async clear(): Promise<void> {
    // Whatever was open or waiting closes without an answer: nothing is recorded for a wiped account.
    this.ui.dismissAll();
    await this.consent.clear();
    await this.account.clear();
    this.permissions.clear();
    await this.cancellation.clear();
    // Every personal key the registry lists, including those no store holds (the demo profile).
    await this.persistence.wipe('cancellation');
  }

  private async run(): Promise<void> {
    const { ports } = this.options;
    this.deviceIdValue = await loadDeviceId(this.persistence, ports.ids);
    await Promise.all([this.policy.hydrate(), this.consent.hydrate(), this.account.hydrate(), this.updates.hydrate(), this.lists.hydrate(), this.cancellation.hydrate()]);
    await this.gate.start();
    // A request under way is checked at every launch (status shown until it ends; 410 wipes).
    void this.cancellation.launch();
    // The version check runs in the background: a slow or absent network never holds up the shop.
    void this.checkVersion();
  }

  /**
   * The policy version's check, then its lists and consent texts when their hash changed, then the
   * separate consents whose words changed since they were granted, each asked on its own sheet
   * (the words kept offline count too: the shopper is asked at the launch after they arrived).
   */
  private async checkVersion(): Promise<void> {
    await this.updates.check(this.policy.lang);
    await this.lists.sync(this.updates.meta?.lists);
    this.consentPrompts.askChanged();
  }

  /** The app came back to the foreground: settings may have changed and ops may have published. */
  async onShow(): Promise<void> {
    // The first show is the launch itself, which start() already covers.
    if (!this.starting || !this.launchShown) {
      this.launchShown = true;
      return;
    }
    await this.starting;
    await Promise.all([this.checkVersion(), this.account.signedIn ? this.consent.reconcile().catch(() => undefined) : undefined]);
  }
}
