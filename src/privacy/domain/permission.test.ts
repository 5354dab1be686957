import {
  changeSinceRecorded,
  combinePermissionStatus,
  externalChange,
  guidanceFor,
  mayPrompt,
  PERMISSION_STATUSES,
  PermissionStatus,
  quietPeriodEndsAt,
  REFUSAL_QUIET_PERIOD_MS,
  type OsLayer,
  type PermissionLayers,
  type PermissionResult,
} from './permission';

const os = (over: Partial<OsLayer> = {}): OsLayer => ({ apiAvailable: true, appAuthorization: 'authorized', systemSwitch: 'on', ...over });
const layers = (over: Partial<PermissionLayers> = {}): PermissionLayers => ({ privacy: 'agreed', scope: 'never-asked', os: os(), ...over });
const HOUR = 60 * 60 * 1000;

describe('PermissionStatus', () => {
  it('is a closed, frozen set of four', () => {
    expect(PERMISSION_STATUSES).toEqual(['GRANTED', 'DENIED', 'BLOCKED', 'UNAVAILABLE']);
    expect(Object.isFrozen(PermissionStatus)).toBe(true);
    expect(Object.isFrozen(PERMISSION_STATUSES)).toBe(true);
  });
});

describe('combinePermissionStatus', () => {
  it.each<[string, Partial<PermissionLayers>, PermissionStatus, string]>([
    ['scope never asked', {}, 'DENIED', 'never-asked'],
    ['scope granted', { scope: 'granted' }, 'GRANTED', 'granted'],
    ['scope refused: settings only', { scope: 'denied' }, 'BLOCKED', 'scope-denied'],
    ['privacy agreement pending, even with the scope granted', { privacy: 'needs-agreement', scope: 'granted' }, 'DENIED', 'needs-privacy-agreement'],
    ['privacy framework missing on an old base library is neutral', { privacy: 'unsupported', scope: 'granted' }, 'GRANTED', 'granted'],
    ['WeChat denied by the OS beats a granted scope', { scope: 'granted', os: os({ appAuthorization: 'denied' }) }, 'BLOCKED', 'os-denied'],
    ['WeChat denied by the OS, scope never asked', { os: os({ appAuthorization: 'denied' }) }, 'BLOCKED', 'os-denied'],
    ['iOS not determined is not a refusal', { scope: 'granted', os: os({ appAuthorization: 'not-determined' }) }, 'GRANTED', 'granted'],
    ['Android leaves iOS-only fields unknown', { scope: 'granted', os: os({ appAuthorization: 'unknown' }) }, 'GRANTED', 'granted'],
    ['system switch off', { scope: 'granted', os: os({ systemSwitch: 'off' }) }, 'UNAVAILABLE', 'system-off'],
    ['API missing', { os: os({ apiAvailable: false }) }, 'UNAVAILABLE', 'unsupported'],
    ['Bluetooth 10001 / iOS state 4', { scope: 'granted', os: os({ adapter: 'off' }) }, 'UNAVAILABLE', 'system-off'],
    ['iOS state 3: WeChat not allowed Bluetooth', { scope: 'granted', os: os({ adapter: 'unauthorized' }) }, 'BLOCKED', 'os-denied'],
    ['iOS state 2: no BLE', { scope: 'granted', os: os({ adapter: 'unsupported' }) }, 'UNAVAILABLE', 'unsupported'],
    ['adapter ok', { scope: 'granted', os: os({ adapter: 'ok' }) }, 'GRANTED', 'granted'],
    ['switch off beats a pending agreement', { privacy: 'needs-agreement', os: os({ systemSwitch: 'off' }) }, 'UNAVAILABLE', 'system-off'],
    ['pending agreement beats an OS refusal', { privacy: 'needs-agreement', os: os({ appAuthorization: 'denied' }) }, 'DENIED', 'needs-privacy-agreement'],
  ])('%s', (_label, over, status, reason) => {
    expect(combinePermissionStatus(layers(over))).toEqual({ status, reason });
  });

  it('returns frozen results', () => {
    expect(Object.isFrozen(combinePermissionStatus(layers()))).toBe(true);
  });
});

describe('mayPrompt (48 h after a refusal)', () => {
  const t0 = Date.UTC(2026, 0, 1);
  it('allows a prompt when nothing was refused', () => {
    expect(mayPrompt('camera', null, t0)).toBe(true);
  });
  it('forbids a prompt for 48 h after a refusal, allows it after', () => {
    expect(mayPrompt('location', t0, t0)).toBe(false);
    expect(mayPrompt('location', t0, t0 + 47 * HOUR)).toBe(false);
    expect(mayPrompt('location', t0, t0 + 48 * HOUR - 1)).toBe(false);
    expect(mayPrompt('location', t0, t0 + 48 * HOUR)).toBe(true);
    expect(REFUSAL_QUIET_PERIOD_MS).toBe(48 * HOUR);
  });
  it('treats a refusal dated in the future (clock moved back) as just now', () => {
    expect(mayPrompt('bluetooth', t0 + 100 * HOUR, t0)).toBe(false);
    expect(quietPeriodEndsAt('bluetooth', t0 + 100 * HOUR, t0)).toBe(t0 + 48 * HOUR);
  });
  it('says when the quiet period ends', () => {
    expect(quietPeriodEndsAt('camera', t0, t0 + HOUR)).toBe(t0 + 48 * HOUR);
    expect(quietPeriodEndsAt('camera', t0, t0 + 49 * HOUR)).toBeNull();
    expect(quietPeriodEndsAt('camera', null, t0)).toBeNull();
  });
});

describe('guidanceFor', () => {
  it('sends scope refusals to openSetting and OS refusals to openAppAuthorizeSetting', () => {
    expect(guidanceFor({ status: 'BLOCKED', reason: 'scope-denied' })).toBe('open-setting');
    expect(guidanceFor({ status: 'BLOCKED', reason: 'os-denied' })).toBe('open-app-authorize-setting');
    expect(guidanceFor({ status: 'UNAVAILABLE', reason: 'system-off' })).toBe('turn-on-system-switch');
    expect(guidanceFor({ status: 'UNAVAILABLE', reason: 'unsupported' })).toBe('fallback-only');
    expect(guidanceFor({ status: 'DENIED', reason: 'never-asked' })).toBe('ask');
    expect(guidanceFor({ status: 'DENIED', reason: 'needs-privacy-agreement' })).toBe('agree-policy');
    expect(guidanceFor({ status: 'GRANTED', reason: 'granted' })).toBe('none');
  });
});

describe('externalChange / changeSinceRecorded', () => {
  const granted: PermissionResult = { status: 'GRANTED', reason: 'granted' };
  const scopeOff: PermissionResult = { status: 'BLOCKED', reason: 'scope-denied' };
  const osOff: PermissionResult = { status: 'BLOCKED', reason: 'os-denied' };
  const switchOff: PermissionResult = { status: 'UNAVAILABLE', reason: 'system-off' };
  const pending: PermissionResult = { status: 'DENIED', reason: 'needs-privacy-agreement' };

  it('records decisions changed in settings', () => {
    expect(externalChange(granted, scopeOff)).toBe('blocked');
    expect(externalChange(granted, osOff)).toBe('blocked');
    expect(externalChange(scopeOff, granted)).toBe('granted');
  });
  it('ignores first reads, unchanged statuses, switches and the privacy agreement', () => {
    expect(externalChange(null, granted)).toBeNull();
    expect(externalChange(scopeOff, osOff)).toBeNull();
    expect(externalChange(granted, switchOff)).toBeNull();
    expect(externalChange(switchOff, granted)).toBeNull();
    expect(externalChange(granted, pending)).toBeNull();
  });
  it('does not record a return to "never asked" as a refusal (it would start the quiet period)', () => {
    const neverAsked: PermissionResult = { status: 'DENIED', reason: 'never-asked' };
    expect(externalChange(osOff, neverAsked)).toBeNull();
    expect(externalChange(granted, neverAsked)).toBeNull();
    expect(externalChange(neverAsked, granted)).toBe('granted');
    expect(externalChange(neverAsked, osOff)).toBe('blocked');
  });
  it('compares the first read after launch with the ledger', () => {
    expect(changeSinceRecorded('granted', scopeOff)).toBe('blocked');
    expect(changeSinceRecorded('denied', granted)).toBe('granted');
    expect(changeSinceRecorded('blocked', granted)).toBe('granted');
    expect(changeSinceRecorded('granted', granted)).toBeNull();
    expect(changeSinceRecorded('denied', scopeOff)).toBeNull();
    expect(changeSinceRecorded('prompted', granted)).toBeNull();
    expect(changeSinceRecorded(null, granted)).toBeNull();
    expect(changeSinceRecorded('granted', switchOff)).toBeNull();
  });
});
