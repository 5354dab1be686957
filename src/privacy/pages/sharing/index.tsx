import { BackBar } from '../../components/BackBar';
import { View } from '@tarojs/components';
import { SharingListView } from '../../components/ListsView';
import { observer } from 'mobx-react-lite';
import { usePrivacyLists } from '../../components/PrivacyContext';
import type { SharingItem } from '../../domain/lists';
import { RevealMore, useListReveal } from '../ListReveal';

const rowTexts = (item: SharingItem) => [item.recipient, item.data, item.purpose, item.method, item.contact];

/** 第三方信息共享清单 page (the served list, else the app's), revealed in chunks. */
export default observer(function SharingListPage() {
  const { shown, more } = useListReveal(usePrivacyLists().sharingList, rowTexts);
  return (
    <>
      <BackBar />
      <SharingListView items={shown} />
      {/* A stable parent: removing the page root's last child would resend the whole list. */}
      <View id='sharing-end'>{more && <RevealMore id='sharing-more' onClick={more} />}</View>
    </>
  );
});
