import { useState } from 'react';
import { Button, Input, Text, View } from '@tarojs/components';
import { observer } from 'mobx-react-lite';
import { InvalidBirthDateError, usePrivacy } from '@maison/privacy';
import { shopApi } from '../instance';
import { DEALERS } from '../dealers';
import './Membership.scss';

const T = Object.freeze({
  zh: {
    browseOnly: '会员功能需要您先同意隐私政策。您可以继续浏览商品。',
    review: '查看并同意隐私政策',
    join: '成为会员',
    birth: '为确认您已年满14周岁，请填写出生年月（仅用于年龄确认，不会保存）',
    year: '出生年份',
    month: '月份',
    submit: '下一步',
    under14: '很抱歉，未满14周岁的用户暂不能注册会员。您仍可以继续浏览商品，我们不会保存您填写的信息。',
    guardian: '您未满18周岁，注册会员需要您的父母或其他监护人同意。请在监护人陪同下阅读隐私政策，并由监护人确认。',
    guardianAgree: '监护人已阅读并同意',
    member: '会员',
    newsletter: '订阅会员资讯',
    subscribed: '已订阅会员资讯',
    dealer: '预约授权经销商',
    booked: '已向授权经销商预约',
    warranty: '登记国际保修',
    registered: '已登记国际保修',
    localWarranty: '保修已在中国大陆登记',
    declined: '您未同意，该功能以不使用个人信息的方式继续。',
    failed: '网络异常，请稍后重试。',
    invalidBirth: '请填写正确的出生年月。',
  },
  en: {
    browseOnly: 'Member features need your agreement to the privacy policy first. You can keep browsing.',
    review: 'Review and agree to the privacy policy',
    join: 'Become a member',
    birth: 'To confirm you are 14 or older, enter your year and month of birth (used for the age check only, not kept)',
    year: 'Year of birth',
    month: 'Month',
    submit: 'Next',
    under14: 'Sorry, membership is not available under 14. You can keep browsing; nothing you entered is kept.',
    guardian: 'You are under 18: a parent or guardian must agree before you register. Please read the privacy policy with them and let them confirm.',
    guardianAgree: 'My guardian has read and agrees',
    member: 'Member',
    newsletter: 'Subscribe to member news',
    subscribed: 'Subscribed to member news',
    dealer: 'Book an authorised dealer',
    booked: 'Appointment requested at an authorised dealer',
    warranty: 'Register an international warranty',
    registered: 'International warranty registered',
    localWarranty: 'Warranty registered in mainland China',
    declined: 'You said no: the feature carries on without your personal information.',
    failed: 'Network problem, please try again.',
    invalidBirth: 'Please enter a valid year and month of birth.',
  },
});

type Step = 'birth' | 'under-14' | 'guardian';

/** Member area of the demo shop: age step, registration, and the consumers of separate consents. */
export const Membership = observer(function Membership() {
  const { gate, account, consents, policy } = usePrivacy();
  const t = T[policy.lang];
  const [step, setStep] = useState<Step>('birth');
  const [year, setYear] = useState('');
  const [month, setMonth] = useState('');
  const [note, setNote] = useState<string | null>(null);

  if (gate.browseOnly) {
    return (
      <View id='membership' className='mb'>
        <View id='browse-only-hint' className='mb-hint'>
          <Text>{t.browseOnly}</Text>
        </View>
        <Button id='reopen-sheet' className='mb-btn' onClick={() => gate.open('feature')}>
          {t.review}
        </Button>
      </View>
    );
  }

  const run = async (fn: () => Promise<string | null>) => {
    try {
      setNote(await fn());
    } catch (err) {
      setNote(err instanceof InvalidBirthDateError ? t.invalidBirth : t.failed);
    }
  };

  if (!account.signedIn) {
    if (step === 'under-14') {
      return (
        <View id='membership' className='mb'>
          <View id='under14-message' className='mb-hint'>
            <Text>{t.under14}</Text>
          </View>
        </View>
      );
    }
    if (step === 'guardian') {
      return (
        <View id='membership' className='mb'>
          <View id='guardian-step' className='mb-hint'>
            <Text>{t.guardian}</Text>
          </View>
          <Button id='guardian-agree' className='mb-btn' onClick={() => run(async () => (await account.confirmGuardian(), null))}>
            {t.guardianAgree}
          </Button>
          {note && <Text id='membership-note'>{note}</Text>}
        </View>
      );
    }
    return (
      <View id='membership' className='mb'>
        <View className='mb-title' role='heading' aria-level={2}>
          <Text>{t.join}</Text>
        </View>
        <View className='mb-hint'>
          <Text>{t.birth}</Text>
        </View>
        <View className='mb-row'>
          <Input id='birth-year' className='mb-input' type='number' maxlength={4} placeholder={t.year} aria-label={t.year} value={year} onInput={(e) => setYear(e.detail.value)} />
          <Input id='birth-month' className='mb-input' type='number' maxlength={2} placeholder={t.month} aria-label={t.month} value={month} onInput={(e) => setMonth(e.detail.value)} />
        </View>
        <Button
          id='register'
          className='mb-btn'
          onClick={() =>
            run(async () => {
              const outcome = await account.register(Number(year), Number(month));
              // Nothing typed is kept: the fields are cleared whatever the outcome.
              setYear('');
              setMonth('');
              if (outcome === 'under-14') setStep('under-14');
              if (outcome === 'needs-guardian') setStep('guardian');
              return null;
            })
          }
        >
          {t.submit}
        </Button>
        {note && <Text id='membership-note'>{note}</Text>}
      </View>
    );
  }

  const withConsent = (purpose: Parameters<typeof consents.request>[0], action: () => Promise<string>) =>
    run(async () => ((await consents.request(purpose)) === 'granted' ? action() : t.declined));

  return (
    <View id='membership' className='mb'>
      <View className='mb-title' role='heading' aria-level={2}>
        <Text id='member-badge'>{t.member}</Text>
      </View>
      <Button id='newsletter-subscribe' className='mb-btn' onClick={() => withConsent('marketing', async () => (await shopApi.subscribeNewsletter(), t.subscribed))}>
        {t.newsletter}
      </Button>
      <Button
        id='book-dealer'
        className='mb-btn'
        onClick={() => {
          const dealer = DEALERS[0];
          // The sheet names the dealer picked for this appointment (PIPL art. 23).
          run(async () => ((await consents.request('dealer-sharing', { recipient: dealer })) === 'granted' ? (await shopApi.bookDealer(dealer.id, '2026-12-05'), t.booked) : t.declined));
        }}
      >
        {t.dealer}
      </Button>
      <Button
        id='warranty-international'
        className='mb-btn'
        onClick={() =>
          run(async () => {
            const international = (await consents.request('cross-border')) === 'granted';
            await shopApi.registerWarranty('CRWSTA0030', international);
            return international ? t.registered : t.localWarranty;
          })
        }
      >
        {t.warranty}
      </Button>
      {note && <Text id='membership-note'>{note}</Text>}
    </View>
  );
});
