/**
 * 中文: what only the module's pages show (the policy, the two lists, the privacy centre with its
 * history and export, the cancellation page), keyed by screen. Only those pages import it, so it
 * ships in their subpackage. Its type is every language's (`PageTexts`).
 */
import type { ChinaTime } from '../domain/chinaTime';
import type { ConsentValue, PermissionValue, RightsRequestStatus, RightsRequestType } from '../domain/contract';
import type { RequestDeskProblem, RequestFormProblem } from '../domain/requests';
import type { HistoryWords } from '../domain/history';
import { HOST_APP, ON_DOUYIN } from './hostApp';

/** The consent history's sentences (`p`: the purpose in words, `v`: the policy version then), typed as the history reads them. */
const HISTORY: HistoryWords = {
  purposes: { policy: '隐私政策', guardian: '监护人同意' },
  events: {
    'policy:accepted': (p: string, v: number) => `您同意了${p}（第 ${v} 版）`,
    'policy:refused': (p: string) => `您未同意或撤回了对${p}的同意`,
    'policy:shown': (p: string, v: number) => `向您展示了${p}（第 ${v} 版）`,
    'consent:granted': (p: string) => `您同意了${p}`,
    'consent:refused': (p: string) => `您拒绝了${p}`,
    'consent:withdrawn': (p: string) => `您撤回了${p}`,
    'permission:granted': (p: string) => `您允许了${p}`,
    'permission:denied': (p: string) => `您拒绝了${p}`,
    'permission:blocked': (p: string) => `${p}在系统设置中被关闭`,
    'permission:unavailable': (p: string) => `本设备无法使用${p}`,
    'permission:prompted': (p: string) => `向您请求了${p}`,
    'permission:not-now': (p: string) => `您暂不开启${p}`,
  },
};

export const ZH_PAGES = {
  /** The policy page. */
  policy: {
    /** Before the version number. */
    version: '版本',
    contents: '目录',
    /** Switches the policy to the other language: that language's name. */
    switchTo: 'English',
    readMore: '继续阅读',
  },
  /** The collection and sharing list pages (their titles are `common`'s). */
  lists: {
    items: '收集的信息',
    purpose: '目的',
    scene: '场景',
    required: '必要',
    optional: '选填',
    sensitive: '敏感个人信息',
    data: '共享的信息',
    method: '方式',
    contact: '联系方式',
    /** What kind of recipient a sharing list row names. */
    types: { processor: '受托处理者', 'third-party': '第三方', sdk: 'SDK', overseas: '境外接收方' },
    readMore: '继续阅读',
  },
  /** The privacy centre (its links to the lists use `common`'s names). */
  centre: {
    title: '隐私中心',
    cancelStatus: '注销申请：',
    coolingOffEnds: '冷静期结束：',
    documents: '政策与清单',
    policy: '隐私政策',
    permissions: '系统权限',
    /** A permission's status. */
    status: { GRANTED: '已允许', DENIED: '未允许', BLOCKED: '已关闭（需在设置中开启）', UNAVAILABLE: '本设备不可用' },
    unknown: '未询问',
    systemOff: '已在手机系统中关闭，开启后可重新检查',
    allow: '允许',
    settings: '去设置更改',
    recheck: '重新检查',
    withdrawPermission: '撤回授权',
    /** In the browser, which has no settings page a site may open: where to change a permission it allowed or blocked (`n` names the capability in a sentence). */
    browserSettings: {
      granted: (n: string) => `如需关闭，请在浏览器的网站设置中更改本网站使用${n}的权限，然后点“重新检查”。`,
      blocked: (n: string) => `浏览器未允许本网站使用${n}。请在浏览器的网站设置中允许后，点“重新检查”。`,
    },
    consents: '单独同意与 Cookie',
    consentsOff: '同意隐私政策后，您可以在这里开启或关闭每一项。',
    /** Under a consent asked only where its recipient is picked (`kind`: who that recipient is); it can be withdrawn here. */
    textChanged: '本项内容已更新：在您同意新内容之前不会使用；关闭即可撤回。',
    askedAtUse: (kind: string) => `在您使用相关功能并选定接收方（${kind}）时单独询问，届时写明接收方的名称和联系方式；开启后可在这里撤回。`,
    agreement: '隐私政策同意',
    agreed: (version: number) => `您已同意隐私政策（第 ${version} 版）。`,
    notAgreed: '您目前未同意隐私政策，仅可浏览商品。',
    withdraw: '撤回对隐私政策的同意',
    withdrawConfirm: '撤回后将回到仅浏览模式，我们将停止使用您的个人信息，所有单独同意一并撤回。确定撤回吗？',
    withdrawYes: '确定撤回',
    withdrawNo: '暂不撤回',
    /** Once our server has acknowledged the withdrawal. */
    withdrawn: '已撤回。我们已停止使用您的个人信息。如需删除部分数据，可在“我的请求”中提出；如需删除账户及全部数据，可申请注销账户。',
    /** Saved and in force on this phone, not yet acknowledged by our server. */
    withdrawnPending: '已撤回，并已保存在本机；本机上的会员功能已停止。撤回尚未送达我们的服务器，将在能够连接时自动发送；我们收到后即停止使用您的个人信息。',
    /** The same, signed out: it is sent at the next sign-in. */
    withdrawnSignedOut: '已撤回，并已保存在本机；本机上的会员功能已停止。您目前未登录：如您有会员账户，撤回将在您下次登录时发送给我们，我们收到后即停止使用您账户中的个人信息。',
    agree: '查看并同意隐私政策',
    history: '同意记录',
    noHistory: '暂无记录。',
    contact: '联系我们',
    signOut: '退出登录',
    signOutEverywhere: '在所有设备上退出登录',
    signedOut: '已退出登录。您的昵称和手机号已从本机清除；您在本机作出的同意与授权记录（含一个随机设备标识）仍保存在本机，以便继续按您的选择运行，并在下次登录时同步。',
    signedOutOffline: '已在本机退出登录。网络恢复后，我们会通知服务器结束该登录。您的昵称和手机号已从本机清除；您在本机作出的同意与授权记录（含一个随机设备标识）仍保存在本机。',
    /** Signing in again found no account for the WeChat user (none was made). */
    noAccount: `该${HOST_APP.zh}账号在本小程序没有会员账户（从未注册或已注销），我们没有为您新建账户。`,
    cancel: '注销账户',
    /** The link to the request desk. */
    requests: '我的请求（查阅、复制、更正、删除、解释说明、投诉等）',
    failed: '网络异常，请稍后重试。',
  },
  /** The phone numbers and e-mail addresses of contact text (the centre's and the policy's "contact us"), by what a tap does (`v`: the number or address). */
  contact: {
    call: (v: string) => `拨打电话 ${v}`,
    mail: (v: string) => `发送电子邮件至 ${v}`,
    /** On WeChat, which has no mail client: the address is copied. */
    copy: (v: string) => `复制邮箱地址 ${v}`,
  },
  /** The privacy centre's "correct my details" section. */
  profile: {
    title: '更正个人资料',
    where: `以下资料保存在服务器上，随账户注销一并删除。修改已填写的资料即为更正，会立即生效，并作为已完成的申请记入“我的请求”。保存时需要重新验证${HOST_APP.zh}身份。`,
    nickname: '昵称',
    phone: '手机号',
    save: '保存更正',
    saved: '已保存',
    saving: '正在保存…',
    corrected: '已在服务器上更正，并作为已完成的更正申请记入“我的请求”。',
    reauth: `未能验证您的${HOST_APP.zh}身份，资料未保存，请重试。`,
    badPhone: '请填写 11 位中国大陆手机号，或留空。',
    badNickname: (max: number) => `昵称最多 ${max} 个字。`,
    failed: '保存失败，请重试。',
  },
  /** The privacy centre's "download a copy of my data", and the summary it shows and saves. */
  export: {
    title: '下载我的数据副本',
    button: '下载我的数据副本',
    again: '重新生成数据副本',
    exporting: '正在生成…',
    needsAccount: '登录会员后可获取数据副本。',
    failed: '网络异常，未能获取数据副本，请稍后重试。',
    downloaded: (file: string) => `文件 ${file} 已下载，可在浏览器的“下载内容”中找到。`,
    saved: (file: string) => `文件 ${file} 已生成。请发送到微信聊天（例如“文件传输助手”）保存。`,
    send: '发送文件到聊天',
    sent: '文件已发送。',
    sendCancelled: '文件未发送。您可以再次发送，或复制全部内容。',
    sendFailed: '文件未能发送。您可以复制全部内容，粘贴到别处保存。',
    sendMissing: ON_DOUYIN ? '抖音小程序不能把文件发送到聊天。您可以复制全部内容，粘贴到别处保存。' : '当前微信版本不支持发送文件。您可以复制全部内容，粘贴到别处保存。',
    saveFailed: '未能生成文件。您可以复制全部内容，粘贴到别处保存。',
    copy: '复制全部',
    copied: '已复制到剪贴板。',
    copyFailed: '未能复制，请稍后重试。',
    summaryIntro: (time: string, file: string) => `以下是本小程序服务器保存的与您有关的数据摘要，生成于 ${time}。服务器保存的全部数据在文件 ${file}（JSON，附格式说明）中；服务器未保存的各类信息及原因列在最后。`,
    incomplete: '此副本未包含服务器保存的全部数据，请重新生成。',
    coverage: '个人信息收集清单各项',
    inFile: '服务器保存，已包含在文件中',
    nickname: '昵称',
    phone: '手机号码',
    notGiven: '未填写',
    // The summary's lines (also written into the file).
    created: '账户创建时间',
    lastLogin: '最近一次登录',
    sessions: '登录记录',
    sessionCount: (all: number, active: number) => `共 ${all} 次登录，其中 ${active} 个仍有效`,
    policy: '隐私政策',
    policyAccepted: (version: number) => `已同意（第 ${version} 版）`,
    policyNot: '未同意或已撤回',
    consent: { granted: '已同意', refused: '已拒绝', withdrawn: '已撤回' } satisfies Record<ConsentValue, string>,
    permission: {
      granted: '已允许',
      denied: '已拒绝',
      blocked: '已在设置中关闭',
      unavailable: '设备不可用',
      prompted: '已询问，尚未回答',
      'not-now': '暂不开启',
    } satisfies Record<PermissionValue, string>,
    device: (n: number) => `（设备 ${n}）`,
    at: (when: string) => `，${when}`,
    history: '决定记录',
    historyCount: (n: number) => `共 ${n} 条，最近的在前`,
    noCancellation: '注销申请',
    none: '无',
    requested: (when: string) => `申请于 ${when}`,
    coolingOff: (when: string) => `冷静期至 ${when}`,
    completed: (when: string) => `完成于 ${when}`,
    reason: (reason: string) => `原因：${reason}`,
    separator: '；',
  },
  /** The consent history (the centre's and the export's): each recorded decision as a sentence. */
  history: HISTORY,
  /** The cancellation page. */
  cancellation: {
    title: '注销账户',
    what: '注销意味着什么',
    /**
     * What cancellation means, point by point: `brand` is the controller's short name, `days` the
     * promised deadline, `coolingOff` the cooling-off period's length in words (null while unknown),
     * `overseas` the cross-border consent and its overseas recipient (null when the app asks for none).
     */
    explanation: (brand: string, days: number, coolingOff: string | null = null, overseas: { consent: string; recipient: string } | null = null): readonly string[] => [
      '注销后，我们将删除您在本小程序的账户及其中的个人信息（包括您在“我的请求”中提出的请求），账户无法恢复；下方“注销后仍保留的信息”所列的记录除外。',
      `本次注销仅针对本小程序账户；您在${brand}其他平台的账户不受影响，除非您另行申请注销全部平台账户。`,
      coolingOff === null
        ? '提交后有一段冷静期（时长暂时无法获取，提交后会显示冷静期的结束时间），期间您可随时撤销注销申请，账户将恢复正常；冷静期结束后注销开始执行，不能再撤销。'
        : `提交后有 ${coolingOff}的冷静期，期间您可随时撤销注销申请，账户将恢复正常；冷静期结束后注销开始执行，不能再撤销。`,
      ...(overseas ? [`如您曾同意“${overseas.consent}”，注销时我们会通知境外接收方 ${overseas.recipient} 删除其收到的您的个人信息，并记录其确认。`] : []),
      `我们将在提交后 ${days} 天内完成注销（本隐私政策“联系我们”所承诺的期限），具体截止日期见申请状态。`,
    ],
    /** Before the request: what is still kept once it is done. */
    kept: '注销后仍保留的信息',
    keptIntro: '注销完成后，以下记录仍会保留：',
    keptNone: '注销完成后，我们不再保留您的任何个人信息。',
    keptForm: '保存方式：',
    keptBasis: '保留原因：',
    keptPeriod: '保存期限：',
    reason: '注销原因（选填）',
    confirm: '我已阅读以上说明，确认注销我在本小程序的账户',
    submit: '申请注销',
    submitting: '正在提交…',
    requestedAt: '申请时间：',
    coolingOffEnds: '冷静期结束：',
    /** Beside the end of the cooling-off period: its length, in the sentence's own brackets. */
    coolingOffLength: (length: string) => `（冷静期 ${length}）`,
    days: (n: number) => `${n} 天`,
    hours: (n: number) => `${n} 小时`,
    minutes: (n: number) => `${n} 分钟`,
    seconds: (n: number) => `${n} 秒`,
    deadline: '最迟完成日期：',
    /** The deadline's day, in China time. */
    date: (t: ChinaTime) => `${t.year}年${t.month}月${t.day}日`,
    undo: '撤销注销申请',
    undone: '您的注销申请已撤销，账户保持正常。',
    refresh: '刷新状态',
    unconfirmed: '您的注销申请尚未得到服务器确认。重试不会重复提交。',
    retry: '重试',
    /** Signed out: the way to the account, to cancel it. */
    signedOut: '您目前未登录。如您在本小程序有会员账户，请先登录，再查看或申请注销。',
    /** The WeChat user has no account: none was made. */
    noAccount: `该${HOST_APP.zh}账号在本小程序没有会员账户（从未注册或已注销），无需注销。我们没有为您新建账户。`,
    signIn: '重新登录',
    home: '返回首页',
    /** What went wrong with a request. */
    problems: {
      network: '网络连接中断，无法确认申请是否送达。请检查网络后点“重试”，不会重复提交。',
      'sign-in': '登录已过期，请重新登录后再查看或提交（您在本机作出的同意与授权记录仍保留）。',
      reauth: '身份验证未通过，请重新确认后再试。',
      unavailable: '服务暂时不可用，请稍后重试。',
      conflict: '注销状态已变化，已为您显示最新状态。',
      failed: '提交失败，请稍后重试。',
    },
  },
  /** Signing in again to the account the shopper has (after a sign-out; never makes one). */
  signIn: {
    button: '登录会员账户',
    signingIn: '正在登录…',
    hint: `使用您的${HOST_APP.zh}账号登录已有的会员账户：不会新建账户，也不会再次询问您的出生年月。`,
    /** An "under 14" answer of this session stands: no sign-in is offered. */
    underAge: '根据您刚才填写的出生年月，我们不能为您登录会员账户。',
    failed: '登录失败，请检查网络后重试。',
  },
  /** The request desk (我的请求): the shopper's rights requests and a new one. */
  requests: {
    title: '我的请求',
    intro: '您可以在这里行使您对个人信息的权利。每项请求由我们的工作人员处理并答复，结果与理由会显示在这里。',
    /** Each type of request, and one line on what it asks of us. */
    types: {
      access: '查阅',
      copy: '复制',
      portability: '转移',
      correction: '更正',
      deletion: '删除',
      restriction: '限制处理',
      explanation: '解释说明',
      complaint: '投诉',
    } satisfies Record<RightsRequestType, string>,
    explain: {
      access: '了解我们保存了您哪些个人信息、用于什么目的；工作人员核对后答复您。',
      copy: '获取本小程序服务器保存的您的个人信息的副本：提交后立即完成，副本可在隐私中心“下载我的数据副本”获取。其他渠道保存的信息，请通过“查阅”申请。',
      portability: '以机器可读的格式（JSON，附格式说明；授权记录另有 CSV）获取服务器保存的您的个人信息：提交后立即完成，文件可在隐私中心“下载我的数据副本”获取。',
      correction: '告诉我们哪些信息不准确或不完整、应如何更正；工作人员核实后更正并答复。昵称和手机号码可在隐私中心直接更正，立即生效。',
      deletion: '要求删除所选类别的信息；工作人员核对后处理，法律要求保留的会告诉您理由。仅基于已撤回同意而保存的信息（如个性化推荐的浏览记录）立即删除；撤回该同意时也会自动删除。',
      restriction: '要求我们限制或停止处理所选类别的信息；工作人员核对后答复您。',
      explanation: '要求我们解释处理您个人信息的规则，例如个性化推荐如何进行。',
      complaint: '对我们处理您个人信息的方式提出投诉；我们会调查并答复您。',
    } satisfies Record<RightsRequestType, string>,
    status: { received: '已收到', 'in-progress': '处理中', fulfilled: '已完成', refused: '已拒绝', withdrawn: '已撤回' } satisfies Record<RightsRequestStatus, string>,
    mine: '我的请求记录',
    none: '您还没有提出过请求。',
    receivedAt: '提交时间：',
    deadline: '答复截止：',
    decidedAt: '答复时间：',
    withdrawnAt: '撤回时间：',
    reason: '理由：',
    rows: '涉及的信息：',
    yourWords: '您的说明：',
    withdraw: '撤回此请求',
    withdrawing: '正在撤回…',
    refresh: '刷新',
    ask: '提出新请求',
    type: '请求类型',
    chooseRows: '选择要处理的信息类别（可多选）',
    detailsRequired: '请写明您的请求（必填）',
    detailsOptional: '补充说明（选填）',
    /** Characters typed against the limit. */
    count: (n: number, max: number) => `${n}/${max} 字`,
    identity: `提交时将通过${HOST_APP.zh}登录再次确认是您本人。`,
    /** Said before sending: `days` is the policy's promise. */
    when: (days: number) => `我们将在收到请求后 ${days} 天内答复您（隐私政策承诺的期限，且不晚于 15 个工作日）。提交后会显示具体的答复截止时间。`,
    send: '提交请求',
    sending: '正在提交…',
    submitted: '已提交',
    /** After the server's receipt: its deadline. */
    answerBy: (when: string) => `我们将在 ${when} 前答复您。`,
    doneAtOnce: '已立即完成。',
    another: '再提一个请求',
    unconfirmed: '您的请求尚未得到服务器确认。重试不会重复提交。',
    retry: '重试',
    signedOut: '您目前未登录。登录会员账户后，才能提出或查看请求。',
    /** The WeChat user has no account: none was made; membership starts on the host's page. */
    noAccount: `该${HOST_APP.zh}账号在本小程序还没有会员账户，我们没有为您新建账户。成为会员后即可提出请求。`,
    join: '还不是会员？前往成为会员',
    form: {
      'need-categories': '请至少选择一类信息。',
      'need-details': '请写明您的请求。',
      'details-too-long': '说明过长，请删减后再提交。',
      'details-invalid': '说明中含有无法识别的字符，请删除后再提交。',
    } satisfies Record<RequestFormProblem, string>,
    problems: {
      network: '网络连接中断，无法确认请求是否送达。请检查网络后点“重试”，不会重复提交。',
      'sign-in': '登录已过期，请重新登录后再查看或提交（您在本机作出的同意与授权记录仍保留）。',
      reauth: '未能确认是您本人，请重试。',
      unavailable: '服务暂时不可用，请稍后重试。',
      conflict: '该请求已有答复，不能再撤回；已为您显示最新状态。',
      invalid: '服务器未接受该请求，请修改后重试。',
      failed: '操作失败，请稍后重试。',
    } satisfies Record<RequestDeskProblem, string>,
  },
};

/** The texts only the module's pages show, per screen (every language has each key). */
export type PageTexts = typeof ZH_PAGES;
