/**
 * What a policy block renders as, without the platform: the rows a block shows (a paragraph is one
 * row, a list one row per item, `lines` one row per line) and the emphasis runs of each row. The
 * shop's policy page and the ops console's preview both render from this, so they cannot drift.
 */
import type { PolicyBlock, PolicyBlockType } from './policy';
import { emphasise, type EmphasisRun } from './emphasis';

/** One policy block ready to render: its type and, per row, the runs of text. */
export interface BlockSegments {
  type: PolicyBlockType;
  rows: EmphasisRun[][];
}

/** The rows of `block` with the sensitive `terms` marked; headings are never emphasised. */
export function blockSegments(block: PolicyBlock, terms: readonly string[]): BlockSegments {
  switch (block.type) {
    case 'heading':
      return { type: 'heading', rows: [[{ text: block.text, sensitive: false }]] };
    case 'paragraph':
      return { type: 'paragraph', rows: [emphasise(block.text, terms)] };
    case 'lines':
      return { type: 'lines', rows: block.lines.map((line) => emphasise(line, terms)) };
    case 'list':
      return { type: 'list', rows: block.items.map((item) => emphasise(item, terms)) };
  }
}

/** The plain text of a block, rows joined by newlines: what a reader reads, for diffs and search. */
export function blockPlainText(block: PolicyBlock): string {
  switch (block.type) {
    case 'heading':
    case 'paragraph':
      return block.text;
    case 'lines':
      return block.lines.join('\n');
    case 'list':
      return block.items.join('\n');
  }
}
