import { useState } from 'react';
import { useDidHide, useDidShow } from '@tarojs/taro';
import { CancellationNotice } from './CancellationNotice';
import { ConsentSheet } from './ConsentSheet';
import { PrivacySheet } from './PrivacySheet';
import { PolicyNotice, ReconsentSheet } from './ReconsentSheet';
import { PurposeSheet } from './PurposeSheet';

/**
 * Everything the module may put in front of a page: the first-run sheet, the re-consent sheet or
 * notice, the separate-consent sheet, the permission purpose sheet and the cancellation notice
 * (one at a time). Every page of the host app renders it once.
 */
export function PrivacyLayer() {
  // On h5 the pages below the top stay in the DOM: only the page on screen shows the layer, so
  // there is one dialog and its ids are unique.
  const [onScreen, setOnScreen] = useState(true);
  useDidShow(() => setOnScreen(true));
  useDidHide(() => setOnScreen(false));
  if (!onScreen) return null;
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
