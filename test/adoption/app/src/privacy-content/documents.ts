/** Acme Coffee's policy, its two lists and what a cancellation keeps: imported by its privacy pages only (they ship in that subpackage). */
import { definePrivacyDocuments, type PolicyDocument } from '@maison/privacy/config';
import policy from './policy.json';
import { ACME_PRIVACY } from './app';

export const ACME_DOCUMENTS = definePrivacyDocuments({
  policy: { contentHash: ACME_PRIVACY.policy.contentHash, document: policy as PolicyDocument },
  collectionList: [
    {
      id: 'member-mobile',
      category: { zh: '会员信息', en: 'Membership' },
      items: { zh: '手机号码', en: 'Mobile number' },
      purpose: { zh: '登录与订单通知', en: 'Signing in and order updates' },
      scene: { zh: '注册会员', en: 'Joining' },
      required: true,
      sensitive: false,
      sectionId: 'what-we-collect',
      retentionGap: { zh: 'Acme 的政策未写明会员手机号码的保存期限。', en: "Acme's policy does not say how long the member's mobile number is kept." },
    },
    {
      id: 'member-news',
      category: { zh: '会员资讯', en: 'Member news' },
      items: { zh: '手机号码', en: 'Mobile number' },
      purpose: { zh: '发送新品与会员活动信息', en: 'Texts about new drinks and member events' },
      scene: { zh: '开启会员资讯', en: 'Turning on member news' },
      required: false,
      sensitive: false,
      consent: 'member-news',
      sectionId: 'member-news',
      retentionGap: { zh: 'Acme 的政策未写明会员资讯所用手机号码的保存期限。', en: "Acme's policy does not say how long the mobile number used for member news is kept." },
    },
  ],
  sharingList: [
    {
      id: 'sms-gateway',
      recipient: { zh: '短信服务商（示例短信有限公司）', en: 'SMS provider (Example SMS Ltd.)' },
      type: 'processor',
      data: { zh: '手机号码', en: 'Mobile number' },
      purpose: { zh: '发送登录验证码与会员资讯', en: 'Sending sign-in codes and member news' },
      method: { zh: '委托处理，以合同约束', en: 'Entrusted processing under contract' },
      sectionId: 'what-we-collect',
      recipientGap: { zh: 'Acme 的政策未写明短信服务商的联系方式。', en: "Acme's policy does not give the SMS provider's contact." },
    },
  ],
  // What Acme still keeps once a member cancels, shown on the cancellation page before they ask.
  afterCancellation: [
    {
      id: 'consent-records',
      category: { zh: '您对隐私政策与会员资讯作出的选择及其日期', en: 'Your choices on the privacy policy and member news, with their days' },
      form: { zh: '以密钥化名保存（去标识化，不是匿名化）。', en: 'Under a keyed pseudonym (pseudonymised, not anonymised).' },
      basis: { zh: '证明曾取得您的同意（《个人信息保护法》第十四条）。', en: 'To prove we had your consent (PIPL art. 14).' },
      period: { zh: 'Acme 的政策未规定期限。', en: "Acme's policy sets no period." },
    },
  ],
});
