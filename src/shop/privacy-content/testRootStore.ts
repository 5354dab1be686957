/** The demo shop's privacy module on the testing kit's fakes, with the shop's description and documents (for the repository's tests). */
import type { Capability } from '@maison/privacy';
import { createTestRootStore, type TestRootStoreOptions } from '@maison/privacy/testing';
import { SHOP_PRIVACY } from './app';
import { SHOP_DOCUMENTS } from './documents';

export function createShopTestRootStore(options: Partial<TestRootStoreOptions<string, Capability>> = {}) {
  return createTestRootStore<string, Capability>({ app: SHOP_PRIVACY as never, documents: SHOP_DOCUMENTS, ...options });
}
