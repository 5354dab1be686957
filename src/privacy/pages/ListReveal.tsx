import { useMemo, useState } from 'react';
import { useReachBottom } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { observer } from 'mobx-react-lite';
import { usePageTexts } from '../components/usePageTexts';
import type { LocalisedText } from '../domain/lists';
import { planListChunks } from '../domain/reveal';
import './ListReveal.scss';

/**
 * A long list page renders its rows chunk by chunk, as the policy page does, so that neither the
 * first setData nor the node count of the first render is large: the next chunk comes when the
 * shopper scrolls near the end or taps "continue".
 */
export function useListReveal<T>(items: readonly T[], texts: (item: T) => readonly (LocalisedText | undefined)[]): { shown: readonly T[]; more: (() => void) | null } {
  const ends = useMemo(
    () => planListChunks(items.map((item) => (['zh', 'en'] as const).map((lang) => texts(item).map((t) => t?.[lang] ?? '')))),
    // `texts` describes a row and never changes: the plan depends on the rows alone.
    [items],
  );
  const [count, setCount] = useState(ends[0] ?? 0);
  const next = ends.find((end) => end > count);
  const more = next === undefined ? null : () => setCount(next);
  useReachBottom(() => more?.());
  return { shown: count >= items.length ? items : items.slice(0, count), more };
}

/** The "continue" row under a partly rendered list. */
export const RevealMore = observer(function RevealMore({ id, onClick }: { id: string; onClick: () => void }) {
  const t = usePageTexts().lists;
  return (
    <View id={id} className='lv-more' role='button' onClick={onClick}>
      <Text>{t.readMore}</Text>
    </View>
  );
});
