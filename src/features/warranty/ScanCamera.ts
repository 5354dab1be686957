import type { ComponentType } from 'react';
import type { Lang } from '@maison/privacy';

/** Why the in-page camera gave up: the shopper types the number instead. */
export type CameraFailure = 'timeout' | 'denied' | 'unavailable';

/** The in-page camera of the warranty scan, one implementation per platform. */
export interface ScanCameraProps {
  lang: Lang;
  /** A code was read (each distinct value once); the page checks it is a warranty number. */
  onCode: (raw: string) => void;
  /** The camera could not start, or the browser refused it. */
  onFail: (reason: CameraFailure) => void;
  /** The camera has shown frames for `NO_CODE_TIMEOUT_MS` without a code: the page offers typing. */
  onNoCode?: () => void;
  /** WeChat refused the camera after all (changed in settings): the page re-reads statuses. */
  onRevoked?: () => void;
}

/** How long a running camera may look for a code before the page says none was read and offers typing. */
export const NO_CODE_TIMEOUT_MS = 15000;

/** How long the camera may take to show its first frame before the page falls back to typing. */
export const CAMERA_START_TIMEOUT_MS = 6000;

/**
 * The camera for the platform being built. `process.env.TARO_ENV` is written in full (Taro's
 * define replaces it textually) in one conditional expression, which webpack folds: the browser
 * camera and its decoder never reach a mini-program bundle, nor the mini-program `<Camera>` the h5
 * one. WeChat and Douyin share the component (`mode="scanCode"`, `initdone`, `error`, `scancode`).
 */
export const ScanCamera: ComponentType<ScanCameraProps> =
  process.env.TARO_ENV === 'h5' ? require('./ScanCamera.h5').ScanCameraH5 : require('./ScanCamera.weapp').ScanCameraWeapp;
