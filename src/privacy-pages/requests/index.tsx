import { privacyPages } from '@maison/privacy/pages';
import { SHOP_DOCUMENTS } from '../../shop/privacy-content/documents';

// A shopper signs in or registers on "Me".
export default privacyPages(SHOP_DOCUMENTS, { signInRoute: '/pages/me/index' }).requests;
