import { useDidShow } from '@tarojs/taro';
import { BackBar } from '../../components/BackBar';
import { Cancellation } from '../../components/Cancellation';
import { usePrivacy } from '../../components/PrivacyContext';

/** 注销账户 page: the request and its status. */
export default function CancellationPage() {
  const root = usePrivacy();
  const { cancellation } = root;
  useDidShow(() => {
    void root.ready().then(() => cancellation.refresh());
  });
  return (
    <>
      <BackBar />
      <Cancellation />
    </>
  );
}
