/**
 * The module's own interface texts (the policy content has its own languages). The data export's
 * texts are in `exportTexts.ts`, which only the privacy centre (in the subpackage) imports.
 */
import type { Lang } from './domain/contract';
import type { ExportTexts } from './exportTexts';

export const TEXTS = Object.freeze({
  zh: {
    version: '版本',
    contents: '目录',
    readMore: '继续阅读',
    switchTo: 'English',
    collectionList: '个人信息收集清单',
    sharingList: '第三方信息共享清单',
    contact: '联系我们',
    sheetTitle: '个人信息保护提示',
    sheetIntro: '感谢您信任并使用本小程序。在您使用会员功能前，请阅读并了解：',
    /** The first-run sheet's points; `{capabilities}` and `{consents}` points are dropped when the app declares none. */
    sheetPoints: [
      '同意前，您仍可使用无需个人信息的功能；会员等功能需要处理您的账户与联系信息。',
      '{capabilities}等权限只在您使用相关功能时单独询问，不会默认开启。',
      '{consents}均需您另行单独同意，可随时撤回。',
      '您可以在“我的 › 隐私中心”查看、更正、导出您的信息，撤回同意或注销账户。',
    ],
    sheetLinksIntro: '详情请阅读',
    policyLink: '《隐私政策》',
    wechatGuideLink: '《小程序用户隐私保护指引》',
    agree: '同意',
    refuse: '不同意',
    refusedNote: '您可以继续浏览商品。需要使用会员功能时，可随时重新查看并同意。',
    browseOnlyHint: '此功能需要您先同意隐私政策。',
    reviewPolicy: '查看并同意隐私政策',
    cooldown: '操作过于频繁，请 10 秒后再试。',
    back: '返回',
    undeclared: '该功能暂不可用（未在隐私保护指引中声明），请联系客服。',
  },
  en: {
    version: 'Version',
    contents: 'Contents',
    readMore: 'Continue reading',
    switchTo: '中文',
    collectionList: 'Personal information collected',
    sharingList: 'Third parties and SDKs',
    contact: 'Contact us',
    sheetTitle: 'Your personal information',
    sheetIntro: 'Thank you for using our mini-program. Before you use member features, please note:',
    sheetPoints: [
      'Until you agree, you can still use what needs no personal information; member features process your account and contact details.',
      'We ask for {capabilities} one at a time, only when you use a feature that needs it; none is on by default.',
      '{consents} each need your separate consent, which you can withdraw at any time.',
      'In Me › Privacy centre you can see, correct and download your information, withdraw consent or cancel your account.',
    ],
    sheetLinksIntro: 'Please read',
    policyLink: 'the Privacy Policy',
    wechatGuideLink: 'the mini-program privacy guide',
    agree: 'Agree',
    refuse: 'Disagree',
    refusedNote: 'You can keep browsing. When you want a member feature, you can review and agree at any time.',
    browseOnlyHint: 'This feature needs your agreement to the privacy policy first.',
    reviewPolicy: 'Review and agree to the privacy policy',
    cooldown: 'Too many attempts: please try again in 10 seconds.',
    back: 'Back',
    undeclared: 'This feature is unavailable (not declared in the privacy guide). Please contact customer service.',
  },
} satisfies Record<Lang, Record<string, string | readonly string[]>>);

export type Texts = (typeof TEXTS)['zh'];

/** An adopter's replacements for any of these texts or the export's, per language and key. */
export type TextOverrides = Partial<Record<Lang, Partial<Texts & ExportTexts>>>;

/** What the sheet's points are filled from: the app's capabilities and consents, named in each language. */
export interface TextSubjects {
  capabilities: readonly Readonly<Record<Lang, string>>[];
  consents: readonly Readonly<Record<Lang, string>>[];
}

const joinNames = (names: readonly string[], lang: Lang): string => {
  if (lang === 'zh') return names.join('、');
  if (names.length <= 1) return names.join('');
  return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
};

/** The sheet's points with the app's capabilities and consents named; a point with nothing to name is dropped. */
function fillPoints(points: readonly string[], lang: Lang, subjects: TextSubjects): string[] {
  const out: string[] = [];
  for (const point of points) {
    if (point.includes('{capabilities}')) {
      if (subjects.capabilities.length === 0) continue;
      const names = subjects.capabilities.map((n) => n[lang]);
      const text = point.replace('{capabilities}', joinNames(names, lang));
      out.push(lang === 'en' ? text.charAt(0).toUpperCase() + text.slice(1) : text);
    } else if (point.includes('{consents}')) {
      if (subjects.consents.length === 0) continue;
      out.push(point.replace('{consents}', joinNames(subjects.consents.map((n) => n[lang]), lang)));
    } else out.push(point);
  }
  return out;
}

/** The module's texts with an adopter's replacements applied key by key, the sheet's points naming what the app asks for. */
export function mergeTexts(subjects: TextSubjects = { capabilities: [], consents: [] }, overrides: TextOverrides = {}): Readonly<Record<Lang, Texts>> {
  const merged = (lang: Lang): Texts => {
    const t = { ...TEXTS[lang], ...overrides[lang] } as Texts;
    return { ...t, sheetPoints: fillPoints(t.sheetPoints, lang, subjects) as unknown as Texts['sheetPoints'] };
  };
  return Object.freeze({ zh: merged('zh'), en: merged('en') });
}
