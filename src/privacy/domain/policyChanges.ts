/**
 * The sentences a policy version adds or rewords, per changed section: what the re-consent sheet
 * shows highlighted, so a shopper reads the change itself and not only where it is. Pure.
 */
import type { Lang } from './contract';
import type { PolicyBlock, PolicyDocument } from './policy';

/** New or reworded sentences of one section, in the order of the newer text. */
export interface SectionChange {
  section: string;
  sentences: string[];
}

/** Caps on what a version's answer carries (a sheet is not the whole policy). */
export const CHANGE_LIMITS = Object.freeze({ sentences: 20, sentenceLength: 500 });

/**
 * The sentences of a text, trimmed: one ends after Chinese 。！？； or after . ! ? ; and a space.
 * (A loop, not a lookbehind split: older iOS JavaScriptCore cannot parse lookbehind.)
 */
export function sentencesOf(text: string): string[] {
  const out: string[] = [];
  let from = 0;
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i]!;
    const ends = '。！？；'.includes(c) || ('.!?;'.includes(c) && /\s/.test(text[i + 1] ?? ''));
    if (!ends) continue;
    out.push(text.slice(from, i + 1));
    from = i + 1;
  }
  out.push(text.slice(from));
  return out.map((s) => s.trim()).filter((s) => s.length > 0);
}

const rowsOf = (block: PolicyBlock): readonly string[] =>
  block.type === 'list' ? block.items : block.type === 'lines' ? block.lines : [block.text];

const clip = (s: string) => (s.length > CHANGE_LIMITS.sentenceLength ? `${s.slice(0, CHANGE_LIMITS.sentenceLength - 1)}…` : s);

/**
 * Sentences of `sections` in `next` that `previous` does not have in the same section (word for
 * word), at most `CHANGE_LIMITS.sentences` in all. A section that only lost text has none.
 */
export function changedSentences(previous: PolicyDocument, next: PolicyDocument, lang: Lang, sections: readonly string[]): SectionChange[] {
  const before = new Map(previous.texts[lang].sections.map((s) => [s.id, new Set(s.blocks.flatMap(rowsOf).flatMap(sentencesOf))]));
  const out: SectionChange[] = [];
  let left: number = CHANGE_LIMITS.sentences;
  for (const section of next.texts[lang].sections) {
    if (left === 0) break;
    if (!sections.includes(section.id)) continue;
    const old = before.get(section.id) ?? new Set<string>();
    const added = section.blocks.flatMap(rowsOf).flatMap(sentencesOf).filter((s) => !old.has(s));
    const sentences = [...new Set(added)].slice(0, left).map(clip);
    left -= sentences.length;
    if (sentences.length > 0) out.push({ section: section.id, sentences });
  }
  return out;
}
