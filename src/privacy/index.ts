/**
 * Public surface of the privacy module. An app adopts the module through this file alone.
 */
export { RootStore, type PrivacyPorts, type RootStoreOptions } from './stores/RootStore';
export { PolicyStore, type PolicySnapshot, langFromHost } from './stores/PolicyStore';
export { UiStore, SHEETS, type Sheet } from './stores/UiStore';
export { PrivacyProvider, usePrivacy } from './components/PrivacyContext';
export { PolicyView } from './components/PolicyView';
export * from './domain/contract';
export type { PolicyDocument, PolicyText, PolicySection, PolicyBlock } from './domain/policy';
export * from './ports';
