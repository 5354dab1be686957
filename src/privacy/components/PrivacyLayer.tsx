import { ConsentSheet } from './ConsentSheet';
import { PrivacySheet } from './PrivacySheet';

/**
 * Everything the module may put in front of a page: the first-run sheet and the separate-consent
 * sheet (one at a time). Every page of the host app renders it once.
 */
export function PrivacyLayer() {
  return (
    <>
      <PrivacySheet />
      <ConsentSheet />
    </>
  );
}
