jest.mock('@tarojs/taro', () => ({ __esModule: true, default: {} }));

import { DataFileError } from '../ports';
import { createWeappDataFile, type WxFileHost } from './dataFile.weapp';
import type { WxCallbacks } from './permissions.weapp';

/** WeChat's file APIs as documented: callbacks answered later, errMsg strings, only the user data folder writable. */
function wxHost(opts: { share?: 'ok' | 'cancel' | 'missing'; full?: boolean } = {}) {
  const files = new Map<string, string>();
  const log: string[] = [];
  const later = (fn: () => void) => setTimeout(fn, 0);
  const host: WxFileHost = {
    env: { USER_DATA_PATH: 'wxfile://usr' },
    getFileSystemManager: () => ({
      writeFile(o: WxCallbacks & { filePath: string; data: string }) {
        log.push(`writeFile ${o.filePath}`);
        later(() => {
          if (opts.full) o.fail?.({ errMsg: 'writeFile:fail the maximum size of the file storage limit is exceeded' });
          else {
            files.set(o.filePath, o.data);
            o.success?.({ errMsg: 'writeFile:ok' });
          }
        });
      },
    }),
    setClipboardData(o: WxCallbacks & { data: string }) {
      log.push(`setClipboardData ${o.data.length}`);
      later(() => o.success?.({ errMsg: 'setClipboardData:ok' }));
    },
  };
  if (opts.share !== 'missing') {
    host.shareFileMessage = (o: WxCallbacks & { filePath: string; fileName?: string }) => {
      log.push(`shareFileMessage ${o.filePath} ${o.fileName}`);
      later(() => (opts.share === 'cancel' ? o.fail?.({ errMsg: 'shareFileMessage:fail cancel' }) : o.success?.({ errMsg: 'shareFileMessage:ok' })));
    };
  }
  return { host, files, log };
}

describe('DataFilePort on WeChat', () => {
  it('writes under USER_DATA_PATH and sends the file with its name', async () => {
    const { host, files, log } = wxHost();
    const port = createWeappDataFile(host);
    const file = await port.save('my-data-2026-12-02.json', '{"a":1}');
    expect(file).toEqual({ fileName: 'my-data-2026-12-02.json', filePath: 'wxfile://usr/my-data-2026-12-02.json', downloaded: false });
    expect(files.get(file.filePath as string)).toBe('{"a":1}');
    expect(port.canSend()).toBe(true);
    await expect(port.send(file)).resolves.toBe('sent');
    expect(log).toEqual(['writeFile wxfile://usr/my-data-2026-12-02.json', 'shareFileMessage wxfile://usr/my-data-2026-12-02.json my-data-2026-12-02.json']);
  });

  it('a closed chat picker is "cancelled"; a missing shareFileMessage cannot send; the copy goes through setClipboardData', async () => {
    const cancel = wxHost({ share: 'cancel' });
    const port = createWeappDataFile(cancel.host);
    await expect(port.send(await port.save('a.json', '{}'))).resolves.toBe('cancelled');
    const old = wxHost({ share: 'missing' });
    const oldPort = createWeappDataFile(old.host);
    expect(oldPort.canSend()).toBe(false);
    await expect(oldPort.send(await oldPort.save('a.json', '{}'))).rejects.toThrow('shareFileMessage:fail not supported');
    await oldPort.copy('{}');
    expect(old.log).toContain('setClipboardData 2');
  });

  it('refuses a name with a folder in it before touching the file system, and reports WeChat’s failure', async () => {
    const { host, log } = wxHost({ full: true });
    const port = createWeappDataFile(host);
    await expect(port.save('../x.json', '{}')).rejects.toBeInstanceOf(DataFileError);
    expect(log).toEqual([]);
    await expect(port.save('a.json', '{}')).rejects.toThrow('writeFile:fail the maximum size of the file storage limit is exceeded');
  });
});
