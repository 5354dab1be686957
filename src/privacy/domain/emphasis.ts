/**
 * Splits policy text into plain and sensitive runs. The policy promises to show sensitive personal
 * information bold and underlined; the pages render the `sensitive` runs that way.
 */

/** A piece of a paragraph; `sensitive` runs are shown bold and underlined. */
export interface EmphasisRun {
  text: string;
  sensitive: boolean;
}

const isWordChar = (c: number): boolean =>
  (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
const foldAscii = (c: number): number => (c >= 0x41 && c <= 0x5a ? c + 32 : c);

/** Whether `term` sits at `at` in `text`, ASCII letters compared without case. */
function matchesAt(text: string, at: number, term: string): boolean {
  if (at + term.length > text.length) return false;
  for (let i = 0; i < term.length; i += 1) {
    if (foldAscii(text.charCodeAt(at + i)) !== foldAscii(term.charCodeAt(i))) return false;
  }
  // An English term must not start or end inside a word ("tracking" is not in "backtracking").
  if (isWordChar(term.charCodeAt(0)) && at > 0 && isWordChar(text.charCodeAt(at - 1))) return false;
  const end = at + term.length;
  if (isWordChar(term.charCodeAt(term.length - 1)) && end < text.length && isWordChar(text.charCodeAt(end))) return false;
  return true;
}

/**
 * Runs of `text`: every occurrence of a term is a sensitive run, the longest term winning where
 * several start at the same place; runs never overlap, neighbours of the same kind are merged, and
 * joined together they give back `text` exactly.
 */
export function emphasise(text: string, terms: readonly string[]): EmphasisRun[] {
  const sorted = terms.filter((t) => t.length > 0).sort((a, b) => b.length - a.length);
  const runs: EmphasisRun[] = [];
  const push = (piece: string, sensitive: boolean): void => {
    const last = runs[runs.length - 1];
    if (last && last.sensitive === sensitive) last.text += piece;
    else runs.push({ text: piece, sensitive });
  };
  let plainFrom = 0;
  let i = 0;
  while (i < text.length) {
    const term = sorted.find((t) => matchesAt(text, i, t));
    if (term === undefined) {
      i += 1;
      continue;
    }
    if (i > plainFrom) push(text.slice(plainFrom, i), false);
    push(text.slice(i, i + term.length), true);
    i += term.length;
    plainFrom = i;
  }
  if (plainFrom < text.length) push(text.slice(plainFrom), false);
  return runs;
}

/** One sensitive category or item of a policy, with every wording it has in each language. */
export interface SensitiveTerm {
  id: string;
  /** `category`: the PIPL categories the policy lists; `item`: data the policy names as sensitive. */
  kind: 'category' | 'item';
  zh: readonly string[];
  en: readonly string[];
}

/** The wordings to emphasise, per language (input of `emphasise`). */
export function sensitiveTermsByLang(terms: readonly SensitiveTerm[] = []): Readonly<Record<'zh' | 'en', readonly string[]>> {
  // concat rather than flatMap: the mini-program also runs on engines older than ES2019.
  const of = (lang: 'zh' | 'en'): readonly string[] => Object.freeze(([] as string[]).concat(...terms.map((t) => t[lang])));
  return Object.freeze({ zh: of('zh'), en: of('en') });
}
