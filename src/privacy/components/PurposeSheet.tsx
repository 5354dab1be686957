import { Button, Text, View } from '@tarojs/components';
import { observer } from 'mobx-react-lite';
import { FOCUSABLE } from './focusable';
import { usePrivacy } from './PrivacyContext';
import './PurposeSheet.scss';

/**
 * The purpose sheet shown before a system permission prompt: what is accessed, why, and what
 * happens if the shopper refuses, for the one capability being requested. "Continue" leads to the
 * system prompt; "Not now" leaves the feature's fallback and no prompt at all.
 */
export const PurposeSheet = observer(function PurposeSheet() {
  const { permissions, policy, texts } = usePrivacy();
  const entry = permissions.purposeSheetEntry;
  if (!entry) return null;
  const lang = policy.lang;
  const t = texts[lang].purposeSheet;
  const c = entry.capability;

  return (
    <View className='pp-mask'>
      <View
        id='purpose-sheet'
        className='pp-sheet'
        role='dialog'
        aria-modal='true'
        aria-labelledby='purpose-title'
        data-capability={c}
      >
        {/* Its text has no link: the box itself takes focus, so a keyboard can scroll it when it is long. */}
        <View className='pp-body' {...FOCUSABLE}>
          <View id='purpose-title' className='pp-title' role='heading' aria-level={2}>
            <Text>{entry.feature.name[lang]}</Text>
          </View>
          <View className='pp-row'>
            <Text className='pp-label'>{t.what}</Text>
            <Text id='purpose-what' className='pp-text'>{entry.purpose.what[lang]}</Text>
          </View>
          <View className='pp-row'>
            <Text className='pp-label'>{t.why}</Text>
            <Text id='purpose-why' className='pp-text'>{entry.purpose.why[lang]}</Text>
          </View>
          <View className='pp-row'>
            <Text className='pp-label'>{t.ifRefused}</Text>
            <Text id='purpose-if-refused' className='pp-text'>{entry.purpose.ifRefused[lang]}</Text>
          </View>
          <View className='pp-note'>
            <Text>{t.next}</Text>
          </View>
        </View>
        <View className='pp-footer pp-actions'>
          <Button id='purpose-not-now' className='pp-btn' onClick={() => permissions.notNow()}>
            {t.notNow}
          </Button>
          <Button id='purpose-continue' className='pp-btn pp-btn-continue' onClick={() => permissions.confirmPurpose()}>
            {t.continue}
          </Button>
        </View>
      </View>
    </View>
  );
});
