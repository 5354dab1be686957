import type { LedgerEvent } from '../domain/contract';

let counter = 0;

/** Builds a valid ledger event for tests; fields override the defaults (a consent grant). */
export function ledgerEvent(fields: Partial<LedgerEvent> = {}): LedgerEvent {
  counter += 1;
  return {
    id: `evt-${String(counter).padStart(8, '0')}`,
    kind: 'consent',
    purpose: 'marketing',
    value: 'granted',
    policyVersion: 1,
    deviceId: 'device-0001',
    occurredAt: new Date(Date.parse('2026-01-01T00:00:00Z') + counter * 1000).toISOString(),
    source: 'feature',
    ...fields,
  } as LedgerEvent;
}
