/**
 * The one definition of each capability the module supports: its names in each language, its
 * mini-program scope and WeChat data type, its Douyin scope and how Douyin asks, where each
 * platform reports its state, its quiet period after a refusal and the step a grant needs before
 * the feature runs. The contract, the adapters,
 * the permission store, the hint, the privacy centre, the history and the declarations all read
 * it; adding a capability is an entry here plus its adapters' platform calls. What an *app* says
 * about a capability it uses (purpose, feature, fallback) is in the app's description.
 * Pure TypeScript.
 */

import type { PrivacyDataTypeKey } from './permission-types';

type Text = Readonly<{ zh: string; en: string }>;

/** 48 hours: no new pop-up for a capability within this time after the shopper refused it. */
export const REFUSAL_QUIET_PERIOD_MS = 48 * 60 * 60 * 1000;

/** One capability, whatever the app. */
export interface CapabilityDefinition {
  names: {
    /** A row's name (the privacy centre). */
    title: Text;
    /** Inside a sentence: "您未允许本小程序使用{摄像头}", "allow {the camera}". */
    inSentence: Text;
    /** The permission itself, in the history: "您允许了{摄像头权限}". */
    access: Text;
  };
  /** The mini-program scope `authorize` asks for. */
  scope: string;
  /** WeChat's privacy-guide data type (`privacy_key`) the capability's APIs touch. */
  dataType: PrivacyDataTypeKey;
  /**
   * On WeChat: the `wx` function the capability's feature calls (its absence means an old base
   * library: unavailable; null when a component does the work), and where WeChat reports the state
   * outside the mini-program (`getAppAuthorizeSetting` field, `getSystemSetting` switch or null).
   */
  weapp: { api: string | null; appAuthorization: string; systemSwitch: string | null };
  /**
   * On Douyin: the scope `tt.getSetting` reports (null: Douyin has none, and the shopper's answer
   * on the module's purpose sheet is the only mini-program-level decision), and how the shopper is
   * asked. `tt.authorize` is being withdrawn: Douyin asks when the capability's own API is first
   * used, so `ask` names that API, or `authorize` where the feature's API is a component.
   */
  tt: { scope: string | null; ask: 'authorize' | 'getLocation' | null; api: string | null; component?: string };
  /** The browser's Permissions API name (null: none; the browser's own prompt decides). */
  h5: { permissionName: string | null };
  /** No purpose sheet or prompt by itself for this long after a refusal. */
  quietPeriodMs: number;
  /** What a grant still needs before the feature can run (Bluetooth: its adapter opened). */
  afterGrant: 'open-bluetooth-adapter' | null;
}

const define = (d: CapabilityDefinition): CapabilityDefinition =>
  Object.freeze({ ...d, names: Object.freeze({ ...d.names }), weapp: Object.freeze({ ...d.weapp }), tt: Object.freeze({ ...d.tt }), h5: Object.freeze({ ...d.h5 }) });

/** Every capability the module supports, in the order it lists them. */
export const CAPABILITY_REGISTRY = Object.freeze({
  camera: define({
    names: {
      title: { zh: '摄像头', en: 'Camera' },
      inSentence: { zh: '摄像头', en: 'the camera' },
      access: { zh: '摄像头权限', en: 'camera access' },
    },
    scope: 'scope.camera',
    dataType: 'Camera',
    weapp: { api: null, appAuthorization: 'cameraAuthorized', systemSwitch: null },
    // Douyin's <camera> asks on its own when rendered; tt.authorize asks before the page opens it.
    tt: { scope: 'scope.camera', ask: 'authorize', api: null, component: 'camera' },
    h5: { permissionName: 'camera' },
    quietPeriodMs: REFUSAL_QUIET_PERIOD_MS,
    afterGrant: null,
  }),
  location: define({
    names: {
      title: { zh: '位置信息（模糊）', en: 'Location (approximate)' },
      inSentence: { zh: '位置信息', en: 'your location' },
      access: { zh: '位置权限', en: 'location access' },
    },
    scope: 'scope.userFuzzyLocation',
    dataType: 'Location',
    weapp: { api: 'getFuzzyLocation', appAuthorization: 'locationAuthorized', systemSwitch: 'locationEnabled' },
    // Fuzzy location is an ability Douyin grants on application: getLocation, coarsened on the phone.
    tt: { scope: 'scope.userLocation', ask: 'getLocation', api: 'getLocation' },
    h5: { permissionName: 'geolocation' },
    quietPeriodMs: REFUSAL_QUIET_PERIOD_MS,
    afterGrant: null,
  }),
  bluetooth: define({
    names: {
      title: { zh: '蓝牙', en: 'Bluetooth' },
      inSentence: { zh: '蓝牙', en: 'Bluetooth' },
      access: { zh: '蓝牙权限', en: 'Bluetooth access' },
    },
    scope: 'scope.bluetooth',
    dataType: 'BlueTooth',
    // iOS only reports bluetoothAuthorized; Android leaves it undefined (read as unknown).
    weapp: { api: 'openBluetoothAdapter', appAuthorization: 'bluetoothAuthorized', systemSwitch: 'bluetoothEnabled' },
    // No scope on Douyin: the adapter opens (afterGrant) and its failures say the rest.
    tt: { scope: null, ask: null, api: 'openBluetoothAdapter' },
    h5: { permissionName: null },
    quietPeriodMs: REFUSAL_QUIET_PERIOD_MS,
    afterGrant: 'open-bluetooth-adapter',
  }),
} satisfies Record<string, CapabilityDefinition>);

/** A runtime capability the module supports. */
export type Capability = keyof typeof CAPABILITY_REGISTRY;

/** The capabilities, in the registry's order. */
export const CAPABILITY_LIST = Object.freeze(Object.keys(CAPABILITY_REGISTRY)) as readonly Capability[];

/** A capability's definition (throws for a name the module does not support). */
export function capabilityDefinition(capability: string): CapabilityDefinition {
  const d = Object.prototype.hasOwnProperty.call(CAPABILITY_REGISTRY, capability) ? (CAPABILITY_REGISTRY as Readonly<Record<string, CapabilityDefinition>>)[capability] : undefined;
  if (!d) throw new Error(`The module supports no capability "${capability}"`);
  return d;
}

/** The capability `authorize` asks for with `scope`, or null. */
export function capabilityOfScope(scope: string): Capability | null {
  return CAPABILITY_LIST.find((c) => CAPABILITY_REGISTRY[c].scope === scope) ?? null;
}
