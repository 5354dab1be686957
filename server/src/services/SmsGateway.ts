import { createHash, createHmac } from 'node:crypto';

/**
 * The SMS port: the shop's provider account that sends the guardian's confirmation code. This
 * implementation speaks Tencent Cloud SMS `SendSms` (API 3.0, version 2021-01-11), signed with
 * TC3-HMAC-SHA256 as Tencent Cloud's "Signature v3" documents it; the URL is configurable, so a
 * gateway offering the same API (or a test double) can stand in.
 */
export interface SmsGateway {
  /** Sends the template with `params` to one number (E.164, e.g. +8613800000000). Throws SmsError. */
  send(phone: string, params: readonly string[]): Promise<void>;
}

/** The provider account (`SMS_*` environment variables, server/README.md). */
export interface SmsGatewayConfig {
  /** `SMS_API_URL`: default https://sms.tencentcloudapi.com/ */
  url: string;
  /** `SMS_SECRET_ID`, `SMS_SECRET_KEY`: the API key pair (CAM). */
  secretId: string;
  secretKey: string;
  /** `SMS_SDK_APP_ID`: the SMS application id (SmsSdkAppId). */
  sdkAppId: string;
  /** `SMS_SIGN_NAME`: the approved signature (SignName), e.g. the shop's name. */
  signName: string;
  /** `SMS_TEMPLATE_ID`: the approved template, with two parameters: {1} the code, {2} its validity in minutes. */
  templateId: string;
  /** `SMS_REGION`: default ap-guangzhou. */
  region: string;
  /** `SMS_TIMEOUT_MS`: one attempt, answer included. */
  timeoutMs: number;
}

/** Why a message was not sent: the number was refused, the provider limits it, or the provider could not be reached. */
export type SmsFailure = 'bad-number' | 'limited' | 'unavailable';

/** The provider did not send the message. `providerCode` is its error code, never a body or a number. */
export class SmsError extends Error {
  override name = 'SmsError';
  constructor(
    readonly failure: SmsFailure,
    readonly providerCode: string,
  ) {
    super(`SMS not sent: ${providerCode}`);
  }
}

/** API version and action of the call, as Tencent Cloud names them. */
export const TENCENT_SMS_VERSION = '2021-01-11';
export const TENCENT_SMS_ACTION = 'SendSms';
const SERVICE = 'sms';
const CONTENT_TYPE = 'application/json; charset=utf-8';

const sha256Hex = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');
const hmac = (key: Buffer | string, text: string) => createHmac('sha256', key).update(text, 'utf8').digest();

/**
 * The `Authorization` header of a POST of `body` to `host` at `timestamp` (Unix seconds):
 * TC3-HMAC-SHA256 over the canonical request (signed headers content-type and host), the
 * credential scope `<UTC date>/sms/tc3_request`, and the key derived from "TC3" + secret key.
 */
export function tc3Authorization(o: { secretId: string; secretKey: string; host: string; timestamp: number; body: string }): string {
  const date = new Date(o.timestamp * 1000).toISOString().slice(0, 10);
  const signedHeaders = 'content-type;host';
  const canonicalRequest = ['POST', '/', '', `content-type:${CONTENT_TYPE}\nhost:${o.host}\n`, signedHeaders, sha256Hex(o.body)].join('\n');
  const scope = `${date}/${SERVICE}/tc3_request`;
  const stringToSign = ['TC3-HMAC-SHA256', String(o.timestamp), scope, sha256Hex(canonicalRequest)].join('\n');
  const signingKey = hmac(hmac(hmac(`TC3${o.secretKey}`, date), SERVICE), 'tc3_request');
  const signature = createHmac('sha256', signingKey).update(stringToSign, 'utf8').digest('hex');
  return `TC3-HMAC-SHA256 Credential=${o.secretId}/${scope}, SignedHeaders=${signedHeaders}, Signature=${signature}`;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Provider codes that say the number cannot receive this message (Tencent Cloud SMS error codes). */
const BAD_NUMBER = /^(InvalidParameterValue\.IncorrectPhoneNumber|FailedOperation\.PhoneNumberInBlacklist|UnsupportedOperation\.UnsupportedRegion|FailedOperation\.PhoneNumberParseFail)/;

/** Tencent Cloud SMS `SendSms` over HTTPS. */
export class TencentSmsGateway implements SmsGateway {
  constructor(
    private readonly config: SmsGatewayConfig,
    private readonly now: () => number = Date.now,
  ) {}

  async send(phone: string, params: readonly string[]): Promise<void> {
    const c = this.config;
    const body = JSON.stringify({ PhoneNumberSet: [phone], SmsSdkAppId: c.sdkAppId, SignName: c.signName, TemplateId: c.templateId, TemplateParamSet: params });
    const timestamp = Math.floor(this.now() / 1000);
    const url = new URL(c.url);
    let answer: unknown;
    try {
      const res = await fetch(url, {
        method: 'POST',
        headers: {
          Authorization: tc3Authorization({ secretId: c.secretId, secretKey: c.secretKey, host: url.host, timestamp, body }),
          'Content-Type': CONTENT_TYPE,
          'X-TC-Action': TENCENT_SMS_ACTION,
          'X-TC-Version': TENCENT_SMS_VERSION,
          'X-TC-Timestamp': String(timestamp),
          'X-TC-Region': c.region,
        },
        body,
        signal: AbortSignal.timeout(c.timeoutMs),
      });
      if (!res.ok) throw new SmsError('unavailable', `HTTP ${res.status}`);
      answer = await res.json();
    } catch (err) {
      if (err instanceof SmsError) throw err;
      throw new SmsError('unavailable', err instanceof Error ? err.name : 'failed');
    }
    // API 3.0 answers 200 with `Response.Error` for a refused call, and one status per number.
    const response = isRecord(answer) && isRecord(answer.Response) ? answer.Response : null;
    if (response === null) throw new SmsError('unavailable', 'malformed answer');
    if (isRecord(response.Error)) throw failureOf(String(response.Error.Code));
    const status = Array.isArray(response.SendStatusSet) ? response.SendStatusSet[0] : undefined;
    const code = isRecord(status) ? String(status.Code) : 'no status';
    if (code !== 'Ok') throw failureOf(code);
  }
}

function failureOf(code: string): SmsError {
  if (BAD_NUMBER.test(code)) return new SmsError('bad-number', code);
  if (code.startsWith('LimitExceeded') || code.startsWith('RequestLimitExceeded')) return new SmsError('limited', code);
  return new SmsError('unavailable', code);
}
