import { useDidShow } from '@tarojs/taro';
import { BackBar } from '../../components/BackBar';
import { PrivacyCentre } from '../../components/PrivacyCentre';
import { PrivacyLayer } from '../../components/PrivacyLayer';
import { usePrivacy } from '../../components/PrivacyContext';
import { useBundledPolicy } from '../useBundledPolicy';

/** 隐私中心 page. */
export default function PrivacyCentrePage() {
  // The centre shows the policy's contact section.
  useBundledPolicy();
  const root = usePrivacy();
  const { permissions, cancellation } = root;
  useDidShow(() => {
    // Settings may have changed while the page was away; the cancellation may have moved on.
    void root.ready().then(() => Promise.all([permissions.refresh().catch(() => undefined), cancellation.refresh()]));
  });
  return (
    <>
      <BackBar />
      <PrivacyCentre />
      <PrivacyLayer />
    </>
  );
}
