/**
 * Structural check of a `PolicyDocument` arriving from anywhere (server payload, storage, import).
 * Hand-written so it runs in the mini-program without a schema library; sizes are capped so a
 * hostile payload is refused before anything renders it.
 */
import { LANGS } from './contract';
import { POLICY_BLOCK_TYPES, type PolicyDocument } from './policy';

/** Caps on a policy document; the 2023-12 seed uses about a tenth of each. */
export const POLICY_LIMITS = Object.freeze({
  sections: 100,
  blocksPerSection: 200,
  itemsPerList: 200,
  linesPerBlock: 60,
  titleLength: 300,
  labelLength: 200,
  textLength: 10_000,
  /** Sum of all text lengths in one language (UTF-16 code units); the seed has ~20 000 (zh) and ~45 000 (en). */
  totalTextLength: 400_000,
  /** Extra sensitive wordings one language of a version may name, and the length of each. */
  sensitiveTerms: 100,
  termLength: 60,
  /** Problems reported before the check stops looking. */
  problems: 20,
});

/** Section ids: slugs that also work as element ids and `scroll-into-view` targets. */
export const SECTION_ID_PATTERN = '^[a-z][a-z0-9-]{0,63}$';
const SECTION_ID_RE = new RegExp(SECTION_ID_PATTERN);
const MONTH_RE = /^\d{4}-(0[1-9]|1[0-2])$/;

/**
 * True when a text holds control characters (line breaks included: every text is one line) or
 * unpaired surrogates, which would make the content hash depend on the engine's UTF-8 encoder.
 * A loop rather than a lookbehind regex: older iOS JavaScriptCore cannot parse lookbehind.
 */
export function hasForbiddenChars(s: string): boolean {
  for (let i = 0; i < s.length; i += 1) {
    const c = s.charCodeAt(i);
    if (c < 0x20 || (c >= 0x7f && c <= 0x9f) || c === 0x2028 || c === 0x2029) return true;
    if (c >= 0xd800 && c <= 0xdbff) {
      const next = s.charCodeAt(i + 1);
      if (!(next >= 0xdc00 && next <= 0xdfff)) return true;
      i += 1;
    } else if (c >= 0xdc00 && c <= 0xdfff) return true;
  }
  return false;
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

class Checker {
  readonly problems: string[] = [];
  total = 0;

  full(): boolean {
    return this.problems.length >= POLICY_LIMITS.problems;
  }

  add(path: string, message: string): void {
    if (!this.full()) this.problems.push(`${path}: ${message}`);
  }

  keys(path: string, o: Obj, required: readonly string[], optional: readonly string[] = []): boolean {
    const extra = Object.keys(o).find((k) => !required.includes(k) && !optional.includes(k));
    if (extra !== undefined) this.add(path, `unknown field "${extra.slice(0, 40)}"`);
    const missing = required.find((k) => !(k in o) || o[k] === undefined);
    if (missing !== undefined) this.add(path, `missing field "${missing}"`);
    return extra === undefined && missing === undefined;
  }

  text(path: string, v: unknown, max: number, allowEmpty = false): void {
    if (typeof v !== 'string') return this.add(path, 'not a string');
    if (v.length > max) return this.add(path, `longer than ${max} characters`);
    if (!allowEmpty && v.trim() === '') return this.add(path, 'empty');
    if (hasForbiddenChars(v)) return this.add(path, 'contains control characters or unpaired surrogates');
    this.total += v.length;
  }

  array(path: string, v: unknown, max: number): v is unknown[] {
    if (!Array.isArray(v)) {
      this.add(path, 'not an array');
      return false;
    }
    if (v.length === 0) {
      this.add(path, 'empty');
      return false;
    }
    if (v.length > max) {
      this.add(path, `more than ${max} entries`);
      return false;
    }
    return true;
  }
}

function checkBlock(c: Checker, path: string, b: unknown): void {
  if (!isObj(b)) return c.add(path, 'not an object');
  if (!(POLICY_BLOCK_TYPES as readonly unknown[]).includes(b.type)) return c.add(`${path}.type`, 'unknown block type');
  switch (b.type) {
    case 'heading':
      if (c.keys(path, b, ['type', 'text'])) c.text(`${path}.text`, b.text, POLICY_LIMITS.titleLength);
      return;
    case 'paragraph':
      if (c.keys(path, b, ['type', 'text'])) c.text(`${path}.text`, b.text, POLICY_LIMITS.textLength);
      return;
    case 'list':
      if (c.keys(path, b, ['type', 'items']) && c.array(`${path}.items`, b.items, POLICY_LIMITS.itemsPerList)) {
        b.items.forEach((item, i) => c.text(`${path}.items[${i}]`, item, POLICY_LIMITS.textLength));
      }
      return;
    case 'lines':
      if (c.keys(path, b, ['type', 'lines']) && c.array(`${path}.lines`, b.lines, POLICY_LIMITS.linesPerBlock)) {
        b.lines.forEach((line, i) => c.text(`${path}.lines[${i}]`, line, POLICY_LIMITS.textLength));
      }
      return;
  }
}

/** Section ids of one language, or null when its shape is too broken to read them. */
function checkText(c: Checker, path: string, t: unknown): string[] | null {
  if (!isObj(t)) {
    c.add(path, 'not an object');
    return null;
  }
  if (!c.keys(path, t, ['title', 'lastUpdatedLabel', 'sections'], ['overline', 'sensitiveTerms'])) return null;
  if (t.overline !== undefined) c.text(`${path}.overline`, t.overline, POLICY_LIMITS.titleLength);
  if (t.sensitiveTerms !== undefined && c.array(`${path}.sensitiveTerms`, t.sensitiveTerms, POLICY_LIMITS.sensitiveTerms)) {
    t.sensitiveTerms.forEach((term, i) => c.text(`${path}.sensitiveTerms[${i}]`, term, POLICY_LIMITS.termLength));
  }
  c.text(`${path}.title`, t.title, POLICY_LIMITS.titleLength);
  c.text(`${path}.lastUpdatedLabel`, t.lastUpdatedLabel, POLICY_LIMITS.labelLength);
  if (!c.array(`${path}.sections`, t.sections, POLICY_LIMITS.sections)) return null;
  const ids: string[] = [];
  c.total = 0;
  for (let i = 0; i < t.sections.length && !c.full(); i += 1) {
    const s: unknown = t.sections[i];
    const sp = `${path}.sections[${i}]`;
    if (!isObj(s)) {
      c.add(sp, 'not an object');
      continue;
    }
    if (!c.keys(sp, s, ['id', 'title', 'blocks'])) continue;
    if (typeof s.id !== 'string' || !SECTION_ID_RE.test(s.id)) c.add(`${sp}.id`, `not matching ${SECTION_ID_PATTERN}`);
    else if (ids.includes(s.id)) c.add(`${sp}.id`, `duplicate id "${s.id}"`);
    ids.push(String(s.id));
    // An untitled section holds text found before the first heading.
    c.text(`${sp}.title`, s.title, POLICY_LIMITS.titleLength, true);
    if (c.array(`${sp}.blocks`, s.blocks, POLICY_LIMITS.blocksPerSection)) {
      s.blocks.forEach((b, j) => {
        if (!c.full()) checkBlock(c, `${sp}.blocks[${j}]`, b);
      });
    }
    if (c.total > POLICY_LIMITS.totalTextLength) {
      c.add(path, `more than ${POLICY_LIMITS.totalTextLength} characters of text`);
      break;
    }
  }
  return ids;
}

/** Everything wrong with a would-be `PolicyDocument`; an empty array means it is valid. */
export function policyDocumentProblems(doc: unknown): string[] {
  const c = new Checker();
  if (!isObj(doc)) return ['document: not an object'];
  if (!c.keys('document', doc, ['schemaVersion', 'updated', 'texts'])) return c.problems;
  if (doc.schemaVersion !== 1) c.add('schemaVersion', 'must be 1');
  if (typeof doc.updated !== 'string' || !MONTH_RE.test(doc.updated)) c.add('updated', 'not a YYYY-MM month');
  const texts = doc.texts;
  if (!isObj(texts)) {
    c.add('texts', 'not an object');
    return c.problems;
  }
  if (!c.keys('texts', texts, LANGS)) return c.problems;
  const ids = LANGS.map((lang) => checkText(c, `texts.${lang}`, texts[lang]));
  const [first, ...rest] = ids;
  if (first && rest.some((other) => other && other.join(' ') !== first.join(' '))) {
    c.add('texts', 'section ids differ between languages (same ids, same order expected)');
  }
  return c.problems;
}

/** Type guard over `policyDocumentProblems`. */
export function isPolicyDocument(doc: unknown): doc is PolicyDocument {
  return policyDocumentProblems(doc).length === 0;
}
