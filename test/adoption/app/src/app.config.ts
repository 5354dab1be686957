import { appJsonPermission, privacyPreloadRule, privacySubpackage, requiredPrivateInfos } from '@maison/privacy/config';
import { ACME_PRIVACY } from './privacy-content/app';

export default defineAppConfig({
  pages: ['pages/index/index'],
  subPackages: [privacySubpackage('legal')],
  preloadRule: privacyPreloadRule(['pages/index/index'], 'legal'),
  __usePrivacyCheck__: true,
  permission: appJsonPermission(ACME_PRIVACY),
  requiredPrivateInfos: requiredPrivateInfos(ACME_PRIVACY),
});
