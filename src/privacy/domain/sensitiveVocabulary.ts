/**
 * Wordings that name sensitive personal information under Chinese law, to find them in a policy's
 * new text: the categories of PIPL art. 28 and the examples of GB/T 35273-2020 Annex B (table B.1:
 * property, health, biometric, identity and network-identity information, and the "other" row).
 * Not what the pages emphasise: that is the app's glossary plus the wordings a version carries
 * (`PolicyText.sensitiveTerms`), which the importer adds from this list (`markSensitiveTerms`).
 */
import { LANGS, type Lang } from './contract';
import { emphasise } from './emphasis';
import type { PolicyBlock, PolicyDocument } from './policy';

/** Per language; a longer wording wins over a shorter one it contains ("人脸图像" over "人脸"). */
export const SENSITIVE_VOCABULARY: Readonly<Record<Lang, readonly string[]>> = Object.freeze({
  zh: Object.freeze([
    // PIPL art. 28.
    '生物识别', '宗教信仰', '特定身份', '医疗健康', '金融账户', '行踪轨迹', '不满十四周岁',
    // Property.
    '银行账户', '银行账号', '银行卡号', '存款信息', '房产信息', '信贷记录', '征信信息', '交易和消费记录', '消费记录', '流水记录', '虚拟财产',
    // Health.
    '健康生理信息', '病历', '病症', '住院志', '医嘱单', '检验报告', '手术及麻醉记录', '护理记录', '用药记录', '过敏信息', '生育信息', '病史', '诊治情况',
    // Biometrics.
    '基因', '指纹', '声纹', '掌纹', '耳廓', '虹膜', '面部识别特征', '面部特征', '人脸图像', '人脸信息', '人脸识别', '人脸',
    // Identity documents.
    '身份证', '军官证', '护照', '驾驶证', '工作证', '社保卡', '居住证',
    // Network identity.
    '密码', '口令', '密码保护问题', '数字证书',
    // Other.
    '性取向', '婚史', '违法犯罪记录', '通信记录', '通信内容', '通讯录', '好友列表', '群组列表', '网页浏览记录', '住宿信息', '精准定位', '精确定位',
  ]),
  en: Object.freeze([
    // Whole phrases where a word alone also has harmless senses ("public health", "deposit a form").
    'biometric', 'religious belief', 'special identity', 'medical and health', 'health information', 'financial account', 'tracking information', 'whereabouts', 'under 14',
    'bank account', 'bank card', 'deposit information', 'credit record', 'credit information', 'transaction record', 'consumption record',
    'medical record', 'health record', 'allergy', 'diagnosis', 'medication',
    'genetic', 'fingerprint', 'voiceprint', 'palm print', 'iris', 'facial recognition', 'facial feature', 'face image', 'facial image', 'face data',
    'ID card', 'identity card', 'passport', "driver's licence", "driver's license", 'driving licence', 'social security card', 'residence permit',
    'password', 'digital certificate',
    'sexual orientation', 'marital history', 'criminal record', 'communication records', 'communication content', 'contact list', 'address book', 'friend list',
    'browsing history', 'browsing record', 'accommodation information', 'precise location', 'precise geographical location',
  ]),
});

/** A wording the importer marked: where it was first found. */
export interface SensitiveMark {
  lang: Lang;
  term: string;
  sectionId: string;
}

/** Every text of a block: its heading, paragraph, list items or lines. */
const rowsOf = (block: PolicyBlock): readonly string[] =>
  block.type === 'list' ? block.items : block.type === 'lines' ? block.lines : [block.text];

/** The vocabulary of a language as matched: English also in the plural. */
function vocabularyOf(lang: Lang): string[] {
  const words = SENSITIVE_VOCABULARY[lang];
  return lang === 'en' ? words.flatMap((w) => [w, `${w}s`]) : [...words];
}

/**
 * Marks the sensitive wordings of a version's new text that nothing emphasises yet: a wording of
 * `SENSITIVE_VOCABULARY` found outside every glossary run (the app's `glossary`, and the wordings
 * the document already carries) in a row that `previous` does not have word for word, is added
 * to that language's `sensitiveTerms` as it is written. Returns a new document and what was marked.
 */
export function markSensitiveTerms(
  doc: PolicyDocument,
  glossary: Readonly<Record<Lang, readonly string[]>>,
  previous: PolicyDocument | null = null,
): { document: PolicyDocument; marked: SensitiveMark[] } {
  const marked: SensitiveMark[] = [];
  const texts = { ...doc.texts };
  for (const lang of LANGS) {
    const text = doc.texts[lang];
    const known = new Set(previous ? previous.texts[lang].sections.flatMap((s) => s.blocks.flatMap(rowsOf)) : []);
    const terms = [...(text.sensitiveTerms ?? [])];
    const vocabulary = vocabularyOf(lang);
    for (const section of text.sections) {
      for (const row of section.blocks.flatMap(rowsOf)) {
        if (known.has(row)) continue;
        for (const plain of emphasise(row, [...glossary[lang], ...terms]).filter((r) => !r.sensitive)) {
          for (const found of emphasise(plain.text, vocabulary).filter((r) => r.sensitive)) {
            if (terms.some((t) => t.toLowerCase() === found.text.toLowerCase())) continue;
            terms.push(found.text);
            marked.push({ lang, term: found.text, sectionId: section.id });
          }
        }
      }
    }
    if (terms.length > (text.sensitiveTerms?.length ?? 0)) texts[lang] = { ...text, sensitiveTerms: terms };
  }
  return { document: { ...doc, texts }, marked };
}
