import { LIMITS } from '../domain/contract';
import { PrivacyApi } from '../adapters/PrivacyApi';
import { FakeBackend } from './FakeBackend';
import { ledgerEvent } from './events';

/** The fake's request desk follows the server's documented behaviour (API.md, server/README.md "The request desk"). */
describe('FakeBackend request desk', () => {
  const at = Date.parse('2026-02-10T17:30:00.000Z'); // 01:30 on 11 February in China
  async function shopper(name = 'li', rows?: string[]) {
    const backend = new FakeBackend({ now: () => at, collectionRows: rows });
    const api = new PrivacyApi({ http: backend });
    const { userId } = await api.login(`dev:${name}`);
    return { backend, api, userId };
  }

  it.each<[string, Record<string, unknown>, RegExp]>([
    ['an unknown type', { type: 'erasure' }, /type must be one of/],
    ['a correction without details', { type: 'correction', code: 'dev:li' }, /details are required/],
    ['a complaint without details', { type: 'complaint' }, /details are required/],
    ['a deletion without categories', { type: 'deletion', code: 'dev:li' }, /categories are required/],
    ['a restriction without a login code', { type: 'restriction', categories: ['orders'] }, /login code is required/],
    ['a copy without a login code', { type: 'copy' }, /login code is required/],
    ['details too long', { type: 'complaint', details: 'x'.repeat(LIMITS.requestDetailsMaxLength + 1) }, /at most 2000/],
    ['details with a control character', { type: 'complaint', details: 'a\u0007b' }, /control characters/],
    ['a repeated row', { type: 'deletion', categories: ['orders', 'orders'], code: 'dev:li' }, /repeat/],
    ['a row not in the list', { type: 'deletion', categories: ['orders', 'dreams'], code: 'dev:li' }, /Not rows of the collection list in force: dreams/],
    ['an unknown field', { type: 'access', urgent: true }, /Unknown fields: urgent/],
  ])('refuses %s with 400 and stores nothing', async (_name, body, message) => {
    const { backend, api, userId } = await shopper('li', ['orders', 'profile']);
    await expect(api.createRightsRequest(body as never, 'k1')).rejects.toMatchObject({ status: 400, code: 'BAD_REQUEST', message: expect.stringMatching(message) });
    expect(backend.rightsRequestsOf(userId)).toEqual([]);
  });

  it('answers at once, as the server does, what it can do itself: the export, and deleting data whose only basis is a consent not granted', async () => {
    const backend = new FakeBackend({ now: () => at, collectionRows: ['views', 'orders'], consentOnlyRows: { views: 'personalisation' } });
    const api = new PrivacyApi({ http: backend });
    const { userId } = await api.login('dev:li');
    const copy = await api.createRightsRequest({ type: 'copy', code: 'dev:li' }, 'k1');
    expect(copy).toMatchObject({ status: 'fulfilled', file: '/v1/me/export' });
    await api.postConsents([ledgerEvent({ purpose: 'personalisation', value: 'granted' })]);
    // While the consent stands, the deletion goes to ops; a row with another basis always does.
    expect(await api.createRightsRequest({ type: 'deletion', categories: ['views'], code: 'dev:li' }, 'k2')).toMatchObject({ status: 'received' });
    await api.postConsents([ledgerEvent({ purpose: 'personalisation', value: 'withdrawn' })]);
    expect(await api.createRightsRequest({ type: 'deletion', categories: ['views', 'orders'], code: 'dev:li' }, 'k3')).toMatchObject({ status: 'received' });
    const deletion = await api.createRightsRequest({ type: 'deletion', categories: ['views'], code: 'dev:li' }, 'k4');
    expect(deletion.status).toBe('fulfilled');
    expect(deletion).not.toHaveProperty('file');
    expect(backend.rightsRequestsOf(userId).map((r) => [r.type, r.status, r.outcome ?? null])).toEqual([
      ['copy', 'fulfilled', 'fulfilled'],
      ['deletion', 'received', null],
      ['deletion', 'received', null],
      ['deletion', 'fulfilled', 'fulfilled'],
    ]);
  });

  it("refuses another WeChat user's login code with 403", async () => {
    const { backend, api, userId } = await shopper();
    await expect(api.createRightsRequest({ type: 'copy', code: 'dev:mallory' }, 'k1')).rejects.toMatchObject({ status: 403 });
    expect(backend.rightsRequestsOf(userId)).toEqual([]);
  });

  it('answers a repeated key with the first receipt and keeps one request', async () => {
    const { backend, api, userId } = await shopper();
    const first = await api.createRightsRequest({ type: 'explanation', details: 'How are recommendations made?' }, 'k1');
    expect(await api.createRightsRequest({ type: 'explanation', details: 'How are recommendations made?' }, 'k1')).toEqual(first);
    expect(backend.rightsRequestsOf(userId)).toHaveLength(1);
  });

  it('sets the deadline at the end of the 15th China-time day, lists newest first and exports the requests', async () => {
    const { backend, api } = await shopper();
    const receipt = await api.createRightsRequest({ type: 'access' }, 'k1');
    expect(receipt.deadline).toBe('2026-02-26T15:59:59.999Z');
    await api.createRightsRequest({ type: 'complaint', details: 'No answer to my e-mail' }, 'k2');
    expect((await api.getRightsRequests()).map((r) => r.type)).toEqual(['complaint', 'access']);
    const exported = (await api.exportData()) as { rightsRequests: { type: string }[] };
    expect(exported.rightsRequests.map((r) => r.type)).toEqual(['complaint', 'access']);
    expect(backend.requestsTo('/v1/me/requests')).toHaveLength(3);
  });

  it('lets ops decide once; a refusal needs its reason; a decided request cannot be withdrawn', async () => {
    const { backend, api } = await shopper();
    const { id } = await api.createRightsRequest({ type: 'access' }, 'k1');
    expect(() => backend.decideRightsRequest(id, 'refused')).toThrow('A refusal needs a reason');
    expect((await api.getRightsRequests())[0].status).toBe('received');
    expect(backend.decideRightsRequest(id, 'fulfilled')).toMatchObject({ status: 'fulfilled', outcome: 'fulfilled', decidedAt: '2026-02-10T17:30:00.000Z' });
    expect(() => backend.decideRightsRequest(id, 'refused', { zh: '理由', en: 'Reason' })).toThrow('already fulfilled');
    await expect(api.withdrawRightsRequest(id)).rejects.toMatchObject({ status: 409 });
    expect((await api.getRightsRequests())[0].status).toBe('fulfilled');
  });

  it("answers another shopper's request as one that does not exist", async () => {
    const { backend, api } = await shopper('li');
    const { id } = await api.createRightsRequest({ type: 'access' }, 'k1');
    const other = new PrivacyApi({ http: backend });
    await other.login('dev:wang');
    await expect(other.withdrawRightsRequest(id)).rejects.toMatchObject({ status: 404 });
    expect(await other.getRightsRequests()).toEqual([]);
    // Withdrawing twice is answered with the withdrawn request; ops can no longer decide it.
    expect((await api.withdrawRightsRequest(id)).status).toBe('withdrawn');
    expect((await api.withdrawRightsRequest(id)).status).toBe('withdrawn');
    expect(() => backend.decideRightsRequest(id, 'fulfilled')).toThrow('already withdrawn');
  });
});
