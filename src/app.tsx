import { PropsWithChildren } from 'react';
import { useDidShow, useLaunch } from '@tarojs/taro';
import { PrivacyProvider } from '@maison/privacy';
import { privacy } from './shop/instance';
import './app.scss';

function App({ children }: PropsWithChildren) {
  useLaunch(() => {
    void privacy.start();
  });
  // Every return to the foreground re-checks the policy version (the first show is the launch's).
  useDidShow(() => {
    void privacy.onShow();
  });
  return <PrivacyProvider store={privacy}>{children}</PrivacyProvider>;
}

export default App;
