import { CancellationNotice } from './CancellationNotice';
import { ConsentSheet } from './ConsentSheet';
import { PrivacySheet } from './PrivacySheet';
import { PolicyNotice, ReconsentSheet } from './ReconsentSheet';
import { PurposeSheet } from './PurposeSheet';

/**
 * Everything the module may put in front of a page: the first-run sheet, the separate-consent
 * sheet and the permission purpose sheet (one at a time). Every page of the host app renders it once.
 */
export function PrivacyLayer() {
  return (
    <>
      <PrivacySheet />
      <ReconsentSheet />
      <PolicyNotice />
      <ConsentSheet />
      <PurposeSheet />
      <CancellationNotice />
    </>
  );
}
