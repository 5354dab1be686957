import Taro from '@tarojs/taro';
import { Button, Text, View } from '@tarojs/components';
import { observer } from 'mobx-react-lite';
import { usePrivacy } from './PrivacyContext';
import { usePageTexts } from './usePageTexts';
import { PolicySectionView } from './PolicyBlocks';
import './PolicyView.scss';

/** The element that scrolls `node` vertically: Taro's h5 page element, else the document. */
function verticalScroller(node: HTMLElement): HTMLElement {
  for (let el = node.parentElement; el; el = el.parentElement) {
    const overflow = getComputedStyle(el).overflowY;
    if ((overflow === 'auto' || overflow === 'scroll') && el.scrollHeight > el.clientHeight) return el;
  }
  return (document.scrollingElement as HTMLElement | null) ?? document.documentElement;
}

const nextFrame = () => new Promise<void>((r) => setTimeout(r, 16));

/**
 * Scrolls the page so a section's heading sits at the top. On WeChat, pageScrollTo runs after the
 * pending setData. In the browser React commits on a later task and the page may still be sliding
 * in: `scrollIntoView` would also scroll sideways through the transformed page (the visual viewport
 * panned off screen), so only the vertical scroller moves, and again until the layout settles.
 */
export async function scrollToSection(id: string): Promise<unknown> {
  if (process.env.TARO_ENV === 'h5') {
    let steady = 0;
    for (let i = 0; i < 120 && steady < 6; i++) {
      const node = document.getElementById(`sec-${id}`);
      if (node) {
        const scroller = verticalScroller(node);
        const page = scroller === document.scrollingElement || scroller === document.documentElement ? 0 : scroller.getBoundingClientRect().top;
        // The back bar stays at the top of the page: the heading lands just below it.
        const top = page + (scroller.querySelector('.bk-bar')?.getBoundingClientRect().height ?? 0);
        const delta = Math.round(node.getBoundingClientRect().top - top);
        const before = scroller.scrollTop;
        if (Math.abs(delta) > 1) scroller.scrollTop = before + delta;
        steady = Math.abs(delta) <= 1 || scroller.scrollTop === before ? steady + 1 : 0;
      }
      await nextFrame();
    }
    return undefined;
  }
  return Taro.pageScrollTo({ selector: `#sec-${id}`, duration: 100 });
}

/**
 * The policy: version and date, language switch, table of contents with jumps, and the sections,
 * revealed progressively as the shopper scrolls or jumps.
 */
export const PolicyView = observer(function PolicyView() {
  const { policy } = usePrivacy();
  const text = policy.text;
  const t = usePageTexts().policy;
  const other = policy.lang === 'zh' ? 'en' : 'zh';

  const jump = async (index: number, id: string) => {
    await policy.revealUntil(index);
    await scrollToSection(id);
  };

  return (
    <View className='pv' id='policy' role='main'>
      <View className='pv-header'>
        {text.overline && (
          <View id='policy-overline' className='pv-overline'>
            <Text>{text.overline}</Text>
          </View>
        )}
        <View className='pv-title' role='heading' aria-level={1}>
          <Text id='policy-title'>{text.title}</Text>
        </View>
        <View className='pv-meta'>
          <Text id='policy-version'>
            {t.version} {policy.current.version}
          </Text>
          <Text className='pv-dot'> · </Text>
          <Text id='policy-updated'>{text.lastUpdatedLabel}</Text>
        </View>
        <Button id='policy-lang' className='pv-lang' size='mini' onClick={() => policy.setLanguage(other)}>
          {t.switchTo}
        </Button>
      </View>
      <View className='pv-toc' role='navigation' aria-label={t.contents}>
        <View className='pv-toc-title'>
          <Text>{t.contents}</Text>
        </View>
        {policy.sections.map((section, index) => (
          <View
            key={section.id}
            id={`toc-${section.id}`}
            className='pv-toc-item'
            role='link'
            onClick={() => jump(index, section.id)}
          >
            <Text>{section.title}</Text>
          </View>
        ))}
      </View>
      <View id='policy-sections'>
        {policy.revealed.map(({ section, blocks }) => (
          <PolicySectionView key={section.id} section={section} blocks={blocks} lang={policy.lang} />
        ))}
      </View>
      {/* A stable parent: removing the last child of the page's root would resend the whole page. */}
      <View id='policy-end'>
        {!policy.fullyRevealed && (
          <View id='policy-more' className='pv-more' role='button' onClick={() => policy.revealMore()}>
            <Text>{t.readMore}</Text>
          </View>
        )}
      </View>
    </View>
  );
});
