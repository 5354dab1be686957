import { makeAutoObservable, runInAction } from 'mobx';
import type { Lang } from '../domain/contract';
import {
  dataExportFileContent,
  dataExportFileName,
  parseDataExport,
  summariseDataExport,
  type DataExport,
  type ExportSummary,
  type ExportSummaryTexts,
} from '../domain/dataExport';
import type { CollectionItem } from '../domain/lists';
import type { PurposeLabels } from '../domain/history';
import type { ClockPort, DataFilePort, PrivacyApiPort, SavedDataFile } from '../ports';

/** What became of the file, as the privacy centre tells the shopper. */
export const EXPORT_DELIVERIES = Object.freeze([
  /** The browser downloaded it. */
  'downloaded',
  /** Written on WeChat, waiting for the shopper to send it. */
  'saved',
  'sent',
  /** The shopper closed WeChat's chat picker; the file is still there to send. */
  'send-cancelled',
  /** Sending failed or is missing here: the copy button is the way out. */
  'send-failed',
  /** No file could be written: the summary is shown and the copy button offered. */
  'save-failed',
  'copied',
] as const);
export type ExportDelivery = (typeof EXPORT_DELIVERIES)[number];

export interface DataExportStoreDeps {
  api: PrivacyApiPort;
  /** Absent: the summary is shown and copying is all that is offered. */
  files?: DataFilePort;
  clock: ClockPort;
  /** The shopper's language now (the summary follows a switch; the file keeps the one it was made in). */
  lang: () => Lang;
  /** The texts in the shopper's language now (the summary's words). */
  texts: () => ExportSummaryTexts;
  /** The app's collection list, whose row titles name the summary's parts. */
  collectionList: readonly CollectionItem[];
  /** The app's consent titles, naming the decisions and the history. */
  labels: PurposeLabels;
}

/**
 * "Download a copy of my data": fetches the server's export, shows it as a summary in the
 * shopper's words and hands them the file — downloaded in the browser; on WeChat written, then
 * sent to a chat from a second tap (`shareFileMessage` works only from a tap), or copied.
 */
export class DataExportStore {
  isExporting = false;
  isSending = false;
  /** The export read back, once fetched. */
  data: DataExport | null = null;
  file: SavedDataFile | null = null;
  /** The file's text (summary + everything the server sent). */
  content: string | null = null;
  delivery: ExportDelivery | null = null;
  error: Error | null = null;

  constructor(private readonly deps: DataExportStoreDeps) {
    makeAutoObservable<DataExportStore, 'deps'>(this, { deps: false }, { autoBind: true });
  }

  /** The summary in the shopper's current language. */
  get summary(): ExportSummary | null {
    if (!this.data) return null;
    return summariseDataExport(this.data, this.deps.texts(), this.deps.lang(), this.deps.collectionList, new Date(this.deps.clock.now()).toISOString(), this.deps.labels);
  }

  /** Whether the written file can be sent to a chat from here. */
  get canSend(): boolean {
    return this.file !== null && !this.file.downloaded && (this.deps.files?.canSend() ?? false);
  }

  /**
   * Fetches the export and saves the file (the browser downloads it). A network failure or an
   * export in the wrong shape leaves the previous result as it was and sets `error`.
   */
  async download(): Promise<void> {
    if (this.isExporting) return;
    this.isExporting = true;
    this.error = null;
    try {
      const raw = await this.deps.api.exportData();
      const data = parseDataExport(raw);
      const summary = summariseDataExport(data, this.deps.texts(), this.deps.lang(), this.deps.collectionList, new Date(this.deps.clock.now()).toISOString(), this.deps.labels);
      const content = dataExportFileContent(summary, raw);
      const fileName = dataExportFileName(data.exportedAt);
      runInAction(() => {
        this.data = data;
        this.content = content;
        this.file = null;
        this.delivery = null;
      });
      if (!this.deps.files) {
        runInAction(() => (this.delivery = 'save-failed'));
        return;
      }
      try {
        const file = await this.deps.files.save(fileName, content);
        runInAction(() => {
          this.file = file;
          this.delivery = file.downloaded ? 'downloaded' : 'saved';
        });
      } catch (err) {
        console.error('[privacy] saving the data file failed', err);
        runInAction(() => (this.delivery = 'save-failed'));
      }
    } catch (err) {
      runInAction(() => (this.error = err instanceof Error ? err : new Error(String(err))));
    } finally {
      runInAction(() => (this.isExporting = false));
    }
  }

  /** Sends the written file to a chat; call only from a tap. A failure offers the copy instead. */
  async send(): Promise<void> {
    const { files } = this.deps;
    if (!this.file || !files || this.isSending) return;
    this.isSending = true;
    try {
      const result = await files.send(this.file);
      runInAction(() => (this.delivery = result === 'sent' ? 'sent' : 'send-cancelled'));
    } catch (err) {
      console.error('[privacy] sending the data file failed', err);
      runInAction(() => (this.delivery = 'send-failed'));
    } finally {
      runInAction(() => (this.isSending = false));
    }
  }

  /** Copies the file's text to the clipboard; call only from the shopper's "copy" tap. */
  async copy(): Promise<void> {
    if (this.content === null) return;
    if (!this.deps.files) throw new Error('No clipboard on this platform');
    await this.deps.files.copy(this.content);
    runInAction(() => (this.delivery = 'copied'));
  }

  /** Forgets the export held in memory (signed out, account deleted). */
  clear(): void {
    this.data = null;
    this.file = null;
    this.content = null;
    this.delivery = null;
    this.error = null;
  }
}
