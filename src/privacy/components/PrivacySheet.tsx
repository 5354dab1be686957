import Taro from '@tarojs/taro';
import { Button, Text, View } from '@tarojs/components';
import { observer } from 'mobx-react-lite';
import { FOCUSABLE } from './focusable';
import { usePrivacy } from './PrivacyContext';
import './PrivacySheet.scss';

/** Id of the agree button: WeChat's pending requests are resolved with it as `buttonId`. */
export const AGREE_BUTTON_ID = 'privacy-agree';

/**
 * The first-run privacy sheet: a plain-words summary, links to the policy and the two lists, and
 * agree / refuse with equal weight. Nothing is pre-ticked. The agree button is WeChat's
 * `agreePrivacyAuthorization` button, so its event is what lets WeChat release held calls.
 */
export const PrivacySheet = observer(function PrivacySheet() {
  const { ui, gate, policy, routes, texts } = usePrivacy();
  if (ui.head('privacy') === null) return null;
  const t = texts[policy.lang].sheet;
  const common = texts[policy.lang].common;
  const viaWechat = gate.frameworkSupported === true;

  return (
    <View className='ps-mask'>
      <View id='privacy-sheet' className='ps-sheet' role='dialog' aria-modal='true' aria-labelledby='privacy-sheet-title'>
        <View className='ps-body'>
          <View id='privacy-sheet-title' className='ps-title' role='heading' aria-level={2}>
            <Text>{t.title}</Text>
          </View>
          <View className='ps-intro'>
            <Text>{t.intro}</Text>
          </View>
          {t.points.map((point, i) => (
            <View key={i} className='ps-point'>
              <Text>{point}</Text>
            </View>
          ))}
          <View className='ps-links'>
            <Text>{t.linksIntro} </Text>
            <View id='sheet-policy' className='ps-link' role='link' {...FOCUSABLE} onClick={() => Taro.navigateTo({ url: routes.policy })}>
              <Text>{t.policyLink}</Text>
            </View>
            <View id='sheet-collection' className='ps-link' role='link' {...FOCUSABLE} onClick={() => Taro.navigateTo({ url: routes.collection })}>
              <Text>{common.collectionList}</Text>
            </View>
            <View id='sheet-sharing' className='ps-link' role='link' {...FOCUSABLE} onClick={() => Taro.navigateTo({ url: routes.sharing })}>
              <Text>{common.sharingList}</Text>
            </View>
            {viaWechat && (
              <View id='sheet-wechat-guide' className='ps-link' role='link' {...FOCUSABLE} onClick={() => void gate.openWechatGuide()}>
                <Text>{t.wechatGuideLink}</Text>
              </View>
            )}
          </View>
        </View>
        <View className='ps-footer ps-actions'>
          <Button id='privacy-refuse' className='ps-btn' onClick={() => void gate.refuse()}>
            {t.refuse}
          </Button>
          <Button
            id={AGREE_BUTTON_ID}
            className='ps-btn ps-btn-agree'
            openType='agreePrivacyAuthorization'
            onAgreePrivacyAuthorization={() => void gate.agree(AGREE_BUTTON_ID)}
            // Without WeChat's framework (h5, old base libraries) the tap itself is the agreement.
            onClick={viaWechat ? undefined : () => void gate.agree(AGREE_BUTTON_ID)}
          >
            {t.agree}
          </Button>
        </View>
      </View>
    </View>
  );
});
