/**
 * Progressive rendering plan for a long policy. WeChat sends each render update through setData
 * and asks for small payloads, so the policy is revealed in chunks with a byte budget. The unit is
 * a section title, a heading or paragraph, or one item of a list or lines block, so neither a long
 * section nor a long list (the "information you provide" section's lists of 9 and 22 items, with
 * many emphasised sensitive terms) has to arrive in one update.
 */
import type { PolicyBlock, PolicySection } from './policy';

/** Text budget of the first chunk: leaves room for the header and table of contents. */
export const FIRST_CHUNK_BYTES = 4 * 1024;
/** Text budget of every later chunk. */
export const NEXT_CHUNK_BYTES = 8 * 1024;

/** UTF-8 byte length of a string, without platform APIs. */
export function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}

/** Units of a block: one per list item or line (at least one), else one. */
function blockUnits(block: PolicyBlock): number {
  if (block.type === 'list') return Math.max(1, block.items.length);
  if (block.type === 'lines') return Math.max(1, block.lines.length);
  return 1;
}

/** Byte size of each unit of a block. */
function unitBytes(block: PolicyBlock): number[] {
  const parts = block.type === 'list' ? block.items : block.type === 'lines' ? block.lines : [block.text];
  return parts.length === 0 ? [0] : parts.map(utf8Length);
}

/** The first `units` units of a block (a list or lines block cut after that many items). */
function partialBlock(block: PolicyBlock, units: number): PolicyBlock {
  if (block.type === 'list') return { type: 'list', items: block.items.slice(0, units) };
  if (block.type === 'lines') return { type: 'lines', lines: block.lines.slice(0, units) };
  return block;
}

const sectionUnits = (section: PolicySection): number => section.blocks.reduce((n, b) => n + blockUnits(b), 1);

/** Unit index where each section starts: a section is its title unit followed by its blocks' units. */
export function sectionStarts(sections: readonly PolicySection[]): number[] {
  const starts: number[] = [];
  let unit = 0;
  for (const section of sections) {
    starts.push(unit);
    unit += sectionUnits(section);
  }
  return starts;
}

/** Total units of a document. */
export function totalUnits(sections: readonly PolicySection[]): number {
  return sections.reduce((n, s) => n + sectionUnits(s), 0);
}

/** What `revealed` units render: each visible section with its blocks, the last ones possibly cut short. */
export function revealedView(
  sections: readonly PolicySection[],
  revealed: number,
): { section: PolicySection; blocks: PolicyBlock[] }[] {
  const view: { section: PolicySection; blocks: PolicyBlock[] }[] = [];
  let unit = 0;
  for (const section of sections) {
    if (unit >= revealed) break;
    const total = sectionUnits(section);
    if (unit + total <= revealed) view.push({ section, blocks: section.blocks });
    else {
      const blocks: PolicyBlock[] = [];
      let left = revealed - unit - 1;
      for (const block of section.blocks) {
        if (left <= 0) break;
        const n = blockUnits(block);
        blocks.push(n <= left ? block : partialBlock(block, left));
        left -= n;
      }
      view.push({ section, blocks });
    }
    unit += total;
  }
  return view;
}

/**
 * Ends (exclusive unit indexes) of successive chunks of units of the given byte sizes. Every chunk
 * holds at least one unit, so a unit larger than the budget still renders.
 */
export function chunkEnds(sizes: readonly number[], firstBudget: number, nextBudget: number): number[] {
  const ends: number[] = [];
  let budget = firstBudget;
  let used = 0;
  sizes.forEach((size, i) => {
    if (used > 0 && used + size > budget) {
      ends.push(i);
      budget = nextBudget;
      used = 0;
    }
    used += size;
  });
  if (sizes.length > 0) ends.push(sizes.length);
  return ends;
}

/** Ends (exclusive unit indexes) of successive chunks of a policy's units (see `chunkEnds`). */
export function planRevealChunks(
  sections: readonly PolicySection[],
  firstBudget = FIRST_CHUNK_BYTES,
  nextBudget = NEXT_CHUNK_BYTES,
): number[] {
  const sizes: number[] = [];
  for (const section of sections) {
    sizes.push(utf8Length(section.title));
    for (const block of section.blocks) sizes.push(...unitBytes(block));
  }
  return chunkEnds(sizes, firstBudget, nextBudget);
}

/** Text budget of a list page's first chunk of rows (a row's render is several times its text). */
export const LIST_FIRST_CHUNK_BYTES = 2 * 1024;
/** Text budget of a list page's later chunks. */
export const LIST_NEXT_CHUNK_BYTES = 4 * 1024;

/** Ends of successive chunks of list rows, each row sized by the longest of its languages' texts. */
export function planListChunks(rowTexts: readonly (readonly string[])[][], firstBudget = LIST_FIRST_CHUNK_BYTES, nextBudget = LIST_NEXT_CHUNK_BYTES): number[] {
  return chunkEnds(
    rowTexts.map((langs) => Math.max(0, ...langs.map((texts) => texts.reduce((n, t) => n + utf8Length(t), 0)))),
    firstBudget,
    nextBudget,
  );
}
