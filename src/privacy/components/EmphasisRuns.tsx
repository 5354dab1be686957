import { useMemo } from 'react';
import { Text } from '@tarojs/components';
import type { Lang } from '../domain/contract';
import type { PrivacyDocuments } from '../domain/app';
import { sensitiveTermsByLang, type EmphasisRun } from '../domain/emphasis';
import { usePrivacy } from './PrivacyContext';

/**
 * The wordings to emphasise in `lang`: the app's glossary (`sensitiveTerms`, where it is loaded)
 * and those the policy in force marks itself. Light on purpose: the sheets over the app's own
 * pages use it too, so it must not bring the pages' code into the main package.
 */
export function useEmphasisTerms(lang: Lang, sensitiveTerms: PrivacyDocuments['sensitiveTerms']): readonly string[] {
  const marked = usePrivacy().policy.current.document?.texts[lang].sensitiveTerms;
  return useMemo(() => {
    const glossary = sensitiveTermsByLang(sensitiveTerms)[lang];
    return marked ? [...glossary, ...marked] : glossary;
  }, [sensitiveTerms, marked, lang]);
}

/** A row with the policy's sensitive items bold and underlined (class `pv-s`), as the policy promises. */
export function EmphasisRuns({ runs }: { runs: EmphasisRun[] }) {
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
