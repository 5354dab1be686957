/**
 * Consent-ledger load generator, run in its own process. Loopback only, bounded by time.
 * Prints one JSON line: { batches, events, seconds, eventsPerSecond, p50, p99, statuses, loadgenCpuMs, machineCpuMs }
 * (CPU of this process and busy CPU of the whole machine, both over the measured run only).
 *
 *   tsx bench/consentLoad.ts http <spec.json>   POST /v1/me/consents through the API
 *   tsx bench/consentLoad.ts raw  <spec.json>   the same rows as multi-row INSERTs straight to PostgreSQL
 *
 * spec: { target, shoppers: [{ token, userId }], concurrency, seconds, batch, policyVersion, tag, rate? }
 * (`target` is the server URL for http, the database URL for raw). Worker w serves shoppers
 * w, w + concurrency, … in turn, so each request is one shopper's batch of new events.
 */
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { appPurposes } from '@maison/privacy/config';
import { SHOP_PRIVACY } from '../src/shop/privacy-content/app';

const CONSENT_PURPOSES = appPurposes(SHOP_PRIVACY);
import { Connection } from './httpClient';

interface Spec {
  target: string;
  shoppers: { token: string; userId: string }[];
  concurrency: number;
  seconds: number;
  batch: number;
  policyVersion: number;
  tag: string;
  /** Batches per second to offer (open loop); absent → closed loop at full speed. */
  rate?: number;
}

const [mode, specFile] = process.argv.slice(2);
const spec = JSON.parse(readFileSync(specFile!, 'utf8')) as Spec;
const host = new URL(spec.target).hostname;
if (!['127.0.0.1', 'localhost', '[::1]'].includes(host)) throw new Error('loopback targets only');

const base = Date.parse('2026-01-01T00:00:00Z');
/** The `n`-th batch of worker `w`: new consent events (unique ids) for one shopper. */
function events(w: number, n: number) {
  return Array.from({ length: spec.batch }, (_, i) => ({
    id: `${spec.tag}-${w}-${n}-${i}`,
    kind: 'consent' as const,
    purpose: CONSENT_PURPOSES[(n + i) % CONSENT_PURPOSES.length]!,
    value: (n + i) % 3 === 0 ? 'withdrawn' : 'granted',
    policyVersion: spec.policyVersion,
    deviceId: `bench-device-${w}`,
    occurredAt: new Date(base + n * 1000 + i).toISOString(),
    source: 'settings' as const,
  }));
}
const shopperOf = (w: number, n: number) => spec.shoppers[(w + n * spec.concurrency) % spec.shoppers.length]!;

const latencies: number[] = [];
const statuses: Record<string, number> = {};
let stored = 0;
const count = (status: string) => (statuses[status] = (statuses[status] ?? 0) + 1);

async function viaHttp(): Promise<() => void> {
  const url = new URL('/v1/me/consents', spec.target);
  const connections = Array.from({ length: spec.concurrency }, () => new Connection(url));
  const post = async (w: number, n: number) => {
    const shopper = shopperOf(w, n);
    const body = JSON.stringify({ events: events(w, n) });
    const res = await connections[w]!.request('POST', url.pathname, { authorization: `Bearer ${shopper.token}`, 'content-type': 'application/json' }, body);
    count(String(res.status));
    if (res.status === 200) stored += (JSON.parse(res.body.toString('utf8')) as { accepted: number }).accepted;
  };
  await run(post);
  return () => connections.forEach((c) => c.close());
}

async function viaSql(): Promise<() => void> {
  const pool = new pg.Pool({ connectionString: spec.target, max: spec.concurrency });
  const insert = async (w: number, n: number) => {
    const shopper = shopperOf(w, n);
    const values: unknown[] = [];
    const tuples = events(w, n).map((e) => {
      const at = values.length;
      values.push(shopper.userId, e.id, e.kind, e.purpose, e.value, e.policyVersion, e.deviceId, e.occurredAt, e.source);
      return `(${Array.from({ length: 9 }, (_, k) => `$${at + k + 1}`).join(', ')})`;
    });
    const r = await pool.query(
      `insert into consent_events (user_id, event_id, kind, purpose, value, policy_version, device_id, occurred_at, source) values ${tuples.join(', ')}`,
      values,
    );
    count('inserted');
    stored += r.rowCount ?? 0;
  };
  // Open every connection before the clock starts, as the server's pool would be warm.
  const clients = await Promise.all(Array.from({ length: spec.concurrency }, () => pool.connect()));
  for (const c of clients) c.release();
  await run(insert);
  return () => void pool.end();
}

let elapsed = 0;
let cpuMs = 0;
let machineMs = NaN;

/**
 * Closed loop (no `rate`): each worker sends its next batch when the last one is answered, and a
 * latency is from send to answer. Open loop (`rate` batches/s): batch i is due at start + i / rate
 * whether or not earlier ones were answered, any free worker sends it, and its latency counts from
 * when it was due, so a slow answer also delays the batches queued behind it (no coordinated omission).
 */
async function run(one: (w: number, n: number) => Promise<void>): Promise<void> {
  const busy0 = machineBusyMs();
  const cpu0 = process.cpuUsage();
  const start = performance.now();
  const end = start + spec.seconds * 1000;
  let due = 0;
  await Promise.all(
    Array.from({ length: spec.concurrency }, async (_, w) => {
      for (let n = 0; ; n++) {
        let t = performance.now();
        if (spec.rate) {
          t = start + (due++ * 1000) / spec.rate;
          if (t >= end) break;
          if (t > performance.now()) await sleep(t - performance.now());
        } else if (t >= end) break;
        await one(w, n);
        latencies.push(performance.now() - t);
      }
    }),
  );
  elapsed = (performance.now() - start) / 1000;
  const cpu = process.cpuUsage(cpu0);
  cpuMs = (cpu.user + cpu.system) / 1000;
  const busy1 = machineBusyMs();
  if (busy0 !== null && busy1 !== null) machineMs = busy1 - busy0;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Busy CPU time of the whole machine so far, in ms (Linux /proc/stat; null elsewhere). */
function machineBusyMs(): number | null {
  try {
    const [user, nice, system, , , irq, softirq] = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
    return ((user! + nice! + system! + irq! + softirq!) * 1000) / 100; // USER_HZ is 100 on Linux
  } catch {
    return null;
  }
}

(async () => {
  const done = mode === 'http' ? await viaHttp() : mode === 'raw' ? await viaSql() : null;
  if (!done) throw new Error(`mode must be http or raw, not ${mode}`);
  latencies.sort((a, b) => a - b);
  const q = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))] ?? 0;
  console.log(JSON.stringify({ batches: latencies.length, events: stored, seconds: elapsed, eventsPerSecond: stored / elapsed, p50: q(0.5), p99: q(0.99), statuses, loadgenCpuMs: cpuMs, machineCpuMs: machineMs }));
  done();
})().catch((err) => {
  console.error(err);
  process.exit(1);
});
