/** ISO-8601 UTC of a timestamp read from either driver (a Date, possibly from another realm, or text). */
export function iso(value: unknown): string {
  return new Date(value as string | number | Date).toISOString();
}

/** ISO-8601 or null. */
export function isoOrNull(value: unknown): string | null {
  return value === null || value === undefined ? null : iso(value);
}

/** PostgreSQL's unique-violation SQLSTATE, raised by both drivers. */
export function isUniqueViolation(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { code?: unknown }).code === '23505';
}

/** PostgreSQL's foreign-key-violation SQLSTATE: a write naming a row (a user) that is gone. */
export function isForeignKeyViolation(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { code?: unknown }).code === '23503';
}
