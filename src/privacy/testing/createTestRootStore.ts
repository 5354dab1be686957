import type { Capability } from '../domain/contract';
import type { PrivacyApp, PrivacyDocuments } from '../domain/app';
import type { OverlayKind, OverlayStore } from '../stores/OverlayStore';
import { RootStore, type PrivacyPorts, type RootStoreOptions } from '../stores/RootStore';
import { FakeBackend, fakeApi } from './FakeBackend';
import { FakePermissionPlatform } from './FakePermissionPlatform';
import { FakeWechatPrivacy } from './FakeWechatPrivacy';
import { ManualClock, settle } from './ManualClock';
import { MemoryStorage } from './MemoryStorage';
import { SequentialIds } from './ids';

/** A root store on fakes, with each fake at hand to script and inspect. */
export interface TestRootStore<P extends string = string, C extends Capability = never> {
  privacy: RootStore<P, C>;
  storage: MemoryStorage;
  clock: ManualClock;
  backend: FakeBackend;
  permissions: FakePermissionPlatform;
  wechatPrivacy: FakeWechatPrivacy;
  /**
   * The shopper taps "agree" on the privacy sheet: WeChat records the agreement (the button's
   * open-type) and the module's gate agrees, as the sheet's button does. A feature tap waiting
   * on the sheet continues.
   */
  agree(buttonId?: string): Promise<void>;
  /**
   * The shopper answers the purpose sheet of a feature tap: `'continue'` (the system prompt
   * follows) or `'not-now'` (a refusal: the fallback, and no sheet by itself for 48 h). Waits
   * for the sheet to open (to be the overlay on screen); rejects when none opens. Resolves with
   * the sheet's capability.
   */
  answerPurposeSheet(answer: PurposeSheetAnswer): Promise<Capability>;
  /** How the shopper will answer the next system prompt (WeChat's `authorize` dialog). */
  answerSystemPrompt(answer: SystemPromptAnswer): void;
  /**
   * The shopper answers the separate-consent sheet a feature opened (`consentPrompts.request`): `'agree'`
   * or `'refuse'`. Waits for the sheet to open (to be the overlay on screen); rejects when none
   * opens. Resolves with its purpose once the decision is recorded.
   */
  answerConsentSheet(answer: ConsentSheetAnswer): Promise<P>;
}

/** The separate-consent sheet's two buttons. */
export const CONSENT_SHEET_ANSWERS = Object.freeze(['agree', 'refuse'] as const);
export type ConsentSheetAnswer = (typeof CONSENT_SHEET_ANSWERS)[number];

/** The purpose sheet's two buttons: "continue" and "not now". */
export const PURPOSE_SHEET_ANSWERS = Object.freeze(['continue', 'not-now'] as const);
export type PurposeSheetAnswer = (typeof PURPOSE_SHEET_ANSWERS)[number];

/** The system prompt's two answers. */
export const SYSTEM_PROMPT_ANSWERS = Object.freeze(['allow', 'deny'] as const);
export type SystemPromptAnswer = (typeof SYSTEM_PROMPT_ANSWERS)[number];

/** Why a sheet asked for is not open: what is on screen before it, if anything. */
function behind(ui: OverlayStore, kind: OverlayKind): string {
  const current = ui.current;
  return current !== null && ui.find(kind) !== null ? ` (it waits behind the ${current.kind} overlay on screen)` : '';
}

/** The id of the privacy sheet's agree button (`AGREE_BUTTON_ID` of `@maison/privacy`). */
const AGREE_BUTTON = 'privacy-agree';

/** The app under test (its description), and what a test may change: any port, the host language, any RootStore option. */
export interface TestRootStoreOptions<P extends string = string, C extends Capability = never> extends Partial<Omit<RootStoreOptions<P, C>, 'ports' | 'app'>> {
  /** The app's privacy description (`definePrivacyApp`). */
  app: PrivacyApp<P, C>;
  /** The app's documents: the policy document is there from the start (as a page of the module would hand it over). */
  documents?: PrivacyDocuments;
  ports?: Partial<PrivacyPorts>;
  /** The host's UI language (`getAppBaseInfo().language`). Default `zh_CN`. */
  language?: string;
}

/**
 * A `RootStore` on the shipped fakes: WeChat's storage limits, a manual clock, sequential ids,
 * the in-memory backend, WeChat's permission platform and privacy framework. Nothing runs until
 * `privacy.start()`, as in the app.
 */
export function createTestRootStore<P extends string, C extends Capability = never>(options: TestRootStoreOptions<P, C>): TestRootStore<P, C> {
  const { ports: overrides, language = 'zh_CN', documents, ...rest } = options;
  const storage = new MemoryStorage();
  const clock = new ManualClock();
  const backend = new FakeBackend({ now: () => clock.now() });
  const permissions = new FakePermissionPlatform();
  const wechatPrivacy = new FakeWechatPrivacy();
  const ports: PrivacyPorts = {
    storage,
    clock,
    timer: clock,
    ids: new SequentialIds('t'),
    api: fakeApi(backend),
    system: { language: () => language },
    permissions,
    wechatPrivacy,
    login: async (deviceId) => `dev:${deviceId}`,
    yieldToRenderer: () => Promise.resolve(),
    ...overrides,
  };
  const privacy = new RootStore<P, C>({
    ...(documents ? { bundledPolicy: { version: rest.app.policy.version, document: documents.policy.document, contentHash: documents.policy.contentHash, source: 'bundled' as const } } : {}),
    ...rest,
    ports,
  });
  return {
    privacy,
    storage,
    clock,
    backend,
    permissions,
    wechatPrivacy,
    async agree(buttonId = AGREE_BUTTON) {
      wechatPrivacy.agree();
      await privacy.gate.agree(buttonId);
    },
    async answerPurposeSheet(answer) {
      for (let i = 0; i < 20 && !privacy.permissions.purposeSheet; i++) await settle();
      const capability = privacy.permissions.purposeSheet;
      if (!capability) throw new Error(`answerPurposeSheet('${answer}'): no purpose sheet is open${behind(privacy.ui, 'purpose')}`);
      if (answer === 'continue') privacy.permissions.confirmPurpose();
      else privacy.permissions.notNow();
      return capability;
    },
    answerSystemPrompt(answer) {
      permissions.answers.push(answer);
    },
    async answerConsentSheet(answer) {
      for (let i = 0; i < 20 && !privacy.consentPrompts.asking; i++) await settle();
      const purpose = privacy.consentPrompts.asking;
      if (!purpose) throw new Error(`answerConsentSheet('${answer}'): no consent sheet is open${behind(privacy.ui, 'consent')}`);
      await privacy.consentPrompts.answer(answer === 'agree');
      return purpose;
    },
  };
}
