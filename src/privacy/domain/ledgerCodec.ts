/**
 * How the local ledger is written to storage: an envelope with a format name, a schema version
 * and a checksum, and a decoder that classifies whatever it finds instead of trusting it.
 */
import { ledgerEventProblem, type LedgerEvent } from './contract';
import { sha256Hex } from './hash';
import type { LedgerEntry, SyncStatus } from './ledger';
import { ledgerChecksum } from './ledgerChecksum';

/** Marks a blob as ours; anything else under the key is foreign. */
export const LEDGER_FORMAT = 'shop-privacy.ledger';
/**
 * Current schema of the stored ledger. 1: SHA-256 checksum (still read: a phone may hold one
 * until its next write). 2: MurmurHash3 x86 128-bit checksum (`ledgerChecksum.ts` says why), the
 * payload as in schema 1.
 */
export const LEDGER_SCHEMA_VERSION = 2;
/** WeChat refuses values over 1 MB per key: a longer blob cannot have been written by us. */
export const LEDGER_MAX_CHARS = 1024 * 1024;

/** Outcome classes of reading a stored ledger. */
export const LEDGER_DECODE_STATUSES = Object.freeze(['ok', 'empty', 'corrupted', 'future-version', 'foreign'] as const);
export type LedgerDecodeStatus = (typeof LEDGER_DECODE_STATUSES)[number];

/** What `decodeLedger` found. Only `ok` carries entries; every other class means "rebuild". */
export type LedgerDecodeResult =
  | { status: 'ok'; entries: LedgerEntry[] }
  | { status: 'empty' }
  | { status: 'corrupted'; reason: string }
  | { status: 'future-version'; schema: number }
  | { status: 'foreign'; reason: string };

// One character per entry keeps the status column small.
const SYNC_CODE: Readonly<Record<SyncStatus, string>> = Object.freeze({ local: 'l', pending: 'p', synced: 's' });

/**
 * How each schema this module reads writes its checksum: a name before the hex digits, their
 * count, and the function over the payload's text as it lies in the blob. Only the current
 * schema is ever written.
 */
interface ChecksumRule {
  schema: number;
  name: string;
  digits: number;
  sum(text: string, start: number, end: number): string;
}
const CURRENT: ChecksumRule = { schema: LEDGER_SCHEMA_VERSION, name: 'murmur3-128', digits: 32, sum: ledgerChecksum };
const CHECKSUM_RULES: readonly ChecksumRule[] = [CURRENT, { schema: 1, name: 'sha256', digits: 64, sum: sha256Hex }];

interface Payload {
  sync: string;
  events: LedgerEvent[];
}

/** Serialises ledger entries for storage. */
export function encodeLedger(entries: readonly LedgerEntry[]): string {
  const payload: Payload = {
    sync: entries.map((e) => SYNC_CODE[e.sync]).join(''),
    events: entries.map((e) => e.event),
  };
  const payloadJson = JSON.stringify(payload);
  // The envelope is assembled by hand so the checksummed text is exactly what sits in storage.
  return `${envelopeStart(CURRENT)}${CURRENT.sum(payloadJson, 0, payloadJson.length)}${BEFORE_PAYLOAD}${payloadJson}}`;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

// What every blob of a schema holds before and after the hex digits of its checksum: the payload
// is the text from there to the closing brace, exactly the text hashed.
function envelopeStart(rule: ChecksumRule): string {
  return `{"format":${JSON.stringify(LEDGER_FORMAT)},"schema":${rule.schema},"checksum":"${rule.name}:`;
}
const BEFORE_PAYLOAD = '","payload":';
const LAYOUTS = CHECKSUM_RULES.map((rule) => ({ rule, start: envelopeStart(rule), hex: new RegExp(`^[0-9a-f]{${rule.digits}}$`) }));

/**
 * Reads a stored blob. Never throws: the result says whether the ledger can be trusted, and
 * anything but `ok`/`empty` must be kept aside and the state rebuilt.
 *
 * The checksum is over the payload's text as it lies in the blob (what `encodeLedger` hashed), so
 * it is checked before anything is parsed and nothing is serialised again: a blob of a known schema
 * laid out other than as `encodeLedger` writes it (or wrote it, for schema 1) was not written by
 * this module and is `corrupted`.
 */
export function decodeLedger(blob: string | null | undefined): LedgerDecodeResult {
  if (blob === null || blob === undefined) return { status: 'empty' };
  if (typeof blob !== 'string') return { status: 'foreign', reason: 'not a string' };
  if (blob.trim() === '') return { status: 'corrupted', reason: 'blank value' };
  if (blob.length > LEDGER_MAX_CHARS) return { status: 'corrupted', reason: `too large (${blob.length} characters)` };

  for (const { rule, start, hex } of LAYOUTS) {
    if (!blob.startsWith(start)) continue;
    const at = start.length;
    const from = at + rule.digits + BEFORE_PAYLOAD.length;
    const to = blob.length - 1;
    if (!blob.startsWith(BEFORE_PAYLOAD, at + rule.digits) || blob.charCodeAt(to) !== 125 /* } */ || to < from) break;
    const checksum = blob.slice(at, at + rule.digits);
    if (!hex.test(checksum)) return { status: 'corrupted', reason: 'checksum' };
    if (rule.sum(blob, from, to) !== checksum) return { status: 'corrupted', reason: 'checksum mismatch' };
    let payload: unknown;
    try {
      payload = JSON.parse(blob.slice(from, to));
    } catch {
      return { status: 'corrupted', reason: 'unreadable JSON' };
    }
    if (!isRecord(payload)) return { status: 'corrupted', reason: 'payload' };
    return decodePayload(payload);
  }
  return classifyOther(blob);
}

/** A blob that does not start as a known schema's blobs do: what it is, for the quarantine record. */
function classifyOther(blob: string): Exclude<LedgerDecodeResult, { status: 'ok' | 'empty' }> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(blob);
  } catch {
    // A truncated write of ours still starts with our format marker.
    return blob.includes(LEDGER_FORMAT)
      ? { status: 'corrupted', reason: 'unreadable JSON (truncated?)' }
      : { status: 'foreign', reason: 'not JSON' };
  }
  if (!isRecord(parsed) || parsed.format !== LEDGER_FORMAT) {
    return { status: 'foreign', reason: 'unknown format' };
  }
  const { schema } = parsed;
  if (typeof schema !== 'number' || !Number.isInteger(schema) || schema < 1) {
    return { status: 'corrupted', reason: 'schema version' };
  }
  if (schema > LEDGER_SCHEMA_VERSION) return { status: 'future-version', schema };
  if (typeof parsed.checksum !== 'string') return { status: 'corrupted', reason: 'checksum missing' };
  if (!isRecord(parsed.payload)) return { status: 'corrupted', reason: 'payload' };
  return { status: 'corrupted', reason: 'not laid out as encodeLedger writes it' };
}

function decodePayload(payload: Record<string, unknown>): LedgerDecodeResult {
  const { sync, events } = payload;
  const extra = Object.keys(payload).find((k) => k !== 'sync' && k !== 'events');
  if (extra !== undefined) return { status: 'corrupted', reason: `unknown payload field ${extra}` };
  if (typeof sync !== 'string' || !Array.isArray(events) || sync.length !== events.length) {
    return { status: 'corrupted', reason: 'payload types' };
  }
  // One pass: each event checked by the contract's compiled rules, its id against those before
  // it, its sync code read as a character code.
  const ids = new IdTable(events as LedgerEvent[]);
  const entries: LedgerEntry[] = new Array<LedgerEntry>(events.length);
  for (let i = 0; i < events.length; i++) {
    const event = events[i] as LedgerEvent;
    const problem = ledgerEventProblem(event);
    if (problem !== null) return { status: 'corrupted', reason: `event ${i}: ${problem}` };
    if (!ids.add(i)) return { status: 'corrupted', reason: `event ${i}: duplicate id` };
    const code = sync.charCodeAt(i);
    const status: SyncStatus | undefined = code === 115 ? 'synced' : code === 112 ? 'pending' : code === 108 ? 'local' : undefined;
    if (status === undefined) return { status: 'corrupted', reason: `event ${i}: sync status` };
    entries[i] = { event, sync: status };
  }
  return { status: 'ok', entries };
}

/**
 * The 32-bit hash `decodeLedger` files event ids under for its duplicate check (exported for its
 * tests): FNV-1a over the code units, then a final mix so that the low bits (the slot) depend on
 * all of them. Ids with equal hashes are still told apart by their text.
 */
export function idHash(id: string): number {
  let h = 0x811c9dc5;
  for (let k = 0; k < id.length; k++) h = Math.imul(h ^ id.charCodeAt(k), 0x01000193);
  h ^= h >>> 15;
  h = Math.imul(h, 0x2c1b3c6d);
  return h ^ (h >>> 12);
}

/**
 * The ids met so far, for the duplicate check: an open-addressing table sized once for all of the
 * ledger's ids, holding each id's 32-bit hash and its event's index, the texts compared only when
 * the hashes are equal. A `Set` grows a dozen times over 5,000 ids, and each new table it allocates
 * while the parsed ledger is live brings the garbage collector to copy that ledger; two typed
 * arrays allocated once do not.
 */
class IdTable {
  private readonly mask: number;
  private readonly hashes: Int32Array;
  /** Index + 1 of the event whose id fills the slot; 0 when empty. */
  private readonly slots: Int32Array;

  constructor(private readonly events: readonly { id: string }[]) {
    let size = 16;
    while (size < events.length * 2) size *= 2;
    this.mask = size - 1;
    this.hashes = new Int32Array(size);
    this.slots = new Int32Array(size);
  }

  /** Adds the id of event `i`; false when an earlier event has the same id. */
  add(i: number): boolean {
    const id = this.events[i].id;
    const h = idHash(id);
    for (let slot = h & this.mask; ; slot = (slot + 1) & this.mask) {
      const at = this.slots[slot];
      if (at === 0) {
        this.hashes[slot] = h;
        this.slots[slot] = i + 1;
        return true;
      }
      if (this.hashes[slot] === h && this.events[at - 1].id === id) return false;
    }
  }
}
