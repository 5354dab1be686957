/**
 * Progressive rendering plan for a long policy. WeChat sends each render update through setData
 * and asks for small payloads, so the policy is revealed in chunks with a byte budget. The unit is
 * a section title or a block, so one long section never has to arrive in one update.
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

function blockBytes(block: PolicyBlock): number {
  switch (block.type) {
    case 'list':
      return block.items.reduce((n, item) => n + utf8Length(item), 0);
    case 'lines':
      return block.lines.reduce((n, line) => n + utf8Length(line), 0);
    default:
      return utf8Length(block.text);
  }
}

/** Unit index where each section starts: a section is its title unit followed by one unit per block. */
export function sectionStarts(sections: readonly PolicySection[]): number[] {
  const starts: number[] = [];
  let unit = 0;
  for (const section of sections) {
    starts.push(unit);
    unit += 1 + section.blocks.length;
  }
  return starts;
}

/** Total units of a document. */
export function totalUnits(sections: readonly PolicySection[]): number {
  return sections.reduce((n, s) => n + 1 + s.blocks.length, 0);
}

/** What `revealed` units render: each visible section with how many of its blocks. */
export function revealedView(
  sections: readonly PolicySection[],
  revealed: number,
): { section: PolicySection; blocks: PolicyBlock[] }[] {
  const view: { section: PolicySection; blocks: PolicyBlock[] }[] = [];
  let unit = 0;
  for (const section of sections) {
    if (unit >= revealed) break;
    const shown = Math.max(0, Math.min(section.blocks.length, revealed - unit - 1));
    view.push({ section, blocks: shown === section.blocks.length ? section.blocks : section.blocks.slice(0, shown) });
    unit += 1 + section.blocks.length;
  }
  return view;
}

/**
 * Ends (exclusive unit indexes) of successive chunks. Every chunk holds at least one unit, so a
 * block larger than the budget still renders.
 */
export function planRevealChunks(
  sections: readonly PolicySection[],
  firstBudget = FIRST_CHUNK_BYTES,
  nextBudget = NEXT_CHUNK_BYTES,
): number[] {
  const sizes: number[] = [];
  for (const section of sections) {
    sizes.push(utf8Length(section.title));
    for (const block of section.blocks) sizes.push(blockBytes(block));
  }
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
