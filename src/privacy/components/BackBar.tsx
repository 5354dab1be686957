import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { observer } from 'mobx-react-lite';
import { usePrivacy } from './PrivacyContext';
import { FOCUSABLE } from './focusable';
import './BackBar.scss';

/**
 * A back control at the top of a page that is not the shop's root, in the browser only: WeChat
 * draws its own navigation bar with a back arrow, Taro's h5 build draws none. A page opened
 * directly (no page below it) goes back to the shop's home instead.
 */
export const BackBar = observer(function BackBar() {
  const { routes, policy, texts } = usePrivacy();
  if (process.env.TARO_ENV !== 'h5') return null;
  const back = () => {
    if (Taro.getCurrentPages().length > 1) void Taro.navigateBack();
    else void Taro.reLaunch({ url: routes.home });
  };
  return (
    <View className='bk-bar'>
      <View id='back' className='bk' role='button' {...FOCUSABLE} onClick={back}>
        <Text>{texts[policy.lang].common.back}</Text>
      </View>
    </View>
  );
});
