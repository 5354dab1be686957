import { appJsonPermission, requiredPrivateInfos } from './privacy/domain/permission-declarations';

export default defineAppConfig({
  pages: ['pages/index/index', 'pages/me/index', 'pages/warranty/index', 'pages/boutiques/index', 'pages/checkin/index'],
  subPackages: [
    {
      // The policy and its two lists: kept out of the main package, preloaded from every main page
      // so they open on a first run even when the network drops right after launch.
      root: 'privacy/pages',
      pages: ['policy/index', 'collection/index', 'sharing/index', 'centre/index', 'cancel/index'],
    },
  ],
  preloadRule: {
    'pages/index/index': { network: 'all', packages: ['privacy/pages'] },
    'pages/me/index': { network: 'all', packages: ['privacy/pages'] },
  },
  window: {
    backgroundTextStyle: 'light',
    navigationBarBackgroundColor: '#fff',
    navigationBarTitleText: 'Maison',
    navigationBarTextStyle: 'black',
  },
  // Route privacy-gated APIs through WeChat's privacy framework (onNeedPrivacyAuthorization).
  __usePrivacyCheck__: true,
  // Derived from the permission catalogue, never typed here (npm run check:app-config compares them):
  // WeChat takes `permission` for the location scopes only, and fuzzy location without getLocation.
  permission: appJsonPermission(),
  requiredPrivateInfos: requiredPrivateInfos(),
});
