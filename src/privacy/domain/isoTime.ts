/**
 * A fast path for the ledger's event times: most were written by `toISOString`, and a time in that
 * exact form needs no `Date.parse` to be known readable.
 */

// What `toISOString` writes, month, day and time in range; the day against its month's length is
// checked apart, for days 29 to 31 only.
const ISO_TIME_RE = /^\d{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])T(?:[01]\d|2[0-3]):[0-5]\d:[0-5]\d\.\d{3}Z$/;
const digits = (s: string, at: number, n: number): number => {
  let v = 0;
  for (let i = at; i < at + n; i += 1) v = v * 10 + s.charCodeAt(i) - 48;
  return v;
};

/**
 * True for a real UTC time written as `toISOString` writes it (`YYYY-MM-DDTHH:mm:ss.sssZ`), which
 * every engine's `Date.parse` reads; checked without parsing. Anything else is left to `Date.parse`.
 */
export function isCanonicalIsoTime(s: string): boolean {
  if (!ISO_TIME_RE.test(s)) return false;
  const day = digits(s, 8, 2);
  if (day <= 28) return true;
  const month = digits(s, 5, 2);
  if (month !== 2) return day <= (month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31);
  const year = digits(s, 0, 4);
  return day <= (year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28);
}
