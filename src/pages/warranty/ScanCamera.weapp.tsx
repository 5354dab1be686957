import { useState } from 'react';
import { Camera, Text, View } from '@tarojs/components';
import type { ScanCameraProps } from './ScanCamera';

const T = Object.freeze({
  zh: { starting: '正在打开摄像头…', ready: '摄像头已就绪' },
  en: { starting: 'Opening the camera…', ready: 'Camera ready' },
});

/** WeChat's in-page `<Camera mode="scanCode">` (needs scope.camera, granted before it renders). */
export function ScanCameraWeapp({ lang, onCode, onFail, onRevoked }: ScanCameraProps) {
  const [ready, setReady] = useState(false);
  const t = T[lang];
  return (
    <>
      <Camera
        id='warranty-camera'
        className='warranty-camera'
        mode='scanCode'
        devicePosition='back'
        flash='off'
        onInitDone={() => setReady(true)}
        onError={() => {
          onFail('unavailable');
          onRevoked?.();
        }}
        onScanCode={(e) => onCode(e.detail.result)}
      />
      <View id='warranty-camera-state' className='feature-note' role='status'>
        <Text>{ready ? t.ready : t.starting}</Text>
      </View>
    </>
  );
}
