import { useLoad, useReachBottom } from '@tarojs/taro';
import { PolicyView, scrollToSection } from '../../components/PolicyView';
import { usePrivacy } from '../../components/PrivacyContext';
import { useBundledPolicy } from '../useBundledPolicy';

/** The full policy. `?section=<id>` opens it at a section (links from "what changed"). */
export default function PolicyPage() {
  useBundledPolicy();
  const { policy } = usePrivacy();
  useReachBottom(() => policy.revealMore());
  useLoad(async (query: Record<string, string | undefined>) => {
    const index = policy.sections.findIndex((s) => s.id === query.section);
    if (index < 0) return;
    await policy.revealUntil(index);
    await scrollToSection(policy.sections[index].id);
  });
  return <PolicyView />;
}
