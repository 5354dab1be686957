import { privacyPages } from '@maison/privacy/pages';
import { ACME_DOCUMENTS } from '../../privacy-content/documents';

export default privacyPages(ACME_DOCUMENTS).requests;
