import { ERROR_CODES, type ErrorCode } from '@maison/privacy/contract';

/** An error the API answers with its own status and contract code (`{ error: { code, message } }`). */
export class ApiError extends Error {
  override name = 'ApiError';
  constructor(
    readonly statusCode: number,
    readonly code: ErrorCode,
    message: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

/** Shorthands for the errors routes raise. */
export const errors = Object.freeze({
  badRequest: (message: string) => new ApiError(400, ERROR_CODES.BAD_REQUEST, message),
  unauthenticated: (message = 'Sign in again') => new ApiError(401, ERROR_CODES.UNAUTHENTICATED, message),
  forbidden: (message = 'Not allowed') => new ApiError(403, ERROR_CODES.FORBIDDEN, message),
  notFound: (message = 'Not found') => new ApiError(404, ERROR_CODES.NOT_FOUND, message),
  conflict: (message: string) => new ApiError(409, ERROR_CODES.CONFLICT, message),
  accountDeleted: (completedAt: string) =>
    new ApiError(410, ERROR_CODES.ACCOUNT_DELETED, 'This account was deleted', { completedAt }),
  idempotencyKeyReused: () =>
    new ApiError(422, ERROR_CODES.IDEMPOTENCY_KEY_REUSED, 'This Idempotency-Key was used with a different request'),
  loginFailed: (message = 'The login code was not accepted') => new ApiError(400, ERROR_CODES.LOGIN_FAILED, message),
  wechatUnavailable: (message = 'WeChat login is unavailable, try again') =>
    new ApiError(503, ERROR_CODES.WECHAT_UNAVAILABLE, message),
  /** A login platform other than WeChat is unavailable (platform-neutral; WeChat keeps WECHAT_UNAVAILABLE for its clients). */
  loginUnavailable: (message: string) => new ApiError(503, ERROR_CODES.LOGIN_UNAVAILABLE, message),
  busy: (message = 'The service is busy, try again shortly') => new ApiError(503, ERROR_CODES.SERVICE_UNAVAILABLE, message),
});
