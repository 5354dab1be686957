/**
 * The authorisation ledger: append-only decisions reduced to the current state.
 * Pure TypeScript, shared by the mini-program and the server.
 */
import {
  ledgerEventProblem,
  type Capability,
  type ConsentPurpose,
  type ConsentState,
  type LedgerEvent,
  type PermissionValue,
} from './contract';

/** Where a local ledger entry stands with the backend. */
export const SYNC_STATUSES = Object.freeze(['local', 'pending', 'synced'] as const);
/**
 * `local`: taken before the shopper agreed to the policy; never sent.
 * `pending`: waiting in the outbox. `synced`: the server has it.
 */
export type SyncStatus = (typeof SYNC_STATUSES)[number];

/** One event of the local ledger with its sync status. */
export interface LedgerEntry {
  event: LedgerEvent;
  sync: SyncStatus;
}

/** Permission values that count as the shopper saying no (they start the no-prompt period). */
export const PERMISSION_REFUSALS: readonly PermissionValue[] = Object.freeze(['denied', 'blocked', 'not-now'] as const);

/** Sizes that keep the stored ledger far below WeChat's 1 MB per key. */
export const LEDGER_LIMITS = Object.freeze({
  /** Compaction runs once the ledger holds more entries than this. */
  compactAbove: 500,
  /** Beyond this many unsent entries, superseded unsent decisions are folded too. */
  maxPending: 2000,
});

/** A state with no decision at all: everything is "ask again". */
export function emptyConsentState(): ConsentState {
  return { policy: null, consents: {}, permissions: {} };
}

/** Applies one event to a state, in place. */
function apply(state: ConsentState, e: LedgerEvent): void {
  switch (e.kind) {
    case 'policy':
      // "shown" is history, not a decision: it never replaces an acceptance or a refusal.
      if (e.value !== 'shown' || state.policy === null || state.policy.value === 'shown') {
        state.policy = { value: e.value, version: e.policyVersion, at: e.occurredAt };
      }
      return;
    case 'consent':
      state.consents[e.purpose] = { value: e.value, at: e.occurredAt };
      return;
    case 'permission': {
      const device = state.permissions[e.deviceId] ?? (state.permissions[e.deviceId] = {});
      device[e.purpose] = { value: e.value, at: e.occurredAt };
      return;
    }
  }
}

/**
 * Reduces events, in ledger order, to the current decisions. Ledger order is the order of
 * recording (the server's receive sequence), not `occurredAt`: a wrong device clock cannot bury
 * a withdrawal. Later events win, so a withdrawal beats any earlier grant.
 */
export function reduceLedger(events: readonly LedgerEvent[]): ConsentState {
  const state = emptyConsentState();
  for (const e of events) apply(state, e);
  return state;
}

/** True when the policy agreement is in force (for whatever version was accepted). */
export function isPolicyAccepted(state: ConsentState): boolean {
  return state.policy !== null && state.policy.value === 'accepted';
}

/** The policy version the shopper accepted, or null when none is in force. */
export function acceptedPolicyVersion(state: ConsentState): number | null {
  return isPolicyAccepted(state) ? state.policy!.version : null;
}

/** The latest policy decision, an acceptance or a refusal ("shown" is history, not a decision), or null. */
export function latestPolicyDecision(events: readonly LedgerEvent[]): LedgerEvent | null {
  for (let i = events.length - 1; i >= 0; i--) {
    const e = events[i];
    if (e.kind === 'policy' && e.value !== 'shown') return e;
  }
  return null;
}

/**
 * True when the latest policy decision is a refusal given on the re-consent sheet: the shopper
 * had agreed to an earlier version and said no to a material change (not a first-run refusal, nor
 * a withdrawal in the privacy centre).
 */
export function refusedPolicyUpdate(events: readonly LedgerEvent[]): boolean {
  const d = latestPolicyDecision(events);
  return d !== null && d.value === 'refused' && d.source === 'reconsent-sheet';
}

/** True when exactly `version` is accepted: an acceptance counts only for its own version. */
export function policyAcceptedFor(state: ConsentState, version: number): boolean {
  return acceptedPolicyVersion(state) === version;
}

/** True when the latest decision on `purpose` is a grant. Unknown means no. */
export function hasConsent(state: ConsentState, purpose: ConsentPurpose): boolean {
  return state.consents[purpose]?.value === 'granted';
}

/**
 * The `textHash` of the latest grant of `purpose`: the words the shopper agreed to. Null when never
 * granted, or granted by a client that sent no hash (the words are not known then).
 */
export function grantedTextHash(events: readonly LedgerEvent[], purpose: ConsentPurpose): string | null {
  for (let i = events.length - 1; i >= 0; i--) {
    const e = events[i];
    if (e.kind === 'consent' && e.purpose === purpose && e.value === 'granted') return e.textHash ?? null;
  }
  return null;
}

/** The latest recorded permission value of a capability on one device, or null if never recorded. */
export function permissionValue(state: ConsentState, deviceId: string, capability: Capability): PermissionValue | null {
  return state.permissions[deviceId]?.[capability]?.value ?? null;
}

/**
 * Epoch ms of the latest refusal (denied, blocked, not now) of a capability, optionally on one
 * device; null when never refused. Drives the "no new prompt for 48 h" rule.
 */
export function lastRefusalAt(events: readonly LedgerEvent[], capability: Capability, deviceId?: string): number | null {
  for (let i = events.length - 1; i >= 0; i--) {
    const e = events[i];
    if (e.kind !== 'permission' || e.purpose !== capability) continue;
    if (deviceId !== undefined && e.deviceId !== deviceId) continue;
    if (PERMISSION_REFUSALS.includes(e.value)) {
      const t = Date.parse(e.occurredAt);
      return Number.isNaN(t) ? null : t;
    }
  }
  return null;
}

/**
 * Whether an event may ever leave the device: only decisions taken under the policy agreement —
 * the acceptance itself, everything while it holds, and the refusal that ends it. Decisions taken
 * before the shopper agreed stay on the device for good.
 */
export function isShareable(stateBefore: ConsentState, event: LedgerEvent): boolean {
  if (isPolicyAccepted(stateBefore)) return true;
  return event.kind === 'policy' && event.value === 'accepted';
}

/** Sync status a newly recorded event gets, given the state before it. */
export function initialSyncStatus(stateBefore: ConsentState, event: LedgerEvent): SyncStatus {
  return isShareable(stateBefore, event) ? 'pending' : 'local';
}

/**
 * Compaction key. Events with the same key supersede each other in the reduction, except that
 * a policy "shown" does not replace a decision and a permission refusal is kept for
 * `lastRefusalAt`: those get their own class so the latest of each survives.
 */
function compactionKey(e: LedgerEvent): string {
  let cls = '';
  if (e.kind === 'policy') cls = e.value === 'shown' ? 'shown' : 'decision';
  else if (e.kind === 'permission') cls = PERMISSION_REFUSALS.includes(e.value) ? 'refusal' : 'other';
  return `${e.kind}|${e.purpose}|${e.deviceId}|${cls}`;
}

/**
 * Drops superseded history: keeps the latest entry per (kind, purpose, device, class) and every
 * entry still waiting to be sent, in their original order. The reduced state is unchanged.
 * With `foldPending`, superseded unsent entries are dropped too (last resort against the
 * storage limit; the server then misses intermediate decisions but never the latest one).
 */
export function compactLedger(entries: readonly LedgerEntry[], options: { foldPending?: boolean } = {}): LedgerEntry[] {
  const latest = new Map<string, number>();
  entries.forEach((entry, i) => latest.set(compactionKey(entry.event), i));
  return entries.filter(
    (entry, i) => latest.get(compactionKey(entry.event)) === i || (entry.sync === 'pending' && !options.foldPending),
  );
}

/** Compacts when the ledger grew past its limits; returns the same array when nothing to do. */
export function compactIfNeeded(entries: readonly LedgerEntry[]): readonly LedgerEntry[] {
  if (entries.length <= LEDGER_LIMITS.compactAbove) return entries;
  const compacted = compactLedger(entries);
  const pending = compacted.filter((e) => e.sync === 'pending').length;
  return pending > LEDGER_LIMITS.maxPending ? compactLedger(compacted, { foldPending: true }) : compacted;
}

const EVENT_FIELDS = Object.freeze(['id', 'kind', 'purpose', 'value', 'policyVersion', 'deviceId', 'occurredAt', 'source', 'textHash'] as const);

/**
 * The event fields of a value (the server adds `seq` and `receivedAt`), or null when the result
 * is not a valid event.
 */
export function eventFields(value: unknown): LedgerEvent | null {
  if (typeof value !== 'object' || value === null) return null;
  const src = value as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const k of EVENT_FIELDS) if (k in src) out[k] = src[k];
  return ledgerEventProblem(out) === null ? (out as unknown as LedgerEvent) : null;
}

/**
 * Merges the server's history into the local ledger. Server events already known locally are
 * anchors; unknown ones (another device, or history lost locally) are inserted right after the
 * anchor that precedes them in the server's sequence, so both orders are respected. Every event
 * the server holds ends up `synced` (this also settles a batch whose answer was lost).
 */
export function mergeServerEvents(local: readonly LedgerEntry[], server: readonly LedgerEvent[]): LedgerEntry[] {
  server = server.map(eventFields).filter((e): e is LedgerEvent => e !== null);
  const localIds = new Set(local.map((e) => e.event.id));
  const serverIds = new Set(server.map((e) => e.id));
  const START = '';
  const inserts = new Map<string, LedgerEvent[]>();
  let anchor = START;
  const seen = new Set<string>();
  for (const e of server) {
    if (seen.has(e.id)) continue;
    seen.add(e.id);
    if (localIds.has(e.id)) {
      anchor = e.id;
    } else {
      const group = inserts.get(anchor) ?? [];
      group.push(e);
      inserts.set(anchor, group);
    }
  }
  const out: LedgerEntry[] = [];
  const pushGroup = (key: string) => {
    for (const event of inserts.get(key) ?? []) out.push({ event, sync: 'synced' });
  };
  pushGroup(START);
  for (const entry of local) {
    out.push(serverIds.has(entry.event.id) ? { event: entry.event, sync: 'synced' } : entry);
    pushGroup(entry.event.id);
  }
  return out;
}
