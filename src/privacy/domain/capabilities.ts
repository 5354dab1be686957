/**
 * What the module knows of each capability it supports, whatever the app: its name in each
 * language. The app's own purposes and fallbacks are in its description (`PrivacyApp.capabilities`).
 */
import type { Capability, Lang } from './contract';

/** A capability's name inside a sentence ("相机、位置等权限…", "Camera and location are asked…"). */
export const CAPABILITY_NAMES: Readonly<Record<Capability, Readonly<Record<Lang, string>>>> = Object.freeze({
  camera: Object.freeze({ zh: '相机', en: 'camera' }),
  location: Object.freeze({ zh: '位置', en: 'location' }),
  bluetooth: Object.freeze({ zh: '蓝牙', en: 'Bluetooth' }),
});
