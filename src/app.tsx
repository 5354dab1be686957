import { PropsWithChildren } from 'react';
import { useLaunch } from '@tarojs/taro';
import { PrivacyProvider } from './privacy';
import { privacy } from './shop/privacy';
import './app.scss';

function App({ children }: PropsWithChildren) {
  useLaunch(() => {
    void privacy.start();
  });
  return <PrivacyProvider store={privacy}>{children}</PrivacyProvider>;
}

export default App;
