import type { PolicyDocument } from './policy';
import { CHANGE_LIMITS, changedSentences, sentencesOf } from './policyChanges';

const doc = (rows: Record<string, string[]>): PolicyDocument => {
  const sections = Object.entries(rows).map(([id, texts]) => ({ id, title: id, blocks: [{ type: 'list' as const, items: texts }] }));
  return { schemaVersion: 1, updated: '2026-12', texts: { zh: { title: 't', lastUpdatedLabel: 'l', sections }, en: { title: 't', lastUpdatedLabel: 'l', sections } } };
};

describe('sentencesOf', () => {
  it('ends a Chinese sentence at 。！？； and an English one at . ! ? ; before a space', () => {
    expect(sentencesOf('我们收集手机号。用于登录；不用于营销！')).toEqual(['我们收集手机号。', '用于登录；', '不用于营销！']);
    expect(sentencesOf('We keep it for 3 years. See section 2.1 for details; ask us? Yes.')).toEqual(['We keep it for 3 years.', 'See section 2.1 for details;', 'ask us?', 'Yes.']);
    expect(sentencesOf('  ')).toEqual([]);
  });
});

describe('changedSentences', () => {
  const v1 = doc({ a: ['我们收集手机号。用于登录。'], b: ['不变。'], c: ['将删除的内容。'] });

  it('gives the sentences a changed section adds or rewords, in order, and nothing for a section that only lost text', () => {
    const v2 = doc({ a: ['我们收集手机号。用于登录和到店签到。', '签到时采集人脸图像。'], b: ['不变。'], c: ['另一句。'] });
    v2.texts.zh.sections[2]!.blocks = [{ type: 'paragraph', text: '将删除的内容。' }];
    expect(changedSentences(v1, v2, 'zh', ['a', 'c'])).toEqual([{ section: 'a', sentences: ['用于登录和到店签到。', '签到时采集人脸图像。'] }]);
    // Only the sections asked about.
    expect(changedSentences(v1, v2, 'zh', ['c'])).toEqual([]);
  });

  it('treats a new section as all new, and caps what it gives', () => {
    const many = Array.from({ length: 30 }, (_, i) => `第${i}句。`);
    const v2 = doc({ a: ['我们收集手机号。用于登录。'], d: many, e: ['x'.repeat(600)] });
    const changes = changedSentences(v1, v2, 'zh', ['d', 'e']);
    expect(changes).toEqual([{ section: 'd', sentences: many.slice(0, CHANGE_LIMITS.sentences) }]);
    const long = changedSentences(v1, v2, 'zh', ['e'])[0]!.sentences[0]!;
    expect(long).toHaveLength(CHANGE_LIMITS.sentenceLength);
    expect(long.endsWith('…')).toBe(true);
  });
});
