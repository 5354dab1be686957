import { AccountDeletedError, ApiError, classify, DataFileError, FAILURE_KINDS, NetworkError, PermissionCallError, StorageQuotaError, UnauthenticatedError, type FailureKind } from './ports';

const api = (status: number, code = `HTTP_${status}`) => new ApiError(status, code, `HTTP ${status}`);

describe('classify', () => {
  const table: Array<[string, unknown, FailureKind]> = [
    // No usable answer now: tried again later.
    ['no network (NetworkError)', new NetworkError('request:fail timeout'), 'transient'],
    ['500 INTERNAL', api(500, 'INTERNAL'), 'transient'],
    ['502 from a proxy', api(502), 'transient'],
    ['503 SERVICE_UNAVAILABLE', api(503, 'SERVICE_UNAVAILABLE'), 'transient'],
    ['503 WECHAT_UNAVAILABLE', api(503, 'WECHAT_UNAVAILABLE'), 'transient'],
    // Douyin's login outage: the platform-neutral code, the same kind.
    ['503 LOGIN_UNAVAILABLE', api(503, 'LOGIN_UNAVAILABLE'), 'transient'],
    ['504 from a proxy', api(504), 'transient'],
    ['429 RATE_LIMITED', api(429, 'RATE_LIMITED'), 'transient'],
    ['408 request timeout', api(408), 'transient'],
    ['a 200 whose body breaks the contract', api(200, 'MALFORMED_RESPONSE'), 'transient'],
    ['a redirect (captive portal)', api(302), 'transient'],
    // The session is gone: sign in again.
    ['401 (UnauthenticatedError)', new UnauthenticatedError('expired'), 'unauthenticated'],
    // The account is gone: wipe.
    ['410 ACCOUNT_DELETED (AccountDeletedError)', new AccountDeletedError('gone', '2026-12-01T00:00:00.000Z'), 'account-deleted'],
    // A definite no: not retried on its own, shown.
    ['400 BAD_REQUEST', api(400, 'BAD_REQUEST'), 'refused'],
    ['400 LOGIN_FAILED', api(400, 'LOGIN_FAILED'), 'refused'],
    ['403 FORBIDDEN', api(403, 'FORBIDDEN'), 'refused'],
    ['404 NOT_FOUND', api(404, 'NOT_FOUND'), 'refused'],
    ['409 CONFLICT', api(409, 'CONFLICT'), 'refused'],
    ['409 IDEMPOTENCY_KEY_REUSED', api(409, 'IDEMPOTENCY_KEY_REUSED'), 'refused'],
    ['410 without ACCOUNT_DELETED', api(410), 'refused'],
    ['413 PAYLOAD_TOO_LARGE', api(413, 'PAYLOAD_TOO_LARGE'), 'refused'],
    ['415 UNSUPPORTED_MEDIA_TYPE', api(415, 'UNSUPPORTED_MEDIA_TYPE'), 'refused'],
    ['storage full (StorageQuotaError)', new StorageQuotaError('setStorage:fail exceed storage max size 10M'), 'refused'],
    // None of the failures the ports name.
    ['a TypeError', new TypeError("Cannot read properties of undefined (reading 'id')"), 'bug'],
    ['storage failing otherwise', new Error('setStorage:fail internal error'), 'bug'],
    ['a permission call failure', new PermissionCallError('wx.authorize', { errMsg: 'authorize:fail auth deny' }), 'bug'],
    ['a file hand-over failure', new DataFileError('wx.shareFileMessage', 'fail'), 'bug'],
    ['a string thrown', 'fail', 'bug'],
    ['undefined thrown', undefined, 'bug'],
    ['a WeChat-style { errMsg } object', { errMsg: 'request:fail' }, 'bug'],
  ];

  it.each(table)('%s → %s', (_name, error, kind) => {
    expect(classify(error)).toBe(kind);
  });

  it('gives every status code one kind: 4xx refused except 408 and 429, everything else transient', () => {
    for (let status = 100; status < 600; status += 1) {
      const expected = status >= 400 && status < 500 && status !== 408 && status !== 429 ? 'refused' : 'transient';
      expect({ status, kind: classify(api(status)) }).toEqual({ status, kind: expected });
    }
  });

  it('uses every kind of its closed set', () => {
    expect(new Set(table.map(([, , kind]) => kind))).toEqual(new Set(FAILURE_KINDS));
  });
});
