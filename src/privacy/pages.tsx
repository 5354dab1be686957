/**
 * `@maison/privacy/pages`: the module's six pages, made with the app's documents (the policy and
 * its two lists), for a host that mounts them under a subpackage root of its own. For each page,
 * the host adds two files under `src/<root>/<page>/`: `index.tsx` with
 * `export default privacyPages(documents).<page>`, and `index.config.ts` with
 * `definePageConfig(PRIVACY_PAGE_CONFIGS.<page>)` (from `@maison/privacy/config`: page configs are
 * read at build time and must not load the pages). The documents are imported by those files only,
 * so they ship in the subpackage. `config`'s `privacySubpackage(root)` declares the pages and
 * `RootStore`'s `pagesRoot` option makes every link point there.
 */
import type { ComponentType } from 'react';
import type { PrivacyDocuments } from './domain/app';
import { PrivacyDocumentsProvider } from './components/PrivacyContext';
import PolicyPage from './pages/policy/index';
import CollectionListPage from './pages/collection/index';
import SharingListPage from './pages/sharing/index';
import PrivacyCentrePage from './pages/centre/index';
import CancellationPage from './pages/cancel/index';
import RequestDeskPage from './pages/requests/index';

/** The module's pages, each a page component for the host's page file. */
export interface PrivacyPages {
  policy: ComponentType;
  collection: ComponentType;
  sharing: ComponentType;
  centre: ComponentType;
  cancel: ComponentType;
  /** 我的请求 / My requests: the request desk. */
  requests: ComponentType;
}

/** How the host wires the pages into its app. */
export interface PrivacyPagesOptions {
  /**
   * The host's page where a newcomer becomes a member (its age step), linked from the desk when
   * signed out; a member who signed out signs in again on the desk itself. Default: the home route.
   */
  signInRoute?: string;
}

const PAGES = { policy: PolicyPage, collection: CollectionListPage, sharing: SharingListPage, centre: PrivacyCentrePage, cancel: CancellationPage };
const made = new WeakMap<PrivacyDocuments, Map<string, PrivacyPages>>();

/** The six pages showing `documents`; the same object for the same documents and options. */
export function privacyPages(documents: PrivacyDocuments, options: PrivacyPagesOptions = {}): PrivacyPages {
  if (options.signInRoute !== undefined && !options.signInRoute.startsWith('/')) throw new Error(`signInRoute must be absolute, got "${options.signInRoute}"`);
  const byOptions = made.get(documents) ?? new Map<string, PrivacyPages>();
  made.set(documents, byOptions);
  const known = byOptions.get(options.signInRoute ?? '');
  if (known) return known;
  const wrap = (Page: ComponentType, name: string): ComponentType => {
    const WithDocuments = () => (
      <PrivacyDocumentsProvider documents={documents}>
        <Page />
      </PrivacyDocumentsProvider>
    );
    WithDocuments.displayName = name;
    return WithDocuments;
  };
  const pages: PrivacyPages = {
    policy: wrap(PAGES.policy, 'PolicyPage'),
    collection: wrap(PAGES.collection, 'CollectionListPage'),
    sharing: wrap(PAGES.sharing, 'SharingListPage'),
    centre: wrap(PAGES.centre, 'PrivacyCentrePage'),
    cancel: wrap(PAGES.cancel, 'CancellationPage'),
    requests: wrap(() => <RequestDeskPage signInRoute={options.signInRoute} />, 'RequestDeskPage'),
  };
  byOptions.set(options.signInRoute ?? '', pages);
  return pages;
}
