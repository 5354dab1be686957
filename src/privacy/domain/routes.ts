/**
 * Where the module's pages live in the host app. The host chooses the subpackage root; every link
 * the module renders is derived from it, so the module never hard-codes a host route.
 */

/** The module's pages, relative to the subpackage root the host mounts them under. */
export const PRIVACY_PAGES = Object.freeze(['policy/index', 'collection/index', 'sharing/index', 'centre/index', 'cancel/index', 'requests/index'] as const);

/** Default subpackage root: the module's own `pages/` folder when it sits at `src/privacy/`. */
export const DEFAULT_PAGES_ROOT = 'privacy/pages';

/** Default page a shopper lands on after their account is cancelled. */
export const DEFAULT_HOME_ROUTE = '/pages/index/index';

/** Absolute routes of every page the module links to. */
export interface PrivacyRoutes {
  policy: string;
  collection: string;
  sharing: string;
  centre: string;
  cancel: string;
  /** The request desk (我的请求): the shopper's rights requests and a new one. */
  requests: string;
  /** Where the shopper goes once signed out by a completed cancellation. */
  home: string;
}

/** Routes for pages mounted under `root` (no leading or trailing slash), plus the host's home. */
export function privacyRoutes(root: string = DEFAULT_PAGES_ROOT, home: string = DEFAULT_HOME_ROUTE): PrivacyRoutes {
  if (!/^[A-Za-z0-9_-]+(\/[A-Za-z0-9_-]+)*$/.test(root)) throw new Error(`pages root must be a relative path like "privacy/pages", got "${root}"`);
  if (!home.startsWith('/')) throw new Error(`home route must be absolute, got "${home}"`);
  const at = (page: string) => `/${root}/${page}`;
  return Object.freeze({
    policy: at('policy/index'),
    collection: at('collection/index'),
    sharing: at('sharing/index'),
    centre: at('centre/index'),
    cancel: at('cancel/index'),
    requests: at('requests/index'),
    home,
  });
}
