jest.mock('@tarojs/taro', () => ({ __esModule: true, default: {} }));

/**
 * The permission engine end to end on WeChat: PermissionStore over the real weapp adapters over
 * a simulated `wx` that follows WeChat's documented behaviour, asserting on the wx call log.
 */
import { PERMISSION_CATALOGUE } from '../../shop/privacy-content';
import { createWeappPermissionPlatform, type WxCallbacks } from './permissions.weapp';
import { createWechatPrivacy } from './wechatPrivacy.weapp';
import { PermissionStore, type PermissionChange } from '../stores/PermissionStore';
import { OverlayStore } from '../stores/OverlayStore';
import type { Capability, EventSource, PermissionValue } from '../domain/contract';
import { isPrivacyGatedCall } from '../data/privacy-gated-apis';
import type { PermissionPlatformPort } from '../ports';

const HOUR = 60 * 60 * 1000;
const T0 = Date.UTC(2026, 5, 1, 9);
const DENY = 'authorize:fail auth deny';

type Cb = WxCallbacks & { scope?: string };

/** WeChat as documented: authSetting semantics, one system prompt per scope, errMsg strings, a call log. */
class SimulatedWx {
  calls: { api: string; options?: Record<string, unknown> }[] = [];
  authSetting: Record<string, boolean> = {};
  appAuth: Record<string, string | undefined> = { cameraAuthorized: 'authorized', locationAuthorized: 'authorized', bluetoothAuthorized: 'authorized' };
  system: Record<string, boolean | undefined> = { locationEnabled: true, bluetoothEnabled: true };
  adapterFailure: Record<string, unknown> | null = null;
  needPrivacyAuthorization = false;
  privacyAnswer: 'agree' | 'disagree' = 'agree';
  /** What the shopper answers to each system prompt, in order. */
  answers: ('allow' | 'deny')[] = [];
  denyErrMsg = DENY;
  promptsShown = 0;
  /** The privacy guide lacks the data type (errno 112). */
  undeclared = false;
  /** What the shopper changes on WeChat's settings page. */
  onSettingsPage: ((wx: SimulatedWx) => void) | null = null;

  private log(api: string, o?: Cb): void {
    const options = o ? Object.fromEntries(Object.entries(o).filter(([, v]) => typeof v !== 'function')) : undefined;
    this.calls.push({ api, options });
  }
  getSetting(o: Cb): void {
    this.log('getSetting', o);
    o.success?.({ errMsg: 'getSetting:ok', authSetting: { ...this.authSetting } });
  }
  authorize(o: Cb & { scope: string }): void {
    this.log('authorize', o);
    if (this.undeclared) return o.fail?.({ errMsg: 'authorize:fail api scope is not declared in the privacy agreement', errno: 112 });
    if (this.needPrivacyAuthorization) return o.fail?.({ errMsg: 'authorize:fail privacy permission is not authorized', errno: 104 });
    const v = this.authSetting[o.scope];
    if (v === true) return o.success?.({ errMsg: 'authorize:ok' });
    // Once refused, WeChat never prompts again: the call fails at once.
    if (v === false) return o.fail?.({ errMsg: this.denyErrMsg });
    this.promptsShown++;
    const answer = this.answers.shift();
    if (!answer) throw new Error(`unexpected system prompt for ${o.scope}`);
    this.authSetting[o.scope] = answer === 'allow';
    if (answer === 'allow') o.success?.({ errMsg: 'authorize:ok' });
    else o.fail?.({ errMsg: this.denyErrMsg });
  }
  openSetting(o: Cb): void {
    this.log('openSetting', o);
    this.onSettingsPage?.(this);
    o.success?.({ errMsg: 'openSetting:ok', authSetting: { ...this.authSetting } });
  }
  getAppAuthorizeSetting(): unknown {
    this.log('getAppAuthorizeSetting');
    return { ...this.appAuth };
  }
  getSystemSetting(): unknown {
    this.log('getSystemSetting');
    return { ...this.system };
  }
  openAppAuthorizeSetting(o: Cb): void {
    this.log('openAppAuthorizeSetting', o);
    o.success?.({ errMsg: 'openAppAuthorizeSetting:ok' });
  }
  openBluetoothAdapter(o: Cb): void {
    this.log('openBluetoothAdapter', o);
    if (this.authSetting['scope.bluetooth'] !== true) return o.fail?.({ errMsg: 'openBluetoothAdapter:fail auth deny' });
    if (this.adapterFailure) return o.fail?.(this.adapterFailure);
    o.success?.({ errMsg: 'openBluetoothAdapter:ok' });
  }
  getFuzzyLocation(o: Cb): void {
    this.log('getFuzzyLocation', o);
    if (this.authSetting['scope.userFuzzyLocation'] !== true) return o.fail?.({ errMsg: 'getFuzzyLocation:fail auth deny' });
    o.success?.({ errMsg: 'getFuzzyLocation:ok', latitude: 31.2304, longitude: 121.4737 });
  }
  getPrivacySetting(o: Cb): void {
    this.log('getPrivacySetting', o);
    o.success?.({ errMsg: 'getPrivacySetting:ok', needAuthorization: this.needPrivacyAuthorization, privacyContractName: '《小程序隐私保护指引》' });
  }
  requirePrivacyAuthorize(o: Cb): void {
    this.log('requirePrivacyAuthorize', o);
    if (this.privacyAnswer === 'agree') {
      this.needPrivacyAuthorization = false;
      o.success?.({ errMsg: 'requirePrivacyAuthorize:ok' });
    } else o.fail?.({ errMsg: 'requirePrivacyAuthorize:fail privacy permission is not authorized', errno: 104 });
  }

  gatedCalls(): string[] {
    return this.calls.filter((c) => isPrivacyGatedCall(c.api, c.options)).map((c) => c.api);
  }
  callsTo(api: string): number {
    return this.calls.filter((c) => c.api === api).length;
  }
}

/** The ledger side of ConsentStore: records, last refusal, last value. */
class FakeLedger {
  events: { capability: Capability; value: PermissionValue; source: EventSource; at: number }[] = [];
  fail: Error | null = null;
  constructor(private readonly clock: { now(): number }) {}
  record = async (capability: Capability, value: PermissionValue, source: EventSource): Promise<void> => {
    if (this.fail) throw this.fail;
    this.events.push({ capability, value, source, at: this.clock.now() });
  };
  lastRefusalAt = (capability: Capability): number | null => {
    const e = [...this.events].reverse().find((x) => x.capability === capability && ['denied', 'blocked', 'not-now'].includes(x.value));
    return e ? e.at : null;
  };
  lastRecorded = (capability: Capability): PermissionValue | null => [...this.events].reverse().find((x) => x.capability === capability)?.value ?? null;
  values(capability?: Capability): string[] {
    return this.events.filter((e) => !capability || e.capability === capability).map((e) => `${e.capability}:${e.value}:${e.source}`);
  }
}

function setup(opts: { agreed?: boolean; platform?: (wx: SimulatedWx) => PermissionPlatformPort; ledger?: FakeLedger; wx?: SimulatedWx } = {}) {
  const wx = opts.wx ?? new SimulatedWx();
  const clock = { t: T0, now() { return this.t; } };
  const ledger = opts.ledger ?? new FakeLedger(clock);
  let agreed = opts.agreed ?? true;
  const changes: PermissionChange[] = [];
  const store = new PermissionStore({
    catalogue: PERMISSION_CATALOGUE,
    platform: opts.platform ? opts.platform(wx) : createWeappPermissionPlatform(wx),
    wechatPrivacy: createWechatPrivacy(wx),
    clock,
    ui: new OverlayStore(),
    isPolicyAgreed: () => agreed,
    recordPermission: ledger.record,
    lastRefusalAt: ledger.lastRefusalAt,
    lastRecorded: ledger.lastRecorded,
    onExternalChange: (c) => changes.push(c),
  });
  return { wx, clock, ledger, store, changes, agree: () => (agreed = true), withdraw: () => (agreed = false) };
}

/** Lets pending promise chains run (the simulated wx answers synchronously). */
async function settle(): Promise<void> {
  for (let i = 0; i < 20; i++) await new Promise((r) => setImmediate(r));
}

describe('PermissionStore: nothing before agreement, nothing at construction', () => {
  it('makes no call at all when constructed', () => {
    const { wx, store } = setup();
    expect(wx.calls).toEqual([]);
    expect(store.results).toEqual({ camera: null, location: null, bluetooth: null });
    expect(store.purposeSheet).toBeNull();
  });

  it('reads without any gated API, and asks nothing, before the policy is agreed', async () => {
    const { wx, store, ledger } = setup({ agreed: false });
    await store.refresh();
    expect(store.status('camera')).toBe('DENIED');
    expect(store.guidance('camera')).toBe('agree-policy');
    await expect(store.request('camera')).resolves.toBe(false);
    await expect(store.request('location')).resolves.toBe(false);
    expect(store.outcomes.camera).toBe('policy-not-agreed');
    expect(store.purposeSheet).toBeNull();
    await expect(store.fuzzyLocation()).resolves.toBeNull();
    expect(wx.gatedCalls()).toEqual([]);
    expect(wx.callsTo('getPrivacySetting')).toBe(0);
    expect(ledger.events).toEqual([]);
  });

  it('calls no gated API after agreement until the shopper taps a feature', async () => {
    const { wx, store } = setup();
    await store.refresh();
    await store.refresh();
    expect(store.status('camera')).toBe('DENIED');
    expect(wx.gatedCalls()).toEqual([]);
  });
});

describe('PermissionStore: the request flow', () => {
  it('never asked → purpose sheet → system prompt → granted, recorded in the ledger', async () => {
    const { wx, store, ledger } = setup();
    wx.answers = ['allow'];
    const result = store.request('camera');
    await settle();
    expect(store.purposeSheet).not.toBeNull();
    expect(store.purposeSheetEntry?.capability).toBe('camera');
    expect(store.purposeSheetEntry?.purpose.ifRefused.zh).toBeTruthy();
    // The purpose comes first: no system prompt while the sheet is up.
    expect(wx.gatedCalls()).toEqual([]);
    store.confirmPurpose();
    await expect(result).resolves.toBe(true);
    expect(store.purposeSheet).toBeNull();
    expect(store.status('camera')).toBe('GRANTED');
    expect(store.outcomes.camera).toBe('granted');
    expect(wx.promptsShown).toBe(1);
    expect(ledger.values()).toEqual(['camera:prompted:feature', 'camera:granted:feature']);
    // One permission per request.
    expect(wx.gatedCalls()).toEqual(['authorize']);
  });

  it('never asked → sheet → system deny → BLOCKED with the settings hint, fallback', async () => {
    const { wx, store, ledger } = setup();
    wx.answers = ['deny'];
    const result = store.request('location');
    await settle();
    store.confirmPurpose();
    await expect(result).resolves.toBe(false);
    expect(store.outcomes.location).toBe('denied');
    expect(store.status('location')).toBe('BLOCKED');
    expect(store.guidance('location')).toBe('open-setting');
    expect(ledger.values()).toEqual(['location:prompted:feature', 'location:denied:feature']);
    expect(wx.callsTo('getFuzzyLocation')).toBe(0);
  });

  it.each(['authorize:fail auth deny', 'authorize:fail:auth denied', 'authorize:fail auth denied', 'authorize:fail:auth deny'])(
    'reads the platform variant "%s" as a refusal',
    async (errMsg) => {
      const { wx, store, ledger } = setup();
      wx.answers = ['deny'];
      wx.denyErrMsg = errMsg;
      const result = store.request('camera');
      await settle();
      store.confirmPurpose();
      await expect(result).resolves.toBe(false);
      expect(store.status('camera')).toBe('BLOCKED');
      expect(ledger.values()).toContain('camera:denied:feature');
    },
  );

  it('denied → re-ask fails at once without a sheet or a prompt → BLOCKED', async () => {
    const { wx, store, clock } = setup();
    wx.authSetting['scope.camera'] = false;
    clock.t += 100 * HOUR;
    await expect(store.request('camera')).resolves.toBe(false);
    expect(store.outcomes.camera).toBe('blocked');
    expect(store.purposeSheet).toBeNull();
    expect(wx.promptsShown).toBe(0);
    expect(wx.gatedCalls()).toEqual([]);
  });

  it('a refusal WeChat reports at once while getSetting still says "never asked" is a refusal', async () => {
    const wx = new SimulatedWx();
    const platform = createWeappPermissionPlatform(wx);
    const stale: PermissionPlatformPort = { ...platform, readScopes: async () => ({}) };
    const { store, ledger } = setup({ wx, platform: () => stale });
    wx.authSetting['scope.bluetooth'] = false;
    const result = store.request('bluetooth');
    await settle();
    store.confirmPurpose();
    await expect(result).resolves.toBe(false);
    expect(store.outcomes.bluetooth).toBe('denied');
    expect(ledger.values()).toEqual(['bluetooth:prompted:feature', 'bluetooth:denied:feature']);
    expect(wx.promptsShown).toBe(0);
    expect(wx.callsTo('openBluetoothAdapter')).toBe(0);
  });

  it('OS-level denial → BLOCKED with guidance to openAppAuthorizeSetting, no prompt', async () => {
    const { wx, store } = setup();
    wx.authSetting['scope.camera'] = true;
    wx.appAuth.cameraAuthorized = 'denied';
    await expect(store.request('camera')).resolves.toBe(false);
    expect(store.status('camera')).toBe('BLOCKED');
    expect(store.results.camera?.reason).toBe('os-denied');
    expect(store.guidance('camera')).toBe('open-app-authorize-setting');
    expect(wx.gatedCalls()).toEqual([]);
    await store.openSettings('camera');
    expect(wx.callsTo('openAppAuthorizeSetting')).toBe(1);
    expect(wx.callsTo('openSetting')).toBe(0);
  });

  it('Bluetooth switched off (system setting) → UNAVAILABLE with the switch hint, no sheet', async () => {
    const { wx, store } = setup();
    wx.system.bluetoothEnabled = false;
    await expect(store.request('bluetooth')).resolves.toBe(false);
    expect(store.status('bluetooth')).toBe('UNAVAILABLE');
    expect(store.guidance('bluetooth')).toBe('turn-on-system-switch');
    expect(store.outcomes.bluetooth).toBe('unavailable');
    expect(wx.gatedCalls()).toEqual([]);
  });

  it('Bluetooth adapter error 10001 after the grant → UNAVAILABLE; back to GRANTED once switched on', async () => {
    const { wx, store, ledger } = setup();
    wx.system.bluetoothEnabled = undefined; // not reported by this device
    wx.adapterFailure = { errMsg: 'openBluetoothAdapter:fail not available', errCode: 10001 };
    wx.answers = ['allow'];
    const result = store.request('bluetooth');
    await settle();
    store.confirmPurpose();
    await expect(result).resolves.toBe(false);
    expect(store.status('bluetooth')).toBe('UNAVAILABLE');
    expect(store.guidance('bluetooth')).toBe('turn-on-system-switch');
    expect(store.outcomes.bluetooth).toBe('unavailable');
    expect(ledger.values()).toEqual(['bluetooth:prompted:feature', 'bluetooth:granted:feature']);

    wx.adapterFailure = null;
    await store.refresh();
    expect(store.status('bluetooth')).toBe('GRANTED');
    await expect(store.request('bluetooth')).resolves.toBe(true);
    expect(wx.promptsShown).toBe(1);
  });

  it('iOS Bluetooth state 3 (WeChat not allowed by iOS) → BLOCKED via openAppAuthorizeSetting', async () => {
    const { wx, store } = setup();
    wx.authSetting['scope.bluetooth'] = true;
    wx.appAuth.bluetoothAuthorized = undefined;
    wx.adapterFailure = { errMsg: 'openBluetoothAdapter:fail unauthorized', errCode: 10001, state: 3 };
    await expect(store.request('bluetooth')).resolves.toBe(false);
    expect(store.outcomes.bluetooth).toBe('blocked');
    expect(store.guidance('bluetooth')).toBe('open-app-authorize-setting');
  });

  it('an API missing from the privacy guide (errno 112) → UNAVAILABLE for the session', async () => {
    const { wx, store, ledger } = setup();
    wx.undeclared = true;
    const result = store.request('camera');
    await settle();
    store.confirmPurpose();
    await expect(result).resolves.toBe(false);
    expect(store.outcomes.camera).toBe('unavailable');
    expect(store.status('camera')).toBe('UNAVAILABLE');
    expect(ledger.values()).toEqual(['camera:prompted:feature']);
  });

  it('lets WeChat’s own agreement flow run first when it still waits for it', async () => {
    const { wx, store } = setup();
    wx.needPrivacyAuthorization = true;
    wx.answers = ['allow'];
    const result = store.request('camera');
    await settle();
    expect(wx.callsTo('requirePrivacyAuthorize')).toBe(1);
    expect(store.purposeSheet).not.toBeNull();
    store.confirmPurpose();
    await expect(result).resolves.toBe(true);

    const refused = setup();
    refused.wx.needPrivacyAuthorization = true;
    refused.wx.privacyAnswer = 'disagree';
    await expect(refused.store.request('camera')).resolves.toBe(false);
    expect(refused.store.outcomes.camera).toBe('privacy-refused');
    expect(refused.wx.gatedCalls()).toEqual([]);
  });

  it('joins a second tap to the pending request and refuses a second capability meanwhile', async () => {
    const { wx, store } = setup();
    wx.answers = ['allow'];
    const first = store.request('camera');
    const second = store.request('camera');
    await settle();
    await expect(store.request('location')).resolves.toBe(false);
    expect(store.outcomes.location).toBe('busy');
    store.confirmPurpose();
    await expect(Promise.all([first, second])).resolves.toEqual([true, true]);
    expect(wx.promptsShown).toBe(1);
  });

  it('surfaces a ledger write failure instead of swallowing it', async () => {
    const { wx, store, ledger } = setup();
    wx.answers = ['allow'];
    ledger.fail = new Error('storage full');
    const result = store.request('camera');
    await settle();
    store.confirmPurpose();
    await expect(result).rejects.toThrow('storage full');
  });
});

describe('PermissionStore: 48 h after a refusal', () => {
  it('"not now" is recorded and silences the sheet for 48 h (injected clock)', async () => {
    const { wx, store, ledger, clock } = setup();
    const first = store.request('location');
    await settle();
    store.notNow();
    await expect(first).resolves.toBe(false);
    expect(store.outcomes.location).toBe('not-now');
    expect(ledger.values()).toEqual(['location:not-now:feature']);
    expect(store.quietUntil('location')).toBe(T0 + 48 * HOUR);

    clock.t = T0 + 47 * HOUR;
    await expect(store.request('location')).resolves.toBe(false);
    expect(store.outcomes.location).toBe('quiet-period');
    expect(store.purposeSheet).toBeNull();

    clock.t = T0 + 48 * HOUR;
    wx.answers = ['allow'];
    const later = store.request('location');
    await settle();
    expect(store.purposeSheet).not.toBeNull();
    store.confirmPurpose();
    await expect(later).resolves.toBe(true);
    expect(wx.gatedCalls()).toEqual(['authorize']);
  });

  it('keeps the quiet period across restarts through the ledger’s timestamp', async () => {
    const clock = { now: () => T0 };
    const ledger = new FakeLedger(clock);
    await ledger.record('camera', 'not-now', 'feature');
    const { store, clock: later } = setup({ ledger });
    later.t = T0 + 10 * HOUR;
    await expect(store.request('camera')).resolves.toBe(false);
    expect(store.outcomes.camera).toBe('quiet-period');
    // Another capability is not affected.
    const other = store.request('location');
    await settle();
    expect(store.purposeSheet).toBe('location');
    store.notNow();
    await other;
  });
});

describe('PermissionStore: changes made outside the app', () => {
  it('onShow refresh picks up a scope switched off in WeChat settings and records it once', async () => {
    const { wx, store, ledger, changes } = setup();
    wx.authSetting['scope.camera'] = true;
    await store.refresh();
    expect(store.status('camera')).toBe('GRANTED');
    // In the background, the shopper turns the camera off in the mini-program's settings.
    wx.authSetting['scope.camera'] = false;
    const found = await store.refresh();
    expect(store.status('camera')).toBe('BLOCKED');
    expect(found.map((c) => `${c.capability}:${c.value}`)).toEqual(['camera:blocked']);
    expect(changes).toHaveLength(1);
    expect(ledger.values()).toEqual(['camera:blocked:settings']);
    await store.refresh();
    expect(ledger.values()).toEqual(['camera:blocked:settings']);
    expect(wx.gatedCalls()).toEqual([]);
  });

  it('picks up WeChat denied in the OS settings, and a switch turned off without recording it', async () => {
    const { wx, store, ledger } = setup();
    wx.authSetting['scope.userFuzzyLocation'] = true;
    await store.refresh();
    wx.system.locationEnabled = false;
    await store.refresh();
    expect(store.status('location')).toBe('UNAVAILABLE');
    expect(ledger.events).toEqual([]);
    wx.system.locationEnabled = true;
    wx.appAuth.locationAuthorized = 'denied';
    await store.refresh();
    expect(store.results.location).toEqual({ status: 'BLOCKED', reason: 'os-denied' });
    expect(ledger.values()).toEqual(['location:blocked:settings']);
  });

  it('compares the first read after launch with the ledger', async () => {
    const clock = { now: () => T0 };
    const ledger = new FakeLedger(clock);
    await ledger.record('camera', 'granted', 'feature');
    const { wx, store } = setup({ ledger });
    wx.authSetting['scope.camera'] = false;
    await store.refresh();
    expect(ledger.values()).toEqual(['camera:granted:feature', 'camera:blocked:settings']);
  });

  it('openSettings (from a tap) opens WeChat’s page and records what the shopper changed', async () => {
    const { wx, store, ledger } = setup();
    wx.authSetting['scope.userFuzzyLocation'] = false;
    await store.refresh();
    wx.onSettingsPage = (w) => (w.authSetting['scope.userFuzzyLocation'] = true);
    await store.openSettings('location');
    expect(wx.callsTo('openSetting')).toBe(1);
    expect(store.status('location')).toBe('GRANTED');
    expect(ledger.values()).toEqual(['location:granted:settings']);
    await expect(store.fuzzyLocation()).resolves.toEqual({ latitude: 31.2304, longitude: 121.4737 });
  });

  it('withdrawing the policy stops the feature even with the scope granted', async () => {
    const { wx, store, withdraw } = setup();
    wx.authSetting['scope.userFuzzyLocation'] = true;
    await store.refresh();
    expect(store.status('location')).toBe('GRANTED');
    withdraw();
    await store.refresh();
    expect(store.status('location')).toBe('DENIED');
    await expect(store.fuzzyLocation()).resolves.toBeNull();
    expect(wx.callsTo('getFuzzyLocation')).toBe(0);
  });

  it('surfaces a ledger failure while recording an external change', async () => {
    const { wx, store, ledger } = setup();
    wx.authSetting['scope.camera'] = true;
    await store.refresh();
    wx.authSetting['scope.camera'] = false;
    ledger.fail = new Error('quota');
    await expect(store.refresh()).rejects.toThrow('quota');
    expect(store.error?.message).toBe('quota');
    expect(store.isRefreshing).toBe(false);
  });
});
