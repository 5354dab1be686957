import Taro from '@tarojs/taro';
import { Button, Text, View } from '@tarojs/components';
import { observer } from 'mobx-react-lite';
import type { ConsentCatalogueEntry, ConsentRecipient } from '../domain/consent-schema';
import type { Lang } from '../domain/contract';
import type { MainTexts } from '../texts/types';
import { FOCUSABLE } from './focusable';
import { usePrivacy } from './PrivacyContext';
import './PrivacySheet.scss';

/** The sheet's words and the shared colon, in the shopper's language. */
type Words = MainTexts['consentSheet'] & { colon: string };

const Point = ({ id, label, text, l }: { id: string; label: string; text: string; l: Words }) => (
  <View className='ps-point'>
    <Text className='ps-label'>
      {label}
      {l.colon}
    </Text>
    <Text id={id}>{text}</Text>
  </View>
);

/** One separate consent on its own step: purpose, consequence of refusal, agree / refuse. */
export const ConsentSheet = observer(function ConsentSheet() {
  const { consentPrompts, policy, routes, texts } = usePrivacy();
  const purpose = consentPrompts.asking;
  if (purpose === null) return null;
  const entry = consentPrompts.entry(purpose);
  const lang = policy.lang;
  const l: Words = { ...texts[lang].consentSheet, colon: texts[lang].common.colon };
  return (
    <View className='ps-mask'>
      <View id='consent-sheet' className='ps-sheet' role='dialog' aria-modal='true' aria-labelledby='consent-sheet-title' data-purpose={purpose}>
        <View className='ps-body'>
          <View id='consent-sheet-title' className='ps-title' role='heading' aria-level={2}>
            <Text>{entry.title[lang]}</Text>
          </View>
          <View className='ps-point'>
            <Text className='ps-label'>
              {l.why}
              {l.colon}
            </Text>
            <Text id='consent-purpose'>{entry.purposeText[lang]}</Text>
          </View>
          <Point id='consent-method' label={l.method} text={entry.method[lang]} l={l} />
          <Point id='consent-categories' label={l.categories} text={entry.categories[lang]} l={l} />
          <Disclosure entry={entry} recipient={consentPrompts.askingRecipient} lang={lang} l={l} />
          <View className='ps-point'>
            <Text className='ps-label'>
              {l.ifRefused}
              {l.colon}
            </Text>
            <Text id='consent-if-refused'>{entry.ifRefused[lang]}</Text>
          </View>
          <View className='ps-point'>
            <Text id='consent-basis' className='ps-label'>
              {l.basis}
              {l.colon}
              {l.articles[entry.disclosure.article]}
            </Text>
          </View>
          <View className='ps-links'>
            <View
              id='consent-policy'
              className='ps-link'
              role='link'
              {...FOCUSABLE}
              onClick={() => Taro.navigateTo({ url: `${routes.policy}?section=${entry.sectionId}` })}
            >
              <Text>{l.policy}</Text>
            </View>
          </View>
        </View>
        <View className='ps-footer ps-actions'>
          <Button id='consent-refuse' className='ps-btn' onClick={() => void consentPrompts.answer(false)}>
            {l.refuse}
          </Button>
          <Button id='consent-agree' className='ps-btn ps-btn-agree' onClick={() => void consentPrompts.answer(true)}>
            {l.agree}
          </Button>
        </View>
      </View>
    </View>
  );
});

const recipientText = (r: ConsentRecipient, lang: Lang, l: Words) =>
  [r.name[lang], r.address?.[lang], r.contact[lang]].filter((x): x is string => Boolean(x)).join(l.separator);

/** What the article behind the consent requires it to say beyond purpose, method and categories. */
function Disclosure({ entry, recipient, lang, l }: { entry: ConsentCatalogueEntry; recipient: ConsentRecipient | null; lang: Lang; l: Words }) {
  const d = entry.disclosure;
  switch (d.article) {
    case 'sharing': {
      const list = d.recipientAtUse ? (recipient ? [recipient] : []) : d.recipients;
      return (
        <View id='consent-recipients'>
          {list.map((r, i) => (
            <Point key={i} id={`consent-recipient-${i}`} label={l.recipient} text={recipientText(r, lang, l)} l={l} />
          ))}
        </View>
      );
    }
    case 'cross-border':
      return (
        <View>
          <Point id='consent-recipient-0' label={l.recipient} text={recipientText(d.recipient, lang, l)} l={l} />
          <Point id='consent-rights' label={l.rights} text={d.rights[lang]} l={l} />
        </View>
      );
    case 'sensitive':
      return (
        <View id='consent-sensitive-items'>
          {d.items.map((it, i) => (
            <View key={i} className='ps-point'>
              <Text className='ps-label'>{it.category[lang]}</Text>
              <Text id={`consent-necessity-${i}`}>{`${l.necessity}${l.colon}${it.necessity[lang]}`}</Text>
              <Text id={`consent-impact-${i}`}>{`${l.impact}${l.colon}${it.impact[lang]}`}</Text>
            </View>
          ))}
        </View>
      );
    case 'public-disclosure':
      return <Point id='consent-sensitive-involved' label={l.sensitiveInvolved} text={d.sensitiveInvolved[lang]} l={l} />;
    case 'guardian':
      return <Point id='consent-who' label={l.whoConsents} text={d.whoConsents[lang]} l={l} />;
    default:
      return null;
  }
}
