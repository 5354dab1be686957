import { sectionRows, wordDiff, type DiffPart } from './wordDiff';

const side = (parts: DiffPart[], keep: 'added' | 'removed') => parts.filter((p) => p.change !== keep).map((p) => p.text).join('');
const changed = (parts: DiffPart[], change: 'added' | 'removed') => parts.filter((p) => p.change === change).map((p) => p.text);

describe('wordDiff', () => {
  it('marks only the Chinese words that changed, by dictionary words', () => {
    const before = '在不超过15天的合理期限内处理您的请求';
    const after = '在不超过10个工作日的合理期限内处理您的请求';
    const parts = wordDiff(before, after, 'zh');
    expect(changed(parts, 'removed')).toEqual(['15天']);
    expect(changed(parts, 'added')).toEqual(['10个工作日']);
    expect(side(parts, 'added')).toBe(before);
    expect(side(parts, 'removed')).toBe(after);
  });

  it('marks one added sentence in an English paragraph, not the paragraph', () => {
    const before = 'We keep your data. You may ask us to delete it.';
    const after = 'We keep your data. We never sell it. You may ask us to delete it.';
    const parts = wordDiff(before, after, 'en');
    expect(changed(parts, 'removed')).toEqual([]);
    expect(changed(parts, 'added').join('').trim()).toBe('We never sell it.');
    expect(side(parts, 'removed')).toBe(after);
  });
});

describe('sectionRows', () => {
  const section = (...texts: string[]) => ({ id: 's', title: 'S', blocks: texts.map((text) => ({ type: 'paragraph' as const, text })) });

  it('leaves equal blocks out and pairs a rewritten block with the one it replaced', () => {
    const rows = sectionRows(section('a b c', 'same'), section('a x c', 'same', 'new'), 'en');
    expect(rows.map((r) => r.kind)).toEqual(['changed', 'added']);
    expect(changed(rows[0]!.parts, 'removed')).toEqual(['b']);
    expect(changed(rows[0]!.parts, 'added')).toEqual(['x']);
    expect(rows[1]!.parts).toEqual([{ text: 'new', change: 'added' }]);
  });

  it('shows a whole section as added or removed', () => {
    expect(sectionRows(null, section('一段'), 'zh')).toEqual([{ kind: 'added', parts: [{ text: '一段', change: 'added' }] }]);
    expect(sectionRows(section('一段'), null, 'zh')).toEqual([{ kind: 'removed', parts: [{ text: '一段', change: 'removed' }] }]);
  });
});
