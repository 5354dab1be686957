import Taro from '@tarojs/taro';
import { Button, Text, View } from '@tarojs/components';
import { observer } from 'mobx-react-lite';
import { DISCLOSURE_ARTICLES, type ConsentCatalogueEntry, type ConsentRecipient } from '../domain/consent-schema';
import type { Lang } from '../domain/contract';
import { FOCUSABLE } from './focusable';
import { usePrivacy } from './PrivacyContext';
import './PrivacySheet.scss';

const LABELS = Object.freeze({
  zh: {
    colon: '：', why: '用途', ifRefused: '如不同意', policy: '查看隐私政策相关条款', agree: '同意', refuse: '不同意',
    method: '处理方式', categories: '个人信息种类', recipient: '接收方', contact: '联系方式', address: '地址',
    rights: '如何对境外接收方行使权利', necessity: '必要性', impact: '对您权益的影响', sensitiveInvolved: '可能涉及的敏感个人信息', whoConsents: '由谁同意', basis: '依据',
  },
  en: {
    colon: ': ', why: 'What for', ifRefused: 'If you say no', policy: 'Read the policy section', agree: 'Agree', refuse: 'No, thanks',
    method: 'How it is processed', categories: 'Personal information', recipient: 'Recipient', contact: 'Contact', address: 'Address',
    rights: 'Your rights against the overseas recipient', necessity: 'Why it is needed', impact: 'Impact on your rights', sensitiveInvolved: 'Sensitive information involved', whoConsents: 'Who consents', basis: 'Basis',
  },
});

const Point = ({ id, label, text, lang }: { id: string; label: string; text: string; lang: Lang }) => (
  <View className='ps-point'>
    <Text className='ps-label'>
      {label}
      {LABELS[lang].colon}
    </Text>
    <Text id={id}>{text}</Text>
  </View>
);

/** One separate consent on its own step: purpose, consequence of refusal, agree / refuse. */
export const ConsentSheet = observer(function ConsentSheet() {
  const { ui, consents, policy, routes } = usePrivacy();
  const purpose = consents.asking;
  if (ui.openSheet !== 'consent' || purpose === null) return null;
  const entry = consents.entry(purpose);
  const lang = policy.lang;
  const l = LABELS[lang];
  return (
    <View className='ps-mask'>
      <View id='consent-sheet' className='ps-sheet' role='dialog' aria-modal='true' aria-labelledby='consent-sheet-title' data-purpose={purpose}>
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
        <Point id='consent-method' label={l.method} text={entry.method[lang]} lang={lang} />
        <Point id='consent-categories' label={l.categories} text={entry.categories[lang]} lang={lang} />
        <Disclosure entry={entry} recipient={consents.askingRecipient} lang={lang} />
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
            {DISCLOSURE_ARTICLES[entry.disclosure.article][lang]}
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
        <View className='ps-actions'>
          <Button id='consent-refuse' className='ps-btn' onClick={() => void consents.answer(false)}>
            {l.refuse}
          </Button>
          <Button id='consent-agree' className='ps-btn ps-btn-agree' onClick={() => void consents.answer(true)}>
            {l.agree}
          </Button>
        </View>
      </View>
    </View>
  );
});

const recipientText = (r: ConsentRecipient, lang: Lang) =>
  [r.name[lang], r.address?.[lang], r.contact[lang]].filter((x): x is string => Boolean(x)).join(lang === 'zh' ? '；' : '; ');

/** What the article behind the consent requires it to say beyond purpose, method and categories. */
function Disclosure({ entry, recipient, lang }: { entry: ConsentCatalogueEntry; recipient: ConsentRecipient | null; lang: Lang }) {
  const l = LABELS[lang];
  const d = entry.disclosure;
  switch (d.article) {
    case 'sharing': {
      const list = d.recipientAtUse ? (recipient ? [recipient] : []) : d.recipients;
      return (
        <View id='consent-recipients'>
          {list.map((r, i) => (
            <Point key={i} id={`consent-recipient-${i}`} label={l.recipient} text={recipientText(r, lang)} lang={lang} />
          ))}
        </View>
      );
    }
    case 'cross-border':
      return (
        <View>
          <Point id='consent-recipient-0' label={l.recipient} text={recipientText(d.recipient, lang)} lang={lang} />
          <Point id='consent-rights' label={l.rights} text={d.rights[lang]} lang={lang} />
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
      return <Point id='consent-sensitive-involved' label={l.sensitiveInvolved} text={d.sensitiveInvolved[lang]} lang={lang} />;
    case 'guardian':
      return <Point id='consent-who' label={l.whoConsents} text={d.whoConsents[lang]} lang={lang} />;
    default:
      return null;
  }
}
