import { CANCELLATION_STATUSES, DEVICE_ID_PATTERN, type CancellationRequest, type CancellationResponse, type Lang, type LoginResponse } from '../domain/contract';
import type { LedgerEntry } from '../domain/ledger';
import { decodeLedger, encodeLedger } from '../domain/ledgerCodec';
import type { PolicyDocument } from '../domain/policy';
import type { ServedLists } from '../domain/servedLists';
import { policyMetaProblem, type PolicyMeta } from '../domain/policyVersions';
import type { StoragePort } from '../ports';

/**
 * The module's one persistence seam: every storage key it owns, what each holds, and how a stored
 * value is checked when read. Stores read and write through `Persistence`; none builds a key or
 * parses a stored value itself.
 */

/** Default prefix of every storage key the module owns. */
export const DEFAULT_KEY_PREFIX = 'privacy.';

/** The two wipes: a sign-out, and the account's deletion (cancellation completed, or 410). */
export type Wipe = 'sign-out' | 'cancellation';

/**
 * A stored value as read: usable, absent, or present but unusable (damaged or written by someone
 * else). An unusable value is never taken for data; `kind` says why (for the ledger, its codec's status).
 */
export type Decoded<T> =
  | { status: 'ok'; value: T }
  | { status: 'absent' }
  | { status: 'invalid'; kind: 'corrupted' | 'foreign' | 'future-version'; reason: string; raw: string };

type Invalid = Extract<Decoded<never>, { status: 'invalid' }>;

export interface KeySpec<T> {
  /** Holds data about the shopper; wiped on the account's deletion. */
  personal: boolean;
  /** The wipes that remove it: every personal key goes on cancellation, some on sign-out too. */
  wipedOn: readonly Wipe[];
  /** A key of an earlier release, outside the prefix, whose value is copied over once when read. */
  legacyKey?: string;
  decode(raw: string): Decoded<T>;
  encode(value: T): string;
}

/** A pending sign-out: a token the server has not been told is signed out (AccountStore). */
export interface PendingSignOut {
  token: string;
  scope: 'this-device' | 'everywhere';
  signedOutAt: string;
  expiresAt: string;
}

/** What the cancellation store keeps: the last known request and an unanswered attempt. */
export interface StoredCancellation {
  latest: CancellationResponse | null;
  attempt: { key: string; request: CancellationRequest } | null;
}

/** The kept-aside copy of an unreadable ledger. */
export interface LedgerQuarantine {
  status: string;
  reason: string;
  detectedAt: string;
  length: number;
  blob: string;
}

/** The last known policy version (PolicyUpdateStore). */
export interface StoredPolicyMeta {
  meta: PolicyMeta;
  etag: string | null;
  /** Newest non-material version whose notice the shopper dismissed. */
  noticeSeen: number | null;
  /** Newest scheduled version whose advance notice the shopper dismissed. */
  upcomingSeen: number | null;
}

/** The last good policy content; its schema and hash are checked by the store before use. */
export interface StoredPolicyContent {
  version: number;
  contentHash: string;
  document: PolicyDocument;
}

/** The last good served lists and consent texts; checked in depth by the store before use. */
export interface StoredPolicyLists {
  lists: ServedLists;
  etag: string | null;
}

/** The account that last signed in on this device, after its age step: a sign-out offers it again. */
export interface StoredMember {
  userId: string;
}

/** An "under 14" answer on this device: its day only (China time), never the birth date (AGE_REFUSAL_DAYS). */
export interface StoredAgeRefusal {
  refusedOn: string;
}

/** The demo profile, kept on the device only. */
export interface StoredProfile {
  nickname: string;
  phone: string;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isString = (v: unknown): v is string => typeof v === 'string';
const ok = <T>(value: T): Decoded<T> => ({ status: 'ok', value });
const bad = (raw: string, kind: Invalid['kind'], reason: string): Invalid => ({ status: 'invalid', kind, reason, raw });

/** A JSON value: unparseable is `corrupted`, parsed but not what `check` accepts is `foreign`. */
function json<T>(check: (v: unknown) => T | null): Pick<KeySpec<T>, 'decode' | 'encode'> {
  return {
    decode(raw) {
      let v: unknown;
      try {
        v = JSON.parse(raw);
      } catch {
        return bad(raw, 'corrupted', 'not JSON');
      }
      const value = check(v);
      return value === null ? bad(raw, 'foreign', 'unexpected shape') : ok(value);
    },
    encode: (value) => JSON.stringify(value),
  };
}

/** A plain string value matching `re`. */
function text<T extends string>(re: RegExp): Pick<KeySpec<T>, 'decode' | 'encode'> {
  return { decode: (raw) => (re.test(raw) ? ok(raw as T) : bad(raw, 'foreign', 'unexpected value')), encode: (value) => value };
}

const isPendingSignOut = (v: unknown): v is PendingSignOut =>
  isRecord(v) && isString(v.token) && (v.scope === 'this-device' || v.scope === 'everywhere') && isString(v.signedOutAt) && isString(v.expiresAt);

function checkResponse(v: unknown): CancellationResponse | null {
  if (!isRecord(v) || !isString(v.id) || !isString(v.requestedAt)) return null;
  if (!(CANCELLATION_STATUSES as readonly string[]).includes(v.status as string)) return null;
  return v as unknown as CancellationResponse;
}

function checkAttempt(v: unknown): StoredCancellation['attempt'] {
  if (!isRecord(v) || !isString(v.key) || !isRecord(v.request)) return null;
  const r = v.request;
  if (r.confirm !== true || !isString(r.code) || (r.reason !== undefined && !isString(r.reason))) return null;
  return { key: v.key, request: { confirm: true, code: r.code, ...(isString(r.reason) ? { reason: r.reason } : {}) } };
}

const NONE: readonly Wipe[] = [];
const BOTH: readonly Wipe[] = ['sign-out', 'cancellation'];
const DELETION: readonly Wipe[] = ['cancellation'];

/**
 * Every storage key the module owns, under its `keyPrefix`. The package README's inventory lists
 * them with what each holds (a test compares); the descriptions stay there, out of the main package.
 */
export const STORAGE_KEYS = Object.freeze({
  // Random, made on first run and kept across accounts: a new one would split the ledger's history.
  deviceId: { personal: false, wipedOn: NONE, ...text(new RegExp(DEVICE_ID_PATTERN)) },
  lang: { personal: false, wipedOn: NONE, legacyKey: 'lang', ...text<Lang>(/^(zh|en)$/) },
  // The shopper's decisions, kept across sign-outs (unsent ones still have to reach the server).
  ledger: {
    personal: true,
    wipedOn: DELETION,
    decode: (raw: string): Decoded<readonly LedgerEntry[]> => {
      const d = decodeLedger(raw);
      if (d.status === 'ok') return ok(d.entries);
      if (d.status === 'empty') return { status: 'absent' };
      return bad(raw, d.status, d.status === 'future-version' ? `schema ${d.schema}` : d.reason);
    },
    encode: encodeLedger,
  },
  'ledger.quarantine': {
    personal: true,
    wipedOn: DELETION,
    ...json<LedgerQuarantine>((v) => (isRecord(v) && isString(v.blob) ? (v as unknown as LedgerQuarantine) : null)),
  },
  session: {
    personal: true,
    wipedOn: BOTH,
    ...json<LoginResponse>((v) => (isRecord(v) && isString(v.token) && isString(v.userId) && isString(v.expiresAt) ? (v as unknown as LoginResponse) : null)),
  },
  // Kept across sign-outs: the shopper signs in again with one tap, not asked their age again.
  member: {
    personal: true,
    wipedOn: DELETION,
    ...json<StoredMember>((v) => (isRecord(v) && isString(v.userId) && v.userId !== '' ? { userId: v.userId } : null)),
  },
  // No account goes with it (none was made): it holds AGE_REFUSAL_DAYS and is removed when read after.
  ageRefusal: {
    personal: false,
    wipedOn: NONE,
    ...json<StoredAgeRefusal>((v) => (isRecord(v) && isString(v.refusedOn) && /^\d{4}-\d{2}-\d{2}$/.test(v.refusedOn) ? { refusedOn: v.refusedOn } : null)),
  },
  // Tokens already signed out, kept until the server is told: a wipe must not revive the sessions.
  signOuts: {
    personal: false,
    wipedOn: NONE,
    ...json<PendingSignOut[]>((v) => (Array.isArray(v) ? v.filter(isPendingSignOut) : null)),
  },
  profile: {
    personal: true,
    wipedOn: BOTH,
    ...json<StoredProfile>((v) => (isRecord(v) ? { nickname: isString(v.nickname) ? v.nickname : '', phone: isString(v.phone) ? v.phone : '' } : null)),
  },
  'policy.meta': {
    personal: false,
    wipedOn: NONE,
    ...json<StoredPolicyMeta>((v) =>
      isRecord(v) && policyMetaProblem(v.meta) === null
        ? {
            meta: v.meta as PolicyMeta,
            etag: isString(v.etag) ? v.etag : null,
            noticeSeen: typeof v.noticeSeen === 'number' ? v.noticeSeen : null,
            upcomingSeen: typeof v.upcomingSeen === 'number' ? v.upcomingSeen : null,
          }
        : null,
    ),
  },
  'policy.content': {
    personal: false,
    wipedOn: NONE,
    ...json<StoredPolicyContent>((v) => (isRecord(v) && Number.isInteger(v.version) && isString(v.contentHash) && isRecord(v.document) ? (v as unknown as StoredPolicyContent) : null)),
  },
  'policy.lists': {
    personal: false,
    wipedOn: NONE,
    ...json<StoredPolicyLists>((v) => (isRecord(v) && isRecord(v.lists) ? { lists: v.lists as unknown as ServedLists, etag: isString(v.etag) ? v.etag : null } : null)),
  },
  cancellation: {
    personal: true,
    wipedOn: DELETION,
    ...json<StoredCancellation>((v) => (isRecord(v) ? { latest: checkResponse(v.latest), attempt: checkAttempt(v.attempt) } : null)),
  },
} satisfies Record<string, Omit<KeySpec<unknown>, 'encode'> & { encode(value: never): string }>);

export type StorageKeyName = keyof typeof STORAGE_KEYS;
type Registry = typeof STORAGE_KEYS;
/** The value a key holds once decoded. */
export type StoredValue<K extends StorageKeyName> = Registry[K] extends { encode(value: infer T): string } ? T : never;

const spec = <K extends StorageKeyName>(name: K) => STORAGE_KEYS[name] as unknown as KeySpec<StoredValue<K>>;

/** The full storage key of a registry entry under `prefix`. */
export function storageKey(prefix: string, name: StorageKeyName): string {
  return prefix + name;
}

/** The keys a wipe removes, in registry order. */
export function wipedKeys(wipe: Wipe): StorageKeyName[] {
  return (Object.keys(STORAGE_KEYS) as StorageKeyName[]).filter((k) => (STORAGE_KEYS[k].wipedOn as readonly Wipe[]).includes(wipe));
}

/** Reads and writes the module's keys over the storage port, under one prefix. */
export class Persistence {
  constructor(
    readonly storage: StoragePort,
    readonly prefix: string = DEFAULT_KEY_PREFIX,
  ) {}

  /** The full storage key of a registry entry. */
  key(name: StorageKeyName): string {
    return storageKey(this.prefix, name);
  }

  /** Reads and checks a value. Rejects only when storage cannot be read. */
  async read<K extends StorageKeyName>(name: K): Promise<Decoded<StoredValue<K>>> {
    const s = spec(name);
    const raw = await this.storage.get(this.key(name));
    if (raw !== null) return s.decode(raw);
    if (s.legacyKey === undefined) return { status: 'absent' };
    // An earlier release kept it outside the prefix: a usable value is copied over once. The old key
    // is left as it is (the host app may own a key of that name).
    const legacy = await this.storage.get(s.legacyKey);
    const d = legacy === null ? null : s.decode(legacy);
    if (d?.status !== 'ok') return { status: 'absent' };
    await this.storage.set(this.key(name), legacy!);
    return d;
  }

  /** The value, or `null` when absent or unusable. */
  async value<K extends StorageKeyName>(name: K): Promise<StoredValue<K> | null> {
    const d = await this.read(name);
    return d.status === 'ok' ? d.value : null;
  }

  write<K extends StorageKeyName>(name: K, value: StoredValue<K>): Promise<void> {
    return this.storage.set(this.key(name), spec(name).encode(value));
  }

  remove(name: StorageKeyName): Promise<void> {
    return this.storage.remove(this.key(name));
  }

  /** Removes every key the registry lists for `wipe`, and only those. */
  async wipe(wipe: Wipe): Promise<void> {
    for (const name of wipedKeys(wipe)) await this.remove(name);
  }
}
