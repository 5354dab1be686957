/**
 * A stand-in for Tencent Cloud SMS on loopback, doing what its API 3.0 documents for `SendSms`
 * (version 2021-01-11): it checks the action, version and timestamp headers and the
 * TC3-HMAC-SHA256 signature (computed here from the documentation, not with the server's signer),
 * answers `Response.Error` `AuthFailure.SignatureFailure` for a bad one, and otherwise one
 * `SendStatusSet` entry per number. Numbers in `refused` get `InvalidParameterValue.IncorrectPhoneNumber`.
 */
import { createHash, createHmac } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** The provider account the fake accepts (the `SMS_*` variables a test sets). */
export const TEST_SMS = Object.freeze({ secretId: 'AKIDfaketest', secretKey: 'fake-sms-secret-key-0123456789abcdef', sdkAppId: '1400000001', signName: 'DemoShop', templateId: '100001' });

/** A number the fake always refuses (the route cases use it, so a valid request changes nothing). */
export const UNREACHABLE_PHONE = '19900000000';

/** One message the fake sent. */
export interface SentSms {
  phone: string;
  params: string[];
}

export interface FakeSms {
  readonly url: string;
  /** Messages sent, in order. */
  readonly sent: SentSms[];
  /** Requests refused for their signature or headers. */
  readonly refusedSignatures: number;
  /** Numbers (E.164) the provider says it cannot send to. */
  readonly refused: Set<string>;
  /** When true, the next requests answer HTTP 502 (the provider is down). */
  down: boolean;
  /** The `SMS_*` environment variables that point a server at this fake. */
  env(): Record<string, string>;
  /** The code sent last to `phone` (E.164), if any. */
  lastCode(phone: string): string | undefined;
  close(): Promise<void>;
}

const hex = (data: string) => createHash('sha256').update(data).digest('hex');
const mac = (key: string | Buffer, data: string) => createHmac('sha256', key).update(data).digest();

/** Checks a request as the documentation describes: true when the signature is the one the secret key gives. */
function signatureHolds(req: http.IncomingMessage, raw: string): boolean {
  const auth = String(req.headers.authorization ?? '');
  const m = /^TC3-HMAC-SHA256 Credential=([^/]+)\/(\d{4}-\d{2}-\d{2})\/sms\/tc3_request, SignedHeaders=content-type;host, Signature=([0-9a-f]{64})$/.exec(auth);
  const timestamp = Number(req.headers['x-tc-timestamp']);
  if (!m || m[1] !== TEST_SMS.secretId || !Number.isInteger(timestamp)) return false;
  if (Math.abs(Date.now() / 1000 - timestamp) > 300) return false;
  const date = m[2]!;
  if (new Date(timestamp * 1000).toISOString().slice(0, 10) !== date) return false;
  const canonical = `POST\n/\n\ncontent-type:${req.headers['content-type']}\nhost:${req.headers.host}\n\ncontent-type;host\n${hex(raw)}`;
  const toSign = `TC3-HMAC-SHA256\n${timestamp}\n${date}/sms/tc3_request\n${hex(canonical)}`;
  const key = mac(mac(mac(`TC3${TEST_SMS.secretKey}`, date), 'sms'), 'tc3_request');
  return createHmac('sha256', key).update(toSign).digest('hex') === m[3];
}

/** Starts the fake on an ephemeral loopback port. */
export async function startFakeSms(): Promise<FakeSms> {
  const sent: SentSms[] = [];
  const refused = new Set<string>([`+86${UNREACHABLE_PHONE}`]);
  let refusedSignatures = 0;
  const server = http.createServer((req, res) => {
    let raw = '';
    req.setEncoding('utf8');
    req.on('data', (c: string) => (raw += c));
    req.on('end', () => {
      const answer = (response: Record<string, unknown>) => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ Response: { ...response, RequestId: `req-${sent.length}` } }));
      };
      if (fake.down) return void res.writeHead(502).end();
      if (req.method !== 'POST' || req.headers['x-tc-action'] !== 'SendSms' || req.headers['x-tc-version'] !== '2021-01-11' || !signatureHolds(req, raw)) {
        refusedSignatures++;
        return answer({ Error: { Code: 'AuthFailure.SignatureFailure', Message: 'The provided credentials could not be validated.' } });
      }
      const body = JSON.parse(raw) as { PhoneNumberSet: string[]; SmsSdkAppId: string; SignName: string; TemplateId: string; TemplateParamSet: string[] };
      if (body.SmsSdkAppId !== TEST_SMS.sdkAppId || body.SignName !== TEST_SMS.signName || body.TemplateId !== TEST_SMS.templateId) {
        return answer({ Error: { Code: 'FailedOperation.TemplateIncorrectOrUnapproved', Message: 'template or sign not approved' } });
      }
      const SendStatusSet = body.PhoneNumberSet.map((phone) => {
        if (refused.has(phone)) return { SerialNo: '', PhoneNumber: phone, Fee: 0, SessionContext: '', Code: 'InvalidParameterValue.IncorrectPhoneNumber', Message: 'incorrect number', IsoCode: 'CN' };
        sent.push({ phone, params: body.TemplateParamSet });
        return { SerialNo: `serial-${sent.length}`, PhoneNumber: phone, Fee: 1, SessionContext: '', Code: 'Ok', Message: 'send success', IsoCode: 'CN' };
      });
      answer({ SendStatusSet });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  const fake: FakeSms = {
    url,
    sent,
    get refusedSignatures() {
      return refusedSignatures;
    },
    refused,
    down: false,
    env: () => ({
      SMS_API_URL: url,
      SMS_SECRET_ID: TEST_SMS.secretId,
      SMS_SECRET_KEY: TEST_SMS.secretKey,
      SMS_SDK_APP_ID: TEST_SMS.sdkAppId,
      SMS_SIGN_NAME: TEST_SMS.signName,
      SMS_TEMPLATE_ID: TEST_SMS.templateId,
    }),
    lastCode: (phone) => sent.filter((s) => s.phone === phone).at(-1)?.params[0],
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
  return fake;
}
