import { privacyPages } from '@maison/privacy/pages';
import { SHOP_DOCUMENTS } from '../../shop/privacy-content/documents';

// A newcomer becomes a member on "Me" (its age step); a member who signed out signs in again on the page.
export default privacyPages(SHOP_DOCUMENTS, { signInRoute: '/pages/me/index' }).requests;
