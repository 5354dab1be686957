import { BackBar } from '../../components/BackBar';
import { CollectionListView } from '../../components/ListsView';
import { COLLECTION_LIST } from '../../data/collection-list';

/** 个人信息收集清单 page. */
export default function CollectionListPage() {
  return (
    <>
      <BackBar />
      <CollectionListView items={COLLECTION_LIST} />
    </>
  );
}
