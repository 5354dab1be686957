/**
 * 第三方信息共享清单: the policy's "Exhibit 1" (附件1), which it refers to but never ships. Seeded
 * from the recipients the 2023-12 policy names; the shop fills in company names and contacts.
 */
import type { LocalisedText, SharingItem } from '@maison/privacy/config';
import { PRIVACY_CONTACT } from './consents';

const ENTRUSTMENT = 'entrustment-sharing-transferring-and-disclose-your-information';
const THIRD_PARTIES = 'information-collection-by-third-parties';
const COOKIES = 'cookies-and-other-information-that-we-automatically-collect';
const ENTRUSTED = {
  zh: '委托处理：以合同约束，仅用于受委托的目的和处理方式，并定期进行安全影响评估',
  en: 'Entrusted processing under contract, for the entrusted purpose and processing method only, with regular security impact assessments',
};
const IN_APP = {
  zh: '第三方服务嵌入本平台，由该第三方直接收集（标记为“由第三方提供”，须依法征得您的同意）',
  en: 'The third party\'s service runs inside the Platform and collects directly (marked "provided by third party"; it must obtain your consent as the law requires)',
};

/** The gap a row declares when the policy names a kind of recipient, not a company (PIPL art. 23 needs its name and contact). */
const unnamed = (kind: LocalisedText): LocalisedText => ({
  zh: `政策只写明接收方的类型（${kind.zh}），未写明公司名称和联系方式；请列明每一接收方及其联系方式。`,
  en: `The policy gives only the kind of recipient (${kind.en}), not the company or its contact; name each recipient and its contact.`,
});

/** Who else receives personal information, what, why and how. */
export const SHARING_LIST: readonly SharingItem[] = Object.freeze<SharingItem[]>([
  {
    id: 'logistics',
    recipient: { zh: '快递公司、物流公司', en: 'Delivery and logistics companies' },
    recipientGap: unnamed({ zh: '快递公司、物流公司', en: 'Delivery and logistics companies' }),
    type: 'processor',
    data: { zh: '收件人的姓名、地址和电话号码；订单信息', en: "Recipient's name, address and telephone number; order details" },
    purpose: { zh: '交付产品、处理退换货', en: 'Deliver your products and handle returns' },
    method: ENTRUSTED,
    sectionId: ENTRUSTMENT,
  },
  {
    id: 'payment',
    recipient: { zh: '支付服务提供商', en: 'Payment service providers' },
    recipientGap: unnamed({ zh: '支付服务提供商', en: 'Payment service providers' }),
    type: 'sdk',
    data: { zh: '付款金额和方式、订单信息、付款账号', en: 'Payment amount and method, order details, payment account number' },
    purpose: { zh: '完成线上、线下和其它付款服务', en: 'Online, offline and other payment services' },
    method: IN_APP,
    sectionId: THIRD_PARTIES,
  },
  {
    id: 'account-verification',
    recipient: { zh: '账号验证服务提供方', en: 'Account verification providers' },
    recipientGap: unnamed({ zh: '账号验证服务提供方', en: 'Account verification providers' }),
    type: 'sdk',
    data: { zh: '账号标识（如openID和UnionID）、手机号码', en: 'Account identifiers (such as OpenID and UnionID), mobile number' },
    purpose: { zh: '账号验证', en: 'Account verification' },
    method: IN_APP,
    sectionId: THIRD_PARTIES,
  },
  {
    id: 'guardian-sms',
    recipient: { zh: '短信服务提供商：腾讯云短信（SMS）', en: 'SMS provider: Tencent Cloud SMS' },
    recipientGap: {
      zh: '后台经腾讯云短信服务（SendSms 接口）发送监护人验证码，但其运营公司名称与联系方式尚未列明；请列明。',
      en: "The backend sends the guardian's code through Tencent Cloud SMS (its SendSms API), but the operating company's name and contact are not given yet; give them.",
    },
    type: 'processor',
    data: { zh: '监护人的手机号码、验证码', en: "The guardian's mobile number, the confirmation code" },
    purpose: { zh: '未满18周岁的用户注册时，向其监护人发送验证码以确认监护人同意', en: "When a user under 18 registers, send their guardian a code to confirm the guardian's consent" },
    method: ENTRUSTED,
    sectionId: ENTRUSTMENT,
    notInPolicy: {
      zh: '本政策称未满18周岁须取得监护人同意，但未说明如何取得；本小程序向监护人手机发送验证码，政策应写明这一方式及所涉信息。',
      en: "The policy says a user under 18 needs a guardian's consent but not how it is obtained; the mini-program texts a code to the guardian's phone, which the policy should say, with the information involved.",
    },
  },
  {
    id: 'fraud-prevention',
    recipient: { zh: '信用审查和反欺诈服务商', en: 'Credit check and fraud prevention providers' },
    recipientGap: unnamed({ zh: '信用审查和反欺诈服务商', en: 'Credit check and fraud prevention providers' }),
    type: 'processor',
    data: { zh: '订单和付款信息、设备信息', en: 'Order and payment details, device information' },
    purpose: { zh: '执行信用审查及预防欺诈', en: 'Credit checks and fraud prevention' },
    method: ENTRUSTED,
    sectionId: ENTRUSTMENT,
  },
  {
    id: 'marketing-services',
    recipient: {
      zh: '营销服务商、通信服务提供商（如电子邮件、短信）、多媒体通信服务及社交媒体',
      en: 'Marketing service providers, communication service providers (such as emails, SMS), multi-media communication and social media',
    },
    recipientGap: unnamed({ zh: '营销服务商、通信服务提供商（如电子邮件、短信）、多媒体通信服务及社交媒体', en: 'Marketing service providers, communication service providers (such as emails, SMS), multi-media communication and social media', }),
    type: 'processor',
    data: { zh: '联系资料（手机号码、邮箱地址）、营销偏好', en: 'Contact details (mobile number, email address), marketing preferences' },
    purpose: { zh: '发送您同意接收的营销通信', en: 'Send the marketing communications you agreed to receive' },
    method: ENTRUSTED,
    consent: 'marketing',
    sectionId: ENTRUSTMENT,
  },
  {
    id: 'advertising',
    recipient: { zh: '网络广告商、广告交换平台和广告提供者', en: 'Network advertisers, ad exchanges and advertising providers' },
    recipientGap: unnamed({ zh: '网络广告商、广告交换平台和广告提供者', en: 'Network advertisers, ad exchanges and advertising providers' }),
    type: 'third-party',
    data: { zh: '广告Cookies及类似技术收集的信息：设备标识、访问的页面、点击的广告', en: 'Information collected by advertising Cookies and similar technologies: device identifiers, pages visited, ads clicked' },
    purpose: { zh: '在第三方平台投放与您兴趣相关的广告、限制广告展示次数、评估广告和促销的有效性', en: 'Serve ads relevant to your interests on third-party platforms, limit how often you see an ad, evaluate advertising and promotions' },
    method: { zh: '广告Cookies、SDK或Pixels直接收集，仅在您同意使用非必要Cookies后', en: 'Collected directly by advertising Cookies, SDKs or Pixels, only after you accept non-essential Cookies' },
    sectionId: THIRD_PARTIES,
  },
  {
    id: 'social-media',
    recipient: { zh: '第三方社交媒体平台', en: 'Third-party social media platforms' },
    recipientGap: unnamed({ zh: '第三方社交媒体平台', en: 'Third-party social media platforms' }),
    type: 'third-party',
    data: { zh: '社交Cookies收集的信息；用于社交媒体受众匹配的联系资料', en: 'Information collected by social Cookies; contact details used for social media audience matching' },
    purpose: { zh: '分享页面和内容；社交媒体受众匹配', en: 'Share pages and content; social media audience matching' },
    method: { zh: '社交Cookies；受众匹配仅在您同意接收营销通信后', en: 'Social Cookies; audience matching only after you agree to marketing' },
    consent: 'marketing',
    sectionId: COOKIES,
  },
  {
    id: 'authorised-dealers',
    contact: { zh: '您所选经销商的名称和联系方式在同意页面显示，同意前不会共享', en: 'The name and contact of the dealer you chose are shown on the consent sheet; nothing is shared before you agree' },
    recipient: { zh: '卡地亚授权经销商', en: 'Cartier authorised dealers' },
    type: 'third-party',
    data: {
      zh: '姓名、联系方式、预约内容；登记购买、延长保固期和其他交易；您的营销偏好',
      en: 'Name, contact details, the appointment; registered purchases, warranty extensions and other transactions; your marketing preferences',
    },
    purpose: {
      zh: '为您提供您要求的服务；改善您在专卖店内的客户旅程和体验；确保资料最新正确；管理客户和供货商关系',
      en: 'Provide services you request; improve your journey and experience in boutiques; keep your information accurate and up to date; manage client and vendor relationships',
    },
    method: {
      zh: '仅在您单独同意后共享给您所选的经销商（同意页面显示其名称和联系方式）；授权经销商可能作为独立的数据管理者和/或数据处理者',
      en: 'Shared only with your separate consent, with the dealer you chose (the consent sheet shows its name and contact); the dealer may act as an independent data controller and/or data processor',
    },
    consent: 'dealer-sharing',
    sectionId: ENTRUSTMENT,
  },
  {
    id: 'overseas-receiver',
    recipient: { zh: 'Richemont International SA（瑞士）及历峰集团关联公司', en: "Richemont International SA (Switzerland) and Richemont Group's affiliates" },
    type: 'overseas',
    data: {
      zh: '您选择出境的保修登记：保修卡编号、登记时间，以及登记所属的会员账户标识',
      en: 'The warranty registrations you choose to send abroad: the card number, when each was registered, and the member account it belongs to',
    },
    purpose: {
      zh: '特殊情况下根据公司业务需要进行处理；集团关联公司见 https://www.richemont.com/en/home/about-us/global-presence/',
      en: 'Processing in exceptional circumstances based on business needs; Group affiliates: https://www.richemont.com/en/home/about-us/global-presence/',
    },
    method: {
      zh: '取得您的单独同意并通过国家网信部门组织的安全评估后跨境传输；保留至目的达成或您注销账户两者中较早者',
      en: 'Cross-border transfer only after your separate consent and the national cybersecurity department\'s security assessment; kept until the purpose is achieved or you cancel your account, whichever is earlier',
    },
    contact: {
      zh: 'Richemont International SA, 50 chemin de la Chênaie, CP 30, 1293 Bellevue, Geneva, Switzerland；电话：+41 (0) 22 721 3500',
      en: 'Richemont International SA, 50 chemin de la Chênaie, CP 30, 1293 Bellevue, Geneva, Switzerland; Tel: +41 (0) 22 721 3500',
    },
    consent: 'cross-border',
    sectionId: 'cross-border-transfers',
    notInPolicy: {
      zh: '本政策称可能出境的是“您提供给我们的信息以及我们如何使用”中列出的个人信息（包括敏感个人信息）；本小程序只在您登记国际保修并单独同意后，把该次登记（保修卡编号、登记时间、会员账户标识）列为出境，政策应写明。',
      en: 'The policy says what may go abroad is the personal information listed in "Information you provide to us and how we use it", sensitive information included; the mini-program marks for transfer only an international warranty registration (card number, time, member account), with your separate consent, which the policy should say.',
    },
  },
  {
    id: 'trade-partners',
    recipient: { zh: '贸易伙伴', en: 'Trade partners' },
    recipientGap: unnamed({ zh: '贸易伙伴', en: 'Trade partners' }),
    type: 'processor',
    data: { zh: '订单信息、收件人的姓名、地址和电话号码', en: "Order details, recipient's name, address and telephone number" },
    purpose: { zh: '提供线上、线下服务及“您提供给我们的信息以及我们如何使用”所述的其他服务', en: 'Online and offline services and the other services in "Information you provide to us and how we use it"' },
    method: ENTRUSTED,
    sectionId: ENTRUSTMENT,
  },
  {
    id: 'technology-companies',
    recipient: { zh: '技术公司', en: 'Technology companies' },
    recipientGap: unnamed({ zh: '技术公司', en: 'Technology companies' }),
    type: 'processor',
    data: { zh: '为提供其所托管或运维的服务所必需的个人信息（如账户与订单信息）', en: 'The personal information the service they host or run needs (such as account and order details)' },
    purpose: { zh: '托管、运维和支持卡地亚平台', en: "Host, run and support Cartier's Platforms" },
    method: ENTRUSTED,
    sectionId: ENTRUSTMENT,
  },
  {
    id: 'delivery-booking',
    recipient: { zh: '预订送货服务提供方', en: 'Delivery booking providers' },
    recipientGap: unnamed({ zh: '预订送货服务提供方', en: 'Delivery booking providers' }),
    type: 'sdk',
    data: { zh: '收件人的姓名、地址和电话号码、送货时间', en: "Recipient's name, address and telephone number, delivery time" },
    purpose: { zh: '预订送货服务', en: 'Book deliveries' },
    method: IN_APP,
    sectionId: THIRD_PARTIES,
  },
  {
    id: 'cartier-group',
    recipient: { zh: 'CARTIER SA 总部（瑞士 Meyrin）、卡地亚关联机构和专卖店', en: 'CARTIER SA head office (Meyrin, Switzerland), Cartier affiliates and boutiques' },
    type: 'third-party',
    data: { zh: '姓名、联系方式、会员信息、购买与售后记录', en: 'Name, contact details, membership information, purchase and after-sales records' },
    purpose: { zh: '实现“您提供给我们的信息以及我们如何使用”所述目的，例如在各专卖店提供会员与售后服务', en: 'The purposes in "Information you provide to us and how we use it", such as membership and after-sales service in any boutique' },
    method: { zh: '仅在您单独同意后共享；境外机构另需您对个人信息出境的单独同意', en: 'Shared only with your separate consent; recipients abroad also need your separate consent to transfer abroad' },
    contact: { zh: 'CARTIER SA, Rue André-De-Garrini 3, 1217 Meyrin，瑞士；历峰商业有限公司，上海市延安中路1228号静安嘉里中心三座701-708室', en: 'CARTIER SA, Rue André-De-Garrini 3, 1217 Meyrin, Switzerland; Richemont Commercial Company Limited, 701-708 Tower 3 Kerry Center, 1228 Yan’an Zhong Lu, Shanghai' },
    consent: 'affiliate-sharing',
    sectionId: 'about-cartier-sa-and-this-privacy-policy',
  },
  {
    id: 'merger-transferee',
    contact: { zh: '交易发生前无法确定买方；相关事宜请联系：' + PRIVACY_CONTACT.zh, en: 'The buyer cannot be known before a transaction; for anything about it contact: ' + PRIVACY_CONTACT.en },
    recipient: { zh: '合并、收购或资产转让中的买方', en: 'The buyer in a merger, acquisition or transfer of assets' },
    type: 'third-party',
    data: { zh: '卡地亚持有的您的个人信息', en: 'The personal information Cartier holds about you' },
    purpose: { zh: '涉及卡地亚全部或大部分资产或业务的合并、收购、转让或类似交易', en: "A merger, acquisition, transfer or similar transaction involving all or most of Cartier's assets or business" },
    method: { zh: '转让；买方须继续受本隐私政策约束，否则须重新征得您的同意', en: 'Transfer; the buyer stays bound by this policy, or must ask for your consent again' },
    sectionId: ENTRUSTMENT,
  },
  {
    id: 'authorities',
    contact: { zh: '提出要求的有权机关，无法事先列明；相关事宜请联系：' + PRIVACY_CONTACT.zh, en: 'The authority that makes the demand, which cannot be listed in advance; for anything about it contact: ' + PRIVACY_CONTACT.en },
    recipient: { zh: '执法机构、法庭、监管机构、政府当局', en: 'Law enforcement, courts, regulators, government authorities' },
    type: 'third-party',
    data: { zh: '法律或有权机关要求提供的个人信息', en: 'The personal information the law or a competent authority requires' },
    purpose: { zh: '履行法定职责和义务，遵守法律规定或保护我们或第三方的合法权利', en: 'Meet legal duties, comply with the law or protect our or third parties’ legal rights' },
    method: { zh: '依法披露，无需事先征得您的同意（《个人信息保护法》第十三条）', en: 'Disclosed as the law requires, without prior consent (PIPL art. 13)' },
    sectionId: ENTRUSTMENT,
  },
]);
