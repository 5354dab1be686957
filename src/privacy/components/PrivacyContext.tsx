import { createContext, useContext, type PropsWithChildren } from 'react';
import type { RootStore } from '../stores/RootStore';

const PrivacyContext = createContext<RootStore | null>(null);

/** Makes the module's RootStore available to its components and pages. */
export function PrivacyProvider({ store, children }: PropsWithChildren<{ store: RootStore }>) {
  return <PrivacyContext.Provider value={store}>{children}</PrivacyContext.Provider>;
}

/** The module's RootStore; throws when the app forgot the provider. */
export function usePrivacy(): RootStore {
  const store = useContext(PrivacyContext);
  if (!store) throw new Error('usePrivacy() needs <PrivacyProvider store={…}> around the app');
  return store;
}
