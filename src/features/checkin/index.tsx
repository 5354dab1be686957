import { useState } from 'react';
import { useRouter } from '@tarojs/taro';
import { Button, Text, View } from '@tarojs/components';
import { observer } from 'mobx-react-lite';
import { BackBar, PermissionHint, PrivacyLayer, useFeatureGate, usePrivacy } from '@maison/privacy';
import { BOUTIQUES, boutiqueById } from '../../shop/boutiques';
import '../../pages/index/index.scss';
// The feature pages share one small stylesheet.
import '../warranty/index.scss';

const T = Object.freeze({
  zh: {
    title: '到店签到',
    intro: (b: string) => `您在${b}吗？使用蓝牙识别店内信标完成签到，或向店员出示签到码。`,
    start: '使用蓝牙签到',
    showCode: '出示签到码',
    done: (b: string) => `已在${b}签到，欢迎光临。`,
    codeTitle: '请向店员出示此签到码',
    codeNote: '签到码仅本次到店有效。',
    failed: '操作未完成，请稍后重试。',
  },
  en: {
    title: 'Boutique check-in',
    intro: (b: string) => `At ${b}? Check in with Bluetooth, which detects the in-store beacon, or show a check-in code to our staff.`,
    start: 'Check in with Bluetooth',
    showCode: 'Show a check-in code',
    done: (b: string) => `Checked in at ${b}. Welcome.`,
    codeTitle: 'Please show this code to our staff',
    codeNote: 'The code is valid for this visit only.',
    failed: 'That did not work; please try again later.',
  },
});

/** A six-digit code staff type at the till; random per visit, it identifies nobody. */
function newCheckInCode(): string {
  return String(100000 + Math.floor(Math.random() * 900000));
}

/**
 * In-boutique check-in: Bluetooth (scope.bluetooth, then the adapter) on tap through the
 * permission engine; a check-in code to show staff is the fallback and needs nothing.
 */
export default observer(function CheckIn() {
  const privacy = usePrivacy();
  const lang = privacy.policy.lang;
  const t = T[lang];
  const router = useRouter();
  const boutique = boutiqueById(String(router.params.boutique ?? '')) ?? BOUTIQUES[0];
  const [checkedIn, setCheckedIn] = useState(false);
  const [code, setCode] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  const showCode = () => setCode((c) => c ?? newCheckInCode());

  const checkIn = useFeatureGate('bluetooth', {
    run: () => setCheckedIn(true),
    fallback: showCode,
    onError: (err) => {
      console.error('[checkin] Bluetooth request failed', err);
      setProblem(t.failed);
    },
  });
  const start = () => {
    setProblem(null);
    return checkIn();
  };

  return (
    <View id='checkin' className='page' role='main'>
      <BackBar />
      <View className='hero' role='heading' aria-level={1}>
        <Text>{t.title}</Text>
      </View>
      <View className='feature-intro'>
        <Text id='checkin-boutique'>{t.intro(boutique.name[lang])}</Text>
      </View>
      {checkedIn && (
        <View id='checkin-done' className='feature-done' role='status'>
          <Text>{t.done(boutique.name[lang])}</Text>
        </View>
      )}
      {!checkedIn && (
        <View className='feature-actions'>
          <Button id='checkin-start' className='feature-btn' onClick={() => void start()}>
            {t.start}
          </Button>
          {code === null && (
            <View id='checkin-show-code' className='link' role='link' onClick={showCode}>
              <Text>{t.showCode}</Text>
            </View>
          )}
        </View>
      )}
      {problem && (
        <View id='checkin-problem' className='feature-error' role='alert'>
          <Text>{problem}</Text>
        </View>
      )}
      {/* The hint offers the check-in code only while it is not already on screen. */}
      {!checkedIn && <PermissionHint capability='bluetooth' onFallback={code === null ? showCode : undefined} onRetry={() => void start()} onAllow={() => void checkIn.allow()} />}
      {!checkedIn && code !== null && (
        <View id='checkin-code-box' className='feature-box' role='region' aria-labelledby='checkin-code-title'>
          <View id='checkin-code-title' className='feature-title'>
            <Text>{t.codeTitle}</Text>
          </View>
          <View id='checkin-code' className='code'>
            <Text>{code}</Text>
          </View>
          <Text className='feature-note'>{t.codeNote}</Text>
        </View>
      )}
      <PrivacyLayer />
    </View>
  );
});
