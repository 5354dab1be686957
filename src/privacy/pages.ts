/**
 * `@maison/privacy/pages`: the module's five pages and their configs, for a host that mounts them
 * under a subpackage root of its own. For each page, the host adds two files under
 * `src/<root>/<page>/`: `index.tsx` re-exporting the page as default, and `index.config.ts` with
 * `definePageConfig(PRIVACY_PAGE_CONFIGS.<page>)` (from `@maison/privacy/config`: page configs are read at build time and must not load the pages); `config`'s `privacySubpackage(root)` declares
 * them and `RootStore`'s `pagesRoot` option makes every link point there.
 */
export { default as PolicyPage } from './pages/policy/index';
export { default as CollectionListPage } from './pages/collection/index';
export { default as SharingListPage } from './pages/sharing/index';
export { default as PrivacyCentrePage } from './pages/centre/index';
export { default as CancellationPage } from './pages/cancel/index';

