/**
 * DataFilePort on WeChat: the file is written to the mini-program's user data folder
 * (`wx.env.USER_DATA_PATH`) with the FileSystemManager, sent to a chat with `shareFileMessage`
 * (base library 2.16.1+, only from a tap: the page asks for a second tap once the file is
 * written), and its text copied with `setClipboardData` where sending is missing or fails.
 */
import Taro from '@tarojs/taro';
import { readNativeFailure } from '../domain/permission-native';
import { DataFileError, type DataFilePort, type SavedDataFile } from '../ports';
import type { WxCallbacks } from './permissions.weapp';

/** The part of `wx` (or Taro) the adapter uses; members may be missing on old base libraries. */
export interface WxFileHost {
  env?: { USER_DATA_PATH?: string };
  getFileSystemManager?(): { writeFile?(options: WxCallbacks & { filePath: string; data: string; encoding: 'utf8' }): unknown } | undefined;
  shareFileMessage?(options: WxCallbacks & { filePath: string; fileName?: string }): unknown;
  setClipboardData?(options: WxCallbacks & { data: string }): unknown;
}

/** Names WeChat accepts inside the user data folder: no folders, nothing hidden. */
const SAFE_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;

function call(api: string, invoke: ((callbacks: WxCallbacks) => unknown) | undefined): Promise<unknown> {
  return new Promise((resolve, reject) => {
    if (!invoke) {
      reject(new DataFileError(api, `${api}:fail not supported`));
      return;
    }
    const failed = (err: unknown) => reject(new DataFileError(api, readNativeFailure(err).errMsg || `${api}:fail`));
    try {
      const ret = invoke({ success: resolve, fail: failed });
      // Taro may also return a promise: its rejection repeats the fail callback.
      if (typeof ret === 'object' && ret !== null && typeof (ret as { then?: unknown }).then === 'function')
        (ret as PromiseLike<unknown>).then(undefined, () => undefined);
    } catch (err) {
      failed(err);
    }
  });
}

/** The WeChat implementation over a host (`Taro` in the app, a simulated `wx` in tests). */
export function createWeappDataFile(host: WxFileHost): DataFilePort {
  return {
    async save(fileName, content): Promise<SavedDataFile> {
      if (!SAFE_NAME.test(fileName)) throw new DataFileError('writeFile', `writeFile:fail invalid file name ${JSON.stringify(fileName)}`);
      const root = host.env?.USER_DATA_PATH;
      const fs = host.getFileSystemManager?.();
      if (!root || !fs?.writeFile) throw new DataFileError('writeFile', 'writeFile:fail not supported');
      const filePath = `${root}/${fileName}`;
      await call('writeFile', (cb) => fs.writeFile?.({ ...cb, filePath, data: content, encoding: 'utf8' }));
      return { fileName, filePath, downloaded: false };
    },
    canSend: () => typeof host.shareFileMessage === 'function',
    async send(file) {
      if (!file.filePath) throw new DataFileError('shareFileMessage', 'shareFileMessage:fail no file');
      try {
        await call('shareFileMessage', host.shareFileMessage && ((cb) => host.shareFileMessage?.({ ...cb, filePath: file.filePath as string, fileName: file.fileName })));
        return 'sent';
      } catch (err) {
        // Closing WeChat's chat picker is the shopper's choice, not a failure.
        if (err instanceof DataFileError && /:fail cancel/.test(err.message)) return 'cancelled';
        throw err;
      }
    },
    async copy(text) {
      await call('setClipboardData', host.setClipboardData && ((cb) => host.setClipboardData?.({ ...cb, data: text })));
    },
  };
}

/** The adapter over Taro (which hands these calls to `wx`). */
export function weappDataFile(): DataFilePort {
  return createWeappDataFile(Taro);
}
