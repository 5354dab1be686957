import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Button, Input, Text, View } from '@tarojs/components';
import { observer } from 'mobx-react-lite';
import { BackBar, PermissionHint, PermissionStatus, PrivacyLayer, useFeatureGate, usePrivacy } from '@maison/privacy';
import '../index/index.scss';
import './index.scss';
import { CAMERA_START_TIMEOUT_MS, ScanCamera, type CameraFailure } from './ScanCamera';

const T = Object.freeze({
  zh: {
    title: '登记保修',
    intro: '扫描保修卡上的二维码，或输入卡上印的编号，为您的腕表或珠宝登记保修。',
    scan: '用摄像头扫描保修卡',
    wechatScan: '使用微信扫一扫',
    typeInstead: '手动输入编号',
    cameraHint: '将保修卡上的二维码放入取景框内。',
    cameraFailed: {
      timeout: `摄像头在 ${CAMERA_START_TIMEOUT_MS / 1000} 秒内未能打开，请在下方输入保修卡上印的编号。`,
      denied: '浏览器未允许使用摄像头，请在下方输入保修卡上印的编号。',
      unavailable: '摄像头无法打开，请在下方输入保修卡上印的编号。',
    } satisfies Record<CameraFailure, string>,
    manualTitle: '输入保修卡编号',
    placeholder: '例如 CW-2024-000123',
    submit: '登记',
    invalid: '请输入保修卡上印的编号（6 至 24 位字母、数字或连字符）。',
    registered: (n: string) => `保修卡 ${n} 已登记。`,
    scanFailed: '扫码未完成，请重试或手动输入编号。',
    failed: '操作未完成，请稍后重试。',
  },
  en: {
    title: 'Register a warranty',
    intro: 'Scan the QR code on your warranty card, or type the number printed on it, to register your watch or jewellery.',
    scan: 'Scan the card with the camera',
    wechatScan: 'Use the WeChat scanner',
    typeInstead: 'Type the number instead',
    cameraHint: 'Hold the QR code of the warranty card inside the frame.',
    cameraFailed: {
      timeout: `The camera did not open within ${CAMERA_START_TIMEOUT_MS / 1000} seconds; please type the number printed on the card below.`,
      denied: 'The browser did not allow the camera; please type the number printed on the card below.',
      unavailable: 'The camera could not be opened; please type the number printed on the card below.',
    } satisfies Record<CameraFailure, string>,
    manualTitle: 'Warranty card number',
    placeholder: 'e.g. CW-2024-000123',
    submit: 'Register',
    invalid: 'Please enter the number printed on the card (6 to 24 letters, digits or hyphens).',
    registered: (n: string) => `Warranty card ${n} registered.`,
    scanFailed: 'The scan did not finish; try again or type the number.',
    failed: 'That did not work; please try again later.',
  },
});

/** Warranty card numbers as printed: letters, digits and hyphens. */
export const WARRANTY_NUMBER = /^[A-Z0-9][A-Z0-9-]{5,23}$/i;

type Mode = 'idle' | 'camera' | 'manual';

/**
 * Warranty registration. The in-page camera needs scope.camera and goes through the permission
 * engine on tap; WeChat's own scanner (`scanCode`) needs no scope and is offered beside it; typing
 * the number is the fallback.
 */
export default observer(function Warranty() {
  const privacy = usePrivacy();
  const { permissions, policy } = privacy;
  const t = T[policy.lang];
  const [mode, setMode] = useState<Mode>('idle');
  const [cameraFailure, setCameraFailure] = useState<CameraFailure | null>(null);
  const [number, setNumber] = useState('');
  const [invalid, setInvalid] = useState(false);
  const [registered, setRegistered] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  const register = (raw: string): boolean => {
    const value = raw.trim().toUpperCase();
    if (!WARRANTY_NUMBER.test(value)) return false;
    setRegistered(value);
    setMode('idle');
    return true;
  };

  const openCamera = useFeatureGate('camera', {
    run: () => {
      setCameraFailure(null);
      setMode('camera');
    },
    fallback: () => setMode('manual'),
    onError: (err) => {
      console.error('[warranty] camera request failed', err);
      setProblem(t.failed);
    },
  });
  const scanWithCamera = () => {
    setProblem(null);
    return openCamera();
  };

  const scanWithWechat = () => {
    setProblem(null);
    // WeChat's own scanner: no scope, no purpose sheet; the shopper sees WeChat's screen.
    Taro.scanCode({ onlyFromCamera: true, scanType: ['qrCode', 'barCode'] })
      .then((res) => {
        if (!register(res.result)) setProblem(t.scanFailed);
      })
      .catch((err: unknown) => {
        const errMsg = typeof err === 'object' && err !== null ? String((err as { errMsg?: unknown }).errMsg ?? '') : '';
        // Closing the scanner is not a failure.
        if (!/cancel/.test(errMsg)) setProblem(t.scanFailed);
      });
  };

  const submit = () => {
    const ok = register(number);
    setInvalid(!ok);
  };

  // The camera is rendered only while the capability is granted: a change in settings removes it.
  const showCamera = mode === 'camera' && permissions.status('camera') === PermissionStatus.GRANTED;

  return (
    <View id='warranty' className='page' role='main'>
      <BackBar />
      <View className='hero' role='heading' aria-level={1}>
        <Text>{t.title}</Text>
      </View>
      <View className='feature-intro'>
        <Text>{t.intro}</Text>
      </View>
      {registered && (
        <View id='warranty-result' className='feature-done' role='status'>
          <Text>{t.registered(registered)}</Text>
        </View>
      )}
      <View className='feature-actions'>
        <Button id='warranty-scan' className='feature-btn' onClick={() => void scanWithCamera()}>
          {t.scan}
        </Button>
        {process.env.TARO_ENV === 'weapp' && (
          <Button id='warranty-wechat-scan' className='feature-btn-plain' onClick={scanWithWechat}>
            {t.wechatScan}
          </Button>
        )}
        {mode !== 'manual' && (
          <View id='warranty-type-instead' className='link' role='link' onClick={() => setMode('manual')}>
            <Text>{t.typeInstead}</Text>
          </View>
        )}
      </View>
      {problem && (
        <View id='warranty-problem' className='feature-error' role='alert'>
          <Text>{problem}</Text>
        </View>
      )}
      <PermissionHint capability='camera' onFallback={() => setMode('manual')} onAllow={() => void openCamera.allow()} />
      {showCamera && (
        <View id='warranty-camera-box' className='feature-box'>
          <ScanCamera
            lang={policy.lang}
            onCode={(raw) => {
              if (!register(raw)) setProblem(t.scanFailed);
            }}
            onFail={(reason) => {
              setCameraFailure(reason);
              setMode('manual');
            }}
            onRevoked={() => {
              // WeChat refused the camera after all (changed in settings): re-read the statuses.
              permissions.refresh().catch((err: unknown) => console.error('[warranty] re-reading permissions failed', err));
            }}
          />
          <Text className='feature-note'>{t.cameraHint}</Text>
        </View>
      )}
      {mode === 'manual' && (
        <View id='warranty-manual' className='feature-box'>
          {cameraFailure && (
            <View id='warranty-camera-failed' className='feature-error' role='status'>
              <Text>{t.cameraFailed[cameraFailure]}</Text>
            </View>
          )}
          <View className='feature-title'>
            <Text id='warranty-manual-title'>{t.manualTitle}</Text>
          </View>
          <Input
            id='warranty-number'
            className='feature-input'
            value={number}
            placeholder={t.placeholder}
            aria-labelledby='warranty-manual-title'
            maxlength={24}
            onInput={(e) => setNumber(e.detail.value)}
          />
          {invalid && (
            <View id='warranty-invalid' className='feature-error' role='alert'>
              <Text>{t.invalid}</Text>
            </View>
          )}
          <Button id='warranty-submit' className='feature-btn' onClick={submit}>
            {t.submit}
          </Button>
        </View>
      )}
      <PrivacyLayer />
    </View>
  );
});
