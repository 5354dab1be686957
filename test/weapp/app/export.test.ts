/**
 * "下载我的数据副本" in the production weapp build, against the real backend: a readable summary
 * in the shopper's words, and a real file — written under `wx.env.USER_DATA_PATH`, sent to a chat
 * with `shareFileMessage` from its own tap, and copied with `setClipboardData` where sending is
 * missing (an older WeChat) or fails.
 */
import { launchWeapp, type LaunchOptions, type PageHandle, type WeappHost } from '../harness';
import { USER_DATA_PATH } from '../wx-double';
import { API, openCentre, useBackend } from './shopper';

jest.setTimeout(240_000);

const backend = useBackend();
let host: WeappHost | undefined;

afterEach(() => host?.close());

/** Today in China time, as the file name carries it. */
function chinaDate(): string {
  return new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
}

/** Signs in as `openid`, opens the centre and asks for the copy; resolves once the summary is shown. */
async function exported(openid: string, options: LaunchOptions = {}): Promise<PageHandle> {
  host = await launchWeapp({ ...options, httpRoutes: { [API]: backend.url }, wxOptions: { ...options.wxOptions, login: () => `ok:${openid}` } });
  const centre = await openCentre(host);
  await centre.tap('centre-export');
  await host.waitFor(() => centre.exists('centre-export-summary'), { what: 'export summary' });
  return centre;
}

test('the summary reads as the collection list names things, and the dated file is written, then sent from a tap', async () => {
  const centre = await exported('export-send');
  const fileName = `my-data-${chinaDate()}.json`;
  const filePath = `${USER_DATA_PATH}/${fileName}`;

  // Readable: the list's row names, plain words, China time; no JSON keys or internal ids.
  expect(centre.textOf('export-wechat-identifiers-title')).toBe('小程序标识');
  expect(centre.textOf('export-authorisation-records-title')).toBe('授权记录');
  expect(centre.textOf('export-account-cancellation-title')).toBe('账户注销');
  // Every row of the collection list, held by the server or not (with why); nothing claims more.
  expect(centre.textOf('export-coverage-title')).toBe('个人信息收集清单各项');
  expect(centre.textOf('export-coverage')).toContain('服务器保存，已包含在文件中');
  expect(centre.textOf('export-coverage')).toContain('模糊位置仅在本机用于查找附近的专卖店');
  expect(centre.textOf('export-coverage')).not.toContain('未包含服务器保存的全部数据');
  const summary = centre.textOf('centre-export-summary');
  expect(summary).toContain('您同意了隐私政策');
  expect(summary).toContain('北京时间');
  expect(summary).toContain(fileName);
  for (const raw of ['"purpose"', 'policyVersion', 'deviceId', 'occurredAt', 'T0', 'Z"']) expect(summary).not.toContain(raw);

  // The file: written once, where WeChat lets a mini-program write; summary first, then the raw export.
  const writes = host!.callsTo('FileSystemManager.writeFile');
  expect(writes).toHaveLength(1);
  expect(writes[0].status).toBe('ok');
  const content = JSON.parse(host!.device.files?.get(filePath) ?? 'null') as { summary: { lang: string }; data: { consents: { events: { kind: string }[] } } };
  expect(content.summary.lang).toBe('zh');
  expect(content.data.consents.events.some((e) => e.kind === 'policy')).toBe(true);
  expect(centre.textOf('centre-export-status')).toBe(`文件 ${fileName} 已生成。请发送到微信聊天（例如“文件传输助手”）保存。`);

  // Nothing is sent until the shopper taps "send": shareFileMessage works only from a tap.
  expect(host!.callsTo('shareFileMessage')).toEqual([]);
  await centre.tap('centre-export-send');
  await host!.flush();
  const shares = host!.callsTo('shareFileMessage');
  expect(shares).toHaveLength(1);
  expect(shares[0].duringGesture).toBe(true);
  expect(shares[0].status).toBe('ok');
  expect(host!.prompts.filter((p) => p.kind === 'share-file').map((p) => p.detail)).toEqual([{ filePath, fileName, answer: 'send' }]);
  expect(centre.textOf('centre-export-status')).toBe('文件已发送。');
  expect(host!.callsTo('setClipboardData')).toEqual([]);
  expect(host!.errors).toEqual([]);
});

test('closing the chat picker leaves the file to send again', async () => {
  const centre = await exported('export-cancel', { device: { shareFileAnswer: 'cancel' } });
  await centre.tap('centre-export-send');
  await host!.flush();
  expect(centre.textOf('centre-export-status')).toBe('文件未发送。您可以再次发送，或复制全部内容。');
  expect(centre.exists('centre-export-send')).toBe(true);
  expect(centre.exists('centre-export-copy')).toBe(true);
  expect(host!.errors).toEqual([]);
});

test('an older WeChat without shareFileMessage: the file is kept and "copy all" copies its text', async () => {
  const centre = await exported('export-old-wechat', { wxOptions: { missingApis: ['shareFileMessage'] } });
  expect(centre.exists('centre-export-send')).toBe(false);
  expect(centre.textOf('centre-export-status')).toBe('当前微信版本不支持发送文件。您可以复制全部内容，粘贴到别处保存。');
  await centre.tap('centre-export-copy');
  await host!.flush();
  const copies = host!.callsTo('setClipboardData');
  expect(copies).toHaveLength(1);
  const [file] = [...(host!.device.files?.values() ?? [])];
  expect((copies[0].args[0] as { data: string }).data).toBe(file);
  expect(centre.textOf('centre-export-status')).toBe('已复制到剪贴板。');
  expect(host!.errors).toEqual([]);
});

test('sending fails (the file was cleared meanwhile): the page says so and offers the copy', async () => {
  const centre = await exported('export-send-fails');
  host!.device.files?.clear();
  await centre.tap('centre-export-send');
  await host!.flush();
  expect(host!.callsTo('shareFileMessage')[0].status).toBe('fail');
  expect(centre.textOf('centre-export-status')).toBe('文件未能发送。您可以复制全部内容，粘贴到别处保存。');
  await centre.tap('centre-export-copy');
  await host!.flush();
  expect(host!.callsTo('setClipboardData')).toHaveLength(1);
});
