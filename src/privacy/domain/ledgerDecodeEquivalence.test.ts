/**
 * The ledger's read path was made fast (checksum over the stored text, compiled event rules, one
 * pass), then its checksum changed (schema 2). These tests keep the earlier decoder of schema 1
 * and event check as they were written, and hold the current ones to them: whatever the earlier
 * ones rejected, the current ones reject, for the same reason, in a schema 1 blob and in a schema 2
 * blob of the same payload. The differences on purpose: a blob laid out otherwise than
 * `encodeLedger` writes it is no longer re-serialised to check its checksum, it is `corrupted`;
 * and schema 2 is no longer a future version.
 */
import fc from 'fast-check';
import {
  CAPABILITIES,
  DEVICE_ID_PATTERN,
  EVENT_ID_PATTERN,
  EVENT_KINDS,
  EVENT_SOURCES,
  ledgerEventProblem,
  PURPOSE_PATTERN,
  PURPOSES_BY_KIND,
  VALUES_BY_KIND,
  type EventKind,
  type LedgerEvent,
} from './contract';
import { sha256Hex } from './hash';
import { ledgerChecksum } from './ledgerChecksum';
import type { LedgerEntry, SyncStatus } from './ledger';
import { decodeLedger, encodeLedger, LEDGER_FORMAT, LEDGER_MAX_CHARS, type LedgerDecodeResult } from './ledgerCodec';

// ---- The earlier implementations, verbatim but for names ----

/** The schema the earlier decoder knew. */
const SCHEMA_BEFORE = 1;

const isIn = (set: readonly string[], v: unknown): boolean => typeof v === 'string' && set.includes(v);
const PURPOSE_RE = new RegExp(PURPOSE_PATTERN);
const ID_RE = new RegExp(EVENT_ID_PATTERN);
const DEVICE_RE = new RegExp(DEVICE_ID_PATTERN);

function ledgerEventProblemBefore(e: unknown): string | null {
  if (typeof e !== 'object' || e === null || Array.isArray(e)) return 'not an object';
  const o = e as Record<string, unknown>;
  const allowed = ['id', 'kind', 'purpose', 'value', 'policyVersion', 'deviceId', 'occurredAt', 'source'];
  const extra = Object.keys(o).find((k) => !allowed.includes(k));
  if (extra) return `unknown field ${extra}`;
  if (typeof o.id !== 'string' || !ID_RE.test(o.id)) return 'id';
  if (!isIn(EVENT_KINDS, o.kind)) return 'kind';
  const kind = o.kind as EventKind;
  if (kind === 'consent' ? typeof o.purpose !== 'string' || !PURPOSE_RE.test(o.purpose) : !isIn(PURPOSES_BY_KIND[kind], o.purpose)) return 'purpose';
  if (!isIn(VALUES_BY_KIND[kind], o.value)) return 'value';
  if (typeof o.policyVersion !== 'number' || !Number.isInteger(o.policyVersion) || o.policyVersion < 1 || o.policyVersion > 2147483647) return 'policyVersion';
  if (typeof o.deviceId !== 'string' || !DEVICE_RE.test(o.deviceId)) return 'deviceId';
  if (typeof o.occurredAt !== 'string' || Number.isNaN(Date.parse(o.occurredAt))) return 'occurredAt';
  if (!isIn(EVENT_SOURCES, o.source)) return 'source';
  return null;
}

const SYNC_FROM_CODE: Readonly<Record<string, SyncStatus>> = Object.freeze({ l: 'local', p: 'pending', s: 'synced' });
const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function decodeLedgerBefore(blob: string | null | undefined): LedgerDecodeResult {
  if (blob === null || blob === undefined) return { status: 'empty' };
  if (typeof blob !== 'string') return { status: 'foreign', reason: 'not a string' };
  if (blob.trim() === '') return { status: 'corrupted', reason: 'blank value' };
  if (blob.length > LEDGER_MAX_CHARS) return { status: 'corrupted', reason: `too large (${blob.length} characters)` };
  let parsed: unknown;
  try {
    parsed = JSON.parse(blob);
  } catch {
    return blob.includes(LEDGER_FORMAT) ? { status: 'corrupted', reason: 'unreadable JSON (truncated?)' } : { status: 'foreign', reason: 'not JSON' };
  }
  if (!isRecord(parsed) || parsed.format !== LEDGER_FORMAT) return { status: 'foreign', reason: 'unknown format' };
  const { schema } = parsed;
  if (typeof schema !== 'number' || !Number.isInteger(schema) || schema < 1) return { status: 'corrupted', reason: 'schema version' };
  if (schema > SCHEMA_BEFORE) return { status: 'future-version', schema };
  if (typeof parsed.checksum !== 'string') return { status: 'corrupted', reason: 'checksum missing' };
  if (!isRecord(parsed.payload)) return { status: 'corrupted', reason: 'payload' };
  if (`sha256:${sha256Hex(JSON.stringify(parsed.payload))}` !== parsed.checksum) return { status: 'corrupted', reason: 'checksum mismatch' };
  const { sync, events } = parsed.payload;
  const extra = Object.keys(parsed.payload).find((k) => k !== 'sync' && k !== 'events');
  if (extra !== undefined) return { status: 'corrupted', reason: `unknown payload field ${extra}` };
  if (typeof sync !== 'string' || !Array.isArray(events) || sync.length !== events.length) return { status: 'corrupted', reason: 'payload types' };
  const ids = new Set<string>();
  const entries: LedgerEntry[] = [];
  for (let i = 0; i < events.length; i++) {
    const problem = ledgerEventProblemBefore(events[i]);
    if (problem !== null) return { status: 'corrupted', reason: `event ${i}: ${problem}` };
    const event = events[i] as LedgerEvent;
    if (ids.has(event.id)) return { status: 'corrupted', reason: `event ${i}: duplicate id` };
    ids.add(event.id);
    const status = SYNC_FROM_CODE[sync[i]];
    if (status === undefined) return { status: 'corrupted', reason: `event ${i}: sync status` };
    entries.push({ event, sync: status });
  }
  return { status: 'ok', entries };
}

// ---- Generators ----

const pick = <T>(xs: readonly T[]) => fc.constantFrom(...xs);
/** Consent purposes are open: any of the pattern's (an app narrows them elsewhere). */
const CONSENT_PURPOSES = ['marketing', 'tracking-analytics', 'guardian', 'member-news', 'a', `p${'x'.repeat(39)}`] as const;
const idLike = fc.stringMatching(/^[A-Za-z0-9_-]{8,20}$/);
const isoTime = fc.date({ min: new Date('1970-01-01T00:00:00Z'), max: new Date('2199-12-31T23:59:59Z'), noInvalidDate: true }).map((d) => d.toISOString());
/** Times every way a stored event might carry one: canonical, other forms Date.parse reads, and not times. */
const anyTime = fc.oneof(
  isoTime,
  fc.constantFrom(
    '2024-02-29T12:00:00.000Z', '2023-02-29T12:00:00.000Z', '2100-02-29T00:00:00.000Z', '2000-02-29T00:00:00.000Z',
    '2026-04-31T00:00:00.000Z', '2026-12-31T23:59:59.999Z', '2026-13-01T00:00:00.000Z', '2026-00-10T00:00:00.000Z',
    '2026-01-00T00:00:00.000Z', '2026-01-32T00:00:00.000Z', '2026-01-01T24:00:00.000Z', '2026-01-01T23:60:00.000Z',
    '2026-01-01T23:59:60.000Z', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00.000+08:00', '2026-01-01', 'Jan 1 2026',
    '2026-01-01t00:00:00.000z', '+002026-01-01T00:00:00.000Z', '0000-01-01T00:00:00.000Z', '9999-12-31T23:59:59.999Z',
    '2026-01-01T00:00:00.0000Z', '２０２６-01-01T00:00:00.000Z', '', 'yesterday', ' 2026-01-01T00:00:00.000Z',
  ),
  fc.tuple(fc.integer({ min: 0, max: 9999 }), fc.integer({ min: 0, max: 19 }), fc.integer({ min: 0, max: 39 }), fc.integer({ min: 0, max: 29 }), fc.integer({ min: 0, max: 69 }), fc.integer({ min: 0, max: 69 })).map(
    ([y, mo, d, h, mi, s]) => `${String(y).padStart(4, '0')}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}T${String(h).padStart(2, '0')}:${String(mi).padStart(2, '0')}:${String(s).padStart(2, '0')}.000Z`,
  ),
);
const anyValue = fc.oneof(
  fc.constantFrom<unknown>(null, true, 0, 1, -1, 1.5, 2147483647, 2147483648, '1', '', [], {}, 'policy', 'consent', 'permission', 'granted', 'accepted', 'denied', 'marketing', 'camera', 'feature', 'wechat', 'toString', '__proto__', 'constructor', 'Marketing', '1st', `p${'x'.repeat(40)}`, 'has space', 'dealer_sharing'),
  pick([...CONSENT_PURPOSES, ...CAPABILITIES, ...EVENT_SOURCES]),
  idLike,
  anyTime,
  fc.string({ maxLength: 12 }),
);
const FIELDS = ['id', 'kind', 'purpose', 'value', 'policyVersion', 'deviceId', 'occurredAt', 'source'] as const;

const validEvent: fc.Arbitrary<Record<string, unknown>> = fc
  .tuple(
    fc.oneof(
      fc.record({ kind: fc.constant('policy'), purpose: fc.constant('policy'), value: pick(VALUES_BY_KIND.policy) }),
      fc.record({ kind: fc.constant('consent'), purpose: fc.oneof(pick(CONSENT_PURPOSES), fc.stringMatching(new RegExp(PURPOSE_PATTERN))), value: pick(VALUES_BY_KIND.consent) }),
      fc.record({ kind: fc.constant('permission'), purpose: pick(PURPOSES_BY_KIND.permission), value: pick(VALUES_BY_KIND.permission) }),
    ),
    idLike,
    idLike,
    fc.integer({ min: 1, max: 2147483647 }),
    pick(EVENT_SOURCES),
    isoTime,
  )
  .map(([kpv, id, deviceId, policyVersion, source, occurredAt]) => ({ id, ...kpv, policyVersion, deviceId, occurredAt, source }));

type Edit = (e: Record<string, unknown>) => Record<string, unknown>;
const edit: fc.Arbitrary<Edit> = fc.oneof(
  fc.tuple(pick(FIELDS), anyValue).map(([k, v]): Edit => (e) => ({ ...e, [k]: v })),
  pick(FIELDS).map((k): Edit => (e) => {
    const { [k]: _gone, ...rest } = e;
    return rest;
  }),
  fc.tuple(fc.constantFrom('admin', 'extra', '0', '__proto__', 'constructor', 'toString', 'ID'), anyValue).map(([k, v]): Edit => (e) => {
    const out = { ...e };
    Object.defineProperty(out, k, { value: v, enumerable: true, configurable: true, writable: true });
    return out;
  }),
  fc.constant<Edit>((e) => Object.fromEntries(Object.entries(e).reverse())),
  fc.constant<Edit>((e) => Object.assign(Object.create({ admin: true, id: 'inherited-0001' }), e)),
);
const anyEvent = fc.tuple(validEvent, fc.array(edit, { maxLength: 3 })).map(([e, edits]) => edits.reduce((acc, f) => f(acc), e));

// ---- Event check ----

describe('ledgerEventProblem, compiled', () => {
  it('gives the same answer as before for any event, valid or damaged', () => {
    fc.assert(
      fc.property(anyEvent, (e) => {
        expect(ledgerEventProblem(e)).toBe(ledgerEventProblemBefore(e));
      }),
      { numRuns: 5000 },
    );
  });

  it('gives the same answer as before for values that are not events at all', () => {
    for (const v of [null, undefined, 0, 'event', [], [1], new Date(0), Object.create(null), { length: 8 }]) {
      expect(ledgerEventProblem(v)).toBe(ledgerEventProblemBefore(v));
    }
  });

  it('reads every time of the forms it is given as Date.parse does', () => {
    fc.assert(
      fc.property(anyTime, (occurredAt) => {
        const e = { id: 'event-0001', kind: 'policy', purpose: 'policy', value: 'shown', policyVersion: 1, deviceId: 'device-0001', occurredAt, source: 'feature' };
        expect(ledgerEventProblem(e) === null).toBe(!Number.isNaN(Date.parse(occurredAt)));
      }),
      { numRuns: 3000 },
    );
  });
});

// ---- Decoder ----

const entryOf = (event: Record<string, unknown>, i: number): LedgerEntry => ({ event: event as unknown as LedgerEvent, sync: (['local', 'pending', 'synced'] as const)[i % 3] });
const CODES: Readonly<Record<SyncStatus, string>> = { local: 'l', pending: 'p', synced: 's' };
/** A payload's text as the earlier encoder wrote it (schema 2 keeps it); the sync column as `entryOf` gives it unless told. */
const payloadOf = (events: readonly unknown[], sync = events.map((_, i) => 'lps'[i % 3]).join('')) => JSON.stringify({ sync, events });
const envelope = (schema: number, checksum: string, payload: string) => `{"format":${JSON.stringify(LEDGER_FORMAT)},"schema":${schema},"checksum":"${checksum}","payload":${payload}}`;
/** A schema 1 blob as the earlier encoder wrote it, of any events, valid or not (the checksum is right). */
const blobOf = (events: Record<string, unknown>[], sync?: string) => {
  const payload = payloadOf(events, sync);
  return envelope(1, `sha256:${sha256Hex(payload)}`, payload);
};
/** The same payload in schema 2, as `encodeLedger` writes it (and with any sync column, valid or not). */
const v2Of = (events: Record<string, unknown>[], sync?: string) => {
  const payload = payloadOf(events, sync);
  const blob = envelope(2, `murmur3-128:${ledgerChecksum(payload)}`, payload);
  if (sync === undefined) expect(encodeLedger(events.map(entryOf))).toBe(blob);
  return blob;
};
/** Both schemas of one payload read as the earlier decoder read the schema 1 blob. */
const same = (events: Record<string, unknown>[], sync?: string) => {
  const before = decodeLedgerBefore(blobOf(events, sync));
  expect(decodeLedger(blobOf(events, sync))).toEqual(before);
  expect(decodeLedger(v2Of(events, sync))).toEqual(before);
};

describe('decodeLedger, one pass over the stored text', () => {
  it('decodes what the earlier decoder decoded, and rejects what it rejected, for the same reason', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof({ weight: 4, arbitrary: validEvent }, { weight: 1, arbitrary: anyEvent }), { maxLength: 8 }), (events) => same(events)),
      { numRuns: 2000 },
    );
  });

  it('rejects duplicate ids and bad sync columns as before', () => {
    fc.assert(
      fc.property(fc.array(validEvent, { minLength: 2, maxLength: 6 }), fc.nat(), fc.nat(), fc.string({ maxLength: 8 }), (events, i, j, sync) => {
        const copy = events.map((e) => ({ ...e }));
        copy[i % copy.length].id = copy[j % copy.length].id;
        same(copy);
        same(events, sync);
        same(events, 'lps'.repeat(events.length).slice(0, events.length));
      }),
      { numRuns: 1000 },
    );
  });

  it('classifies any damage to a stored blob as before', () => {
    const good = blobOf([
      { id: 'event-0001', kind: 'policy', purpose: 'policy', value: 'accepted', policyVersion: 1, deviceId: 'device-0001', occurredAt: '2026-01-01T00:00:00.000Z', source: 'first-run-sheet' },
      { id: 'event-0002', kind: 'consent', purpose: 'marketing', value: 'refused', policyVersion: 1, deviceId: 'device-0001', occurredAt: '2026-01-02T00:00:00.000Z', source: 'feature' },
    ]);
    const damage = fc.oneof(
      // a character replaced, a run removed, text inserted, the end cut off
      fc.tuple(fc.nat(), fc.string({ minLength: 1, maxLength: 1, unit: 'binary' })).map(([at, c]) => (s: string) => s.slice(0, at % s.length) + c + s.slice((at % s.length) + 1)),
      fc.tuple(fc.nat(), fc.nat({ max: 40 })).map(([at, n]) => (s: string) => s.slice(0, at % s.length) + s.slice((at % s.length) + n)),
      fc.tuple(fc.nat(), fc.string({ minLength: 1, maxLength: 6 })).map(([at, t]) => (s: string) => s.slice(0, at % s.length) + t + s.slice(at % s.length)),
      fc.nat().map((n) => (s: string) => s.slice(0, n % s.length)),
      fc.constantFrom(
        (s: string) => s.replace('"refused"', '"granted"'),
        (s: string) => s.replace('"schema":1', '"schema":3'),
        (s: string) => s.replace('"schema":1', '"schema":0'),
        (s: string) => s.replace('"schema":1', '"schema":1.0'),
        (s: string) => s.replace('"checksum":"sha256:', '"checksum":"SHA256:'),
        (s: string) => s.replace(/"checksum":"[^"]*",/, ''),
        (s: string) => s.replace('"payload":', '"payload":[],"x":'),
        (s: string) => `${s} `,
        (s: string) => `\n${s}`,
        (s: string) => s.replace('"schema":', '"schema": '),
        (s: string) => s.replace('"events":', '"events" :'),
      ),
    );
    fc.assert(
      fc.property(damage, (f) => {
        const blob = f(good);
        const now = decodeLedger(blob);
        const before = decodeLedgerBefore(blob);
        if (now.status === 'ok') expect(now).toEqual(before);
        else if (before.status === 'ok') {
          // Only whitespace or layout the earlier decoder re-serialised away: not a blob this module wrote.
          expect(blob).not.toBe(blobOf(before.entries.map((e) => e.event as unknown as Record<string, unknown>), before.entries.map((e) => CODES[e.sync]).join('')));
          expect(now.status).toBe('corrupted');
        } else if (before.status === 'future-version' && before.schema === 2) {
          // Schema 2 is this release's: a schema 1 blob relabelled 2 does not carry its checksum.
          expect(now).toEqual({ status: 'corrupted', reason: 'not laid out as encodeLedger writes it' });
        } else expect(now.status).toBe(before.status);
      }),
      { numRuns: 3000 },
    );
  });

  it('no longer re-serialises a blob laid out otherwise: re-indented or reordered, it is corrupted', () => {
    const good = blobOf([{ id: 'event-0001', kind: 'policy', purpose: 'policy', value: 'accepted', policyVersion: 1, deviceId: 'device-0001', occurredAt: '2026-01-01T00:00:00.000Z', source: 'first-run-sheet' }]);
    const parsed = JSON.parse(good);
    for (const blob of [
      JSON.stringify(parsed, null, 2),
      JSON.stringify({ schema: parsed.schema, format: parsed.format, checksum: parsed.checksum, payload: parsed.payload }),
      ` ${good}`,
    ]) {
      expect(decodeLedgerBefore(blob).status).toBe('ok');
      expect(decodeLedger(blob)).toEqual({ status: 'corrupted', reason: 'not laid out as encodeLedger writes it' });
    }
    // Laid out as written but with text around the payload: the checksum covers the text, so it fails.
    for (const blob of [JSON.stringify({ ...parsed, note: 'x' }), `${good.slice(0, -1)} }`, good.replace('"payload":', '"payload": ')]) {
      expect(decodeLedgerBefore(blob).status).toBe('ok');
      expect(decodeLedger(blob)).toEqual({ status: 'corrupted', reason: 'checksum mismatch' });
    }
    // What a storage adapter hands on after a round trip through an object is the same text.
    expect(decodeLedger(JSON.stringify(parsed))).toEqual(decodeLedgerBefore(good));
  });
});
