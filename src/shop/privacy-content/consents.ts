/**
 * The shop's separate consents (单独同意) and tracking categories, in the policy's terms. Each is asked on
 * its own step when the feature that needs it is first used; none is ever pre-ticked.
 * Each entry says what the PIPL article it rests on requires (`domain/consent-schema.ts`);
 * `privacyAppProblems` (`npm run check:catalogue`) refuses an entry that does not.
 */
import type { ConsentCatalogueEntry, ConsentRecipient } from '@maison/privacy/config';
import { MARKETING_RETENTION, OVERSEAS_RETENTION, PROOF_GAP, UNTIL_CANCELLED } from './retention';

const ABOUT = 'about-cartier-sa-and-this-privacy-policy';
const INFO = 'information-you-provide-to-us-and-how-we-use-it';
const SHARING = 'entrustment-sharing-transferring-and-disclose-your-information';
const COOKIES = 'what-cookies-do-we-use';

const entry = <const K extends string>(e: ConsentCatalogueEntry & { purpose: K }): ConsentCatalogueEntry & { purpose: K } => Object.freeze(e);

/** The contact the policy gives for everything about personal information ("Contact us"). */
export const PRIVACY_CONTACT = Object.freeze({
  zh: '历峰商业有限公司，上海市延安中路1228号静安嘉里中心三座701-708室（邮编200041）；或本小程序“隐私中心”中的联系渠道',
  en: 'Richemont Commercial Company Limited, Units 701–708, Tower 3, Jing An Kerry Centre, 1228 Middle Yan’an Road, Shanghai 200041; or the contact channel in the privacy centre',
});

/** CARTIER SA head office, its affiliates and boutiques: what the policy calls "Cartier" (section "About"). */
const CARTIER_GROUP: readonly ConsentRecipient[] = Object.freeze([
  {
    name: { zh: 'CARTIER SA 总部', en: 'CARTIER SA head office' },
    contact: { zh: 'Rue André-De-Garrini 3, 1217 Meyrin，瑞士', en: 'Rue André-De-Garrini 3, 1217 Meyrin, Switzerland' },
  },
  {
    name: { zh: '卡地亚关联机构（在中国大陆境内：历峰商业有限公司）', en: 'Cartier affiliates (in mainland China: Richemont Commercial Company Limited)' },
    contact: PRIVACY_CONTACT,
  },
  {
    name: { zh: '卡地亚专卖店', en: 'Cartier boutiques' },
    contact: { zh: '各专卖店地址与电话见小程序“精品店”页面；个人信息事宜请联系：' + PRIVACY_CONTACT.zh, en: "each boutique's address and phone are on the mini-program's boutique page; for personal information: " + PRIVACY_CONTACT.en },
  },
]);

/** The contact of a recipient the policy does not name: the shop's own privacy contact (true, and all the policy gives). */
const UNNAMED_CONTACT = Object.freeze({
  zh: '政策未列明其名称与联系方式；相关事宜请联系：' + PRIVACY_CONTACT.zh,
  en: 'The policy does not name them or give their contact; for anything about them contact: ' + PRIVACY_CONTACT.en,
});

/** The gap an unnamed recipient declares: the policy gives a kind of recipient, not a company (PIPL art. 23 needs its name). */
const unnamed = (kind: { zh: string; en: string }) =>
  Object.freeze({
    zh: `政策只写明接收方的类型（${kind.zh}），未写明公司名称和联系方式；请在共享清单与本同意中列明每一接收方。`,
    en: `The policy gives only the kind of recipient (${kind.en}), not the company or its contact; name each recipient in the sharing list and in this consent.`,
  });

const NOT_AFFECTED = { zh: '不影响任何功能。可随时在隐私中心更改。', en: 'No feature is affected. You can change this any time in the privacy centre.' };

/** Every consent purpose the module asks for, keyed by purpose. */
export const CONSENT_CATALOGUE = Object.freeze({
  marketing: entry({
    purpose: 'marketing',
    retention: MARKETING_RETENTION,
    sectionId: INFO,
    title: { zh: '接收营销信息', en: 'Marketing communications' },
    purposeText: {
      zh: '向您发送卡地亚及卡地亚合作伙伴的、我们认为您可能感兴趣的新品、活动与会员礼遇信息，渠道包括短信、彩信、电子邮件、微信消息，以及在社交媒体平台上的受众匹配（将您的联系方式提供给该平台，以便向您展示卡地亚的内容）。',
      en: 'Send you news, events and member privileges from Cartier and its partners that we think may interest you, by SMS, MMS, e-mail and WeChat messages, and through audience matching on social media (your contact details go to that platform so it can show you Cartier content).',
    },
    method: {
      zh: '使用您的联系方式发送信息；受众匹配时，您的联系方式提供给社交媒体平台进行比对。',
      en: 'Your contact details are used to send the messages; for audience matching they are given to the social media platform to match against its users.',
    },
    categories: { zh: '姓名、手机号码、电子邮箱地址、微信账号标识、营销偏好', en: 'Name, mobile number, e-mail address, WeChat account identifier, marketing preferences' },
    ifRefused: {
      zh: '不影响购物与服务相关（非营销）通知，如订单状态更新。您可随时在隐私中心关闭，或点击营销邮件中的“取消订阅”。',
      en: 'Service-related (non-marketing) messages such as order updates are unaffected. You can turn this off any time in the privacy centre, or click "unsubscribe" in any marketing e-mail.',
    },
    disclosure: {
      article: 'sharing',
      recipients: [
        {
          name: { zh: '社交媒体平台（受众匹配），及代为发送短信、彩信、电子邮件的通信服务提供商', en: 'Social media platforms (audience matching), and the communication service providers that send SMS, MMS and e-mail for us' },
          contact: UNNAMED_CONTACT,
          gap: unnamed({ zh: '社交媒体平台、通信服务提供商', en: 'social media platforms, communication service providers' }),
        },
      ],
    },
  }),
  personalisation: entry({
    purpose: 'personalisation',
    retention: UNTIL_CANCELLED,
    sectionId: INFO,
    title: { zh: '个性化推荐与自动化决策', en: 'Personalised recommendations and automated decisions' },
    purposeText: {
      zh: '根据您的浏览、收藏、搜索与购买记录等，通过算法模型预测您的偏好，以自动化决策方式为您推荐可能感兴趣的商品、服务与活动。不会因此在交易价格等交易条件上对您实行不合理的差别待遇。',
      en: 'Use your browsing, favourites, searches and purchase history to predict your preferences with algorithm models and recommend products, services and events by automated decision-making. This never leads to unfair differences in prices or other terms.',
    },
    method: { zh: '算法模型分析与自动化决策；您可随时拒绝，并可在隐私中心的“我的请求”中要求我们说明。', en: 'Analysis by algorithm models and automated decision-making; you can refuse any time and ask us to explain under "My requests" in the privacy centre.' },
    categories: {
      zh: '购买历史记录、收藏记录、网页浏览记录、搜索记录、评论/分享/点赞等互动记录、设备信息、性别、年龄、居住城市和地区',
      en: 'Purchase history, favourites, browsing records, search records, interactions (comments, shares, likes), device information, gender, age, city and area of residence',
    },
    ifRefused: {
      zh: '您将看到不针对您个人特征的通用推荐。可随时在隐私中心更改。',
      en: 'You will see recommendations not based on your personal characteristics. You can change this any time in the privacy centre.',
    },
    disclosure: { article: 'general' },
  }),
  'cross-border': entry({
    purpose: 'cross-border',
    retention: OVERSEAS_RETENTION,
    sectionId: 'cross-border-transfers',
    title: { zh: '个人信息出境', en: 'Transfer outside mainland China' },
    purposeText: {
      zh: '您的个人信息存储在中国大陆境内。因业务需要确需出境时，我们将有关信息传输至位于瑞士的境外接收方及其集团关联公司进行处理，仅在取得您的单独同意并符合跨境传输法律要求（包括通过国家网信部门组织的安全评估）之后进行。',
      en: 'Your personal information is stored in mainland China. Where our business truly needs it abroad, we transfer the information concerned to the overseas recipient in Switzerland and its group affiliates for processing, only with your separate consent and after meeting the law on cross-border transfers (including the security assessment organised by the Cyberspace Administration).',
    },
    method: {
      zh: '传输至境外接收方后存储与处理；保存至目的达成或您注销账户两者中较早者；我们监督接收方仅在授权范围内、按《个人信息保护法》的标准处理。',
      en: 'Transferred to the overseas recipient, stored and processed there, kept until the purpose is met or you cancel your account, whichever is earlier; we supervise the recipient so it processes only within the authorisation and to the standard of the Personal Information Protection Law.',
    },
    categories: { zh: '姓名、联系方式、购买与交易记录、会员信息', en: 'Name, contact details, purchase and transaction records, membership information' },
    ifRefused: {
      zh: '您的个人信息仅在中国大陆境内处理，其他功能不受影响。',
      en: 'Your personal information is processed in mainland China only; nothing else changes.',
    },
    disclosure: {
      article: 'cross-border',
      recipient: {
        name: { zh: 'Richemont International SA（及其集团关联公司，见 https://www.richemont.com/en/home/about-us/global-presence/）', en: 'Richemont International SA (and its group affiliates, see https://www.richemont.com/en/home/about-us/global-presence/)' },
        address: { zh: '50 chemin de la Chênaie, CP 30, 1293 Bellevue, Geneva, Switzerland', en: '50 chemin de la Chênaie, CP 30, 1293 Bellevue, Geneva, Switzerland' },
        contact: { zh: '电话 +41 (0) 22 721 3500', en: 'Phone +41 (0) 22 721 3500' },
      },
      rights: {
        zh: '您对境外接收方同样享有查阅、复制、更正、删除及撤回同意等权利：可通过隐私中心的“我的请求”或“联系我们”所列地址向我们提出，我们将转达并督促境外接收方在不超过15天内处理；也可直接联系境外接收方。注销账户时，我们会要求境外接收方删除并记录。',
        en: 'You have the same rights against the overseas recipient (access, copy, correction, deletion, withdrawing consent): ask us under "My requests" in the privacy centre or at the "Contact us" address and we pass it on and see that the recipient handles it within 15 days; or contact the recipient directly. When you cancel your account we have the recipient delete your information and record it.',
      },
    },
  }),
  'dealer-sharing': entry({
    purpose: 'dealer-sharing',
    retentionGap: {
      zh: '卡地亚一方按政策的一般规则保存（目的所需期限内，最长至注销）；授权经销商作为独立的个人信息处理者，其保存期限政策未说明；请在经销商信息中写明。',
      en: "Cartier keeps its copy under the policy's general rule (as long as the purpose needs, at most until cancellation); the policy does not say how long the authorised dealer, an independent handler, keeps it; state it with the dealer's details.",
    },
    sectionId: SHARING,
    title: { zh: '与授权经销商共享', en: 'Sharing with an authorised dealer' },
    purposeText: {
      zh: '为您安排在所选授权经销商处的预约并提供您要求的服务、改善您在店内的体验、保持您的购买登记、延长保修与营销偏好记录准确，我们将与该经销商共享您的信息。卡地亚与该经销商可能各自成为独立的个人信息处理者。',
      en: 'To arrange your appointment at the authorised dealer you chose and give you the service you asked for, improve your in-store experience, and keep your purchase registrations, extended warranty and marketing preferences up to date, we share your information with that dealer. Cartier and the dealer may each be an independent handler of it.',
    },
    method: { zh: '向该经销商提供信息，由其存储并用于上述目的；我们以业界领先的措施保护传输安全。', en: 'The information is given to that dealer, who stores it and uses it for these purposes; we protect the transfer with industry-leading measures.' },
    categories: {
      zh: '姓名、联系方式、预约内容，以及购买记录（登记购买、延长保修及其他交易）和营销偏好',
      en: 'Name, contact details, the appointment, and purchase records (purchase registrations, extended warranty and other transactions) and marketing preferences',
    },
    ifRefused: {
      zh: '您仍可在卡地亚专卖店预约。',
      en: 'You can still book at a Cartier boutique.',
    },
    disclosure: { article: 'sharing', recipients: [], recipientAtUse: true, recipientKind: { zh: '您所选的授权经销商', en: 'The authorised dealer you chose' } },
  }),
  'affiliate-sharing': entry({
    purpose: 'affiliate-sharing',
    retention: UNTIL_CANCELLED,
    sectionId: ABOUT,
    title: { zh: '与卡地亚总部、关联机构及专卖店共享', en: 'Sharing with Cartier head office, affiliates and boutiques' },
    purposeText: {
      zh: '为实现本政策“您提供给我们的信息以及我们如何使用”所述目的（例如在各专卖店为您提供会员服务、售后服务），我们将与 CARTIER SA 总部、卡地亚关联机构和专卖店共享您的信息。',
      en: 'For the purposes in the policy’s "Information you provide to us and how we use it" (such as membership and after-sales service in any boutique), we share your information with CARTIER SA head office, Cartier affiliates and boutiques.',
    },
    method: { zh: '提供给上述机构，由其存储并用于上述目的；境外机构的接收另需您对“个人信息出境”的单独同意。', en: 'Given to them, stored and used for this purpose; recipients abroad also need your separate consent to transfer outside mainland China.' },
    categories: { zh: '姓名、联系方式、会员信息、购买与售后记录', en: 'Name, contact details, membership information, purchase and after-sales records' },
    ifRefused: {
      zh: '您的信息仅由历峰商业有限公司处理；在其他专卖店需重新提供相关信息。',
      en: 'Your information is processed by Richemont Commercial Company Limited only; other boutiques may ask you for it again.',
    },
    disclosure: { article: 'sharing', recipients: CARTIER_GROUP },
  }),
  sensitive: entry({
    purpose: 'sensitive',
    retentionGap: {
      zh: '本同意写明目的达成后删除；但政策称注销后在“一定时间内”保留交易和支付记录以履行法定义务，未写明期限；请写明交易和消费记录的保存期限。',
      en: 'This consent says the information is deleted once the purpose is met, but the policy keeps transaction and payment records "within certain period of time" after cancellation for legal obligations without a period; state how long transaction and consumption records are kept.',
    },
    sectionId: INFO,
    title: { zh: '处理敏感个人信息', en: 'Sensitive personal information' },
    purposeText: {
      zh: '以下信息属于敏感个人信息，一旦泄露或被非法使用，容易导致您的人格尊严受到侵害或人身、财产安全受到危害。我们仅为下列特定目的、在必要范围内处理。',
      en: 'The information below is sensitive personal information: if leaked or misused it can easily harm your dignity or your personal or financial safety. We process it only for the specific purposes below, as far as needed.',
    },
    method: { zh: '加密存储与传输，仅限经授权人员访问，目的达成后删除。', en: 'Stored and sent encrypted, accessible to authorised staff only, deleted once the purpose is met.' },
    categories: {
      zh: '银行账号、交易和消费记录、付款账号、身份证信息、通信记录和内容、行踪轨迹、网页浏览记录',
      en: 'Bank account number, transaction and consumption records, payment account number, ID card information, communication records and content, whereabouts, browsing history',
    },
    ifRefused: {
      zh: '退款将原路退回您的支付方式；其他功能不受影响。',
      en: 'Refunds go back to your original payment method; nothing else changes.',
    },
    disclosure: {
      article: 'sensitive',
      items: [
        {
          category: { zh: '银行账号、交易和消费记录（个人财务信息）', en: 'Bank account number, transaction and consumption records (financial information)' },
          necessity: { zh: '将退款退回您指定的银行账户，并核对相应交易，必须使用账号与交易记录。', en: 'A refund to the bank account you name, and checking the transaction behind it, cannot be done without them.' },
          impact: { zh: '泄露可能导致资金损失或被冒用；我们仅用于本次退款。', en: 'A leak could lead to financial loss or misuse of your account; we use them for this refund only.' },
        },
        {
          category: { zh: '付款账号、身份证信息', en: 'Payment account number, ID card information' },
          necessity: { zh: '处理支付流程所必需（本政策“您提供给我们的信息以及我们如何使用”）。', en: 'Needed to process the payment (the policy’s "Information you provide to us and how we use it").' },
          impact: { zh: '泄露可能导致身份被冒用或财产损失。', en: 'A leak could lead to identity theft or financial loss.' },
        },
        {
          category: { zh: '通信记录和内容（通话录音、在线客服及视频通话内容）', en: 'Communication records and content (call recordings, live chat and video chat)' },
          necessity: { zh: '处理您的咨询与投诉并保证服务质量所必需。', en: 'Needed to handle your questions and complaints and keep service quality.' },
          impact: { zh: '泄露可能暴露您的私人交流内容。', en: 'A leak could expose what you said in private.' },
        },
        {
          category: { zh: '行踪轨迹、网页浏览记录', en: 'Whereabouts, browsing history' },
          necessity: { zh: '在您同意后为您提供到店服务和个性化推荐所必需。', en: 'Needed, with your consent, for in-store services and personalised recommendations.' },
          impact: { zh: '泄露可能暴露您的行动与兴趣，影响人身安全与隐私。', en: 'A leak could reveal your movements and interests, affecting your safety and privacy.' },
        },
      ],
    },
  }),
  'public-disclosure': entry({
    purpose: 'public-disclosure',
    retention: UNTIL_CANCELLED,
    sectionId: SHARING,
    title: { zh: '公开披露个人信息', en: 'Public disclosure of personal information' },
    purposeText: {
      zh: '我们不会公开披露您的个人信息。如确需公开披露，我们会事先告知此次公开披露的目的、披露信息的类型及可能涉及的敏感个人信息，仅在您单独同意后进行。本小程序目前没有公开披露个人信息的功能。',
      en: 'We do not publicly disclose your personal information. Where a disclosure is truly needed, we first tell you its purpose, the types of information and any sensitive information involved, and do it only with your separate consent. The mini-program has no feature that discloses personal information publicly today.',
    },
    method: { zh: '公开展示，范围限于每次事先告知的内容。', en: "Shown publicly, no more than what you were told beforehand each time." },
    categories: { zh: '每次公开披露前具体告知；未经告知的类型不会披露', en: 'Told before each disclosure; no type you were not told of is disclosed' },
    ifRefused: { zh: '不会公开您的任何信息，其他功能不受影响。', en: 'Nothing about you is made public; nothing else changes.' },
    disclosure: { article: 'public-disclosure', sensitiveInvolved: { zh: '如涉及敏感个人信息，将在该次披露前逐项告知；未告知的不会披露。', en: 'Any sensitive information involved is named before that disclosure; nothing not named is disclosed.' } },
  }),
  'tracking-functional': entry({
    purpose: 'tracking-functional',
    retention: UNTIL_CANCELLED,
    sectionId: COOKIES,
    title: { zh: '功能类 Cookie', en: 'Functional cookies' },
    purposeText: { zh: '记住您的选择（如语言、地区），提供更便捷的功能。', en: 'Remember your choices (such as language and region) for easier use.' },
    method: { zh: '在您的设备上存储标识，由本小程序读取。', en: 'An identifier stored on your device and read by the mini-program.' },
    categories: { zh: '语言、地区等偏好设置，设备标识', en: 'Preferences such as language and region, a device identifier' },
    ifRefused: { zh: '每次需重新选择语言等设置，其他功能不受影响。', en: 'You may need to choose the language and similar settings again; nothing else changes.' },
    disclosure: { article: 'general' },
  }),
  'tracking-analytics': entry({
    purpose: 'tracking-analytics',
    retention: UNTIL_CANCELLED,
    sectionId: COOKIES,
    title: { zh: '使用统计', en: 'Usage statistics' },
    purposeText: {
      zh: '记录您访问了哪些页面及停留时间，用于改进小程序。',
      en: 'Record which pages you visit and for how long, to improve the mini-program.',
    },
    method: { zh: '汇总统计分析，不用于识别您个人。', en: 'Aggregated statistical analysis, not used to single you out.' },
    categories: { zh: '访问的页面、停留时间、设备标识', en: 'Pages visited, time spent, a device identifier' },
    ifRefused: NOT_AFFECTED,
    disclosure: { article: 'general' },
  }),
  'tracking-advertising': entry({
    purpose: 'tracking-advertising',
    retentionGap: {
      zh: '政策未说明广告合作方保存其收集信息的期限（政策称第三方的做法适用其自身条款）；请写明或列出各合作方的保存期限。',
      en: "The policy does not say how long advertising partners keep what they collect (it refers to the third parties' own terms); state it, or each partner's period.",
    },
    sectionId: COOKIES,
    title: { zh: '广告归因', en: 'Advertising' },
    purposeText: {
      zh: '与广告合作方共享访问记录，以衡量广告效果并展示相关广告。',
      en: 'Share visit records with advertising partners to measure campaigns and show relevant ads.',
    },
    method: { zh: '向广告合作方提供访问记录，由其进行归因分析。', en: 'Visit records are given to advertising partners, who analyse which campaign brought you.' },
    categories: { zh: '访问记录、广告标识、设备标识', en: 'Visit records, advertising identifier, device identifier' },
    ifRefused: NOT_AFFECTED,
    disclosure: {
      article: 'sharing',
      recipients: [
        {
          name: { zh: '广告合作方（广告提供者）', en: 'Advertising partners (advertising providers)' },
          contact: UNNAMED_CONTACT,
          gap: unnamed({ zh: '网络广告商、广告交换平台和广告提供者', en: 'network advertisers, ad exchanges and advertising providers' }),
        },
      ],
    },
  }),
  'tracking-social': entry({
    purpose: 'tracking-social',
    retentionGap: {
      zh: '政策未说明社交媒体平台保存其收集信息的期限（政策称第三方的做法适用其自身条款）；请写明或列出各平台的保存期限。',
      en: "The policy does not say how long social media platforms keep what they collect (it refers to the third parties' own terms); state it, or each platform's period.",
    },
    sectionId: COOKIES,
    title: { zh: '社交媒体 Cookie', en: 'Social media cookies' },
    purposeText: {
      zh: '让您通过第三方社交媒体平台分享页面和内容；发送这些 Cookie 的公司还可能使用您的信息在其他平台上向您展示相关广告。',
      en: 'Let you share pages and content through third-party social media; the companies setting these cookies may also use your information to show you relevant ads on other platforms.',
    },
    method: { zh: '社交媒体平台在您的设备上设置并读取标识。', en: 'The social media platform sets and reads an identifier on your device.' },
    categories: { zh: '分享的页面与内容、设备标识', en: 'Pages and content shared, a device identifier' },
    ifRefused: { zh: '无法一键分享到社交媒体，其他功能不受影响。', en: 'One-tap sharing to social media is off; nothing else changes.' },
    disclosure: {
      article: 'sharing',
      recipients: [
        {
          name: { zh: '社交媒体平台', en: 'Social media platforms' },
          contact: UNNAMED_CONTACT,
          gap: unnamed({ zh: '第三方社交媒体平台', en: 'third-party social media platforms' }),
        },
      ],
    },
  }),
  guardian: entry({
    purpose: 'guardian',
    retentionGap: PROOF_GAP,
    sectionId: 'minor',
    title: { zh: '监护人同意', en: "A guardian's consent" },
    purposeText: {
      zh: '您已满14周岁未满18周岁：按本隐私政策“未成年人”章节，注册会员并处理您的个人信息需要您的父母或其他监护人同意。',
      en: "You are 14 to 17: under the policy's 'Minor' section, joining and having your personal information processed needs the consent of a parent or other guardian.",
    },
    method: { zh: '记录监护人同意的时间与政策版本。', en: "The guardian's consent is recorded with its time and the policy version." },
    categories: { zh: '出生年月、监护人同意记录', en: "Year and month of birth, the record of the guardian's consent" },
    ifRefused: { zh: '不会为您注册会员，您仍可匿名浏览。', en: 'No membership is created; you can still browse anonymously.' },
    disclosure: { article: 'guardian', whoConsents: { zh: '您的父母或其他监护人', en: 'Your parent or other guardian' } },
  }),
});

/** The shop's consent purposes. */
export type ShopPurpose = keyof typeof CONSENT_CATALOGUE;

/** The catalogue entry of a purpose. */
export function consentEntry(purpose: ShopPurpose): ConsentCatalogueEntry {
  return CONSENT_CATALOGUE[purpose];
}
