import type { ConsentCatalogueEntry, PublishFindings, SharingItem, VersionLists } from '@maison/privacy/contract';
import { COLLECTION_LIST } from '../../../src/shop/privacy-content/collection-list';
import { CONSENT_CATALOGUE } from '../../../src/shop/privacy-content/consents';
import { SHARING_LIST } from '../../../src/shop/privacy-content/sharing-list';
import { materialContentChanges, versionGaps, type VersionContent } from '../../src/domain/versionContent';
import { describeFinding, FINDING_CODES, overrideNeeded, reasonProblem } from './findings';

const SHOP: VersionContent = { collection: COLLECTION_LIST, sharing: SHARING_LIST, consents: Object.values(CONSENT_CATALOGUE) as ConsentCatalogueEntry[] };
const view = (kind: 'collection' | 'sharing' | 'consents', items: readonly object[]) => ({ kind, items: items as { [k: string]: unknown }[], source: 'bundled' as const, fromVersion: null, updatedBy: null, updatedAt: null });
const listsOf = (c: VersionContent): VersionLists => ({ version: 2, editable: true, collection: view('collection', c.collection), sharing: view('sharing', c.sharing), consents: view('consents', c.consents) });
const findings = (materialChanges: PublishFindings['gaps'], gaps: PublishFindings['gaps']): PublishFindings => ({ version: 2, against: 1, materialChanges, gaps });

describe('describeFinding', () => {
  it('reads every gap the shop content declares: the row or consent by its name, what is missing in words, and the content\'s own note', () => {
    const gaps = versionGaps(SHOP);
    expect(gaps.length).toBeGreaterThan(5);
    for (const lang of ['zh', 'en'] as const) {
      for (const gap of gaps) {
        const text = describeFinding(gap, listsOf(SHOP), lang);
        expect(text.what).not.toBe(gap.code);
        expect(text.subject).not.toBe(gap.where);
        expect(text.note).toEqual(expect.any(String));
      }
    }
    const logistics = describeFinding({ code: 'recipient-gap', where: 'sharing.logistics' }, listsOf(SHOP), 'zh');
    expect(logistics).toEqual({
      code: 'recipient-gap',
      where: 'sharing.logistics',
      subject: '第三方信息共享清单：快递公司、物流公司（logistics）',
      what: '未写明接收方名称或联系方式',
      note: SHARING_LIST.find((r) => r.id === 'logistics')!.recipientGap!.zh,
    });
    const orders = describeFinding({ code: 'retention-gap', where: 'collection.orders' }, listsOf(SHOP), 'en');
    expect([orders.subject, orders.what]).toEqual(['Collection list: Orders (orders)', 'how long the data is kept is not stated']);
    const marketing = describeFinding({ code: 'recipient-gap', where: 'consents.marketing.disclosure.recipients[0]' }, listsOf(SHOP), 'en');
    expect(marketing.subject).toBe(`Separate consent “${CONSENT_CATALOGUE.marketing.title.en}”`);
    expect(marketing.what).toMatch(/^recipient not named: the content gives only “Social media platforms/);
  });

  it('reads a material change in the console\'s language, by the name the row has in this version', () => {
    const after: VersionContent = { ...SHOP, sharing: [...SHARING_LIST, { ...SHARING_LIST[0]!, id: 'new-carrier', recipient: { zh: '某快运公司', en: 'Some Express Ltd' } } as SharingItem] };
    const [added] = materialContentChanges(SHOP, after);
    expect(added).toEqual({ code: 'recipient-added', where: 'sharing.new-carrier' });
    expect(describeFinding(added!, listsOf(after), 'zh')).toMatchObject({ subject: '第三方信息共享清单：某快运公司（new-carrier）', what: '新增接收方', note: null });
    expect(describeFinding(added!, listsOf(after), 'en')).toMatchObject({ subject: 'Third-party list: Some Express Ltd (new-carrier)', what: 'recipient added' });
  });

  it('has words for every code in both languages, and shows a code it does not know as it is', () => {
    for (const code of FINDING_CODES)
      for (const lang of ['zh', 'en'] as const) expect(describeFinding({ code, where: 'sharing.logistics' }, listsOf(SHOP), lang).what).not.toBe(code);
    expect(describeFinding({ code: 'something-new', where: 'elsewhere.x' }, listsOf(SHOP), 'en')).toMatchObject({ subject: 'elsewhere.x', what: 'something-new', note: null });
  });
});

describe('overrideNeeded', () => {
  const change = { code: 'recipient-added', where: 'sharing.x' };
  const gap = { code: 'retention-gap', where: 'collection.orders' };
  it('asks for a reason when there are gaps, or material changes published as non-material', () => {
    expect(overrideNeeded(findings([], []), false)).toBe(false);
    expect(overrideNeeded(findings([change], []), false)).toBe(true);
    expect(overrideNeeded(findings([change], []), true)).toBe(false);
    expect(overrideNeeded(findings([], [gap]), true)).toBe(true);
  });
});

describe('reasonProblem', () => {
  it('takes 10 to 500 characters, counted as the server counts them, without control characters', () => {
    expect(reasonProblem('')).toBe('short');
    expect(reasonProblem('  too short ')).toBe('short');
    expect(reasonProblem('法务已审阅，下一版补充')).toBeNull();
    expect(reasonProblem('Recipients not named in the 2023-12 policy; legal review 2026-12')).toBeNull();
    expect(reasonProblem('x'.repeat(500))).toBeNull();
    expect(reasonProblem('x'.repeat(501))).toBe('long');
    // 500 emoji are 1000 UTF-16 units but 500 characters for the server.
    expect(reasonProblem('😀'.repeat(500))).toBeNull();
    expect(reasonProblem('Reviewed by legal\u0007')).toBe('control');
    expect(reasonProblem('Reviewed by legal,\nticket 12')).toBeNull();
  });
});
