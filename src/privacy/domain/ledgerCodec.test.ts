import type { LedgerEvent } from './contract';
import type { LedgerEntry } from './ledger';
import { sha256Hex } from './hash';
import { decodeLedger, encodeLedger, LEDGER_FORMAT, LEDGER_MAX_CHARS, LEDGER_SCHEMA_VERSION } from './ledgerCodec';
import { ledgerEvent as ev } from '../testing/events';

const entries: LedgerEntry[] = [
  { event: ev({ kind: 'policy', purpose: 'policy', value: 'accepted' } as Partial<LedgerEvent>), sync: 'synced' },
  { event: ev({ purpose: 'marketing', value: 'granted' }), sync: 'pending' },
  { event: ev({ purpose: 'tracking-analytics', value: 'refused' }), sync: 'local' },
];

describe('ledger codec', () => {
  it('round-trips entries with their sync status', () => {
    expect(decodeLedger(encodeLedger(entries))).toEqual({ status: 'ok', entries });
    expect(decodeLedger(encodeLedger([]))).toEqual({ status: 'ok', entries: [] });
  });

  it('writes the format, schema version and a checksum', () => {
    const parsed = JSON.parse(encodeLedger(entries));
    expect(parsed.format).toBe(LEDGER_FORMAT);
    expect(parsed.schema).toBe(LEDGER_SCHEMA_VERSION);
    expect(parsed.checksum).toBe(`sha256:${sha256Hex(JSON.stringify(parsed.payload))}`);
  });

  it('reports a missing value as empty', () => {
    expect(decodeLedger(null).status).toBe('empty');
    expect(decodeLedger(undefined).status).toBe('empty');
  });

  const good = encodeLedger(entries);
  const withPayload = (mutate: (p: { sync: string; events: Record<string, unknown>[] }) => void, fixChecksum = true) => {
    const o = JSON.parse(good);
    mutate(o.payload);
    if (fixChecksum) {
      const text = JSON.stringify(o.payload);
      o.checksum = `sha256:${sha256Hex(text)}`;
    }
    return JSON.stringify(o);
  };

  const matrix: Array<[string, string, string]> = [
    ['empty string', '', 'corrupted'],
    ['whitespace', '  \n', 'corrupted'],
    ['truncated JSON', good.slice(0, Math.floor(good.length / 2)), 'corrupted'],
    ['truncated by one character', good.slice(0, -1), 'corrupted'],
    ['wrong checksum', good.replace(/"checksum":"sha256:[0-9a-f]{8}/, '"checksum":"sha256:00000000'), 'corrupted'],
    ['edited payload, old checksum', withPayload((p) => { p.events[1].value = 'withdrawn'; }, false), 'corrupted'],
    ['a refusal edited into a grant, old checksum', good.replace('"value":"refused"', '"value":"granted"'), 'corrupted'],
    ['events not an array', withPayload((p) => { (p as Record<string, unknown>).events = {}; }), 'corrupted'],
    ['sync column too short', withPayload((p) => { p.sync = p.sync.slice(1); }), 'corrupted'],
    ['unknown sync code', withPayload((p) => { p.sync = 'sxl'; }), 'corrupted'],
    ['event with a number as value', withPayload((p) => { p.events[1].value = 1; }), 'corrupted'],
    ['event with a purpose that is not a purpose', withPayload((p) => { p.events[1].purpose = 'Every Thing'; }), 'corrupted'],
    ['event with an extra field', withPayload((p) => { p.events[0].admin = true; }), 'corrupted'],
    ['duplicate event id', withPayload((p) => { p.events[2].id = p.events[1].id; }), 'corrupted'],
    ['schema not a number', good.replace(`"schema":${LEDGER_SCHEMA_VERSION}`, '"schema":"1"'), 'corrupted'],
    ['future schema', good.replace(`"schema":${LEDGER_SCHEMA_VERSION}`, '"schema":99'), 'future-version'],
    ['another format', JSON.stringify({ format: 'someone-else', schema: 1 }), 'foreign'],
    ['a JSON array', '[1,2,3]', 'foreign'],
    ['a JSON string', '"granted"', 'foreign'],
    ['plain text', 'hello', 'foreign'],
    ['huge value', `{"format":"${LEDGER_FORMAT}","x":"${'a'.repeat(LEDGER_MAX_CHARS)}"}`, 'corrupted'],
  ];

  it.each(matrix)('classifies %s without throwing', (_name, blob, expected) => {
    let result: ReturnType<typeof decodeLedger> | undefined;
    expect(() => {
      result = decodeLedger(blob);
    }).not.toThrow();
    expect(result!.status).toBe(expected);
    expect('entries' in result!).toBe(false);
  });

  it('classifies a non-string value as foreign', () => {
    expect(decodeLedger({ a: 1 } as unknown as string).status).toBe('foreign');
  });
});
