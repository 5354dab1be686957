import { privacyAppJson, privacyPreloadRule, privacySubpackage } from '@maison/privacy/config';
import { ACME_PRIVACY } from './privacy-content/app';

export default defineAppConfig({
  pages: ['pages/index/index'],
  subPackages: [privacySubpackage('legal')],
  preloadRule: privacyPreloadRule(['pages/index/index'], 'legal'),
  // The privacy keys of the platform being built (WeChat's or Douyin's).
  ...privacyAppJson(ACME_PRIVACY, process.env.TARO_ENV),
});
