/** The module's own interface texts (the policy content has its own languages). */
import type { Lang } from './domain/contract';

export const TEXTS = Object.freeze({
  zh: {
    version: '版本',
    contents: '目录',
    readMore: '继续阅读',
    switchTo: 'English',
    collectionList: '个人信息收集清单',
    sharingList: '第三方信息共享清单',
    contact: '联系我们',
  },
  en: {
    version: 'Version',
    contents: 'Contents',
    readMore: 'Continue reading',
    switchTo: '中文',
    collectionList: 'Personal information collected',
    sharingList: 'Third parties and SDKs',
    contact: 'Contact us',
  },
} satisfies Record<Lang, Record<string, string>>);

export type Texts = (typeof TEXTS)['zh'];
