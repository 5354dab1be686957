/**
 * The privacy centre's "download a copy of my data" texts. Kept apart from `i18n.ts` so they ship
 * with the centre in the privacy subpackage, not in the main package every shopper downloads.
 */
import type { Lang } from './domain/contract';

export const EXPORT_TEXTS = Object.freeze({
  zh: {
    exportTitle: '下载我的数据副本',
    exportButton: '下载我的数据副本',
    exportAgain: '重新生成数据副本',
    exporting: '正在生成…',
    exportNeedsAccount: '登录会员后可获取数据副本。',
    exportSummaryIntro: '以下是我们保存的与您有关的数据摘要，生成于 {time}。完整内容在文件 {file} 中。',
    exportDownloaded: '文件 {file} 已下载，可在浏览器的“下载内容”中找到。',
    exportSaved: '文件 {file} 已生成。请发送到微信聊天（例如“文件传输助手”）保存。',
    exportSend: '发送文件到聊天',
    exportSent: '文件已发送。',
    exportSendCancelled: '文件未发送。您可以再次发送，或复制全部内容。',
    exportSendFailed: '文件未能发送。您可以复制全部内容，粘贴到别处保存。',
    exportSendMissing: '当前微信版本不支持发送文件。您可以复制全部内容，粘贴到别处保存。',
    exportSaveFailed: '未能生成文件。您可以复制全部内容，粘贴到别处保存。',
    exportCopy: '复制全部',
    exportCopied: '已复制到剪贴板。',
    exportCopyFailed: '未能复制，请稍后重试。',
    exportFailed: '网络异常，未能获取数据副本，请稍后重试。',
  },
  en: {
    exportTitle: 'Download a copy of my data',
    exportButton: 'Download a copy of my data',
    exportAgain: 'Make a new copy',
    exporting: 'Preparing…',
    exportNeedsAccount: 'Sign in as a member to get a copy of your data.',
    exportSummaryIntro: 'A summary of the data we hold about you, made on {time}. Everything is in the file {file}.',
    exportDownloaded: 'The file {file} has been downloaded; you will find it in your browser\'s downloads.',
    exportSaved: 'The file {file} is ready. Send it to a WeChat chat (e.g. File Transfer) to keep it.',
    exportSend: 'Send the file to a chat',
    exportSent: 'The file has been sent.',
    exportSendCancelled: 'The file was not sent. You can send it again, or copy everything.',
    exportSendFailed: 'The file could not be sent. You can copy everything and paste it somewhere to keep it.',
    exportSendMissing: 'This version of WeChat cannot send files. You can copy everything and paste it somewhere to keep it.',
    exportSaveFailed: 'The file could not be made. You can copy everything and paste it somewhere to keep it.',
    exportCopy: 'Copy all',
    exportCopied: 'Copied to the clipboard.',
    exportCopyFailed: 'Copying did not work; please try again.',
    exportFailed: 'Network problem: the copy of your data could not be fetched. Please try again.',
  },
} satisfies Record<Lang, Record<string, string>>);

export type ExportTexts = (typeof EXPORT_TEXTS)['zh'];

/** The export's texts in `lang` with an adopter's replacements (the `texts` option) applied. */
export function exportTexts(lang: Lang, overrides: Partial<Record<Lang, Partial<ExportTexts>>> = {}): ExportTexts {
  return { ...EXPORT_TEXTS[lang], ...overrides[lang] };
}
