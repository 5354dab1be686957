import { SharingListView } from '../../components/ListsView';
import { SHARING_LIST } from '../../data/sharing-list';

/** 第三方信息共享清单 page. */
export default function SharingListPage() {
  return <SharingListView items={SHARING_LIST} />;
}
