/**
 * CSV for spreadsheets (RFC 4180): every cell quoted, quotes doubled, CRLF between rows. A cell
 * that a spreadsheet would run as a formula (one starting with =, +, -, @, a tab or a carriage
 * return) is prefixed with an apostrophe, so text from ops or from an attacker (a token name, a
 * reason) is shown, never evaluated (OWASP "CSV injection").
 */

const FORMULA_START = /^[=+\-@\t\r]/;

/** One cell, quoted and guarded. */
export function csvCell(value: string | number | null | undefined): string {
  let text = value === null || value === undefined ? '' : String(value);
  if (FORMULA_START.test(text)) text = `'${text}`;
  return `"${text.replace(/"/g, '""')}"`;
}

/** One row, with its line ending. */
export function csvRow(cells: readonly (string | number | null | undefined)[]): string {
  return `${cells.map(csvCell).join(',')}\r\n`;
}

/** Opens the file: a byte-order mark, so spreadsheet programs read UTF-8 (Chinese) as UTF-8. */
export const CSV_BOM = '\uFEFF';
