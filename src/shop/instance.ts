import { RootStore } from '@maison/privacy';
import { createShopApi } from './shopApi';
import { ShopStore } from './ShopStore';
import { createPlatformPorts } from '@maison/privacy/platform';
import { BUNDLED_POLICY_REF } from '@maison/privacy/data';

/** The shop's one instance of the privacy module. */
export const privacy = new RootStore({
  ports: createPlatformPorts({ apiBaseUrl: PRIVACY_API_BASE }),
  // Version and hash only: the policy pages hand the document over from their subpackage.
  bundledPolicy: BUNDLED_POLICY_REF,
});

/** The shop's backend calls, gated by the module's consents. */
export const shopApi = createShopApi(privacy);

/** Demo-shop state (browsing history, recommendations). */
export const shop = new ShopStore(shopApi);
