import { memo } from 'react';
import { Text, View } from '@tarojs/components';
import type { Lang } from '../domain/contract';
import type { PolicyBlock, PolicySection } from '../domain/policy';
import { emphasise, type EmphasisRun } from '../domain/emphasis';
import { CONTACT_SECTION_ID } from '../domain/contactLinks';
import { blockSegments } from '../domain/policySegments';
import { ContactText } from './ContactText';
import { usePrivacyDocuments } from './PrivacyContext';
import { EmphasisRuns, useEmphasisTerms } from './EmphasisRuns';

/** The wordings to emphasise on the module's pages (which always have the app's documents). */
const useSensitiveTerms = (lang: Lang) => useEmphasisTerms(lang, usePrivacyDocuments().sensitiveTerms);

/**
 * A row of the contact section: sensitive items emphasised as elsewhere, phone numbers and e-mail
 * addresses tappable (`ContactText`). Its pieces are the row element's children, as `Runs` one level.
 */
function ContactRuns({ runs, id }: { runs: EmphasisRun[]; id: string }) {
  return (
    <>
      {runs.map((run, i) =>
        run.sensitive ? (
          <Text key={i} className='pv-s'>
            {run.text}
          </Text>
        ) : (
          <ContactText key={i} text={run.text} id={`${id}-${i}`} linkClassName='pv-contact-link' />
        ),
      )}
    </>
  );
}

/** A text with the sensitive items emphasised, as in the policy (the collection list's rows). */
export const Emphasised = memo(function Emphasised({ text, lang }: { text: string; lang: Lang }) {
  return <EmphasisRuns runs={emphasise(text, useSensitiveTerms(lang))} />;
});

/** One block, rendered from its platform-free segments (shared with the ops console's preview). */
const Block = memo(function Block({ block, lang, contactId }: { block: PolicyBlock; lang: Lang; contactId?: string }) {
  const { type, rows } = blockSegments(block, useSensitiveTerms(lang));
  // In the contact section, a row's numbers and addresses are links.
  const row = (runs: EmphasisRun[], i: number) => (contactId === undefined ? <EmphasisRuns runs={runs} /> : <ContactRuns runs={runs} id={`${contactId}-${i}`} />);
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
        {row(rows[0], 0)}
      </View>
    );
  }
  if (type === 'lines') {
    return (
      <View className='pv-lines'>
        {rows.map((runs, i) => (
          <View key={i} className='pv-line'>
            {row(runs, i)}
          </View>
        ))}
      </View>
    );
  }
  return (
    <View className='pv-ul' role='list'>
      {rows.map((runs, i) => (
        <View key={i} className='pv-li' role='listitem'>
          {row(runs, i)}
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
        <Block key={i} block={block} lang={lang} contactId={section.id === CONTACT_SECTION_ID ? `policy-contact-${i}` : undefined} />
      ))}
    </View>
  );
});
