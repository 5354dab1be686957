import type { Capability } from '../domain/contract';
import type { OsLayer } from '../domain/permission';
import { PermissionCallError, type PermissionPlatformPort } from '../ports';

/** WeChat's errMsg for a refused scope (`/auth den(y|ied)/` on every platform). */
const AUTH_DENY = 'authorize:fail auth deny';

/**
 * The permission platform as WeChat documents it: `authSetting[scope]` absent until asked; the
 * first `authorize` shows the system prompt (answered from `answers`); once refused, `authorize`
 * fails at once and never prompts again, only `openSetting` (from a tap) changes it. Logs every call.
 */
export class FakePermissionPlatform implements PermissionPlatformPort {
  /** Every port call, in order (`authorize scope.camera`, `readOsLayer camera`...). */
  readonly log: string[] = [];
  /** `getSetting().authSetting`: scope → granted; absent when never asked. */
  scopes: Record<string, boolean> = {};
  /** Layer 3 per capability: WeChat's OS permission and the system switch. */
  os: Record<Capability, OsLayer> = {
    camera: { apiAvailable: true, appAuthorization: 'authorized', systemSwitch: 'unknown' },
    location: { apiAvailable: true, appAuthorization: 'authorized', systemSwitch: 'on' },
    bluetooth: { apiAvailable: true, appAuthorization: 'unknown', systemSwitch: 'on' },
  };
  /** How the shopper answers the next system prompts; a prompt with no answer left throws. */
  answers: ('allow' | 'deny')[] = [];
  /** Extra fields of `openBluetoothAdapter`'s failure (e.g. `{ errCode: 10001 }`); null = opens. */
  adapterError: Record<string, unknown> | null = null;
  /** What the shopper does on WeChat's settings page (change `scopes` here). */
  settingsPage: (() => void) | null = null;
  /** Where `getFuzzyLocation` places the shopper. */
  position = { latitude: 39.9, longitude: 116.4 };

  async readScopes(): Promise<Record<string, boolean>> {
    this.log.push('readScopes');
    return { ...this.scopes };
  }
  async authorize(scope: string): Promise<void> {
    this.log.push(`authorize ${scope}`);
    if (this.scopes[scope] === true) return;
    if (this.scopes[scope] === false) throw new PermissionCallError('authorize', { errMsg: AUTH_DENY });
    const answer = this.answers.shift();
    if (!answer) throw new Error(`unexpected system prompt for ${scope}: no answer scripted`);
    this.scopes[scope] = answer === 'allow';
    if (answer === 'deny') throw new PermissionCallError('authorize', { errMsg: AUTH_DENY });
  }
  async openSetting(): Promise<Record<string, boolean>> {
    this.log.push('openSetting');
    this.settingsPage?.();
    return { ...this.scopes };
  }
  async readOsLayer(capability: Capability): Promise<OsLayer> {
    this.log.push(`readOsLayer ${capability}`);
    // A capability without a scripted layer reads as a phone that allows WeChat and has no switch for it.
    return { ...(this.os[capability] ?? { apiAvailable: true, appAuthorization: 'authorized', systemSwitch: 'unknown' }) };
  }
  async openAppAuthorizeSetting(): Promise<void> {
    this.log.push('openAppAuthorizeSetting');
  }
  async openBluetoothAdapter(): Promise<void> {
    this.log.push('openBluetoothAdapter');
    if (this.adapterError) throw new PermissionCallError('openBluetoothAdapter', { errMsg: 'openBluetoothAdapter:fail', ...this.adapterError });
  }
  async getFuzzyLocation(): Promise<{ latitude: number; longitude: number }> {
    this.log.push('getFuzzyLocation');
    return { ...this.position };
  }
  /** The calls that reach a privacy-gated API (none may happen before the policy is agreed). */
  gated(): string[] {
    return this.log.filter((l) => /^(authorize|openBluetoothAdapter|getFuzzyLocation)/.test(l));
  }
}
