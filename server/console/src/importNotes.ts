/**
 * The policy importer's notes in the console's language. Each note the server returns starts with
 * its kind and a colon (scripts/policy-import/importPolicy.ts); the kind is explained in the
 * reader's language, and the facts of the importer's English wording (which half, section and
 * lines, the quoted policy text) are read out of it and said in that language too.
 */
import type { ImportWarningCode } from '../../../scripts/policy-import/importPolicy';
import { TEXTS, translate, type ConsoleLang, type TextKey } from './texts';

const NOTES: Readonly<Record<ImportWarningCode, Record<ConsoleLang, string>>> = Object.freeze({
  placeholder: { zh: '章节中保留了导入无法处理的方括号（需要从中选择的备选内容，或不成对的方括号）：请选定内容后删除方括号。', en: 'A section keeps square brackets the importer cannot resolve (alternatives to choose from, or an unpaired bracket): choose, then remove the brackets.' },
  'drafting-brackets': { zh: '已删除草稿中的方括号并保留其中的文字（商家已发布的可选条款）：请确认商家确有此做法，否则从文本中删除该条款。', en: 'The square brackets of the draft were removed and their words kept (an optional clause the shop published): confirm the shop does this, or delete the clause from the text.' },
  'missing-exhibit': { zh: '正文提到的附件在文本中不存在；在商家发布附件之前，以收集清单和共享清单代替。', en: 'The text refers to an exhibit it does not contain; the collection and sharing lists stand in for it until the shop publishes one.' },
  'flattened-block': { zh: '连续多行没有项目符号，已逐行保留；它们看起来像表格或丢失了排版的段落。', en: 'Consecutive lines without bullets were kept line by line; they look like a table or paragraphs whose layout was lost.' },
  'split-item': { zh: '某个列表项接续上一项，像是被拆开的一项。', en: 'A list item continues the item before it.' },
  'unbalanced-brackets': { zh: '括号不成对，可能缺少文字。', en: 'A bracket is not closed or not opened: text may be missing.' },
  'heading-in-list': { zh: '一行写成列表项，但被识别为章节标题。', en: 'A line written as a list item was read as a section heading.' },
  'heading-with-full-stop': { zh: '一行以句号结尾，但被识别为标题。', en: 'A line ending with a full stop was read as a heading.' },
  'section-mismatch': { zh: '中文和英文的章节数量不同，需要人工对齐标题后才能共享章节编号。', en: 'Chinese and English have a different number of sections: a person must align the headings before ids can be shared.' },
  'structure-differs': { zh: '同一章节在中文和英文中的结构不同（段落、列表的数量或顺序）。', en: 'A section is structured differently in Chinese and English (number or order of paragraphs and lists).' },
  'empty-section': { zh: '某个章节标题下没有正文。', en: 'A section has no text under its heading.' },
  'text-before-first-section': { zh: '第一个标题之前有文字，已放入一个无标题的章节。', en: 'Text before the first heading was kept in an untitled section.' },
  overline: { zh: '标题上方有多行文字，已合并为一行。', en: 'Several lines above the title were joined into one.' },
  'date-mismatch': { zh: '中文和英文的“最近更新”日期不一致。', en: 'The Chinese and English "last updated" dates differ.' },
  'sensitive-term': {
    zh: '新文字提到了敏感个人信息（《个人信息保护法》第二十八条、GB/T 35273-2020 附录B），应用的敏感词表中没有：本版本已将其加粗并加下划线；请把它加入应用的敏感词表，使清单和以后的版本同样标出。',
    en: "The new text names sensitive personal information (PIPL art. 28, GB/T 35273-2020 Annex B) that the app's glossary lacks: this version shows it bold and underlined; add it to the app's glossary so the lists and later versions mark it too.",
  },
  'last-updated-stale': {
    zh: '文本已修改，但“最近更新”的日期不晚于上一个已发布版本：请更新“最近更新”一行。',
    en: 'The text changed, but its "last updated" date is not later than the previous published version\'s: update the "last updated" line.',
  },
});

/** A quotation of the policy text inside a note, with what it is (in the console's language) and the language it is written in. */
export interface NoteQuote {
  label: string;
  text: string;
  lang: 'zh' | 'en';
}

/** A note: its explanation, and where it is and what it quotes, all in `lang` but the quotations. */
export interface ImportNote {
  code: string;
  text: string;
  /** Where in the pasted text, and facts the importer gives, in the console's language. */
  where: string;
  /** What the importer found there beyond the kind's explanation (which bracket), in the console's language. */
  fact: string;
  /** The policy's own words the note points at. */
  quotes: NoteQuote[];
  /** The note as the importer wrote it (English), for scripts and tests: never shown. */
  raw: string;
}

type Say = (key: TextKey, ...args: (string | number)[]) => string;

const halfName = (half: string, say: Say): string => say(half === 'zh' ? 'note.zh' : 'note.en');
const lineText = (a: string, b: string | undefined, say: Say): string => (b === undefined || a === b ? say('note.line', a) : say('note.lines', a, b));
const quoteLang = (text: string): 'zh' | 'en' => (/[\u3400-\u9fff]/.test(text) ? 'zh' : 'en');
const listSep = (lang: ConsoleLang) => (lang === 'zh' ? '，' : ', ');

/** `paragraph,heading,list(9)` in words. */
function shapeText(shape: string, say: Say, lang: ConsoleLang): string {
  return shape
    .split(',')
    .map((part) => {
      const list = /^list\((\d+)\)$/.exec(part);
      if (list) return say('note.shape.list', list[1]!);
      const key = `note.shape.${part}`;
      return Object.prototype.hasOwnProperty.call(TEXTS[lang], key) ? say(key as TextKey) : part;
    })
    .join(lang === 'zh' ? '、' : ', ');
}

/**
 * Reads the importer's wording (scripts/policy-import/importPolicy.ts: `zh line 67: "…" is
 * written…`, `section "…" (zh line 22, en line 225): zh [paragraph,…]`) for the facts it carries,
 * and says them in `lang`. What it cannot read is left out of `where`, never shown in English.
 */
function readDetail(code: string, detail: string, lang: ConsoleLang): { where: string; fact: string; quotes: NoteQuote[] } {
  const say: Say = (key, ...args) => translate(lang, key, ...args);
  const parts: string[] = [];
  const quotes: NoteQuote[] = [];
  const quote = (text: string, label: TextKey = 'note.text') => quotes.push({ label: say(label), text, lang: quoteLang(text) });
  let m: RegExpExecArray | null;
  if (code === 'structure-differs' && (m = /^section "[^"]*" \(zh line (\d+), en line (\d+)\): zh \[([^\]]*)\], en \[([^\]]*)\]/.exec(detail))) {
    // The section's id is a slug of its English title: its lines in each half name it in any language.
    const sep = lang === 'zh' ? '' : ', ';
    parts.push(`${say('note.zh')}${sep}${say('note.line', m[1]!)}`, `${say('note.en')}${sep}${say('note.line', m[2]!)}`);
    parts.push(`${say('note.shapeZh')}${lang === 'zh' ? '：' : ': '}${shapeText(m[3]!, say, lang)}`, `${say('note.shapeEn')}${lang === 'zh' ? '：' : ': '}${shapeText(m[4]!, say, lang)}`);
    return { where: parts.join(lang === 'zh' ? '；' : '; '), fact: '', quotes };
  }
  if (code === 'section-mismatch' && (m = /^zh has (\d+) sections, en has (\d+)/.exec(detail))) {
    parts.push(say('note.sections', m[1]!, m[2]!));
    for (const q of detail.matchAll(/"([^"]*)"@\d+/g)) quote(q[1]!, 'note.sectionTitle');
    return { where: parts.join(listSep(lang)), fact: '', quotes };
  }
  if (code === 'date-mismatch' && (m = /^zh says (\S+(?: readable)?) \("([^"]*)"\), en says (\S+(?: readable)?) \("([^"]*)"\); using (\S+)/.exec(detail))) {
    const date = (d: string) => (d === 'nothing readable' ? say('note.noDate') : d);
    parts.push(say('note.dates', date(m[1]!), date(m[3]!), m[5]!));
    quote(m[2]!, 'note.dateLabel');
    quote(m[4]!, 'note.dateLabel');
    return { where: parts.join(listSep(lang)), fact: '', quotes };
  }
  // The general shape: which half, which section, which lines, the quoted text.
  const half = /^(zh|en) /.exec(detail)?.[1];
  if (half) parts.push(halfName(half, say));
  const section = /section "([^"]*)"/.exec(detail);
  if (section) quote(section[1]!, 'note.sectionTitle');
  const lines = [...detail.matchAll(/\blines? (\d+)(?:–(\d+))?/g)].map((l) => lineText(l[1]!, l[2], say));
  if (lines.length) parts.push(lines.join(listSep(lang)));
  const fact = code === 'unbalanced-brackets' ? say(/an unclosed/.test(detail) ? 'note.bracket.unclosed' : 'note.bracket.unopened') : '';
  const quoted = [...detail.matchAll(/"([^"]*)"/g)].map((q) => q[1]!).filter((q) => q !== section?.[1]);
  for (const q of quoted) quote(q, code === 'missing-exhibit' ? 'note.exhibit' : 'note.text');
  return { where: parts.join(listSep(lang)), fact, quotes };
}

/** Localises one note; a kind the console does not know is shown as the importer wrote it. */
export function importNote(raw: string, lang: ConsoleLang): ImportNote {
  const colon = raw.indexOf(': ');
  const code = colon > 0 ? raw.slice(0, colon) : '';
  const detail = colon > 0 ? raw.slice(colon + 2) : raw;
  const known = Object.prototype.hasOwnProperty.call(NOTES, code) ? NOTES[code as ImportWarningCode] : null;
  if (!known) return { code: '', text: raw, where: '', fact: '', quotes: [], raw };
  return { code, text: known[lang], ...readDetail(code, detail, lang), raw };
}
