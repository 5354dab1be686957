import type { PolicyDocument } from './policy';
import { policyDocumentProblems } from './policySchema';
import { markSensitiveTerms, SENSITIVE_VOCABULARY } from './sensitiveVocabulary';

const doc = (zh: string[], en: string[], extra: Partial<Record<'zh' | 'en', string[]>> = {}): PolicyDocument => ({
  schemaVersion: 1,
  updated: '2026-12',
  texts: {
    zh: { title: '隐私政策', lastUpdatedLabel: '最近更新：2026 年 12 月', sections: [{ id: 'use', title: '使用', blocks: zh.map((text) => ({ type: 'paragraph', text })) }], ...(extra.zh ? { sensitiveTerms: extra.zh } : {}) },
    en: { title: 'Privacy', lastUpdatedLabel: 'Last updated: December 2026', sections: [{ id: 'use', title: 'Use', blocks: en.map((text) => ({ type: 'paragraph', text })) }], ...(extra.en ? { sensitiveTerms: extra.en } : {}) },
  },
});
const glossary = { zh: ['生物识别', '银行账号'], en: ['biometric characteristics', 'bank account'] };

describe('markSensitiveTerms', () => {
  it('marks a sensitive wording of new text that the glossary lacks, as written, once per language', () => {
    const v2 = doc(['签到时我们会采集您的人脸图像，用于确认身份。人脸图像不会保存。'], ['At check-in we take Face images to confirm who you are; fingerprints are never asked for.']);
    const { document, marked } = markSensitiveTerms(v2, glossary);
    expect(document.texts.zh.sensitiveTerms).toEqual(['人脸图像']);
    expect(document.texts.en.sensitiveTerms).toEqual(['Face images', 'fingerprints']);
    expect(marked).toEqual([
      { lang: 'zh', term: '人脸图像', sectionId: 'use' },
      { lang: 'en', term: 'Face images', sectionId: 'use' },
      { lang: 'en', term: 'fingerprints', sectionId: 'use' },
    ]);
    expect(policyDocumentProblems(document)).toEqual([]);
    // The input is left as it was.
    expect(v2.texts.zh.sensitiveTerms).toBeUndefined();
  });

  it('leaves what the glossary or the document already marks, and rows the previous version had word for word', () => {
    const v1 = doc(['退款时需要您的银行账号和指纹。'], ['Refunds need your bank account.']);
    const v2 = doc(['退款时需要您的银行账号和指纹。', '我们使用生物识别确认身份。', '新增：我们查看您的通讯录。'], ['Refunds need your bank account.', 'We keep your passport number.'], { en: ['passport'] });
    const { document, marked } = markSensitiveTerms(v2, glossary, v1);
    expect(marked).toEqual([{ lang: 'zh', term: '通讯录', sectionId: 'use' }]);
    expect(document.texts.zh.sensitiveTerms).toEqual(['通讯录']);
    expect(document.texts.en.sensitiveTerms).toEqual(['passport']);
    // Without the previous version every row is new: the 指纹 of the refund sentence is marked too.
    expect(markSensitiveTerms(v2, glossary).marked.map((m) => m.term)).toEqual(['指纹', '通讯录']);
  });

  it('does not take a harmless sense of a word for a sensitive one', () => {
    const { marked } = markSensitiveTerms(doc(['无'], ['To respond to public health emergencies, or to deposit a form, or backtracking.']), glossary);
    expect(marked).toEqual([]);
  });

  it('has a vocabulary of distinct, non-empty wordings in each language', () => {
    for (const words of Object.values(SENSITIVE_VOCABULARY)) {
      expect(words.every((w) => w.trim() === w && w.length > 0)).toBe(true);
      expect(new Set(words).size).toBe(words.length);
    }
  });
});
