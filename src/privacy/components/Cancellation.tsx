import { useEffect, useState } from 'react';
import Taro from '@tarojs/taro';
import { Button, Switch, Text, Textarea, View } from '@tarojs/components';
import { observer } from 'mobx-react-lite';
import { CANCELLATION_REASON_MAX, CANCELLATION_STATUS_TEXT, formatChinaDate, formatChinaTime, REMOVE_FROM_RECENT_NOTE } from '../domain/cancellation';
import { cancellationExplanation, coolingOffLength } from '../domain/cancellationTexts';
import type { CancellationProblem } from '../stores/CancellationStore';
import { buttonClass, disabledWhen } from './disabledWhen';
import { usePrivacy } from './PrivacyContext';
import './PrivacyCentre.scss';

const T = Object.freeze({
  zh: {
    title: '注销账户',
    what: '注销意味着什么',
    reason: '注销原因（选填）',
    confirm: '我已阅读以上说明，确认注销我在本小程序的账户',
    submit: '申请注销',
    submitting: '正在提交…',
    requestedAt: '申请时间：',
    coolingOff: '冷静期',
    coolingOffEnds: '冷静期结束：',
    deadline: '最迟完成日期：',
    undo: '撤销注销申请',
    undone: '您的注销申请已撤销，账户保持正常。',
    refresh: '刷新状态',
    unconfirmed: '您的注销申请尚未得到服务器确认。重试不会重复提交。',
    retry: '重试',
    noAccount: '您目前没有登录本小程序的会员账户，无需注销。本机上的浏览数据不包含个人信息。',
    signIn: '重新登录',
    home: '返回首页',
    problems: {
      network: '网络连接中断，无法确认申请是否送达。请检查网络后点“重试”，不会重复提交。',
      'sign-in': '登录已过期，请重新登录后再查看或提交（本机数据未受影响）。',
      reauth: '身份验证未通过，请重新确认后再试。',
      unavailable: '服务暂时不可用，请稍后重试。',
      conflict: '注销状态已变化，已为您显示最新状态。',
      failed: '提交失败，请稍后重试。',
    } as Record<CancellationProblem, string>,
  },
  en: {
    title: 'Cancel my account',
    what: 'What cancellation means',
    reason: 'Reason (optional)',
    confirm: 'I have read the above and confirm I want to cancel my account in this mini-program',
    submit: 'Request cancellation',
    submitting: 'Sending…',
    requestedAt: 'Requested: ',
    coolingOff: 'Cooling-off period',
    coolingOffEnds: 'Cooling-off ends: ',
    deadline: 'Completed by: ',
    undo: 'Undo my cancellation request',
    undone: 'Your cancellation request is withdrawn; your account carries on as before.',
    refresh: 'Refresh status',
    unconfirmed: 'Your cancellation request has not been confirmed by the server yet. Retrying never sends it twice.',
    retry: 'Retry',
    noAccount: 'You are not signed in to a member account in this mini-program, so there is nothing to cancel. Browsing data on this phone holds no personal information.',
    signIn: 'Sign in again',
    home: 'Back to the shop',
    problems: {
      network: 'The connection dropped, so we cannot tell whether your request arrived. Check your network and tap Retry: it will not be sent twice.',
      'sign-in': 'Your session has expired. Sign in again to continue (nothing on this phone was removed).',
      reauth: 'We could not confirm it is you. Please try again.',
      unavailable: 'The service is unavailable right now. Please try again shortly.',
      conflict: 'The status changed meanwhile; here is the latest.',
      failed: 'Sending failed. Please try again shortly.',
    } as Record<CancellationProblem, string>,
  },
});

/** The cancellation flow: plain words, optional reason, unticked confirmation, then the status screen. */
export const Cancellation = observer(function Cancellation() {
  const { policy, account, cancellation, routes, app } = usePrivacy();
  const lang = policy.lang;
  const t = T[lang];
  const [reason, setReason] = useState('');
  const [confirmed, setConfirmed] = useState(false);
  const latest = cancellation.latest;

  useEffect(() => {
    // A new attempt (e.g. after an undo) starts unticked: the confirmation is never carried over.
    setConfirmed(false);
  }, [latest?.status]);

  useEffect(() => {
    // The account is gone: the local wipe is done; the shopper lands on the signed-out home.
    if (cancellation.deletedAt !== null) void Taro.reLaunch({ url: routes.home });
  }, [cancellation.deletedAt]);

  const problem = cancellation.problem && (
    <View id='cancel-problem' className='pc-problem' role='alert'>
      <Text>{t.problems[cancellation.problem]}</Text>
      {cancellation.problem === 'sign-in' && (
        <Button id='cancel-sign-in' className='pc-btn' onClick={() => void account.signIn().then(() => cancellation.refresh()).catch(() => undefined)}>
          {t.signIn}
        </Button>
      )}
    </View>
  );

  if (cancellation.deletedAt !== null) {
    return (
      <View id='cancel' className='pc'>
        <View id='cancel-deleted-note' role='status'>
          <Text>{REMOVE_FROM_RECENT_NOTE[lang]}</Text>
        </View>
        <Button id='cancel-home' className='pc-btn' onClick={() => void Taro.reLaunch({ url: routes.home })}>
          {t.home}
        </Button>
      </View>
    );
  }

  if (cancellation.attempt !== null) {
    return (
      <View id='cancel' className='pc'>
        <View className='pc-title' role='heading' aria-level={1}>
          <Text>{t.title}</Text>
        </View>
        <View id='cancel-unconfirmed' role='status'>
          <Text>{t.unconfirmed}</Text>
        </View>
        {problem}
        <Button id='cancel-retry' className={buttonClass('pc-btn pc-btn-strong', cancellation.isSubmitting)} disabled={disabledWhen(cancellation.isSubmitting)} onClick={() => void cancellation.retry()}>
          {cancellation.isSubmitting ? t.submitting : t.retry}
        </Button>
      </View>
    );
  }

  if (latest && latest.status !== 'withdrawn') {
    return (
      <View id='cancel' className='pc'>
        <View className='pc-title' role='heading' aria-level={1}>
          <Text>{t.title}</Text>
        </View>
        <View id='cancel-status' className='pc-status' role='status' aria-live='polite' data-status={latest.status}>
          <Text id='cancel-status-text' className='pc-name'>
            {CANCELLATION_STATUS_TEXT[lang][latest.status]}
          </Text>
          <Text id='cancel-requested-at' className='pc-small'>
            {t.requestedAt}
            {formatChinaTime(latest.requestedAt, lang)}
          </Text>
          {latest.status === 'pending' && (
            <Text id='cancel-cooling-off-end' className='pc-small'>
              {t.coolingOffEnds}
              {formatChinaTime(latest.coolingOffEndsAt, lang)} ({t.coolingOff} {coolingOffLength(latest.requestedAt, latest.coolingOffEndsAt, lang)})
            </Text>
          )}
          <Text id='cancel-deadline' className='pc-small'>
            {t.deadline}
            {formatChinaDate(latest.deadline, lang)}
          </Text>
        </View>
        {problem}
        {cancellation.canWithdraw && (
          <Button id='cancel-undo' className={buttonClass('pc-btn pc-btn-strong', cancellation.isWithdrawing)} disabled={disabledWhen(cancellation.isWithdrawing)} onClick={() => void cancellation.withdraw()}>
            {t.undo}
          </Button>
        )}
        <Button id='cancel-refresh' className={buttonClass('pc-btn', cancellation.isLoading)} disabled={disabledWhen(cancellation.isLoading)} onClick={() => void cancellation.refresh()}>
          {t.refresh}
        </Button>
      </View>
    );
  }

  if (!account.signedIn) {
    return (
      <View id='cancel' className='pc'>
        <View className='pc-title' role='heading' aria-level={1}>
          <Text>{t.title}</Text>
        </View>
        {problem}
        <View id='cancel-no-account' className='pc-small'>
          <Text>{t.noAccount}</Text>
        </View>
      </View>
    );
  }

  return (
    <View id='cancel' className='pc'>
      <View className='pc-title' role='heading' aria-level={1}>
        <Text>{t.title}</Text>
      </View>
      {latest?.status === 'withdrawn' && (
        <View id='cancel-withdrawn' className='pc-banner' role='status'>
          <Text>{t.undone}</Text>
        </View>
      )}
      <View className='pc-heading' role='heading' aria-level={2}>
        <Text>{t.what}</Text>
      </View>
      <View id='cancel-explanation' className='pc-list' role='list'>
        {cancellationExplanation(lang, app.controller.shortName[lang]).map((point, i) => (
          <View key={i} id={`cancel-explain-${i}`} className='pc-point' role='listitem'>
            <Text>{point}</Text>
          </View>
        ))}
      </View>
      <Text id='cancel-reason-label' className='pc-small'>
        {t.reason}
      </Text>
      <Textarea
        id='cancel-reason'
        className='pc-input'
        maxlength={CANCELLATION_REASON_MAX}
        ariaLabel={t.reason}
        // On h5 the field is a <textarea> inside Taro's element: the name goes on the textarea itself.
        nativeProps={{ 'aria-label': t.reason }}
        value={reason}
        onInput={(e) => setReason(e.detail.value)}
      />
      <View className='pc-row'>
        <Text id='cancel-confirm-label' className='pc-row-text pc-confirm'>
          {t.confirm}
        </Text>
        <Switch
          id='cancel-confirm'
          checked={confirmed}
          ariaLabel={t.confirm}
          nativeProps={{ 'aria-label': t.confirm }}
          onChange={(e) => setConfirmed(Boolean(e.detail.value))}
        />
      </View>
      {problem}
      <Button
        id='cancel-submit'
        className={buttonClass('pc-btn pc-btn-strong', !confirmed || cancellation.isSubmitting)}
        disabled={disabledWhen(!confirmed || cancellation.isSubmitting)}
        aria-disabled={!confirmed || cancellation.isSubmitting}
        onClick={() => {
          if (confirmed) void cancellation.submit(reason);
        }}
      >
        {cancellation.isSubmitting ? t.submitting : t.submit}
      </Button>
    </View>
  );
});
