/**
 * Turns the shop's policy text (Simplified Chinese first, then English, as pasted from its website)
 * into a `PolicyDocument`, with warnings for whatever needs a human. Pure functions only: the CLI
 * and the server's `POST /v1/admin/policies { text }` both call `importPolicyText`.
 */
import { markSensitiveTerms, policyContentHash, type Lang, type SensitiveMark, type PolicyBlock, type PolicyDocument, type PolicySection, type PolicyText } from '@maison/privacy/contract';

/** Raised when the text cannot be read as a bilingual policy at all (no English half, no date). */
export class PolicyImportError extends Error {
  override name = 'PolicyImportError';
}

/** Largest text accepted, in UTF-16 code units (the seed is ~50 000). */
export const MAX_POLICY_TEXT_LENGTH = 1_000_000;

/** Warning kinds; each warning string starts with one of these and a colon. */
export const IMPORT_WARNING_CODES = Object.freeze([
  'placeholder',
  'drafting-brackets',
  'missing-exhibit',
  'flattened-block',
  'split-item',
  'unbalanced-brackets',
  'heading-in-list',
  'heading-with-full-stop',
  'section-mismatch',
  'structure-differs',
  'empty-section',
  'text-before-first-section',
  'overline',
  'date-mismatch',
  'sensitive-term',
  'last-updated-stale',
] as const);
export type ImportWarningCode = (typeof IMPORT_WARNING_CODES)[number];

/** One line of the source: 1-based line number and its text without surrounding whitespace. */
export interface SourceLine {
  no: number;
  text: string;
}

/** What the importer returns. */
export interface ImportResult {
  document: PolicyDocument;
  warnings: string[];
}

/** One language's half, parsed on its own. */
export interface ParsedHalf {
  lang: Lang;
  overline?: string;
  title: string;
  lastUpdatedLabel: string;
  /** `YYYY-MM`, or null when the label holds no recognisable month. */
  updated: string | null;
  sections: ParsedSection[];
  warnings: string[];
}

/** A section before ids are assigned; `line` is where its heading sits in the source. */
export interface ParsedSection {
  title: string;
  line: number;
  blocks: PolicyBlock[];
  /** Source line of each block, for warnings. */
  blockLines: number[];
}

const CJK = /[\u3400-\u9fff\uf900-\ufaff]/;
// Bullet marks seen in pasted policies; '-' and '*' only count when a space follows.
const BULLET = /^(?:[•●▪◦·‣∙■□○◆◇]|[-*](?=\s))\s*/;
const ZH_LABEL = /^(最近更新|最后更新|更新日期|生效日期)/;
const EN_LABEL = /^(last\s+updated|last\s+revised|last\s+modified|updated|effective\s+date)\b/i;
const ENDS_SENTENCE = /[。.;;,,::!!、]$/;
const CLOSERS = /[\])）】」』”’"'\s]+$/;
const LETTERED = /^[a-z][.)．]\s*/;
const MONTHS = Object.freeze([
  'january', 'february', 'march', 'april', 'may', 'june',
  'july', 'august', 'september', 'october', 'november', 'december',
]);

const warn = (code: ImportWarningCode, message: string): string => `${code}: ${message}`;
const hasCjk = (s: string): boolean => CJK.test(s);
const lineRange = (a: number, b: number): string => (a === b ? `line ${a}` : `lines ${a}–${b}`);
const clip = (s: string, n = 40): string => (s.length > n ? `${s.slice(0, n)}…` : s);

/** Splits text into numbered, trimmed lines (CRLF, BOM and full-width spaces handled). */
export function splitLines(text: string): SourceLine[] {
  return text
    .replace(/^\uFEFF/, '')
    .split(/\r\n|\r|\n/)
    .map((raw, i) => ({ no: i + 1, text: raw.trim() }));
}

/** Where the English half starts: the title line above the first English "Last updated" label. */
export function findEnglishStart(lines: readonly SourceLine[]): number {
  const zhLabel = lines.findIndex((l) => ZH_LABEL.test(l.text));
  for (let i = Math.max(zhLabel + 1, 0); i < lines.length; i += 1) {
    if (!EN_LABEL.test(lines[i].text)) continue;
    for (let j = i - 1; j > zhLabel; j -= 1) if (lines[j].text !== '') return j;
  }
  // No English label: fall back to the first line after the last one holding Chinese characters.
  let last = -1;
  lines.forEach((l, i) => { if (hasCjk(l.text)) last = i; });
  for (let i = last + 1; i < lines.length; i += 1) if (lines[i].text !== '') return i;
  return -1;
}

/** Reads a month out of a last-updated label: "2023 年 12月", "December 2023", "2023-12". */
export function parseUpdatedMonth(label: string): string | null {
  const pad = (m: number): string => String(m).padStart(2, '0');
  const zh = /(\d{4})\s*年\s*(\d{1,2})\s*月/.exec(label);
  if (zh && +zh[2] >= 1 && +zh[2] <= 12) return `${zh[1]}-${pad(+zh[2])}`;
  const iso = /(\d{4})[-/.](\d{1,2})\b/.exec(label);
  if (iso && +iso[2] >= 1 && +iso[2] <= 12) return `${iso[1]}-${pad(+iso[2])}`;
  const en = /([A-Za-z]+)\.?\s+(?:\d{1,2},?\s+)?(\d{4})/.exec(label);
  if (en) {
    const m = MONTHS.findIndex((name) => name.startsWith(en[1].toLowerCase()) && en[1].length >= 3);
    if (m >= 0) return `${en[2]}-${pad(m + 1)}`;
  }
  return null;
}

/** True when a line reads as a heading: short, no sentence punctuation at its end. */
export function looksLikeHeading(text: string, maxLength?: number): boolean {
  const limit = maxLength ?? (hasCjk(text) ? 40 : 100);
  if (text.length === 0 || text.length > limit) return false;
  if (!/[\p{L}\p{N}]/u.test(text)) return false;
  const core = text.replace(CLOSERS, '');
  if (/[??]$/.test(core)) return true;
  return !ENDS_SENTENCE.test(core);
}

/**
 * A short phrase closed by a stray full stop ("委托处理、共享、转让和披露您的信息。"). Only read as a
 * heading when that is what makes both halves have as many sections (see `importPolicyText`).
 */
export function looksLikeHeadingWithFullStop(text: string): boolean {
  if (hasCjk(text)) {
    if (!text.endsWith('。')) return false;
    const body = text.slice(0, -1);
    return body.length <= 20 && !/[。,,;;::.!!??()()“”]/.test(body);
  }
  if (!text.endsWith('.')) return false;
  const body = text.slice(0, -1);
  return body.split(/\s+/).length <= 8 && !/[.,;:!?()"“”]/.test(body);
}

/** "a.我们收集何种信息", "b. How we will use your personal information". */
export function looksLikeLetteredHeading(text: string): boolean {
  return LETTERED.test(text) && looksLikeHeading(text.replace(LETTERED, ''), 160);
}

/** Lowercase ASCII slug of a title, at most 64 characters, starting with a letter. */
export function slugify(title: string): string {
  let s = title
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  if (s.length > 64) s = s.slice(0, 65).replace(/-[^-]*$/, '');
  if (s !== '' && !/^[a-z]/.test(s)) s = `s-${s}`.slice(0, 64);
  return s;
}

/** Square brackets of a draft: ASCII and full-width (【】 is ordinary Chinese punctuation, left alone). */
const OPEN_SQUARE = new Set(['[', '［']);
const CLOSE_SQUARE = new Set([']', '］']);
/** A bracketed passage offering alternatives ("[Cartier/Richemont]"): a choice only a person can make. */
const ALTERNATIVES = /[/／]/;

/** What `removeDraftingBrackets` did to one language's lines. */
export interface DraftingBrackets {
  lines: SourceLine[];
  /** Source lines whose brackets were removed, their words kept. */
  removed: number[];
  /** Source lines of brackets left in place: alternatives to choose from, or a bracket never closed. */
  kept: number[];
}

/**
 * A draft marks an optional clause by enclosing it in square brackets ("[Wi-Fi usage]" and its
 * paragraph): the clause was published, so its words are kept and the brackets go (a shopper never
 * reads drafting marks). A bracketed passage with alternatives ("[A/B]") or a bracket without its
 * pair is left as written, for a person to resolve. A passage may span lines.
 */
export function removeDraftingBrackets(lines: readonly SourceLine[]): DraftingBrackets {
  const chars = lines.map((l) => [...l.text]);
  const removed = new Set<number>();
  const kept = new Set<number>();
  let open: { line: number; at: number } | null = null;
  let inside = '';
  for (let i = 0; i < chars.length; i += 1) {
    for (let j = 0; j < chars[i].length; j += 1) {
      const ch = chars[i][j];
      if (OPEN_SQUARE.has(ch)) {
        // A bracket opened inside another: the outer one is left for a person.
        if (open) kept.add(lines[open.line].no);
        open = { line: i, at: j };
        inside = '';
      } else if (CLOSE_SQUARE.has(ch)) {
        if (!open) {
          kept.add(lines[i].no);
          continue;
        }
        if (ALTERNATIVES.test(inside)) {
          kept.add(lines[open.line].no);
        } else {
          chars[open.line][open.at] = '';
          chars[i][j] = '';
          removed.add(lines[open.line].no).add(lines[i].no);
        }
        open = null;
      } else if (open) {
        inside += ch;
      }
    }
    if (open) inside += '\n';
  }
  if (open) kept.add(lines[open.line].no);
  return {
    lines: lines.map((l, i) => ({ no: l.no, text: chars[i].join('').trim() })),
    removed: [...removed].sort((a, b) => a - b),
    kept: [...kept].sort((a, b) => a - b),
  };
}

/** Line numbers as runs: "lines 112, 114" or "line 316". */
const lineList = (nos: readonly number[]): string => `${nos.length === 1 ? 'line' : 'lines'} ${nos.join(', ')}`;

interface Segment {
  kind: 'plain' | 'bullets';
  lines: SourceLine[];
}

/** Groups non-blank lines into runs separated by blank lines, each split into plain/bullet segments. */
function toRuns(lines: readonly SourceLine[]): Segment[][] {
  const runs: Segment[][] = [];
  let run: Segment[] = [];
  for (const line of lines) {
    if (line.text === '') {
      if (run.length) runs.push(run);
      run = [];
      continue;
    }
    const bullet = BULLET.test(line.text);
    const text = bullet ? line.text.replace(BULLET, '') : line.text;
    const kind = bullet ? 'bullets' : 'plain';
    const last = run[run.length - 1];
    if (last && last.kind === kind) last.lines.push({ no: line.no, text });
    else run.push({ kind, lines: [{ no: line.no, text }] });
  }
  if (run.length) runs.push(run);
  return runs;
}

function bracketBalance(text: string): number {
  let n = 0;
  for (const ch of text) {
    if (ch === '(' || ch === '(') n += 1;
    else if (ch === ')' || ch === ')') n -= 1;
  }
  return n;
}

/** Parses one language's half: header (overline, title, last-updated label) then sections. */
export function parseHalf(lines: readonly SourceLine[], lang: Lang, fullStopHeadings = false): ParsedHalf {
  const warnings: string[] = [];
  const labelRe = lang === 'zh' ? ZH_LABEL : EN_LABEL;
  const labelAt = lines.findIndex((l) => labelRe.test(l.text));
  if (labelAt < 0) throw new PolicyImportError(`${lang}: no last-updated line ("${lang === 'zh' ? '最近更新' : 'Last updated'}…") found`);
  const header = lines.slice(0, labelAt).filter((l) => l.text !== '');
  if (header.length === 0) throw new PolicyImportError(`${lang}: no title above the last-updated line`);
  const titleLine = header[header.length - 1];
  const overLines = header.slice(0, -1);
  if (overLines.length > 1) {
    warnings.push(warn('overline', `${lang} ${lineRange(overLines[0].no, overLines[overLines.length - 1].no)}: several lines above the title, joined into one`));
  }
  const lastUpdatedLabel = lines[labelAt].text;

  const sections: ParsedSection[] = [];
  const open = (title: string, line: number): void => {
    sections.push({ title, line, blocks: [], blockLines: [] });
  };
  const add = (block: PolicyBlock, line: number): void => {
    if (sections.length === 0) {
      warnings.push(warn('text-before-first-section', `${lang} line ${line}: text before the first heading, kept in an untitled section`));
      open('', line);
    }
    const sec = sections[sections.length - 1];
    sec.blocks.push(block);
    sec.blockLines.push(line);
  };

  const runs = toRuns(lines.slice(labelAt + 1));
  runs.forEach((run, r) => {
    run.forEach((seg, s) => {
      const first = seg.lines[0];
      if (seg.kind === 'plain' && seg.lines.length === 1) {
        const text = first.text;
        if (looksLikeLetteredHeading(text)) add({ type: 'heading', text }, first.no);
        else if (looksLikeHeading(text)) open(text, first.no);
        else if (fullStopHeadings && looksLikeHeadingWithFullStop(text)) {
          warnings.push(warn('heading-with-full-stop', `${lang} line ${first.no}: "${text}" read as a heading although it ends with a full stop`));
          open(text, first.no);
        } else add({ type: 'paragraph', text }, first.no);
        return;
      }
      if (seg.kind === 'plain') {
        const lastNo = seg.lines[seg.lines.length - 1].no;
        if (seg.lines.some((l) => l.text.length > 80)) {
          warnings.push(warn('flattened-block', `${lang} ${lineRange(first.no, lastNo)}: consecutive lines without bullets, kept line by line; they look like a table or paragraphs whose layout was lost`));
        }
        add({ type: 'lines', lines: seg.lines.map((l) => l.text) }, first.no);
        return;
      }
      // A list whose last item is a short title followed by a blank line and plain text is a
      // section heading typed as a bullet ("• Cookies及我们自动收集的其它信息").
      const items = [...seg.lines];
      const lastItem = items[items.length - 1];
      const nextRun = runs[r + 1];
      const endsRun = s === run.length - 1;
      let trailingHeading: SourceLine | null = null;
      if (items.length > 1 && endsRun && nextRun && nextRun[0].kind === 'plain' && looksLikeHeading(lastItem.text)) {
        trailingHeading = items.pop() as SourceLine;
      }
      items.forEach((item, i) => {
        if (i > 0 && /^(or|and|but|nor)\b/.test(item.text) && !ENDS_SENTENCE.test(items[i - 1].text.replace(CLOSERS, ''))) {
          warnings.push(warn('split-item', `${lang} line ${item.no}: list item "${clip(item.text)}" continues the item before it`));
        }
      });
      add({ type: 'list', items: items.map((l) => l.text) }, first.no);
      if (trailingHeading) {
        warnings.push(warn('heading-in-list', `${lang} line ${trailingHeading.no}: "${trailingHeading.text}" is written as a list item but read as a section heading`));
        open(trailingHeading.text, trailingHeading.no);
      }
    });
  });

  for (const sec of sections) {
    if (sec.blocks.length === 0) {
      warnings.push(warn('empty-section', `${lang} line ${sec.line}: section "${clip(sec.title)}" has no text under it`));
    }
    const texts = [sec.title, ...sec.blocks.flatMap(blockTexts)];
    texts.forEach((t) => {
      const b = bracketBalance(t);
      if (b !== 0) warnings.push(warn('unbalanced-brackets', `${lang} section "${clip(sec.title)}": ${b > 0 ? 'an unclosed' : 'an unopened'} bracket in "${clip(t, 60)}", text may be missing`));
    });
    if (texts.some((t) => /[[\]［］]/.test(t))) {
      const last = sec.blockLines[sec.blockLines.length - 1] ?? sec.line;
      warnings.push(warn('placeholder', `${lang} section "${sec.title}" (${lineRange(sec.line, last)}) keeps text in square brackets the importer cannot resolve (alternatives to choose from, or a bracket without its pair): choose, then remove the brackets`));
    }
  }

  return {
    lang,
    ...(overLines.length ? { overline: overLines.map((l) => l.text).join(' ') } : {}),
    title: titleLine.text,
    lastUpdatedLabel,
    updated: parseUpdatedMonth(lastUpdatedLabel),
    sections,
    warnings,
  };
}

/** Every text of a block, in reading order. */
export function blockTexts(block: PolicyBlock): string[] {
  switch (block.type) {
    case 'heading':
    case 'paragraph':
      return [block.text];
    case 'list':
      return block.items;
    case 'lines':
      return block.lines;
  }
}

const EXHIBIT_RE: Record<Lang, RegExp> = {
  zh: /附件\s*([0-9一二三四五六七八九十]+)/g,
  en: /\b(?:Exhibit|Appendix|Annex|Schedule)\s+([0-9]+|[A-Z])\b/g,
};

/** Warns about exhibits the text refers to but does not contain. */
function missingExhibits(half: ParsedHalf, lines: readonly SourceLine[]): string[] {
  const refs = new Map<string, number[]>();
  for (const l of lines) {
    for (const m of l.text.matchAll(EXHIBIT_RE[half.lang])) {
      const at = refs.get(m[0].replace(/\s+/g, ' ')) ?? [];
      if (!at.includes(l.no)) at.push(l.no);
      refs.set(m[0].replace(/\s+/g, ' '), at);
    }
  }
  const headings = half.sections.flatMap((s) => [s.title, ...s.blocks.filter((b) => b.type === 'heading').map((b) => (b as { text: string }).text)]);
  const out: string[] = [];
  refs.forEach((at, name) => {
    const compact = name.replace(/\s+/g, '');
    if (headings.some((h) => h.replace(/\s+/g, '').startsWith(compact))) return;
    out.push(warn('missing-exhibit', `${half.lang} refers to "${name}" (${at.map((n) => `line ${n}`).join(', ')}) but the text contains no such exhibit; the collection and sharing lists stand in for it until the shop publishes one`));
  });
  return out;
}

function shape(sec: ParsedSection): string {
  return sec.blocks.map((b) => (b.type === 'list' ? `list(${b.items.length})` : b.type === 'lines' ? `lines(${b.lines.length})` : b.type)).join(',');
}

/** Assigns ids from the English titles; pairs sections by order when both halves have as many. */
function assignIds(zh: ParsedHalf, en: ParsedHalf, warnings: string[]): { zh: string[]; en: string[] } {
  const seen = new Map<string, number>();
  const enIds = en.sections.map((s, i) => {
    const base = slugify(s.title) || `section-${i + 1}`;
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    return n === 1 ? base : `${base}-${n}`;
  });
  if (zh.sections.length === en.sections.length) {
    zh.sections.forEach((z, i) => {
      const e = en.sections[i];
      if (shape(z) !== shape(e)) {
        warnings.push(warn('structure-differs', `section "${enIds[i]}" (zh line ${z.line}, en line ${e.line}): zh [${shape(z)}], en [${shape(e)}]`));
      }
    });
    return { zh: enIds, en: enIds };
  }
  warnings.push(warn('section-mismatch', `zh has ${zh.sections.length} sections, en has ${en.sections.length}; ids cannot be shared until a human aligns the headings. zh: ${zh.sections.map((s) => `"${clip(s.title, 20)}"@${s.line}`).join(' ')} | en: ${en.sections.map((s) => `"${clip(s.title, 30)}"@${s.line}`).join(' ')}`));
  return { zh: zh.sections.map((_, i) => `zh-section-${i + 1}`), en: enIds };
}

function toText(half: ParsedHalf, ids: string[]): PolicyText {
  const sections: PolicySection[] = half.sections.map((s, i) => ({ id: ids[i], title: s.title, blocks: s.blocks }));
  return {
    ...(half.overline !== undefined ? { overline: half.overline } : {}),
    title: half.title,
    lastUpdatedLabel: half.lastUpdatedLabel,
    sections,
  };
}

/** Parses the bilingual policy text (zh then en) into a document plus warnings for a human. */
export function importPolicyText(text: string): ImportResult {
  if (typeof text !== 'string' || text.trim() === '') throw new PolicyImportError('empty policy text');
  if (text.length > MAX_POLICY_TEXT_LENGTH) throw new PolicyImportError(`policy text longer than ${MAX_POLICY_TEXT_LENGTH} characters`);
  const lines = splitLines(text);
  const enStart = findEnglishStart(lines);
  if (enStart <= 0) throw new PolicyImportError('no English half found after the Chinese text');
  // Drafting brackets go before anything is read, so headings and sections are judged by their words.
  const zhDraft = removeDraftingBrackets(lines.slice(0, enStart));
  const enDraft = removeDraftingBrackets(lines.slice(enStart));
  const zhLines = zhDraft.lines;
  const enLines = enDraft.lines;
  const draftWarnings = ([['zh', zhDraft], ['en', enDraft]] as const)
    .filter(([, d]) => d.removed.length > 0)
    .map(([lang, d]) => warn('drafting-brackets', `${lang} ${lineList(d.removed)}: the square brackets of the draft were removed and their words kept (an optional clause the shop published); confirm the shop does this, or delete the clause from the text`));
  // A full stop after a short phrase usually ends a sentence; read such phrases as headings only
  // when the strict reading leaves the halves with different numbers of sections and this brings
  // them closer (the strict reading wins ties).
  let zh = parseHalf(zhLines, 'zh');
  let en = parseHalf(enLines, 'en');
  if (zh.sections.length !== en.sections.length) {
    const zhLenient = parseHalf(zhLines, 'zh', true);
    const enLenient = parseHalf(enLines, 'en', true);
    const gap = ([z, e]: readonly [ParsedHalf, ParsedHalf]): number => Math.abs(z.sections.length - e.sections.length);
    const readings = [[zh, en], [zhLenient, en], [zh, enLenient], [zhLenient, enLenient]] as const;
    [zh, en] = readings.reduce((best, r) => (gap(r) < gap(best) ? r : best));
  }
  const warnings = [...draftWarnings, ...zh.warnings, ...en.warnings, ...missingExhibits(zh, zhLines), ...missingExhibits(en, enLines)];
  const updated = zh.updated ?? en.updated;
  if (updated === null) throw new PolicyImportError(`no month in the last-updated lines ("${zh.lastUpdatedLabel}", "${en.lastUpdatedLabel}")`);
  if (zh.updated !== en.updated) {
    warnings.push(warn('date-mismatch', `zh says ${zh.updated ?? 'nothing readable'} ("${zh.lastUpdatedLabel}"), en says ${en.updated ?? 'nothing readable'} ("${en.lastUpdatedLabel}"); using ${updated}`));
  }
  const ids = assignIds(zh, en, warnings);
  const document: PolicyDocument = {
    schemaVersion: 1,
    updated,
    texts: { zh: toText(zh, ids.zh), en: toText(en, ids.en) },
  };
  return { document, warnings };
}

/** How the bundled policy JSON is written: two-space indent, trailing newline (readable diffs). */
export function formatPolicyJson(doc: PolicyDocument): string {
  return `${JSON.stringify(doc, null, 2)}\n`;
}

/** The version a new one follows, for what only a comparison can tell. */
export interface PreviousVersion {
  version: number;
  document: PolicyDocument;
}

/**
 * What a new version needs beyond its text's shape: the sensitive wordings its new text uses that
 * the app's glossary lacks are marked in the document (`markSensitiveTerms`), each with a warning;
 * and a "last updated" month not later than the previous version's, while the text changed, is
 * warned about.
 */
export function reviewNewVersion(
  doc: PolicyDocument,
  glossary: Readonly<Record<Lang, readonly string[]>>,
  previous: PreviousVersion | null = null,
): ImportResult {
  const { document, marked } = markSensitiveTerms(doc, glossary, previous?.document ?? null);
  const titleOf = (m: SensitiveMark) => document.texts[m.lang].sections.find((s) => s.id === m.sectionId)?.title ?? m.sectionId;
  const warnings = marked.map((m) =>
    warn('sensitive-term', `${m.lang} section "${titleOf(m)}": "${m.term}" names sensitive personal information (PIPL art. 28, GB/T 35273-2020 Annex B) that the app's glossary lacks; this version marks it, add it to the glossary so the lists and later versions mark it too`),
  );
  if (previous && document.updated <= previous.document.updated && policyContentHash(doc) !== policyContentHash(previous.document)) {
    warnings.push(warn('last-updated-stale', `the text says it was last updated ${document.updated} ("${document.texts.zh.lastUpdatedLabel}", "${document.texts.en.lastUpdatedLabel}"), not later than version ${previous.version} (${previous.document.updated}) although the text changed: update the last-updated line`));
  }
  return { document, warnings };
}
