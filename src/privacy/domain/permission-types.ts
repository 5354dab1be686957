/**
 * Shapes of the permission catalogue and of WeChat's list of privacy-gated APIs.
 * Pure TypeScript: the data lives in data/, the rules in the other permission*.ts files.
 */
import type { Capability } from './contract';

/** A text in both languages of the module. */
export interface LocalisedText {
  zh: string;
  en: string;
}

/** A mini-program scope the module asks for: a capability registry entry's `scope` (`domain/capabilities.ts`). */
export type PermissionScope = string;

/** Scopes WeChat accepts in app.json `permission` (the location scopes only). */
export const LOCATION_SCOPES = Object.freeze(['scope.userLocation', 'scope.userFuzzyLocation', 'scope.userLocationBackground'] as const);

/** Maximum length of app.json `permission[scope].desc`, in characters (WeChat's limit). */
export const PERMISSION_DESC_MAX_CHARS = 30;

/** The eight location APIs that must be listed in app.json `requiredPrivateInfos` before use. */
export const REQUIRED_PRIVATE_INFO_APIS = Object.freeze([
  'getFuzzyLocation',
  'getLocation',
  'onLocationChange',
  'startLocationUpdate',
  'startLocationUpdateBackground',
  'chooseLocation',
  'choosePoi',
  'chooseAddress',
] as const);
export type RequiredPrivateInfo = (typeof REQUIRED_PRIVATE_INFO_APIS)[number];

/** Precise-location APIs: WeChat refuses to compile an app.json declaring any of them beside `getFuzzyLocation`. */
export const PRECISE_LOCATION_APIS: readonly RequiredPrivateInfo[] = Object.freeze([
  'getLocation',
  'onLocationChange',
  'startLocationUpdate',
  'startLocationUpdateBackground',
]);

/** What the purpose sheet says before the system prompt. */
export interface PermissionPurpose {
  /** What is accessed. */
  what: LocalisedText;
  /** Why, in the words the privacy guide uses ("用于…"). */
  why: LocalisedText;
  /** What happens if the shopper refuses. */
  ifRefused: LocalisedText;
}

/**
 * What an app says about one runtime capability it uses: its purpose, its feature, the gated APIs
 * and app.json entries the feature needs. The capability's scope and WeChat data type are the
 * module's (its registry entry), not the app's.
 */
export interface PermissionCatalogueEntry {
  capability: Capability;
  /** Ids of the privacy-gated APIs/components the feature uses (keys of PRIVACY_GATED_APIS). */
  gatedApis: readonly string[];
  /** Entries for app.json `requiredPrivateInfos`. */
  requiredPrivateInfos: readonly RequiredPrivateInfo[];
  /** app.json `permission[scope].desc` (≤ 30 characters); only location scopes take one. */
  permissionDesc?: string;
  purpose: PermissionPurpose;
  /** The feature of the shop that needs the capability. */
  feature: { id: string; name: LocalisedText };
  /** What the feature offers instead when the capability is refused or unavailable. */
  fallback: LocalisedText;
}

/** A privacy-guide declaration for gated APIs that are not runtime permissions (e.g. the clipboard). */
export interface PrivacyDeclaration {
  dataType: PrivacyDataTypeKey;
  gatedApis: readonly string[];
  why: LocalisedText;
}

/** User-information types of WeChat's privacy guide (the `privacy_key` of the admin console / setprivacysetting). */
export const PRIVACY_DATA_TYPE_KEYS = Object.freeze([
  'UserInfo',
  'Location',
  'ChooseLocation',
  'Address',
  'Invoice',
  'RunData',
  'PhoneNumber',
  'LicensePlate',
  'Album',
  'MessageFile',
  'Record',
  'Camera',
  'BlueTooth',
  'AlbumWriteOnly',
  'Contact',
  'CalendarWriteOnly',
  'Accelerometer',
  'Compass',
  'DeviceMotion',
  'Gyroscope',
  'Clipboard',
  'DeviceInfo',
  'Email',
  'EXIDNumber',
  'EXOrderInfo',
  'EXUserPublishContent',
  'EXUserFollowAcct',
  'EXUserOpLog',
] as const);
export type PrivacyDataTypeKey = (typeof PRIVACY_DATA_TYPE_KEYS)[number];

/** How a gated entry is used in code, which decides how the static check finds it. */
export const GATED_API_KINDS = Object.freeze(['api', 'authorize-scope', 'component', 'open-type', 'input-type', 'method'] as const);
export type GatedApiKind = (typeof GATED_API_KINDS)[number];

/** One privacy-gated API or component of WeChat. */
export interface PrivacyGatedApi {
  /** Display id, e.g. `wx.getFuzzyLocation`, `wx.authorize:scope.camera`, `<camera>`. */
  id: string;
  kind: GatedApiKind;
  /** The bare name: API name, scope, component tag, open-type or method (`RecorderManager.start`). */
  name: string;
  dataType: PrivacyDataTypeKey;
  /** WeChat withdrew it; calls still count as use of the data type. */
  withdrawn?: boolean;
}
