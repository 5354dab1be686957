import { useState, type ComponentType } from 'react';
import { useDidHide, useDidShow } from '@tarojs/taro';
import { observer } from 'mobx-react-lite';
import type { OverlayKind } from '../stores/OverlayStore';
import { CancellationNotice } from './CancellationNotice';
import { ConsentSheet } from './ConsentSheet';
import { usePrivacy } from './PrivacyContext';
import { PrivacySheet } from './PrivacySheet';
import { PolicyNotice, ReconsentSheet, UpcomingNotice } from './ReconsentSheet';
import { PurposeSheet } from './PurposeSheet';

/** The component of each kind of overlay. */
const OVERLAYS: Readonly<Record<OverlayKind, ComponentType>> = {
  privacy: PrivacySheet,
  reconsent: ReconsentSheet,
  notice: PolicyNotice,
  upcoming: UpcomingNotice,
  consent: ConsentSheet,
  purpose: PurposeSheet,
  'cancellation-status': CancellationNotice,
  'account-deleted': CancellationNotice,
};

/**
 * Whatever the module has in front of the shopper: the head of the overlay queue (first-run
 * sheet, re-consent sheet or notice, separate-consent sheet, purpose sheet, cancellation notice),
 * one at a time. Every page of the host app renders it once.
 */
export const PrivacyLayer = observer(function PrivacyLayer() {
  const { ui } = usePrivacy();
  // On h5 the pages below the top stay in the DOM: only the page on screen shows the layer, so
  // there is one dialog and its ids are unique.
  const [onScreen, setOnScreen] = useState(true);
  useDidShow(() => setOnScreen(true));
  useDidHide(() => setOnScreen(false));
  const kind = ui.current?.kind;
  if (!onScreen || kind === undefined) return null;
  const Overlay = OVERLAYS[kind];
  return <Overlay />;
});
