import { COLLECTION_LIST } from '../../shop/privacy-content';
import { ledgerEvent } from '../testing';
import { TEXTS } from '../texts/pages';
import { DataExportFormatError, dataExportFileContent, dataExportFileName, parseDataExport, summariseDataExport } from './dataExport';

/** An export as the server sends it: one shopper, a few decisions, one cancellation request. */
function serverExport() {
  const events = [
    ledgerEvent({ kind: 'policy', purpose: 'policy', value: 'accepted', policyVersion: 1, occurredAt: '2026-11-30T16:05:00.000Z', source: 'first-run-sheet' }),
    ledgerEvent({ kind: 'consent', purpose: 'marketing', value: 'granted', occurredAt: '2026-11-30T16:06:00.000Z' }),
    ledgerEvent({ kind: 'consent', purpose: 'marketing', value: 'withdrawn', occurredAt: '2026-12-01T02:00:00.000Z', source: 'privacy-centre' }),
    ledgerEvent({ kind: 'permission', purpose: 'location', value: 'not-now', occurredAt: '2026-12-01T03:00:00.000Z' }),
  ].map((e, i) => ({ ...e, seq: i + 1, receivedAt: e.occurredAt }));
  return {
    exportedAt: '2026-12-01T17:30:00.000Z',
    profile: { userId: 'u_1f2e', createdAt: '2026-11-30T16:04:00.000Z', lastLoginAt: '2026-12-01T01:00:00.000Z' },
    sessions: [
      { createdAt: '2026-11-30T16:04:00.000Z', expiresAt: '2026-12-30T16:04:00.000Z', revoked: false },
      { createdAt: '2026-10-01T00:00:00.000Z', expiresAt: '2026-10-31T00:00:00.000Z', revoked: true },
    ],
    consents: {
      state: {
        policy: { value: 'accepted', version: 1, at: '2026-11-30T16:05:00.000Z' },
        consents: { marketing: { value: 'withdrawn', at: '2026-12-01T02:00:00.000Z' } },
        permissions: { 'device-0001': { location: { value: 'not-now', at: '2026-12-01T03:00:00.000Z' } } },
      },
      events,
    },
    cancellationRequests: [
      { id: 'c1', status: 'withdrawn', requestedAt: '2026-12-01T04:00:00.000Z', coolingOffEndsAt: '2026-12-08T04:00:00.000Z', deadline: '2026-12-16T04:00:00.000Z', completedAt: null, withdrawnAt: '2026-12-01T05:00:00.000Z', reason: '不再使用' },
    ],
    complete: true as boolean | undefined,
    rows: {
      held: [{ id: 'wechat-identifiers', category: { zh: '小程序标识', en: 'Mini-program identifiers' }, parts: ['/profile/userId'] }],
      notHeld: [{ id: 'location', category: { zh: '位置', en: 'Location' }, where: 'used-not-kept', why: { zh: '仅在本机使用', en: 'Used on the phone only' } }],
    } as unknown,
  };
}

const NOW = '2026-12-01T17:31:00.000Z';

describe('summariseDataExport', () => {
  it('names each part as the collection list names its row, in Chinese and China time', () => {
    const s = summariseDataExport(parseDataExport(serverExport()), TEXTS.zh, 'zh', COLLECTION_LIST, NOW);
    expect(s.sections.map((x) => x.title)).toEqual(['小程序标识', '授权记录', '账户注销', '个人信息收集清单各项']);
    expect(s.exportedAt).toBe('2026年12月2日 01:30（北京时间）');
    const [account, decisions, cancellation] = s.sections;
    expect(account.lines).toEqual([
      { label: '账户创建时间', value: '2026年12月1日 00:04（北京时间）' },
      { label: '最近一次登录', value: '2026年12月1日 09:00（北京时间）' },
      { label: '登录记录', value: '共 2 次登录，其中 1 个仍有效' },
    ]);
    // Consents and permissions with a row of their own in the list carry that row's name.
    expect(decisions.lines.slice(0, 3)).toEqual([
      { label: '隐私政策', value: '已同意（第 1 版），2026年12月1日 00:05（北京时间）' },
      { label: '营销通信', value: '已撤回，2026年12月1日 10:00（北京时间）' },
      { label: '位置', value: '暂不开启，2026年12月1日 11:00（北京时间）' },
    ]);
    expect(decisions.lines.find((l) => l.label === '决定记录')?.value).toBe('共 4 条，最近的在前');
    // The history in plain words, newest first, with no internal ids or English keys.
    const history = decisions.lines.slice(4).map((l) => l.value);
    expect(history[0]).toContain('暂不开启');
    expect(history).toHaveLength(4);
    expect(cancellation.lines).toEqual([{ label: '注销申请已撤销', value: '申请于 2026年12月1日 12:00（北京时间）；原因：不再使用' }]);
    const text = JSON.stringify(s);
    for (const raw of ['u_1f2e', 'evt-', 'device-0001', 'withdrawn', '2026-12-01T']) expect(text).not.toContain(raw);
  });

  it('speaks English to an English-speaking shopper', () => {
    const s = summariseDataExport(parseDataExport(serverExport()), TEXTS.en, 'en', COLLECTION_LIST, NOW);
    expect(s.sections.map((x) => x.title)).toEqual(['Mini-program identifiers', 'Authorisation records', 'Account cancellation', 'Each row of the collection list']);
    expect(s.sections[0].lines[2]).toEqual({ label: 'Sign-ins', value: '2 sign-ins, 1 still active' });
    expect(s.sections[1].lines.slice(0, 3)).toEqual([
      { label: 'Privacy policy', value: 'Agreed (version 1), 1 Dec 2026, 00:05 China time' },
      { label: 'Marketing communications', value: 'Withdrawn, 1 Dec 2026, 10:00 China time' },
      { label: 'Location', value: 'Not now, 1 Dec 2026, 11:00 China time' },
    ]);
    expect(s.sections[2].lines[0].label).toBe('Cancellation request withdrawn');
  });

  it('says so when there is no cancellation request, and labels a second device', () => {
    const raw = serverExport();
    raw.cancellationRequests = [];
    (raw.consents.state.permissions as Record<string, unknown>)['device-0002'] = { camera: { value: 'granted', at: '2026-12-01T03:00:00.000Z' } };
    const s = summariseDataExport(parseDataExport(raw), TEXTS.zh, 'zh', COLLECTION_LIST, NOW);
    expect(s.sections[2].lines).toEqual([{ label: '注销申请', value: '无' }]);
    expect(s.sections[1].lines.map((l) => l.label)).toEqual(expect.arrayContaining(['位置（设备 1）', '相机（设备 2）']));
  });
});

describe('every row of the collection list', () => {
  it('lists the rows the server holds (in the file) and those it does not, with the server’s reason', () => {
    const s = summariseDataExport(parseDataExport(serverExport()), TEXTS.en, 'en', COLLECTION_LIST, NOW);
    expect(s.sections.at(-1)).toEqual({
      id: 'coverage',
      title: 'Each row of the collection list',
      lines: [
        { label: 'Mini-program identifiers', value: 'Held by the server, in the file' },
        { label: 'Location', value: 'Used on the phone only' },
      ],
    });
  });

  it('never calls a file complete that the server did not call complete, nor one from a server that does not say', () => {
    for (const complete of [false, undefined]) {
      const raw = serverExport();
      raw.complete = complete;
      if (complete === undefined) delete raw.rows;
      const s = summariseDataExport(parseDataExport(raw), TEXTS.zh, 'zh', COLLECTION_LIST, NOW);
      expect(s.sections.at(-1)!.lines[0]).toEqual({ label: '此副本未包含服务器保存的全部数据，请重新生成。', value: '' });
    }
  });

  it('shows the nickname and mobile number the server holds, each under its row', () => {
    const raw = serverExport();
    (raw.profile as Record<string, unknown>).nickname = '小王';
    (raw.profile as Record<string, unknown>).phone = '';
    (raw.rows as { held: unknown[] }).held.push(
      { id: 'online-identifiers', category: { zh: '网络身份标识', en: 'Digital identification' }, parts: ['/profile/nickname'] },
      { id: 'registration', category: { zh: '账户注册', en: 'Account registration' }, parts: ['/profile/phone'] },
    );
    const s = summariseDataExport(parseDataExport(raw), TEXTS.zh, 'zh', COLLECTION_LIST, NOW);
    expect(s.sections.filter((x) => ['online-identifiers', 'registration'].includes(x.id))).toEqual([
      { id: 'online-identifiers', title: '网络身份标识', lines: [{ label: '昵称', value: '小王' }] },
      { id: 'registration', title: '账户注册', lines: [{ label: '手机号码', value: '未填写' }] },
    ]);
  });

  it('refuses a malformed row index, naming it', () => {
    const raw = serverExport();
    raw.rows = { held: [{ id: 'x' }], notHeld: [] };
    expect(() => parseDataExport(raw)).toThrow(DataExportFormatError);
  });
});

describe('parseDataExport', () => {
  it.each([
    ['not an object', () => 'nope', 'export'],
    ['exportedAt not a time', (r: ReturnType<typeof serverExport>) => ({ ...r, exportedAt: 'yesterday' }), 'exportedAt'],
    ['a consent key that is not a purpose', (r: ReturnType<typeof serverExport>) => ({ ...r, consents: { ...r.consents, state: { ...r.consents.state, consents: { 'Lottery Draw': { value: 'granted', at: r.exportedAt } } } } }), 'consents.state.consents.Lottery Draw'],
    ['a malformed event', (r: ReturnType<typeof serverExport>) => ({ ...r, consents: { ...r.consents, events: [{ id: 1 }] } }), 'consents.events[0]'],
    ['an unknown cancellation status', (r: ReturnType<typeof serverExport>) => ({ ...r, cancellationRequests: [{ ...r.cancellationRequests[0], status: 'lost' }] }), 'cancellationRequests[0]'],
  ])('refuses %s, naming the field', (_what, mutate, field) => {
    let caught: unknown;
    try {
      parseDataExport((mutate as (r: ReturnType<typeof serverExport>) => unknown)(serverExport()));
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(DataExportFormatError);
    expect((caught as DataExportFormatError).field).toBe(field);
  });
});

describe('the file', () => {
  it('is named after the export date in China time', () => {
    expect(dataExportFileName('2026-12-01T15:59:00.000Z')).toBe('my-data-2026-12-01.json');
    expect(dataExportFileName('2026-12-01T16:00:00.000Z')).toBe('my-data-2026-12-02.json');
    expect(() => dataExportFileName('soon')).toThrow(DataExportFormatError);
  });

  it('holds the summary, then everything the server sent, unchanged', () => {
    const raw = serverExport();
    const summary = summariseDataExport(parseDataExport(raw), TEXTS.zh, 'zh', COLLECTION_LIST, NOW);
    const parsed = JSON.parse(dataExportFileContent(summary, raw)) as { summary: unknown; data: unknown };
    expect(parsed.summary).toEqual(summary);
    expect(parsed.data).toEqual(raw);
  });
});
