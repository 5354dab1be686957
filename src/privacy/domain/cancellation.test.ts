import { SHOP_PRIVACY } from '../../shop/privacy-content/app';
import { SHOP_DOCUMENTS } from '../../shop/privacy-content/documents';
import { policyContentHash } from './hash';
import { privacyAppProblems, type PrivacyDocuments } from './app';
import { coolingOffLength, coolingOffLengthOf } from './cancellation';

describe('the cooling-off length in words', () => {
  it.each([
    [7 * 86_400, { unit: 'days', count: 7 }],
    [86_400, { unit: 'days', count: 1 }],
    // Not whole days: the hours, not a rounded number of days.
    [36 * 3_600, { unit: 'hours', count: 36 }],
    [3_600, { unit: 'hours', count: 1 }],
    // Shorter (test deployments): minutes, else seconds; never rounded.
    [120, { unit: 'minutes', count: 2 }],
    [90, { unit: 'seconds', count: 90 }],
    [3, { unit: 'seconds', count: 3 }],
    [0, { unit: 'seconds', count: 0 }],
  ])('%i s → %j', (seconds, length) => {
    expect(coolingOffLengthOf(seconds)).toEqual(length);
  });

  it("is the request's own dates' length on the status screen", () => {
    expect(coolingOffLength('2026-03-01T00:00:00.000Z', '2026-03-08T00:00:00.000Z')).toEqual({ unit: 'days', count: 7 });
  });
});

describe('what a cancellation keeps, in the app documents', () => {
  const check = (afterCancellation: unknown) => privacyAppProblems(SHOP_PRIVACY, { ...SHOP_DOCUMENTS, afterCancellation } as PrivacyDocuments, policyContentHash).filter((p) => p.startsWith('afterCancellation'));
  const record = { id: 'proofs', category: { zh: '同意记录', en: 'Consent records' }, basis: { zh: '证明', en: 'Proof' }, period: { zh: '未规定', en: 'None set' } };

  it("is stated by the shop, each record with its basis and period", () => {
    expect(privacyAppProblems(SHOP_PRIVACY, SHOP_DOCUMENTS, policyContentHash)).toEqual([]);
    expect(SHOP_DOCUMENTS.afterCancellation?.length).toBeGreaterThan(0);
  });

  it('is a problem when left out, and accepted as [] when nothing is kept', () => {
    expect(check(undefined)).toEqual([expect.stringMatching(/^afterCancellation: says nothing of what is kept/)]);
    expect(check([])).toEqual([]);
    expect(check([record])).toEqual([]);
  });

  it('refuses a record without its basis or period, an empty language, a bad or repeated id', () => {
    expect(check([{ ...record, basis: undefined }])).toEqual(['afterCancellation[0].basis is missing']);
    expect(check([{ ...record, period: { zh: '未规定', en: ' ' } }])).toEqual(['afterCancellation[0].period.en is empty']);
    expect(check([{ ...record, form: { zh: '', en: 'x' } }])).toEqual(['afterCancellation[0].form.zh is empty']);
    expect(check([{ ...record, id: 'Bad Id' }])).toEqual(['afterCancellation[0].id must be lower-case letters, digits and hyphens']);
    expect(check([record, record])).toEqual(['afterCancellation[1].id proofs is used twice']);
  });
});
