/**
 * The demo shop's privacy description: the controller, the policy it ships, the separate consents
 * it asks for and the capabilities it uses. The module takes it as input (`RootStore`'s `app`,
 * `appJsonPermission(app)`), exactly as any adopting app passes its own. Evaluated by
 * `app.config.ts` at build time too: data only.
 */
import { definePrivacyApp } from '@maison/privacy/config';
import { BUNDLED_POLICY_REF } from './bundled-policy-ref';
import { OTHER_PRIVACY_DECLARATIONS, PERMISSION_CATALOGUE } from './capabilities';
import { CONSENT_CATALOGUE, CUSTOMER_SERVICE } from './consents';

/** Where the shop mounts the module's pages (`src/privacy-pages/<page>/index.tsx`). */
export const PRIVACY_PAGES_ROOT = 'privacy-pages';

export const SHOP_PRIVACY = definePrivacyApp({
  controller: {
    name: { zh: '历峰商业有限公司', en: 'Richemont Commercial Company Limited' },
    shortName: { zh: '卡地亚', en: 'Cartier' },
    address: {
      zh: '上海市延安中路1228号静安嘉里中心三座701-708室（邮编200041）',
      en: 'Units 701–708, Tower 3, Jing An Kerry Centre, 1228 Middle Yan’an Road, Shanghai 200041',
    },
    // The policy's "Contact us": the address, the telephone and the e-mail (WeChat's collector
    // settings and Douyin's agreement form take it from here; Douyin's needs a phone or an e-mail).
    privacyContact: {
      zh: `历峰商业有限公司，上海市延安中路1228号静安嘉里中心三座701-708室（邮编200041）；电话：${CUSTOMER_SERVICE.phone}；邮箱：${CUSTOMER_SERVICE.email}`,
      en: `Richemont Commercial Company Limited, Units 701–708, Tower 3, Jing An Kerry Centre, 1228 Middle Yan’an Road, Shanghai 200041; tel. ${CUSTOMER_SERVICE.phone}; e-mail ${CUSTOMER_SERVICE.email}`,
    },
  },
  policy: { version: BUNDLED_POLICY_REF.version, contentHash: BUNDLED_POLICY_REF.contentHash },
  consents: CONSENT_CATALOGUE,
  capabilities: PERMISSION_CATALOGUE,
  otherDeclarations: OTHER_PRIVACY_DECLARATIONS,
  // The first-run sheet in the shop's words: what browsing involves (as the collection list says:
  // the IP address every request carries, the decisions kept on the phone; no identifier until sign-in),
  // its three capabilities and the consents it asks for by short names.
  texts: {
    zh: {
      sheet: {
        points: [
          '浏览商品无需登录，也无需您提供个人信息：服务器只收到联网必带的 IP 地址（仅用于限制请求频率，不写入日志），您的同意与授权决定连同一个随机设备标识只保存在本机。注册会员、预约、登记保修等功能需要处理您的账户及您提供的信息。',
          '相机、位置、蓝牙等权限只在您使用相关功能时单独询问，不会默认开启。',
          '营销推送、个性化推荐（使用您的浏览记录）、跨境传输、与授权经销商共享、使用统计均需您另行单独同意，可随时撤回。',
          '您可以在“我的 › 隐私中心”查看、更正、导出您的信息，撤回同意或注销账户。',
        ],
      },
    },
    en: {
      sheet: {
        points: [
          'Browsing needs no sign-in and no personal information: our server gets only the IP address every connection carries (to limit request rates, never logged), and your privacy choices stay on this phone with a random device id. Membership, appointments and warranty registration process your account and what you give us.',
          'Camera, location and Bluetooth are asked for one at a time, only when you use the feature that needs them.',
          'Marketing, personalised recommendations (from your browsing records), cross-border transfer, sharing with authorised dealers and usage statistics each need your separate consent, which you can withdraw at any time.',
          'In Me › Privacy centre you can see, correct and download your information, withdraw consent or cancel your account.',
        ],
      },
    },
  },
});

/** The shop's consent purposes, as the module's stores take them. */
export type ShopApp = typeof SHOP_PRIVACY;
