import type { PolicySection } from './policy';
import { planRevealChunks, revealedView, sectionStarts, totalUnits, utf8Length } from './reveal';

const para = (n: number) => ({ type: 'paragraph' as const, text: 'x'.repeat(n) });
const sections: PolicySection[] = [
  { id: 'a', title: 'A', blocks: [para(1000), para(1000)] },
  { id: 'b', title: 'B', blocks: [para(3000), { type: 'list', items: ['y'.repeat(500), 'z'.repeat(500)] }] },
  { id: 'c', title: 'C', blocks: [para(40_000)] },
  { id: 'd', title: 'D', blocks: [{ type: 'lines', lines: ['l1', 'l2'] }] },
];

test('utf8Length counts CJK as 3 bytes and astral characters as 4', () => {
  expect(utf8Length('abc')).toBe(3);
  expect(utf8Length('隐私')).toBe(6);
  expect(utf8Length('é')).toBe(2);
  expect(utf8Length('😀')).toBe(4);
  expect(utf8Length('隐私😀a')).toBe(Buffer.byteLength('隐私😀a'));
});

test('units: a title, then one per paragraph or heading and one per list item or line; starts point at each title', () => {
  expect(totalUnits(sections)).toBe(3 + 4 + 2 + 3);
  expect(sectionStarts(sections)).toEqual([0, 3, 7, 9]);
});

test('chunks respect the budgets, hold at least one unit, and end at the last unit', () => {
  const ends = planRevealChunks(sections, 2500, 5000);
  expect(ends[ends.length - 1]).toBe(totalUnits(sections));
  // first chunk: A title + 1000 + 1000 = 2001 bytes; the next title would still fit, the 3000 block not
  expect(ends[0]).toBe(4);
  // ends strictly increase: every chunk renders something
  ends.reduce((prev, end) => (expect(end).toBeGreaterThan(prev), end), 0);
  // the 40 000-byte block gets a chunk of its own even though it exceeds the budget
  const big = sectionStarts(sections)[2] + 1;
  expect(ends).toContain(big);
  expect(ends).toContain(big + 1);
});

test('revealedView shows whole sections and the first blocks of the last one', () => {
  expect(revealedView(sections, 0)).toEqual([]);
  const view = revealedView(sections, 5);
  expect(view.map((v) => v.section.id)).toEqual(['a', 'b']);
  expect(view[0].blocks).toBe(sections[0].blocks);
  expect(view[1].blocks).toEqual([sections[1].blocks[0]]);
  expect(revealedView(sections, totalUnits(sections)).every((v, i) => v.blocks === sections[i].blocks)).toBe(true);
});

test('a long list is revealed item by item: a chunk may end inside it', () => {
  const long: PolicySection[] = [{ id: 'l', title: 'L', blocks: [{ type: 'list', items: Array.from({ length: 10 }, (_, i) => `${i}`.repeat(1000)) }] }];
  const ends = planRevealChunks(long, 2500, 3500);
  // title + 2 items, then 3 items per chunk: the 10 000-byte list never arrives in one update
  expect(ends).toEqual([3, 6, 9, 11]);
  const view = revealedView(long, 6);
  expect(view[0].blocks).toEqual([{ type: 'list', items: long[0].blocks[0].type === 'list' ? long[0].blocks[0].items.slice(0, 5) : [] }]);
  expect(revealedView(long, 11)[0].blocks).toBe(long[0].blocks);
  // lines blocks too
  expect(revealedView(sections, 11)[3].blocks).toEqual([{ type: 'lines', lines: ['l1'] }]);
  expect(revealedView(sections, 6)[1].blocks).toEqual([sections[1].blocks[0], { type: 'list', items: ['y'.repeat(500)] }]);
});
