import type { RootStore } from '@maison/privacy';
import { PrivacyApi, type HttpPort } from '@maison/privacy/client';
import { createShopApi } from './shopApi';

type Sent = Parameters<HttpPort['request']>[0];

/** The shop's calls over the real client, on a transport that records what it is given. */
function setup(consents: { analytics?: boolean; refund?: boolean } = {}) {
  const sent: Sent[] = [];
  const http: HttpPort = {
    async request(req) {
      sent.push(req);
      return { status: req.path === '/v1/shop/analytics' ? 202 : 201, headers: {}, body: { id: 'x' } };
    },
  };
  // A signed-in shopper: the client holds a session token.
  const api = new PrivacyApi({ http, token: 'session-token' });
  const privacy = {
    api,
    consent: { canTrack: (c: string) => c === 'tracking-analytics' && consents.analytics === true },
    consentPrompts: { has: (p: string) => p === 'sensitive-refund' && consents.refund === true },
  } as unknown as RootStore;
  return { shopApi: createShopApi(privacy), sent };
}

describe('the shop sends what its consents say', () => {
  it('sends a page view only with the analytics consent, and never with the session token (the consent says it cannot be tied to the shopper)', async () => {
    const without = setup();
    expect(await without.shopApi.trackPageView('pages/index/index')).toBe(false);
    expect(without.sent).toEqual([]);

    const { shopApi, sent } = setup({ analytics: true });
    expect(await shopApi.trackPageView('pages/index/index')).toBe(true);
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ method: 'POST', path: '/v1/shop/analytics', body: { route: 'pages/index/index' } });
    const headers = Object.keys(sent[0].headers ?? {}).map((h) => h.toLowerCase());
    expect(headers).not.toContain('authorization');
    expect(JSON.stringify(sent[0])).not.toContain('session-token');
  });

  it('asks for a refund to a bank account only under the refund consent, with the session', async () => {
    await expect(setup().shopApi.refundToBank('o1', '6222020200000000000')).rejects.toThrow('sensitive-refund');
    const { shopApi, sent } = setup({ refund: true });
    await shopApi.refundToBank('o1', '6222020200000000000');
    expect(sent[0]).toMatchObject({ path: '/v1/shop/refunds', headers: { Authorization: 'Bearer session-token' } });
  });
});
