/**
 * `@maison/privacy`: the stores, the provider, the layer every page renders, the feature gate,
 * the permission hint, the status and value types, and the typed errors. Other entry points:
 * `/platform` (ports), `/config` (the app's description, app.config), `/pages`, `/contract`, `/testing`.
 */
// Stores and their options.
export { RootStore, type PrivacyPorts, type RootStoreOptions } from './stores/RootStore';
export { PolicyStore, langFromHost, BundledPolicyError, type PolicySnapshot, type BundledPolicy, type BundledDocument, type ShownPolicy } from './stores/PolicyStore';
export { ConsentStore, PolicyNotAcceptedError, InvalidLedgerEventError } from './stores/ConsentStore';
export { PermissionStore, REQUEST_OUTCOMES, type RequestOutcome, type RequestOptions } from './stores/PermissionStore';
export { PrivacyGateStore } from './stores/PrivacyGateStore';
export { AccountStore } from './stores/AccountStore';
export { ConsentPromptStore, type ConsentAnswer } from './stores/ConsentPromptStore';
export { CancellationStore, CANCELLATION_PROBLEMS, type CancellationProblem, type CancellationAttempt } from './stores/CancellationStore';
export { PolicyUpdateStore } from './stores/PolicyUpdateStore';
export { OverlayStore, OVERLAY_KINDS, DISMISSED, type OverlayKind, type Overlay, type OverlayAnswer, type OverlayQuestions } from './stores/OverlayStore';
export { FeatureGateStore, requestFeature, FEATURE_ACCESS, type FeatureAccess, type FeatureRequest } from './stores/FeatureGateStore';

// React: provider, layer, feature gate and the components the pages are made of.
export { PrivacyProvider, usePrivacy, PrivacyDocumentsProvider, usePrivacyDocuments, usePrivacyLists } from './components/PrivacyContext';
export { PrivacyLayer } from './components/PrivacyLayer';
export { BackBar } from './components/BackBar';
export { useFeatureGate, type FeatureGateHandlers, type FeatureGate } from './components/useFeatureGate';
export { PermissionHint, usePermissionsOnShow, HINT_KINDS, type HintKind, type PermissionHintProps } from './components/PermissionHint';
export { PrivacySheet, AGREE_BUTTON_ID } from './components/PrivacySheet';
export { ConsentSheet } from './components/ConsentSheet';
export { ReconsentSheet, PolicyNotice } from './components/ReconsentSheet';
export { PolicyView } from './components/PolicyView';
export { PrivacyCentre } from './components/PrivacyCentre';
export { Cancellation } from './components/Cancellation';
export { CancellationNotice } from './components/CancellationNotice';

// The app's description (declared with `definePrivacyApp` of `@maison/privacy/config`).
export type { PrivacyApp, PrivacyDocuments, KeptAfterCancellation, Controller, PurposeOf, CapabilityOf } from './domain/app';

// Values and types.
export { PermissionStatus, PERMISSION_STATUSES, type PermissionResult, type StatusReason } from './domain/permission';
export { versionPrompt, type VersionPrompt, type PolicyMeta } from './domain/policyVersions';
export { privacyRoutes, type PrivacyRoutes } from './domain/routes';
export { TEXTS } from './texts/pages';
export type { Texts, MainTexts, PageTexts, TextOverride, TextOverrides } from './texts/types';
export { AGE_BANDS, ageBand, type AgeBand, type BirthDateProblem } from './domain/age';
export type { Capability, ConsentPurpose, ConsentValue, ConsentState, Lang, LedgerEvent, PermissionValue, CancellationStatus } from './domain/contract';
export type { PolicyDocument, PolicyText, PolicySection, PolicyBlock } from './domain/policy';
export type { PermissionCatalogueEntry } from './domain/permission-types';
export type {
  ClockPort,
  HttpPort,
  IdPort,
  PermissionPlatformPort,
  PrivacyApiPort,
  StoragePort,
  SystemPort,
  TimerPort,
  WechatPrivacyPort,
} from './ports';

// Typed errors.
export { InvalidBirthDateError } from './domain/age';
export { NetworkError, StorageQuotaError, HostLoginError, UnauthenticatedError, AccountDeletedError, ApiError, PermissionCallError } from './ports';
export { PermissionDeclarationError } from './declarations/permission-declarations';
