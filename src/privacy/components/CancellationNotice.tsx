import Taro from '@tarojs/taro';
import { Button, Text, View } from '@tarojs/components';
import { observer } from 'mobx-react-lite';
import { CANCELLATION_STATUS_TEXT, formatChinaTime, REMOVE_FROM_RECENT_NOTE } from '../domain/cancellation';
import { usePrivacy } from './PrivacyContext';
import './CancellationNotice.scss';

const T = Object.freeze({
  zh: { view: '查看或撤销', close: '知道了', ends: '冷静期结束：' },
  en: { view: 'View or undo', close: 'OK', ends: 'Cooling-off ends: ' },
});

/**
 * On every page: the closing note after the account was deleted and wiped, and, at each launch
 * while a cancellation request is under way, its status with a way to the undo button.
 */
export const CancellationNotice = observer(function CancellationNotice() {
  const { cancellation, policy, routes } = usePrivacy();
  const lang = policy.lang;
  const t = T[lang];
  if (cancellation.deletedAt !== null) {
    return (
      <View id='cancellation-deleted-note' className='pc-banner' role='status' aria-live='polite'>
        <Text>{REMOVE_FROM_RECENT_NOTE[lang]}</Text>
        <Button id='cancellation-deleted-ok' className='pc-btn' size='mini' onClick={cancellation.dismissDeletedNote}>
          {t.close}
        </Button>
      </View>
    );
  }
  const latest = cancellation.latest;
  if (!cancellation.launchNoticeOpen || !latest || !cancellation.isOpen) return null;
  return (
    <View id='cancellation-launch-notice' className='pc-banner' role='status' aria-live='polite' data-status={latest.status}>
      <Text>
        {CANCELLATION_STATUS_TEXT[lang][latest.status]}
        {latest.status === 'pending' ? ` · ${t.ends}${formatChinaTime(latest.coolingOffEndsAt, lang)}` : ''}
      </Text>
      <Button
        id='cancellation-launch-view'
        className='pc-btn'
        size='mini'
        onClick={() => {
          cancellation.dismissLaunchNotice();
          void Taro.navigateTo({ url: routes.cancel });
        }}
      >
        {t.view}
      </Button>
      <Button id='cancellation-launch-close' className='pc-btn' size='mini' onClick={cancellation.dismissLaunchNotice}>
        {t.close}
      </Button>
    </View>
  );
});
