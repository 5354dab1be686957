/**
 * Separate consents (单独同意) and tracking categories, in the policy's terms. Each is asked on
 * its own step when the feature that needs it is first used; none is ever pre-ticked.
 */
import type { ConsentPurpose, Lang } from '../domain/contract';

export interface ConsentCatalogueEntry {
  purpose: ConsentPurpose;
  /** Policy section the purpose comes from (a link on the consent sheet). */
  sectionId: string;
  title: Readonly<Record<Lang, string>>;
  /** What is processed and why. */
  purposeText: Readonly<Record<Lang, string>>;
  /** What happens if the shopper says no (and that it can be changed any time). */
  ifRefused: Readonly<Record<Lang, string>>;
}

const INFO = 'information-you-provide-to-us-and-how-we-use-it';
const SHARING = 'entrustment-sharing-transferring-and-disclose-your-information';
const COOKIES = 'what-cookies-do-we-use';

const entry = (e: ConsentCatalogueEntry): ConsentCatalogueEntry => Object.freeze(e);

/** Every consent purpose the module asks for, keyed by purpose. */
export const CONSENT_CATALOGUE: Readonly<Partial<Record<ConsentPurpose, ConsentCatalogueEntry>>> = Object.freeze({
  marketing: entry({
    purpose: 'marketing',
    sectionId: INFO,
    title: { zh: '接收营销信息', en: 'Marketing communications' },
    purposeText: {
      zh: '使用您的联系方式向您发送卡地亚及合作伙伴的新品、活动与会员礼遇信息(短信、邮件、微信消息)。',
      en: 'Use your contact details to send you news, events and member privileges from Cartier and its partners (SMS, e-mail, WeChat messages).',
    },
    ifRefused: {
      zh: '不影响购物与服务通知(如订单状态)。您可随时在隐私中心关闭。',
      en: 'Shopping and service messages (such as order updates) are unaffected. You can turn this off any time in the privacy centre.',
    },
  }),
  personalisation: entry({
    purpose: 'personalisation',
    sectionId: INFO,
    title: { zh: '个性化推荐与自动化决策', en: 'Personalised recommendations' },
    purposeText: {
      zh: '根据您的浏览、收藏与购买记录,通过算法预测您的偏好,为您推荐可能感兴趣的商品。不会因此对您实行不合理的差别待遇。',
      en: 'Use your browsing, favourites and purchase history to predict your preferences and recommend products. This never leads to unfair differences in prices or terms.',
    },
    ifRefused: {
      zh: '您将看到不基于个人信息的通用推荐。可随时在隐私中心更改。',
      en: 'You will see the same recommendations as everyone else. You can change this any time in the privacy centre.',
    },
  }),
  'cross-border': entry({
    purpose: 'cross-border',
    sectionId: 'cross-border-transfers',
    title: { zh: '个人信息出境', en: 'Transfer outside mainland China' },
    purposeText: {
      zh: '为登记国际保修,您的姓名、联系方式与购买记录将传输至位于瑞士的境外接收方 Richemont International SA(50 chemin de la Chênaie, CP 30, 1293 Bellevue, Geneva;电话 +41 (0) 22 721 3500),保存至目的达成或您注销账户。',
      en: 'To register an international warranty, your name, contact details and purchase record go to the overseas receiver Richemont International SA in Switzerland (50 chemin de la Chênaie, CP 30, 1293 Bellevue, Geneva; +41 (0) 22 721 3500), kept until the purpose is met or you cancel your account.',
    },
    ifRefused: {
      zh: '保修仅在中国大陆登记,其他功能不受影响。',
      en: 'The warranty is registered in mainland China only; nothing else changes.',
    },
  }),
  'dealer-sharing': entry({
    purpose: 'dealer-sharing',
    sectionId: SHARING,
    title: { zh: '与授权经销商共享', en: 'Sharing with authorised dealers' },
    purposeText: {
      zh: '为安排您在授权经销商处的预约,我们将向该经销商提供您的姓名、联系方式与预约内容。',
      en: 'To arrange your appointment at an authorised dealer, we give that dealer your name, contact details and what the appointment is for.',
    },
    ifRefused: {
      zh: '您仍可在卡地亚精品店预约。',
      en: 'You can still book at a Cartier boutique.',
    },
  }),
  sensitive: entry({
    purpose: 'sensitive',
    sectionId: INFO,
    title: { zh: '处理敏感个人信息(金融账户)', en: 'Sensitive information (financial account)' },
    purposeText: {
      zh: '为将退款退回您的银行账户,我们需要处理您的银行账号。该信息属于敏感个人信息,仅用于本次退款。',
      en: 'To refund to your bank account we need your bank account number. It is sensitive personal information and is used for this refund only.',
    },
    ifRefused: {
      zh: '退款将原路退回您的支付方式。',
      en: 'The refund goes back to your original payment method.',
    },
  }),
  'tracking-analytics': entry({
    purpose: 'tracking-analytics',
    sectionId: COOKIES,
    title: { zh: '使用统计', en: 'Usage statistics' },
    purposeText: {
      zh: '记录您访问了哪些页面及停留时间,用于改进小程序。',
      en: 'Record which pages you visit and for how long, to improve the mini-program.',
    },
    ifRefused: { zh: '不影响任何功能。', en: 'No feature is affected.' },
  }),
  'tracking-advertising': entry({
    purpose: 'tracking-advertising',
    sectionId: COOKIES,
    title: { zh: '广告归因', en: 'Advertising' },
    purposeText: {
      zh: '与广告合作方共享访问记录,以衡量广告效果并展示相关广告。',
      en: 'Share visit records with advertising partners to measure campaigns and show relevant ads.',
    },
    ifRefused: { zh: '不影响任何功能。', en: 'No feature is affected.' },
  }),
});

/** The catalogue entry of a purpose; throws for a purpose without one. */
export function consentEntry(purpose: ConsentPurpose): ConsentCatalogueEntry {
  const e = CONSENT_CATALOGUE[purpose];
  if (!e) throw new Error(`No consent catalogue entry for ${purpose}`);
  return e;
}
