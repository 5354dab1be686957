import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LANGS, type Lang, policyDocumentProblems } from '@maison/privacy/contract';
import type { PolicyText } from '@maison/privacy/contract';
import {
  formatPolicyJson,
  IMPORT_WARNING_CODES,
  importPolicyText,
  looksLikeHeading,
  looksLikeHeadingWithFullStop,
  parseUpdatedMonth,
  PolicyImportError,
  removeDraftingBrackets,
  slugify,
} from './importPolicy';
import { readSeed, seedHalves } from './seedText';

const seed = readSeed();
const { document: doc, warnings } = importPolicyText(seed);

/** Every text of one language in reading order: the header, then each section's title and blocks. */
function allTexts(t: PolicyText): string[] {
  const out = [...(t.overline ? [t.overline] : []), t.title, t.lastUpdatedLabel];
  for (const s of t.sections) {
    out.push(s.title);
    for (const b of s.blocks) {
      if (b.type === 'list') out.push(...b.items);
      else if (b.type === 'lines') out.push(...b.lines);
      else out.push(b.text);
    }
  }
  return out;
}

const withoutWhitespace = (s: string): string => s.replace(/\s+/g, '');
const withoutBullets = (half: string): string => half.split('\n').map((l) => l.replace(/^\s*•/, '')).join('\n');
/** The seed's only square brackets are the draft's, around the Wi-Fi clause. */
const withoutSquareBrackets = (half: string): string => half.replace(/[[\]]/g, '');

const EXPECTED_IDS = [
  'about-cartier-sa-and-this-privacy-policy',
  'updates-to-this-privacy-policy',
  'information-you-provide-to-us-and-how-we-use-it',
  'cookies-and-other-information-that-we-automatically-collect',
  'what-are-cookies',
  'what-cookies-do-we-use',
  'how-to-control-or-delete-cookies',
  'ip-addresses',
  'wi-fi-usage',
  'location-information',
  'information-collection-by-third-parties',
  'entrustment-sharing-transferring-and-disclose-your-information',
  'cross-border-transfers',
  'protecting-your-information',
  'your-choices',
  'minor',
  'contact-us',
];

describe('importing the 2023-12 seed', () => {
  it.each(LANGS)('loses nothing: the %s texts, concatenated, equal that half of the seed modulo whitespace, bullets and drafting brackets', (lang: Lang) => {
    const source = withoutWhitespace(withoutSquareBrackets(withoutBullets(seedHalves(seed)[lang])));
    const imported = withoutWhitespace(allTexts(doc.texts[lang]).join(''));
    expect(source.length).toBeGreaterThan(10_000);
    expect(imported).toBe(source);
  });

  it('keeps no bullet marks and no surrounding whitespace in any text', () => {
    for (const lang of LANGS) {
      for (const text of allTexts(doc.texts[lang])) {
        expect(text).not.toMatch(/^•/);
        expect(text).toBe(text.trim());
      }
    }
  });

  it('gives both languages the same unique section ids, in the same order', () => {
    const zh = doc.texts.zh.sections.map((s) => s.id);
    const en = doc.texts.en.sections.map((s) => s.id);
    expect(zh).toEqual(EXPECTED_IDS);
    expect(en).toEqual(EXPECTED_IDS);
    expect(new Set(zh).size).toBe(zh.length);
  });

  it('reads the header: date, labels, titles and the zh line above the title', () => {
    expect(doc.updated).toBe('2023-12');
    expect(doc.texts.zh).toMatchObject({ overline: '法律声明和隐私条款', title: '隐私政策', lastUpdatedLabel: '最近更新:2023 年 12月' });
    expect(doc.texts.en).toMatchObject({ title: 'Privacy Policy', lastUpdatedLabel: 'Last updated: December 2023' });
    expect(doc.texts.en.overline).toBeUndefined();
  });

  it('pairs corresponding titles and keeps lettered sub-headings as heading blocks', () => {
    const zh = doc.texts.zh.sections;
    const en = doc.texts.en.sections;
    expect([zh[2].title, en[2].title]).toEqual(['您提供给我们的信息以及我们如何使用', 'Information you provide to us and how we use it']);
    expect([zh[15].title, en[15].title]).toEqual(['未成年人', 'Minor']);
    const headings = (i: number, lang: Lang): string[] =>
      doc.texts[lang].sections[i].blocks.flatMap((b) => (b.type === 'heading' ? [b.text] : []));
    expect(headings(2, 'zh')).toEqual(['a.我们收集何种信息', 'b.我们将如何使用您的个人信息']);
    expect(headings(2, 'en')).toEqual(['a. What personal information we collect', 'b. How we will use your personal information']);
  });

  it('reads list items, the bullet typed heading, and address blocks', () => {
    const info = doc.texts.zh.sections[2].blocks;
    const firstList = info.find((b) => b.type === 'list');
    expect(firstList).toMatchObject({ type: 'list' });
    if (firstList?.type !== 'list') throw new Error('no list');
    expect(firstList.items).toHaveLength(9);
    expect(firstList.items[0]).toMatch(/^为了进入卡地亚平台的特定栏目/);
    expect(doc.texts.zh.sections[3].title).toBe('Cookies及我们自动收集的其它信息');
    const address = doc.texts.en.sections[12].blocks.find((b) => b.type === 'lines');
    expect(address).toEqual({
      type: 'lines',
      lines: ['Richemont International SA', '50 chemin de la Chênaie', 'CP 30, 1293 Bellevue', 'Geneva', 'Switzerland', 'Tel: +41 (0) 22 721 3500'],
    });
  });

  it('shows the Wi-Fi clause without the drafting brackets, says so, and warns about the missing Exhibit 1, in both languages', () => {
    expect(seed).toContain('[Wi-Fi网络的使用]');
    for (const lang of LANGS) {
      for (const text of allTexts(doc.texts[lang])) expect(text).not.toMatch(/[[\]［］]/);
    }
    const wifi = (lang: Lang) => doc.texts[lang].sections.find((s) => s.id === 'wi-fi-usage')!;
    expect(wifi('zh').title).toBe('Wi-Fi网络的使用');
    expect(wifi('en').title).toBe('Wi-Fi usage');
    expect(wifi('zh').blocks).toEqual([{ type: 'paragraph', text: expect.stringMatching(/^如果您在卡地亚的专卖店.*来拒绝此类收集。$/) }]);
    expect(wifi('en').blocks).toEqual([{ type: 'paragraph', text: expect.stringMatching(/^If you register for our free Wi-Fi service.*events\.$/) }]);
    expect(warnings.filter((w) => w.startsWith('placeholder:'))).toEqual([]);
    const drafting = warnings.filter((w) => w.startsWith('drafting-brackets:'));
    expect(drafting).toEqual([expect.stringContaining('zh lines 112, 114'), expect.stringContaining('en lines 316, 318')]);
    const exhibits = warnings.filter((w) => w.startsWith('missing-exhibit:'));
    expect(exhibits.find((w) => w.includes('附件1'))).toBeDefined();
    expect(exhibits.find((w) => w.includes('Exhibit 1'))).toBeDefined();
  });

  it('warns about what looks lost or mangled in the source', () => {
    const has = (code: string, part: string): boolean => warnings.some((w) => w.startsWith(`${code}:`) && w.includes(part));
    expect(has('flattened-block', 'zh lines 91–100')).toBe(true);
    expect(has('flattened-block', 'en lines 295–304')).toBe(true);
    expect(has('split-item', 'en line 269')).toBe(true);
    expect(has('heading-with-full-stop', '委托处理、共享、转让和披露您的信息。')).toBe(true);
    expect(has('structure-differs', 'entrustment-sharing')).toBe(true);
    for (const w of warnings) expect(IMPORT_WARNING_CODES).toContain(w.slice(0, w.indexOf(':')));
  });

  it('produces a document the schema accepts, identical to the committed policy-v1.json', () => {
    expect(policyDocumentProblems(doc)).toEqual([]);
    const committed = readFileSync(join(__dirname, '../../src/shop/privacy-content/policy-v1.json'), 'utf8');
    expect(committed).toBe(formatPolicyJson(doc));
  });
});

describe('importing other texts', () => {
  const replaceLine = (text: string, from: string, to: string | null): string => {
    const lines = text.split('\n');
    const at = lines.findIndex((l) => l.trim() === from);
    if (at < 0) throw new Error(`no line ${from}`);
    if (to === null) lines.splice(at, 1);
    else lines[at] = to;
    return lines.join('\n');
  };

  it('reads the seed with its brackets removed by hand exactly as it reads the seed, without a bracket warning', () => {
    let text = seed;
    for (const [from, to] of [['[Wi-Fi网络的使用]', 'Wi-Fi网络的使用'], ['[Wi-Fi usage]', 'Wi-Fi usage']]) text = replaceLine(text, from, to);
    text = text.replace(/\n(\s*)\[(如果您在卡地亚[^\n]*)\]。/, '\n$1$2。').replace(/\n(\s*)\[(If you register[^\n]*)\]/, '\n$1$2');
    expect(text).not.toMatch(/[[\]]/);
    const result = importPolicyText(text);
    expect(result.warnings.filter((w) => w.startsWith('placeholder:') || w.startsWith('drafting-brackets:'))).toEqual([]);
    expect(result.document).toEqual(doc);
  });

  it('keeps, and flags, brackets it cannot resolve: alternatives to choose from, a bracket without its pair', () => {
    const lines = (texts: string[]) => texts.map((text, i) => ({ no: i + 1, text }));
    expect(removeDraftingBrackets(lines(['我们的[卡地亚/历峰]专卖店。']))).toEqual({ lines: lines(['我们的[卡地亚/历峰]专卖店。']), removed: [], kept: [1] });
    expect(removeDraftingBrackets(lines(['an [unclosed clause.', 'More.']))).toEqual({ lines: lines(['an [unclosed clause.', 'More.']), removed: [], kept: [1] });
    expect(removeDraftingBrackets(lines(['a stray ] bracket']))).toMatchObject({ removed: [], kept: [1] });
    // A clause over two lines; 【】 is ordinary punctuation.
    expect(removeDraftingBrackets(lines(['【重要】[If you', 'register, we collect.]']))).toEqual({ lines: lines(['【重要】If you', 'register, we collect.']), removed: [1, 2], kept: [] });
    const { zh, en } = seedHalves(seed);
    const result = importPolicyText(`${zh.replace('[Wi-Fi网络的使用]', '[Wi-Fi/无线网络]')}\n${en}`);
    const kept = result.warnings.filter((w) => w.startsWith('placeholder:'));
    expect(kept).toEqual([expect.stringContaining('zh section "[Wi-Fi/无线网络]"')]);
    expect(result.document.texts.zh.sections.find((s) => s.id === 'wi-fi-usage')!.title).toBe('[Wi-Fi/无线网络]');
  });

  it('does not warn about Exhibit 1 when the text carries it', () => {
    const { zh, en } = seedHalves(seed);
    const text = `${zh}\n附件1 第三方信息共享清单\n\n物流服务商:配送。\n${en}\n\nExhibit 1 Third-party sharing list\n\nLogistics providers: delivery.\n`;
    const result = importPolicyText(text);
    expect(result.warnings.filter((w) => w.startsWith('missing-exhibit:'))).toEqual([]);
    expect(result.document.texts.zh.sections.map((s) => s.id)).toEqual([...EXPECTED_IDS, 'exhibit-1-third-party-sharing-list']);
  });

  it('warns, and the schema refuses the result, when the halves have different sections', () => {
    const result = importPolicyText(replaceLine(seed, '未成年人', null));
    expect(result.warnings.some((w) => w.startsWith('section-mismatch:') && w.includes('zh has 16 sections, en has 17'))).toBe(true);
    expect(policyDocumentProblems(result.document)).toContain('texts: section ids differ between languages (same ids, same order expected)');
  });

  it('reads a small policy: text before the first heading goes into an untitled section', () => {
    const text = [
      '隐私政策', '', '最近更新:2024年1月', '', '开头的话。', '', '联系我们', '', '电话:1', '邮件:a@b.c', '',
      'Privacy Policy', '', 'Last updated: January 2024', '', 'Opening words.', '', 'Contact us', '', 'Tel: 1', 'Email: a@b.c',
    ].join('\n');
    const result = importPolicyText(text);
    expect(result.document).toEqual({
      schemaVersion: 1,
      updated: '2024-01',
      texts: {
        zh: {
          title: '隐私政策',
          lastUpdatedLabel: '最近更新:2024年1月',
          sections: [
            { id: 'section-1', title: '', blocks: [{ type: 'paragraph', text: '开头的话。' }] },
            { id: 'contact-us', title: '联系我们', blocks: [{ type: 'lines', lines: ['电话:1', '邮件:a@b.c'] }] },
          ],
        },
        en: {
          title: 'Privacy Policy',
          lastUpdatedLabel: 'Last updated: January 2024',
          sections: [
            { id: 'section-1', title: '', blocks: [{ type: 'paragraph', text: 'Opening words.' }] },
            { id: 'contact-us', title: 'Contact us', blocks: [{ type: 'lines', lines: ['Tel: 1', 'Email: a@b.c'] }] },
          ],
        },
      },
    });
    expect(result.warnings).toEqual([
      'text-before-first-section: zh line 5: text before the first heading, kept in an untitled section',
      'text-before-first-section: en line 16: text before the first heading, kept in an untitled section',
    ]);
    expect(policyDocumentProblems(result.document)).toEqual([]);
  });

  it('warns about a heading with nothing under it', () => {
    const result = importPolicyText(seed.replace('\n    IP addresses\n', '\n    IP addresses\n\n    Spare heading\n'));
    expect(result.warnings).toContain('empty-section: en line 312: section "IP addresses" has no text under it');
  });

  it('reads Windows line endings and a byte-order mark the same way', () => {
    expect(importPolicyText(`\uFEFF${seed.replace(/\n/g, '\r\n')}`).document).toEqual(doc);
  });

  it('warns when the two halves disagree on the date, keeping the Chinese one', () => {
    const result = importPolicyText(seed.replace('Last updated: December 2023', 'Last updated: November 2023'));
    expect(result.document.updated).toBe('2023-12');
    expect(result.warnings.some((w) => w.startsWith('date-mismatch:'))).toBe(true);
  });

  it('refuses text it cannot read as a bilingual policy', () => {
    expect(() => importPolicyText('')).toThrow(PolicyImportError);
    expect(() => importPolicyText(seedHalves(seed).zh)).toThrow(/English half/);
    expect(() => importPolicyText(seed.replace('Last updated: December 2023', 'Revision of December 2023').replace('最近更新:2023 年 12月', '版本'))).toThrow(PolicyImportError);
    expect(() => importPolicyText('x'.repeat(1_000_001))).toThrow(/longer than/);
  });
});

describe('importer helpers', () => {
  it('reads months in both languages', () => {
    expect(parseUpdatedMonth('最近更新:2023 年 12月')).toBe('2023-12');
    expect(parseUpdatedMonth('最后更新日期:2024年3月1日')).toBe('2024-03');
    expect(parseUpdatedMonth('Last updated: December 2023')).toBe('2023-12');
    expect(parseUpdatedMonth('Last updated: Sept. 5, 2024')).toBe('2024-09');
    expect(parseUpdatedMonth('Updated 2025-01-20')).toBe('2025-01');
    expect(parseUpdatedMonth('Last updated: soon')).toBeNull();
    expect(parseUpdatedMonth('2023 年 13月')).toBeNull();
  });

  it('makes ASCII slugs that start with a letter', () => {
    expect(slugify('Entrustment, Sharing, transferring and disclose your information')).toBe('entrustment-sharing-transferring-and-disclose-your-information');
    expect(slugify('[Wi-Fi usage]')).toBe('wi-fi-usage');
    expect(slugify('Données à caractère personnel')).toBe('donnees-a-caractere-personnel');
    expect(slugify('2024 changes')).toBe('s-2024-changes');
    expect(slugify('隐私政策')).toBe('');
    const long = slugify('word '.repeat(30));
    expect(long.length).toBeLessThanOrEqual(64);
    expect(long).not.toMatch(/-$/);
  });

  it('tells headings from sentences', () => {
    expect(looksLikeHeading('什么是 Cookies?')).toBe(true);
    expect(looksLikeHeading('IP addresses')).toBe(true);
    expect(looksLikeHeading('[Wi-Fi usage]')).toBe(true);
    expect(looksLikeHeading('Cookies分为两大类:')).toBe(false);
    expect(looksLikeHeading('You can find out more about how we use cookies and related technologies below.')).toBe(false);
    expect(looksLikeHeading('这是一段很长的没有标点的中文文本它超过了标题应有的长度因此不应被当作标题来处理对吧对吧')).toBe(false);
  });

  it('spots short phrases closed by a stray full stop, leaving sentences alone', () => {
    expect(looksLikeHeadingWithFullStop('委托处理、共享、转让和披露您的信息。')).toBe(true);
    expect(looksLikeHeadingWithFullStop('下面将详细介绍我们如何使用 Cookies 及相关技术。')).toBe(false);
    expect(looksLikeHeadingWithFullStop('如有疑问,请联系我们。')).toBe(false);
    expect(looksLikeHeadingWithFullStop('Sharing your information.')).toBe(true);
    expect(looksLikeHeadingWithFullStop('You can find out more about how we use cookies below.')).toBe(false);
  });
});

