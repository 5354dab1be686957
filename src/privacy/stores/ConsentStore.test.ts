const TRACKING_CATEGORIES = ['tracking-functional', 'tracking-analytics', 'tracking-advertising', 'tracking-social'];
import { encodeLedger, LEDGER_SCHEMA_VERSION } from '../domain/ledgerCodec';
import { StorageQuotaError } from '../ports';
import { FakeBackend, fakeApi, ManualClock, MemoryStorage, SequentialIds, seededRandom, settle } from '../testing';
import { ledgerEvent } from '../testing/events';
import { utf8Length } from '../domain/reveal';
import { consentStorageKeys, ConsentStore, PolicyNotAcceptedError, QUARANTINE_MAX_BYTES } from './ConsentStore';
import { loadDeviceId } from './deviceId';
import { observable, runInAction } from 'mobx';

const KEYS = consentStorageKeys();
const DEVICE = 'device-0001';

function setup(shared: { storage?: MemoryStorage; backend?: FakeBackend; clock?: ManualClock; idPrefix?: string; deviceId?: string } = {}) {
  const storage = shared.storage ?? new MemoryStorage();
  const clock = shared.clock ?? new ManualClock();
  const backend = shared.backend ?? new FakeBackend({ now: () => clock.now() });
  const api = fakeApi(backend);
  const deleted: Array<string | null> = [];
  // The facts the ledger reads and does not own: the versions (PolicyUpdateStore in the app) and
  // the account's deletion (CancellationStore), here set by the test.
  const facts = observable({ policyVersion: null as number | null, requiredPolicyVersion: 1, deletedAt: null as string | null });
  const store = new ConsentStore({
    storage,
    clock,
    ids: new SequentialIds(shared.idPrefix ?? 'evt-a'),
    api,
    deviceId: shared.deviceId ?? DEVICE,
    timer: clock,
    random: seededRandom(1),
    policyVersion: () => facts.policyVersion,
    requiredPolicyVersion: () => facts.requiredPolicyVersion,
    isAccountDeleted: () => facts.deletedAt !== null,
    onAccountDeleted: (at) => {
      deleted.push(at);
      runInAction(() => (facts.deletedAt = at));
    },
  });
  const set = (change: Partial<typeof facts>) => runInAction(() => Object.assign(facts, change));
  return { storage, clock, backend, api, store, deleted, facts, set };
}

describe('ConsentStore: gate and decisions', () => {
  it('does nothing in its constructor', () => {
    const { storage, backend } = setup();
    expect(storage.writes).toHaveLength(0);
    expect(backend.requests).toHaveLength(0);
  });

  it('starts from nothing: no agreement, every tracking category closed', async () => {
    const { store } = setup();
    expect(await store.hydrate()).toBe('empty');
    expect(store.isHydrated).toBe(true);
    expect(store.isPolicyAccepted).toBe(false);
    expect(store.state.policy).toBeNull();
    for (const c of TRACKING_CATEGORIES) expect(store.canTrack(c)).toBe(false);
  });

  it('keeps canTrack false until consented, and false again right after withdrawal', async () => {
    const { store } = setup();
    await store.hydrate();
    await store.acceptPolicy(1);
    expect(store.canTrack('tracking-analytics')).toBe(false);
    await store.grant('tracking-analytics');
    expect(store.canTrack('tracking-analytics')).toBe(true);
    expect(store.canTrack('tracking-advertising')).toBe(false);
    const pending = store.withdraw('tracking-analytics');
    // Data use stops at once, before the write has even finished.
    expect(store.canTrack('tracking-analytics')).toBe(false);
    await pending;
    expect(store.canTrack('tracking-analytics')).toBe(false);
  });

  it('refuses a consent before the policy is agreed, and closes every gate when the agreement is withdrawn', async () => {
    const { store } = setup();
    await store.hydrate();
    await expect(store.grant('marketing')).rejects.toBeInstanceOf(PolicyNotAcceptedError);
    expect(store.events).toHaveLength(0);
    await store.acceptPolicy(1);
    await store.grant('marketing');
    await store.grant('tracking-social');
    const written = await store.withdrawPolicy();
    expect(written.map((e) => `${e.purpose}:${e.value}`)).toEqual(['marketing:withdrawn', 'tracking-social:withdrawn', 'policy:refused']);
    expect(store.isPolicyAccepted).toBe(false);
    expect(store.isPolicyRefused).toBe(true);
    expect(store.hasConsent('marketing')).toBe(false);
    expect(store.canTrack('tracking-social')).toBe(false);
  });

  it('counts an acceptance only for its version and follows the required (material) version', async () => {
    const { store, set } = setup();
    await store.acceptPolicy(2);
    await store.grant('tracking-functional');
    expect(store.isPolicyAcceptedFor(2)).toBe(true);
    expect(store.isPolicyAcceptedFor(3)).toBe(false);
    set({ requiredPolicyVersion: 3 });
    expect(store.isPolicyAccepted).toBe(false);
    expect(store.canTrack('tracking-functional')).toBe(false);
    await store.acceptPolicy(3, 'reconsent-sheet');
    expect(store.canTrack('tracking-functional')).toBe(true);
  });

  it('stamps events with the version in force, this device, the clock and the source', async () => {
    const { store, clock, set } = setup();
    await store.acceptPolicy(4);
    set({ policyVersion: 4 });
    const e = await store.recordPermission('camera', 'denied', 'feature');
    expect(e).toMatchObject({ kind: 'permission', purpose: 'camera', value: 'denied', policyVersion: 4, deviceId: DEVICE, source: 'feature' });
    expect(e.occurredAt).toBe(new Date(clock.now()).toISOString());
    expect(store.permission('camera')).toBe('denied');
    expect(store.lastRefusalAt('camera')).toBe(clock.now());
  });

  it('remembers everything across a restart', async () => {
    const a = setup();
    await a.store.acceptPolicy(1);
    await a.store.grant('personalisation');
    await a.store.recordPermission('location', 'granted');
    const b = setup({ storage: a.storage, idPrefix: 'evt-b' });
    expect(await b.store.hydrate()).toBe('ok');
    expect(b.store.state).toEqual(a.store.state);
    expect(b.store.hasConsent('personalisation')).toBe(true);
    expect(b.store.events.map((e) => e.id)).toEqual(a.store.events.map((e) => e.id));
  });

  it('shows isSaving while writing', async () => {
    const { store } = setup();
    await store.hydrate();
    const p = store.acceptPolicy(1);
    expect(store.isSaving).toBe(true);
    await p;
    expect(store.isSaving).toBe(false);
  });
});

describe('ConsentStore: failed writes are surfaced', () => {
  it('rejects a grant whose write failed, sets error and does not let it take effect', async () => {
    const { store, storage } = setup();
    await store.acceptPolicy(1);
    storage.failNext('set', new StorageQuotaError('setStorage:fail exceed storage max size 10MB'));
    storage.failNext('set', new StorageQuotaError('setStorage:fail exceed storage max size 10MB'));
    await expect(store.grant('tracking-analytics')).rejects.toBeInstanceOf(StorageQuotaError);
    expect(store.error).toBeInstanceOf(StorageQuotaError);
    expect(store.canTrack('tracking-analytics')).toBe(false);
    expect(store.events.some((e) => e.purpose === 'tracking-analytics')).toBe(false);
    expect(store.isSaving).toBe(false);
  });

  it('keeps a withdrawal in force when its write failed, and writes it with the next save', async () => {
    const { store, storage } = setup();
    await store.acceptPolicy(1);
    await store.grant('marketing');
    storage.failNext('set', new Error('setStorage:fail disk error'));
    await expect(store.withdraw('marketing')).rejects.toThrow('disk error');
    expect(store.error?.message).toContain('disk error');
    expect(store.hasConsent('marketing')).toBe(false);
    await store.recordPolicyShown(1, 'notice');
    expect(store.error).toBeNull();
    const restarted = setup({ storage, idPrefix: 'evt-b' });
    await restarted.store.hydrate();
    expect(restarted.store.state.consents.marketing?.value).toBe('withdrawn');
  });

  it('does not overwrite a ledger it could not read', async () => {
    const a = setup();
    await a.store.acceptPolicy(1);
    await a.store.grant('sensitive');
    const b = setup({ storage: a.storage, idPrefix: 'evt-b' });
    a.storage.failNext('get', new Error('getStorage:fail io'));
    await expect(b.store.hydrate()).rejects.toThrow('io');
    expect(b.store.error?.message).toContain('io');
    expect(b.store.hasConsent('sensitive')).toBe(false);
    await b.store.recordPermission('camera', 'prompted');
    expect(b.store.hasConsent('sensitive')).toBe(true);
    expect(b.store.events).toHaveLength(3);
  });
});

describe('ConsentStore: storage corruption matrix', () => {
  const valid = encodeLedger([{ event: ledgerEvent({ kind: 'policy', purpose: 'policy', value: 'accepted' } as never), sync: 'local' }]);
  const grantBlob = encodeLedger([
    { event: ledgerEvent({ kind: 'policy', purpose: 'policy', value: 'accepted' } as never), sync: 'local' },
    { event: ledgerEvent({ purpose: 'tracking-advertising', value: 'granted' }), sync: 'local' },
  ]);
  const cases: Array<[string, string, string]> = [
    ['truncated JSON', grantBlob.slice(0, grantBlob.length - 40), 'corrupted'],
    ['wrong checksum', grantBlob.replace(/("checksum":"[a-z0-9-]+:)[0-9a-f]{8}/, '$1deadbeef'), 'corrupted'],
    ['wrong types', grantBlob.replace('"policyVersion":1', '"policyVersion":"1"'), 'corrupted'],
    ['future schema', grantBlob.replace(`"schema":${LEDGER_SCHEMA_VERSION}`, `"schema":${LEDGER_SCHEMA_VERSION + 1}`), 'future-version'],
    ['huge value', valid.slice(0, -2) + ',"pad":"' + 'x'.repeat(1_100_000) + '"}}', 'corrupted'],
    ['empty string', '', 'corrupted'],
    ['foreign data', JSON.stringify({ theme: 'dark' }), 'foreign'],
    // Each NUL takes 6 bytes once escaped in the kept-aside record.
    ['control-character garbage', '\u0000'.repeat(300 * 1024), 'foreign'],
  ];

  it.each(cases)('%s: no crash, state = ask again, the bad blob kept aside', async (_name, blob, status) => {
    const { store, storage } = setup();
    storage.setRaw(KEYS.ledger, blob);
    await expect(store.hydrate()).resolves.toBe(status);
    expect(store.isHydrated).toBe(true);
    expect(store.state).toEqual({ policy: null, consents: {}, permissions: {} });
    expect(store.isPolicyAccepted).toBe(false);
    for (const c of TRACKING_CATEGORIES) expect(store.canTrack(c)).toBe(false);
    expect(store.recovery).toMatchObject({ status, keptAs: KEYS.quarantine });
    const kept = JSON.parse(storage.data.get(KEYS.quarantine)!);
    expect(kept.status).toBe(status);
    expect(kept.length).toBe(blob.length);
    // The whole blob, or as much of its start as fits the record's byte budget.
    expect(blob.startsWith(kept.blob)).toBe(true);
    if (blob.length > 0) expect(kept.blob.length).toBeGreaterThan(0);
    expect(utf8Length(storage.data.get(KEYS.quarantine)!)).toBeLessThanOrEqual(QUARANTINE_MAX_BYTES);
    if (utf8Length(JSON.stringify(blob)) < QUARANTINE_MAX_BYTES - 1024) expect(kept.blob).toBe(blob);
    expect(storage.data.has(KEYS.ledger)).toBe(false);
    // The store works again at once and writes a valid ledger.
    await store.refusePolicy(1);
    const again = setup({ storage, idPrefix: 'evt-b' });
    await expect(again.store.hydrate()).resolves.toBe('ok');
    expect(again.store.isPolicyRefused).toBe(true);
  });

  it('still recovers when the blob cannot even be kept aside', async () => {
    const { store, storage } = setup();
    storage.setRaw(KEYS.ledger, '{"format":"shop-privacy.ledger","sch');
    storage.failNext('set', new StorageQuotaError('full'), KEYS.quarantine);
    await expect(store.hydrate()).resolves.toBe('corrupted');
    expect(store.recovery?.keptAs).toBeNull();
    expect(store.isPolicyAccepted).toBe(false);
  });

  it('rebuilds the state from the server once signed in', async () => {
    const first = setup();
    await first.api.login('dev:alice');
    await first.store.acceptPolicy(1);
    await first.store.grant('dealer-sharing');
    await first.store.sync();
    first.storage.setRaw(KEYS.ledger, 'garbage');
    const second = setup({ storage: first.storage, backend: first.backend, idPrefix: 'evt-b' });
    await second.store.hydrate();
    expect(second.store.hasConsent('dealer-sharing')).toBe(false);
    await second.api.login('dev:alice');
    await second.store.reconcile();
    expect(second.store.recovery).toBeNull();
    expect(second.store.isPolicyAccepted).toBe(true);
    expect(second.store.hasConsent('dealer-sharing')).toBe(true);
  });
});

describe('ConsentStore: what leaves the device', () => {
  it('sends nothing before the agreement and nothing before sign-in; pre-agreement decisions never', async () => {
    const { store, backend, api } = setup();
    await store.hydrate();
    await store.recordPolicyShown(1);
    await store.refusePolicy(1);
    await store.refuse('tracking-analytics', 'first-run-sheet');
    await store.recordPermission('location', 'unavailable');
    await store.sync();
    expect(backend.requests).toHaveLength(0);
    const preAgreement = new Set(store.events.map((e) => e.id));

    await store.acceptPolicy(1);
    await store.grant('marketing');
    await store.sync();
    expect(store.outbox.status).toBe('signed-out');
    expect(backend.requests).toHaveLength(0);
    expect(store.pendingCount).toBe(2);

    await api.login('dev:bob');
    await store.sync();
    const posted = backend.requestsTo('/v1/me/consents', 'POST').flatMap((r) => (r.body as { events: { id: string }[] }).events.map((e) => e.id));
    expect(posted).toHaveLength(2);
    expect(posted.some((id) => preAgreement.has(id))).toBe(false);
    expect(backend.eventsOf('user-bob').map((e) => `${e.purpose}:${e.value}`)).toEqual(['policy:accepted', 'marketing:granted']);
    expect(store.pendingCount).toBe(0);
  });

  it('sends automatically once signed in, and the policy withdrawal reaches the server too', async () => {
    const { store, backend, api } = setup();
    await api.login('dev:carol');
    await store.acceptPolicy(1);
    await store.grant('personalisation');
    await settle();
    await store.withdrawPolicy();
    await settle();
    await store.refuse('marketing');
    await settle();
    expect(backend.eventsOf('user-carol').map((e) => `${e.purpose}:${e.value}`)).toEqual([
      'policy:accepted',
      'personalisation:granted',
      'personalisation:withdrawn',
      'policy:refused',
    ]);
  });

  it('says a withdrawal is acknowledged only once the server has it: not offline, not signed out, then yes', async () => {
    const { store, backend, api, clock } = setup();
    await api.login('dev:cleo');
    await store.acceptPolicy(1);
    await store.grant('marketing');
    await settle();
    // Offline: the withdrawal holds on this device at once, and waits to be sent.
    backend.fault({ kind: 'network' }, '/v1/me/consents');
    const withdrawal = (await store.withdrawPolicy()).map((e) => e.id);
    await settle();
    expect(store.isPolicyAccepted).toBe(false);
    expect(store.hasConsent('marketing')).toBe(false);
    expect(store.isAcknowledged(withdrawal)).toBe(false);
    expect(backend.eventsOf('user-cleo').map((e) => `${e.purpose}:${e.value}`)).toEqual(['policy:accepted', 'marketing:granted']);
    // Back online: the retry delivers it and the server's acknowledgement is recorded.
    await clock.advance(60_000);
    await settle();
    expect(backend.eventsOf('user-cleo').map((e) => `${e.purpose}:${e.value}`)).toEqual(['policy:accepted', 'marketing:granted', 'marketing:withdrawn', 'policy:refused']);
    expect(store.isAcknowledged(withdrawal)).toBe(true);
    expect(store.isAcknowledged([])).toBe(true);
  });

  it('a withdrawal made signed out is not acknowledged until the shopper signs in and it is sent', async () => {
    const { store, backend, api } = setup();
    await api.login('dev:cy');
    await store.acceptPolicy(1);
    await settle();
    api.setToken(null);
    const withdrawal = (await store.withdrawPolicy()).map((e) => e.id);
    await settle();
    expect(store.outbox.status).toBe('signed-out');
    expect(store.isAcknowledged(withdrawal)).toBe(false);
    await api.login('dev:cy');
    await store.sync();
    expect(backend.eventsOf('user-cy').map((e) => `${e.purpose}:${e.value}`)).toEqual(['policy:accepted', 'policy:refused']);
    expect(store.isAcknowledged(withdrawal)).toBe(true);
  });

  it('keeps everything on 401 and sends it after signing in again', async () => {
    const { store, backend, api, deleted } = setup();
    await api.login('dev:dan');
    await store.acceptPolicy(1);
    await store.sync();
    backend.expireSessions();
    await store.grant('cross-border');
    await store.sync();
    expect(store.outbox.status).toBe('unauthenticated');
    expect(api.hasSession()).toBe(false);
    await store.sync();
    expect(store.outbox.status).toBe('signed-out');
    expect(store.pendingCount).toBe(1);
    expect(deleted).toEqual([]);
    expect(store.events).toHaveLength(2);
    await api.login('dev:dan');
    await store.sync();
    expect(store.pendingCount).toBe(0);
    expect(backend.eventsOf('user-dan')).toHaveLength(2);
  });

  it('reports 410 ACCOUNT_DELETED once, closes every gate, and clear() wipes the ledger', async () => {
    const { store, backend, api, storage, deleted, facts } = setup();
    await api.login('dev:erin');
    await store.acceptPolicy(1);
    await store.grant('tracking-analytics');
    await store.sync();
    backend.deleteAccount('user-erin', '2026-02-01T00:00:00.000Z');
    await store.withdraw('marketing');
    await store.sync();
    expect(store.outbox.status).toBe('account-deleted');
    expect(deleted).toEqual(['2026-02-01T00:00:00.000Z']);
    expect(facts.deletedAt).toBe('2026-02-01T00:00:00.000Z');
    expect(store.canTrack('tracking-analytics')).toBe(false);
    // Told once: a further 410 while the owner says deleted tells nothing more.
    await store.reconcile().catch(() => undefined);
    expect(deleted).toEqual(['2026-02-01T00:00:00.000Z']);
    await store.clear();
    expect(store.events).toHaveLength(0);
    expect(storage.data.has(KEYS.ledger)).toBe(false);
    expect(store.outbox.status).toBe('idle');
    const fresh = setup({ storage, idPrefix: 'evt-b' });
    expect(await fresh.store.hydrate()).toBe('empty');
  });

  it('surfaces a failed reconcile', async () => {
    const { store, backend, api } = setup();
    await api.login('dev:fay');
    backend.fault({ kind: 'status', status: 503 }, '/v1/me/consents');
    await expect(store.reconcile()).rejects.toMatchObject({ name: 'ApiError', status: 503 });
    expect(store.error?.name).toBe('ApiError');
  });
});

describe('ConsentStore: two devices', () => {
  it('shares the agreement and consents through the server; permissions stay per device', async () => {
    const clock = new ManualClock();
    const backend = new FakeBackend({ now: () => clock.now() });
    const phone = setup({ backend, clock, deviceId: 'device-phone', idPrefix: 'evt-p' });
    await phone.api.login('dev:gus');
    await phone.store.acceptPolicy(1);
    await phone.store.grant('marketing');
    await phone.store.recordPermission('camera', 'granted');
    await phone.store.sync();

    const pad = setup({ backend, clock, deviceId: 'device-pad', idPrefix: 'evt-q' });
    await pad.store.hydrate();
    await pad.store.recordPolicyShown(1); // before agreement on this device: stays here
    await pad.api.login('dev:gus');
    await pad.store.reconcile();
    expect(pad.store.isPolicyAccepted).toBe(true);
    expect(pad.store.hasConsent('marketing')).toBe(true);
    expect(pad.store.permission('camera')).toBeNull();
    await pad.store.withdraw('marketing');
    await pad.store.sync();

    await phone.store.reconcile();
    expect(phone.store.hasConsent('marketing')).toBe(false);
    expect(phone.store.permission('camera')).toBe('granted');
    expect(backend.eventsOf('user-gus').some((e) => e.kind === 'policy' && e.value === 'shown')).toBe(false);
  });
});

describe('ConsentStore: storage stays bounded', () => {
  it('reconciles a 10,000-event server history into a small stored ledger with the same state', async () => {
    const clock = new ManualClock();
    const backend = new FakeBackend({ now: () => clock.now() });
    const writer = fakeApi(backend);
    await writer.login('dev:ivy');
    const purposes = ['marketing', 'personalisation', 'tracking-analytics', 'sensitive'] as const;
    const history = [ledgerEvent({ kind: 'policy', purpose: 'policy', value: 'accepted', deviceId: 'device-old1' } as never)];
    for (let i = 1; i < 10_000; i++) {
      history.push(ledgerEvent({ purpose: purposes[i % purposes.length], value: i % 7 === 0 ? 'withdrawn' : 'granted', deviceId: i % 2 ? 'device-old1' : 'device-old2' }));
    }
    for (let i = 0; i < history.length; i += 100) await writer.postConsents(history.slice(i, i + 100));
    const serverState = (await writer.getConsents()).state;

    const { store, storage, api } = setup({ backend, clock });
    await store.hydrate();
    await api.login('dev:ivy');
    await store.reconcile();
    expect(store.state).toEqual(serverState);
    const stored = storage.data.get(KEYS.ledger)!;
    expect(stored.length).toBeLessThan(10_000);
    expect(storage.totalBytes()).toBeLessThan(100 * 1024);
    const again = setup({ storage, backend, clock, idPrefix: 'evt-b' });
    await again.store.hydrate();
    expect(again.store.state).toEqual(serverState);
  });

  it('compacts an oversized ledger found in storage on its next write', async () => {
    const { storage, store } = setup();
    const entries = [{ event: ledgerEvent({ kind: 'policy', purpose: 'policy', value: 'accepted' } as never), sync: 'synced' as const }];
    for (let i = 0; i < 3_000; i++) entries.push({ event: ledgerEvent({ purpose: 'marketing', value: i % 2 ? 'granted' : 'withdrawn' }), sync: 'synced' });
    storage.setRaw(KEYS.ledger, encodeLedger(entries));
    expect(await store.hydrate()).toBe('ok');
    const before = store.state;
    await store.recordPolicyShown(1, 'notice');
    expect(store.state.consents).toEqual(before.consents);
    expect(store.events.length).toBeLessThan(10);
    expect(storage.data.get(KEYS.ledger)!.length).toBeLessThan(5_000);
  });
});

describe('loadDeviceId', () => {
  it('makes a random id on first run and keeps it', async () => {
    const storage = new MemoryStorage();
    const id = await loadDeviceId(storage, new SequentialIds('dev'));
    expect(id).toMatch(/^[A-Za-z0-9_-]{8,64}$/);
    expect(await loadDeviceId(storage, new SequentialIds('other'))).toBe(id);
    storage.setRaw('privacy.deviceId', 'bad id!');
    expect(await loadDeviceId(storage, new SequentialIds('next'))).toBe('next-000001');
  });
});
