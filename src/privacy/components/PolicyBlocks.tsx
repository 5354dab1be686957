import { memo } from 'react';
import { Text, View } from '@tarojs/components';
import type { Lang } from '../domain/contract';
import type { PolicyBlock, PolicySection } from '../domain/policy';
import { emphasise } from '../domain/emphasis';
import { SENSITIVE_TERMS } from '../data/sensitive-terms';

/** A paragraph with the policy's sensitive items bold and underlined, as the policy promises. */
export const Emphasised = memo(function Emphasised({ text, lang }: { text: string; lang: Lang }) {
  const runs = emphasise(text, SENSITIVE_TERMS[lang]);
  if (runs.length === 1 && !runs[0].sensitive) return <Text>{text}</Text>;
  return (
    <Text>
      {runs.map((run, i) =>
        run.sensitive ? (
          <Text key={i} className='pv-s'>
            {run.text}
          </Text>
        ) : (
          run.text
        ),
      )}
    </Text>
  );
});

function Block({ block, lang }: { block: PolicyBlock; lang: Lang }) {
  if (block.type === 'heading') {
    return (
      <View className='pv-h3' role='heading' aria-level={3}>
        <Text>{block.text}</Text>
      </View>
    );
  }
  if (block.type === 'paragraph') {
    return (
      <View className='pv-p'>
        <Emphasised text={block.text} lang={lang} />
      </View>
    );
  }
  if (block.type === 'lines') {
    return (
      <View className='pv-lines'>
        {block.lines.map((line, i) => (
          <View key={i} className='pv-line'>
            <Emphasised text={line} lang={lang} />
          </View>
        ))}
      </View>
    );
  }
  return (
    <View className='pv-ul' role='list'>
      {block.items.map((item, i) => (
        <View key={i} className='pv-li' role='listitem'>
          <Emphasised text={item} lang={lang} />
        </View>
      ))}
    </View>
  );
}

/** One policy section: anchor id `sec-<id>`, its title and the blocks revealed so far. */
export const PolicySectionView = memo(function PolicySectionView({
  section,
  blocks,
  lang,
}: {
  section: PolicySection;
  blocks: PolicyBlock[];
  lang: Lang;
}) {
  return (
    <View id={`sec-${section.id}`} className='pv-section'>
      <View className='pv-h2' role='heading' aria-level={2}>
        <Text>{section.title}</Text>
      </View>
      {blocks.map((block, i) => (
        <Block key={i} block={block} lang={lang} />
      ))}
    </View>
  );
});
