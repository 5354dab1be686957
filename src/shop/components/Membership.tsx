import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Button, Input, Text, View } from '@tarojs/components';
import { observer } from 'mobx-react-lite';
import { HostLoginError, InvalidBirthDateError, usePrivacy } from '@maison/privacy';
import { shopApi } from '../instance';
import { CUSTOMER_SERVICE } from '../privacy-content/consents';
import { ContactLink } from './ContactLink';
import { DEALERS, appointmentDays, type AppointmentDay } from '../dealers';
import './Membership.scss';

/** The Douyin build names Douyin where the texts speak of the app the shopper signs in with. */
const ON_DOUYIN = process.env.TARO_ENV === 'tt';

const T = Object.freeze({
  zh: {
    browseOnly: '会员功能需要您先同意隐私政策。您可以继续浏览商品。',
    review: '查看并同意隐私政策',
    join: '成为会员',
    birth: '为确认您已年满14周岁，请填写出生年月（仅用于年龄确认，不会保存）',
    year: '出生年份',
    month: '月份',
    submit: '下一步',
    under14: '很抱歉，未满14周岁的用户暂不能注册会员，也不能登录会员账户。您仍可以继续浏览商品。',
    under14Kept: (until: string) =>
      `我们不保存您的出生年月。本机只记录“因年龄未能注册”及当天日期，保留至 ${until}：在此之前重新打开或再次填写都不会改变这一结果；之后在您下次打开小程序时删除该记录。`,
    under14Help: '如果您填错了出生年月，请联系卡地亚客服：',
    guardian: '您未满18周岁，注册会员需要您的父母或其他监护人同意。请与监护人一起阅读隐私政策，然后填写监护人的手机号码：我们会向该号码发送验证码，监护人将验证码告诉您，由您在下方填写，即表示监护人同意。',
    guardianPhone: '监护人手机号码',
    guardianPhoneKept: '该号码仅用于经腾讯云短信服务发送验证码。我们不保存号码本身，只保存其散列值与确认时间：确认完成的，作为监护人同意的证明随账户保存；未完成的，一天后删除。',
    sendCode: '发送验证码',
    codeSent: '验证码已发送至监护人手机，10分钟内有效。',
    code: '验证码',
    guardianConfirm: '确认监护人同意',
    wrongCode: '验证码不正确，请核对后重新填写。',
    newCodeNeeded: '该验证码已失效（已过期、已使用或错误次数过多），请重新发送验证码。',
    badNumber: '请填写正确的中国大陆手机号码。',
    codeLimited: '发送验证码次数过多，请稍后再试。',
    codeUnavailable: '暂时无法发送验证码，请稍后再试。',
    guardianContact: '家长或监护人如有疑问，可联系卡地亚客服：',
    call: (phone: string) => `拨打客服电话 ${phone}`,
    mail: (email: string) => `发送邮件至 ${email}`,
    guardianRefuse: '监护人不同意',
    guardianRefused: '未为您注册会员，也没有保存您的出生年月。如已发送验证码，这次未完成的确认将在一天后删除。您仍可匿名浏览商品。',
    member: '会员',
    newsletter: '订阅会员资讯',
    subscribed: '已订阅会员资讯',
    newsletterRefused: '未订阅会员资讯。订单状态等服务通知（非营销信息）不受影响。',
    dealer: '预约授权经销商',
    chooseDealer: '选择授权经销商',
    chooseDay: '选择预约日期',
    confirmBooking: '确认预约',
    cancelBooking: '取消',
    needDealerAndDay: '请先选择经销商和日期。',
    booked: (dealer: string, day: string) => `已向${dealer}预约 ${day}，经销商将与您联系确认时间。`,
    dealerRefused: '您未同意与授权经销商共享，我们没有向经销商发送您的任何信息。您仍可在卡地亚专卖店预约：',
    boutiqueBooking: '查找精品店并致电预约',
    warranty: '登记国际保修',
    failed: '网络异常，请稍后重试。',
    hostLogin: ON_DOUYIN ? '未能登录抖音（登录窗口已关闭或登录未完成），您还不是会员。可以再试一次。' : '未能取得微信登录凭证，您还不是会员。请稍后再试。',
    invalidBirth: '请填写正确的出生年月（如 1990 年 5 月）。',
    welcomeBack: '欢迎回来',
    returning: '您已退出登录。您在本机登录过的会员账户仍然保留：点击下方按钮即可重新登录，您的同意记录与请求都在，无需再次填写出生年月。',
    signIn: '登录会员账户',
    signingIn: '正在登录…',
    haveAccount: '已有会员账户？可直接登录，不会新建账户。',
    signInExisting: '登录已有账户',
    noAccount: `该${ON_DOUYIN ? '抖音' : '微信'}账号在本小程序没有会员账户（从未注册或已注销），我们没有为您新建账户。如需成为会员，请填写出生年月。`,
  },
  en: {
    browseOnly: 'Member features need your agreement to the privacy policy first. You can keep browsing.',
    review: 'Review and agree to the privacy policy',
    join: 'Become a member',
    birth: 'To confirm you are 14 or older, enter your year and month of birth (used for the age check only, not kept)',
    year: 'Year of birth',
    month: 'Month',
    submit: 'Next',
    under14: 'Sorry, membership is not available under 14, and you cannot sign in to a member account. You can keep browsing.',
    under14Kept: (until: string) =>
      `Your birth date is not kept. This phone keeps only that membership was refused for age, and the day, until ${until}: until then, reopening or answering again does not change it; the next time you open the mini-program after that day, the record is deleted.`,
    under14Help: 'If you entered a wrong date, contact Cartier customer service:',
    guardian: "You are under 18: a parent or guardian must agree before you register. Read the privacy policy with them, then enter your guardian's mobile number: we text a code to it, your guardian tells you the code, and typing it below shows that they agree.",
    guardianPhone: "Guardian's mobile number",
    guardianPhoneKept: "The number is used only to send the code, through Tencent Cloud SMS. We do not keep the number itself, only a hash of it and the time of the confirmation: a completed confirmation is kept with the account as proof of your guardian's consent; one not completed is deleted after a day.",
    sendCode: 'Send the code',
    codeSent: "The code was sent to your guardian's phone; it is valid for 10 minutes.",
    code: 'Code',
    guardianConfirm: "Confirm my guardian's consent",
    wrongCode: 'That code is not right; check it and type it again.',
    newCodeNeeded: 'That code no longer works (expired, used, or too many wrong tries); send a new code.',
    badNumber: 'Please enter a mainland China mobile number.',
    codeLimited: 'Too many codes were sent; please try again later.',
    codeUnavailable: 'The code cannot be sent right now; please try again later.',
    guardianContact: 'Parents and guardians with questions can contact Cartier customer service:',
    call: (phone: string) => `Call customer service at ${phone}`,
    mail: (email: string) => `E-mail ${email}`,
    guardianRefuse: 'My guardian does not agree',
    guardianRefused: 'No membership was created and your birth date was not kept. If a code was sent, that unfinished confirmation is deleted after a day. You can still browse anonymously.',
    member: 'Member',
    newsletter: 'Subscribe to member news',
    subscribed: 'Subscribed to member news',
    newsletterRefused: 'Not subscribed to member news. Service messages such as order updates (not marketing) are unaffected.',
    dealer: 'Book an authorised dealer',
    chooseDealer: 'Choose an authorised dealer',
    chooseDay: 'Choose a day',
    confirmBooking: 'Confirm the appointment',
    cancelBooking: 'Cancel',
    needDealerAndDay: 'Please choose a dealer and a day first.',
    booked: (dealer: string, day: string) => `Appointment requested at ${dealer} on ${day}; the dealer will contact you to confirm the time.`,
    dealerRefused: 'You did not agree to sharing with the authorised dealer, so nothing about you was sent to it. You can still book at a Cartier boutique:',
    boutiqueBooking: 'Find a boutique and call to book',
    warranty: 'Register an international warranty',
    failed: 'Network problem, please try again.',
    hostLogin: ON_DOUYIN
      ? 'You are not logged in to Douyin (its login window was closed or not finished), so you are not a member yet. You can try again.'
      : 'WeChat gave no login code, so you are not a member yet. Please try again later.',
    invalidBirth: 'Please enter a valid year and month of birth (for example 1990 and 5).',
    welcomeBack: 'Welcome back',
    returning: 'You are signed out. The member account you used on this phone is still there: tap below to sign in again, with your consents and requests as you left them, without entering your birth date again.',
    signIn: 'Sign in to my member account',
    signingIn: 'Signing in…',
    haveAccount: 'Already a member? Sign in directly; no new account is made.',
    signInExisting: 'Sign in to my account',
    noAccount: `This ${ON_DOUYIN ? 'Douyin' : 'WeChat'} account has no member account in this mini-program (never registered, or cancelled), and none was made for you. To become a member, enter your year and month of birth.`,
  },
});

type Step = 'birth' | 'under-14' | 'guardian' | 'guardian-refused';

/** What the member area shows under its buttons: a result, an error, or a refusal's alternative. */
type Note = { kind: 'done' | 'error'; text: string } | { kind: 'dealer-refused' };

/** Member area of the demo shop: age step, registration, and the consumers of separate consentPrompts. */
export const Membership = observer(function Membership() {
  const { gate, account, consentPrompts, consent, policy } = usePrivacy();
  const lang = policy.lang;
  const t = T[lang];
  const [step, setStep] = useState<Step>('birth');
  const [year, setYear] = useState('');
  const [phone, setPhone] = useState('');
  const [code, setCode] = useState('');
  const [month, setMonth] = useState('');
  const [note, setNote] = useState<Note | null>(null);
  const [birthInvalid, setBirthInvalid] = useState(false);
  const [booking, setBooking] = useState(false);
  const [dealerId, setDealerId] = useState<string | null>(null);
  const [day, setDay] = useState<AppointmentDay | null>(null);

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

  const run = async (fn: () => Promise<Note | null>) => {
    try {
      setNote(await fn());
    } catch (err) {
      if (err instanceof InvalidBirthDateError) {
        setBirthInvalid(true);
        setNote({ kind: 'error', text: t.invalidBirth });
        return;
      }
      if (err instanceof HostLoginError) {
        // Nothing reached the network: the app gave no login code.
        setNote({ kind: 'error', text: t.hostLogin });
        return;
      }
      console.warn('[membership] the request failed', err);
      setNote({ kind: 'error', text: t.failed });
    }
  };
  const done = (text: string): Note => ({ kind: 'done', text });
  // A member signs in again to the account they have: never a new one, no age step (it was passed).
  const signInAgain = () =>
    run(async () => {
      const outcome = await account.signInAgain();
      if (outcome === 'no-account') return { kind: 'error', text: t.noAccount };
      // An "under 14" answer holds on this device: signing in is no way around it.
      if (outcome === 'under-14') return { kind: 'error', text: t.under14 };
      return null;
    });

  // The policy's "Contact us": customer service by phone and e-mail.
  const customerService = (id: string) => (
    <>
      <ContactLink id={`${id}-phone`} kind='phone' value={CUSTOMER_SERVICE.phone} label={t.call(CUSTOMER_SERVICE.phone)} />
      <Text> · </Text>
      <ContactLink id={`${id}-email`} kind='email' value={CUSTOMER_SERVICE.email} label={t.mail(CUSTOMER_SERVICE.email)} />
    </>
  );

  const noteView =
    note === null ? null : note.kind === 'error' ? (
      <View id='membership-note' className='mb-error' role='alert'>
        <Text>{note.text}</Text>
      </View>
    ) : note.kind === 'done' ? (
      <View id='membership-note' className='mb-done' role='status'>
        <Text>{note.text}</Text>
      </View>
    ) : (
      <View id='membership-note' className='mb-alt' role='status'>
        <Text>{t.dealerRefused}</Text>
        <View id='boutique-booking' className='link' role='link' onClick={() => Taro.navigateTo({ url: '/features/boutiques/index?book=1' })}>
          <Text>{t.boutiqueBooking}</Text>
        </View>
      </View>
    );

  if (!account.signedIn) {
    if (step === 'guardian-refused') {
      return (
        <View id='membership' className='mb'>
          <View id='guardian-refused' className='mb-hint'>
            <Text>{t.guardianRefused}</Text>
          </View>
        </View>
      );
    }
    // The answer holds on this device (AccountStore.ageRefused), after a reload too.
    if (step === 'under-14' || account.ageRefused) {
      return (
        <View id='membership' className='mb'>
          <View id='under14-message' className='mb-hint'>
            <Text>{t.under14}</Text>
          </View>
          {account.ageRefusedUntil !== null && (
            <View id='under14-kept' className='mb-hint'>
              <Text>{t.under14Kept(account.ageRefusedUntil)}</Text>
            </View>
          )}
          <View id='under14-help' className='mb-hint'>
            <Text>{t.under14Help} </Text>
            {customerService('under14-contact')}
          </View>
        </View>
      );
    }
    if (step === 'guardian') {
      const pending = account.guardianCode;
      return (
        <View id='membership' className='mb'>
          <View id='guardian-step' className='mb-hint'>
            <Text>{t.guardian}</Text>
          </View>
          <View className='mb-row'>
            <Input
              id='guardian-phone'
              className='mb-input'
              type='number'
              maxlength={11}
              placeholder={t.guardianPhone}
              aria-label={t.guardianPhone}
              value={phone}
              onInput={(e) => setPhone(e.detail?.value ?? '')}
            />
          </View>
          <View id='guardian-phone-kept' className='mb-hint'>
            <Text>{t.guardianPhoneKept}</Text>
          </View>
          <Button
            id='guardian-send-code'
            className='mb-btn'
            onClick={() =>
              run(async () => {
                const outcome = await account.sendGuardianCode(phone.replace(/\s+/g, ''));
                if (outcome === 'bad-number') return { kind: 'error', text: t.badNumber };
                if (outcome === 'limited') return { kind: 'error', text: t.codeLimited };
                if (outcome === 'unavailable') return { kind: 'error', text: t.codeUnavailable };
                return done(t.codeSent);
              })
            }
          >
            {t.sendCode}
          </Button>
          {pending !== null && (
            <>
              <View className='mb-row'>
                <Input
                  id='guardian-code'
                  className='mb-input'
                  type='number'
                  maxlength={6}
                  placeholder={t.code}
                  aria-label={t.code}
                  value={code}
                  onInput={(e) => setCode(e.detail?.value ?? '')}
                />
              </View>
              <Button
                id='guardian-confirm'
                className='mb-btn mb-btn-primary'
                onClick={() =>
                  run(async () => {
                    const outcome = await account.confirmGuardian(code.trim());
                    setCode('');
                    if (outcome === 'wrong-code') return { kind: 'error', text: t.wrongCode };
                    if (outcome === 'new-code-needed') return { kind: 'error', text: t.newCodeNeeded };
                    setPhone('');
                    return null;
                  })
                }
              >
                {t.guardianConfirm}
              </Button>
            </>
          )}
          <Button id='guardian-refuse' className='mb-btn' onClick={() => setStep('guardian-refused')}>
            {t.guardianRefuse}
          </Button>
          {noteView}
          <View id='guardian-contact' className='mb-hint'>
            <Text>{t.guardianContact} </Text>
            {customerService('guardian-contact')}
          </View>
        </View>
      );
    }
    if (account.returning) {
      return (
        <View id='membership' className='mb'>
          <View className='mb-title' role='heading' aria-level={2}>
            <Text>{t.welcomeBack}</Text>
          </View>
          <View id='returning-member' className='mb-hint'>
            <Text>{t.returning}</Text>
          </View>
          <Button id='member-sign-in' className='mb-btn mb-btn-primary' onClick={() => void signInAgain()}>
            {account.isSigningIn ? t.signingIn : t.signIn}
          </Button>
          {noteView}
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
          <Input
            id='birth-year'
            className={birthInvalid ? 'mb-input mb-input-invalid' : 'mb-input'}
            type='number'
            maxlength={4}
            placeholder={t.year}
            aria-label={t.year}
            aria-invalid={birthInvalid}
            aria-describedby={birthInvalid ? 'membership-note' : undefined}
            value={year}
            onInput={(e) => setYear(e.detail?.value ?? '')}
          />
          <Input
            id='birth-month'
            className={birthInvalid ? 'mb-input mb-input-invalid' : 'mb-input'}
            type='number'
            maxlength={2}
            placeholder={t.month}
            aria-label={t.month}
            aria-invalid={birthInvalid}
            aria-describedby={birthInvalid ? 'membership-note' : undefined}
            value={month}
            onInput={(e) => setMonth(e.detail?.value ?? '')}
          />
        </View>
        <Button
          id='register'
          className='mb-btn'
          onClick={() =>
            run(async () => {
              setBirthInvalid(false);
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
        {noteView}
        {!account.ageRefused && (
          <>
            <View id='have-account' className='mb-hint'>
              <Text>{t.haveAccount}</Text>
            </View>
            <Button id='member-sign-in' className='mb-btn' onClick={() => void signInAgain()}>
              {account.isSigningIn ? t.signingIn : t.signInExisting}
            </Button>
          </>
        )}
      </View>
    );
  }

  const dealer = DEALERS.find((d) => d.id === dealerId) ?? null;
  const days = appointmentDays(new Date(), 7);

  const confirmBooking = () =>
    run(async () => {
      if (!dealer || !day) return { kind: 'error', text: t.needDealerAndDay };
      // The sheet names the dealer picked for this appointment (PIPL art. 23).
      if ((await consentPrompts.request('dealer-sharing', { recipient: dealer })) !== 'granted') {
        setBooking(false);
        return { kind: 'dealer-refused' };
      }
      // The server checks its own copy of the ledger: the consent just given is sent first.
      await consent.sync();
      await shopApi.bookDealer(dealer.id, day.date);
      setBooking(false);
      return done(t.booked(dealer.name[lang], day.label[lang]));
    });

  return (
    <View id='membership' className='mb'>
      <View className='mb-title' role='heading' aria-level={2}>
        <Text id='member-badge'>{t.member}</Text>
      </View>
      <Button
        id='newsletter-subscribe'
        className='mb-btn'
        onClick={() =>
          run(async () => {
            if ((await consentPrompts.request('marketing')) !== 'granted') return done(t.newsletterRefused);
            await consent.sync();
            await shopApi.subscribeNewsletter();
            return done(t.subscribed);
          })
        }
      >
        {t.newsletter}
      </Button>
      <Button
        id='book-dealer'
        className='mb-btn'
        onClick={() => {
          setNote(null);
          setBooking(true);
        }}
      >
        {t.dealer}
      </Button>
      {booking && (
        <View id='dealer-booking' className='mb-booking' role='region' aria-label={t.dealer}>
          <View id='dealer-choose-title' className='mb-subtitle' role='heading' aria-level={3}>
            <Text>{t.chooseDealer}</Text>
          </View>
          <View role='group' aria-labelledby='dealer-choose-title'>
            {DEALERS.map((d) => (
              <View
                key={d.id}
                id={`dealer-${d.id}`}
                className={d.id === dealerId ? 'mb-choice mb-choice-on' : 'mb-choice'}
                role='button'
                aria-pressed={d.id === dealerId}
                onClick={() => setDealerId(d.id)}
              >
                <Text>{d.name[lang]}</Text>
                <Text className='mb-choice-meta'>{d.contact[lang]}</Text>
              </View>
            ))}
          </View>
          <View id='dealer-day-title' className='mb-subtitle' role='heading' aria-level={3}>
            <Text>{t.chooseDay}</Text>
          </View>
          <View className='mb-days' role='group' aria-labelledby='dealer-day-title'>
            {days.map((d) => (
              <View
                key={d.date}
                id={`dealer-day-${d.date}`}
                className={d.date === day?.date ? 'mb-day mb-choice-on' : 'mb-day'}
                role='button'
                aria-pressed={d.date === day?.date}
                onClick={() => setDay(d)}
              >
                <Text>{d.label[lang]}</Text>
              </View>
            ))}
          </View>
          <Button id='dealer-confirm' className='mb-btn mb-btn-primary' onClick={() => void confirmBooking()}>
            {t.confirmBooking}
          </Button>
          <Button id='dealer-cancel' className='mb-btn' onClick={() => setBooking(false)}>
            {t.cancelBooking}
          </Button>
        </View>
      )}
      <Button id='warranty-international' className='mb-btn' onClick={() => Taro.navigateTo({ url: '/features/warranty/index?international=1' })}>
        {t.warranty}
      </Button>
      {noteView}
    </View>
  );
});
