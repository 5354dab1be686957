/**
 * Runtime permission status: three layers read separately (privacy agreement, mini-program
 * scope, WeChat's OS permission and system switch) combined into one closed status, plus the
 * "no new pop-up for 48 h after a refusal" rule. Pure: callers pass the clock's time.
 */
import { capabilityDefinition } from './capabilities';
import type { Capability, PermissionValue } from './contract';

/** The closed status set of a capability. */
export const PermissionStatus = Object.freeze({
  /** The feature may run. */
  GRANTED: 'GRANTED',
  /** Not granted, and the shopper may still be asked. */
  DENIED: 'DENIED',
  /** Refused where only settings can change it (scope refused, or WeChat denied by the OS). */
  BLOCKED: 'BLOCKED',
  /** The device or system cannot provide it (switch off, hardware or API missing). */
  UNAVAILABLE: 'UNAVAILABLE',
} as const);
export type PermissionStatus = (typeof PermissionStatus)[keyof typeof PermissionStatus];
/** Every status, in a stable order. */
export const PERMISSION_STATUSES: readonly PermissionStatus[] = Object.freeze(Object.values(PermissionStatus));

/** Layer 1: the privacy agreement (the module's own, and WeChat's `getPrivacySetting`). */
export const PRIVACY_LAYER_STATES = Object.freeze(['agreed', 'needs-agreement', 'unsupported'] as const);
export type PrivacyLayer = (typeof PRIVACY_LAYER_STATES)[number];

/** Layer 2: `authSetting[scope]` — true, false, or undefined when never asked. */
export const SCOPE_LAYER_STATES = Object.freeze(['granted', 'denied', 'never-asked'] as const);
export type ScopeLayer = (typeof SCOPE_LAYER_STATES)[number];

/** WeChat's own OS permission (`getAppAuthorizeSetting`); `unknown` where the platform does not say. */
export const APP_AUTHORIZATIONS = Object.freeze(['authorized', 'denied', 'not-determined', 'unknown'] as const);
export type AppAuthorization = (typeof APP_AUTHORIZATIONS)[number];

/** The system switch (`getSystemSetting` locationEnabled / bluetoothEnabled); `unknown` where none applies. */
export const SYSTEM_SWITCHES = Object.freeze(['on', 'off', 'unknown'] as const);
export type SystemSwitch = (typeof SYSTEM_SWITCHES)[number];

/** Outcome of the last Bluetooth adapter probe (`openBluetoothAdapter`). */
export const ADAPTER_STATES = Object.freeze(['ok', 'off', 'unauthorized', 'unsupported', 'unknown'] as const);
export type AdapterState = (typeof ADAPTER_STATES)[number];

/** Layer 3: WeChat's OS permission, the system switch and the hardware. */
export interface OsLayer {
  /** The capability's API exists on this base library / browser. */
  apiAvailable: boolean;
  appAuthorization: AppAuthorization;
  systemSwitch: SystemSwitch;
  /** Bluetooth only, once the adapter was opened after a tap. */
  adapter?: AdapterState;
}

/** The three layers of one capability. */
export interface PermissionLayers {
  privacy: PrivacyLayer;
  scope: ScopeLayer;
  os: OsLayer;
}

/** Why a capability has its status; decides the guidance the feature shows. */
export const STATUS_REASONS = Object.freeze([
  'granted',
  'never-asked',
  'needs-privacy-agreement',
  'scope-denied',
  'os-denied',
  'system-off',
  'unsupported',
] as const);
export type StatusReason = (typeof STATUS_REASONS)[number];

/** A combined status with its reason. */
export interface PermissionResult {
  status: PermissionStatus;
  reason: StatusReason;
}

const result = (status: PermissionStatus, reason: StatusReason): PermissionResult => Object.freeze({ status, reason });

/**
 * Combines the three layers. Device facts come first (nothing helps while the switch is off),
 * then the privacy agreement (no permission before it), then WeChat's OS permission (a scope
 * granted inside WeChat is useless while iOS/Android deny WeChat itself), then the scope.
 */
export function combinePermissionStatus(layers: PermissionLayers): PermissionResult {
  const { privacy, scope, os } = layers;
  if (!os.apiAvailable || os.adapter === 'unsupported') return result(PermissionStatus.UNAVAILABLE, 'unsupported');
  if (os.systemSwitch === 'off' || os.adapter === 'off') return result(PermissionStatus.UNAVAILABLE, 'system-off');
  if (privacy === 'needs-agreement') return result(PermissionStatus.DENIED, 'needs-privacy-agreement');
  // 'not-determined' (iOS) is not a refusal: the OS asks on WeChat's next use of the hardware.
  if (os.appAuthorization === 'denied' || os.adapter === 'unauthorized') return result(PermissionStatus.BLOCKED, 'os-denied');
  if (scope === 'denied') return result(PermissionStatus.BLOCKED, 'scope-denied');
  if (scope === 'granted') return result(PermissionStatus.GRANTED, 'granted');
  return result(PermissionStatus.DENIED, 'never-asked');
}

export { REFUSAL_QUIET_PERIOD_MS } from './capabilities';

/** Ledger values that count as a refusal for the quiet period. */
export const REFUSAL_VALUES: readonly PermissionValue[] = Object.freeze(['denied', 'not-now']);

/**
 * Whether a purpose sheet / system prompt may be shown now for `capability`: never within its
 * quiet period after the last refusal. A refusal time in the future (clock moved back) counts
 * as just now, so a wrong clock cannot shorten the quiet period.
 */
export function mayPrompt(capability: Capability, lastRefusalAt: number | null, now: number): boolean {
  return quietPeriodEndsAt(capability, lastRefusalAt, now) === null;
}

/** When the quiet period after `lastRefusalAt` ends (ms since epoch), or null when none is running. */
export function quietPeriodEndsAt(capability: Capability, lastRefusalAt: number | null, now: number): number | null {
  if (lastRefusalAt === null || !Number.isFinite(lastRefusalAt)) return null;
  const ends = Math.min(lastRefusalAt, now) + capabilityDefinition(capability).quietPeriodMs;
  return now < ends ? ends : null;
}

/** What the feature offers the shopper beside its fallback. */
export const PERMISSION_GUIDANCE = Object.freeze([
  'none',
  'ask',
  'agree-policy',
  'open-setting',
  'open-app-authorize-setting',
  'turn-on-system-switch',
  'fallback-only',
] as const);
export type PermissionGuidance = (typeof PERMISSION_GUIDANCE)[number];

/** Guidance for a result: which settings page a tap opens (openSetting vs openAppAuthorizeSetting), if any. */
export function guidanceFor(r: PermissionResult): PermissionGuidance {
  switch (r.reason) {
    case 'granted':
      return 'none';
    case 'never-asked':
      return 'ask';
    case 'needs-privacy-agreement':
      return 'agree-policy';
    case 'scope-denied':
      return 'open-setting';
    case 'os-denied':
      return 'open-app-authorize-setting';
    case 'system-off':
      return 'turn-on-system-switch';
    case 'unsupported':
      return 'fallback-only';
  }
}

/** The ledger value that records a status. */
export function permissionValueOf(status: PermissionStatus): PermissionValue {
  switch (status) {
    case PermissionStatus.GRANTED:
      return 'granted';
    case PermissionStatus.DENIED:
      return 'denied';
    case PermissionStatus.BLOCKED:
      return 'blocked';
    case PermissionStatus.UNAVAILABLE:
      return 'unavailable';
  }
}

const DECISION_REASONS: readonly StatusReason[] = ['granted', 'never-asked', 'scope-denied', 'os-denied'];

/** Whether a result reflects the shopper's decision (scope / OS permission), not a switch, hardware or the agreement. */
export function isDecision(r: PermissionResult): boolean {
  return DECISION_REASONS.includes(r.reason);
}

/**
 * The ledger value to record when a re-read finds a decision changed outside the app (in
 * WeChat's or the system's settings), or null. Switches, hardware and the privacy agreement are
 * not permission decisions, so changes involving them are not recorded here.
 */
export function externalChange(previous: PermissionResult | null, next: PermissionResult): PermissionValue | null {
  if (previous === null || previous.status === next.status) return null;
  if (!DECISION_REASONS.includes(previous.reason) || !DECISION_REASONS.includes(next.reason)) return null;
  // Back to "never asked" (WeChat's own permission allowed again while the scope was never
  // asked, or the scope reset): nothing was refused, and a 'denied' here would count as a
  // refusal and hold back the next request for 48 h.
  if (next.reason === 'never-asked') return null;
  return permissionValueOf(next.status);
}

/**
 * On the first read after launch: the value to record when the ledger's last decision for the
 * capability no longer holds (changed in settings while the app was not running), or null.
 */
export function changeSinceRecorded(recorded: PermissionValue | null, next: PermissionResult): PermissionValue | null {
  if (recorded === null || !DECISION_REASONS.includes(next.reason)) return null;
  if (recorded === 'granted' && next.status === PermissionStatus.BLOCKED) return 'blocked';
  if ((recorded === 'denied' || recorded === 'blocked') && next.status === PermissionStatus.GRANTED) return 'granted';
  return null;
}
