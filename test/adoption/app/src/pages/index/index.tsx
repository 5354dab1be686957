import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Button, Text, View } from '@tarojs/components';
import { observer } from 'mobx-react-lite';
import { PermissionHint, PrivacyLayer, useFeatureGate, usePrivacy } from '@maison/privacy';

/** One camera feature behind the module's gate, and a link to the policy. */
export default observer(function Index() {
  const { routes } = usePrivacy();
  const [state, setState] = useState<'idle' | 'camera' | 'manual'>('idle');
  const scan = useFeatureGate('camera', { run: () => setState('camera'), fallback: () => setState('manual') });
  return (
    <View id='adopter-home' role='main'>
      <Button id='adopter-scan' onClick={() => void scan()}>
        Scan
      </Button>
      {state !== 'idle' && <Text id='adopter-state'>{state}</Text>}
      <PermissionHint capability='camera' onFallback={() => setState('manual')} />
      <View id='adopter-policy' role='link' onClick={() => void Taro.navigateTo({ url: routes.policy })}>
        <Text>Privacy policy</Text>
      </View>
      <PrivacyLayer />
    </View>
  );
});
