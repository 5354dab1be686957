import { createContext, useContext, type PropsWithChildren } from 'react';
import type { RootStore } from '../stores/RootStore';
import type { PrivacyDocuments } from '../domain/app';

const PrivacyContext = createContext<RootStore | null>(null);
const DocumentsContext = createContext<PrivacyDocuments | null>(null);

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

/** Hands the app's documents (policy and lists) to a page of the module (`privacyPages`). */
export function PrivacyDocumentsProvider({ documents, children }: PropsWithChildren<{ documents: PrivacyDocuments }>) {
  return <DocumentsContext.Provider value={documents}>{children}</DocumentsContext.Provider>;
}

/** The app's documents; throws outside a page made by `privacyPages(documents)`. */
export function usePrivacyDocuments(): PrivacyDocuments {
  const documents = useContext(DocumentsContext);
  if (!documents) throw new Error('The app\'s privacy documents are missing: mount the page made by privacyPages(documents)');
  return documents;
}

/**
 * The app's documents inside a page made by `privacyPages(documents)`, else null: for what also
 * shows over the app's own pages (the sheets), where the documents' subpackage is not loaded.
 */
export function useOptionalPrivacyDocuments(): PrivacyDocuments | null {
  return useContext(DocumentsContext);
}

/**
 * The two lists shown: those served with the policy version in force (`privacy.lists`), else the
 * app's documents'. Read it in an observer: the served ones may arrive while the page is open.
 */
export function usePrivacyLists(): Pick<PrivacyDocuments, 'collectionList' | 'sharingList'> {
  const { lists } = usePrivacy();
  const documents = usePrivacyDocuments();
  return { collectionList: lists.collection ?? documents.collectionList, sharingList: lists.sharing ?? documents.sharingList };
}
