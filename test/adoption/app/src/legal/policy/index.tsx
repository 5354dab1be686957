import { privacyPages } from '@maison/privacy/pages';
import { ACME_DOCUMENTS } from '../../privacy/documents';

export default privacyPages(ACME_DOCUMENTS).policy;
