import { RootStore } from '@maison/privacy';
import { createShopApi } from './shopApi';
import { ShopStore } from './ShopStore';
import { createPlatformPorts } from '@maison/privacy/platform';
import { PRIVACY_PAGES_ROOT, SHOP_PRIVACY } from './privacy-content/app';

/** The shop's one instance of the privacy module. */
export const privacy = new RootStore({
  ports: createPlatformPorts({ apiBaseUrl: PRIVACY_API_BASE }),
  // The shop's description; the policy's version and hash only: its pages hand the document over from their subpackage.
  app: SHOP_PRIVACY,
  pagesRoot: PRIVACY_PAGES_ROOT,
});

/** The shop's backend calls, gated by the module's consents. */
export const shopApi = createShopApi(privacy);

/** Demo-shop state (browsing history, recommendations). */
export const shop = new ShopStore(shopApi);
