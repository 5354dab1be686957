import { appPurposes } from './app';
import { SHOP_PRIVACY } from '../../shop/privacy-content';
import { seedHalves } from '../../../scripts/policy-import/seedText';
import { BUNDLED_POLICY } from '../../shop/privacy-content';
import { COLLECTION_LIST } from '../../shop/privacy-content';
import { SENSITIVE_TERMS } from '../../shop/privacy-content';
import { SHARING_LIST } from '../../shop/privacy-content';
import { LANGS } from './contract';
import { emphasise } from './emphasis';
import { collectionListProblems, contentGaps, isCollectionList, isSharingList, LIST_LIMITS, policyGaps, sharingListProblems } from './lists';
import { CONSENT_CATALOGUE } from '../../shop/privacy-content';
import { PERMISSION_CATALOGUE } from '../../shop/privacy-content';

const sectionIds = BUNDLED_POLICY.texts.en.sections.map((s) => s.id);
const halves = seedHalves();
const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;

describe('the lists cite the policy and flag what it does not cover', () => {
  const rows = [...COLLECTION_LIST, ...SHARING_LIST];

  it('every row cites a real section of the policy, or says the policy does not cover it', () => {
    for (const r of rows) {
      expect(r.sectionId !== undefined || r.notInPolicy !== undefined).toBe(true);
      if (r.sectionId !== undefined) expect(sectionIds).toContain(r.sectionId);
    }
    const bad = clone(COLLECTION_LIST) as unknown as Record<string, unknown>[];
    delete bad[0].sectionId;
    expect(collectionListProblems(bad)).toEqual(['[0]: needs a sectionId or a notInPolicy note']);
  });

  it('counts the policy gaps: data the app really collects that the policy does not mention, and what it does otherwise than the policy says', () => {
    const gaps = policyGaps(COLLECTION_LIST, SHARING_LIST);
    // after-sales data, authorisation records + device id, the cancellation reason, and the scan /
    // check-in / boutique-finder features (fuzzy location where the policy says precise, no map
    // service, no whereabouts); and where the app does less than the policy says: no password, only
    // the OpenID at sign-in, no OS / browser / time spent or third-party analytics, product views
    // instead of cookie-based browsing records, recommendations from those only, and only an
    // international warranty registration abroad; and the age step's guardian confirmation (the
    // guardian's number, texted a code by an SMS provider; an under-14 answer kept on the phone).
    expect(gaps.map((g) => g.id).sort()).toEqual([
      'account-cancellation',
      'after-sales',
      'age-verification',
      'authorisation-records',
      'bluetooth',
      'browsing-records',
      'camera',
      'device-and-usage',
      'guardian-sms',
      'location',
      'online-identifiers',
      'overseas-receiver',
      'personalisation',
      'wechat-identifiers',
    ]);
    for (const g of gaps) for (const l of LANGS) expect(g.note[l].length).toBeGreaterThan(10);
  });

  it('adds the purposes and recipients the policy names', () => {
    const c = COLLECTION_LIST.map((r) => r.id);
    for (const id of ['market-research', 'credit-checks', 'service-communications', 'public-information', 'profiling', 'after-sales-services']) expect(c).toContain(id);
    const s = SHARING_LIST.map((r) => r.id);
    for (const id of ['trade-partners', 'technology-companies', 'delivery-booking', 'cartier-group', 'merger-transferee', 'authorities']) expect(s).toContain(id);
    expect(SHARING_LIST.find((r) => r.id === 'cartier-group')?.consent).toBe('affiliate-sharing');
  });

  it('the location row says what the app asks for: fuzzy location only', () => {
    const location = COLLECTION_LIST.find((r) => r.id === 'location')!;
    expect(location.items.zh).not.toContain('包括精准定位');
    expect(location.items.zh).toContain('模糊位置');
    expect(JSON.stringify(PERMISSION_CATALOGUE)).toContain('getFuzzyLocation');
    expect(JSON.stringify(PERMISSION_CATALOGUE)).not.toMatch(/"getLocation"/);
  });

  it('flags as sensitive (GB/T 35273-2020 Annex B) communication records and content, financial and identity data, browsing records; each under the consent of its own purpose', () => {
    const consentOf: Record<string, string> = {
      payment: 'sensitive-payment',
      'sensitive-financial': 'sensitive-refund',
      'call-recording': 'sensitive-call-recording',
      'live-chat': 'sensitive-live-chat',
      'video-chat': 'sensitive-video-chat',
      'video-recording': 'sensitive-video-recording',
      'browsing-records': 'personalisation',
    };
    for (const [id, purpose] of Object.entries(consentOf)) {
      expect(COLLECTION_LIST.find((r) => r.id === id)).toMatchObject({ sensitive: true, consent: purpose });
      const items = CONSENT_CATALOGUE[purpose as keyof typeof CONSENT_CATALOGUE].disclosure;
      expect(items.article).toBe('sensitive');
    }
    // No password in this app: the identifiers row holds nothing sensitive.
    expect(COLLECTION_LIST.find((r) => r.id === 'online-identifiers')?.sensitive).toBe(false);
    const words = (p: keyof typeof CONSENT_CATALOGUE) => {
      const d = CONSENT_CATALOGUE[p].disclosure;
      return d.article === 'sensitive' ? d.items.map((i) => i.category.zh).join(' ') : '';
    };
    expect(words('sensitive-payment')).toMatch(/付款账号.*身份证/);
    expect(words('sensitive-refund')).toMatch(/银行账号.*交易和消费记录/);
    for (const p of ['sensitive-call-recording', 'sensitive-live-chat', 'sensitive-video-chat', 'sensitive-video-recording'] as const) expect(words(p)).toContain('通信记录');
    expect(words('personalisation')).toContain('网页浏览记录');
  });

  it("the dealer consent's categories match the sharing list: purchases, warranty, marketing preferences", () => {
    const dealerRow = SHARING_LIST.find((r) => r.id === 'authorised-dealers')!;
    const consent = CONSENT_CATALOGUE['dealer-sharing'].categories.zh;
    for (const word of ['购买', '保修', '营销偏好', '姓名', '联系方式']) {
      expect(consent).toContain(word);
    }
    for (const word of ['购买', '保固', '营销偏好', '姓名', '联系方式']) expect(dealerRow.data.zh).toContain(word);
  });
});

describe('the seeded lists', () => {
  it('pass their schema checks', () => {
    expect(collectionListProblems(COLLECTION_LIST)).toEqual([]);
    expect(sharingListProblems(SHARING_LIST)).toEqual([]);
    expect(isCollectionList(COLLECTION_LIST)).toBe(true);
    expect(isSharingList(SHARING_LIST)).toBe(true);
  });

  it('cover what the policy says is collected', () => {
    const ids = COLLECTION_LIST.map((c) => c.id);
    for (const id of ['registration', 'orders', 'payment', 'delivery', 'live-chat', 'video-chat', 'device-and-usage', 'browsing-records', 'location', 'camera', 'bluetooth', 'wifi']) {
      expect(ids).toContain(id);
    }
    const capabilities = COLLECTION_LIST.map((c) => c.capability).filter(Boolean).sort();
    expect(capabilities).toEqual(['bluetooth', 'camera', 'location']);
  });

  it('cover who the policy says receives data, each separate consent that gates sharing included', () => {
    const byId = new Map(SHARING_LIST.map((s) => [s.id, s]));
    for (const id of ['logistics', 'payment', 'marketing-services', 'advertising', 'authorised-dealers', 'overseas-receiver']) expect(byId.has(id)).toBe(true);
    expect(byId.get('authorised-dealers')?.consent).toBe('dealer-sharing');
    expect(byId.get('overseas-receiver')).toMatchObject({ type: 'overseas', consent: 'cross-border' });
    expect(new Set(SHARING_LIST.map((s) => s.type))).toEqual(new Set(['processor', 'third-party', 'sdk', 'overseas']));
  });

  it('name the overseas receiver and its address exactly as the policy gives them', () => {
    const receiver = SHARING_LIST.find((s) => s.type === 'overseas');
    for (const lang of LANGS) {
      expect(receiver?.recipient[lang]).toContain('Richemont International SA');
      for (const part of ['Richemont International SA', '50 chemin de la Chênaie', 'CP 30, 1293 Bellevue', 'Geneva', 'Switzerland', '+41 (0) 22 721 3500']) {
        expect(receiver?.contact?.[lang]).toContain(part);
        expect(halves[lang]).toContain(part);
      }
    }
  });

  it('point only at sections that exist in the bundled policy', () => {
    for (const row of [...COLLECTION_LIST, ...SHARING_LIST]) {
      if (row.sectionId !== undefined) expect(sectionIds).toContain(row.sectionId);
    }
  });

  it('flag a collection row sensitive exactly when its data names a sensitive term, in both languages', () => {
    for (const row of COLLECTION_LIST) {
      for (const lang of LANGS) {
        const marked = emphasise(row.items[lang], SENSITIVE_TERMS[lang]).some((r) => r.sensitive);
        expect({ id: row.id, lang, marked }).toEqual({ id: row.id, lang, marked: row.sensitive });
      }
    }
  });
});

describe('list schema checks', () => {
  it('refuse what is not a list of rows', () => {
    expect(collectionListProblems({})).toEqual(['list: not an array']);
    expect(sharingListProblems([null])).toEqual(['[0]: not an object']);
    expect(collectionListProblems(Array.from({ length: LIST_LIMITS.entries + 1 }, () => COLLECTION_LIST[0]))).toEqual([`list: more than ${LIST_LIMITS.entries} entries`]);
  });

  it.each<[string, (row: Record<string, unknown>) => void, string]>([
    ['a duplicate id', () => undefined, '[1].id: duplicate id "registration"'],
    ['a missing English text', (r) => { r.purpose = { zh: '目的' }; }, '[1].purpose: needs exactly zh and en'],
    ['an empty text', (r) => { r.scene = { zh: ' ', en: 'x' }; }, '[1].scene: zh empty'],
    ['an over-long text', (r) => { r.items = { zh: '长'.repeat(LIST_LIMITS.textLength + 1), en: 'x' }; }, '[1].items: zh longer than 1000 characters'],
    ['a non-boolean flag', (r) => { r.required = 'yes'; }, '[1].required: not a boolean'],
    ['a consent the app does not declare', (r) => { r.consent = 'everything'; }, '[1].consent: "everything" is not a consent the app declares'],
    ['a consent that is not a purpose', (r) => { r.consent = 'Every Thing'; }, '[1].consent: not a consent purpose'],
    ['an unknown capability', (r) => { r.capability = 'microphone'; }, '[1].capability: not a capability'],
    ['a capability the app does not declare', (r) => { r.capability = 'bluetooth'; }, '[1].capability: "bluetooth" is not a capability the app declares'],
    ['an unknown field', (r) => { r.html = '<b>'; }, '[1]: unknown field "html"'],
    ['a missing field', (r) => { delete r.category; }, '[1].category: missing'],
  ])('refuse a collection row with %s', (_, mutate, expected) => {
    const rows: Record<string, unknown>[] = [clone(COLLECTION_LIST[0]) as unknown as Record<string, unknown>, clone(COLLECTION_LIST[0]) as unknown as Record<string, unknown>];
    mutate(rows[1]);
    if (expected.includes('duplicate')) expect(collectionListProblems(rows)).toEqual([expected]);
    else {
      rows[1].id = 'other';
      expect(collectionListProblems(rows, { purposes: appPurposes(SHOP_PRIVACY), capabilities: ['camera', 'location'] })).toContain(expected);
    }
  });

  // Names every object inherits: a check with `in` took them for known fields and let them be stored.
  it.each(['toString', 'constructor', '__defineGetter__', 'hasOwnProperty', 'valueOf', '__proto__', 'isPrototypeOf'])('refuse a field named %s on either list', (name) => {
    // JSON.parse makes `__proto__` an own field, as the server's body parser would if it let it through.
    const withField = (row: unknown) => JSON.parse(JSON.stringify(row).replace(/^\{/, `{${JSON.stringify(name)}:{"zh":"x","en":"x"},`)) as Record<string, unknown>;
    const collection = withField(COLLECTION_LIST[0]);
    const sharing = withField(SHARING_LIST[0]);
    expect(Object.keys(collection)).toContain(name);
    expect(collectionListProblems([collection])).toEqual([`[0]: unknown field "${name}"`]);
    expect(sharingListProblems([sharing])).toEqual([`[0]: unknown field "${name}"`]);
    expect(isCollectionList([collection])).toBe(false);
    expect(isSharingList([sharing])).toBe(false);
  });

  it('refuse a sharing row with an unknown type or a bad section id', () => {
    const row = clone(SHARING_LIST[0]) as unknown as Record<string, unknown>;
    row.type = 'friend';
    row.sectionId = 'Not A Slug';
    expect(sharingListProblems([row])).toEqual(['[0].type: not a sharing type', '[0].sectionId: not a section id']);
  });

  it.each<[string, (row: Record<string, unknown>) => void, string]>([
    ['no retention and no declared gap', (r) => { delete r.retention; }, '[0]: states no retention: give retention {period, atEnd} or declare a retentionGap'],
    ['a retention beside a declared gap', (r) => { r.retentionGap = { zh: '缺', en: 'missing' }; }, '[0]: states a retention and declares a retentionGap: keep one'],
    ['a retention without its end', (r) => { r.retention = { period: { zh: '一年', en: 'A year' } }; }, '[0].retention: atEnd missing'],
    ['a retention with an unknown field', (r) => { r.retention = { ...(r.retention as object), days: 30 }; }, '[0].retention: unknown field "days"'],
    ['a retention period in one language', (r) => { r.retention = { period: { zh: '一年' }, atEnd: { zh: '删除', en: 'Deleted' } }; }, '[0].retention: period: needs exactly zh and en'],
  ])('refuse a collection row with %s (PIPL art. 17(1)(2))', (_, mutate, expected) => {
    const row = clone(COLLECTION_LIST.find((r) => r.retention)!) as unknown as Record<string, unknown>;
    mutate(row);
    expect(collectionListProblems([row])).toEqual([expected]);
  });

  it('refuse a sharing row with no contact and no declared gap (PIPL art. 23), and accept a declared gap', () => {
    const named = clone(SHARING_LIST.find((r) => r.contact && !r.recipientGap)!) as unknown as Record<string, unknown>;
    delete named.contact;
    expect(sharingListProblems([named])).toEqual(["[0]: names no contact: give the recipient's contact or declare a recipientGap"]);
    named.recipientGap = { zh: '政策未写明联系方式', en: 'The policy gives no contact' };
    expect(sharingListProblems([named])).toEqual([]);
  });
});

describe('declared gaps of the seeded lists', () => {
  it('are listed for ops, never filled with an invented name or period', () => {
    const gaps = contentGaps(COLLECTION_LIST, SHARING_LIST);
    // The seed names only two recipients' companies with a contact: the overseas receiver and the Cartier group.
    expect(SHARING_LIST.filter((r) => !r.recipientGap).map((r) => r.id)).toEqual(['authorised-dealers', 'overseas-receiver', 'cartier-group', 'merger-transferee', 'authorities']);
    expect(gaps.filter((g) => g.field === 'recipient')).toHaveLength(SHARING_LIST.length - 5);
    // Transaction records: the seed keeps them "within certain period of time" after cancellation, with no period.
    expect(gaps.filter((g) => g.field === 'retention').map((g) => g.id)).toEqual(expect.arrayContaining(['orders', 'payment', 'delivery']));
    for (const r of COLLECTION_LIST) expect(Boolean(r.retention) !== Boolean(r.retentionGap)).toBe(true);
  });
});

