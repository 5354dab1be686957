/**
 * The demo shop's own backend calls. Each consumer of a separate consent sends personal
 * information only while that consent holds; the server checks the ledger again.
 */
import type { RootStore } from '@maison/privacy';

export interface Recommendation {
  productId: string;
  reason: string;
}

export function createShopApi(privacy: RootStore) {
  const { api, consents } = privacy;
  return {
    /**
     * Personalised only for a signed-in member with the personalisation consent (the server checks
     * its own copy of the ledger): otherwise no history leaves the device.
     */
    async recommendations(history: readonly string[]): Promise<{ items: Recommendation[]; personalised: boolean }> {
      const personalised = consents.has('personalisation') && history.length > 0 && api.hasSession();
      const path = personalised ? `/v1/shop/recommendations?history=${encodeURIComponent(history.join(','))}` : '/v1/shop/recommendations';
      const res = await api.request({ method: 'GET', path }, [200], api.hasSession());
      return res.body as { items: Recommendation[]; personalised: boolean };
    },
    /** The newsletter sign-up: only ever called with the marketing consent. */
    async subscribeNewsletter(): Promise<void> {
      if (!consents.has('marketing')) throw new Error('marketing consent required');
      await api.request({ method: 'POST', path: '/v1/shop/newsletter', body: { channel: 'wechat' } }, [200, 201]);
    },
    /** An appointment at an authorised dealer: the dealer receives the shopper's details. */
    async bookDealer(dealerId: string, date: string): Promise<{ id: string }> {
      if (!consents.has('dealer-sharing')) throw new Error('dealer-sharing consent required');
      const res = await api.request({ method: 'POST', path: '/v1/shop/dealer-appointments', body: { dealerId, date } }, [201]);
      return res.body as { id: string };
    },
    /** Warranty registration; `international` sends it to the overseas receiver (cross-border consent). */
    async registerWarranty(serial: string, international: boolean): Promise<{ id: string; international: boolean }> {
      if (international && !consents.has('cross-border')) throw new Error('cross-border consent required');
      const res = await api.request({ method: 'POST', path: '/v1/shop/warranties', body: { serial, international } }, [201]);
      return res.body as { id: string; international: boolean };
    },
    /** A refund to a bank account: the account number is sensitive personal information. */
    async refundToBank(orderId: string, bankAccount: string): Promise<{ id: string }> {
      if (!consents.has('sensitive')) throw new Error('sensitive-information consent required');
      const res = await api.request({ method: 'POST', path: '/v1/shop/refunds', body: { orderId, bankAccount } }, [201]);
      return res.body as { id: string };
    },
    /** Page-view statistics: sent only while the analytics tracking consent holds (`canTrack`). */
    async trackPageView(route: string): Promise<boolean> {
      if (!privacy.consent.canTrack('tracking-analytics')) return false;
      await api.request({ method: 'POST', path: '/v1/shop/analytics', body: { route } }, [202], api.hasSession());
      return true;
    },
  };
}

export type ShopApi = ReturnType<typeof createShopApi>;
