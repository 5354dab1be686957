import { computed, makeAutoObservable, observable, runInAction } from 'mobx';
import {
  ledgerEventProblem,
  type Capability,
  type ConsentPurpose,
  type ConsentState,
  type ConsentValue,
  type EventSource,
  type GetConsentsResponse,
  type LedgerEvent,
  type PermissionValue,
  type PolicyValue,
} from '../domain/contract';
import {
  acceptedPolicyVersion,
  compactIfNeeded,
  grantedTextHash,
  compactLedger,
  hasConsent,
  initialSyncStatus,
  lastRefusalAt,
  mergeServerEvents,
  permissionValue,
  reduceLedger,
  refusedPolicyUpdate,
  type LedgerEntry,
} from '../domain/ledger';
import type { LedgerDecodeStatus } from '../domain/ledgerCodec';
import { utf8Length } from '../domain/reveal';
import { markSynced as markEntriesSynced, type BackoffPolicy } from '../domain/outbox';
import {
  AccountDeletedError,
  StorageQuotaError,
  type ClockPort,
  type ConsentApiPort,
  type IdPort,
  type StoragePort,
  type TimerPort,
} from '../ports';
import { SyncOutbox, type FlushResult } from './SyncOutbox';
import { DEFAULT_KEY_PREFIX, Persistence, STORAGE_KEYS, storageKey, type Decoded, type LedgerQuarantine } from './persistence';

export { DEFAULT_KEY_PREFIX };

/** Storage keys used by the consent store under a prefix (from the storage registry). */
export function consentStorageKeys(prefix: string = DEFAULT_KEY_PREFIX) {
  return Object.freeze({
    ledger: storageKey(prefix, 'ledger'),
    /** The last unreadable ledger, kept for diagnosis. */
    quarantine: storageKey(prefix, 'ledger.quarantine'),
  });
}

/**
 * The kept-aside copy of an unreadable ledger is cut so its stored record stays under this many
 * bytes, far below WeChat's 1 MB per key (escaped control characters can take 6 bytes each).
 */
export const QUARANTINE_MAX_BYTES = 256 * 1024;

export interface ConsentStoreDeps {
  storage: StoragePort;
  clock: ClockPort;
  ids: IdPort;
  /** This installation's random id (see `loadDeviceId`). */
  deviceId: string;
  /** Backend; without it the ledger stays local. */
  api?: ConsentApiPort;
  /** Schedules outbox retries; without it retries wait for the next `sync()`. */
  timer?: TimerPort;
  /** [0, 1) source for retry jitter. Default Math.random. */
  random?: () => number;
  backoff?: BackoffPolicy;
  /** Storage key prefix. Default `privacy.`. */
  keyPrefix?: string;
  /** The consent purposes the app declares (`appPurposes`); another is refused. Default: any well-formed purpose. */
  purposes?: readonly string[];
  /** Send new shareable events at once when signed in. Default true. */
  autoSync?: boolean;
  /** The policy version in force, stamped on consent and permission events (PolicyUpdateStore.versionInForce). Default: the accepted one, else 1. */
  policyVersion?: () => number | null;
  /** The lowest accepted version that still counts (PolicyUpdateStore.requiredVersion). Default 1. */
  requiredPolicyVersion?: () => number;
  /** Whether the server said the account is deleted (CancellationStore.deletedAt): every gate stays closed meanwhile. Default: never. */
  isAccountDeleted?: () => boolean;
  /**
   * The hash of the words of `purpose` shown now (`consentTextHash`: the served text, else the
   * app's): stamped on each consent event as `textHash`, and compared with the grant's. Null, or
   * left out: events carry none and no grant counts as changed.
   */
  consentTextHash?: (purpose: ConsentPurpose) => string | null;
  /** Told once an agreement to the policy is recorded (the consents whose words changed are asked then). */
  onPolicyAccepted?: () => void;
  /** Told when the server says the account was deleted (410) and `isAccountDeleted` does not say so yet: wipe local data. */
  onAccountDeleted?: (completedAt: string | null) => void;
}

/** What `hydrate` found when the stored ledger could not be used. */
export interface LedgerRecovery {
  status: Exclude<LedgerDecodeStatus, 'ok' | 'empty'>;
  reason: string;
  /** When it was detected, ISO-8601. */
  at: string;
  /** Key the bad blob was copied to, or null when even that failed. */
  keptAs: string | null;
}

/** Raised when a consent is given before the policy is agreed (nothing is collected before it). */
export class PolicyNotAcceptedError extends Error {
  override name = 'PolicyNotAcceptedError';
}

/** Raised when a decision cannot form a valid ledger event (e.g. a malformed device id). */
export class InvalidLedgerEventError extends Error {
  override name = 'InvalidLedgerEventError';
}

type Draft =
  | { kind: 'policy'; purpose: 'policy'; value: PolicyValue; policyVersion: number; source: EventSource }
  | { kind: 'consent'; purpose: ConsentPurpose; value: ConsentValue; policyVersion: number; source: EventSource }
  | { kind: 'permission'; purpose: Capability; value: PermissionValue; policyVersion: number; source: EventSource };

/** Decisions that widen data use only take effect once durably recorded. */
function widens(e: LedgerEvent): boolean {
  return e.value === 'granted' || e.value === 'accepted';
}

/**
 * The shopper's policy agreement, separate consents and permission outcomes, as an append-only
 * ledger persisted through the storage port and synced through the outbox. Every write is an
 * explicit action that returns a promise and rejects (with `error` set) when the write fails.
 * `canTrack` is the one gate analytics and advertising code must pass.
 */
export class ConsentStore {
  /** The ledger in memory, oldest first. */
  entries: readonly LedgerEntry[] = [];
  isLoading = false;
  /** True once the stored ledger was read (or found unusable and set aside). */
  isHydrated = false;
  isSaving = false;
  /** The last failure of a read or write; cleared by the next successful write. */
  error: Error | null = null;
  /** Set when the stored ledger was unusable: the state was rebuilt as "ask again". */
  recovery: LedgerRecovery | null = null;
  readonly outbox: SyncOutbox;

  /** The ledger as last written to storage: the outbox only ever sends these. */
  private saved: readonly LedgerEntry[] = [];
  private savingCount = 0;
  private hydration: Promise<LedgerDecodeStatus> | null = null;
  private writeChain: Promise<void> = Promise.resolve();
  /** Bumped by `clear()`: writes queued before it are dropped. */
  private generation = 0;
  private readonly keys: ReturnType<typeof consentStorageKeys>;
  private readonly store: Persistence;

  constructor(private readonly deps: ConsentStoreDeps) {
    this.store = new Persistence(deps.storage, deps.keyPrefix);
    this.keys = consentStorageKeys(deps.keyPrefix);
    this.outbox = new SyncOutbox({
      host: {
        savedEntries: () => this.saved,
        markSynced: (ids) => this.markSynced(ids),
        accountDeleted: (completedAt) => this.handleAccountDeleted(completedAt),
      },
      api: deps.api,
      clock: deps.clock,
      timer: deps.timer,
      random: deps.random,
      backoff: deps.backoff,
    });
    makeAutoObservable<ConsentStore, 'deps' | 'saved' | 'savingCount' | 'hydration' | 'writeChain' | 'generation' | 'keys' | 'store'>(
      this,
      {
        entries: observable.ref,
        // Kept alive: read outside reactions too (gates called from plain code), and the
        // reduction is only redone when the ledger changes.
        events: computed({ keepAlive: true }),
        state: computed({ keepAlive: true }),
        outbox: false,
        deps: false,
        saved: observable.ref,
        savingCount: false,
        hydration: false,
        writeChain: false,
        generation: false,
        keys: false,
        store: false,
      },
      { autoBind: true },
    );
  }

  /** This installation's device id. */
  get deviceId(): string {
    return this.deps.deviceId;
  }

  /** Every recorded decision, oldest first (the consent history). */
  get events(): readonly LedgerEvent[] {
    return this.entries.map((e) => e.event);
  }

  /** Current decisions reduced from the ledger. */
  get state(): ConsentState {
    return reduceLedger(this.events);
  }

  /** The accepted policy version, or null when none is in force. */
  get acceptedPolicyVersion(): number | null {
    return acceptedPolicyVersion(this.state);
  }

  /**
   * The agreement: an accepted version at or above the required one (`requiredPolicyVersion`)
   * is in force, and the account is not deleted. The gate and every feature read it here.
   */
  get isPolicyAccepted(): boolean {
    const v = this.acceptedPolicyVersion;
    return v !== null && v >= (this.deps.requiredPolicyVersion?.() ?? 1) && this.deps.isAccountDeleted?.() !== true;
  }

  /** True when the policy was refused (or the agreement withdrawn): browse-only mode. */
  get isPolicyRefused(): boolean {
    return this.state.policy?.value === 'refused';
  }

  /** True when the shopper's last word on the policy was a refusal of a material change on the re-consent sheet. */
  get isPolicyUpdateRefused(): boolean {
    return refusedPolicyUpdate(this.events);
  }

  /** True when exactly `version` is the accepted one. */
  isPolicyAcceptedFor(version: number): boolean {
    return this.acceptedPolicyVersion === version;
  }

  /** True when `purpose` may be used now: policy agreement in force, and the consent granted to the words shown now. */
  hasConsent(purpose: ConsentPurpose): boolean {
    return this.isGranted(purpose) && !this.textChanged(purpose);
  }

  /** True when the shopper's grant of `purpose` stands (policy agreement in force), whatever words it was given to: it can be withdrawn. */
  isGranted(purpose: ConsentPurpose): boolean {
    return this.isPolicyAccepted && hasConsent(this.state, purpose);
  }

  /**
   * True when `purpose` is granted to other words than those shown now (the hash of the last grant
   * differs from the current text's): the grant does not cover them, so it is asked again.
   */
  textChanged(purpose: ConsentPurpose): boolean {
    if (!hasConsent(this.state, purpose)) return false;
    const granted = grantedTextHash(this.events, purpose);
    const current = this.deps.consentTextHash?.(purpose) ?? null;
    return granted !== null && current !== null && granted !== current;
  }

  /** The one gate for non-essential tracking (a tracking category the app declares as a consent): false until consented, false again right after withdrawal. */
  canTrack(category: ConsentPurpose): boolean {
    return this.hasConsent(category);
  }

  /** Latest recorded permission value of a capability on this device, or null. */
  permission(capability: Capability): PermissionValue | null {
    return permissionValue(this.state, this.deps.deviceId, capability);
  }

  /** Epoch ms of the latest refusal of a capability on this device, or null. */
  lastRefusalAt(capability: Capability): number | null {
    return lastRefusalAt(this.events, capability, this.deps.deviceId);
  }

  /**
   * Whether the server has acknowledged every one of these events (`synced`), so the decision holds
   * there too and not only on this device. An id no longer in the ledger (compacted away after its
   * sync) counts as acknowledged.
   */
  isAcknowledged(eventIds: readonly string[]): boolean {
    const unsent = new Set(this.entries.filter((e) => e.sync !== 'synced').map((e) => e.event.id));
    return eventIds.every((id) => !unsent.has(id));
  }

  /** Events waiting to be sent. */
  get pendingCount(): number {
    return this.outbox.pending;
  }

  /**
   * Reads the stored ledger. Never rejects for bad data: a corrupted, foreign or future-version
   * blob is copied under the quarantine key, `recovery` says what happened and the state starts
   * empty ("ask again"; `reconcile()` rebuilds it from the server once signed in). When storage
   * cannot be read at all, `error` is set and the next write retries the read first, so an
   * unread ledger is never overwritten.
   */
  hydrate(): Promise<LedgerDecodeStatus> {
    if (this.hydration) return this.hydration;
    const generation = this.generation;
    this.isLoading = true;
    const run = (async (): Promise<LedgerDecodeStatus> => {
      let decoded: Decoded<readonly LedgerEntry[]>;
      try {
        decoded = await this.store.read('ledger');
      } catch (err) {
        runInAction(() => {
          this.error = toError(err);
          this.isLoading = false;
          this.hydration = null;
        });
        throw err;
      }
      if (decoded.status !== 'invalid') {
        const entries = decoded.status === 'ok' ? decoded.value : [];
        runInAction(() => {
          if (generation === this.generation) {
            this.entries = entries;
            this.saved = entries;
          }
          this.isHydrated = true;
          this.isLoading = false;
        });
        return decoded.status === 'ok' ? 'ok' : 'empty';
      }
      // A corrupted, foreign or future-version ledger: kept aside, and the state starts empty.
      const { kind: status, reason } = decoded;
      const keptAs = await this.quarantine(decoded.raw, status, reason);
      runInAction(() => {
        this.recovery = { status, reason, at: this.iso(), keptAs };
        this.entries = [];
        this.saved = [];
        this.isHydrated = true;
        this.isLoading = false;
      });
      return status;
    })();
    this.hydration = run;
    // The read failure is reported through `error` and the returned promise of this call only.
    run.catch(() => undefined);
    return run;
  }

  /** Copies a bad blob aside and removes it; returns the key used, or null when that failed. */
  private async quarantine(blob: string, status: string, reason: string): Promise<string | null> {
    const detectedAt = this.iso();
    const make = (kept: string): LedgerQuarantine => ({ status, reason, detectedAt, length: blob.length, blob: kept });
    const bytes = (r: LedgerQuarantine) => utf8Length(STORAGE_KEYS['ledger.quarantine'].encode(r));
    let record = make(blob);
    if (bytes(record) > QUARANTINE_MAX_BYTES) {
      // The longest start of the blob whose record fits.
      let lo = 0;
      let hi = Math.min(blob.length, QUARANTINE_MAX_BYTES);
      while (lo < hi) {
        const mid = Math.ceil((lo + hi) / 2);
        if (bytes(make(blob.slice(0, mid))) <= QUARANTINE_MAX_BYTES) lo = mid;
        else hi = mid - 1;
      }
      record = make(blob.slice(0, lo));
    }
    try {
      await this.store.write('ledger.quarantine', record);
    } catch {
      // Leaving the bad blob in place is harmless: it is re-detected until a valid write replaces it.
      return null;
    }
    try {
      await this.store.remove('ledger');
    } catch {
      // Same: the next write overwrites it.
    }
    return this.keys.quarantine;
  }

  /** Records the shopper's agreement to policy `version`; `onPolicyAccepted` follows once it is recorded. */
  async acceptPolicy(version: number, source: EventSource = 'first-run-sheet'): Promise<LedgerEvent> {
    const event = await this.record({ kind: 'policy', purpose: 'policy', value: 'accepted', policyVersion: version, source });
    this.deps.onPolicyAccepted?.();
    return event;
  }

  /** Records a refusal of policy `version` (browse-only mode follows). */
  refusePolicy(version: number, source: EventSource = 'first-run-sheet'): Promise<LedgerEvent> {
    return this.record({ kind: 'policy', purpose: 'policy', value: 'refused', policyVersion: version, source });
  }

  /** Records that the policy sheet or notice for `version` was shown. */
  recordPolicyShown(version: number, source: EventSource = 'first-run-sheet'): Promise<LedgerEvent> {
    return this.record({ kind: 'policy', purpose: 'policy', value: 'shown', policyVersion: version, source });
  }

  /**
   * Withdraws the policy agreement: back to browse-only. Every granted consent is withdrawn by its
   * own event first, so the server and a second device see data use stop as well.
   */
  withdrawPolicy(source: EventSource = 'privacy-centre'): Promise<LedgerEvent[]> {
    return this.recordAll(() => {
      const version = this.acceptedPolicyVersion ?? this.deps.policyVersion?.() ?? 1;
      const drafts: Draft[] = [];
      for (const [purpose, decision] of Object.entries(this.state.consents)) {
        if (decision?.value === 'granted') {
          drafts.push({ kind: 'consent', purpose: purpose as ConsentPurpose, value: 'withdrawn', policyVersion: this.stampVersion(), source });
        }
      }
      drafts.push({ kind: 'policy', purpose: 'policy', value: 'refused', policyVersion: version, source });
      return drafts;
    });
  }

  /** Records a separate consent or tracking category granted. Requires the policy agreement. */
  grant(purpose: ConsentPurpose, source: EventSource = 'feature'): Promise<LedgerEvent> {
    return this.whenHydrated(() => {
      if (!this.isPolicyAccepted) {
        return Promise.reject(new PolicyNotAcceptedError(`Cannot grant ${purpose} before the policy is agreed`));
      }
      return this.record({ kind: 'consent', purpose, value: 'granted', policyVersion: this.stampVersion(), source });
    });
  }

  /** Records a consent refused (shopper said no when asked). */
  refuse(purpose: ConsentPurpose, source: EventSource = 'feature'): Promise<LedgerEvent> {
    return this.record({ kind: 'consent', purpose, value: 'refused', policyVersion: this.stampVersion(), source });
  }

  /** Records a consent withdrawn; data use stops at once, even before the write completes. */
  withdraw(purpose: ConsentPurpose, source: EventSource = 'privacy-centre'): Promise<LedgerEvent> {
    return this.record({ kind: 'consent', purpose, value: 'withdrawn', policyVersion: this.stampVersion(), source });
  }

  /** Records a permission request or outcome for this device. */
  recordPermission(capability: Capability, value: PermissionValue, source: EventSource = 'feature'): Promise<LedgerEvent> {
    return this.record({ kind: 'permission', purpose: capability, value, policyVersion: this.stampVersion(), source });
  }

  /** Sends pending events now (ignoring any backoff wait). Never rejects; see `outbox.status`. */
  async sync(): Promise<FlushResult> {
    try {
      await this.ensureHydrated();
    } catch {
      // The read failure is already in `error`; nothing can be sent from an unread ledger.
      return { sent: 0, status: this.outbox.status };
    }
    return this.outbox.flush({ force: true });
  }

  /**
   * Merges the server's history (GET /v1/me/consents) into the ledger, so a second device or a
   * rebuilt store sees the same agreement and consents, then sends what is still pending.
   * Rejects (with `error` set) on failure; 410 also triggers the account-deleted signal.
   */
  async reconcile(): Promise<void> {
    const api = this.deps.api;
    if (!api || !api.hasSession()) return;
    await this.ensureHydrated();
    const generation = this.generation;
    let server: GetConsentsResponse;
    try {
      server = await api.getConsents();
    } catch (err) {
      runInAction(() => {
        this.error = toError(err);
      });
      if (err instanceof AccountDeletedError) this.handleAccountDeleted(err.completedAt);
      throw err;
    }
    if (generation !== this.generation) return;
    runInAction(() => {
      this.entries = compactIfNeeded(mergeServerEvents(this.entries, server.events));
      this.recovery = null;
    });
    await this.save(null);
    void this.outbox.flush({ force: true });
  }

  /** Wipes the ledger and the outbox, in memory and in storage (after account deletion). */
  async clear(): Promise<void> {
    this.generation++;
    this.outbox.reset();
    this.entries = [];
    this.saved = [];
    this.recovery = null;
    this.error = null;
    this.isHydrated = true;
    this.hydration = Promise.resolve<LedgerDecodeStatus>('empty');
    const wipe = async () => {
      await this.store.remove('ledger');
      await this.store.remove('ledger.quarantine');
    };
    const p = this.writeChain.then(wipe, wipe);
    this.writeChain = p.catch(() => undefined);
    try {
      await p;
    } catch (err) {
      runInAction(() => {
        this.error = toError(err);
      });
      throw err;
    }
  }

  private handleAccountDeleted(completedAt: string | null): void {
    if (this.deps.isAccountDeleted?.()) return;
    this.deps.onAccountDeleted?.(completedAt);
  }

  /** The current text's hash of a declared purpose; null for one the app does not declare (refused below). */
  private textHashOf(purpose: ConsentPurpose): string | null {
    if (this.deps.purposes !== undefined && !this.deps.purposes.includes(purpose)) return null;
    return this.deps.consentTextHash?.(purpose) ?? null;
  }

  private stampVersion(): number {
    return this.deps.policyVersion?.() ?? this.acceptedPolicyVersion ?? 1;
  }

  private iso(): string {
    return new Date(this.deps.clock.now()).toISOString();
  }

  private async ensureHydrated(): Promise<void> {
    if (!this.isHydrated) await this.hydrate();
  }

  /** Runs `fn` at once when hydrated (so decisions apply synchronously), else after hydrating. */
  private whenHydrated<T>(fn: () => Promise<T>): Promise<T> {
    if (this.isHydrated) return fn();
    return this.hydrate().then(() => {
      if (!this.isHydrated) throw new Error('The consent ledger was cleared while loading');
      return fn();
    });
  }

  private async record(draft: Draft): Promise<LedgerEvent> {
    return (await this.recordAll([draft]))[0];
  }

  /**
   * Appends events and applies them in memory synchronously (a withdrawal stops data use before
   * any I/O), writes the ledger, then lets the outbox send.
   */
  private recordAll(drafts: readonly Draft[] | (() => readonly Draft[])): Promise<LedgerEvent[]> {
    return this.whenHydrated(() => {
      const list = typeof drafts === 'function' ? drafts() : drafts;
      const events: LedgerEvent[] = list.map((d) => {
        // A consent event names the words it answers (PIPL art. 14): the text shown now.
        const textHash = d.kind === 'consent' ? this.textHashOf(d.purpose) : null;
        return {
          id: this.deps.ids.newId(),
          kind: d.kind,
          purpose: d.purpose,
          value: d.value,
          policyVersion: d.policyVersion,
          deviceId: this.deps.deviceId,
          occurredAt: this.iso(),
          source: d.source,
          ...(textHash === null ? {} : { textHash }),
        } as LedgerEvent;
      });
      for (const e of events) {
        const undeclared = e.kind === 'consent' && this.deps.purposes !== undefined && !this.deps.purposes.includes(e.purpose);
        const problem = undeclared ? `the app declares no consent "${e.purpose}"` : ledgerEventProblem(e);
        if (problem !== null) {
          const err = new InvalidLedgerEventError(`Invalid ledger event (${problem})`);
          runInAction(() => {
            this.error = err;
          });
          return Promise.reject(err);
        }
      }
      runInAction(() => {
        let state = this.state;
        const added: LedgerEntry[] = [];
        for (const event of events) {
          added.push({ event, sync: initialSyncStatus(state, event) });
          if (events.length > 1) state = reduceLedger([...this.events, ...added.map((a) => a.event)]);
        }
        this.entries = [...this.entries, ...added];
      });
      const rollback = new Set(events.filter(widens).map((e) => e.id));
      return this.save(rollback).then(() => {
        const ids = new Set(events.map((e) => e.id));
        if (this.deps.autoSync !== false && this.saved.some((s) => s.sync === 'pending' && ids.has(s.event.id))) {
          void this.outbox.flush();
        }
        return events;
      });
    });
  }

  /** Marks acknowledged ids synced and writes the ledger (the outbox's host call). */
  private async markSynced(ids: ReadonlySet<string>): Promise<void> {
    const next = markEntriesSynced(this.entries, ids);
    // Nothing to do only when memory already says synced *and* that is what storage holds: after a
    // failed write, the next acknowledgement must write again, or the batch is sent for ever.
    if (next === this.entries && this.saved === this.entries) return;
    runInAction(() => {
      this.entries = next;
    });
    await this.save(null);
  }

  /**
   * Writes the whole ledger after any earlier write. On failure the events in `rollback` (those
   * that widen data use) are taken out again; narrowing decisions stay in force in memory and
   * are written by the next successful save. Either way the error is set and rethrown.
   */
  private save(rollback: ReadonlySet<string> | null): Promise<void> {
    const generation = this.generation;
    runInAction(() => {
      this.savingCount++;
      this.isSaving = true;
    });
    const write = async () => {
      if (generation !== this.generation) return;
      if (!this.isHydrated) await this.hydrate();
      const compacted = compactIfNeeded(this.entries);
      if (compacted !== this.entries) {
        runInAction(() => {
          this.entries = compacted;
        });
      }
      let snapshot = this.entries;
      try {
        await this.store.write('ledger', snapshot);
      } catch (err) {
        if (!(err instanceof StorageQuotaError)) throw err;
        // Last resort before giving up: fold superseded unsent decisions too.
        snapshot = compactLedger(snapshot, { foldPending: true });
        await this.store.write('ledger', snapshot);
        runInAction(() => {
          this.entries = compactLedger(this.entries, { foldPending: true });
        });
      }
      if (generation !== this.generation) return;
      runInAction(() => {
        this.saved = snapshot;
        this.error = null;
      });
    };
    const p = this.writeChain.then(write, write);
    this.writeChain = p.catch(() => undefined);
    return p.then(
      () => this.doneSaving(),
      (err: unknown) => {
        runInAction(() => {
          this.error = toError(err);
          if (rollback && rollback.size > 0 && generation === this.generation) {
            this.entries = this.entries.filter((e) => !rollback.has(e.event.id));
          }
        });
        this.doneSaving();
        throw err;
      },
    );
  }

  private doneSaving(): void {
    this.savingCount--;
    this.isSaving = this.savingCount > 0;
  }
}

function toError(err: unknown): Error {
  return err instanceof Error ? err : new Error(String(err));
}
