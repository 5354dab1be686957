/**
 * `@maison/privacy/config`: the app's privacy description (`definePrivacyApp`, `definePrivacyDocuments`,
 * `privacyAppProblems`) and what the host's `app.config.ts` and its release checklist need —
 * `permission` and `requiredPrivateInfos` derived from the app's capabilities, the subpackage
 * and preload entries for the module's pages, and the declarations ops file in WeChat's admin
 * console. Evaluated at build time in Node: pure, no Taro runtime.
 */
import { DEFAULT_PAGES_ROOT, PRIVACY_PAGES } from './domain/routes';

/** The app's privacy description, its documents, and the one check of both. */
export {
  definePrivacyApp,
  definePrivacyDocuments,
  privacyAppProblems,
  appPurposes,
  appCapabilities,
  type PrivacyApp,
  type PrivacyDocuments,
  type KeptAfterCancellation,
  type Controller,
  type PolicyReference,
  type ConsentDeclarations,
  type CapabilityDeclarations,
  type PurposeOf,
  type CapabilityOf,
} from './domain/app';
export { policyContentHash } from './domain/hash';
export { sensitiveTermsByLang, type SensitiveTerm } from './domain/emphasis';
export type { CollectionItem, SharingItem, SharingType, LocalisedText, ContentGap } from './domain/lists';
export { contentGaps } from './domain/lists';
export type { PolicyDocument, PolicyText, PolicySection, PolicyBlock } from './domain/policy';
export type { Capability, Lang } from './domain/contract';
export {
  appJsonPermission,
  douyinAppJsonPermission,
  privacyAppJson,
  requiredPrivateInfos,
  privacyGuideChecklist,
  privacyGuideCollected,
  privacyGuideOwner,
  formatPrivacyGuideChecklist,
  catalogueProblems,
  PermissionDeclarationError,
  type DeclaringApp,
  type PrivacyGuideItem,
  type PrivacyGuideCollected,
  type PrivacyGuideOwner,
  type MiniProgramPlatform,
} from './declarations/permission-declarations';
/** The checklist for Douyin's 《小程序用户隐私保护协议》, derived from the WeChat one. */
export {
  douyinAgreement,
  douyinAgreementChecklist,
  douyinAgreementContact,
  DOUYIN_AGREEMENT_STEPS,
  type DouyinAgreement,
  type DouyinAgreementItem,
  type DouyinAgreementContact,
  type DouyinAgreementFeature,
} from './declarations/douyin-agreement';
export { DOUYIN_INFO_TYPES, DOUYIN_TYPE_OF_WECHAT, douyinCapabilityCalls, type DouyinInfoType } from './data/douyin-privacy-types';
export { appConfigProblems, findGatedUses, type LabelledConfig, type SourceFile, type GatedUse } from './declarations/permission-config-check';
/** WeChat's privacy-gated APIs and components: the ids a permission catalogue's `gatedApis` may name. */
export { PRIVACY_GATED_API_IDS, PRIVACY_GATED_APIS, PRIVACY_DATA_TYPES, type PrivacyGatedApiId } from './data/privacy-gated-apis';
export type { PrivacyGatedApi, PrivacyDataTypeKey, GatedApiKind, PermissionCatalogueEntry, PrivacyDeclaration } from './domain/permission-types';
export { DEFAULT_PAGES_ROOT, DEFAULT_HOME_ROUTE, PRIVACY_PAGES, privacyRoutes, type PrivacyRoutes } from './domain/routes';

/** The `subPackages` entry that mounts the module's pages under `root`. */
export function privacySubpackage(root: string = DEFAULT_PAGES_ROOT): { root: string; pages: string[] } {
  return { root, pages: [...PRIVACY_PAGES] };
}

/**
 * `preloadRule` entries that download the module's subpackage as soon as any of `pages` opens, so
 * the policy opens on a first run even when the network drops right after launch.
 */
export function privacyPreloadRule(
  pages: readonly string[],
  root: string = DEFAULT_PAGES_ROOT,
): Record<string, { network: 'all'; packages: string[] }> {
  return Object.fromEntries(pages.map((page) => [page, { network: 'all' as const, packages: [root] }]));
}

/** Page configs of the module's pages, for the host's `index.config.ts` re-exports. */
export { PRIVACY_PAGE_CONFIGS } from './pages/configs';

/** What a separate consent says, by PIPL article. */
export {
  consentEntryProblems,
  consentGaps,
  consentOffered,
  consentTextHash,
  retentionProblems,
  type ConsentGap,
  type Retention,
  type DisclosureArticle,
  type ConsentCatalogueEntry,
  type ConsentDisclosure,
  type ConsentRecipient,
  type SensitiveItem,
} from './domain/consent-schema';

/** Every field the module sends, and why (the declaration a network capture is held to). */
export { SENT_FIELDS, sentFieldKey, type SentFieldDeclaration } from './data/sent-fields';
