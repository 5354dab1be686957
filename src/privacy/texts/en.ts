/** English: what the main package shows, keyed by screen (see `zh.ts`, whose type this follows). */
import type { ChinaTime } from '../domain/chinaTime';
import type { MainTexts } from './zh';
import { HOST_APP, ON_DOUYIN } from './hostApp';

const isH5 = process.env.TARO_ENV === 'h5';
const pad = (n: number) => String(n).padStart(2, '0');
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const capitalised = (s: string) => `${s.charAt(0).toUpperCase()}${s.slice(1)}`;

export const EN: MainTexts = {
  common: {
    back: 'Back',
    collectionList: 'Personal information collected',
    sharingList: 'Third parties and SDKs',
    colon: ': ',
    cancellationStatus: {
      pending: 'Cancellation requested (cooling-off period)',
      processing: 'Cancellation in progress',
      completed: 'Account cancelled',
      withdrawn: 'Cancellation request withdrawn',
    },
    accountDeleted: ON_DOUYIN
      ? 'Your account is cancelled and its data on this phone has been wiped.'
      : "Your account is cancelled and its data on this phone has been wiped. To remove the mini-program from WeChat's recent list: pull down on WeChat's chat screen to open the mini-program list, press and hold this mini-program, and drag it to Delete.",
    time: (t: ChinaTime) => `${t.day} ${MONTHS[t.month - 1]} ${t.year}, ${pad(t.hour)}:${pad(t.minute)} China time`,
  },
  sheet: {
    title: 'Your personal information',
    intro: 'Thank you for using our mini-program. Before you use member features, please note:',
    points: [
      'Until you agree, you can still use what needs no personal information; member features process your account and contact details.',
      'We ask for {capabilities} one at a time, only when you use a feature that needs it; none is on by default.',
      '{consents} each need your separate consent, which you can withdraw at any time.',
      'In the privacy centre you can see what you have allowed, download your information, withdraw consent or cancel your account.',
    ],
    names: (names: readonly string[]) => (names.length <= 1 ? names.join('') : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`),
    linksIntro: 'Please read',
    policyLink: 'the Privacy Policy',
    wechatGuideLink: ON_DOUYIN ? "the mini-program's user privacy protection agreement" : 'the mini-program privacy guide',
    agree: 'Agree',
    refuse: 'Disagree',
  },
  reconsent: {
    title: 'Our privacy policy has changed',
    intro: (version: number) => `We made important changes to the privacy policy (version ${version}). Please read them and choose whether to agree:`,
    notice: (version: number) => `The privacy policy was updated (version ${version})`,
    changed: 'Changed sections',
    changedText: 'New or reworded',
    read: 'Read the full policy',
    agree: 'Agree to the new version',
    refuse: 'Disagree',
    ok: 'Got it',
    whatChanges: 'What changes',
    upcoming: (version: number, when: string) => `Version ${version} of the privacy policy takes effect on ${when}. When it does, we will ask you to read it and choose whether to agree.`,
  },
  consentSheet: {
    why: 'What for',
    method: 'How it is processed',
    categories: 'Personal information',
    recipient: 'Recipient',
    rights: 'Your rights against the overseas recipient',
    necessity: 'Why it is needed',
    impact: 'Impact on your rights',
    sensitiveInvolved: 'Sensitive information involved',
    whoConsents: 'Who consents',
    ifRefused: 'If you say no',
    basis: 'Basis',
    articles: {
      general: 'PIPL arts. 14, 17',
      sharing: 'PIPL art. 23',
      'cross-border': 'PIPL art. 39',
      sensitive: 'PIPL arts. 29, 30',
      'public-disclosure': 'PIPL art. 25',
      guardian: 'PIPL art. 31',
    },
    separator: '; ',
    policy: 'Read the policy section',
    agree: 'Agree',
    refuse: 'No, thanks',
  },
  purposeSheet: {
    what: 'What we ask for',
    why: 'Why',
    ifRefused: 'If you say no',
    next: 'After “Continue” the system asks for your permission; you can change it in settings at any time.',
    continue: 'Continue',
    notNow: 'Not now',
  },
  hint: {
    'open-setting': (n: string) =>
      isH5
        ? `Your browser does not allow this site to use ${n}. Allow it in the browser's site settings and check again, or use the alternative below.`
        : `You have not allowed this mini-program to use ${n}. You can turn it on in settings, or use the alternative below.`,
    'open-app-authorize-setting': (n: string) => `Your phone does not allow ${HOST_APP.en} to use ${n}. You can allow it in the system settings for ${HOST_APP.en}, or use the alternative below.`,
    'turn-on-system-switch': (n: string) => `${capitalised(n)} is switched off on your phone. Turn it on in the system settings or control centre and try again, or use the alternative below.`,
    unsupported: (n: string) => `This device cannot use ${n}; please use the alternative below.`,
    'not-now': (n: string) => `You chose not to allow ${n} for now, and we will not ask again on our own. To use it, tap "Allow ${n}"; or use the alternative below.`,
    'agree-policy': (_n: string) => 'This feature needs your agreement to the privacy policy first.',
    failed: (n: string) => `${capitalised(n)} cannot be used right now; try again later, or use the alternative below.`,
    allow: (n: string) => `Allow ${n}`,
    settings: isH5 ? 'Check again' : 'Open settings',
    systemSettings: 'Open system settings',
    retry: 'Try again',
    reviewPolicy: 'Review and agree to the privacy policy',
    settingsFailed: 'Settings could not be opened; please try again.',
  },
  cancellationNotice: {
    ends: 'Cooling-off ends: ',
    view: 'View or undo',
    close: 'OK',
  },
};
