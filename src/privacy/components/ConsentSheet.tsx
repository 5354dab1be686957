import Taro from '@tarojs/taro';
import { Button, Text, View } from '@tarojs/components';
import { observer } from 'mobx-react-lite';
import { consentEntry } from '../data/consent-catalogue';
import { usePrivacy } from './PrivacyContext';
import './PrivacySheet.scss';

const LABELS = Object.freeze({
  zh: { why: '用途', ifRefused: '如不同意', policy: '查看隐私政策相关条款', agree: '同意', refuse: '不同意' },
  en: { why: 'What for', ifRefused: 'If you say no', policy: 'Read the policy section', agree: 'Agree', refuse: 'No, thanks' },
});

/** One separate consent on its own step: purpose, consequence of refusal, agree / refuse. */
export const ConsentSheet = observer(function ConsentSheet() {
  const { ui, consents, policy, routes } = usePrivacy();
  const purpose = consents.asking;
  if (ui.openSheet !== 'consent' || purpose === null) return null;
  const entry = consentEntry(purpose);
  const lang = policy.lang;
  const l = LABELS[lang];
  return (
    <View className='ps-mask'>
      <View id='consent-sheet' className='ps-sheet' role='dialog' aria-modal='true' aria-labelledby='consent-sheet-title' data-purpose={purpose}>
        <View id='consent-sheet-title' className='ps-title' role='heading' aria-level={2}>
          <Text>{entry.title[lang]}</Text>
        </View>
        <View className='ps-point'>
          <Text className='ps-label'>{l.why}: </Text>
          <Text id='consent-purpose'>{entry.purposeText[lang]}</Text>
        </View>
        <View className='ps-point'>
          <Text className='ps-label'>{l.ifRefused}: </Text>
          <Text id='consent-if-refused'>{entry.ifRefused[lang]}</Text>
        </View>
        <View className='ps-links'>
          <View
            id='consent-policy'
            className='ps-link'
            role='link'
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
