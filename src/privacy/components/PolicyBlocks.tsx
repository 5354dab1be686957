import { memo, useMemo } from 'react';
import { Text, View } from '@tarojs/components';
import type { Lang } from '../domain/contract';
import type { PolicyBlock, PolicySection } from '../domain/policy';
import { emphasise, sensitiveTermsByLang, type EmphasisRun } from '../domain/emphasis';
import { blockSegments } from '../domain/policySegments';
import { usePrivacyDocuments } from './PrivacyContext';

/** The wordings of the app's documents to emphasise in `lang`. */
function useSensitiveTerms(lang: Lang): readonly string[] {
  const { sensitiveTerms } = usePrivacyDocuments();
  return useMemo(() => sensitiveTermsByLang(sensitiveTerms), [sensitiveTerms])[lang];
}

/** A row with the policy's sensitive items bold and underlined, as the policy promises. */
function Runs({ runs }: { runs: EmphasisRun[] }) {
  if (runs.length === 1 && !runs[0].sensitive) return <Text>{runs[0].text}</Text>;
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
}

/** A text with the sensitive items emphasised, as in the policy (the collection list's rows). */
export const Emphasised = memo(function Emphasised({ text, lang }: { text: string; lang: Lang }) {
  return <Runs runs={emphasise(text, useSensitiveTerms(lang))} />;
});

/** One block, rendered from its platform-free segments (shared with the ops console's preview). */
const Block = memo(function Block({ block, lang }: { block: PolicyBlock; lang: Lang }) {
  const { type, rows } = blockSegments(block, useSensitiveTerms(lang));
  if (type === 'heading') {
    return (
      <View className='pv-h3' role='heading' aria-level={3}>
        <Text>{rows[0][0].text}</Text>
      </View>
    );
  }
  if (type === 'paragraph') {
    return (
      <View className='pv-p'>
        <Runs runs={rows[0]} />
      </View>
    );
  }
  if (type === 'lines') {
    return (
      <View className='pv-lines'>
        {rows.map((runs, i) => (
          <View key={i} className='pv-line'>
            <Runs runs={runs} />
          </View>
        ))}
      </View>
    );
  }
  return (
    <View className='pv-ul' role='list'>
      {rows.map((runs, i) => (
        <View key={i} className='pv-li' role='listitem'>
          <Runs runs={runs} />
        </View>
      ))}
    </View>
  );
});

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
