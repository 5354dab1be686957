/**
 * The demo shop's own backend calls. Each consumer of a separate consent sends personal
 * information only while that consent holds; the server checks the ledger again.
 */
import type { RootStore } from '@maison/privacy';

export interface Recommendation {
  productId: string;
  reason: string;
}

/** A warranty registration as the server stored it. */
export interface Warranty {
  id: string;
  serial: string;
  international: boolean;
  registeredAt: string;
}

export function createShopApi(privacy: RootStore) {
  const { api, consentPrompts } = privacy;
  return {
    /**
     * Personalised only for a signed-in member with the personalisation consent and products viewed
     * (the server reads its own records and its own copy of the ledger); generic otherwise.
     */
    async recommendations(): Promise<{ items: Recommendation[]; personalised: boolean }> {
      const res = await api.request({ method: 'GET', path: '/v1/shop/recommendations' }, [200], api.hasSession());
      return res.body as { items: Recommendation[]; personalised: boolean };
    },
    /**
     * Records an opened product for the recommendations: only a signed-in member with the
     * personalisation consent (the server refuses otherwise). Returns whether it was sent.
     */
    async recordView(productId: string): Promise<boolean> {
      if (!consentPrompts.has('personalisation') || !api.hasSession()) return false;
      await api.request({ method: 'POST', path: '/v1/shop/product-views', body: { productId } }, [201]);
      return true;
    },
    /** The newsletter sign-up: only ever called with the marketing consent. */
    async subscribeNewsletter(): Promise<void> {
      if (!consentPrompts.has('marketing')) throw new Error('marketing consent required');
      await api.request({ method: 'POST', path: '/v1/shop/newsletter', body: { channel: 'wechat' } }, [200, 201]);
    },
    /** An appointment at the authorised dealer and day the shopper chose: the dealer receives the shopper's details. */
    async bookDealer(dealerId: string, date: string): Promise<{ id: string }> {
      if (!consentPrompts.has('dealer-sharing')) throw new Error('dealer-sharing consent required');
      const res = await api.request({ method: 'POST', path: '/v1/shop/dealer-appointments', body: { dealerId, date } }, [201]);
      return res.body as { id: string };
    },
    /**
     * Registers a warranty card for the signed-in member; `international` sends it to the overseas
     * receiver (cross-border consent). A retry with the same `idempotencyKey` stores nothing twice.
     */
    async registerWarranty(serial: string, international: boolean, idempotencyKey: string): Promise<Warranty> {
      if (international && !consentPrompts.has('cross-border')) throw new Error('cross-border consent required');
      const res = await api.request({ method: 'POST', path: '/v1/shop/warranties', body: { serial, international }, headers: { 'Idempotency-Key': idempotencyKey } }, [200, 201]);
      return res.body as Warranty;
    },
    /** The member's registered warranty cards, newest first. */
    async warranties(): Promise<Warranty[]> {
      const res = await api.request({ method: 'GET', path: '/v1/shop/warranties' }, [200]);
      const items = (res.body as { items?: unknown } | null)?.items;
      return Array.isArray(items) ? (items as Warranty[]) : [];
    },
    /**
     * A refund to a bank account: the account number is sensitive personal information, sent only with
     * its own consent. No page of the shop calls it, so the shop marks that consent as not in the app.
     */
    async refundToBank(orderId: string, bankAccount: string): Promise<{ id: string }> {
      if (!consentPrompts.has('sensitive-refund')) throw new Error('sensitive-refund consent required');
      const res = await api.request({ method: 'POST', path: '/v1/shop/refunds', body: { orderId, bankAccount } }, [201]);
      return res.body as { id: string };
    },
    /**
     * Page-view statistics: sent only while the analytics tracking consent holds (`canTrack`), and
     * never with the session token, so a page view cannot be tied to the shopper (the consent says so).
     */
    async trackPageView(route: string): Promise<boolean> {
      if (!privacy.consent.canTrack('tracking-analytics')) return false;
      await api.request({ method: 'POST', path: '/v1/shop/analytics', body: { route } }, [202], false);
      return true;
    },
  };
}

export type ShopApi = ReturnType<typeof createShopApi>;
