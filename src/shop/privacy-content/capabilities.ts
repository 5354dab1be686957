/**
 * The shop's capabilities: each runtime capability, its WeChat scope, the gated APIs it
 * covers, its purpose texts and its fallback. app.json `permission` / `requiredPrivateInfos` and
 * the privacy-guide checklist are derived from it (`@maison/privacy/config`), never typed twice. Purposes follow the shop policy ("权限仅在您触发相关业务功能时申请"; Location information).
 */
import type { PermissionCatalogueEntry, PrivacyDeclaration } from '@maison/privacy/config';

const entry = <const K extends PermissionCatalogueEntry['capability']>(e: PermissionCatalogueEntry & { capability: K }): PermissionCatalogueEntry & { capability: K } =>
  Object.freeze({
    ...e,
    gatedApis: Object.freeze([...e.gatedApis]),
    requiredPrivateInfos: Object.freeze([...e.requiredPrivateInfos]),
    purpose: Object.freeze({ ...e.purpose }),
    feature: Object.freeze({ ...e.feature }),
  });

/** The shop uses all three capabilities the module supports. */
export const PERMISSION_CATALOGUE = Object.freeze({
  camera: entry({
    capability: 'camera',
    gatedApis: ['wx.authorize:scope.camera', '<camera>'],
    requiredPrivateInfos: [],
    purpose: {
      what: { zh: '使用您的摄像头', en: 'Use your camera' },
      why: {
        zh: '用于在页面内扫描保修卡，为您的腕表或珠宝登记保修；画面只在本机识别，不会保存或上传。',
        en: 'To scan your warranty card in the page and register the warranty of your watch or jewellery; the image is read on your device only, never stored or uploaded.',
      },
      ifRefused: {
        zh: '您仍可手动输入保修卡上的编号完成登记，其他功能不受影响。',
        en: 'You can still type the number printed on the card to register; everything else keeps working.',
      },
    },
    feature: { id: 'warranty-scan', name: { zh: '扫描保修卡', en: 'Scan a warranty card' } },
    fallback: { zh: '手动输入保修卡编号', en: 'Type the warranty card number' },
  }),
  location: entry({
    capability: 'location',
    gatedApis: ['wx.authorize:scope.userFuzzyLocation', 'wx.getFuzzyLocation'],
    requiredPrivateInfos: ['getFuzzyLocation'],
    permissionDesc: '您的大致位置将用于查找离您最近的精品店',
    purpose: {
      what: { zh: '获取您的大致位置（模糊位置，精确到城市区域）', en: 'Read your approximate location (fuzzy, city-area precision)' },
      why: {
        zh: '用于查找离您最近的精品店并显示距离；位置只在本机用于本次查找，不会保存，也不会发送给我们或任何第三方。',
        en: 'To find the boutiques nearest to you and show how far they are; the location is used on this phone for this search only, never stored or sent to us or anyone else.',
      },
      ifRefused: {
        zh: '您可以从城市列表中选择城市查看精品店，其他功能不受影响。',
        en: 'You can pick a city from the list to see its boutiques; everything else keeps working.',
      },
    },
    feature: { id: 'boutique-finder', name: { zh: '查找附近精品店', en: 'Find a nearby boutique' } },
    fallback: { zh: '从城市列表中选择', en: 'Choose a city from the list' },
  }),
  bluetooth: entry({
    capability: 'bluetooth',
    gatedApis: ['wx.authorize:scope.bluetooth', 'wx.openBluetoothAdapter'],
    requiredPrivateInfos: [],
    purpose: {
      what: { zh: '使用您的蓝牙', en: 'Use your Bluetooth' },
      why: {
        zh: '用于在精品店内识别店内信标，完成到店签到；只在您点击签到时使用。',
        en: 'To detect the in-store beacon and check you in at the boutique; used only when you tap check-in.',
      },
      ifRefused: {
        zh: '您可以向店员出示签到码完成签到，其他功能不受影响。',
        en: 'You can show a check-in code to our staff instead; everything else keeps working.',
      },
    },
    feature: { id: 'boutique-check-in', name: { zh: '到店签到', en: 'Boutique check-in' } },
    fallback: { zh: '向店员出示签到码', en: 'Show a check-in code to staff' },
  }),
});

/**
 * Gated APIs the shop uses that are not runtime permissions; each still needs its data type
 * declared in the privacy guide. Add an entry here before calling such an API in src/.
 */
export const OTHER_PRIVACY_DECLARATIONS: readonly PrivacyDeclaration[] = Object.freeze([
  Object.freeze({
    dataType: 'Clipboard',
    gatedApis: Object.freeze(['wx.setClipboardData']),
    why: {
      zh: '用于在隐私中心复制您的个人数据副本，或在隐私中心与隐私政策中复制我们的联系邮箱；只在您点击“复制全部”或该邮箱地址时写入剪贴板。',
      en: 'To copy the export of your data in the privacy centre, or our contact e-mail address in the privacy centre and the policy; written only when you tap "Copy all" or that address.',
    },
  }),
]);
