import { createH5DataFile } from './dataFile.h5';

describe('DataFilePort in the browser', () => {
  it('downloads the text as a named JSON file through a Blob link, then frees the Blob', async () => {
    jest.useFakeTimers();
    const clicked: { href: string; download: string }[] = [];
    const revoked: string[] = [];
    const blobs: Blob[] = [];
    const link = { href: '', download: '', rel: '', style: { display: '' }, click: () => clicked.push({ href: link.href, download: link.download }), remove: jest.fn() };
    const port = createH5DataFile({
      document: { createElement: () => link, body: { appendChild: jest.fn() } } as never,
      URL: { createObjectURL: (b: Blob) => (blobs.push(b), 'blob:1'), revokeObjectURL: (u: string) => void revoked.push(u) } as never,
      Blob,
    });
    await expect(port.save('my-data-2026-12-02.json', '{"数据":1}')).resolves.toEqual({ fileName: 'my-data-2026-12-02.json', filePath: null, downloaded: true });
    expect(clicked).toEqual([{ href: 'blob:1', download: 'my-data-2026-12-02.json' }]);
    expect(blobs[0].type).toBe('application/json;charset=utf-8');
    expect(await blobs[0].text()).toBe('{"数据":1}');
    expect(link.remove).toHaveBeenCalled();
    jest.runAllTimers();
    expect(revoked).toEqual(['blob:1']);
    expect(port.canSend()).toBe(false);
    jest.useRealTimers();
  });

  it('says so where the browser cannot download or copy', async () => {
    const port = createH5DataFile({});
    await expect(port.save('a.json', '{}')).rejects.toThrow('download:fail not supported');
    await expect(port.copy('x')).rejects.toThrow('copy:fail not supported');
  });
});
