/** Which consents and capabilities an app's description declares (`PrivacyApp` of `app.ts`). */
import { CAPABILITIES, GUARDIAN_CONSENT, type Capability } from './contract';
import type { PrivacyApp } from './app';

/** The consent purposes an app may record: its declared consents, and the guardian's consent the age check records. */
export function appPurposes(app: Pick<PrivacyApp, 'consents'>): readonly string[] {
  const declared = Object.keys(app.consents);
  return declared.includes(GUARDIAN_CONSENT) ? declared : [...declared, GUARDIAN_CONSENT];
}

/** The app's capabilities, in the module's order. */
export function appCapabilities(app: Pick<PrivacyApp, 'capabilities'>): readonly Capability[] {
  return CAPABILITIES.filter((c) => Object.prototype.hasOwnProperty.call(app.capabilities, c));
}
