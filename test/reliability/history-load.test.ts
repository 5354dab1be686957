/**
 * One shopper with a heavy consent history (100,000 stored events, as an account filled before
 * histories were bounded) is read in three loops, page after page, while another shopper checks
 * `/healthz` and writes consents on the same listening server. The other shopper's p50 over the
 * readers' first seconds (their per-minute allowance used at full speed, then the wait a 429 asks
 * for) must stay within 3x of its idle p50; each answer stays small. The figures are printed (see
 * server/README.md). `HISTORY_LOAD_READS_PER_MINUTE=100000` reads without the rate limit: paging
 * alone (a figure, not what production runs).
 */
import { Worker } from 'node:worker_threads';
import { sql } from 'kysely';
import { startServer, type RunningServer } from '../../server/src';
import { testDatabase } from '../../server/test/helper';

jest.setTimeout(600_000);

const adminUrl = process.env.TEST_DATABASE_URL;
if (!adminUrl) throw new Error('TEST_DATABASE_URL is not set: run this suite through `npm run test:reliability`.');

const HEAVY_EVENTS = 100_000;
const READ_LOOPS = 3;
/** How long each shopper's latency is sampled, idle and while the history is read. */
const WINDOW_MS = 6_000;

/** The readers: `loops` loops reading the whole history page by page until told to stop. */
const READ_LOOPS_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { url, token, loops } = workerData;
let stop = false;
parentPort.once('message', () => (stop = true));
const sizes = [];
const statuses = [];
let fullReads = 0;
async function loop() {
  let after = null;
  while (!stop) {
    const res = await fetch(url + '/v1/me/consents' + (after === null ? '' : '?after=' + after), { headers: { authorization: 'Bearer ' + token } });
    const body = Buffer.from(await res.arrayBuffer());
    statuses.push(res.status);
    // Refused for now: the reader waits as told (Retry-After), then goes on from where it was.
    // (A client that ignores it is a flood of cheap refusals, not a history read.)
    if (res.status === 429) {
      const until = Date.now() + Number(res.headers.get('retry-after') ?? 1) * 1000;
      while (!stop && Date.now() < until) await new Promise((r) => setTimeout(r, 100));
    }
    if (res.status !== 200) continue;
    sizes.push(body.length);
    const m = /"next":(\\d+|null)/.exec(body.subarray(Math.max(0, body.lastIndexOf('"next":'))).toString('latin1'));
    after = m && m[1] !== 'null' ? m[1] : null;
    if (after === null) fullReads++;
  }
}
Promise.all(Array.from({ length: loops }, loop)).then(() => parentPort.postMessage({ sizes, statuses, fullReads }));
`;

/** The other shopper's probe (see `probe`). */
const PROBE_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { url, token, ms, every } = workerData;
const health = [];
const write = [];
const failed = [];
let n = 0;
const timed = async (into, what, f) => {
  const t = performance.now();
  try {
    const res = await f();
    await res.arrayBuffer();
    if (res.status !== 200) failed.push(what + ' ' + res.status);
  } catch (err) {
    failed.push(what + ' ' + err.message);
  }
  into.push(performance.now() - t);
};
const sent = [];
const end = Date.now() + ms;
const tick = () => {
  if (Date.now() >= end) return Promise.all(sent).then(() => parentPort.postMessage({ health, write, failed }));
  sent.push(timed(health, 'healthz', () => fetch(url + '/healthz')));
  const i = ++n;
  const event = { id: 'other-evt-' + process.hrtime.bigint() + '-' + i, kind: 'consent', purpose: 'marketing', value: i % 2 ? 'granted' : 'withdrawn', policyVersion: 1, deviceId: 'other-device-1', occurredAt: new Date().toISOString(), source: 'privacy-centre' };
  sent.push(timed(write, 'write', () => fetch(url + '/v1/me/consents', { method: 'POST', headers: { authorization: 'Bearer ' + token, 'content-type': 'application/json' }, body: JSON.stringify({ events: [event] }) })));
  setTimeout(tick, every);
};
tick();
`;

/** Runs a worker thread from source; its one message is the result. */
function runWorker<T>(source: string, workerData: unknown): { worker: Worker; result: Promise<T> } {
  const worker = new Worker(source, { eval: true, workerData });
  const result = new Promise<T>((resolve, reject) => {
    worker.once('message', (m: T) => {
      resolve(m);
      void worker.terminate();
    });
    worker.once('error', reject);
  });
  return { worker, result };
}

const p50 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

describe('a heavy history read while another shopper writes', () => {
  let database: Awaited<ReturnType<typeof testDatabase>>;
  let server: RunningServer;

  beforeAll(async () => {
    database = await testDatabase({ name: 'postgres', adminUrl });
    server = await startServer({
      port: 0,
      databaseUrl: database.url!,
      devLogin: true,
      logLevel: 'silent',
      purgeIntervalSeconds: 0,
      // The default read allowance (RATE_LIMIT_READS_PER_MINUTE, 60).
      env: { ...process.env, NODE_ENV: 'test', RATE_LIMIT_LOGIN_PER_MINUTE: '100000', RATE_LIMIT_WRITES_PER_MINUTE: '100000', RATE_LIMIT_READS_PER_MINUTE: process.env.HISTORY_LOAD_READS_PER_MINUTE ?? '60' },
    });
  });
  afterAll(async () => {
    await server?.close();
    await database?.drop();
  });

  /**
   * The other shopper, open loop from its own thread (so a stalled server cannot slow the
   * sending): every 20 ms a `/healthz` and a one-event consent write, whether or not the earlier
   * ones were answered; the p50 of each over `ms`.
   */
  const probe = async (token: string, ms: number) => {
    const { result } = runWorker<{ health: number[]; write: number[]; failed: string[] }>(PROBE_SOURCE, { url: server.url, token, ms, every: 20 });
    const r = await result;
    return { health: p50(r.health), write: p50(r.write), failed: r.failed };
  };

  const login = async (name: string) => {
    const res = await fetch(`${server.url}/v1/sessions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code: `dev:${name}` }) });
    expect(res.status).toBe(201);
    return (await res.json()) as { token: string; userId: string };
  };

  it("keeps the other shopper's p50 within 3x of idle", async () => {
    const heavy = await login('heavy-history');
    const other = await login('other-shopper');
    // The history goes straight into the tables (the API now bounds what an account stores).
    const db = database.database.db;
    await sql`insert into consent_events (user_id, event_id, kind, purpose, value, policy_version, device_id, occurred_at, source)
      select ${heavy.userId}::uuid, 'heavy-evt-' || i, 'permission', case when i % 3 = 0 then 'camera' when i % 3 = 1 then 'location' else 'bluetooth' end,
        case when i % 2 = 0 then 'granted' else 'denied' end, 1, 'heavy-device-' || (i % 7), now() - (${HEAVY_EVENTS} - i) * interval '1 second', 'feature'
      from generate_series(1, ${HEAVY_EVENTS}) i`.execute(db);
    await sql`insert into consent_state (user_id, kind, purpose, device_key, shown, value, policy_version, device_id, occurred_at, seq)
      select distinct on (kind, purpose, device_id) user_id, kind, purpose, device_id, false, value, policy_version, device_id, occurred_at, seq
      from consent_events where user_id = ${heavy.userId}::uuid order by kind, purpose, device_id, seq desc`.execute(db);

    // Warm up, then the idle figures.
    await probe(other.token, 1_000);
    const idle = await probe(other.token, WINDOW_MS);

    // The read loops follow the pages (`next`, as `after`) to the end, then start again, in a
    // worker thread (an outside client: its own work does not share the server's event loop).
    const readers = runWorker<{ sizes: number[]; statuses: number[]; fullReads: number }>(READ_LOOPS_SOURCE, { url: server.url, token: heavy.token, loops: READ_LOOPS });
    // Sampled from the readers' start: their allowance's burst and the wait after it.
    const during = await probe(other.token, WINDOW_MS);
    readers.worker.postMessage('stop');
    const { sizes, statuses, fullReads } = await readers.result;
    const pages = sizes.length;
    const limited = statuses.filter((x) => x === 429).length;
    const failed = [...idle.failed, ...during.failed];
    const maxAnswer = Math.max(...sizes);
    console.log(
      `history-load: ${HEAVY_EVENTS} events, ${READ_LOOPS} read loops: healthz p50 ${idle.health.toFixed(1)} → ${during.health.toFixed(1)} ms, ` +
        `other shopper's write p50 ${idle.write.toFixed(1)} → ${during.write.toFixed(1)} ms; ${pages} pages read (${fullReads} whole histories, ${limited} answers 429), largest answer ${maxAnswer} B`,
    );
    expect(statuses.filter((x) => x !== 200 && x !== 429)).toEqual([]);
    expect(failed).toEqual([]);
    expect(maxAnswer).toBeLessThan(256 * 1024);
    expect(during.health).toBeLessThanOrEqual(3 * Math.max(idle.health, 1));
    expect(during.write).toBeLessThanOrEqual(3 * idle.write);
  });
});
