/**
 * DataFilePort in the browser: the file is downloaded (a Blob behind an `<a download>`), and
 * copying uses the async Clipboard API. Nothing is sent anywhere.
 */
import { DataFileError, type DataFilePort, type SavedDataFile } from '../ports';

/** The browser features the adapter uses (`window` / `document` in the app, fakes in tests). */
export interface BrowserFileHost {
  document?: Pick<Document, 'createElement' | 'body'>;
  URL?: Pick<typeof URL, 'createObjectURL' | 'revokeObjectURL'>;
  Blob?: typeof Blob;
  clipboard?: { writeText(text: string): Promise<void> };
}

export function createH5DataFile(host: BrowserFileHost): DataFilePort {
  return {
    async save(fileName, content): Promise<SavedDataFile> {
      const { document: doc, URL: url, Blob: BlobClass } = host;
      if (!doc || !url || !BlobClass) throw new DataFileError('download', 'download:fail not supported');
      const href = url.createObjectURL(new BlobClass([content], { type: 'application/json;charset=utf-8' }));
      const link = doc.createElement('a');
      link.href = href;
      link.download = fileName;
      link.rel = 'noopener';
      link.style.display = 'none';
      doc.body.appendChild(link);
      try {
        link.click();
      } finally {
        link.remove();
        // The download has taken its copy once the click is handled; free the Blob on the next turn.
        setTimeout(() => url.revokeObjectURL(href), 0);
      }
      return { fileName, filePath: null, downloaded: true };
    },
    canSend: () => false,
    async send() {
      throw new DataFileError('send', 'send:fail not supported');
    },
    async copy(text) {
      if (!host.clipboard) throw new DataFileError('copy', 'copy:fail not supported');
      try {
        await host.clipboard.writeText(text);
      } catch (err) {
        throw new DataFileError('copy', `copy:fail ${err instanceof Error ? err.message : String(err)}`);
      }
    },
  };
}

/** The adapter over this page's `window`. */
export function browserDataFile(): DataFilePort {
  const w = typeof window === 'undefined' ? undefined : window;
  return createH5DataFile({
    document: w?.document,
    URL: w?.URL,
    Blob: w?.Blob,
    clipboard: w?.navigator?.clipboard,
  });
}
