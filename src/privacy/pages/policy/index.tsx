import { useEffect, useState } from 'react';
import { useLoad, useReachBottom } from '@tarojs/taro';
import { observer } from 'mobx-react-lite';
import { BackBar } from '../../components/BackBar';
import { PolicyView, scrollToSection } from '../../components/PolicyView';
import { usePrivacy } from '../../components/PrivacyContext';
import { useBundledPolicy } from '../useBundledPolicy';

/**
 * The full policy. `?section=<id>` opens it at a section (links from consent sheets and "what
 * changed"). A newer version arriving meanwhile restarts the reveal from the top, so the jump is
 * made again for each version shown.
 */
export default observer(function PolicyPage() {
  useBundledPolicy();
  const { policy } = usePrivacy();
  const [section, setSection] = useState<string | null>(null);
  useReachBottom(() => policy.revealMore());
  useLoad((query: Record<string, string | undefined>) => setSection(query.section ?? null));
  const version = policy.current.version;
  useEffect(() => {
    const index = policy.sections.findIndex((s) => s.id === section);
    if (index < 0) return;
    void policy.revealUntil(index).then(() => scrollToSection(policy.sections[index].id));
  }, [section, version]);
  return (
    <>
      <BackBar />
      <PolicyView />
    </>
  );
});
