import type { LedgerEvent } from './contract';
import type { LedgerEntry } from './ledger';
import { sha256Hex } from './hash';
import { ledgerChecksum } from './ledgerChecksum';
import { decodeLedger, encodeLedger, idHash, LEDGER_FORMAT, LEDGER_MAX_CHARS, LEDGER_SCHEMA_VERSION } from './ledgerCodec';
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
    expect(parsed.checksum).toBe(`murmur3-128:${ledgerChecksum(JSON.stringify(parsed.payload))}`);
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
      o.checksum = `murmur3-128:${ledgerChecksum(text)}`;
    }
    return JSON.stringify(o);
  };

  const matrix: Array<[string, string, string]> = [
    ['empty string', '', 'corrupted'],
    ['whitespace', '  \n', 'corrupted'],
    ['truncated JSON', good.slice(0, Math.floor(good.length / 2)), 'corrupted'],
    ['truncated by one character', good.slice(0, -1), 'corrupted'],
    ['wrong checksum', good.replace(/"checksum":"murmur3-128:[0-9a-f]{8}/, '"checksum":"murmur3-128:00000000'), 'corrupted'],
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

  it('tells thousands of distinct ids apart, and finds a repeated one at its first repeat', () => {
    const many = (ids: string[]): LedgerEntry[] => ids.map((id) => ({ event: { ...entries[1].event, id }, sync: 'synced' }));
    // Ids alike but for one character, of every length, and random ones.
    let seed = 7;
    const random = () => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return seed.toString(36);
    };
    const ids = [
      ...Array.from({ length: 2000 }, (_, i) => `evt-${String(i).padStart(10, '0')}`),
      ...Array.from({ length: 1000 }, (_, i) => `${'a'.repeat(8 + (i % 50))}${String.fromCharCode(65 + (i % 26))}${Math.floor(i / 26)}`),
      ...Array.from({ length: 1500 }, () => `r-${random()}-${random()}`),
    ];
    expect(new Set(ids).size).toBe(ids.length);
    const d = decodeLedger(encodeLedger(many(ids)));
    expect(d.status).toBe('ok');
    if (d.status === 'ok') expect(d.entries.map((e) => e.event.id)).toEqual(ids);
    for (const [first, again] of [[0, 1], [0, 4499], [1999, 2000], [2500, 2999], [3000, 4499], [4498, 4499]]) {
      const copy = [...ids];
      copy[again] = copy[first];
      // A later repeat of another id must not be the one reported.
      if (again < 4499) copy[4499] = copy[again + 1];
      expect([first, again, decodeLedger(encodeLedger(many(copy)))]).toEqual([first, again, { status: 'corrupted', reason: `event ${again}: duplicate id` }]);
    }
  });

  it('does not take two ids with the same hash for a repeat', () => {
    // Found by counting through `evt-` ids in base 36: the first two whose hashes are equal.
    const [a, b] = ['evt-00003uzx', 'evt-0000a2ad'];
    expect(idHash(a)).toBe(idHash(b));
    expect(a).not.toBe(b);
    const d = decodeLedger(encodeLedger([a, b].map((id) => ({ event: { ...entries[1].event, id }, sync: 'synced' as const }))));
    expect(d.status).toBe('ok');
    expect(decodeLedger(encodeLedger([a, b, a].map((id) => ({ event: { ...entries[1].event, id }, sync: 'synced' as const }))))).toEqual({ status: 'corrupted', reason: 'event 2: duplicate id' });
  });

  it('writes schema 2, whose checksum is half the length of schema 1’s', () => {
    expect(LEDGER_SCHEMA_VERSION).toBe(2);
    expect(good).toMatch(/^\{"format":"shop-privacy\.ledger","schema":2,"checksum":"murmur3-128:[0-9a-f]{32}","payload":\{"sync":"spl","events":\[/);
  });

  it('finds every truncation and every one-character edit of a schema 2 blob', () => {
    const payloadAt = good.indexOf('"payload":') + '"payload":'.length;
    for (let n = 0; n < good.length; n++) {
      const d = decodeLedger(good.slice(0, n));
      // Cut before the format name is spelt out, the text is not recognisably ours.
      expect([n, d.status]).toEqual([n, n > 0 && n < `{"format":"${LEDGER_FORMAT}`.length ? 'foreign' : 'corrupted']);
    }
    for (let i = payloadAt; i < good.length - 1; i++) {
      for (const c of ['x', '1', ' ', '"']) {
        if (good[i] === c) continue;
        expect([i, c, decodeLedger(good.slice(0, i) + c + good.slice(i + 1))]).toEqual([i, c, { status: 'corrupted', reason: 'checksum mismatch' }]);
      }
      expect([i, decodeLedger(good.slice(0, i) + good.slice(i + 1)).status]).toEqual([i, 'corrupted']);
    }
  });

  it('does not take one schema’s checksum under the other’s number', () => {
    const relabelled = (blob: string, from: number, to: number) => blob.replace(`"schema":${from}`, `"schema":${to}`);
    expect(decodeLedger(relabelled(good, 2, 1))).toEqual({ status: 'corrupted', reason: 'not laid out as encodeLedger writes it' });
    expect(decodeLedger(relabelled(STORED_V1, 1, 2))).toEqual({ status: 'corrupted', reason: 'not laid out as encodeLedger writes it' });
    expect(decodeLedger(good.replace('"checksum":"murmur3-128:', '"checksum":"sha256:'))).toEqual({ status: 'corrupted', reason: 'not laid out as encodeLedger writes it' });
  });
});

/** A ledger exactly as the previous release stored it (schema 1, SHA-256 checksum). */
const STORED_V1 =
  '{"format":"shop-privacy.ledger","schema":1,"checksum":"sha256:5e2cbf6fdf82de38ec274ebb36b6538c960d9a1cca4a9f5d382b88619553d94a","payload":{"sync":"spls","events":[{"id":"evt-v1-0000001","kind":"policy","purpose":"policy","value":"accepted","policyVersion":3,"deviceId":"device-0001","occurredAt":"2026-03-01T08:00:00.000Z","source":"first-run-sheet"},{"id":"evt-v1-0000002","kind":"consent","purpose":"marketing","value":"granted","policyVersion":3,"deviceId":"device-0001","occurredAt":"2026-03-01T08:00:05.000Z","source":"privacy-centre"},{"id":"evt-v1-0000003","kind":"permission","purpose":"camera","value":"denied","policyVersion":3,"deviceId":"device-0001","occurredAt":"2026-03-01T08:01:00.000Z","source":"feature"},{"id":"evt-v1-0000004","kind":"consent","purpose":"member-news","value":"refused","policyVersion":3,"deviceId":"device-0001","occurredAt":"2026-03-02T09:30:00.000Z","source":"feature"}]}}';

const STORED_V1_PAYLOAD = STORED_V1.slice(STORED_V1.indexOf('"payload":') + '"payload":'.length, -1);
/** A schema 1 blob of any payload, checksummed as the previous release did. */
const v1WithPayload = (payload: string) => `{"format":"${LEDGER_FORMAT}","schema":1,"checksum":"sha256:${sha256Hex(payload)}","payload":${payload}}`;

describe('ledger codec: schema 1, as stored by the previous release', () => {
  it('the test’s schema 1 writer writes what the previous release wrote', () => {
    expect(v1WithPayload(STORED_V1_PAYLOAD)).toBe(STORED_V1);
  });

  it('is still read, entries and sync states as they were', () => {
    const d = decodeLedger(STORED_V1);
    expect(d.status).toBe('ok');
    if (d.status !== 'ok') return;
    expect(d.entries.map((e) => [e.event.id, e.event.kind, e.event.purpose, e.event.value, e.sync])).toEqual([
      ['evt-v1-0000001', 'policy', 'policy', 'accepted', 'synced'],
      ['evt-v1-0000002', 'consent', 'marketing', 'granted', 'pending'],
      ['evt-v1-0000003', 'permission', 'camera', 'denied', 'local'],
      ['evt-v1-0000004', 'consent', 'member-news', 'refused', 'synced'],
    ]);
    expect(d.entries[1].event).toEqual({ id: 'evt-v1-0000002', kind: 'consent', purpose: 'marketing', value: 'granted', policyVersion: 3, deviceId: 'device-0001', occurredAt: '2026-03-01T08:00:05.000Z', source: 'privacy-centre' });
  });

  it('is written back as schema 2 with the same entries', () => {
    const d = decodeLedger(STORED_V1);
    if (d.status !== 'ok') throw new Error(d.status);
    const again = encodeLedger(d.entries);
    expect(JSON.parse(again).schema).toBe(2);
    expect(JSON.parse(again).payload).toEqual(JSON.parse(STORED_V1).payload);
    expect(decodeLedger(again)).toEqual(d);
  });

  it('keeps its safety classes: truncated, edited, bad checksum, damaged event', () => {
    const cases: Array<[string, string, string, string?]> = [
      ['truncated by one character', STORED_V1.slice(0, -1), 'corrupted'],
      ['truncated by half', STORED_V1.slice(0, STORED_V1.length >> 1), 'corrupted', 'unreadable JSON (truncated?)'],
      ['a refusal edited into a grant', STORED_V1.replace('"value":"refused"', '"value":"granted"'), 'corrupted', 'checksum mismatch'],
      ['a synced event marked pending', STORED_V1.replace('"sync":"spls"', '"sync":"ppls"'), 'corrupted', 'checksum mismatch'],
      ['checksum digit changed', STORED_V1.replace('sha256:5e2c', 'sha256:5e2d'), 'corrupted', 'checksum mismatch'],
      ['checksum not hex', STORED_V1.replace('sha256:5e2c', 'sha256:5e2C'), 'corrupted', 'checksum'],
      ['re-indented', JSON.stringify(JSON.parse(STORED_V1), null, 1), 'corrupted', 'not laid out as encodeLedger writes it'],
      ['an event damaged, checksum made to match', v1WithPayload(STORED_V1_PAYLOAD.replace('"value":"denied"', '"value":"maybe"')), 'corrupted', 'event 2: value'],
      ['an event repeated, checksum made to match', v1WithPayload(STORED_V1_PAYLOAD.replace('"id":"evt-v1-0000004"', '"id":"evt-v1-0000001"')), 'corrupted', 'event 3: duplicate id'],
      ['future schema', STORED_V1.replace('"schema":1', '"schema":3'), 'future-version'],
      ['another format', STORED_V1.replace('shop-privacy.ledger', 'shop-privacy.basket'), 'foreign'],
    ];
    for (const [name, blob, status, reason] of cases) {
      const d = decodeLedger(blob);
      expect([name, d.status]).toEqual([name, status]);
      if (reason !== undefined) expect([name, d]).toEqual([name, { status, reason }]);
    }
  });
});
