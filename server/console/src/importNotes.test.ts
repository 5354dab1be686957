import { IMPORT_WARNING_CODES } from '../../../scripts/policy-import/importPolicy';
import { readSeed } from '../../../scripts/policy-import/seedText';
import { importPolicy } from '../../src/domain/policyTools';
import { importNote } from './importNotes';

const CJK = /[\u3400-\u9fff]/;
/** A Latin word of two letters or more: English in a Chinese note. */
const LATIN_WORD = /[A-Za-z]{2,}/;

describe('importNote', () => {
  it('says every note the importer gives for the seed text in one language, the quotations of the policy aside', () => {
    const { warnings } = importPolicy(readSeed());
    expect(warnings.length).toBeGreaterThan(0);
    for (const raw of warnings) {
      const zh = importNote(raw, 'zh');
      const en = importNote(raw, 'en');
      expect(IMPORT_WARNING_CODES).toContain(zh.code);
      expect(zh.raw).toBe(raw);
      expect({ raw, text: zh.text, where: zh.where, fact: zh.fact }).toEqual({ raw, text: expect.stringMatching(CJK), where: expect.not.stringMatching(LATIN_WORD), fact: expect.not.stringMatching(LATIN_WORD) });
      expect({ raw, text: en.text, where: en.where, fact: en.fact }).toEqual({ raw, text: expect.not.stringMatching(CJK), where: expect.not.stringMatching(CJK), fact: expect.not.stringMatching(CJK) });
      // Every fact it read is somewhere: a place, or a quotation of the policy's own words.
      expect({ raw, said: zh.where !== '' || zh.quotes.length > 0 }).toEqual({ raw, said: true });
      for (const q of [...zh.quotes, ...en.quotes]) {
        expect(raw).toContain(q.text);
        expect(q.lang).toBe(CJK.test(q.text) ? 'zh' : 'en');
      }
      expect(zh.quotes.map((q) => q.text)).toEqual(en.quotes.map((q) => q.text));
    }
  });

  it('reads the half, the lines and the quoted text', () => {
    const raw = 'heading-in-list: zh line 67: "Cookies及我们自动收集的其它信息" is written as a list item but read as a section heading';
    expect(importNote(raw, 'zh')).toMatchObject({ where: '中文文本，第 67 行', quotes: [{ label: '原文', text: 'Cookies及我们自动收集的其它信息', lang: 'zh' }] });
    expect(importNote(raw, 'en')).toMatchObject({ where: 'Chinese text, line 67', quotes: [{ label: 'Text', text: 'Cookies及我们自动收集的其它信息' }] });
    const range = importNote('flattened-block: en lines 295–304: consecutive lines without bullets, kept line by line', 'zh');
    expect(range).toMatchObject({ where: '英文文本，第 295–304 行', quotes: [] });
    const bracket = importNote('unbalanced-brackets: en section "About CARTIER SA": an unclosed bracket in "Entrustment: we will…", text may be missing', 'zh');
    expect(bracket.where).toBe('英文文本');
    expect(bracket.fact).toBe('有括号未闭合。');
    expect(bracket.quotes).toEqual([
      { label: '章节', text: 'About CARTIER SA', lang: 'en' },
      { label: '原文', text: 'Entrustment: we will…', lang: 'en' },
    ]);
  });

  it('reads the notes that compare the two halves', () => {
    const shape = importNote('structure-differs: section "entrustment" (zh line 134, en line 338): zh [paragraph,list(10),list(8)], en [list(10),list(8)]', 'zh');
    expect(shape.where).toBe('中文文本第 134 行；英文文本第 338 行；中文结构：段落、10 项列表、8 项列表；英文结构：10 项列表、8 项列表');
    expect(importNote('structure-differs: section "entrustment" (zh line 134, en line 338): zh [heading], en [lines]', 'en').where).toBe(
      'Chinese text, line 134; English text, line 338; Chinese structure: heading; English structure: lines',
    );
    const count = importNote('section-mismatch: zh has 12 sections, en has 13; ids cannot be shared until a human aligns the headings. zh: "引言"@3 | en: "Introduction"@200 "Extra"@210', 'en');
    expect(count.where).toBe('Chinese: 12 sections; English: 13 sections');
    expect(count.quotes.map((q) => `${q.lang}:${q.text}`)).toEqual(['zh:引言', 'en:Introduction', 'en:Extra']);
    const dates = importNote('date-mismatch: zh says 2023-12 ("最近更新：2023年12月"), en says nothing readable ("Last updated: soon"); using 2023-12', 'zh');
    expect(dates.where).toBe('中文为 2023-12，英文为 无法识别的日期；采用 2023-12');
  });

  it("reads the review of a new version: a sensitive wording it marked, a last-updated line left behind", () => {
    const term = importNote('sensitive-term: zh section "引言": "人脸图像" names sensitive personal information (PIPL art. 28, GB/T 35273-2020 Annex B) that the app\'s glossary lacks; this version marks it, add it to the glossary so the lists and later versions mark it too', 'zh');
    expect(term).toMatchObject({ code: 'sensitive-term', where: '中文文本', quotes: [{ label: '章节', text: '引言', lang: 'zh' }, { label: '原文', text: '人脸图像', lang: 'zh' }] });
    expect(term.text).toMatch(/^新文字提到了敏感个人信息/);
    const stale = importNote('last-updated-stale: the text says it was last updated 2023-12 ("最近更新：2023 年 12 月", "Last updated: December 2023"), not later than version 1 (2023-12) although the text changed: update the last-updated line', 'en');
    expect(stale).toMatchObject({ code: 'last-updated-stale', where: '', quotes: [{ label: 'Text', text: '最近更新：2023 年 12 月', lang: 'zh' }, { label: 'Text', text: 'Last updated: December 2023', lang: 'en' }] });
    expect(stale.text).toMatch(/^The text changed, but its "last updated" date/);
  });

  it('shows a note of an unknown kind as written', () => {
    expect(importNote('something new happened', 'zh')).toEqual({ code: '', text: 'something new happened', where: '', fact: '', quotes: [], raw: 'something new happened' });
  });
});
