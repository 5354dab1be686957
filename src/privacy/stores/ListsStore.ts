import { makeAutoObservable, observable, runInAction } from 'mobx';
import type { ConsentCatalogueEntry } from '../domain/consent-schema';
import type { CollectionItem, ListVocabulary, SharingItem } from '../domain/lists';
import { asServedLists, shownConsent, type ServedLists, type ShownConsent } from '../domain/servedLists';
import type { PrivacyApiPort, StoragePort } from '../ports';
import { Persistence } from './persistence';

export interface ListsStoreDeps {
  api: PrivacyApiPort;
  storage: StoragePort;
  keyPrefix: string;
  /** The app's consents (`PrivacyApp.consents`): which purposes exist, whether each is asked, and the offline texts. */
  catalogue: Readonly<Record<string, ConsentCatalogueEntry>>;
  /** What the lists may reference: the app's consent purposes and capabilities. */
  vocabulary: Required<ListVocabulary>;
}

/** Where the policy metadata says the lists in force are (`lists` of `GET /v1/policy/current`). */
export interface ListsRef {
  contentHash: string;
}

/**
 * The collection list, the sharing list and the separate consents' texts of the version in force,
 * as ops published them: fetched when the policy metadata names a content hash other than the one
 * held (ETag), checked in depth, cached in storage; offline, or when an answer fails its checks,
 * the last good copy, else the app's bundled content. It owns which consent text is shown and
 * the hash its events carry.
 */
export class ListsStore {
  /** The last good served content, or null (the bundled content is shown). */
  served: ServedLists | null = null;
  etag: string | null = null;
  isFetching = false;
  /** The last failure (offline, an answer that failed its checks); the content shown stays. */
  error: Error | null = null;
  private readonly store: Persistence;

  constructor(private readonly deps: ListsStoreDeps) {
    this.store = new Persistence(deps.storage, deps.keyPrefix);
    makeAutoObservable<ListsStore, 'deps' | 'store'>(this, { deps: false, store: false, served: observable.ref }, { autoBind: true });
  }

  /** The served collection list, or null while the app's bundled one is shown. */
  get collection(): readonly CollectionItem[] | null {
    return this.served?.collection ?? null;
  }

  /** The served sharing list, or null while the app's bundled one is shown. */
  get sharing(): readonly SharingItem[] | null {
    return this.served?.sharing ?? null;
  }

  /** The words shown for a consent the app declares, and their hash; throws for one it does not declare. */
  consent(purpose: string): ShownConsent {
    const bundled = Object.prototype.hasOwnProperty.call(this.deps.catalogue, purpose) ? this.deps.catalogue[purpose] : undefined;
    if (!bundled) throw new Error(`The app declares no consent "${purpose}" (PrivacyApp.consents)`);
    return shownConsent(bundled, this.served);
  }

  /** The hash of the words shown for `purpose` (what its consent events carry), or null for a purpose the app does not declare. */
  textHash(purpose: string): string | null {
    return Object.prototype.hasOwnProperty.call(this.deps.catalogue, purpose) ? this.consent(purpose).textHash : null;
  }

  /** Restores the last good served content (works offline); a stored copy that fails its checks is not used. */
  async hydrate(): Promise<void> {
    const stored = await this.store.value('policy.lists');
    const lists = stored && asServedLists(stored.lists, this.deps.vocabulary);
    if (!stored || !lists) return;
    runInAction(() => {
      this.served = lists;
      this.etag = stored.etag;
    });
  }

  /**
   * Fetches the lists when `ref` names other content than the copy held. Only the content it names
   * is taken (a cache may still answer with the previous one: the next check asks again). Never
   * rejects: a failure is kept in `error` and the content shown stays.
   */
  async sync(ref: ListsRef | undefined): Promise<void> {
    if (!ref || ref.contentHash === this.served?.contentHash || this.isFetching) return;
    this.isFetching = true;
    try {
      const res = await this.deps.api.getLists(this.etag);
      if (res.status === 'ok') {
        const lists = asServedLists(res.lists, this.deps.vocabulary);
        if (!lists) throw new Error('Served lists failed their checks: keeping the last good ones');
        if (lists.contentHash === ref.contentHash) {
          await this.store.write('policy.lists', { lists, etag: res.etag });
          runInAction(() => {
            this.served = lists;
            this.etag = res.etag;
          });
        }
      }
      runInAction(() => (this.error = null));
    } catch (err) {
      runInAction(() => (this.error = err instanceof Error ? err : new Error(String(err))));
    } finally {
      runInAction(() => (this.isFetching = false));
    }
  }
}
