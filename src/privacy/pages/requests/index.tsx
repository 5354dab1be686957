import { useEffect, useState } from 'react';
import Taro, { useDidShow } from '@tarojs/taro';
import { Button, Switch, Text, Textarea, View } from '@tarojs/components';
import { observer } from 'mobx-react-lite';
import { LIMITS, RIGHTS_REQUEST_TYPES, type RightsRequest, type RightsRequestType } from '../../domain/contract';
import { POLICY_REQUEST_DEADLINE } from '../../domain/cancellation';
import { formatChinaTime } from '../../domain/chinaTime';
import { isRequestOpen, needsCategories, needsDetails, needsLoginCode } from '../../domain/requests';
import { loadDeviceId } from '../../stores/deviceId';
import { RequestDeskStore } from '../../stores/RequestDeskStore';
import type { RootStore } from '../../stores/RootStore';
import { BackBar } from '../../components/BackBar';
import { SignInAgain } from '../../components/SignInAgain';
import { buttonClass, disabledWhen } from '../../components/disabledWhen';
import { usePrivacy, usePrivacyLists } from '../../components/PrivacyContext';
import { usePageTexts } from '../../components/usePageTexts';
import '../../components/PrivacyCentre.scss';
import './index.scss';

const desks = new WeakMap<RootStore, RequestDeskStore>();

/**
 * The desk of a RootStore, made from its ports on first use and kept while the app runs, so an
 * unanswered attempt survives leaving the page and coming back (its retry sends the same key).
 */
function deskOf(root: RootStore): RequestDeskStore {
  let desk = desks.get(root);
  if (!desk) {
    const { ports } = root.options;
    desk = new RequestDeskStore({
      api: root.api,
      ids: ports.ids,
      login: ports.login,
      // The id start() already stored: read, never made anew here.
      deviceId: () => loadDeviceId(root.persistence, ports.ids),
      sessionExpired: () => root.account.sessionExpired(),
      accountDeleted: (completedAt) => root.cancellation.accountDeleted(completedAt),
    });
    desks.set(root, desk);
  }
  return desk;
}

export interface RequestDeskPageProps {
  /**
   * Where a newcomer becomes a member (the host's page with its age step); the home route when the
   * host names none. A member who signed out signs in again on the page itself.
   */
  signInRoute?: string;
}

/** 我的请求 / My requests: the shopper's rights requests with status, deadline and outcome, and a new one. */
export default observer(function RequestDeskPage({ signInRoute }: RequestDeskPageProps) {
  const root = usePrivacy();
  const { account, policy, routes } = root;
  const desk = deskOf(root);
  const lang = policy.lang;
  const { requests: t, common } = usePageTexts();
  const { collectionList } = usePrivacyLists();
  const [type, setType] = useState<RightsRequestType>('access');
  const [rows, setRows] = useState<string[]>([]);
  const [details, setDetails] = useState('');

  useDidShow(() => {
    void root.ready().then(() => desk.load());
  });
  useEffect(() => {
    // Signed out (or another shopper signs in next): nothing of theirs stays on screen.
    if (!account.signedIn) desk.clear();
  }, [account.signedIn]);

  const rowName = (id: string) => collectionList.find((r) => r.id === id)?.category[lang] ?? id;
  const time = (iso: string) => formatChinaTime(iso, common.time);

  if (!account.signedIn) {
    return (
      <>
        <BackBar />
        <View id='requests' className='pc' role='main'>
          <View className='pc-title' role='heading' aria-level={1}>
            <Text>{t.title}</Text>
          </View>
          <View id='requests-signed-out' className='pc-small'>
            <Text>{t.signedOut}</Text>
          </View>
          {/* A member signs in here, with one tap; a newcomer becomes a member on the host's page (its age step). */}
          <SignInAgain id='requests' noAccount={t.noAccount} onSignedIn={() => desk.load()} />
          <View id='requests-join' className='pc-link' role='link' onClick={() => void Taro.navigateTo({ url: signInRoute ?? routes.home })}>
            <Text>{t.join}</Text>
          </View>
        </View>
      </>
    );
  }

  const problem = desk.problem && (
    <View id='requests-problem' className='pc-problem' role='alert'>
      <Text>{t.problems[desk.problem]}</Text>
      {desk.problemDetail && <Text className='pc-small'>{desk.problemDetail}</Text>}
    </View>
  );

  const send = async () => {
    if (await desk.ask(type, { details, categories: rows })) {
      setRows([]);
      setDetails('');
    }
  };

  const form = desk.receipt ? (
    <View id='requests-receipt' className='pc-status' role='status' aria-live='polite'>
      <Text className='pc-name'>
        {t.submitted} · {t.types[desk.receipt.type]}
      </Text>
      <Text id='requests-receipt-deadline' className='pc-small'>
        {desk.receipt.status === 'fulfilled' ? t.doneAtOnce : t.answerBy(time(desk.receipt.deadline))}
      </Text>
      <Button id='requests-another' className='pc-btn' onClick={desk.dismissReceipt}>
        {t.another}
      </Button>
    </View>
  ) : desk.attempt ? (
    <View id='requests-unconfirmed'>
      <View role='status'>
        <Text className='pc-small'>{t.unconfirmed}</Text>
      </View>
      <Button id='requests-retry' className={buttonClass('pc-btn pc-btn-strong', desk.isSubmitting)} disabled={disabledWhen(desk.isSubmitting)} onClick={() => void desk.retry()}>
        {desk.isSubmitting ? t.sending : t.retry}
      </Button>
    </View>
  ) : (
    <View id='requests-form'>
      <View className='pc-small'>
        <Text>{t.type}</Text>
      </View>
      <View id='requests-types' role='group' aria-label={t.type}>
        {RIGHTS_REQUEST_TYPES.map((k) => (
          <View key={k} className='rq-type'>
            <Button id={`requests-type-${k}`} className={k === type ? 'pc-btn pc-btn-strong rq-type-btn' : 'pc-btn rq-type-btn'} size='mini' aria-pressed={k === type} onClick={() => setType(k)}>
              {t.types[k]}
            </Button>
            <Text className='pc-small rq-type-explain'>{t.explain[k]}</Text>
          </View>
        ))}
      </View>
      {needsCategories(type) && (
        <View id='requests-rows' role='group' aria-label={t.chooseRows}>
          <View className='pc-heading rq-sub' role='heading' aria-level={3}>
            <Text>{t.chooseRows}</Text>
          </View>
          {collectionList.map((row) => (
            <View key={row.id} className='pc-row'>
              <Text className='pc-row-text'>{row.category[lang]}</Text>
              <Switch
                id={`requests-row-${row.id}`}
                checked={rows.includes(row.id)}
                ariaLabel={row.category[lang]}
                nativeProps={{ 'aria-label': row.category[lang] }}
                onChange={(e) => {
                  const on = Boolean(e.detail.value);
                  setRows((now) => (on ? [...now.filter((r) => r !== row.id), row.id] : now.filter((r) => r !== row.id)));
                }}
              />
            </View>
          ))}
        </View>
      )}
      <Text id='requests-details-label' className='pc-small'>
        {needsDetails(type) ? t.detailsRequired : t.detailsOptional}
      </Text>
      <Textarea
        id='requests-details'
        className='pc-input'
        maxlength={LIMITS.requestDetailsMaxLength}
        ariaLabel={needsDetails(type) ? t.detailsRequired : t.detailsOptional}
        // On h5 the field is a <textarea> inside Taro's element: the name goes on the textarea itself.
        nativeProps={{ 'aria-label': needsDetails(type) ? t.detailsRequired : t.detailsOptional }}
        value={details}
        onInput={(e) => setDetails(e.detail.value)}
      />
      <Text id='requests-details-count' className='pc-small rq-count'>
        {t.count(details.length, LIMITS.requestDetailsMaxLength)}
      </Text>
      {needsLoginCode(type) && (
        <Text id='requests-identity' className='pc-small'>
          {t.identity}
        </Text>
      )}
      <Text id='requests-when' className='pc-small'>
        {t.when(POLICY_REQUEST_DEADLINE.calendarDays)}
      </Text>
      {desk.formProblem && (
        <View id='requests-form-problem' className='pc-problem' role='alert'>
          <Text>{t.form[desk.formProblem]}</Text>
        </View>
      )}
      <Button id='requests-send' className={buttonClass('pc-btn pc-btn-strong', desk.isSubmitting)} disabled={disabledWhen(desk.isSubmitting)} onClick={() => void send()}>
        {desk.isSubmitting ? t.sending : t.send}
      </Button>
    </View>
  );

  const item = (r: RightsRequest) => (
    <View key={r.id} id={`request-${r.id}`} className='rq-item' role='listitem' data-status={r.status}>
      <Text className='pc-name rq-item-title'>
        {t.types[r.type]} · <Text className='rq-status'>{t.status[r.status]}</Text>
      </Text>
      {r.categories.length > 0 && (
        <Text className='pc-small rq-rows'>
          {t.rows}
          {r.categories.map(rowName).join(lang === 'zh' ? '、' : ', ')}
        </Text>
      )}
      {r.details !== null && (
        <Text className='pc-small rq-details'>
          {t.yourWords}
          {r.details}
        </Text>
      )}
      <Text className='pc-small rq-received'>
        {t.receivedAt}
        {time(r.receivedAt)}
      </Text>
      {r.status !== 'withdrawn' && (
        <Text className='pc-small rq-deadline'>
          {t.deadline}
          {time(r.deadline)}
        </Text>
      )}
      {r.decidedAt && (
        <Text className='pc-small rq-decided'>
          {r.status === 'withdrawn' ? t.withdrawnAt : t.decidedAt}
          {time(r.decidedAt)}
        </Text>
      )}
      {r.reason && (
        <Text className='pc-small rq-reason'>
          {t.reason}
          {r.reason[lang]}
        </Text>
      )}
      {isRequestOpen(r.status) && (
        <Button
          id={`request-${r.id}-withdraw`}
          className={buttonClass('pc-btn rq-withdraw', desk.withdrawingId !== null)}
          disabled={disabledWhen(desk.withdrawingId !== null)}
          onClick={() => void desk.withdraw(r.id)}
        >
          {desk.withdrawingId === r.id ? t.withdrawing : t.withdraw}
        </Button>
      )}
    </View>
  );

  return (
    <>
      <BackBar />
      <View id='requests' className='pc' role='main'>
        <View className='pc-title' role='heading' aria-level={1}>
          <Text>{t.title}</Text>
        </View>
        <View className='pc-small'>
          <Text>{t.intro}</Text>
        </View>
        {problem}

        <View className='pc-section' role='region' aria-label={t.ask}>
          <View className='pc-heading' role='heading' aria-level={2}>
            <Text>{t.ask}</Text>
          </View>
          {form}
        </View>

        <View className='pc-section' role='region' aria-label={t.mine}>
          <View className='pc-heading' role='heading' aria-level={2}>
            <Text>{t.mine}</Text>
          </View>
          {desk.requests.length === 0 ? (
            desk.loaded && (
              <View id='requests-none' className='pc-small'>
                <Text>{t.none}</Text>
              </View>
            )
          ) : (
            <View id='requests-list' role='list'>
              {desk.requests.map(item)}
            </View>
          )}
          <Button id='requests-refresh' className={buttonClass('pc-btn', desk.isLoading)} disabled={disabledWhen(desk.isLoading)} onClick={() => void desk.load()}>
            {t.refresh}
          </Button>
        </View>
      </View>
    </>
  );
});
