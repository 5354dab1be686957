import { BackBar } from '../../components/BackBar';
import { View } from '@tarojs/components';
import { CollectionListView } from '../../components/ListsView';
import { observer } from 'mobx-react-lite';
import { usePrivacyLists } from '../../components/PrivacyContext';
import type { CollectionItem } from '../../domain/lists';
import { RevealMore, useListReveal } from '../ListReveal';

const rowTexts = (item: CollectionItem) => [item.category, item.items, item.purpose, item.scene];

/** 个人信息收集清单 page (the served list, else the app's), revealed in chunks. */
export default observer(function CollectionListPage() {
  const { shown, more } = useListReveal(usePrivacyLists().collectionList, rowTexts);
  return (
    <>
      <BackBar />
      <CollectionListView items={shown} />
      {/* A stable parent: removing the page root's last child would resend the whole list. */}
      <View id='collection-end'>{more && <RevealMore id='collection-more' onClick={more} />}</View>
    </>
  );
});
