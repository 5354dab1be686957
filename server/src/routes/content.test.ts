import { consentTextHash, type ConsentCatalogueEntry, type SharingItem } from '@maison/privacy/contract';
import { CONSENT_CATALOGUE, SHARING_LIST } from '../../../src/shop/privacy-content';
import { bearer, build, errorCode, GAPS_OVERRIDE, publishPolicy, tableChecksums, testTargets, tinyPolicy, type TestServer } from '../../test/helper';

jest.setTimeout(120_000);

const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;
const consents = (): ConsentCatalogueEntry[] => clone(Object.values<ConsentCatalogueEntry>(CONSENT_CATALOGUE));
const summary = { zh: '变更', en: 'Changes' };

describe.each(testTargets())('versioned privacy content on $name', (target) => {
  let s: TestServer;
  const h = () => bearer(s.publisher);
  const draft = async (tag: string) => {
    const res = await s.app.inject({ method: 'POST', url: '/v1/admin/policies', headers: h(), payload: { content: tinyPolicy(tag) } });
    expect(res.statusCode).toBe(201);
    return res.json().version as number;
  };
  const put = (version: number, kind: string, items: unknown[]) => s.app.inject({ method: 'PUT', url: `/v1/admin/lists/${version}/${kind}`, headers: h(), payload: { items } });
  const publish = (version: number, body: Record<string, unknown>) => s.app.inject({ method: 'POST', url: `/v1/admin/policies/${version}/publish`, headers: h(), payload: { summary, ...body } });
  const activate = (version: number) => s.app.inject({ method: 'POST', url: `/v1/admin/policies/${version}/activate`, headers: h(), payload: {} });
  const audit = async () => s.db.selectFrom('audit_log').select(['action', 'actor', 'at', 'details']).orderBy('id').execute();

  beforeAll(async () => {
    s = await build(target);
  });
  afterAll(async () => {
    await s?.close();
  });

  describe('the served lists and consent texts', () => {
    it('serves the active version\'s lists and consents with an ETag, 304 on a match, and names them in the policy answer', async () => {
      const res = await s.app.inject('/v1/policy/current/lists');
      expect(res.statusCode).toBe(200);
      const body = res.json();
      expect(body.consents.map((c: ConsentCatalogueEntry) => c.purpose)).toEqual(Object.keys(CONSENT_CATALOGUE));
      expect(body.sharing).toHaveLength(SHARING_LIST.length);
      expect(body.consentHashes.marketing).toBe(consentTextHash(CONSENT_CATALOGUE.marketing));
      const etag = res.headers.etag as string;
      expect((await s.app.inject({ url: '/v1/policy/current/lists', headers: { 'if-none-match': etag } })).statusCode).toBe(304);
      const policy = (await s.app.inject('/v1/policy/current?include=meta')).json();
      expect(policy.lists).toEqual({ url: `/v1/policy/versions/${body.version}/lists`, contentHash: body.contentHash });
      const byVersion = await s.app.inject(policy.lists.url);
      expect(byVersion.statusCode).toBe(200);
      expect(byVersion.json()).toEqual(body);
    });

    it('serves what ops edited once the version is active, and never a draft\'s', async () => {
      const v = await draft('lists');
      const sharing = clone(SHARING_LIST) as SharingItem[];
      sharing[0] = { ...sharing[0]!, purpose: { zh: '交付产品（已更新）', en: 'Deliver your products (updated)' } };
      const texts = consents();
      texts.find((c) => c.purpose === 'tracking-functional')!.ifRefused = { zh: '每次需重新选择语言。', en: 'You choose the language again each time.' };
      expect((await put(v, 'sharing', sharing)).statusCode).toBe(200);
      expect((await put(v, 'consents', texts)).statusCode).toBe(200);
      expect((await s.app.inject(`/v1/policy/versions/${v}/lists`)).statusCode).toBe(404);
      expect((await publish(v, { material: false, override: GAPS_OVERRIDE })).statusCode).toBe(200);
      expect((await activate(v)).statusCode).toBe(200);
      const served = (await s.app.inject('/v1/policy/current/lists')).json();
      expect(served.version).toBe(v);
      expect(served.sharing[0].purpose.en).toBe('Deliver your products (updated)');
      expect(served.consentHashes['tracking-functional']).toBe(consentTextHash(texts.find((c) => c.purpose === 'tracking-functional')!));
    });

    it('refuses consent texts that drop a declared consent, add one, or lack a retention, and stores nothing', async () => {
      const v = await draft('bad-consents');
      const before = await tableChecksums(s.db);
      const missing = consents().filter((c) => c.purpose !== 'marketing');
      const noRetention = consents().map((c) => (c.purpose === 'personalisation' ? { ...c, retention: undefined } : c));
      const extra = [...consents(), { ...consents()[0]!, purpose: 'everything' }];
      for (const [items, message] of [
        [missing, 'consent "marketing" is missing'],
        [JSON.parse(JSON.stringify(noRetention)), 'personalisation: states no retention'],
        [extra, '"everything" is not a consent the app declares'],
      ] as const) {
        const res = await put(v, 'consents', items as unknown[]);
        expect(res.statusCode).toBe(400);
        expect(res.json().error.message).toContain(message);
      }
      expect(await tableChecksums(s.db)).toEqual(before);
    });
  });

  describe('materiality follows the content', () => {
    it.each<[string, (c: ConsentCatalogueEntry[], sharing: SharingItem[]) => void, string]>([
      ['a consent purpose', (c) => void (c.find((e) => e.purpose === 'personalisation')!.purposeText = { zh: '新目的', en: 'A new purpose' }), 'consent-purpose-changed (consents.personalisation)'],
      ['consent categories', (c) => void (c.find((e) => e.purpose === 'marketing')!.categories = { zh: '姓名', en: 'Name' }), 'consent-categories-changed (consents.marketing)'],
      ['a consent retention', (c) => void (c.find((e) => e.purpose === 'cross-border')!.retention = { period: { zh: '一年', en: 'A year' }, atEnd: { zh: '删除', en: 'Deleted' } }), 'consent-retention-changed (consents.cross-border)'],
      [
        'consent recipients',
        (c) => {
          const e = c.find((x) => x.purpose === 'affiliate-sharing')!;
          if (e.disclosure.article === 'sharing') (e.disclosure.recipients as unknown[]).push({ name: { zh: '新接收方', en: 'New recipient' }, contact: { zh: '电话', en: 'Phone' } });
        },
        'consent-recipients-changed (consents.affiliate-sharing)',
      ],
      ['a recipient added', (_c, sharing) => void sharing.push({ ...sharing[0]!, id: 'new-carrier' }), 'recipient-added (sharing.new-carrier)'],
    ])('refuses to publish as non-material a version that changes %s, and publishes it with an audited override', async (_, change, finding) => {
      const v = await draft(`m-${finding}`);
      // From what the draft inherits (the version published before it), so only this change differs.
      const inherited = (await s.app.inject({ url: `/v1/admin/lists/${v}`, headers: h() })).json();
      const c = inherited.consents.items as ConsentCatalogueEntry[];
      const sharing = inherited.sharing.items as SharingItem[];
      change(c, sharing);
      expect((await put(v, 'consents', c)).statusCode).toBe(200);
      expect((await put(v, 'sharing', sharing)).statusCode).toBe(200);
      const findings = (await s.app.inject({ url: `/v1/admin/policies/${v}/findings`, headers: bearer(s.viewer) })).json();
      expect(findings.materialChanges.map((f: { code: string; where: string }) => `${f.code} (${f.where})`)).toEqual([finding]);

      const before = await tableChecksums(s.db);
      const refused = await publish(v, { material: false, override: undefined });
      expect(refused.statusCode).toBe(409);
      expect(errorCode(refused)).toBe('CONFLICT');
      expect(refused.json().error.message).toContain(finding);
      expect(await tableChecksums(s.db)).toEqual(before);

      const n = (await audit()).length;
      const ok = await publish(v, { material: false, override: { reason: 'Reviewed: wording only, legal signed off' } });
      expect(ok.statusCode).toBe(200);
      expect(ok.json().material).toBe(false);
      const entries = (await audit()).slice(n);
      expect(entries.map((e) => e.action)).toEqual(['policy.publish', 'policy.publish.override']);
      const override = entries[1]!;
      expect(override.actor).toBe('ops:test-publisher');
      expect(override.at).toBeTruthy();
      expect(override.details).toMatchObject({ reason: 'Reviewed: wording only, legal signed off', material: false, materialChanges: [expect.objectContaining({ where: finding.match(/\((.*)\)/)![1] })] });
    });

    it('publishes such a version as material without a materiality override (the gaps still need one)', async () => {
      const v = await draft('material-ok');
      const sharing = [...clone(SHARING_LIST), { ...clone(SHARING_LIST[0]!), id: 'another-carrier' }];
      expect((await put(v, 'sharing', sharing)).statusCode).toBe(200);
      const gapsOnly = await publish(v, { material: true });
      expect(gapsOnly.statusCode).toBe(409);
      expect(gapsOnly.json().error.message).not.toContain('make it material');
      expect(gapsOnly.json().error.message).toContain('compliance gap');
      expect((await publish(v, { material: true, override: GAPS_OVERRIDE })).statusCode).toBe(200);
    });

    it('counts a wording change that touches none of these as non-material', async () => {
      const v = await draft('wording');
      const c = (await s.app.inject({ url: `/v1/admin/lists/${v}`, headers: h() })).json().consents.items as ConsentCatalogueEntry[];
      c.find((e) => e.purpose === 'tracking-analytics')!.title = { zh: '使用情况统计', en: 'Usage statistics' };
      expect((await put(v, 'consents', c)).statusCode).toBe(200);
      expect((await s.app.inject({ url: `/v1/admin/policies/${v}/findings`, headers: h() })).json().materialChanges).toEqual([]);
    });
  });

  describe('declared gaps (named recipients, retention)', () => {
    it('lists the content\'s gaps and publishes a version carrying them only with an audited override', async () => {
      const v = await draft('gaps');
      const findings = (await s.app.inject({ url: `/v1/admin/policies/${v}/findings`, headers: h() })).json();
      expect(findings.gaps).toEqual(expect.arrayContaining([{ code: 'recipient-gap', where: 'sharing.logistics' }, { code: 'retention-gap', where: 'collection.orders' }, { code: 'retention-gap', where: 'consents.guardian.retention' }]));
      const refused = await publish(v, { material: false });
      expect(refused.statusCode).toBe(409);
      expect(refused.json().error.message).toContain('recipient-gap (sharing.logistics)');
      const tooShort = await publish(v, { material: false, override: { reason: 'ok' } });
      expect(tooShort.statusCode).toBe(400);
      const n = (await audit()).length;
      expect((await publish(v, { material: false, override: { reason: 'Recipients named in the next version (ticket 12)' } })).statusCode).toBe(200);
      const override = (await audit()).slice(n).find((e) => e.action === 'policy.publish.override')!;
      expect((override.details as { gaps: unknown[] }).gaps.length).toBe(findings.gaps.length);
    });

    it('publishes without an override once every recipient is named and every retention stated', async () => {
      const v = await draft('complete');
      const named = clone(SHARING_LIST).map((r) => {
        const { recipientGap: _gap, ...rest } = r;
        void _gap;
        return { ...rest, contact: rest.contact ?? { zh: '联系电话 400-000-0000', en: 'Phone 400-000-0000' } };
      });
      const stated = (await s.app.inject({ url: `/v1/admin/lists/${v}`, headers: h() })).json().collection.items.map((r: Record<string, unknown>) => {
        const { retentionGap: _gap, ...rest } = r;
        void _gap;
        return { ...rest, retention: rest.retention ?? { period: { zh: '一年', en: 'One year' }, atEnd: { zh: '删除', en: 'Deleted' } } };
      });
      const complete = consents().map((c) => {
        const out = { ...c, retentionGap: undefined, retention: c.retention ?? { period: { zh: '一年', en: 'One year' }, atEnd: { zh: '删除', en: 'Deleted' } } } as ConsentCatalogueEntry;
        if (out.disclosure.article === 'sharing') out.disclosure = { ...out.disclosure, recipients: out.disclosure.recipients.map((r) => ({ ...r, gap: undefined })) } as never;
        return JSON.parse(JSON.stringify(out)) as ConsentCatalogueEntry;
      });
      for (const [kind, items] of [['sharing', named], ['collection', stated], ['consents', complete]] as const) expect((await put(v, kind, items as unknown[])).statusCode).toBe(200);
      const findings = (await s.app.inject({ url: `/v1/admin/policies/${v}/findings`, headers: h() })).json();
      expect(findings.gaps).toEqual([]);
      // Filling in retentions changes what the consents say: material.
      expect((await publish(v, { material: true })).statusCode).toBe(200);
    });
  });

  describe('consents bound to their words', () => {
    const event = (over: Record<string, unknown>) => ({
      id: `ev_${Math.random().toString(36).slice(2, 12)}`,
      kind: 'consent',
      purpose: 'marketing',
      value: 'granted',
      policyVersion: 1,
      deviceId: 'device_0001',
      occurredAt: new Date().toISOString(),
      source: 'feature',
      ...over,
    });
    const post = (token: string, events: unknown[]) => s.app.inject({ method: 'POST', url: '/v1/me/consents', headers: bearer(token), payload: { events } });

    it('records the hash of the consent text shown, refuses a hash of no published text, and keeps old clients working', async () => {
      const { token } = await s.login('words');
      const hash = consentTextHash(CONSENT_CATALOGUE.marketing);
      const accept = event({ kind: 'policy', purpose: 'policy', value: 'accepted', source: 'first-run-sheet' });
      const withHash = event({ textHash: hash });
      const ok = await post(token, [accept, withHash]);
      expect(ok.statusCode).toBe(200);
      const before = await tableChecksums(s.db);
      const bad = await post(token, [event({ purpose: 'personalisation', textHash: hash })]);
      expect(bad.statusCode).toBe(400);
      expect(bad.json().error.message).toContain('textHash is not the hash of any published text of consent "personalisation"');
      expect((await post(token, [event({ textHash: 'ABC' })])).statusCode).toBe(400);
      expect((await post(token, [event({ kind: 'policy', purpose: 'policy', value: 'shown', textHash: hash, source: 'notice' })])).statusCode).toBe(400);
      expect(await tableChecksums(s.db)).toEqual(before);
      // An older client sends no hash: stored, without one.
      const old = event({ purpose: 'personalisation' });
      expect((await post(token, [old])).statusCode).toBe(200);
      const history = (await s.app.inject({ url: '/v1/me/consents', headers: bearer(token) })).json().events as Record<string, unknown>[];
      expect(history.find((e) => e.id === withHash.id)).toMatchObject({ textHash: hash });
      expect(history.find((e) => e.id === old.id)).not.toHaveProperty('textHash');
    });

    it('withdraws on the server the separate consents a policy refusal ends: the shop refuses their use, the history says so', async () => {
      const { token } = await s.login('refuser');
      const grants = [event({ kind: 'policy', purpose: 'policy', value: 'accepted', source: 'first-run-sheet' }), event({ purpose: 'personalisation' }), event({ purpose: 'marketing' }), event({ purpose: 'cross-border', value: 'refused' })];
      expect((await post(token, grants)).statusCode).toBe(200);
      const view = () => s.app.inject({ method: 'POST', url: '/v1/shop/product-views', headers: bearer(token), payload: { productId: 'tank-must' } });
      expect((await view()).statusCode).toBe(201);
      const allowed = await s.app.inject({ url: '/v1/shop/recommendations', headers: bearer(token) });
      expect(allowed.json().personalised).toBe(true);

      const refusal = event({ kind: 'policy', purpose: 'policy', value: 'refused', source: 'reconsent-sheet', deviceId: 'device_0002' });
      const res = await post(token, [refusal]);
      expect(res.statusCode).toBe(200);
      expect(res.json().accepted).toBe(1);
      expect(res.json().state.consents).toMatchObject({ personalisation: { value: 'withdrawn' }, marketing: { value: 'withdrawn' }, 'cross-border': { value: 'refused' } });
      const history = (await s.app.inject({ url: '/v1/me/consents', headers: bearer(token) })).json().events as Record<string, unknown>[];
      const after = history.slice(history.findIndex((e) => e.id === refusal.id) + 1);
      expect(after.map((e) => [e.purpose, e.value, e.source, e.deviceId])).toEqual([
        ['marketing', 'withdrawn', 'reconsent-sheet', 'device_0002'],
        ['personalisation', 'withdrawn', 'reconsent-sheet', 'device_0002'],
      ]);
      // The shop no longer records views nor personalises from them.
      expect((await view()).statusCode).toBe(403);
      const generic = await s.app.inject({ url: '/v1/shop/recommendations', headers: bearer(token) });
      expect(generic.json().personalised).toBe(false);

      // Sent again (a lost answer): nothing new is derived.
      const again = await post(token, [refusal]);
      expect(again.json()).toMatchObject({ accepted: 0, duplicates: 1 });
      expect(((await s.app.inject({ url: '/v1/me/consents', headers: bearer(token) })).json().events as unknown[]).length).toBe(history.length);
    });

    it('withdraws nothing for a refusal on first run, before any consent', async () => {
      const { token } = await s.login('first-run');
      const res = await post(token, [event({ kind: 'policy', purpose: 'policy', value: 'refused', source: 'first-run-sheet' })]);
      expect(res.json().state.consents).toEqual({});
    });
  });

  it('keeps the helper\'s publish path working (version numbers keep counting)', async () => {
    expect(await publishPolicy(s, tinyPolicy('last'), true)).toBeGreaterThan(1);
  });
});
