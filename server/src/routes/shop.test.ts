import { allText, bearer, build, errorCode, publishPolicy, testTargets, tinyPolicy, type TestServer } from '../../test/helper';

jest.setTimeout(180_000);

/**
 * The shop's stored records: warranty registrations (own records only, idempotent, a clear 400 on
 * a malformed number) and product views (only with the personalisation consent), both in the
 * shopper's export and gone after the account purge.
 */
describe.each(testTargets())('shop records on $name', (target) => {
  let s: TestServer;
  let version: number;

  beforeAll(async () => {
    s = await build(target);
    version = await publishPolicy(s, tinyPolicy('shop'), true);
  });
  afterAll(async () => s?.close());

  let seq = 0;
  const decide = async (token: string, purpose: string, value: 'granted' | 'withdrawn') => {
    seq += 1;
    const event = { id: `shop-evt-${seq}`.padEnd(10, '0'), kind: 'consent', purpose, value, policyVersion: version, deviceId: 'shop-device-1', occurredAt: new Date().toISOString(), source: 'feature' };
    const res = await s.app.inject({ method: 'POST', url: '/v1/me/consents', headers: bearer(token), payload: { events: [event] } });
    expect(res.statusCode).toBe(200);
  };
  const register = (token: string, key: string, serial: string, international = false) =>
    s.app.inject({ method: 'POST', url: '/v1/shop/warranties', headers: { ...bearer(token), 'idempotency-key': key }, payload: { serial, international } });
  const warranties = async (token: string) => (await s.app.inject({ url: '/v1/shop/warranties', headers: bearer(token) })).json().items as { serial: string; international: boolean }[];
  const view = (token: string, productId: string) => s.app.inject({ method: 'POST', url: '/v1/shop/product-views', headers: bearer(token), payload: { productId } });
  const recommendations = async (token?: string) => (await s.app.inject({ url: '/v1/shop/recommendations', headers: token ? bearer(token) : {} })).json() as { personalised: boolean; items: { productId: string }[] };
  const viewCount = async (userId: string) => (await s.db.selectFrom('shop_product_views').select('id').where('user_id', '=', userId).execute()).length;

  it('stores a warranty for its shopper only, once per key and card, and refuses a malformed number', async () => {
    const a = await s.login('warranty-a');
    const b = await s.login('warranty-b');

    const first = await register(a.token, 'wty-key-0001', 'cw-2024-000123');
    expect(first.statusCode).toBe(201);
    expect(first.json()).toMatchObject({ serial: 'CW-2024-000123', international: false });
    // A retry with the same key gets the first answer and stores nothing more.
    const retry = await register(a.token, 'wty-key-0001', 'CW-2024-000123');
    expect({ status: retry.statusCode, body: retry.json() }).toEqual({ status: 201, body: first.json() });
    // The same card again under a new key finds the first registration.
    const again = await register(a.token, 'wty-key-0002', 'CW-2024-000123');
    expect({ status: again.statusCode, id: again.json().id }).toEqual({ status: 200, id: first.json().id });
    // The same key for another card is refused.
    const reused = await register(a.token, 'wty-key-0001', 'CW-2024-999999');
    expect({ status: reused.statusCode, code: errorCode(reused) }).toEqual({ status: 422, code: 'IDEMPOTENCY_KEY_REUSED' });
    // No key: refused, nothing stored.
    const noKey = await s.app.inject({ method: 'POST', url: '/v1/shop/warranties', headers: bearer(a.token), payload: { serial: 'CW-2024-000777', international: false } });
    expect(noKey.statusCode).toBe(400);

    for (const bad of ['CW', '-CW-2024-000123', 'CW 2024 000123', 'CW-2024-000123-000000000000', '保修卡123456']) {
      const res = await register(a.token, `wty-bad-${bad.length}`.padEnd(12, '0'), bad);
      expect({ bad, status: res.statusCode, message: res.json().error?.message }).toEqual({ bad, status: 400, message: expect.stringContaining('6 to 24 letters, digits or hyphens') });
    }
    // International needs the cross-border consent.
    const abroad = await register(a.token, 'wty-key-0003', 'CW-2024-000456', true);
    expect(abroad.statusCode).toBe(403);

    expect((await warranties(a.token)).map((w) => w.serial)).toEqual(['CW-2024-000123']);
    // Another shopper sees none of them, and registering the same card is their own record.
    expect(await warranties(b.token)).toEqual([]);
    expect((await register(b.token, 'wty-key-0001', 'CW-2024-000123')).statusCode).toBe(201);
    expect((await warranties(a.token)).length).toBe(1);

    await decide(a.token, 'cross-border', 'granted');
    expect((await register(a.token, 'wty-key-0004', 'CW-2024-000456', true)).statusCode).toBe(201);
    expect((await warranties(a.token)).map((w) => [w.serial, w.international]).sort()).toEqual([
      ['CW-2024-000123', false],
      ['CW-2024-000456', true],
    ]);
  });

  it('records product views only with the personalisation consent, and they shape the recommendations', async () => {
    const p = await s.login('views');
    const generic = await recommendations();
    expect(generic.personalised).toBe(false);
    expect(await recommendations(p.token)).toEqual(generic);

    // Without the consent the server refuses to record.
    const refused = await view(p.token, 'santos');
    expect({ status: refused.statusCode, code: errorCode(refused) }).toEqual({ status: 403, code: 'FORBIDDEN' });
    expect(await viewCount(p.userId)).toBe(0);

    await decide(p.token, 'personalisation', 'granted');
    // With the consent and nothing viewed yet: still the generic list.
    expect(await recommendations(p.token)).toEqual(generic);
    expect((await view(p.token, 'no-such-product')).statusCode).toBe(400);
    expect((await view(p.token, 'love-bracelet')).statusCode).toBe(201);
    const personal = await recommendations(p.token);
    expect(personal.personalised).toBe(true);
    expect(personal.items.map((i) => i.productId)).toEqual(['juste-un-clou', 'tank-must', 'santos']);
    expect(personal.items).not.toEqual(generic.items);
    expect(await viewCount(p.userId)).toBe(1);

    // Withdrawn: the generic list again, the views recorded under the consent deleted (PIPL art.
    // 47(3)), and no more recorded.
    await decide(p.token, 'personalisation', 'withdrawn');
    expect(await recommendations(p.token)).toEqual(generic);
    expect(await viewCount(p.userId)).toBe(0);
    expect((await view(p.token, 'santos')).statusCode).toBe(403);
    expect(await viewCount(p.userId)).toBe(0);
  });

  it('puts warranties and product views in the export, and the purge deletes them', async () => {
    const p = await s.login('shop-purged');
    await decide(p.token, 'personalisation', 'granted');
    expect((await register(p.token, 'wty-purge-01', 'PURGE-CARD-0001')).statusCode).toBe(201);
    expect((await view(p.token, 'panthere-bag')).statusCode).toBe(201);

    const exported = await s.app.inject({ url: '/v1/me/export', headers: bearer(p.token) });
    expect(exported.statusCode).toBe(200);
    expect(exported.json().app).toEqual({
      warranties: [expect.objectContaining({ serial: 'PURGE-CARD-0001', international: false })],
      productViews: [expect.objectContaining({ productId: 'panthere-bag' })],
    });

    const asked = await s.app.inject({ method: 'POST', url: '/v1/me/cancellation', headers: { ...bearer(p.token), 'idempotency-key': 'shop-purge-key' }, payload: { confirm: true, code: 'dev:shop-purged' } });
    expect(asked.statusCode).toBe(202);
    expect(await s.app.purger.runOnce()).toBeGreaterThanOrEqual(1);
    expect(await s.db.selectFrom('shop_warranties').select('id').where('user_id', '=', p.userId).execute()).toEqual([]);
    expect(await viewCount(p.userId)).toBe(0);
    const text = await allText(s.db);
    expect(text.includes('PURGE-CARD-0001')).toBe(false);
    expect(text.includes(p.userId)).toBe(false);
  });
});
