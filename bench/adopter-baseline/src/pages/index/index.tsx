import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Button, Text, View } from '@tarojs/components';

/** The adoption app's home page without the privacy module: the same markup, the camera feature ungated. */
export default function Index() {
  const [state, setState] = useState<'idle' | 'camera' | 'manual'>('idle');
  const scan = () => setState('camera');
  return (
    <View id='adopter-home'>
      <Button id='adopter-scan' onClick={() => void scan()}>
        Scan
      </Button>
      {state !== 'idle' && <Text id='adopter-state'>{state}</Text>}
      <View id='adopter-policy' role='link' onClick={() => void Taro.navigateTo({ url: '/pages/policy/index' })}>
        <Text>Privacy policy</Text>
      </View>
    </View>
  );
}
