/** Acme Coffee's privacy description: who it is, its policy, one separate consent, one capability. */
import { definePrivacyApp } from '@maison/privacy/config';

const CONTACT = { zh: '个人信息保护负责人：privacy@acme.example', en: 'Personal information protection officer: privacy@acme.example' };

export const ACME_PRIVACY = definePrivacyApp({
  controller: {
    name: { zh: '阿克米咖啡有限公司', en: 'Acme Coffee Co., Ltd.' },
    shortName: { zh: '阿克米咖啡', en: 'Acme Coffee' },
    address: { zh: '杭州市西湖区示例路 1 号', en: '1 Example Road, Xihu District, Hangzhou' },
    privacyContact: CONTACT,
  },
  // The policy's version and content hash (`npm test` runs privacyAppProblems, which prints the right hash).
  policy: { version: 1, contentHash: '3891eba45306e4fbaf39a4b30baf249597360fe68a6afa073d0a3668dfc0e057' },
  consents: {
    'member-news': {
      purpose: 'member-news',
      sectionId: 'member-news',
      title: { zh: '会员资讯', en: 'Member news' },
      purposeText: { zh: '通过短信向您发送新品与会员活动信息。', en: 'Text you about new drinks and member events.' },
      method: { zh: '使用您的手机号码发送短信。', en: 'Your mobile number is used to send the texts.' },
      categories: { zh: '手机号码', en: 'Mobile number' },
      ifRefused: { zh: '不影响点单与订单通知，可随时在隐私中心更改。', en: 'Ordering and order updates are unaffected; change it any time in the privacy centre.' },
      // Acme's policy states no retention yet: declared as a gap (the check accepts it, the ops console lists it).
      retentionGap: { zh: 'Acme 的政策未写明会员资讯所用手机号码的保存期限。', en: "Acme's policy does not say how long the mobile number used for member news is kept." },
      disclosure: { article: 'general' },
    },
  },
  capabilities: {
    camera: {
      capability: 'camera',
      gatedApis: ['wx.authorize:scope.camera', '<camera>'],
      requiredPrivateInfos: [],
      purpose: {
        what: { zh: '使用您的相机', en: 'Use your camera' },
        why: { zh: '用于扫描桌台二维码点单；画面只在本机识别，不会保存或上传。', en: "To scan the table's QR code to order; the image is read on your phone only, never stored or uploaded." },
        ifRefused: { zh: '您可以输入桌号点单，其他功能不受影响。', en: 'You can type the table number instead; everything else keeps working.' },
      },
      feature: { id: 'table-scan', name: { zh: '扫码点单', en: 'Scan to order' } },
      fallback: { zh: '输入桌号', en: 'Type the table number' },
    },
  },
});
