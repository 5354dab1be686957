/**
 * A database error as it may be logged. PostgreSQL puts the values of the offending row in the
 * error's `detail` (`Key (user_id)=(…) is not present in table "users"`), its `where` and its
 * internal query, and the driver copies them onto the error, where the logger's error serializer
 * would print them: a purged shopper's id would outlive the purge in the log. Only the SQLSTATE,
 * the names of the constraint, table and column, the message and the stack are kept.
 */
export function loggableError(err: unknown): unknown {
  if (typeof err !== 'object' || err === null) return err;
  const e = err as { code?: unknown; name?: unknown; message?: unknown; stack?: unknown; constraint?: unknown; table?: unknown; column?: unknown; routine?: unknown };
  // A SQLSTATE is five characters; Node's own codes (ECONNRESET…) carry no row values.
  if (typeof e.code !== 'string' || !/^[0-9A-Z]{5}$/.test(e.code)) return err;
  const kept: Record<string, unknown> = { type: e.name, message: e.message, code: e.code, stack: e.stack };
  for (const key of ['constraint', 'table', 'column', 'routine'] as const) if (typeof e[key] === 'string') kept[key] = e[key];
  return kept;
}
