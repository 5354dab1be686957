import { PRIVACY_PAGE_CONFIGS } from '@maison/privacy/config';

export default definePageConfig(PRIVACY_PAGE_CONFIGS.requests);
