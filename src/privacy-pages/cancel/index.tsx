import { privacyPages } from '@maison/privacy/pages';
import { SHOP_DOCUMENTS } from '../../shop/privacy-content/documents';

export default privacyPages(SHOP_DOCUMENTS).cancel;
