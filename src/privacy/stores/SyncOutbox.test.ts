import { LIMITS, type LedgerEvent } from '../domain/contract';
import { appPurposes } from '../domain/app';
import { SHOP_PRIVACY } from '../../shop/privacy-content';

const CONSENT_PURPOSES = appPurposes(SHOP_PRIVACY);
import { ApiError, StorageQuotaError } from '../ports';
import { FakeBackend, fakeApi, ManualClock, MemoryStorage, SequentialIds, seededRandom, settle, type Fault } from '../testing';
import { ConsentStore } from './ConsentStore';
import { SyncOutbox } from './SyncOutbox';

interface Device {
  store: ConsentStore;
  api: ReturnType<typeof fakeApi>;
}

function boot(storage: MemoryStorage, backend: FakeBackend, clock: ManualClock, idPrefix: string, seed = 1): Device {
  const api = fakeApi(backend);
  const store = new ConsentStore({
    storage,
    clock,
    ids: new SequentialIds(idPrefix),
    api,
    deviceId: 'device-0001',
    timer: clock,
    random: seededRandom(seed),
    autoSync: false,
  });
  return { store, api };
}

/** Records `n` decisions after an agreement: n + 1 shareable events. */
async function decide(store: ConsentStore, n: number): Promise<string[]> {
  const ids = [(await store.acceptPolicy(1)).id];
  for (let i = 0; i < n; i++) {
    const purpose = CONSENT_PURPOSES[i % CONSENT_PURPOSES.length];
    ids.push((i % 3 === 2 ? await store.withdraw(purpose) : await store.grant(purpose)).id);
  }
  return ids;
}

function postedBatches(backend: FakeBackend): string[][] {
  return backend.requestsTo('/v1/me/consents', 'POST').map((r) => (r.body as { events: LedgerEvent[] }).events.map((e) => e.id));
}

// Hundreds of full-ledger writes per test on a shared 2-core machine.
jest.setTimeout(30_000);

describe('SyncOutbox', () => {
  let clock: ManualClock;
  let backend: FakeBackend;
  let storage: MemoryStorage;

  beforeEach(() => {
    clock = new ManualClock();
    backend = new FakeBackend({ now: () => clock.now() });
    storage = new MemoryStorage();
  });

  it('sends in order, in batches of at most 100, and marks them synced', async () => {
    const { store, api } = boot(storage, backend, clock, 'evt-a');
    await api.login('dev:ann');
    const ids = await decide(store, 249);
    const result = await store.sync();
    expect(result).toEqual({ sent: 250, status: 'idle' });
    expect(postedBatches(backend).map((b) => b.length)).toEqual([100, 100, 50]);
    expect(backend.eventsOf('user-ann').map((e) => e.id)).toEqual(ids);
    expect(store.pendingCount).toBe(0);
    expect(backend.requestsTo('/v1/me/consents', 'POST').every((r) => r.headers.authorization?.startsWith('Bearer '))).toBe(true);
  });

  it('retries network failures with growing, jittered backoff, and delivers each event once, in order', async () => {
    const { store, api } = boot(storage, backend, clock, 'evt-a');
    await api.login('dev:ben');
    const ids = await decide(store, 249);
    backend.fault({ kind: 'network' }, '/v1/me/consents');
    backend.fault({ kind: 'network' }, '/v1/me/consents');
    backend.fault({ kind: 'network' }, '/v1/me/consents');
    const t0 = clock.now();
    await store.sync();
    expect(store.outbox.status).toBe('waiting');
    expect(store.outbox.attempt).toBe(1);
    const d1 = store.outbox.nextAttemptAt! - t0;
    expect(d1).toBeGreaterThanOrEqual(500);
    expect(d1).toBeLessThanOrEqual(1000);

    // An early call does not jump the queue of the backoff.
    await store.outbox.flush();
    expect(postedBatches(backend)).toHaveLength(1);

    await clock.advance(d1);
    expect(store.outbox.attempt).toBe(2);
    const d2 = store.outbox.nextAttemptAt! - clock.now();
    expect(d2).toBeGreaterThanOrEqual(1000);
    expect(d2).toBeLessThanOrEqual(2000);
    await clock.advance(d2);
    const d3 = store.outbox.nextAttemptAt! - clock.now();
    expect(d3).toBeGreaterThanOrEqual(2000);
    expect(d3).toBeLessThanOrEqual(4000);
    await clock.advance(d3);
    expect(store.outbox.status).toBe('idle');
    expect(backend.eventsOf('user-ben').map((e) => e.id)).toEqual(ids);
    expect(store.outbox.attempt).toBe(0);
  });

  it('resends a batch whose answer was lost; the server counts duplicates and stores each id once', async () => {
    const { store, api } = boot(storage, backend, clock, 'evt-a');
    await api.login('dev:cat');
    const ids = await decide(store, 249);
    backend.fault({ kind: 'drop' }, (r) => r.path === '/v1/me/consents' && postedBatches(backend).length === 2);
    await store.sync();
    expect(store.outbox.status).toBe('waiting');
    await clock.runAll();
    const batches = postedBatches(backend);
    expect(batches).toHaveLength(4);
    expect(batches[2]).toEqual(batches[1]); // the same ids again
    expect(backend.eventsOf('user-cat').map((e) => e.id)).toEqual(ids);
    expect(store.pendingCount).toBe(0);
  });

  it.each<[string, Fault]>([
    ['after the server committed', { kind: 'hang', commit: true }],
    ['before the server committed', { kind: 'hang', commit: false }],
  ])('resumes after an app kill mid-sync (%s): exactly once, in order', async (_name, fault) => {
    const first = boot(storage, backend, clock, 'evt-a');
    await first.api.login('dev:dee');
    const ids = await decide(first.store, 249);
    backend.fault(fault, (r) => r.path === '/v1/me/consents' && r.method === 'POST' && postedBatches(backend).length === 2);
    void first.store.sync(); // the second batch never answers: the app is killed while waiting
    await settle();
    await settle();
    expect(postedBatches(backend)).toHaveLength(2);

    const second = boot(storage, backend, clock, 'evt-b');
    second.api.setToken(backend.issueToken('user-dee'));
    await second.store.hydrate();
    expect(second.store.pendingCount).toBe(150);
    const more = [(await second.store.grant('guardian')).id];
    const result = await second.store.sync();
    expect(result.status).toBe('idle');
    expect(backend.eventsOf('user-dee').map((e) => e.id)).toEqual([...ids, ...more]);
    expect(new Set(backend.eventsOf('user-dee').map((e) => e.id)).size).toBe(ids.length + 1);
  });

  it('stays exactly-once and ordered under random faults and restarts', async () => {
    const rnd = seededRandom(42);
    let device = boot(storage, backend, clock, 'evt-r0');
    await device.api.login('dev:eve');
    const all: string[] = [(await device.store.acceptPolicy(1)).id];
    for (let round = 1; round <= 10; round++) {
      for (let i = 0; i < 25; i++) {
        const purpose = CONSENT_PURPOSES[Math.floor(rnd() * CONSENT_PURPOSES.length)];
        all.push((rnd() < 0.5 ? await device.store.grant(purpose) : await device.store.withdraw(purpose)).id);
      }
      const r = rnd();
      const fault: Fault = r < 0.25 ? { kind: 'network' } : r < 0.5 ? { kind: 'drop' } : r < 0.6 ? { kind: 'status', status: 503 } : { kind: 'hang', commit: rnd() < 0.5 };
      backend.fault(fault, '/v1/me/consents');
      void device.store.sync();
      await settle();
      if (fault.kind === 'hang' || rnd() < 0.3) {
        device = boot(storage, backend, clock, `evt-r${round}`, round);
        device.api.setToken(backend.issueToken('user-eve'));
        await device.store.hydrate();
      } else {
        await clock.runAll();
      }
    }
    await device.store.sync();
    await clock.runAll();
    expect(device.store.pendingCount).toBe(0);
    expect(backend.eventsOf('user-eve').map((e) => e.id)).toEqual(all);
    for (const batch of postedBatches(backend)) expect(batch.length).toBeLessThanOrEqual(LIMITS.eventsPerBatch);
  });

  it('keeps a batch the server refused (4xx) and does not retry it on its own', async () => {
    const { store, api } = boot(storage, backend, clock, 'evt-a');
    await api.login('dev:fox');
    await decide(store, 3);
    backend.fault({ kind: 'status', status: 400, code: 'BAD_REQUEST' }, '/v1/me/consents');
    await store.sync();
    expect(store.outbox.status).toBe('rejected');
    expect(store.outbox.lastError).toMatchObject({ name: 'ApiError', code: 'BAD_REQUEST', status: 400 });
    expect(clock.pendingTimers).toBe(0);
    expect(store.pendingCount).toBe(4);
    await store.outbox.flush();
    await store.outbox.flush();
    expect(postedBatches(backend)).toHaveLength(1);
    await store.sync();
    expect(store.pendingCount).toBe(0);
  });

  it('shares one run between concurrent flushes (no duplicate sends)', async () => {
    const { store, api } = boot(storage, backend, clock, 'evt-a');
    await api.login('dev:gil');
    await decide(store, 150);
    const [a, b, c] = await Promise.all([store.sync(), store.outbox.flush(), store.sync()]);
    expect(a).toEqual(b);
    expect(b).toEqual(c);
    expect(postedBatches(backend).map((x) => x.length)).toEqual([100, 51]);
  });

  it('resends after a kill between the server answer and the local write', async () => {
    const first = boot(storage, backend, clock, 'evt-a');
    await first.api.login('dev:hal');
    const ids = await decide(first.store, 20);
    storage.failNext('set', new Error('setStorage:fail killed'));
    await first.store.sync();
    expect(first.store.outbox.status).toBe('waiting');
    expect(backend.eventsOf('user-hal')).toHaveLength(21);
    const second = boot(storage, backend, clock, 'evt-b');
    second.api.setToken(backend.issueToken('user-hal'));
    await second.store.hydrate();
    expect(second.store.pendingCount).toBe(21);
    await second.store.sync();
    expect(second.store.pendingCount).toBe(0);
    expect(backend.eventsOf('user-hal').map((e) => e.id)).toEqual(ids);
  });
  // One classifier (ports.ts `classify`) decides for every store: what a shopper expects of each answer.
  it.each([
    [408, 'waiting'],
    [429, 'waiting'],
    [500, 'waiting'],
    [502, 'waiting'],
    [503, 'waiting'],
    [504, 'waiting'],
    [400, 'rejected'],
    [403, 'rejected'],
    [404, 'rejected'],
    [409, 'rejected'],
    [413, 'rejected'],
  ] as const)('after a %i the batch is kept and the outbox is %s', async (status, expected) => {
    const { store, api } = boot(storage, backend, clock, 'evt-a');
    await api.login('dev:ivy');
    await decide(store, 2);
    backend.fault({ kind: 'status', status }, '/v1/me/consents');
    await store.sync();
    expect(store.outbox.status).toBe(expected);
    expect(clock.pendingTimers).toBe(expected === 'waiting' ? 1 : 0);
    expect(store.pendingCount).toBe(3);
    await clock.runAll();
    expect(store.pendingCount).toBe(expected === 'waiting' ? 0 : 3);
  });

  it('retries an answer that breaks the contract (a captive portal’s page) like a lost connection', async () => {
    const { store, api } = boot(storage, backend, clock, 'evt-a');
    await api.login('dev:jay');
    await decide(store, 2);
    const post = api.postConsents.bind(api);
    let calls = 0;
    api.postConsents = (events) => (++calls === 1 ? Promise.reject(new ApiError(200, 'MALFORMED_RESPONSE', 'Malformed answer: consents')) : post(events));
    await store.sync();
    expect(store.outbox.status).toBe('waiting');
    await clock.runAll();
    expect(store.outbox.status).toBe('idle');
    expect(store.pendingCount).toBe(0);
  });

  it('storage full after the server acknowledged: kept, not resent on its own; a sync sends it again, once', async () => {
    const { store, api } = boot(storage, backend, clock, 'evt-a');
    await api.login('dev:kim');
    const ids = await decide(store, 2);
    // The ledger write and its compacted retry both fail.
    storage.failNext('set', new StorageQuotaError('setStorage:fail exceed storage max size 10M'));
    storage.failNext('set', new StorageQuotaError('setStorage:fail exceed storage max size 10M'));
    await store.sync();
    expect(store.outbox.status).toBe('rejected');
    expect(store.error).toMatchObject({ name: 'StorageQuotaError' });
    expect(clock.pendingTimers).toBe(0);
    await store.outbox.flush();
    expect(postedBatches(backend)).toHaveLength(1);
    expect(backend.eventsOf('user-kim').map((e) => e.id)).toEqual(ids);
    // Storage still holds the batch as pending: the next sync sends it once more (the server counts
    // duplicates), and this time the acknowledgement is written, so nothing is sent again.
    await store.sync();
    expect(postedBatches(backend)).toHaveLength(2);
    expect(store.outbox.status).toBe('idle');
    await store.sync();
    expect(postedBatches(backend)).toHaveLength(2);
    expect(backend.eventsOf('user-kim').map((e) => e.id)).toEqual(ids);
  });

  it('stops a run whose acknowledged batch the host did not record, instead of sending it forever', async () => {
    const { store, api } = boot(storage, backend, clock, 'evt-a');
    await api.login('dev:lou');
    await decide(store, 2);
    const entries = store.entries;
    expect(entries.every((e) => e.sync === 'pending')).toBe(true);
    const host = { savedEntries: () => entries, markSynced: async () => undefined, accountDeleted: () => undefined };
    const outbox = new SyncOutbox({ host, api, clock, timer: clock, random: seededRandom(1) });
    const result = await outbox.flush();
    expect(result.status).toBe('waiting');
    expect(outbox.lastError?.message).toBe('The acknowledged batch was not recorded');
    expect(postedBatches(backend)).toHaveLength(1);
    outbox.reset();
  });

  it('after a failed write of an acknowledged batch, the next sync writes it and sends nothing again', async () => {
    const { store, api } = boot(storage, backend, clock, 'evt-w');
    await api.login('dev:wen');
    await decide(store, 2);
    // The server takes the batch; recording it fails once (storage full at that moment).
    storage.failNext('set', new Error('setStorage:fail'), 'privacy.ledger');
    await store.sync();
    expect(postedBatches(backend)).toHaveLength(1);
    // Memory says synced, storage does not: the next sync writes it instead of resending for ever.
    await store.sync();
    await store.sync();
    expect(postedBatches(backend).length).toBeLessThanOrEqual(2);
    const again = boot(storage, backend, clock, 'evt-w2').store;
    await again.hydrate();
    expect(again.entries.every((e) => e.sync === 'synced')).toBe(true);
  });
});

