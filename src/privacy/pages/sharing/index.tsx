import { BackBar } from '../../components/BackBar';
import { View } from '@tarojs/components';
import { SharingListView } from '../../components/ListsView';
import { usePrivacyDocuments } from '../../components/PrivacyContext';
import type { SharingItem } from '../../domain/lists';
import { RevealMore, useListReveal } from '../ListReveal';

const rowTexts = (item: SharingItem) => [item.recipient, item.data, item.purpose, item.method, item.contact];

/** 第三方信息共享清单 page, revealed in chunks. */
export default function SharingListPage() {
  const { shown, more } = useListReveal(usePrivacyDocuments().sharingList, rowTexts);
  return (
    <>
      <BackBar />
      <SharingListView items={shown} />
      {/* A stable parent: removing the page root's last child would resend the whole list. */}
      <View id='sharing-end'>{more && <RevealMore id='sharing-more' onClick={more} />}</View>
    </>
  );
}
