import { privacyAppJson, privacyPreloadRule, privacySubpackage } from '@maison/privacy/config';
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
  // The privacy keys of the platform being built, derived from the shop's capabilities, never
  // typed here (npm run check:app-config compares them). WeChat: `__usePrivacyCheck__` routes
  // gated APIs through its privacy framework, `permission` (location scopes only) and
  // `requiredPrivateInfos` (fuzzy location without getLocation). Douyin: `usePrivacyCheck` and
  // `permission` under its own location scope.
  ...privacyAppJson(SHOP_PRIVACY, process.env.TARO_ENV),
});
