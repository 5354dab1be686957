/**
 * Validators for what WeChat (or a browser) hands back: every native result is checked here and
 * turned into a layer value, never cast. Unknown shapes become `unknown`, never a guess of
 * "granted".
 */
import type { AdapterState, AppAuthorization, ScopeLayer, SystemSwitch } from './permission';

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** `authSetting` of a `getSetting` / `openSetting` result: only boolean entries are kept. */
export function parseAuthSetting(raw: unknown): Record<string, boolean> | null {
  if (!isRecord(raw) || !isRecord(raw.authSetting)) return null;
  const out: Record<string, boolean> = {};
  for (const [scope, value] of Object.entries(raw.authSetting)) if (typeof value === 'boolean') out[scope] = value;
  return out;
}

/** Layer 2 for one scope: `undefined` in authSetting means WeChat never asked. */
export function scopeLayerOf(authSetting: Record<string, boolean>, scope: string): ScopeLayer {
  const v = Object.prototype.hasOwnProperty.call(authSetting, scope) ? authSetting[scope] : undefined;
  return v === true ? 'granted' : v === false ? 'denied' : 'never-asked';
}

/** One field of `getAppAuthorizeSetting()`: 'authorized' | 'denied' | 'not determined'; anything else is unknown. */
export function parseAppAuthorization(raw: unknown): AppAuthorization {
  if (raw === 'authorized') return 'authorized';
  if (raw === 'denied') return 'denied';
  if (raw === 'not determined') return 'not-determined';
  // Android reports iOS-only fields as undefined, and 'config error' when WeChat lacks the manifest entry.
  return 'unknown';
}

/** One field of `getSystemSetting()` (locationEnabled / bluetoothEnabled). */
export function parseSystemSwitch(raw: unknown): SystemSwitch {
  return raw === true ? 'on' : raw === false ? 'off' : 'unknown';
}

/** A failed native call, normalised: errMsg plus whichever codes came with it. */
export interface NativeFailure {
  errMsg: string;
  errno?: number;
  errCode?: number;
  /** iOS Bluetooth adapter state on `openBluetoothAdapter` failures. */
  state?: number;
}

/** Normalises whatever a fail callback or a rejected promise carried. */
export function readNativeFailure(err: unknown): NativeFailure {
  if (typeof err === 'string') return { errMsg: err };
  if (typeof err !== 'object' || err === null) return { errMsg: '' };
  const o = err as Record<string, unknown>;
  const errMsg = typeof o.errMsg === 'string' ? o.errMsg : err instanceof Error ? err.message : '';
  return withCodes({ errMsg }, o);
}

/** A code sent as a decimal string ("186680"). */
function numeric(v: unknown): number | undefined {
  return typeof v === 'string' && /^-?\d{1,9}$/.test(v) ? Number(v) : undefined;
}

function withCodes(base: NativeFailure, o: Record<string, unknown>): NativeFailure {
  const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);
  const out: NativeFailure = { ...base };
  // Douyin names it `errNo`, and some of its APIs send it as a string; its Bluetooth APIs send
  // `errorCode` as a string (186679…), which stands for both codes here.
  const errno = num(o.errno) ?? num(o.errNo) ?? numeric(o.errNo) ?? numeric(o.errorCode);
  const errCode = num(o.errCode) ?? numeric(o.errorCode);
  const state = num(o.state);
  if (errno !== undefined) out.errno = errno;
  if (errCode !== undefined) out.errCode = errCode;
  if (state !== undefined) out.state = state;
  return out;
}

/** The platform variants of a scope refusal: `auth deny`, `auth denied`, `:fail:auth denied`. */
export const AUTH_DENIED_PATTERN = /auth den(y|ied)/;

/** What a failed gated call means for the permission engine. */
export const FAILURE_KINDS = Object.freeze(['auth-denied', 'privacy-not-agreed', 'not-declared', 'other'] as const);
export type FailureKind = (typeof FAILURE_KINDS)[number];

/**
 * Douyin's codes on tt.openBluetoothAdapter (`errorCode`): its information type missing from the
 * filed agreement, the agreement not agreed, the phone refusing Douyin Bluetooth ("system auth
 * deny"), the shopper refusing Douyin's prompt ("auth deny").
 */
export const DOUYIN_ERRNO = Object.freeze({ notDeclared: 186679, notAuthorized: 186680, systemAuthDeny: 186689, authDeny: 186690 });

/**
 * Classifies a failure: a scope refusal (errMsg `/auth den(y|ied)/`), the privacy agreement
 * refused or pending (WeChat errno 103/104, Douyin 186680), an API not declared in the privacy
 * guide or agreement (WeChat errno 112, Douyin 186679). Douyin's 186689 (the phone refusing
 * Douyin) is `other`: the OS layer, read by adapterStateOfFailure.
 */
export function classifyFailure(f: NativeFailure): FailureKind {
  if (f.errno === 112 || f.errno === DOUYIN_ERRNO.notDeclared || /not declared in the privacy agreement/.test(f.errMsg)) return 'not-declared';
  // The phone refusing Douyin itself is the OS layer (adapterStateOfFailure), though its words say "auth deny".
  if (f.errno === DOUYIN_ERRNO.systemAuthDeny) return 'other';
  if (f.errno === 103 || f.errno === 104 || f.errno === DOUYIN_ERRNO.notAuthorized || /privacy permission is not authorized/.test(f.errMsg)) return 'privacy-not-agreed';
  if (AUTH_DENIED_PATTERN.test(f.errMsg)) return 'auth-denied';
  return 'other';
}

/** iOS `state` on openBluetoothAdapter failures: 2 unsupported, 3 unauthorized, 4 powered off. */
const IOS_ADAPTER_STATE: Readonly<Record<number, AdapterState>> = Object.freeze({ 2: 'unsupported', 3: 'unauthorized', 4: 'off' });

/**
 * The adapter state an `openBluetoothAdapter` failure reveals: the iOS `state` when present,
 * Douyin's 186689 (the phone refuses Douyin Bluetooth: unauthorized), else errCode 10001 (adapter not available: switched off) or 10009 (no BLE on this Android).
 */
export function adapterStateOfFailure(f: NativeFailure): AdapterState {
  if (f.state !== undefined && IOS_ADAPTER_STATE[f.state]) return IOS_ADAPTER_STATE[f.state];
  if (f.errno === DOUYIN_ERRNO.systemAuthDeny) return 'unauthorized';
  if (f.errCode === 10001) return 'off';
  if (f.errCode === 10009) return 'unsupported';
  return 'unknown';
}

/** `getPrivacySetting` success result. */
export interface PrivacySetting {
  needAuthorization: boolean;
  privacyContractName: string;
}

/** Checks a `getPrivacySetting` success result. */
export function parsePrivacySetting(raw: unknown): PrivacySetting | null {
  if (!isRecord(raw) || typeof raw.needAuthorization !== 'boolean') return null;
  return { needAuthorization: raw.needAuthorization, privacyContractName: typeof raw.privacyContractName === 'string' ? raw.privacyContractName : '' };
}

/** A position (fuzzy on weapp; coarse on h5). */
export interface Coordinates {
  latitude: number;
  longitude: number;
}

/** Checks a `getFuzzyLocation` / geolocation result. */
export function parseCoordinates(raw: unknown): Coordinates | null {
  const src = isRecord(raw) && isRecord(raw.coords) ? raw.coords : raw;
  if (!isRecord(src)) return null;
  const { latitude, longitude } = src;
  if (typeof latitude !== 'number' || typeof longitude !== 'number') return null;
  if (!Number.isFinite(latitude) || !Number.isFinite(longitude) || Math.abs(latitude) > 90 || Math.abs(longitude) > 180) return null;
  return { latitude, longitude };
}
