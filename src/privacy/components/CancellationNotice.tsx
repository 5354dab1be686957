import Taro from '@tarojs/taro';
import { Button, Text, View } from '@tarojs/components';
import { observer } from 'mobx-react-lite';
import { formatChinaTime } from '../domain/chinaTime';
import { usePrivacy } from './PrivacyContext';
import './CancellationNotice.scss';

/**
 * On every page, when the overlay queue has it on screen: the closing note after the account was
 * deleted and wiped, and, at each launch while a cancellation request is under way, its status
 * with a way to the undo button.
 */
export const CancellationNotice = observer(function CancellationNotice() {
  const { ui, cancellation, policy, routes, texts } = usePrivacy();
  const { common, cancellationNotice: t } = texts[policy.lang];
  if (ui.head('account-deleted') !== null) {
    return (
      <View id='cancellation-deleted-note' className='pc-banner' role='status' aria-live='polite'>
        <Text>{common.accountDeleted}</Text>
        <Button id='cancellation-deleted-ok' className='pc-btn' size='mini' onClick={cancellation.dismissDeletedNote}>
          {t.close}
        </Button>
      </View>
    );
  }
  const latest = cancellation.latest;
  if (ui.head('cancellation-status') === null || !latest || !cancellation.isOpen) return null;
  return (
    <View id='cancellation-launch-notice' className='pc-banner' role='status' aria-live='polite' data-status={latest.status}>
      <Text>
        {common.cancellationStatus[latest.status]}
        {latest.status === 'pending' ? ` · ${t.ends}${formatChinaTime(latest.coolingOffEndsAt, common.time)}` : ''}
      </Text>
      <Button
        id='cancellation-launch-view'
        className='pc-btn'
        size='mini'
        onClick={() => {
          cancellation.dismissLaunchNotice('view');
          void Taro.navigateTo({ url: routes.cancel });
        }}
      >
        {t.view}
      </Button>
      <Button id='cancellation-launch-close' className='pc-btn' size='mini' onClick={() => cancellation.dismissLaunchNotice('closed')}>
        {t.close}
      </Button>
    </View>
  );
});
