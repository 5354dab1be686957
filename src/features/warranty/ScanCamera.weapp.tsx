import { useEffect, useRef, useState } from 'react';
import { Camera, Text, View } from '@tarojs/components';
import { NO_CODE_TIMEOUT_MS, type ScanCameraProps } from './ScanCamera';

const T = Object.freeze({
  zh: { starting: '正在打开摄像头…', ready: '摄像头已就绪', noCode: '未识别到二维码，摄像头仍在识别。' },
  en: { starting: 'Opening the camera…', ready: 'Camera ready', noCode: 'No QR code read yet; the camera is still looking.' },
});

/** The mini-program's in-page `<Camera mode="scanCode">`, WeChat's and Douyin's (needs scope.camera, granted before it renders). */
export function ScanCameraWeapp({ lang, onCode, onFail, onRevoked, onNoCode }: ScanCameraProps) {
  const [ready, setReady] = useState(false);
  const [noCode, setNoCode] = useState(false);
  const t = T[lang];
  const latest = useRef(onNoCode);
  latest.current = onNoCode;
  // Once the camera is ready, a code not read within NO_CODE_TIMEOUT_MS is said, and typing offered.
  useEffect(() => {
    if (!ready) return undefined;
    const timer = setTimeout(() => {
      setNoCode(true);
      latest.current?.();
    }, NO_CODE_TIMEOUT_MS);
    return () => clearTimeout(timer);
  }, [ready]);
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
        <Text>{noCode ? t.noCode : ready ? t.ready : t.starting}</Text>
      </View>
    </>
  );
}
