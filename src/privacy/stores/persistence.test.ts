import { createShopTestRootStore } from '../../shop/privacy-content/testRootStore';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { MemoryStorage, settle } from '../testing';
import type { LedgerEvent } from '../domain/contract';
import { sha256Hex } from '../domain/hash';
import type { LedgerEntry } from '../domain/ledger';
import { encodeLedger, LEDGER_SCHEMA_VERSION } from '../domain/ledgerCodec';
import { ledgerEvent } from '../testing/events';
import { AccountStore } from './AccountStore';
import { CancellationStore } from './CancellationStore';
import { OverlayStore } from './OverlayStore';
import { ConsentStore } from './ConsentStore';
import { DEFAULT_KEY_PREFIX, Persistence, STORAGE_KEYS, wipedKeys, type StorageKeyName } from './persistence';
import { PolicyStore } from './PolicyStore';

const NAMES = Object.keys(STORAGE_KEYS) as StorageKeyName[];
const PERSONAL = NAMES.filter((k) => STORAGE_KEYS[k].personal);

describe('the storage registry', () => {
  it('lists each personal key for the account’s deletion, and only personal keys for any wipe', () => {
    for (const name of NAMES) {
      const { personal, wipedOn } = STORAGE_KEYS[name];
      expect([name, (wipedOn as readonly string[]).includes('cancellation')]).toEqual([name, personal]);
      if (!personal) expect([name, wipedOn]).toEqual([name, []]);
    }
    expect(wipedKeys('cancellation')).toEqual(PERSONAL);
    expect(wipedKeys('sign-out').every((k) => PERSONAL.includes(k))).toBe(true);
    expect(wipedKeys('sign-out')).toEqual(expect.arrayContaining(['session', 'profile']));
  });

  it('puts every key under the prefix', () => {
    const p = new Persistence(new MemoryStorage(), 'shop.p.');
    for (const name of NAMES) expect(p.key(name)).toBe(`shop.p.${name}`);
    expect(new Persistence(new MemoryStorage()).key('lang')).toBe(`${DEFAULT_KEY_PREFIX}lang`);
  });

  it('reads a damaged or foreign value as unusable, never as data', async () => {
    const storage = new MemoryStorage();
    const p = new Persistence(storage);
    expect(await p.read('session')).toEqual({ status: 'absent' });
    for (const name of NAMES) {
      await storage.set(p.key(name), '{"truncated":');
      const d = await p.read(name);
      expect([name, d.status]).toEqual([name, 'invalid']);
      expect(await p.value(name)).toBeNull();
    }
    const foreign: Partial<Record<StorageKeyName, string>> = {
      deviceId: 'not an id!',
      lang: 'fr',
      ledger: '{"format":"someone-else"}',
      'ledger.quarantine': '[]',
      session: '{"token":1}',
      member: '{"userId":""}',
      ageRefusal: '{"refusedOn":"2016-05"}',
      signOuts: '{}',
      profile: '"x"',
      'policy.meta': '{"meta":{}}',
      'policy.content': '{"version":"1"}',
      'policy.lists': '{"lists":[]}',
      cancellation: '[]',
    };
    for (const name of NAMES) {
      await storage.set(p.key(name), foreign[name]!);
      expect([name, await p.read(name)]).toEqual([name, { status: 'invalid', kind: 'foreign', reason: expect.any(String), raw: foreign[name] }]);
    }
  });

  it('keeps the ledger codec’s verdicts (corrupted, future version)', async () => {
    const storage = new MemoryStorage();
    const p = new Persistence(storage);
    const good = encodeLedger([]);
    await storage.set(p.key('ledger'), good);
    expect(await p.read('ledger')).toEqual({ status: 'ok', value: [] });
    await storage.set(p.key('ledger'), good.replace(`"schema":${LEDGER_SCHEMA_VERSION}`, '"schema":9'));
    expect(await p.read('ledger')).toMatchObject({ status: 'invalid', kind: 'future-version', reason: 'schema 9' });
    await storage.set(p.key('ledger'), good.slice(0, -3));
    expect(await p.read('ledger')).toMatchObject({ status: 'invalid', kind: 'corrupted' });
  });

  it('reads a ledger the previous release stored (schema 1) and writes it back in the current schema', async () => {
    const storage = new MemoryStorage();
    const p = new Persistence(storage);
    const entries: LedgerEntry[] = [
      { event: ledgerEvent({ kind: 'policy', purpose: 'policy', value: 'accepted' } as Partial<LedgerEvent>), sync: 'synced' },
      { event: ledgerEvent({ purpose: 'marketing', value: 'granted' }), sync: 'pending' },
    ];
    const current = encodeLedger(entries);
    const payload = current.slice(current.indexOf('"payload":') + '"payload":'.length, -1);
    const v1 = `{"format":"shop-privacy.ledger","schema":1,"checksum":"sha256:${sha256Hex(payload)}","payload":${payload}}`;
    await storage.set(p.key('ledger'), v1);
    const read = await p.read('ledger');
    expect(read).toEqual({ status: 'ok', value: entries });
    await p.write('ledger', entries);
    expect(await storage.get(p.key('ledger'))).toBe(current);
    expect(JSON.parse(current).schema).toBe(LEDGER_SCHEMA_VERSION);
    // Its checksum still guards it: a pending grant edited into a refusal is refused.
    await storage.set(p.key('ledger'), v1.replace('"value":"granted"', '"value":"refused"'));
    expect(await p.read('ledger')).toMatchObject({ status: 'invalid', kind: 'corrupted', reason: 'checksum mismatch' });
  });

  it('round-trips what it writes', async () => {
    const p = new Persistence(new MemoryStorage());
    await p.write('profile', { nickname: '小王', phone: '' });
    expect(await p.value('profile')).toEqual({ nickname: '小王', phone: '' });
    await p.write('signOuts', [{ token: 't', scope: 'everywhere', signedOutAt: '2026-01-01T00:00:00.000Z', expiresAt: '2026-02-01T00:00:00.000Z' }]);
    expect(await p.value('signOuts')).toHaveLength(1);
    await p.write('lang', 'en');
    expect(await p.value('lang')).toBe('en');
  });
});

describe('the language choice of an earlier release (`lang`, without the prefix)', () => {
  it('survives the upgrade: copied under the prefix on the first read, then read from there', async () => {
    const t = createShopTestRootStore({ language: 'zh_CN' });
    await t.storage.set('lang', 'en');
    await t.privacy.start();
    expect(t.privacy.policy.lang).toBe('en');
    expect(t.privacy.policy.langChosen).toBe(true);
    expect(t.storage.data.get('privacy.lang')).toBe('en');
    // Once copied, the prefixed key wins; the old key is left to whoever else may own it.
    await t.privacy.policy.setLanguage('zh');
    const again = new PolicyStore({ storage: t.storage, system: { language: () => 'en' }, bundled: t.privacy.options.bundledPolicy!, yieldToRenderer: async () => undefined });
    await again.hydrate();
    expect(again.lang).toBe('zh');
    expect(t.storage.data.get('lang')).toBe('en');
  });

  it('is carried over under a custom prefix too, and a value that is not a language is ignored', async () => {
    const t = createShopTestRootStore({ language: 'zh_CN', keyPrefix: 'm.' });
    await t.storage.set('lang', 'en');
    await t.privacy.start();
    expect(t.privacy.policy.lang).toBe('en');
    expect(t.storage.data.get('m.lang')).toBe('en');

    const u = createShopTestRootStore({ language: 'zh_CN' });
    await u.storage.set('lang', 'english');
    await u.privacy.start();
    expect(u.privacy.policy.lang).toBe('zh');
    expect(u.privacy.policy.langChosen).toBe(false);
    expect(u.storage.data.has('privacy.lang')).toBe(false);
  });

  it('new choices are stored under the prefix only', async () => {
    const t = createShopTestRootStore();
    await t.privacy.start();
    await t.privacy.policy.setLanguage('en');
    expect(t.storage.data.get('privacy.lang')).toBe('en');
    expect(t.storage.data.has('lang')).toBe(false);
  });
});

/** A signed-in shopper with every key of the registry in storage. */
async function everyKeyStored() {
  const t = createShopTestRootStore();
  await t.privacy.start();
  await t.agree();
  await t.privacy.account.signIn();
  await t.privacy.policy.setLanguage('en');
  const p = t.privacy.persistence;
  await p.write('profile', { nickname: '小王', phone: '13800138000' });
  await p.write('ledger.quarantine', { status: 'corrupted', reason: 'checksum mismatch', detectedAt: '2026-01-01T00:00:00.000Z', length: 1, blob: 'x' });
  await p.write('cancellation', { latest: null, attempt: { key: 'k-1', request: { confirm: true, code: 'dev:x' } } });
  const far = new Date(t.clock.now() + 86_400_000).toISOString();
  await p.write('signOuts', [{ token: 'earlier', scope: 'this-device', signedOutAt: new Date(t.clock.now()).toISOString(), expiresAt: far }]);
  await p.write('ageRefusal', { refusedOn: '2026-01-01' });
  await t.storage.set(p.key('policy.meta'), '{}');
  await t.storage.set(p.key('policy.content'), '{}');
  await t.storage.set(p.key('policy.lists'), '{}');
  const stored = new Set(await t.storage.keys());
  expect(NAMES.filter((k) => !stored.has(p.key(k)))).toEqual([]);
  return t;
}

const present = async (t: Awaited<ReturnType<typeof everyKeyStored>>) => {
  const keys = new Set(await t.storage.keys());
  return NAMES.filter((k) => keys.has(t.privacy.persistence.key(k)));
};

describe('wipes remove exactly the personal keys the registry lists for them', () => {
  it('sign-out: the keys listed for it are gone, every other key stays', async () => {
    const t = await everyKeyStored();
    // Offline: both sign-outs stay queued (their key is not personal and must outlive the sign-out).
    t.backend.fault({ kind: 'network' }, '/v1/sessions/sign-out').fault({ kind: 'network' }, '/v1/sessions/sign-out');
    expect(await t.privacy.account.signOut()).toBe('queued');
    expect(await present(t)).toEqual(NAMES.filter((k) => !wipedKeys('sign-out').includes(k)));
  });

  it('sign-out online: the same keys go (the delivered sign-outs leave nothing to queue)', async () => {
    const t = await everyKeyStored();
    expect(await t.privacy.account.signOut()).toBe('signed-out');
    expect(await present(t)).toEqual(NAMES.filter((k) => !wipedKeys('sign-out').includes(k) && k !== 'signOuts'));
  });

  it('a session the server ended (401): the keys a sign-out removes go too, every other key stays, and what is on screen stays', async () => {
    const t = await everyKeyStored();
    const sheet = t.privacy.consentPrompts.request('marketing');
    await settle();
    expect(t.privacy.consentPrompts.asking).toBe('marketing');
    await t.privacy.account.sessionExpired();
    expect(t.privacy.account.signedIn).toBe(false);
    expect(await present(t)).toEqual(NAMES.filter((k) => !wipedKeys('sign-out').includes(k)));
    expect(t.privacy.consentPrompts.asking).toBe('marketing');
    await t.privacy.consentPrompts.answer(false);
    await expect(sheet).resolves.toBe('refused');
  });

  it('cancellation (account deleted): every personal key is gone, every other key stays', async () => {
    const t = await everyKeyStored();
    await t.privacy.cancellation.accountDeleted('2026-01-08T00:00:00.000Z');
    expect(await present(t)).toEqual(NAMES.filter((k) => !STORAGE_KEYS[k].personal));
    expect(await present(t)).toEqual(NAMES.filter((k) => !wipedKeys('cancellation').includes(k)));
  });

  it('no store deletes a key it does not own: each store’s clear() removes its own keys only', async () => {
    const storage = new MemoryStorage();
    const p = new Persistence(storage);
    const removed: string[] = [];
    const remove = storage.remove.bind(storage);
    storage.remove = async (k) => {
      removed.push(k);
      await remove(k);
    };
    const api = { setToken: () => undefined } as never;
    const clock = { now: () => 0 };
    const consent = new ConsentStore({ storage, clock, ids: { newId: () => 'x' }, deviceId: 'device-1' });
    const account = new AccountStore({ storage, api, login: async () => '', deviceId: () => '', keyPrefix: DEFAULT_KEY_PREFIX, clock, recordGuardianConsent: async () => undefined });
    const cancellation = new CancellationStore({
      storage,
      api,
      ids: { newId: () => 'x' },
      clock,
      login: async () => '',
      deviceId: () => '',
      keyPrefix: DEFAULT_KEY_PREFIX,
      wipe: async () => undefined,
      sessionExpired: async () => undefined,
      ui: new OverlayStore(),
    });
    const owned: Array<[() => Promise<void>, StorageKeyName[]]> = [
      [() => consent.clear(), ['ledger', 'ledger.quarantine']],
      [() => account.clear(), ['session', 'member']],
      [() => cancellation.clear(), ['cancellation']],
    ];
    for (const [clear, keys] of owned) {
      removed.length = 0;
      await clear();
      expect(removed.sort()).toEqual(keys.map((k) => p.key(k)).sort());
    }
  });
});

describe('the seam', () => {
  it('is the only code of the stores and components that touches storage or parses a stored value', () => {
    const offenders: string[] = [];
    for (const dir of ['stores', 'components']) {
      const root = join(__dirname, '..', dir);
      for (const file of readdirSync(root)) {
        if (!/\.tsx?$/.test(file) || file.includes('.test.') || file === 'persistence.ts') continue;
        const src = readFileSync(join(root, file), 'utf8');
        if (/JSON\.parse|storage\.(get|set|remove|keys)\(|keyPrefix\}|DEFAULT_KEY_PREFIX\}/.test(src)) offenders.push(`${dir}/${file}`);
      }
    }
    expect(offenders).toEqual([]);
  });
});

describe("the package README's storage inventory", () => {
  it('lists the registry: every key, what it holds, whether it is personal, which wipes remove it', () => {
    const readme = readFileSync(join(__dirname, '..', 'README.md'), 'utf8');
    const section = readme.slice(readme.indexOf('## What the module stores and sends'));
    const rows = [...section.matchAll(/^\| `([^`]+)` \| (.+?) \| (yes|no) \| (.+?) \|$/gm)].map(([, name, holds, personal, wipes]) => ({
      name,
      holds,
      personal: personal === 'yes',
      wipedOn: wipes === '—' ? [] : wipes.split(', '),
    }));
    expect(rows.every((r) => r.holds.trim().length > 0)).toBe(true);
    expect(rows.map(({ holds: _, ...r }) => r)).toEqual(NAMES.map((name) => ({ name, personal: STORAGE_KEYS[name].personal, wipedOn: [...STORAGE_KEYS[name].wipedOn] })));
  });
});
