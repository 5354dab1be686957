import type { PrivacyDocuments } from '../domain/app';
import { appCapabilities, appPurposes } from '../domain/appVocabulary';
import { servedListRows } from '../domain/lists';
import type { ServedLists } from '../domain/servedLists';
import { usePrivacy, usePrivacyDocuments } from './PrivacyContext';

/** Each served copy's rows, checked once (a copy never changes: a new one is a new object). */
const checked = new WeakMap<ServedLists, ReturnType<typeof servedListRows>>();

/**
 * The two lists shown: each as served with the policy version in force (`privacy.lists`) when its
 * rows pass the same checks as the app's own, else the app's documents' list. Read it in an
 * observer: served lists may arrive while the page is open. Imported by the pages only, so the
 * lists' checks ship in their subpackage.
 */
export function usePrivacyLists(): Pick<PrivacyDocuments, 'collectionList' | 'sharingList'> {
  const privacy = usePrivacy();
  const documents = usePrivacyDocuments();
  const served = privacy.lists.served;
  let rows = served && checked.get(served);
  if (served && !rows) {
    rows = servedListRows(served, { purposes: appPurposes(privacy.app), capabilities: appCapabilities(privacy.app) });
    checked.set(served, rows);
  }
  return { collectionList: rows?.collection ?? documents.collectionList, sharingList: rows?.sharing ?? documents.sharingList };
}
