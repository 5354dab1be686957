import { appJsonPermission, privacyPreloadRule, privacySubpackage, requiredPrivateInfos } from '@maison/privacy/config';

export default defineAppConfig({
  pages: ['pages/index/index'],
  subPackages: [privacySubpackage('legal')],
  preloadRule: privacyPreloadRule(['pages/index/index'], 'legal'),
  __usePrivacyCheck__: true,
  permission: appJsonPermission(),
  requiredPrivateInfos: requiredPrivateInfos(),
});
