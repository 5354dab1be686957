import type { NeedPrivacyAuthorizationListener, PrivacyAuthorizationResolution, WechatPrivacyPort } from '../ports';

/** How the shopper answers WeChat's own privacy popup (shown when no listener is registered). */
export type WechatPopupAnswer = 'agreed' | 'refused';

/**
 * WeChat's privacy framework as its documentation describes it (base library 2.32.3):
 * - `getPrivacySetting().needAuthorization` is false once the shopper agreed through the agree
 *   button (`<button open-type="agreePrivacyAuthorization">`), or when the app declares no
 *   collection; true while a declared collection waits for the agreement.
 * - `requirePrivacyAuthorize` succeeds at once, with no event, when nothing waits. Otherwise it
 *   fires the registered `onNeedPrivacyAuthorization` listener and ends as the listener resolves
 *   (`agree` → success, and WeChat records the agreement; `disagree` → failure); with no listener
 *   WeChat shows its own popup, answered here from `answer`.
 *
 * Starts with `needAuthorization` false: what WeChat reports after the agree button, so a test
 * that agrees on the module's sheet (`privacy.gate.agree`) reaches the purpose sheet. Set it to
 * true for WeChat still waiting (a new collection type added since the shopper agreed).
 */
export class FakeWechatPrivacy implements WechatPrivacyPort {
  /** Whether WeChat still waits for the shopper's agreement. */
  needAuthorization = false;
  /**
   * How the shopper answers WeChat's own popup (`requirePrivacyAuthorize` while WeChat waits and
   * no listener is registered). Unset: that popup is unexpected and the call throws.
   */
  answer: WechatPopupAnswer | null = null;
  /** The registered listener (WeChat keeps one). */
  listener: NeedPrivacyAuthorizationListener | null = null;
  /** Every call, in order. */
  readonly calls: string[] = [];
  /** Every resolution the listener gave WeChat (`exposureAuthorization`, `agree`, `disagree`), in order. */
  readonly resolutions: PrivacyAuthorizationResolution[] = [];

  /**
   * The shopper tapped the agree button of the app's sheet (open-type `agreePrivacyAuthorization`):
   * WeChat records the agreement. Drive the module's half with `privacy.gate.agree(buttonId)`, or
   * both at once with `createTestRootStore().agree()`.
   */
  agree(): void {
    this.calls.push('agreePrivacyAuthorization');
    this.needAuthorization = false;
  }

  async getPrivacySetting() {
    this.calls.push('getPrivacySetting');
    return { needAuthorization: this.needAuthorization, privacyContractName: '' };
  }
  onNeedPrivacyAuthorization(listener: NeedPrivacyAuthorizationListener): 'registered' {
    this.calls.push('onNeedPrivacyAuthorization');
    this.listener = listener;
    return 'registered';
  }
  async requirePrivacyAuthorize(): Promise<WechatPopupAnswer> {
    this.calls.push('requirePrivacyAuthorize');
    if (!this.needAuthorization) return 'agreed';
    const listener = this.listener;
    if (!listener) {
      if (!this.answer) throw new Error("unexpected WeChat privacy popup: no answer scripted (set wechatPrivacy.answer to 'agreed' or 'refused')");
      if (this.answer === 'agreed') this.needAuthorization = false;
      return this.answer;
    }
    return new Promise<WechatPopupAnswer>((settle) => {
      listener(
        (resolution) => {
          this.resolutions.push(resolution);
          if (resolution.event === 'agree') {
            this.needAuthorization = false;
            settle('agreed');
          } else if (resolution.event === 'disagree') settle('refused');
        },
        { referrer: 'requirePrivacyAuthorize' },
      );
    });
  }
  async openPrivacyContract(): Promise<'opened'> {
    this.calls.push('openPrivacyContract');
    return 'opened';
  }
}
