/**
 * Public surface of the privacy module. An app adopts the module through this file alone.
 */
export { RootStore, type PrivacyPorts, type RootStoreOptions } from './stores/RootStore';
export { PolicyStore, type PolicySnapshot, langFromHost } from './stores/PolicyStore';
export { UiStore, SHEETS, type Sheet } from './stores/UiStore';
export { PrivacyProvider, usePrivacy } from './components/PrivacyContext';
export { PolicyView } from './components/PolicyView';
export { PrivacyLayer } from './components/PrivacyLayer';
export { PrivacySheet, AGREE_BUTTON_ID, PRIVACY_ROUTES } from './components/PrivacySheet';
export { ConsentStore } from './stores/ConsentStore';
export { PermissionStore } from './stores/PermissionStore';
export { PrivacyGateStore } from './stores/PrivacyGateStore';
export { AccountStore } from './stores/AccountStore';
export { ConsentPromptStore, type ConsentAnswer } from './stores/ConsentPromptStore';
export { ConsentSheet } from './components/ConsentSheet';
export { CancellationStore, CANCELLATION_PROBLEMS, type CancellationProblem, type CancellationAttempt } from './stores/CancellationStore';
export { PrivacyCentre, CENTRE_ROUTES } from './components/PrivacyCentre';
export { Cancellation, SIGNED_OUT_HOME } from './components/Cancellation';
export { CancellationNotice } from './components/CancellationNotice';
export * from './domain/cancellation';
export { ReconsentSheet, PolicyNotice } from './components/ReconsentSheet';
export { PolicyUpdateStore } from './stores/PolicyUpdateStore';
export { versionPrompt, type VersionPrompt, type PolicyMeta } from './domain/policyVersions';
export { CONSENT_CATALOGUE, consentEntry } from './data/consent-catalogue';
export { consentCatalogueProblems, consentEntryProblems, DISCLOSURE_ARTICLES, type ConsentCatalogueEntry, type ConsentDisclosure, type ConsentRecipient, type SensitiveItem } from './domain/consent-schema';
export * from './domain/contract';
export type { PolicyDocument, PolicyText, PolicySection, PolicyBlock } from './domain/policy';
export * from './ports';
