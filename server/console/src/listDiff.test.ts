import type { ConsentCatalogueEntry, VersionLists } from '@maison/privacy/contract';
import { COLLECTION_LIST } from '../../../src/shop/privacy-content/collection-list';
import { CONSENT_CATALOGUE } from '../../../src/shop/privacy-content/consents';
import { SHARING_LIST } from '../../../src/shop/privacy-content/sharing-list';
import { disclosureChanges, disclosureLabel, fieldLabel, orderChanged, rowChanges, rowName, valueText } from './listDiff';

type Items = readonly object[];
const view = (kind: 'collection' | 'sharing' | 'consents', items: Items) => ({ kind, items: items as { [k: string]: unknown }[], source: 'stored' as const, fromVersion: null, updatedBy: null, updatedAt: null });
const lists = (collection: Items, sharing: Items, consents: Items = Object.values(CONSENT_CATALOGUE) as ConsentCatalogueEntry[]): VersionLists => ({
  version: 3,
  editable: true,
  collection: view('collection', collection),
  sharing: view('sharing', sharing),
  consents: view('consents', consents),
});
const SHOP = lists(COLLECTION_LIST, SHARING_LIST);

describe('rowChanges', () => {
  it('finds nothing between a version and itself', () => {
    for (const kind of ['collection', 'sharing', 'consents'] as const) {
      expect(rowChanges(kind, SHOP, SHOP)).toEqual([]);
      expect(orderChanged(kind, SHOP, SHOP)).toBe(false);
    }
  });

  it('says per row what was added, removed and changed, and which fields changed', () => {
    const [first, second, ...rest] = SHARING_LIST;
    const edited = { ...second!, contact: { zh: '客服热线 400-000-0000', en: 'Hotline 400-000-0000' } };
    delete (edited as { recipientGap?: unknown }).recipientGap;
    const added = { ...first!, id: 'new-carrier', recipient: { zh: '迅达快运有限公司', en: 'Swift Couriers Ltd' } };
    const after = lists(COLLECTION_LIST, [edited, ...rest, added]);
    const changes = rowChanges('sharing', SHOP, after);
    expect(changes.map((c) => [c.status, c.key])).toEqual([
      ['changed', second!.id],
      ['added', 'new-carrier'],
      ['removed', first!.id],
    ]);
    expect(changes[0]!.fields.sort()).toEqual(['contact', ...(second!.recipientGap ? ['recipientGap'] : [])].sort());
    expect(rowName('sharing', changes[1]!.after!, 'en')).toBe('Swift Couriers Ltd (new-carrier)');
    expect(rowName('sharing', changes[1]!.after!, 'zh')).toBe('迅达快运有限公司（new-carrier）');
    expect(orderChanged('sharing', SHOP, after)).toBe(false);
    expect(orderChanged('sharing', SHOP, lists(COLLECTION_LIST, [second!, first!, ...rest]))).toBe(true);
  });

  it('names a consent by its title', () => {
    const consents = Object.values(CONSENT_CATALOGUE) as ConsentCatalogueEntry[];
    const changed = consents.map((c, i) => (i === 0 ? { ...c, ifRefused: { zh: '无影响', en: 'Nothing changes' } } : c));
    const [change] = rowChanges('consents', SHOP, lists(COLLECTION_LIST, SHARING_LIST, changed));
    expect(change).toMatchObject({ status: 'changed', key: consents[0]!.purpose, fields: ['ifRefused'] });
    expect(rowName('consents', change!.after!, 'zh')).toBe(`单独同意“${consents[0]!.title.zh}”`);
  });
});

describe('disclosureChanges', () => {
  it('says which texts of a consent\'s disclosure changed, each by its label', () => {
    const entry = Object.values(CONSENT_CATALOGUE).find((e) => e.disclosure.article === 'sharing' && e.disclosure.recipients.length > 0)!;
    const d = entry.disclosure as unknown as { article: 'sharing'; recipients: { name: { zh: string; en: string } }[] };
    const renamed = { ...d, recipients: d.recipients.map((r, i) => (i === 0 ? { ...r, name: { zh: '某经销商', en: 'A dealer' } } : r)) };
    expect(disclosureChanges(d, d)).toEqual([]);
    const [change, ...rest] = disclosureChanges(d, renamed);
    expect(rest).toEqual([]);
    expect(change).toEqual({ path: 'disclosure.recipients[0].name', leaf: 'name', index: 1 });
    expect(disclosureLabel(change!, 'en')).toBe('Recipient name #1');
    expect(disclosureLabel(change!, 'zh')).toBe('接收方名称（第 1 项）');
  });
});

describe('valueText and fieldLabel', () => {
  it('read values and fields in the console\'s language', () => {
    expect(valueText('recipient', { zh: '快递', en: 'Couriers' }, 'zh')).toBe('快递');
    expect(valueText('required', true, 'en')).toBe('yes');
    expect(valueText('type', 'overseas', 'zh')).toBe('境外接收方');
    expect(valueText('retention', { period: { zh: '一年', en: 'One year' }, atEnd: { zh: '删除', en: 'Deleted' } }, 'en')).toBe('One year; Deleted');
    expect(valueText('disclosure', { article: 'general' }, 'en')).toBeNull();
    expect(valueText('contact', undefined, 'en')).toBe('');
    expect(fieldLabel('contact', 'zh')).toBe('接收方联系方式');
    expect(fieldLabel('unknownField', 'en')).toBe('unknownField');
  });
});
