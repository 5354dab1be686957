import type { LedgerEvent } from './contract';
import { appPurposes } from './app';
import { SHOP_PRIVACY } from '../../shop/privacy-content';

const CONSENT_PURPOSES = appPurposes(SHOP_PRIVACY);
import {
  acceptedPolicyVersion,
  compactIfNeeded,
  compactLedger,
  hasConsent,
  initialSyncStatus,
  isShareable,
  lastRefusalAt,
  LEDGER_LIMITS,
  mergeServerEvents,
  policyAcceptedFor,
  reduceLedger,
  type LedgerEntry,
} from './ledger';
import { encodeLedger } from './ledgerCodec';
import { ledgerEvent as ev } from '../testing/events';
import { seededRandom } from '../testing/ids';

const accepted = (version: number, extra: Partial<LedgerEvent> = {}) =>
  ev({ kind: 'policy', purpose: 'policy', value: 'accepted', policyVersion: version, ...extra } as Partial<LedgerEvent>);
const policy = (value: 'accepted' | 'refused' | 'shown', version = 1) =>
  ev({ kind: 'policy', purpose: 'policy', value, policyVersion: version } as Partial<LedgerEvent>);

describe('reduceLedger', () => {
  it('starts with no decision at all', () => {
    expect(reduceLedger([])).toEqual({ policy: null, consents: {}, permissions: {} });
  });

  it('lets a later event win and a withdrawal beat an earlier grant', () => {
    const s = reduceLedger([
      accepted(1),
      ev({ purpose: 'marketing', value: 'granted' }),
      ev({ purpose: 'marketing', value: 'withdrawn' }),
    ]);
    expect(s.consents.marketing?.value).toBe('withdrawn');
    expect(hasConsent(s, 'marketing')).toBe(false);
  });

  it('follows ledger order, not the device clock: a withdrawal with an older timestamp still wins', () => {
    const grant = ev({ purpose: 'personalisation', value: 'granted', occurredAt: '2026-03-01T00:00:00.000Z' });
    const withdrawal = ev({ purpose: 'personalisation', value: 'withdrawn', occurredAt: '2025-01-01T00:00:00.000Z' });
    expect(hasConsent(reduceLedger([grant, withdrawal]), 'personalisation')).toBe(false);
    expect(hasConsent(reduceLedger([withdrawal, grant]), 'personalisation')).toBe(true);
  });

  it('keeps consents independent of each other', () => {
    const s = reduceLedger([ev({ purpose: 'marketing', value: 'granted' }), ev({ purpose: 'cross-border', value: 'refused' })]);
    expect(hasConsent(s, 'marketing')).toBe(true);
    expect(hasConsent(s, 'cross-border')).toBe(false);
    expect(hasConsent(s, 'dealer-sharing')).toBe(false);
  });

  it('counts a policy acceptance only for its own version', () => {
    const s = reduceLedger([accepted(2)]);
    expect(acceptedPolicyVersion(s)).toBe(2);
    expect(policyAcceptedFor(s, 2)).toBe(true);
    expect(policyAcceptedFor(s, 3)).toBe(false);
    expect(policyAcceptedFor(s, 1)).toBe(false);
  });

  it('treats a refusal after an acceptance as the end of the agreement', () => {
    const s = reduceLedger([accepted(1), policy('refused', 1)]);
    expect(acceptedPolicyVersion(s)).toBeNull();
    expect(s.policy?.value).toBe('refused');
  });

  it('never lets "shown" replace a decision, but records it when nothing was decided', () => {
    expect(acceptedPolicyVersion(reduceLedger([accepted(1), policy('shown', 2)]))).toBe(1);
    expect(reduceLedger([policy('refused', 1), policy('shown', 2)]).policy?.value).toBe('refused');
    expect(reduceLedger([policy('shown', 1)]).policy).toMatchObject({ value: 'shown', version: 1 });
    expect(acceptedPolicyVersion(reduceLedger([policy('shown', 1)]))).toBeNull();
  });

  it('keeps permissions per device', () => {
    const s = reduceLedger([
      ev({ kind: 'permission', purpose: 'camera', value: 'granted', deviceId: 'device-aaaa' } as Partial<LedgerEvent>),
      ev({ kind: 'permission', purpose: 'camera', value: 'denied', deviceId: 'device-bbbb' } as Partial<LedgerEvent>),
    ]);
    expect(s.permissions['device-aaaa']?.camera?.value).toBe('granted');
    expect(s.permissions['device-bbbb']?.camera?.value).toBe('denied');
  });
});

describe('lastRefusalAt', () => {
  it('finds the latest denial, blocked or not-now of a capability, per device if asked', () => {
    const events = [
      ev({ kind: 'permission', purpose: 'location', value: 'denied', occurredAt: '2026-01-01T00:00:00.000Z' } as Partial<LedgerEvent>),
      ev({ kind: 'permission', purpose: 'location', value: 'not-now', occurredAt: '2026-01-02T00:00:00.000Z' } as Partial<LedgerEvent>),
      ev({ kind: 'permission', purpose: 'location', value: 'prompted', occurredAt: '2026-01-03T00:00:00.000Z' } as Partial<LedgerEvent>),
      ev({ kind: 'permission', purpose: 'camera', value: 'blocked', occurredAt: '2026-01-04T00:00:00.000Z' } as Partial<LedgerEvent>),
      ev({ kind: 'permission', purpose: 'location', value: 'denied', deviceId: 'device-other', occurredAt: '2026-01-05T00:00:00.000Z' } as Partial<LedgerEvent>),
    ];
    expect(lastRefusalAt(events, 'location', 'device-0001')).toBe(Date.parse('2026-01-02T00:00:00.000Z'));
    expect(lastRefusalAt(events, 'location')).toBe(Date.parse('2026-01-05T00:00:00.000Z'));
    expect(lastRefusalAt(events, 'camera')).toBe(Date.parse('2026-01-04T00:00:00.000Z'));
    expect(lastRefusalAt(events, 'bluetooth')).toBeNull();
  });
});

describe('what may leave the device', () => {
  const none = reduceLedger([]);
  const agreed = reduceLedger([accepted(1)]);

  it('keeps decisions taken before the agreement local', () => {
    expect(initialSyncStatus(none, policy('shown'))).toBe('local');
    expect(initialSyncStatus(none, policy('refused'))).toBe('local');
    expect(initialSyncStatus(none, ev({ purpose: 'tracking-analytics', value: 'refused' }))).toBe('local');
    expect(initialSyncStatus(none, ev({ kind: 'permission', purpose: 'camera', value: 'unavailable' } as Partial<LedgerEvent>))).toBe('local');
  });

  it('shares the acceptance itself, everything under it, and the refusal that ends it', () => {
    expect(isShareable(none, accepted(1))).toBe(true);
    expect(isShareable(agreed, ev({ purpose: 'marketing', value: 'granted' }))).toBe(true);
    expect(isShareable(agreed, policy('refused'))).toBe(true);
    const after = reduceLedger([accepted(1), policy('refused')]);
    expect(isShareable(after, ev({ purpose: 'marketing', value: 'refused' }))).toBe(false);
  });
});

/** A random but valid history over a few devices, with a policy agreement at the start. */
function randomHistory(n: number, seed: number): LedgerEvent[] {
  const rnd = seededRandom(seed);
  const pick = <T,>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)];
  const devices = ['device-aaaa', 'device-bbbb', 'device-cccc'];
  const out: LedgerEvent[] = [accepted(1, { deviceId: 'device-aaaa' })];
  while (out.length < n) {
    const r = rnd();
    const deviceId = pick(devices);
    if (r < 0.1) {
      out.push(ev({ kind: 'policy', purpose: 'policy', value: pick(['accepted', 'refused', 'shown'] as const), policyVersion: 1 + Math.floor(rnd() * 4), deviceId } as Partial<LedgerEvent>));
    } else if (r < 0.6) {
      out.push(ev({ kind: 'consent', purpose: pick(CONSENT_PURPOSES), value: pick(['granted', 'refused', 'withdrawn'] as const), deviceId }));
    } else {
      out.push(ev({ kind: 'permission', purpose: pick(['camera', 'location', 'bluetooth'] as const), value: pick(['granted', 'denied', 'blocked', 'unavailable', 'prompted', 'not-now'] as const), deviceId } as Partial<LedgerEvent>));
    }
  }
  return out;
}

describe('compaction', () => {
  it('keeps the state identical and the stored size bounded with 10,000 synced events', () => {
    const events = randomHistory(10_000, 7);
    const entries: LedgerEntry[] = events.map((event) => ({ event, sync: 'synced' }));
    const compacted = compactLedger(entries);
    expect(reduceLedger(compacted.map((e) => e.event))).toEqual(reduceLedger(events));
    // 3 devices × (2 policy classes + each consent purpose + 3 capabilities × 2 classes) at most.
    expect(compacted.length).toBeLessThanOrEqual(3 * (2 + CONSENT_PURPOSES.length + 6));
    const bytes = encodeLedger(compacted).length;
    expect(bytes).toBeLessThan(20_000);
    expect(encodeLedger(entries).length).toBeGreaterThan(1_000_000); // what it would cost uncompacted
    for (const cap of ['camera', 'location', 'bluetooth'] as const) {
      for (const d of ['device-aaaa', 'device-bbbb', 'device-cccc']) {
        expect(lastRefusalAt(compacted.map((e) => e.event), cap, d)).toBe(lastRefusalAt(events, cap, d));
      }
    }
  });

  it('keeps every unsent entry and the original order', () => {
    const events = randomHistory(2_000, 11);
    const entries: LedgerEntry[] = events.map((event, i) => ({ event, sync: i >= 1_900 ? 'pending' : i % 2 ? 'synced' : 'local' }));
    const compacted = compactLedger(entries);
    const ids = compacted.map((e) => e.event.id);
    for (const e of entries.slice(1_900)) expect(ids).toContain(e.event.id);
    const positions = ids.map((id) => events.findIndex((e) => e.id === id));
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    expect(reduceLedger(compacted.map((e) => e.event))).toEqual(reduceLedger(events));
  });

  it('folds superseded unsent entries only past the pending limit, state still identical', () => {
    const events = randomHistory(LEDGER_LIMITS.maxPending + 500, 3);
    const entries: LedgerEntry[] = events.map((event) => ({ event, sync: 'pending' }));
    const out = compactIfNeeded(entries);
    expect(out.length).toBeLessThan(100);
    expect(reduceLedger(out.map((e) => e.event))).toEqual(reduceLedger(events));
    const few = entries.slice(0, LEDGER_LIMITS.compactAbove);
    expect(compactIfNeeded(few)).toBe(few);
  });
});

describe('mergeServerEvents', () => {
  it('marks known events synced, inserts unknown ones after their server predecessor, keeps local order', () => {
    const a = accepted(1);
    const b = ev({ purpose: 'marketing', value: 'granted' });
    const fromOtherDevice = ev({ purpose: 'marketing', value: 'withdrawn', deviceId: 'device-other' });
    const localOnly = ev({ purpose: 'tracking-social', value: 'refused' });
    const pending = ev({ purpose: 'sensitive', value: 'granted' });
    const local: LedgerEntry[] = [
      { event: localOnly, sync: 'local' },
      { event: a, sync: 'synced' },
      { event: b, sync: 'pending' },
      { event: pending, sync: 'pending' },
    ];
    const server = [a, b, fromOtherDevice].map((e, i) => ({ ...e, seq: i + 1, receivedAt: '2026-01-01T00:00:00.000Z' }));
    const merged = mergeServerEvents(local, server);
    expect(merged.map((e) => [e.event.id, e.sync])).toEqual([
      [localOnly.id, 'local'],
      [a.id, 'synced'],
      [b.id, 'synced'],
      [fromOtherDevice.id, 'synced'],
      [pending.id, 'pending'],
    ]);
    // Server-only fields are not carried into the local ledger.
    expect(Object.keys(merged[3].event).sort()).toEqual(Object.keys(a).sort());
    expect(hasConsent(reduceLedger(merged.map((e) => e.event)), 'marketing')).toBe(false);
  });

  it('rebuilds an empty ledger from the server alone and ignores invalid server events', () => {
    const a = accepted(3);
    const merged = mergeServerEvents([], [a, { ...a, id: 'x' } as LedgerEvent]);
    expect(merged).toEqual([{ event: a, sync: 'synced' }]);
    expect(acceptedPolicyVersion(reduceLedger(merged.map((e) => e.event)))).toBe(3);
  });
});
