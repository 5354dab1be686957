/**
 * The policy importer's notes in the console's language. Each note the server returns starts with
 * its kind and a colon (scripts/policy-import/importPolicy.ts); the kind is explained in the
 * reader's language and the importer's own wording (line numbers, quoted text) is kept as detail.
 */
import type { ImportWarningCode } from '../../../scripts/policy-import/importPolicy';
import type { ConsoleLang } from './texts';

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
});

/** A note: its explanation in `lang` and the importer's original wording. */
export interface ImportNote {
  code: string;
  text: string;
  detail: string;
}

/** Localises one note; a kind the console does not know is shown as the importer wrote it. */
export function importNote(raw: string, lang: ConsoleLang): ImportNote {
  const colon = raw.indexOf(': ');
  const code = colon > 0 ? raw.slice(0, colon) : '';
  const detail = colon > 0 ? raw.slice(colon + 2) : raw;
  const known = Object.prototype.hasOwnProperty.call(NOTES, code) ? NOTES[code as ImportWarningCode] : null;
  return { code, text: known ? known[lang] : raw, detail: known ? detail : '' };
}
