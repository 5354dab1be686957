import type { PropsWithChildren } from 'react';
import { useDidShow, useLaunch } from '@tarojs/taro';
import { PrivacyProvider, RootStore } from '@maison/privacy';
import { createPlatformPorts } from '@maison/privacy/platform';
import { ACME_PRIVACY } from './privacy-content/app';

export const privacy = new RootStore({
  ports: createPlatformPorts({ apiBaseUrl: 'https://api.adopter.example' }),
  app: ACME_PRIVACY,
  pagesRoot: 'legal',
  keyPrefix: 'adopter.privacy.',
});

export default function App({ children }: PropsWithChildren) {
  useLaunch(() => void privacy.start());
  useDidShow(() => void privacy.onShow());
  return <PrivacyProvider store={privacy}>{children}</PrivacyProvider>;
}
