/** Telling a database outage from a fault. */

const UNREACHABLE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN']);
const UNREACHABLE_MESSAGES = [
  'Connection terminated',
  'timeout exceeded when trying to connect',
  'Query read timeout',
  'Client has encountered a connection error',
  'Connection ended',
];

/**
 * True when an error means the database cannot be reached right now (connection refused, reset,
 * timed out, or ended by the server: SQLSTATE classes 08 and 57P0x, too many connections), as
 * opposed to a fault in the request or the code.
 */
export function isDatabaseUnavailable(err: unknown): boolean {
  if (typeof err !== 'object' || err === null) return false;
  const { code, message } = err as { code?: unknown; message?: unknown };
  if (typeof code === 'string' && (UNREACHABLE_CODES.has(code) || code.startsWith('08') || /^57P0[1-3]$/.test(code) || code === '53300')) return true;
  return typeof message === 'string' && UNREACHABLE_MESSAGES.some((m) => message.includes(m));
}
