import type { PropsWithChildren } from 'react';
import { useDidShow, useLaunch } from '@tarojs/taro';
import { PrivacyProvider, RootStore } from '@maison/privacy';
import { createPlatformPorts } from '@maison/privacy/platform';
import { BUNDLED_POLICY, BUNDLED_POLICY_VERSION } from '@maison/privacy/data';

export const privacy = new RootStore({
  ports: createPlatformPorts({ apiBaseUrl: 'https://api.adopter.example' }),
  bundledPolicy: { version: BUNDLED_POLICY_VERSION, document: BUNDLED_POLICY, source: 'bundled' },
  pagesRoot: 'legal',
  keyPrefix: 'adopter.privacy.',
});

export default function App({ children }: PropsWithChildren) {
  useLaunch(() => void privacy.start());
  useDidShow(() => void privacy.onShow());
  return <PrivacyProvider store={privacy}>{children}</PrivacyProvider>;
}
