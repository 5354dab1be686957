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
    sheetPoints: [
      '浏览商品无需提供任何个人信息；注册会员、下单、预约等功能需要处理您的账户、订单与联系信息。',
      '相机、位置、蓝牙等权限只在您使用相关功能时单独询问，不会默认开启。',
      '营销推送、个性化推荐、跨境传输、与授权经销商共享、敏感个人信息均需您另行单独同意，可随时撤回。',
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
      'Browsing products needs no personal information; membership, orders and appointments process your account, order and contact details.',
      'Camera, location and Bluetooth are asked for one at a time, only when you use the feature that needs them.',
      'Marketing, personalised recommendations, cross-border transfer, sharing with authorised dealers and sensitive information each need your separate consent, which you can withdraw at any time.',
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

/** The module's texts with an adopter's replacements applied key by key. */
export function mergeTexts(overrides: TextOverrides = {}): Readonly<Record<Lang, Texts>> {
  return Object.freeze({ zh: { ...TEXTS.zh, ...overrides.zh }, en: { ...TEXTS.en, ...overrides.en } });
}
