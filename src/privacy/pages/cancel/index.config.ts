import { PRIVACY_PAGE_CONFIGS } from '../configs';

export default definePageConfig(PRIVACY_PAGE_CONFIGS.cancel);
