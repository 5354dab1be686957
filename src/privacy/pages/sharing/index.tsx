import { BackBar } from '../../components/BackBar';
import { SharingListView } from '../../components/ListsView';
import { SHARING_LIST } from '../../data/sharing-list';

/** 第三方信息共享清单 page. */
export default function SharingListPage() {
  return (
    <>
      <BackBar />
      <SharingListView items={SHARING_LIST} />
    </>
  );
}
