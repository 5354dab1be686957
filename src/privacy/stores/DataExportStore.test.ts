import { COLLECTION_LIST, SHOP_PRIVACY } from '../../shop/privacy-content';
import { consentTitles } from '../domain/app';
import { DataExportFormatError } from '../domain/dataExport';
import { DataFileError, type DataFilePort, type PrivacyApiPort, type SavedDataFile } from '../ports';
import { FakeBackend, fakeApi, ledgerEvent, ManualClock } from '../testing';
import { TEXTS } from '../texts/pages';
import { DataExportStore } from './DataExportStore';

/** A file port that records what it was asked, answering as scripted. */
class RecordingFiles implements DataFilePort {
  saved: { fileName: string; content: string }[] = [];
  sent: SavedDataFile[] = [];
  copied: string[] = [];
  constructor(private readonly script: { downloaded?: boolean; saveFails?: boolean; canSend?: boolean; send?: 'sent' | 'cancelled' | 'fail' } = {}) {}
  async save(fileName: string, content: string): Promise<SavedDataFile> {
    if (this.script.saveFails) throw new DataFileError('writeFile', 'writeFile:fail the maximum size of the file storage limit is exceeded');
    this.saved.push({ fileName, content });
    return { fileName, filePath: this.script.downloaded ? null : `wxfile://usr/${fileName}`, downloaded: this.script.downloaded ?? false };
  }
  canSend(): boolean {
    return this.script.canSend ?? true;
  }
  async send(file: SavedDataFile): Promise<'sent' | 'cancelled'> {
    if (this.script.send === 'fail') throw new DataFileError('shareFileMessage', 'shareFileMessage:fail no such file or directory');
    this.sent.push(file);
    return this.script.send ?? 'sent';
  }
  async copy(text: string): Promise<void> {
    this.copied.push(text);
  }
}

async function setup(files?: DataFilePort, api?: PrivacyApiPort) {
  const clock = new ManualClock(Date.parse('2026-12-01T17:30:00Z'));
  const backend = new FakeBackend({ now: () => clock.now() });
  const token = backend.issueToken('u1');
  const client = fakeApi(backend, token);
  await client.postConsents([ledgerEvent({ kind: 'policy', purpose: 'policy', value: 'accepted' }), ledgerEvent({ purpose: 'marketing', value: 'granted' })]);
  const store = new DataExportStore({ collectionList: COLLECTION_LIST, labels: consentTitles(SHOP_PRIVACY), api: api ?? client, files, clock, lang: () => 'zh', texts: () => TEXTS.zh });
  return { store, clock };
}

describe('DataExportStore', () => {
  it('WeChat: writes the dated file with the summary and the raw export, then sends it from a tap', async () => {
    const files = new RecordingFiles();
    const { store } = await setup(files);
    await store.download();
    expect(store.error).toBeNull();
    expect(files.saved.map((f) => f.fileName)).toEqual(['my-data-2026-12-02.json']);
    const content = JSON.parse(files.saved[0].content) as { summary: { sections: { title: string }[] }; data: { consents: { events: unknown[] } } };
    expect(content.summary.sections.map((s) => s.title)).toEqual(['小程序标识', '授权记录', '账户注销']);
    expect(content.data.consents.events).toHaveLength(2);
    expect(store.delivery).toBe('saved');
    expect(store.canSend).toBe(true);
    expect(files.sent).toEqual([]);
    await store.send();
    expect(files.sent.map((f) => f.filePath)).toEqual(['wxfile://usr/my-data-2026-12-02.json']);
    expect(store.delivery).toBe('sent');
  });

  it('writes the whole history into the file when the server answers it in pages', async () => {
    const files = new RecordingFiles();
    const clock = new ManualClock(Date.parse('2026-12-01T17:30:00Z'));
    const backend = new FakeBackend({ now: () => clock.now() });
    backend.eventsPerPage = 2;
    const client = fakeApi(backend, backend.issueToken('u1'));
    const events = [ledgerEvent({ kind: 'policy', purpose: 'policy', value: 'accepted' }), ...['granted', 'withdrawn', 'granted', 'withdrawn'].map((value) => ledgerEvent({ purpose: 'marketing', value } as never))];
    await client.postConsents(events);
    const store = new DataExportStore({ collectionList: COLLECTION_LIST, labels: consentTitles(SHOP_PRIVACY), api: client, files, clock, lang: () => 'zh', texts: () => TEXTS.zh });
    await store.download();
    expect(store.error).toBeNull();
    const content = JSON.parse(files.saved[0].content) as { data: { consents: { events: { id: string }[]; next: unknown } } };
    expect(content.data.consents.events.map((e) => e.id)).toEqual(events.map((e) => e.id));
    expect(content.data.consents.next).toBeNull();
    expect(store.data?.consents.events).toHaveLength(5);
  });

  it('the browser: downloaded, nothing to send', async () => {
    const files = new RecordingFiles({ downloaded: true, canSend: false });
    const { store } = await setup(files);
    await store.download();
    expect(store.delivery).toBe('downloaded');
    expect(store.canSend).toBe(false);
  });

  it('a closed chat picker keeps the file to send again; a failed send offers the copy, copied only on request', async () => {
    const cancelled = new RecordingFiles({ send: 'cancelled' });
    const a = (await setup(cancelled)).store;
    await a.download();
    await a.send();
    expect(a.delivery).toBe('send-cancelled');

    const failing = new RecordingFiles({ send: 'fail' });
    const b = (await setup(failing)).store;
    await b.download();
    await b.send();
    expect(b.delivery).toBe('send-failed');
    expect(failing.copied).toEqual([]);
    await b.copy();
    expect(failing.copied).toEqual([failing.saved[0].content]);
    expect(b.delivery).toBe('copied');
  });

  it('no file could be written: the summary still shows and the copy is offered', async () => {
    const files = new RecordingFiles({ saveFails: true });
    const { store } = await setup(files);
    await store.download();
    expect(store.delivery).toBe('save-failed');
    expect(store.summary?.sections).toHaveLength(3);
  });

  it('an export in the wrong shape or a network failure changes nothing shown or saved, and says so', async () => {
    const files = new RecordingFiles();
    let broken: (() => Promise<unknown>) | null = null;
    const clock = new ManualClock(Date.parse('2026-12-01T17:30:00Z'));
    const backend = new FakeBackend({ now: () => clock.now() });
    const client = fakeApi(backend, backend.issueToken('u1'));
    const api = { exportData: () => (broken ? broken() : client.exportData()) } as unknown as PrivacyApiPort;
    const store = new DataExportStore({ collectionList: COLLECTION_LIST, labels: consentTitles(SHOP_PRIVACY), api, files, clock, lang: () => 'zh', texts: () => TEXTS.zh });
    await store.download();
    const good = { content: store.content, summary: store.summary, delivery: store.delivery };
    expect(good.content).not.toBeNull();

    broken = async () => ({ exportedAt: 'never' });
    await store.download();
    expect(store.error).toBeInstanceOf(DataExportFormatError);
    expect({ content: store.content, summary: store.summary, delivery: store.delivery }).toEqual(good);

    broken = async () => Promise.reject(new Error('offline'));
    await store.download();
    expect(store.error?.message).toBe('offline');
    expect({ content: store.content, summary: store.summary, delivery: store.delivery }).toEqual(good);
    expect(files.saved).toHaveLength(1);
  });

  it('the summary follows a language switch; clear() forgets it', async () => {
    let lang: 'zh' | 'en' = 'zh';
    const files = new RecordingFiles();
    const { store: first } = await setup(files);
    await first.download();
    const store = new DataExportStore({ collectionList: COLLECTION_LIST, labels: consentTitles(SHOP_PRIVACY), api: { exportData: async () => JSON.parse(files.saved[0].content).data } as unknown as PrivacyApiPort, files, clock: new ManualClock(0), lang: () => lang, texts: () => TEXTS[lang] });
    await store.download();
    expect(store.summary?.sections[1].title).toBe('授权记录');
    lang = 'en';
    expect(store.summary?.sections[1].title).toBe('Authorisation records');
    store.clear();
    expect(store.summary).toBeNull();
    expect(store.content).toBeNull();
  });
});
