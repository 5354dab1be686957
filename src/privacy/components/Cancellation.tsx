import { useEffect, useState } from 'react';
import Taro from '@tarojs/taro';
import { Button, Switch, Text, Textarea, View } from '@tarojs/components';
import { observer } from 'mobx-react-lite';
import { CANCELLATION_REASON_MAX, coolingOffLength, coolingOffLengthOf, POLICY_REQUEST_DEADLINE, type CoolingOffLength } from '../domain/cancellation';
import { formatChinaTime } from '../domain/chinaTime';
import type { ConsentCatalogueEntry } from '../domain/consent-schema';
import { buttonClass, disabledWhen } from './disabledWhen';
import { usePrivacy, usePrivacyDocuments } from './PrivacyContext';
import { SignInAgain } from './SignInAgain';
import { usePageTexts } from './usePageTexts';
import './PrivacyCentre.scss';

/**
 * The cancellation flow: plain words (the cooling-off length and what is still kept afterwards,
 * with basis and period, before anything is asked), optional reason, unticked confirmation, then
 * the status screen. Signed out, the way back to the account (a returning member's sign-in).
 */
export const Cancellation = observer(function Cancellation() {
  const { policy, account, cancellation, routes, app, consentPrompts } = usePrivacy();
  const { afterCancellation } = usePrivacyDocuments();
  const lang = policy.lang;
  const { cancellation: t, common } = usePageTexts();
  const length = (l: CoolingOffLength) => t[l.unit](l.count);
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
        <Button
          id='cancel-sign-in'
          className='pc-btn'
          onClick={() =>
            void account
              .signInAgain()
              .then((outcome) => (outcome === 'signed-in' ? cancellation.refresh() : undefined))
              .catch(() => undefined)
          }
        >
          {t.signIn}
        </Button>
      )}
    </View>
  );

  if (cancellation.deletedAt !== null) {
    return (
      <View id='cancel' className='pc' role='main'>
        <View id='cancel-deleted-note' role='status'>
          <Text>{common.accountDeleted}</Text>
        </View>
        <Button id='cancel-home' className='pc-btn' onClick={() => void Taro.reLaunch({ url: routes.home })}>
          {t.home}
        </Button>
      </View>
    );
  }

  if (cancellation.attempt !== null) {
    return (
      <View id='cancel' className='pc' role='main'>
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
    const coolingOff = coolingOffLength(latest.requestedAt, latest.coolingOffEndsAt);
    return (
      <View id='cancel' className='pc' role='main'>
        <View className='pc-title' role='heading' aria-level={1}>
          <Text>{t.title}</Text>
        </View>
        <View id='cancel-status' className='pc-status' role='status' aria-live='polite' data-status={latest.status}>
          <Text id='cancel-status-text' className='pc-name'>
            {common.cancellationStatus[latest.status]}
          </Text>
          <Text id='cancel-requested-at' className='pc-small'>
            {t.requestedAt}
            {formatChinaTime(latest.requestedAt, common.time)}
          </Text>
          {latest.status === 'pending' && (
            <Text id='cancel-cooling-off-end' className='pc-small'>
              {t.coolingOffEnds}
              {formatChinaTime(latest.coolingOffEndsAt, common.time)}
              {t.coolingOffLength(length(coolingOff))}
            </Text>
          )}
          <Text id='cancel-deadline' className='pc-small'>
            {t.deadline}
            {formatChinaTime(latest.deadline, t.date)}
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
      <View id='cancel' className='pc' role='main'>
        <View className='pc-title' role='heading' aria-level={1}>
          <Text>{t.title}</Text>
        </View>
        {cancellation.problem !== 'sign-in' && problem}
        <View id='cancel-signed-out' className='pc-small'>
          <Text>{t.signedOut}</Text>
        </View>
        <SignInAgain id='cancel-account' noAccount={t.noAccount} onSignedIn={() => cancellation.refresh()} />
      </View>
    );
  }

  // The cross-border consent the app asks for, and who receives the data (in its words as shown): told to delete on cancellation.
  const declared = Object.values<ConsentCatalogueEntry>(app.consents).find((e) => e.disclosure.article === 'cross-border');
  const crossBorder = declared && consentPrompts.entry(declared.purpose);
  const overseas = crossBorder?.disclosure.article === 'cross-border' ? { consent: crossBorder.title[lang], recipient: crossBorder.disclosure.recipient.name[lang] } : null;
  const coolingOff = cancellation.terms ? length(coolingOffLengthOf(cancellation.terms.coolingOffSeconds)) : null;
  const days = cancellation.terms?.deadlineDays ?? POLICY_REQUEST_DEADLINE.calendarDays;
  // Left out of the documents (the app check reports it), nothing is said: not "nothing is kept".
  const kept = afterCancellation ?? null;

  return (
    <View id='cancel' className='pc' role='main'>
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
      <View id='cancel-explanation' className='pc-list' role='list' data-cooling-off={coolingOff === null ? 'unknown' : 'known'}>
        {t.explanation(app.controller.shortName[lang], days, coolingOff, overseas).map((point, i) => (
          <View key={i} id={`cancel-explain-${i}`} className='pc-point' role='listitem'>
            <Text>{point}</Text>
          </View>
        ))}
      </View>
      {kept !== null && (
        <>
          <View className='pc-heading' role='heading' aria-level={2}>
            <Text>{t.kept}</Text>
          </View>
          <View id='cancel-kept-intro' className='pc-small'>
            <Text>{kept.length > 0 ? t.keptIntro : t.keptNone}</Text>
          </View>
        </>
      )}
      {kept !== null && kept.length > 0 && (
        <View id='cancel-kept' className='pc-list' role='list'>
          {kept.map((k) => (
            <View key={k.id} id={`cancel-kept-${k.id}`} className='pc-point pc-kept' role='listitem'>
              <Text className='pc-kept-name'>{k.category[lang]}</Text>
              {k.form && (
                <Text className='pc-small'>
                  {t.keptForm}
                  {k.form[lang]}
                </Text>
              )}
              <Text className='pc-small'>
                {t.keptBasis}
                {k.basis[lang]}
              </Text>
              <Text className='pc-small'>
                {t.keptPeriod}
                {k.period[lang]}
              </Text>
            </View>
          ))}
        </View>
      )}
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
