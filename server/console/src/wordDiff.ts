/**
 * What changed inside a policy section, paragraph by paragraph and word by word: blocks are
 * aligned first (equal blocks kept out of the way), then each changed block is diffed against the
 * block it replaced. Chinese has no spaces, so its words come from `Intl.Segmenter` (dictionary
 * words, falling back to single characters); English words from jsdiff's own tokeniser.
 */
import { diffArrays, diffWords, type ChangeObject } from 'diff';
import { blockPlainText, type PolicySection } from '@maison/privacy/contract';

/** A run of text that stayed, was added or was removed. */
export interface DiffPart {
  text: string;
  change: 'same' | 'added' | 'removed';
}

/** One block of the section: unchanged ones are left out, so every row has a change. */
export interface DiffRow {
  kind: 'changed' | 'added' | 'removed';
  parts: DiffPart[];
}

const segmenters = new Map<string, Intl.Segmenter>();
function segmenter(lang: 'zh' | 'en'): Intl.Segmenter {
  let s = segmenters.get(lang);
  if (!s) {
    s = new Intl.Segmenter(lang === 'zh' ? 'zh-CN' : 'en', { granularity: 'word' });
    segmenters.set(lang, s);
  }
  return s;
}

const toPart = (c: ChangeObject<string>): DiffPart => ({ text: c.value, change: c.added ? 'added' : c.removed ? 'removed' : 'same' });

/** Word-level changes from `before` to `after`; joined, the same and removed parts give `before`, the same and added ones `after`. */
export function wordDiff(before: string, after: string, lang: 'zh' | 'en'): DiffPart[] {
  const changes = lang === 'zh' ? diffWords(before, after, { intlSegmenter: segmenter('zh') }) : diffWords(before, after);
  return changes.map(toPart).filter((p) => p.text !== '');
}

/** The changed blocks of a section, each with its word-level parts. */
export function sectionRows(before: PolicySection | null, after: PolicySection | null, lang: 'zh' | 'en'): DiffRow[] {
  const a = (before?.blocks ?? []).map(blockPlainText);
  const b = (after?.blocks ?? []).map(blockPlainText);
  const rows: DiffRow[] = [];
  const chunks = diffArrays(a, b);
  for (let i = 0; i < chunks.length; i += 1) {
    const chunk = chunks[i]!;
    if (!chunk.added && !chunk.removed) continue;
    const next = chunks[i + 1];
    if (chunk.removed && next?.added) {
      // Removed blocks followed by added ones: the same place rewritten, paired in order.
      const n = Math.max(chunk.value.length, next.value.length);
      for (let k = 0; k < n; k += 1) {
        const old = chunk.value[k];
        const neu = next.value[k];
        if (old !== undefined && neu !== undefined) rows.push({ kind: 'changed', parts: wordDiff(old, neu, lang) });
        else if (old !== undefined) rows.push({ kind: 'removed', parts: [{ text: old, change: 'removed' }] });
        else if (neu !== undefined) rows.push({ kind: 'added', parts: [{ text: neu, change: 'added' }] });
      }
      i += 1;
      continue;
    }
    for (const text of chunk.value) rows.push(chunk.added ? { kind: 'added', parts: [{ text, change: 'added' }] } : { kind: 'removed', parts: [{ text, change: 'removed' }] });
  }
  return rows;
}
