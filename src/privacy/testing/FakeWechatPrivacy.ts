import type { NeedPrivacyAuthorizationListener, WechatPrivacyPort } from '../ports';

/**
 * WeChat's privacy framework: `getPrivacySetting().needAuthorization` until agreed, one
 * `onNeedPrivacyAuthorization` listener, `requirePrivacyAuthorize` answered from `answer`.
 */
export class FakeWechatPrivacy implements WechatPrivacyPort {
  /** Whether WeChat still waits for the shopper's agreement. */
  needAuthorization = false;
  /** How `requirePrivacyAuthorize` ends. */
  answer: 'agreed' | 'refused' = 'refused';
  /** The registered listener (WeChat keeps one). */
  listener: NeedPrivacyAuthorizationListener | null = null;
  /** Every call, in order. */
  readonly calls: string[] = [];

  async getPrivacySetting() {
    this.calls.push('getPrivacySetting');
    return { needAuthorization: this.needAuthorization, privacyContractName: '' };
  }
  onNeedPrivacyAuthorization(listener: NeedPrivacyAuthorizationListener): 'registered' {
    this.calls.push('onNeedPrivacyAuthorization');
    this.listener = listener;
    return 'registered';
  }
  async requirePrivacyAuthorize(): Promise<'agreed' | 'refused'> {
    this.calls.push('requirePrivacyAuthorize');
    if (this.answer === 'agreed') this.needAuthorization = false;
    return this.answer;
  }
  async openPrivacyContract(): Promise<'opened'> {
    this.calls.push('openPrivacyContract');
    return 'opened';
  }
}
