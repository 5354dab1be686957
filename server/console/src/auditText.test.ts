import { AUDIT_ACTIONS } from '@maison/privacy/contract';
import { actionLabel, actorName, describeAudit, type AuditEntry } from './auditText';
import { chinaDay, chinaDayStart, chinaTimestamp } from './chinaTime';

const entry = (action: string, target: string | null, details: Record<string, unknown> = {}, actor = 'ops:alice', at = '2026-05-01T02:00:00.000Z'): AuditEntry => ({ id: 1, at, actor, actorId: null, action, target, details });
const CJK = /[\u3400-\u9fff]/;

describe('audit entries as sentences', () => {
  it('names every action the server records in both languages', () => {
    for (const action of AUDIT_ACTIONS) {
      expect(actionLabel(action, 'en')).not.toBe(action);
      expect(actionLabel(action, 'zh')).toMatch(CJK);
      const en = describeAudit(entry(action, 'policy:3'), 'en');
      const zh = describeAudit(entry(action, 'policy:3'), 'zh');
      expect({ action, en: en.sentence }).toEqual({ action, en: expect.not.stringMatching(CJK) });
      expect({ action, zh: zh.sentence }).toEqual({ action, zh: expect.stringMatching(CJK) });
      expect(en.sentence).not.toContain(action);
    }
  });

  it('says who did what to which version, with labelled fields in China time', () => {
    const scheduled = entry('policy.activate', 'policy:4', { effectiveAt: '2026-05-03T16:00:00.000Z' });
    expect(describeAudit(scheduled, 'en')).toEqual({
      who: 'alice',
      action: 'Version activated or scheduled',
      sentence: 'alice scheduled v4 to take effect on 4 May 2026, 00:00.',
      fields: [{ key: 'effectiveAt', label: 'Takes effect', value: '4 May 2026, 00:00' }],
      version: 4,
    });
    expect(describeAudit(scheduled, 'zh').sentence).toBe('alice 安排 v4 于 2026年5月4日 00:00 生效。');
    const now = entry('policy.activate', 'policy:4', { effectiveAt: '2026-05-01T02:00:00.000Z' });
    expect(describeAudit(now, 'en').sentence).toBe('alice made v4 the active policy.');
    expect(describeAudit(entry('policy.seed', 'policy:1', {}, 'system'), 'zh').sentence).toBe('系统将应用内置的政策设为 v1 并使其生效。');
    expect(describeAudit(entry('token.create', 'token:abc', { name: 'carol', role: 'viewer' }, 'cli'), 'en').sentence).toBe('The command line created the ops token “carol” (viewer).');
    const decided = describeAudit(entry('request.decide', 'request:0f1e2d3c-aaaa-4bbb-8ccc-123456789abc', { type: 'deletion', outcome: 'refused' }), 'en');
    expect(decided.sentence).toBe('alice refused request 0f1e2d3c (Deletion).');
    expect(decided.fields.map((f) => `${f.label}: ${f.value}`)).toEqual(['Request type: Deletion', 'Outcome: refused', 'Request: 0f1e2d3c-aaaa-4bbb-8ccc-123456789abc']);
    expect(describeAudit(entry('lists.update', 'policy:5', { kind: 'sharing', entries: 1 }), 'en').sentence).toBe('alice saved the third-party list of draft v5 (1 entry).');
  });

  it('reads a refused sign-in: reason, address, attempts and times, never more', () => {
    const failed = entry('console.sign-in.failed', 'token:t1', { reason: 'revoked', tokenName: 'bob', address: '198.51.100.7', attempts: 3, firstAt: '2026-05-01T02:00:00.000Z', lastAt: '2026-05-01T02:07:00.000Z' }, 'anonymous');
    const en = describeAudit(failed, 'en');
    expect(en.sentence).toBe('A console sign-in with the revoked token “bob” was refused (3 attempts from 198.51.100.7).');
    expect(en.fields.map((f) => `${f.label}: ${f.value}`)).toEqual([
      'Refused because: the token was revoked',
      'Token: bob',
      'From address: 198.51.100.7',
      'Attempts: 3',
      'First attempt: 1 May 2026, 10:00',
      'Latest attempt: 1 May 2026, 10:07',
    ]);
    expect(describeAudit({ ...failed, details: { reason: 'overflow', attempts: 40 } }, 'zh').sentence).toBe('来自更多地址的控制台登录被拒绝（共 40 次），合并计数。');
  });

  it('keeps what it does not know visible, times in China time', () => {
    const odd = describeAudit(entry('policy.archive', 'policy:2', { at: '2026-05-01T02:00:00Z', note: 'x' }), 'en');
    expect(odd.sentence).toBe('alice recorded the action “policy.archive” on policy:2.');
    expect(odd.fields).toEqual([
      { key: 'at', label: 'at', value: '1 May 2026, 10:00' },
      { key: 'note', label: 'note', value: 'x' },
    ]);
    expect(actorName('ops:ops:x', 'en')).toBe('ops:x');
  });
});

describe('China time', () => {
  it('turns China days into instants and back, and refuses days that do not exist', () => {
    expect(chinaDayStart('2026-05-01')!.toISOString()).toBe('2026-04-30T16:00:00.000Z');
    expect(chinaDayStart('2026-02-29')).toBeNull();
    expect(chinaDayStart('2024-02-29')!.toISOString()).toBe('2024-02-28T16:00:00.000Z');
    expect(chinaDayStart('2026-13-01')).toBeNull();
    expect(chinaDayStart('26-05-01')).toBeNull();
    expect(chinaDay(new Date('2026-04-30T16:00:00.000Z'))).toBe('2026-05-01');
    expect(chinaTimestamp('2026-04-30T15:59:59.000Z')).toBe('2026-04-30 23:59:59');
  });
});
