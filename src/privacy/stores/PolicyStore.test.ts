import type { PolicyDocument } from '../domain/policy';
import { totalUnits } from '../domain/reveal';
import type { StoragePort } from '../ports';
import { LANG_KEY, PolicyStore, langFromHost } from './PolicyStore';

function memoryStorage(initial: Record<string, string> = {}): StoragePort & { data: Map<string, string> } {
  const data = new Map(Object.entries(initial));
  return {
    data,
    get: async (k) => data.get(k) ?? null,
    set: async (k, v) => void data.set(k, v),
    remove: async (k) => void data.delete(k),
    keys: async () => [...data.keys()],
  };
}

const sections = (lang: string) =>
  Array.from({ length: 12 }, (_, i) => ({
    id: `s${i}`,
    title: `${lang} ${i}`,
    blocks: [{ type: 'paragraph' as const, text: `${lang}`.repeat(2000) }],
  }));
const doc: PolicyDocument = {
  schemaVersion: 1,
  updated: '2023-12',
  texts: {
    zh: { title: '隐私政策', lastUpdatedLabel: '最近更新', sections: sections('zh') },
    en: { title: 'Privacy Policy', lastUpdatedLabel: 'Last updated', sections: sections('en') },
  },
};

function makeStore(host = 'zh_CN', storage = memoryStorage()) {
  let flushes = 0;
  const store = new PolicyStore({
    storage,
    system: { language: () => host },
    bundled: { version: 1, document: doc, source: 'bundled' },
    yieldToRenderer: async () => void flushes++,
  });
  return { store, storage, flushes: () => flushes };
}

test('language follows the host until the shopper picks one, and the choice is remembered', async () => {
  expect(langFromHost('zh_CN')).toBe('zh');
  expect(langFromHost('zh_HK')).toBe('zh');
  expect(langFromHost('en')).toBe('en');
  expect(langFromHost('en-US')).toBe('en');
  const { store, storage } = makeStore('en');
  expect(store.lang).toBe('en');
  await store.setLanguage('zh');
  expect(storage.data.get(LANG_KEY)).toBe('zh');
  const again = makeStore('en', storage).store;
  await again.hydrate();
  expect(again.lang).toBe('zh');
  expect(again.langChosen).toBe(true);
});

test('only the first chunk is revealed at first; revealMore walks to the end', () => {
  const { store } = makeStore();
  expect(store.revealed.length).toBeLessThan(doc.texts.zh.sections.length);
  let guard = 0;
  while (!store.fullyRevealed && guard++ < 100) store.revealMore();
  expect(store.revealedUnits).toBe(totalUnits(doc.texts.zh.sections));
  expect(store.revealed.map((v) => v.section.id)).toEqual(doc.texts.zh.sections.map((s) => s.id));
});

test('revealUntil renders the target section chunk by chunk, yielding between chunks', async () => {
  const { store, flushes } = makeStore();
  await store.revealUntil(9);
  const ids = store.revealed.map((v) => v.section.id);
  expect(ids).toContain('s9');
  expect(store.revealed.find((v) => v.section.id === 's9')!.blocks.length).toBe(1);
  expect(flushes()).toBeGreaterThan(1);
});

test('switching language restarts the reveal in the other text', async () => {
  const { store } = makeStore();
  await store.revealUntil(11);
  await store.setLanguage('en');
  expect(store.fullyRevealed).toBe(false);
  expect(store.revealed[0].section.title).toBe('en 0');
});
