import Taro from '@tarojs/taro';
import { Button, Text, View } from '@tarojs/components';
import { observer } from 'mobx-react-lite';
import { formatChinaTime } from '../domain/chinaTime';
import { FOCUSABLE } from './focusable';
import { emphasise } from '../domain/emphasis';
import { EmphasisRuns, useEmphasisTerms } from './EmphasisRuns';
import type { Lang } from '../domain/contract';
import { useOptionalPrivacyDocuments, usePrivacy } from './PrivacyContext';
import './PrivacySheet.scss';

/**
 * A sentence a new version adds, its sensitive wordings bold and underlined: those the version
 * marks itself, and the app's glossary where it is loaded (on the module's pages; the sheet also
 * shows over the app's own pages, whose package does not carry the glossary).
 */
const ChangedSentence = observer(function ChangedSentence({ text, lang }: { text: string; lang: Lang }) {
  return <EmphasisRuns runs={emphasise(text, useEmphasisTerms(lang, useOptionalPrivacyDocuments()?.sensitiveTerms))} />;
});

/**
 * Blocking re-consent after a material change: the summary, each changed section's link with the
 * sentences it adds or rewords highlighted, agree / refuse.
 */
export const ReconsentSheet = observer(function ReconsentSheet() {
  const { ui, updates, policy, routes, texts } = usePrivacy();
  if (ui.head('reconsent') === null || !updates.meta) return null;
  const t = texts[policy.lang].reconsent;
  const { colon } = texts[policy.lang].common;
  const titles = new Map(policy.sections.map((s) => [s.id, s.title]));
  return (
    <View className='ps-mask'>
      <View id='reconsent-sheet' className='ps-sheet' role='dialog' aria-modal='true' aria-labelledby='reconsent-title'>
        <View className='ps-body'>
          <View id='reconsent-title' className='ps-title' role='heading' aria-level={2}>
            <Text>{t.title}</Text>
          </View>
          <View className='ps-intro'>
            <Text>
              {t.intro(updates.meta.version)}
            </Text>
          </View>
          <View id='reconsent-summary' className='ps-point'>
            <Text>{updates.summary}</Text>
          </View>
          {updates.changedSections.length > 0 && (
            <View className='ps-links'>
              <Text>
                {t.changed}
                {colon}
              </Text>
              {updates.changedSections.map((id) => {
                const sentences = updates.changedSentences.get(id) ?? [];
                return (
                  <View key={id} className='ps-change'>
                    <View id={`changed-${id}`} className='ps-link' role='link' {...FOCUSABLE} onClick={() => Taro.navigateTo({ url: `${routes.policy}?section=${id}` })}>
                      <Text>{titles.get(id) ?? id}</Text>
                    </View>
                    {sentences.length > 0 && (
                      <View id={`changed-text-${id}`} className='ps-changed' role='group' aria-label={t.changedText}>
                        {sentences.map((sentence, i) => (
                          <View key={i} className='ps-changed-sentence'>
                            <ChangedSentence text={sentence} lang={policy.lang} />
                          </View>
                        ))}
                      </View>
                    )}
                  </View>
                );
              })}
            </View>
          )}
          <View className='ps-links'>
            <View id='reconsent-policy' className='ps-link' role='link' {...FOCUSABLE} onClick={() => Taro.navigateTo({ url: routes.policy })}>
              <Text>{t.read}</Text>
            </View>
          </View>
        </View>
        <View className='ps-footer ps-actions'>
          <Button id='reconsent-refuse' className='ps-btn' onClick={() => void updates.refuse()}>
            {t.refuse}
          </Button>
          <Button id='reconsent-agree' className='ps-btn ps-btn-agree' onClick={() => void updates.accept('reconsent-sheet')}>
            {t.agree}
          </Button>
        </View>
      </View>
    </View>
  );
});

/**
 * The advance notice of a material version scheduled to take effect later: when, and its summary
 * (the seed promises notice before a major change). Dismissed once per version.
 */
export const UpcomingNotice = observer(function UpcomingNotice() {
  const { ui, updates, policy, texts } = usePrivacy();
  const next = updates.upcoming;
  if (ui.head('upcoming') === null || !next) return null;
  const t = texts[policy.lang].reconsent;
  const { colon, time } = texts[policy.lang].common;
  return (
    <View id='policy-upcoming' className='ps-notice' role='status'>
      <Text id='upcoming-when'>{t.upcoming(next.version, formatChinaTime(next.effectiveAt, time))}</Text>
      {next.summary ? (
        <View id='upcoming-summary' className='ps-point'>
          <Text>
            {t.whatChanges}
            {colon}
            {next.summary}
          </Text>
        </View>
      ) : null}
      <Button id='upcoming-dismiss' size='mini' onClick={() => void updates.dismissUpcoming()}>
        {t.ok}
      </Button>
    </View>
  );
});

/** A dismissible notice for a non-material version. */
export const PolicyNotice = observer(function PolicyNotice() {
  const { ui, updates, policy, routes, texts } = usePrivacy();
  if (ui.head('notice') === null || !updates.meta) return null;
  const t = texts[policy.lang].reconsent;
  const { colon } = texts[policy.lang].common;
  return (
    <View id='policy-notice' className='ps-notice' role='status'>
      <Text>
        {t.notice(updates.meta.version)}
        {updates.summary ? `${colon}${updates.summary}` : ''}
      </Text>
      <View id='notice-read' className='ps-link' role='link' {...FOCUSABLE} onClick={() => Taro.navigateTo({ url: routes.policy })}>
        <Text>{t.read}</Text>
      </View>
      <Button id='notice-dismiss' size='mini' onClick={() => void updates.dismissNotice()}>
        {t.ok}
      </Button>
    </View>
  );
});
