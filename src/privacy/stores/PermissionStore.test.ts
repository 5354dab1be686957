import { PERMISSION_CATALOGUE } from '../../shop/privacy-content';
import { autorun } from 'mobx';
import { PermissionStore } from './PermissionStore';
import { OverlayStore } from './OverlayStore';
import type { Capability, EventSource, PermissionValue } from '../domain/contract';
import { FakePermissionPlatform as FakePlatform, FakeWechatPrivacy } from '../testing';

const HOUR = 60 * 60 * 1000;
const T0 = Date.UTC(2026, 5, 1, 9);

function setup(opts: { agreed?: boolean; refusals?: Partial<Record<Capability, number>>; recorded?: Partial<Record<Capability, PermissionValue>> } = {}) {
  const platform = new FakePlatform();
  const wechatPrivacy = new FakeWechatPrivacy();
  const clock = { t: T0, now() { return this.t; } };
  const records: string[] = [];
  let agreed = opts.agreed ?? true;
  const store = new PermissionStore({
    catalogue: PERMISSION_CATALOGUE,
    platform,
    wechatPrivacy,
    clock,
    ui: new OverlayStore(),
    isPolicyAgreed: () => agreed,
    recordPermission: (c: Capability, v: PermissionValue, s: EventSource) => void records.push(`${c}:${v}:${s}`),
    lastRefusalAt: (c) => opts.refusals?.[c] ?? null,
    lastRecorded: (c) => opts.recorded?.[c] ?? null,
  });
  return { platform, wechatPrivacy, clock, records, store, agree: () => (agreed = true) };
}

const settle = async (): Promise<void> => {
  for (let i = 0; i < 20; i++) await new Promise((r) => setImmediate(r));
};

describe('PermissionStore', () => {
  it('does nothing in its constructor', () => {
    const { platform, wechatPrivacy } = setup();
    expect(platform.log).toEqual([]);
    expect(wechatPrivacy.calls).toEqual([]);
  });

  it('is observable: a refresh updates what the UI renders', async () => {
    const { platform, store } = setup();
    const seen: (string | null)[] = [];
    const stop = autorun(() => seen.push(store.status('camera')));
    platform.scopes['scope.camera'] = true;
    await store.refresh();
    stop();
    expect(seen).toEqual([null, 'GRANTED']);
  });

  it('asks nothing and reads no WeChat privacy state before the policy is agreed', async () => {
    const { platform, wechatPrivacy, store, records, agree } = setup({ agreed: false });
    await store.refresh();
    await expect(store.request('camera')).resolves.toBe(false);
    expect(store.outcomes.camera).toBe('policy-not-agreed');
    expect(platform.gated()).toEqual([]);
    expect(wechatPrivacy.calls).toEqual([]);
    expect(records).toEqual([]);
    agree();
    await store.refresh();
    expect(store.status('camera')).toBe('DENIED');
    expect(store.guidance('camera')).toBe('ask');
  });

  it('never asked → sheet → grant / deny, one prompt each, recorded', async () => {
    const { platform, store, records } = setup();
    platform.answers = ['allow', 'deny'];
    const camera = store.request('camera');
    await settle();
    expect(store.purposeSheet).toBe('camera');
    expect(platform.gated()).toEqual([]);
    store.confirmPurpose();
    await expect(camera).resolves.toBe(true);

    const location = store.request('location');
    await settle();
    store.confirmPurpose();
    await expect(location).resolves.toBe(false);
    expect(store.status('location')).toBe('BLOCKED');
    expect(records).toEqual(['camera:prompted:feature', 'camera:granted:feature', 'location:prompted:feature', 'location:denied:feature']);
    expect(platform.gated()).toEqual(['authorize scope.camera', 'authorize scope.userFuzzyLocation']);

    // Re-asking a refused scope fails at once: no sheet, no prompt.
    await expect(store.request('location')).resolves.toBe(false);
    expect(store.outcomes.location).toBe('blocked');
    expect(platform.gated()).toHaveLength(2);
  });

  it('records the source it is given (privacy centre)', async () => {
    const { platform, store, records } = setup();
    platform.answers = ['allow'];
    const r = store.request('camera', 'privacy-centre');
    await settle();
    store.confirmPurpose();
    await r;
    expect(records).toEqual(['camera:prompted:privacy-centre', 'camera:granted:privacy-centre']);
  });

  it('OS-level refusal → openAppAuthorizeSetting; scope refusal → openSetting then re-read', async () => {
    const { platform, store, records } = setup();
    platform.scopes['scope.camera'] = true;
    platform.os.camera = { ...platform.os.camera, appAuthorization: 'denied' };
    platform.scopes['scope.bluetooth'] = false;
    await store.refresh();
    expect(store.guidance('camera')).toBe('open-app-authorize-setting');
    expect(store.guidance('bluetooth')).toBe('open-setting');
    await store.openSettings('camera');
    expect(platform.log).toContain('openAppAuthorizeSetting');
    expect(platform.log).not.toContain('openSetting');
    platform.settingsPage = () => (platform.scopes['scope.bluetooth'] = true);
    await store.openSettings('bluetooth');
    expect(store.status('bluetooth')).toBe('GRANTED');
    expect(records).toEqual(['bluetooth:granted:settings']);
  });

  it('Bluetooth 10001 → UNAVAILABLE; no pop-up for 48 h after "not now"', async () => {
    const { platform, store, clock, records } = setup();
    platform.scopes['scope.bluetooth'] = true;
    platform.adapterError = { errCode: 10001 };
    await expect(store.request('bluetooth')).resolves.toBe(false);
    expect(store.results.bluetooth).toEqual({ status: 'UNAVAILABLE', reason: 'system-off' });

    const first = store.request('camera');
    await settle();
    store.notNow();
    await expect(first).resolves.toBe(false);
    clock.t += 47 * HOUR;
    await expect(store.request('camera')).resolves.toBe(false);
    expect(store.outcomes.camera).toBe('quiet-period');
    clock.t += HOUR;
    const again = store.request('camera');
    await settle();
    expect(store.purposeSheet).toBe('camera');
    store.notNow();
    await again;
    expect(records).toEqual(['camera:not-now:feature', 'camera:not-now:feature']);
  });

  it('probes the Bluetooth adapter again on the next tap (switched on without leaving the app)', async () => {
    const { platform, store } = setup();
    platform.scopes['scope.bluetooth'] = true;
    platform.adapterError = { errCode: 10001 };
    await expect(store.request('bluetooth')).resolves.toBe(false);
    expect(store.outcomes.bluetooth).toBe('unavailable');
    platform.adapterError = null;
    await expect(store.request('bluetooth')).resolves.toBe(true);
    expect(store.results.bluetooth).toEqual({ status: 'GRANTED', reason: 'granted' });
  });

  it('lets the shopper turn a permission on from the privacy centre inside the quiet period', async () => {
    const { platform, store, records } = setup({ refusals: { camera: T0 - HOUR } });
    await expect(store.request('camera')).resolves.toBe(false);
    expect(store.outcomes.camera).toBe('quiet-period');
    platform.answers = ['allow'];
    const fromCentre = store.request('camera', 'privacy-centre');
    await settle();
    expect(store.purposeSheet).toBe('camera');
    store.confirmPurpose();
    await expect(fromCentre).resolves.toBe(true);
    expect(records).toEqual(['camera:prompted:privacy-centre', 'camera:granted:privacy-centre']);
  });

  it('asks again inside the quiet period only when the shopper taps "allow" themselves, through the purpose sheet', async () => {
    const { platform, store, records } = setup({ refusals: { location: T0 - HOUR } });
    await expect(store.request('location')).resolves.toBe(false);
    expect(store.outcomes.location).toBe('quiet-period');
    expect(store.purposeSheet).toBeNull();
    platform.answers = ['allow'];
    const asked = store.request('location', 'feature', { askedByShopper: true });
    await settle();
    expect(store.purposeSheet).toBe('location');
    expect(platform.gated()).toEqual([]);
    store.confirmPurpose();
    await expect(asked).resolves.toBe(true);
    expect(records).toEqual(['location:prompted:feature', 'location:granted:feature']);
  });

  it('notes a tap made before the policy was agreed, asking nothing', async () => {
    const { platform, store, records } = setup({ agreed: false });
    store.notePolicyNeeded('camera');
    expect(store.outcomes.camera).toBe('policy-not-agreed');
    expect(platform.log).toEqual([]);
    expect(records).toEqual([]);
  });

  it('honours the ledger’s refusal time for the quiet period', async () => {
    const { store } = setup({ refusals: { location: T0 - HOUR } });
    await expect(store.request('location')).resolves.toBe(false);
    expect(store.outcomes.location).toBe('quiet-period');
    expect(store.quietUntil('location')).toBe(T0 + 47 * HOUR);
  });

  it('re-reads on onShow and records decisions changed outside the app', async () => {
    const { platform, store, records } = setup({ recorded: { location: 'denied' } });
    platform.scopes['scope.camera'] = true;
    platform.scopes['scope.userFuzzyLocation'] = true;
    await store.refresh();
    // Granted in settings while the app was closed (ledger said denied).
    expect(records).toEqual(['location:granted:settings']);
    platform.scopes['scope.camera'] = false;
    const changes = await store.refresh();
    expect(changes.map((c) => c.value)).toEqual(['blocked']);
    expect(records).toEqual(['location:granted:settings', 'camera:blocked:settings']);
  });

  it('lets WeChat’s agreement run before asking and stops if the shopper refuses it', async () => {
    const { platform, wechatPrivacy, store } = setup();
    wechatPrivacy.needAuthorization = true;
    // No listener registered here: WeChat shows its own popup, and the shopper refuses it.
    wechatPrivacy.answer = 'refused';
    await expect(store.request('camera')).resolves.toBe(false);
    expect(wechatPrivacy.calls).toContain('requirePrivacyAuthorize');
    expect(store.outcomes.camera).toBe('privacy-refused');
    expect(platform.gated()).toEqual([]);
  });

  it('gives a location only when GRANTED', async () => {
    const { platform, store } = setup();
    await store.refresh();
    await expect(store.fuzzyLocation()).resolves.toBeNull();
    expect(platform.gated()).toEqual([]);
    platform.scopes['scope.userFuzzyLocation'] = true;
    await store.refresh();
    await expect(store.fuzzyLocation()).resolves.toEqual({ latitude: 39.9, longitude: 116.4 });
  });

  it('clear() forgets statuses and session refusals, and closes an open sheet', async () => {
    const { platform, store, records } = setup();
    const pending = store.request('camera');
    await settle();
    store.clear();
    await expect(pending).resolves.toBe(false);
    expect(store.purposeSheet).toBeNull();
    expect(store.results).toEqual({ camera: null, location: null, bluetooth: null });
    expect(store.outcomes.camera).toBeNull();
    expect(store.quietUntil('camera')).toBeNull();
    platform.answers = ['allow'];
    const again = store.request('camera');
    await settle();
    expect(store.purposeSheet).toBe('camera');
    store.confirmPurpose();
    await expect(again).resolves.toBe(true);
    expect(records).toEqual(['camera:prompted:feature', 'camera:granted:feature']);
  });
});

describe('PermissionStore on a platform without a scope for the capability (Bluetooth on Douyin)', () => {
  class NoBluetoothScope extends FakePlatform {
    hasScope(c: Capability): boolean {
      return c !== 'bluetooth';
    }
    async authorize(scope: string): Promise<void> {
      // Douyin has nothing to ask at the mini-program level: the adapter resolves.
      if (scope === 'scope.bluetooth') this.log.push(`authorize ${scope}`);
      else await super.authorize(scope);
    }
  }

  function setupNoScope() {
    const platform = new NoBluetoothScope();
    const ledger: Array<{ c: Capability; v: PermissionValue; at: number }> = [];
    const clock = { t: T0, now() { return this.t; } };
    const store = new PermissionStore({
      catalogue: PERMISSION_CATALOGUE,
      platform,
      wechatPrivacy: new FakeWechatPrivacy(),
      clock,
      ui: new OverlayStore(),
      isPolicyAgreed: () => true,
      recordPermission: (c: Capability, v: PermissionValue) => void ledger.push({ c, v, at: clock.t }),
      lastRefusalAt: (c) => [...ledger].reverse().find((e) => e.c === c && (e.v === 'denied' || e.v === 'not-now'))?.at ?? null,
      lastRecorded: (c) => [...ledger].reverse().find((e) => e.c === c)?.v ?? null,
    });
    return { platform, ledger, clock, store };
  }

  it('shows the purpose sheet before the first use, then holds the answer: no sheet on the next request', async () => {
    const { platform, ledger, store } = setupNoScope();
    await store.refresh();
    expect(store.status('bluetooth')).toBe('DENIED');
    expect(store.guidance('bluetooth')).toBe('ask');
    const first = store.request('bluetooth');
    await settle();
    expect(store.purposeSheet).toBe('bluetooth');
    expect(platform.gated()).toEqual([]);
    store.confirmPurpose();
    await expect(first).resolves.toBe(true);
    expect(ledger.map((e) => e.v)).toEqual(['prompted', 'granted']);
    expect(platform.gated()).toEqual(['authorize scope.bluetooth', 'openBluetoothAdapter']);

    await store.refresh();
    expect(store.status('bluetooth')).toBe('GRANTED');
    const again = store.request('bluetooth');
    await settle();
    expect(store.purposeSheet).toBeNull();
    await expect(again).resolves.toBe(true);
  });

  it('withdraws a grant from the privacy centre: recorded as denied, asked again before the next use', async () => {
    const { ledger, clock, store } = setupNoScope();
    await store.refresh();
    const first = store.request('bluetooth');
    await settle();
    store.confirmPurpose();
    await expect(first).resolves.toBe(true);
    expect(store.scopeless('bluetooth')).toBe(true);
    expect(store.scopeless('camera')).toBe(false);
    await expect(store.withdraw('camera')).rejects.toThrow(/settings/);
    await store.withdraw('bluetooth');
    expect(ledger.map((e) => e.v)).toEqual(['prompted', 'granted', 'denied']);
    expect(store.status('bluetooth')).toBe('DENIED');
    // Not on its own within the quiet period; the shopper's own tap asks, with the purpose sheet.
    await expect(store.request('bluetooth')).resolves.toBe(false);
    expect(store.outcomes.bluetooth).toBe('quiet-period');
    clock.t += HOUR;
    const mine = store.request('bluetooth', 'feature', { askedByShopper: true });
    await settle();
    expect(store.purposeSheet).toBe('bluetooth');
    store.confirmPurpose();
    await expect(mine).resolves.toBe(true);
  });

  it("a refusal at Douyin's own Bluetooth prompt is the shopper's: recorded as denied, and the feature does not run", async () => {
    const { platform, ledger, store } = setupNoScope();
    platform.adapterError = { errMsg: 'openBluetoothAdapter:fail auth deny', errno: 186690 };
    await store.refresh();
    const first = store.request('bluetooth');
    await settle();
    store.confirmPurpose();
    await expect(first).resolves.toBe(false);
    expect(store.outcomes.bluetooth).toBe('denied');
    expect(ledger.map((e) => e.v)).toEqual(['prompted', 'granted', 'denied']);
    expect(store.status('bluetooth')).toBe('DENIED');
  });

  it('Bluetooth missing from the filed agreement (186679) is unavailable, and the feature does not run', async () => {
    const { platform, store } = setupNoScope();
    platform.adapterError = { errMsg: 'openBluetoothAdapter:fail api scope is not declared in the privacy agreement', errno: 186679 };
    await store.refresh();
    const first = store.request('bluetooth');
    await settle();
    store.confirmPurpose();
    await expect(first).resolves.toBe(false);
    expect(store.outcomes.bluetooth).toBe('unavailable');
    expect(store.status('bluetooth')).toBe('UNAVAILABLE');
  });

  it('the phone refusing Douyin Bluetooth (186689) blocks it at the OS layer', async () => {
    const { platform, store } = setupNoScope();
    platform.adapterError = { errMsg: 'openBluetoothAdapter:fail system auth deny', errno: 186689 };
    await store.refresh();
    const first = store.request('bluetooth');
    await settle();
    store.confirmPurpose();
    await expect(first).resolves.toBe(false);
    expect(store.outcomes.bluetooth).toBe('blocked');
    expect(store.guidance('bluetooth')).toBe('open-app-authorize-setting');
  });

  it('"not now" runs the quiet period and the app asks again after it, as nothing in settings could change', async () => {
    const { ledger, clock, store } = setupNoScope();
    await store.refresh();
    const first = store.request('bluetooth');
    await settle();
    store.notNow();
    await expect(first).resolves.toBe(false);
    expect(ledger.map((e) => e.v)).toEqual(['not-now']);
    await store.refresh();
    expect(store.status('bluetooth')).toBe('DENIED');
    await expect(store.request('bluetooth')).resolves.toBe(false);
    expect(store.outcomes.bluetooth).toBe('quiet-period');
    clock.t += 48 * HOUR + 1;
    const later = store.request('bluetooth');
    await settle();
    expect(store.purposeSheet).toBe('bluetooth');
    store.confirmPurpose();
    await expect(later).resolves.toBe(true);
  });
});
