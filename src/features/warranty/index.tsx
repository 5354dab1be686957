import { useEffect, useRef, useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { Button, Input, Text, View } from '@tarojs/components';
import { observer } from 'mobx-react-lite';
import { BackBar, PermissionHint, PermissionStatus, PrivacyLayer, useFeatureGate, usePrivacy } from '@maison/privacy';
import { shopApi } from '../../shop/instance';
import type { Warranty as WarrantyRecord } from '../../shop/shopApi';
import { WARRANTY_NUMBER } from '../../shop/warranty';
import '../../pages/index/index.scss';
import './index.scss';
import { CAMERA_START_TIMEOUT_MS, NO_CODE_TIMEOUT_MS, ScanCamera, type CameraFailure } from './ScanCamera';

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
    registeredLocal: (n: string) => `保修卡 ${n} 已在中国大陆登记。您未同意个人信息出境，您的保修信息仅在中国大陆境内处理。`,
    registeredAbroad: (n: string) => `保修卡 ${n} 已登记国际保修。`,
    sending: (n: string) => `正在登记保修卡 ${n}…`,
    sendFailed: (n: string) => `未能确认保修卡 ${n} 已登记（网络或服务异常）。请点击“重试”；重试不会重复登记。`,
    retry: '重试',
    noCode: `${NO_CODE_TIMEOUT_MS / 1000} 秒内未识别到二维码。请将保修卡上的二维码对准取景框，或在下方输入卡上印的编号。`,
    signIn: '登记保修需要会员账户：请先在“我的”页成为会员。',
    goMe: '前往“我的”',
    mine: '您已登记的保修卡',
    abroadTag: '国际保修',
    localTag: '中国大陆',
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
    registeredLocal: (n: string) => `Warranty card ${n} registered in mainland China. You did not agree to the transfer abroad, so your warranty is processed in mainland China only.`,
    registeredAbroad: (n: string) => `Warranty card ${n} registered for the international warranty.`,
    sending: (n: string) => `Registering warranty card ${n}…`,
    sendFailed: (n: string) => `We could not confirm that warranty card ${n} is registered (network or service problem). Tap "Try again"; the card will not be registered twice.`,
    retry: 'Try again',
    noCode: `No QR code was read in ${NO_CODE_TIMEOUT_MS / 1000} seconds. Hold the QR code of the card inside the frame, or type the number printed on the card below.`,
    signIn: 'Registering a warranty needs a membership: please join on the Me page first.',
    goMe: 'Go to Me',
    mine: 'Your registered warranty cards',
    abroadTag: 'International',
    localTag: 'Mainland China',
    scanFailed: 'The scan did not finish; try again or type the number.',
    failed: 'That did not work; please try again later.',
  },
});

export { WARRANTY_NUMBER };

type Mode = 'idle' | 'camera' | 'manual';

/** One registration attempt: a retry of the same card sends the same key, so nothing is stored twice. */
interface Attempt {
  serial: string;
  key: string;
  state: 'sending' | 'failed';
}

const newKey = () => `wty-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 12)}`;

/**
 * Warranty registration. The in-page camera needs scope.camera and goes through the permission
 * engine on tap; WeChat's own scanner (`scanCode`) needs no scope and is offered beside it; typing
 * the number is the fallback.
 */
export default observer(function Warranty() {
  const privacy = usePrivacy();
  const { permissions, policy, account, consentPrompts, consent } = privacy;
  const t = T[policy.lang];
  // Opened from "Register an international warranty": the cross-border consent is asked on registering.
  const international = useRouter().params.international === '1';
  const [mode, setMode] = useState<Mode>('idle');
  const [cameraFailure, setCameraFailure] = useState<CameraFailure | null>(null);
  const [noCode, setNoCode] = useState(false);
  const [number, setNumber] = useState('');
  const [invalid, setInvalid] = useState(false);
  const [result, setResult] = useState<string | null>(null);
  const [attempt, setAttempt] = useState<Attempt | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [mine, setMine] = useState<WarrantyRecord[]>([]);
  // The attempt being retried: the same card keeps its key until the server has answered.
  const pending = useRef<{ serial: string; key: string } | null>(null);

  const loadMine = () => {
    shopApi
      .warranties()
      .then(setMine)
      .catch((err: unknown) => console.warn('[warranty] reading the registered cards failed', err));
  };
  useEffect(() => {
    if (account.signedIn) loadMine();
  }, [account.signedIn]);

  /** Sends a registration; "registered" is said only once the server has stored it. */
  const send = async (serial: string): Promise<void> => {
    if (!pending.current || pending.current.serial !== serial) pending.current = { serial, key: newKey() };
    const { key } = pending.current;
    setAttempt({ serial, key, state: 'sending' });
    setResult(null);
    setProblem(null);
    try {
      // The sheet's alternative when refused: registered in mainland China only.
      const abroad = international && (consentPrompts.has('cross-border') || (await consentPrompts.request('cross-border')) === 'granted');
      // The server checks its own copy of the ledger: a consent just given is sent first.
      if (abroad) await consent.sync();
      const stored = await shopApi.registerWarranty(serial, abroad, key);
      pending.current = null;
      setAttempt(null);
      setResult(!international ? t.registered(stored.serial) : stored.international ? t.registeredAbroad(stored.serial) : t.registeredLocal(stored.serial));
      loadMine();
    } catch (err) {
      console.warn('[warranty] registration failed', err);
      setAttempt({ serial, key, state: 'failed' });
    }
  };

  /** Checks a scanned or typed number; false when it is not a warranty number. */
  const register = (raw: string): boolean => {
    const value = raw.trim().toUpperCase();
    if (!WARRANTY_NUMBER.test(value)) return false;
    setMode('idle');
    void send(value);
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
    setNoCode(false);
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
    // A registration on its way is not sent again by a second tap.
    if (attempt?.state === 'sending') return;
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
      {!account.signedIn && (
        <View id='warranty-sign-in' className='feature-box' role='region' aria-label={t.title}>
          <Text className='feature-note'>{t.signIn}</Text>
          <View id='warranty-go-me' className='link' role='link' onClick={() => Taro.navigateBack().catch(() => Taro.redirectTo({ url: '/pages/me/index' }))}>
            <Text>{t.goMe}</Text>
          </View>
        </View>
      )}
      {result && (
        <View id='warranty-result' className='feature-done' role='status'>
          <Text>{result}</Text>
        </View>
      )}
      {attempt?.state === 'sending' && (
        <View id='warranty-sending' className='feature-note' role='status'>
          <Text>{t.sending(attempt.serial)}</Text>
        </View>
      )}
      {attempt?.state === 'failed' && (
        <View id='warranty-send-failed' className='feature-box' role='alert'>
          <Text className='feature-error'>{t.sendFailed(attempt.serial)}</Text>
          <Button id='warranty-retry' className='feature-btn' onClick={() => void send(attempt.serial)}>
            {t.retry}
          </Button>
        </View>
      )}
      {account.signedIn && (
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
      )}
      {problem && (
        <View id='warranty-problem' className='feature-error' role='alert'>
          <Text>{problem}</Text>
        </View>
      )}
      <PermissionHint capability='camera' onFallback={mode === 'manual' ? undefined : () => setMode('manual')} onAllow={() => void openCamera.allow()} />
      {showCamera && (
        <View id='warranty-camera-box' className='feature-box'>
          <ScanCamera
            lang={policy.lang}
            onCode={(raw) => {
              if (!register(raw)) setProblem(t.scanFailed);
            }}
            onNoCode={() => setNoCode(true)}
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
          {noCode && (
            <View id='warranty-no-code' className='feature-error' role='alert'>
              <Text>{t.noCode}</Text>
            </View>
          )}
        </View>
      )}
      {account.signedIn && (mode === 'manual' || (showCamera && noCode)) && (
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
            aria-invalid={invalid}
            onInput={(e) => setNumber(e.detail?.value ?? '')}
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
      {account.signedIn && mine.length > 0 && (
        <View id='warranty-mine' className='feature-box' role='region' aria-labelledby='warranty-mine-title'>
          <View id='warranty-mine-title' className='feature-title' role='heading' aria-level={2}>
            <Text>{t.mine}</Text>
          </View>
          <View role='list'>
            {mine.map((w) => (
              <View key={w.id} id={`warranty-card-${w.serial}`} className='choice' role='listitem'>
                <Text>{w.serial}</Text>
                <Text className='choice-meta'>{w.international ? t.abroadTag : t.localTag}</Text>
              </View>
            ))}
          </View>
        </View>
      )}
      <PrivacyLayer />
    </View>
  );
});
