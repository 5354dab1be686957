import { PrivacySheet } from './PrivacySheet';

/**
 * Everything the module may put in front of a page (first-run sheet, and later the re-consent and
 * purpose sheets). Every page of the host app renders it once.
 */
export function PrivacyLayer() {
  return <PrivacySheet />;
}
