import type { PropsWithChildren } from 'react';
import { useDidShow, useLaunch } from '@tarojs/taro';

// The adoption app's entry without the privacy module: the same launch and show hooks, nothing to start.
export default function App({ children }: PropsWithChildren) {
  useLaunch(() => undefined);
  useDidShow(() => undefined);
  return children;
}
