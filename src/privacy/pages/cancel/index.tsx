import { useDidShow } from '@tarojs/taro';
import { BackBar } from '../../components/BackBar';
import { Cancellation } from '../../components/Cancellation';
import { usePrivacy } from '../../components/PrivacyContext';

/** 注销账户 page: what cancelling means and keeps, the request and its status. */
export default function CancellationPage() {
  const root = usePrivacy();
  const { cancellation } = root;
  useDidShow(() => {
    // The status, and what a request made now would be given (said before the shopper asks).
    void root.ready().then(() => Promise.all([cancellation.refresh(), cancellation.loadTerms()]));
  });
  return (
    <>
      <BackBar />
      <Cancellation />
    </>
  );
}
