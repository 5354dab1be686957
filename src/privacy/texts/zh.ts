/**
 * 中文: what the main package shows (the sheets, the permission hint, the cancellation notice and
 * the words they share), keyed by screen. Its type is every language's (`MainTexts`): a key
 * missing in another language does not compile. The pages' texts are in `zh.pages.ts`.
 */
import type { ChinaTime } from '../domain/chinaTime';
import type { DisclosureArticle } from '../domain/consent-schema';
import type { CancellationStatus } from '../domain/contract';
import { HOST_APP, ON_DOUYIN } from './hostApp';

const isH5 = process.env.TARO_ENV === 'h5';
const pad = (n: number) => String(n).padStart(2, '0');

export const ZH = {
  /** Words more than one screen uses. */
  common: {
    /** The back control of the browser build's pages. */
    back: '返回',
    collectionList: '个人信息收集清单',
    sharingList: '第三方信息共享清单',
    /** After a label. */
    colon: '：',
    cancellationStatus: { pending: '注销申请已提交（冷静期中）', processing: '注销处理中', completed: '账户已注销', withdrawn: '注销申请已撤销' } satisfies Record<CancellationStatus, string>,
    /** Shown after the local wipe: on WeChat, how to remove the mini-program from its recent list. */
    accountDeleted: ON_DOUYIN
      ? '您的账户已注销，本机上的相关数据也已清除。'
      : '您的账户已注销，本机上的相关数据也已清除。如需从微信“最近使用”中移除本小程序：在微信首页下拉打开小程序列表，长按本小程序，拖到“删除”即可。',
    /** An instant in China time. */
    time: (t: ChinaTime) => `${t.year}年${t.month}月${t.day}日 ${pad(t.hour)}:${pad(t.minute)}（北京时间）`,
  },
  /** The first-run sheet. */
  sheet: {
    title: '个人信息保护提示',
    intro: '感谢您信任并使用本小程序。在您使用会员功能前，请阅读并了解：',
    /**
     * The points. `{capabilities}` and `{consents}` are replaced by the names of the capabilities
     * and the separate consents the app declares (joined by `names`); a point naming what the app
     * does not ask for is left out.
     */
    points: [
      '同意前，您仍可使用无需个人信息的功能；会员等功能需要处理您的账户与联系信息。',
      '{capabilities}等权限只在您使用相关功能时单独询问，不会默认开启。',
      '{consents}均需您另行单独同意，可随时撤回。',
      '您可以在隐私中心查看您的授权记录、导出您的信息，撤回同意或注销账户。',
    ] as readonly string[],
    /** Several names in one sentence. */
    names: (names: readonly string[]) => names.join('、'),
    linksIntro: '详情请阅读',
    policyLink: '《隐私政策》',
    /** The platform's own privacy document (openPrivacyContract): WeChat's 指引, Douyin's 协议. */
    wechatGuideLink: ON_DOUYIN ? '《小程序用户隐私保护协议》' : '《小程序用户隐私保护指引》',
    agree: '同意',
    refuse: '不同意',
  },
  /** The re-consent sheet after a material change, and the notice of a minor one. */
  reconsent: {
    title: '隐私政策已更新',
    /** With the version in force. */
    intro: (version: number) => `我们对隐私政策作了重要修改（第 ${version} 版），请阅读后选择是否同意：`,
    notice: (version: number) => `隐私政策有更新（第 ${version} 版）`,
    changed: '修改的章节',
    /** Before the sentences a section adds or rewords, highlighted. */
    changedText: '新增或修改的内容',
    read: '阅读完整政策',
    agree: '同意新版',
    refuse: '不同意',
    ok: '知道了',
    /** The advance notice: the version, and when it takes effect (in China time). */
    /** Before the scheduled version's summary. */
    whatChanges: '主要变更',
    upcoming: (version: number, when: string) => `隐私政策第 ${version} 版将于 ${when}起生效。生效后，我们会请您阅读并确认是否同意。`,
  },
  /** A separate consent's sheet. */
  consentSheet: {
    why: '用途',
    method: '处理方式',
    categories: '个人信息种类',
    recipient: '接收方',
    rights: '如何对境外接收方行使权利',
    necessity: '必要性',
    impact: '对您权益的影响',
    sensitiveInvolved: '可能涉及的敏感个人信息',
    whoConsents: '由谁同意',
    ifRefused: '如不同意',
    basis: '依据',
    /** The law each kind of consent rests on (after `basis`). */
    articles: {
      general: '《个人信息保护法》第十四条、第十七条',
      sharing: '《个人信息保护法》第二十三条',
      'cross-border': '《个人信息保护法》第三十九条',
      sensitive: '《个人信息保护法》第二十九条、第三十条',
      'public-disclosure': '《个人信息保护法》第二十五条',
      guardian: '《个人信息保护法》第三十一条',
    } satisfies Record<DisclosureArticle, string>,
    /** Between a recipient's name, address and contact. */
    separator: '；',
    policy: '查看隐私政策相关条款',
    agree: '同意',
    refuse: '不同意',
  },
  /** The purpose sheet before a system permission prompt. */
  purposeSheet: {
    what: '需要',
    why: '用途',
    ifRefused: '如果不允许',
    next: '点击“继续”后，系统会请求您的授权；您随时可以在设置中更改。',
    continue: '继续',
    notNow: '暂不',
  },
  /** The inline hint after a refusal, by what happened; `n` names the capability inside a sentence. */
  hint: {
    'open-setting': (n: string) =>
      isH5 ? `浏览器未允许本网站使用${n}。可以在浏览器的网站设置中允许后重新检查，或使用下面的替代方式。` : `您未允许本小程序使用${n}。可以在设置中开启，或使用下面的替代方式。`,
    'open-app-authorize-setting': (n: string) => `手机系统未允许${HOST_APP.zh}使用${n}。可以在系统设置中为${HOST_APP.zh}开启，或使用下面的替代方式。`,
    'turn-on-system-switch': (n: string) => `手机的${n}已关闭。请在系统设置或控制中心打开后重试，或使用下面的替代方式。`,
    unsupported: (n: string) => `此设备暂不支持使用${n}，请使用下面的替代方式。`,
    'not-now': (n: string) => `您选择了暂不允许使用${n}，我们不会主动再次询问。如需使用，请点“允许使用${n}”；也可以使用下面的替代方式。`,
    'agree-policy': (_n: string) => '使用此功能前，需要您先同意隐私政策。',
    failed: (n: string) => `暂时无法使用${n}，请稍后重试，或使用下面的替代方式。`,
    allow: (n: string) => `允许使用${n}`,
    /** Opens the mini-program's settings (in the browser: reads the site's permission again). */
    settings: isH5 ? '重新检查' : '去设置',
    systemSettings: '打开系统设置',
    retry: '重试',
    reviewPolicy: '查看并同意隐私政策',
    settingsFailed: '无法打开设置，请稍后重试。',
  },
  /** On every page while a cancellation is under way, and after the account is gone. */
  cancellationNotice: {
    /** Before the end of the cooling-off period. */
    ends: '冷静期结束：',
    view: '查看或撤销',
    close: '知道了',
  },
};

/** The texts the main package shows, per screen (every language has each key). */
export type MainTexts = typeof ZH;
