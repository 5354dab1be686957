/**
 * The shop's separate consents (单独同意) and tracking categories, in the policy's terms. Each is asked on
 * its own step when the feature that needs it is first used; none is ever pre-ticked. A consent the
 * policy provides for but no feature of this app uses carries a `notInApp` note and is never asked.
 * Each entry says what the PIPL article it rests on requires (`domain/consent-schema.ts`);
 * `privacyAppProblems` (`npm run check:catalogue`) refuses an entry that does not.
 */
import type { ConsentCatalogueEntry, ConsentRecipient } from '@maison/privacy/config';
import { BROWSING_RETENTION, MARKETING_RETENTION, NOTHING_KEPT, OVERSEAS_RETENTION, PROOF_GAP, TRANSACTION_GAP, UNTIL_CANCELLED } from './retention';

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

/**
 * The customer service the policy's "Contact us" gives (telephone and e-mail): where shoppers, and
 * the parents and guardians of minors (its "Minor" section), reach the shop.
 */
export const CUSTOMER_SERVICE = Object.freeze({ phone: '+86 400 885 6618', email: 'customerservice.cn@cartier.com' });

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
  en: 'the policy does not name them or give their contact; for anything about them contact: ' + PRIVACY_CONTACT.en,
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
    retention: BROWSING_RETENTION,
    sectionId: INFO,
    title: { zh: '个性化推荐与自动化决策', en: 'Personalised recommendations and automated decisions' },
    purposeText: {
      zh: '根据您在本小程序中打开过的商品（网页浏览记录），以自动化决策方式为您推荐可能感兴趣的商品。不会因此在交易价格等交易条件上对您实行不合理的差别待遇。',
      en: 'Use the products you opened in the mini-program (your browsing records) to recommend products that may interest you by automated decision-making. This never leads to unfair differences in prices or other terms.',
    },
    method: {
      zh: '您登录后每打开一件商品，我们记录该商品及时间（保留最近 50 条），并据此自动生成推荐；您可随时拒绝，并可在隐私中心的“我的请求”中要求我们说明。',
      en: 'While you are signed in, each product you open is recorded with its time (the latest 50 are kept) and the recommendations are made from them automatically; you can refuse any time and ask us to explain under "My requests" in the privacy centre.',
    },
    categories: { zh: '网页浏览记录（您打开过的商品及时间）', en: 'Browsing records (the products you opened, and when)' },
    ifRefused: {
      zh: '我们不记录您打开过的商品，您将看到不针对您个人特征的通用推荐。可随时在隐私中心更改。',
      en: 'The products you open are not recorded, and you see recommendations not based on your personal characteristics. You can change this any time in the privacy centre.',
    },
    disclosure: {
      article: 'sensitive',
      items: [
        {
          category: { zh: '网页浏览记录（您打开过的商品及时间）', en: 'Browsing records (the products you opened, and when)' },
          necessity: {
            zh: '推荐与您看过的商品相近的商品，必须知道您看过哪些商品；不记录就只能给出通用推荐。',
            en: 'Recommending products like the ones you looked at needs to know which ones you looked at; without the record only general recommendations can be given.',
          },
          impact: {
            zh: '泄露可能暴露您的兴趣与消费倾向，被用于骚扰或诈骗；我们只保留最近 50 条，只用于推荐，不用于广告。',
            en: 'A leak could reveal your interests and spending habits and be used to harass or defraud you; we keep the latest 50 only, for recommendations only, never for advertising.',
          },
        },
      ],
    },
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
    categories: {
      zh: '您选择出境的保修登记：保修卡编号、登记时间，以及登记所属的会员账户标识',
      en: 'The warranty registrations you choose to send abroad: the card number, when each was registered, and the member account it belongs to',
    },
    ifRefused: {
      zh: '您的保修只在中国大陆登记和处理，不会传输至境外；其他功能不受影响。',
      en: 'Your warranty is registered and handled in mainland China only and nothing goes abroad; nothing else changes.',
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
    notInApp: {
      zh: '本小程序没有与卡地亚总部、关联机构或专卖店共享信息的功能，不请求本同意。',
      en: 'The mini-program has no feature that shares information with Cartier head office, affiliates or boutiques, so it does not ask for this consent.',
    },
  }),
  // The sensitive information the policy names, one consent per purpose it gives (PIPL arts. 14, 29:
  // a separate consent is specific to its purpose). Browsing records go with the recommendations
  // that use them (`personalisation`); the policy gives no purpose for whereabouts or precise
  // location, and the app collects neither.
  'sensitive-payment': entry({
    purpose: 'sensitive-payment',
    retentionGap: TRANSACTION_GAP,
    sectionId: INFO,
    title: { zh: '支付：付款账号与身份证信息', en: 'Payment: payment account and ID information' },
    purposeText: {
      zh: '为处理您订单的支付流程，处理您的付款账号和身份证信息（本政策“您提供给我们的信息以及我们如何使用”将其列为付款信息）。',
      en: 'Process your payment account number and ID information to process the payment of your order (the policy’s "Information you provide to us and how we use it" lists them as payment information).',
    },
    method: { zh: '仅用于处理该笔支付，仅限需要的员工访问。', en: 'Used for that payment only, by the staff who need it.' },
    categories: { zh: '付款账号、身份证信息', en: 'Payment account number, ID information' },
    ifRefused: {
      zh: '我们无法为需要付款账号或身份证信息的付款处理支付流程，您将无法以这种方式付款；浏览商品等不涉及付款的功能不受影响。',
      en: 'We cannot process a payment that needs your payment account or ID information, so you cannot pay that way; browsing and other features that involve no payment keep working.',
    },
    disclosure: {
      article: 'sensitive',
      items: [
        {
          category: { zh: '付款账号（金融账户）', en: 'Payment account number (a financial account)' },
          necessity: { zh: '处理支付流程必须使用您付款所用的账号。', en: 'Processing the payment cannot be done without the account you pay from.' },
          impact: { zh: '泄露可能导致资金损失或账户被冒用。', en: 'A leak could lead to financial loss or misuse of your account.' },
        },
        {
          category: { zh: '身份证信息（特定身份）', en: 'ID information (special identity)' },
          necessity: { zh: '本政策将其列为处理支付流程所需的付款信息。', en: 'The policy lists it among the payment information needed to process the payment.' },
          impact: { zh: '泄露可能导致身份被冒用，进而造成财产损失。', en: 'A leak could lead to identity theft and, through it, financial loss.' },
        },
      ],
    },
    notInApp: { zh: '本小程序没有支付功能，不收集付款账号或身份证信息，不请求本同意。', en: 'The mini-program has no payment, collects no payment account or ID information, and does not ask for this consent.' },
  }),
  'sensitive-refund': entry({
    purpose: 'sensitive-refund',
    retentionGap: TRANSACTION_GAP,
    sectionId: INFO,
    title: { zh: '退款至银行账户：银行账号与交易记录', en: 'Refund to a bank account: bank account and transaction records' },
    purposeText: {
      zh: '为将退款退回您指定的银行账户，处理您的银行账号，并核对对应的交易和消费记录（本政策所列目的“退款”）。',
      en: 'Process your bank account number, and check the transaction and consumption records behind it, to pay a refund into the bank account you name (the policy’s purpose "refund").',
    },
    method: { zh: '仅用于该次退款，仅限需要的员工访问。', en: 'Used for that refund only, by the staff who need it.' },
    categories: { zh: '银行账号、交易和消费记录', en: 'Bank account number, transaction and consumption records' },
    ifRefused: {
      zh: '我们不处理您的银行账号，也就无法把退款退至您指定的银行账户；其他功能不受影响。',
      en: 'Your bank account number is not processed, so no refund can be paid into an account you name; nothing else changes.',
    },
    disclosure: {
      article: 'sensitive',
      items: [
        {
          category: { zh: '银行账号（金融账户）', en: 'Bank account number (a financial account)' },
          necessity: { zh: '把退款退至您指定的银行账户必须使用该账号。', en: 'A refund into the account you name cannot be paid without its number.' },
          impact: { zh: '泄露可能导致资金损失或账户被冒用；我们只用于该次退款。', en: 'A leak could lead to financial loss or misuse of your account; we use it for that refund only.' },
        },
        {
          category: { zh: '交易和消费记录（个人财务信息）', en: 'Transaction and consumption records (financial information)' },
          necessity: { zh: '核对退款对应的交易必须使用该交易记录。', en: 'Checking the transaction the refund is for cannot be done without its record.' },
          impact: { zh: '泄露可能暴露您的消费情况与财务状况。', en: 'A leak could reveal what you buy and your financial situation.' },
        },
      ],
    },
    notInApp: {
      zh: '本小程序没有申请退款的页面：后台的退款接口（POST /v1/shop/refunds）要求本同意，但没有任何功能调用它，因此不请求本同意。',
      en: 'The mini-program has no page to ask for a refund: the backend’s refund route (POST /v1/shop/refunds) requires this consent, but no feature calls it, so the consent is not asked for.',
    },
  }),
  'sensitive-call-recording': entry({
    purpose: 'sensitive-call-recording',
    retention: UNTIL_CANCELLED,
    sectionId: INFO,
    title: { zh: '电话录音', en: 'Call recording' },
    purposeText: {
      zh: '您致电卡地亚时，出于安全、取证、培训、质量监控、分析以及开发之目的，对您与我们的电话通话录音。',
      en: 'When you call Cartier, your call with us is recorded for security, evidence, training, quality control, analysis and development.',
    },
    method: { zh: '保存通话录音，仅限需要的员工为上述目的使用。', en: 'The recording is kept and used for these purposes by the staff who need it only.' },
    categories: { zh: '您与我们的电话通话录音', en: 'Your phone calls with us, which may be recorded' },
    ifRefused: {
      zh: '您仍可通过本政策“联系我们”中的地址以书面方式联系我们；其他功能不受影响。',
      en: 'You can still write to us at the address in the policy’s "Contact us"; nothing else changes.',
    },
    disclosure: {
      article: 'sensitive',
      items: [
        {
          category: { zh: '通话录音（通信记录和内容）', en: 'Your phone calls with us, which may be recorded (communication records and content)' },
          necessity: { zh: '安全、取证、培训与质量监控需要通话的原话，只有录音能保留。', en: 'Security, evidence, training and quality control need the words of the call, which only a recording keeps.' },
          impact: { zh: '泄露可能暴露您在通话中谈及的私人事项。', en: 'A leak could expose private matters you spoke about.' },
        },
      ],
    },
    notInApp: {
      zh: '电话在本小程序之外进行：本小程序不拨打或录音电话，不请求本同意；应在通话时征求。',
      en: 'Calls happen outside the mini-program: it neither places nor records calls and does not ask for this consent, which belongs to the call itself.',
    },
  }),
  'sensitive-live-chat': entry({
    purpose: 'sensitive-live-chat',
    retention: UNTIL_CANCELLED,
    sectionId: INFO,
    title: { zh: '在线客服', en: 'Live chat' },
    purposeText: {
      zh: '您使用在线客服时，处理您的咨询内容（包括您的偏好），以便更快地回应您的咨询并提高服务质量。',
      en: 'When you use live chat, your questions and chat content (including your preferences) are processed, to answer you faster and improve our service.',
    },
    method: { zh: '保存咨询记录，由客服人员用于回应和改进服务，仅限需要的员工访问。', en: 'The chat is kept and used by our customer service staff to answer and to improve the service, and by no one else.' },
    categories: { zh: '在线客服的咨询内容（包括您的偏好）', en: 'Your questions and chat content in live chat (including your preferences)' },
    ifRefused: {
      zh: '您无法使用在线客服（不处理咨询内容就无法回应），仍可通过本政策“联系我们”中的地址联系我们；其他功能不受影响。',
      en: 'You cannot use live chat (we cannot answer without reading what you write); you can still write to us at the address in the policy’s "Contact us"; nothing else changes.',
    },
    disclosure: {
      article: 'sensitive',
      items: [
        {
          category: { zh: '咨询内容（通信记录和内容）', en: 'Chat content (communication records and content)' },
          necessity: { zh: '回应您的咨询必须读取并保存您写下的内容。', en: 'Answering you cannot be done without reading and keeping what you write.' },
          impact: { zh: '泄露可能暴露您的私人偏好与交流内容。', en: 'A leak could expose your preferences and what you said.' },
        },
      ],
    },
    notInApp: { zh: '本小程序没有在线客服，不请求本同意。', en: 'The mini-program has no live chat and does not ask for this consent.' },
  }),
  'sensitive-video-chat': entry({
    purpose: 'sensitive-video-chat',
    retention: UNTIL_CANCELLED,
    sectionId: INFO,
    title: { zh: '视频聊天：聊天内容', en: 'Video chat: what is said' },
    purposeText: {
      zh: '您使用视频聊天时，收集聊天内容（包括您的偏好），以便向您提供客制化服务并提高服务质量。',
      en: 'When you use video chat, the chat content (including your preferences) is collected to give you a customised service and improve our service.',
    },
    method: { zh: '保存聊天内容，由为您服务的员工使用。', en: 'The chat content is kept and used by the staff serving you.' },
    categories: { zh: '视频聊天的聊天内容（包括您的偏好）', en: 'The chat content of video chat (including your preferences)' },
    ifRefused: {
      zh: '您无法使用视频聊天，仍可通过本政策“联系我们”中的地址联系我们；其他功能不受影响。',
      en: 'You cannot use video chat; you can still write to us at the address in the policy’s "Contact us"; nothing else changes.',
    },
    disclosure: {
      article: 'sensitive',
      items: [
        {
          category: { zh: '聊天内容（通信记录和内容）', en: 'Chat content (communication records and content)' },
          necessity: { zh: '按您的偏好提供客制化服务，必须知道您在聊天中说了什么。', en: 'A service customised to your preferences needs what you said in the chat.' },
          impact: { zh: '泄露可能暴露您的私人偏好与交流内容。', en: 'A leak could expose your preferences and what you said.' },
        },
      ],
    },
    notInApp: { zh: '本小程序没有视频聊天功能，不请求本同意。', en: 'The mini-program has no video chat and does not ask for this consent.' },
  }),
  'sensitive-video-recording': entry({
    purpose: 'sensitive-video-recording',
    retention: UNTIL_CANCELLED,
    sectionId: INFO,
    title: { zh: '视频聊天：通话录音', en: 'Video chat: recording' },
    purposeText: {
      zh: '您使用视频聊天时，出于培训、质量监控、分析以及开发之目的，有时对您与卡地亚的视频通话录音。',
      en: 'When you use video chat, your video call with Cartier may sometimes be recorded for training, quality monitoring, analysis and development.',
    },
    method: { zh: '保存视频通话录音，仅限需要的员工为上述目的使用。', en: 'The recording is kept and used for these purposes by the staff who need it only.' },
    categories: { zh: '视频通话录音', en: 'Your video calls with us, which may be recorded' },
    ifRefused: {
      zh: '您无法使用会被录音的视频聊天，仍可通过本政策“联系我们”中的地址联系我们；其他功能不受影响。',
      en: 'You cannot use video chat that may be recorded; you can still write to us at the address in the policy’s "Contact us"; nothing else changes.',
    },
    disclosure: {
      article: 'sensitive',
      items: [
        {
          category: { zh: '视频通话录音（通信记录和内容）', en: 'Your video calls with us, which may be recorded (communication records and content)' },
          necessity: { zh: '培训与质量监控需要通话的原样，只有录音能保留。', en: 'Training and quality monitoring need the call as it was, which only a recording keeps.' },
          impact: { zh: '泄露可能暴露您的影像、声音与交流内容。', en: 'A leak could expose your image, your voice and what you said.' },
        },
      ],
    },
    notInApp: { zh: '本小程序没有视频聊天功能，不录制任何通话，不请求本同意。', en: 'The mini-program has no video chat, records no call, and does not ask for this consent.' },
  }),
  // The earlier single consent for every sensitive category and purpose, split above. Kept so a
  // grant given before can still be withdrawn and events recorded under it stay valid for the server.
  sensitive: entry({
    purpose: 'sensitive',
    retention: NOTHING_KEPT,
    sectionId: INFO,
    title: { zh: '敏感个人信息（已停用的合并同意）', en: 'Sensitive personal information (earlier combined consent, no longer used)' },
    purposeText: {
      zh: '本小程序早前以这一项同意涵盖多类敏感个人信息及多种用途，现已按用途拆分为各自单独的同意。本项不再用于任何处理，我们不依据本项处理您的任何信息；如您曾同意本项，可在这里撤回。',
      en: 'The mini-program once asked one consent for several kinds of sensitive information and several purposes; it is now split into a separate consent per purpose. This one is no longer used: nothing about you is processed on it. If you gave it, you can withdraw it here.',
    },
    method: { zh: '不依据本项处理任何信息。', en: 'Nothing is processed on this consent.' },
    categories: { zh: '无：原涵盖的各类信息已分别列入对应用途的同意，或本小程序不收集', en: 'None: what it covered is in the consent of each purpose, or is not collected by the mini-program' },
    ifRefused: { zh: '不影响任何功能。', en: 'No feature is affected.' },
    disclosure: { article: 'general' },
    notInApp: {
      zh: '已按用途拆分的旧合并同意，任何功能都不使用它，不再询问；保留只为让曾同意的购物者可以撤回，并让已记录的事件仍被服务器接受。',
      en: 'The earlier combined consent, split by purpose: no feature uses it and it is never asked again; kept only so a shopper who gave it can withdraw it and events recorded under it stay valid for the server.',
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
    notInApp: {
      zh: '本小程序没有公开披露个人信息的功能（本同意的说明也如此写明），不请求本同意；如将来确需公开披露，在该功能中事先告知并单独征求同意（《个人信息保护法》第二十五条）。',
      en: 'The mini-program has no feature that discloses personal information publicly (as this consent itself says), so it does not ask for it; a disclosure ever needed would be told and asked for separately in that feature (PIPL art. 25).',
    },
  }),
  'tracking-functional': entry({
    purpose: 'tracking-functional',
    retention: UNTIL_CANCELLED,
    sectionId: COOKIES,
    title: { zh: '功能类 Cookie', en: 'Functional cookies' },
    purposeText: {
      zh: '通过功能类 Cookie 记住您的偏好（如地区、购物车内容），提供更便捷的功能。本小程序没有此类 Cookie；您在隐私政策页选择的语言只保存在本机，无需此项同意。',
      en: 'Remember your preferences (such as region or basket) with functional cookies, for easier use. The mini-program sets no such cookie; the language you choose on the policy page is kept on this phone only and needs no consent.',
    },
    method: { zh: '在您的设备上存储标识，由本小程序读取。', en: 'An identifier stored on your device and read by the mini-program.' },
    categories: { zh: '地区、购物车等偏好设置，设备标识', en: 'Preferences such as region and basket, a device identifier' },
    ifRefused: { zh: '不影响任何功能：您选择的语言照常保存在本机。', en: 'Nothing changes: the language you choose is still kept on this phone.' },
    disclosure: { article: 'general' },
    notInApp: {
      zh: '本小程序没有功能类 Cookie，不请求本同意。它只记住您在隐私政策页选择的语言（本机存储“zh”或“en”，不含任何标识，不发送给我们，不属于个人信息），不以本同意为前提。政策称依您的同意使用非必要 Cookie，下一版本应写明语言选择不在此列。',
      en: 'The mini-program has no functional cookie and does not ask for this consent. It only remembers the language chosen on the policy page ("zh" or "en" on this phone, with no identifier, never sent to us, not personal information), without this consent. The policy says non-essential cookies are used with consent: its next version should say the language choice is not one of them.',
    },
  }),
  'tracking-analytics': entry({
    purpose: 'tracking-analytics',
    retention: UNTIL_CANCELLED,
    sectionId: COOKIES,
    title: { zh: '使用统计', en: 'Usage statistics' },
    purposeText: {
      zh: '记录页面被访问的次数（目前为首页），用于了解小程序的使用情况并改进小程序。',
      en: 'Count how often pages are visited (the home page today), to see how the mini-program is used and improve it.',
    },
    method: {
      zh: '您打开页面时，本小程序把该页面的路径发送给我们的服务器，不附带您的登录凭证或任何设备标识，无法关联到您或本机；只用于统计访问次数。',
      en: 'When you open the page, the mini-program sends its path to our server without your sign-in token or any device identifier, so it cannot be linked to you or this phone; it is only counted.',
    },
    categories: { zh: '访问的页面（页面路径）', en: 'The page visited (its path)' },
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
    notInApp: {
      zh: '本小程序没有接入任何广告合作方，不向其提供任何信息，不请求本同意。',
      en: 'The mini-program works with no advertising partner and gives them nothing, so it does not ask for this consent.',
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
    notInApp: {
      zh: '本小程序没有分享到社交媒体的功能，也没有社交媒体 Cookie，不请求本同意。',
      en: 'The mini-program has no sharing to social media and no social media cookie, so it does not ask for this consent.',
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
    method: {
      zh: '您填写监护人的手机号码，我们经腾讯云短信服务向该号码发送验证码；监护人将验证码告诉您并由您填写，验证通过后才记录监护人同意（时间与政策版本）并注册账户。手机号码本身不保存，只保存其散列值与确认时间，作为同意的证明。',
      en: "You enter your guardian's mobile number and we send a code to it by Tencent Cloud SMS; your guardian tells you the code and you type it. Only once it checks out is the guardian's consent recorded (time and policy version) and the account made. The number itself is not kept: only a hash of it and the time of the confirmation, as proof of the consent.",
    },
    categories: {
      zh: '出生年月（仅在本机判断年龄，不保存）、监护人手机号码（仅保存散列值）、监护人同意记录',
      en: "Year and month of birth (used on your phone for the age check, not kept), your guardian's mobile number (only a hash of it is kept), the record of the guardian's consent",
    },
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
