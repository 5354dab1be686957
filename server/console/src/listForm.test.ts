import type { SharingItem } from '@maison/privacy/contract';
import { COLLECTION_LIST } from '../../../src/shop/privacy-content/collection-list';
import { SHARING_LIST } from '../../../src/shop/privacy-content/sharing-list';
import { CONSENT_CATALOGUE } from '../../../src/shop/privacy-content/consents';
import { DEPLOYED_APP, DEPLOYED_VOCABULARY } from '../../src/deployment';
import { atPath, CONSENT_PURPOSES, disclosureTexts, emptyRow, fieldProblems, FORM_FIELDS, LIST_VOCABULARY, listProblems, withField, withPath, type Row } from './listForm';

const rows = (items: readonly object[]) => items.map((r) => ({ ...r }) as Row);
const field = (kind: 'collection' | 'sharing', name: string) => FORM_FIELDS[kind].find((f) => f.name === name)!;

describe('the list forms', () => {
  it('check with the vocabulary the server checks with, and find the shop lists valid', () => {
    expect(LIST_VOCABULARY).toEqual(DEPLOYED_VOCABULARY);
    expect(CONSENT_PURPOSES).toEqual(Object.keys(DEPLOYED_APP.consents));
    expect(listProblems('consents', rows(Object.values(CONSENT_CATALOGUE)))).toEqual([]);
    expect(listProblems('collection', rows(COLLECTION_LIST))).toEqual([]);
    expect(listProblems('sharing', rows(SHARING_LIST))).toEqual([]);
  });

  it('draw every text a consent holds, so nothing stored is out of the form\'s reach', () => {
    const drawn = new Set(['purpose', 'disclosure', ...FORM_FIELDS.consents.map((f) => f.name)]);
    for (const entry of Object.values(CONSENT_CATALOGUE)) for (const key of Object.keys(entry)) expect({ key, drawn: drawn.has(key) }).toEqual({ key, drawn: true });
    const sharing = Object.values(CONSENT_CATALOGUE).find((e) => e.disclosure.article === 'sharing' && e.disclosure.recipients.length > 0)!;
    const texts = disclosureTexts(sharing.disclosure);
    expect(texts[0]).toEqual({ path: 'disclosure.recipients[0].name', leaf: 'name', index: 1 });
    expect(atPath(sharing as unknown as Row, texts[0]!.path)).toEqual((sharing.disclosure as unknown as { recipients: { name: unknown }[] }).recipients[0]!.name);
  });

  it('place a consent\'s problems on its texts, its disclosure\'s included', () => {
    const consents = rows(Object.values(CONSENT_CATALOGUE));
    const i = consents.findIndex((e) => (e.disclosure as { article: string }).article === 'sharing' && (e.disclosure as { recipients: unknown[] }).recipients.length > 0);
    const before = JSON.stringify(consents[i]);
    consents[i] = withPath(consents[i]!, 'disclosure.recipients[0].name', { zh: '', en: 'Dealers' });
    expect(JSON.stringify(Object.values(CONSENT_CATALOGUE)[i])).toBe(before);
    consents[0] = { ...consents[0], title: { zh: '营销', en: ' ' } };
    const en = fieldProblems(listProblems('consents', consents), 'en');
    expect(en.get(`${i}.disclosure.recipients[0].name.zh`)).toBe('Required.');
    expect(en.get('0.title.en')).toBe('Required.');
    const j = consents.findIndex((e) => e.retention);
    consents[j] = { ...consents[j], retentionGap: { zh: '未写明', en: 'Not stated' } };
    expect(fieldProblems(listProblems('consents', consents), 'zh').get(`${j}.retention`)).toBe('请填写保存期限或声明合规缺口，二者只能选一。');
    // A problem of the whole list (a consent of the app missing) has the list's own place.
    expect(fieldProblems(listProblems('consents', consents.slice(1)), 'en').get('')).toMatch(/^consent ".+" is missing/);
    // A recipient's declared gap emptied is dropped, not stored blank.
    expect('gap' in (atPath(withPath(consents[i]!, 'disclosure.recipients[0].gap', { zh: '', en: '' }), 'disclosure.recipients[0]') as object)).toBe(false);
  });

  it('draw every field a row can hold, so nothing stored is out of the form\'s reach', () => {
    for (const [kind, list] of [['collection', COLLECTION_LIST], ['sharing', SHARING_LIST]] as const) {
      const names = new Set(FORM_FIELDS[kind].map((f) => f.name));
      for (const row of list) for (const key of Object.keys(row)) if (key !== 'id') expect({ kind, key, drawn: names.has(key) }).toEqual({ kind, key, drawn: true });
    }
  });

  it('place each problem on its field, in the console\'s language', () => {
    const list = rows(SHARING_LIST);
    list[0] = { ...list[0], id: 'Bad Id', recipient: { zh: '快递公司', en: '' } };
    list[1] = withField(list[1]!, field('sharing', 'contact'), { zh: '', en: '' });
    delete list[1]!.recipientGap;
    list[2] = { ...list[2], id: String(list[3]!.id) };
    const zh = fieldProblems(listProblems('sharing', list), 'zh');
    expect(zh.get('0.id')).toBe('请使用小写字母、数字和连字符，以字母开头（最多 64 个）。');
    expect(zh.get('0.recipient.en')).toBe('必填。');
    expect(zh.has('0.recipient.zh')).toBe(false);
    expect(zh.get('1.contact')).toBe('请填写接收方联系方式，或声明政策未写明接收方。');
    const en = fieldProblems(listProblems('sharing', list), 'en');
    expect(en.get('3.id')).toBe(`Another row already has the id “${String(list[3]!.id)}”.`);
  });

  it('place a retention part\'s problem on that part, and the retention rule on the retention', () => {
    const list = rows(COLLECTION_LIST);
    const gapRow = list.findIndex((r) => r.retentionGap);
    const retention = field('collection', 'retention');
    list[gapRow] = withField(list[gapRow]!, retention, { period: { zh: '一年', en: '' }, atEnd: { zh: '删除', en: 'Deleted' } });
    const en = fieldProblems(listProblems('collection', list), 'en');
    expect(en.get(`${gapRow}.retention.period.en`)).toBe('Required.');
    expect(en.get(`${gapRow}.retention`)).toBe('Give the retention or declare the gap, not both.');
    // Emptied, the retention is dropped from the row rather than stored blank.
    const cleared = withField(list[gapRow]!, retention, { period: { zh: '', en: '' }, atEnd: { zh: '', en: '' } });
    expect('retention' in cleared).toBe(false);
  });

  it('add a row with every required field empty, which the checks ask to fill in', () => {
    const row = emptyRow('sharing');
    expect(row).toMatchObject({ id: '', type: 'processor', recipient: { zh: '', en: '' } });
    const problems = fieldProblems(listProblems('sharing', [...rows(SHARING_LIST), row]), 'en');
    const i = SHARING_LIST.length;
    expect(problems.get(`${i}.id`)).toBeDefined();
    expect(problems.get(`${i}.recipient.zh`)).toBe('Required.');
    expect(problems.get(`${i}.sectionId`)).toBe('Give the policy section, or say what the policy does not cover.');
    const filled: Partial<SharingItem> = { ...SHARING_LIST[0]!, id: 'new-row' };
    expect(listProblems('sharing', [...rows(SHARING_LIST), filled as Row])).toEqual([]);
  });
});
