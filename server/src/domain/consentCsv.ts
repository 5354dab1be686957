import type { StoredEvent } from '../repositories/ConsentRepository';

/** The CSV's columns, in order: the server's sequence and receipt time, then the event's own fields. */
export const CONSENT_CSV_COLUMNS = Object.freeze(['seq', 'receivedAt', 'id', 'kind', 'purpose', 'value', 'policyVersion', 'deviceId', 'occurredAt', 'source', 'textHash'] as const);

/** One CSV field (RFC 4180): quoted when it holds a comma, quote or line break. */
function field(v: unknown): string {
  const s = v === undefined || v === null ? '' : String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** The consent ledger as CSV: a header line, then one line per event in server order, CRLF line ends. */
export function consentLedgerCsv(events: readonly StoredEvent[]): string {
  const lines = [CONSENT_CSV_COLUMNS.join(',')];
  for (const e of events) lines.push(CONSENT_CSV_COLUMNS.map((c) => field((e as Record<string, unknown>)[c])).join(','));
  return `${lines.join('\r\n')}\r\n`;
}
