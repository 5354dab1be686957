import { appJsonPermission, privacyPreloadRule, privacySubpackage, requiredPrivateInfos } from '@maison/privacy/config';
import { PRIVACY_PAGES_ROOT, SHOP_PRIVACY } from './shop/privacy-content/app';

export default defineAppConfig({
  pages: ['pages/index/index', 'pages/me/index'],
  // The policy, its two lists, the privacy centre and cancellation: kept out of the main package,
  // preloaded from every main page so they open on a first run even when the network drops right
  // after launch. The shop's features that need a permission (warranty scan, boutique finder,
  // check-in) are a subpackage of their own, fetched while the shopper is on Me, where they start.
  subPackages: [privacySubpackage(PRIVACY_PAGES_ROOT), { root: 'features', pages: ['warranty/index', 'boutiques/index', 'checkin/index'] }],
  preloadRule: {
    ...privacyPreloadRule(['pages/index/index', 'pages/me/index'], PRIVACY_PAGES_ROOT),
    'pages/me/index': { network: 'all', packages: [PRIVACY_PAGES_ROOT, 'features'] },
  },
  window: {
    backgroundTextStyle: 'light',
    navigationBarBackgroundColor: '#fff',
    navigationBarTitleText: 'Maison',
    navigationBarTextStyle: 'black',
  },
  // Route privacy-gated APIs through WeChat's privacy framework (onNeedPrivacyAuthorization).
  __usePrivacyCheck__: true,
  // Derived from the shop's capabilities, never typed here (npm run check:app-config compares them):
  // WeChat takes `permission` for the location scopes only, and fuzzy location without getLocation.
  permission: appJsonPermission(SHOP_PRIVACY),
  requiredPrivateInfos: requiredPrivateInfos(SHOP_PRIVACY),
});
