/**
 * 10,000 consent events from 50 simulated shoppers, each running the module's real ConsentStore
 * and outbox over HTTP, while the backend process is killed (SIGKILL, mid-request) and restarted
 * five times, and each shopper's app is itself killed and relaunched now and then. Afterwards
 * every outbox has drained, the database holds every event exactly once and in each device's
 * order, and each shopper's state is the reduction of their events.
 */
import { appPurposes } from '@maison/privacy/config';
import { SHOP_PRIVACY } from '../../src/shop/privacy-content';

const CONSENT_PURPOSES = appPurposes(SHOP_PRIVACY);
import { spawn, type ChildProcess } from 'node:child_process';
import { TEST_PSEUDONYM_KEY } from '../../server/test/pseudonymKey';
import { createServer, type AddressInfo } from 'node:net';
import { join } from 'node:path';
import { sql } from 'kysely';
import { CAPABILITIES, type ConsentState, type LedgerEvent, reduceLedger } from '@maison/privacy/contract';
import type { StoragePort, TimerPort } from '@maison/privacy/client';
import { ConsentStore, createFetchHttp, PrivacyApi } from '@maison/privacy/client';
import { MemoryStorage, SequentialIds, seededRandom } from '@maison/privacy/testing';
import { testDatabase, type TestTarget } from '../../server/test/helper';
import { ROOT } from '../build';

jest.setTimeout(300_000);

const SHOPPERS = 50;
const EVENTS_PER_SHOPPER = 200;
const KILLS = 5;
const TOTAL = SHOPPERS * EVENTS_PER_SHOPPER;

const adminUrl = process.env.TEST_DATABASE_URL;
if (!adminUrl) throw new Error('TEST_DATABASE_URL is not set: run this suite through `npm run test:reliability`.');
const target: TestTarget = { name: 'postgres', adminUrl };

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * What the server keeps of a device's history sent in order (server/README.md): every decision,
 * and each permission observation unless it repeats the value and version before it.
 */
function keptOf(events: readonly LedgerEvent[]): LedgerEvent[] {
  const last = new Map<string, string>();
  return events.filter((e) => {
    if (e.kind !== 'permission') return true;
    const key = `${e.purpose} ${e.deviceId}`;
    const repeat = last.get(key) === `${e.value} ${e.policyVersion}`;
    last.set(key, `${e.value} ${e.policyVersion}`);
    return !repeat;
  });
}
/**
 * A state with its permissions' times left out: where the device saw a permission value again, the
 * server's time is when it was first seen (the repeat is not stored) and the device's the latest.
 * The policy's and each consent's times stay in.
 */
function withoutPermissionTimes(state: ConsentState): unknown {
  const permissions = Object.fromEntries(
    Object.entries(state.permissions).map(([device, caps]) => [device, Object.fromEntries(Object.entries(caps).map(([cap, p]) => [cap, p && p.value]))]),
  );
  return { ...state, permissions };
}

async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const { port } = s.address() as AddressInfo;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

/** The backend as its own OS process, so it can be killed without warning. */
class BackendProcess {
  private child: ChildProcess | null = null;
  starts = 0;
  constructor(
    private readonly port: number,
    private readonly databaseUrl: string,
  ) {}

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'server/src/main.ts')], {
      cwd: ROOT,
      stdio: ['ignore', 'ignore', 'pipe'],
      env: {
        ...process.env,
        NODE_ENV: 'test',
        HOST: '127.0.0.1',
        PORT: String(this.port),
        DATABASE_URL: this.databaseUrl,
        DEV_LOGIN: '1',
        PSEUDONYM_KEY: TEST_PSEUDONYM_KEY,
        LOG_LEVEL: 'silent',
        PURGE_INTERVAL_SECONDS: '0',
        RATE_LIMIT_LOGIN_PER_MINUTE: '100000',
        RATE_LIMIT_WRITES_PER_MINUTE: '100000',
      },
    });
    let stderr = '';
    child.stderr!.on('data', (c: Buffer) => (stderr = (stderr + c.toString()).slice(-4000)));
    this.child = child;
    this.starts++;
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline) {
      if (child.exitCode !== null) throw new Error(`backend exited during start (${child.exitCode}): ${stderr}`);
      const ready = await fetch(`${this.url}/readyz`).then(
        (r) => r.status === 200,
        () => false,
      );
      if (ready) return;
      await sleep(100);
    }
    throw new Error(`backend not ready within 60 s: ${stderr}`);
  }

  /** SIGKILL: no shutdown hooks, open requests cut wherever they are. */
  async kill(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise<void>((r) => child.once('exit', () => r()));
    child.kill('SIGKILL');
    await exited;
  }

  async stop(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise<void>((r) => child.once('exit', () => r()));
    child.kill('SIGTERM');
    await exited;
  }
}

/**
 * What one app process holds: when the app is killed, its storage writes, timers and requests
 * stop at once, as they would when WeChat ends the process.
 */
function appProcess(storage: StoragePort) {
  let alive = true;
  const dead = () => new Error('app process was killed');
  const view: StoragePort = {
    get: (k) => (alive ? storage.get(k) : Promise.reject(dead())),
    set: (k, v) => (alive ? storage.set(k, v) : Promise.reject(dead())),
    remove: (k) => (alive ? storage.remove(k) : Promise.reject(dead())),
    keys: () => (alive ? storage.keys() : Promise.reject(dead())),
  };
  const timer: TimerPort = {
    setTimeout: (fn, ms) => {
      const t = setTimeout(() => alive && fn(), ms);
      return () => clearTimeout(t);
    },
  };
  return { storage: view, timer, isAlive: () => alive, kill: () => void (alive = false) };
}

interface Shopper {
  index: number;
  storage: MemoryStorage;
  ids: SequentialIds;
  token: string | null;
  store: ConsentStore;
  kill: () => void;
  relaunches: number;
}

describe('backend killed and restarted under load (PostgreSQL)', () => {
  let database: Awaited<ReturnType<typeof testDatabase>>;
  let backend: BackendProcess;

  beforeAll(async () => {
    database = await testDatabase(target);
    backend = new BackendProcess(await freePort(), database.url!);
    await backend.start();
  });
  afterAll(async () => {
    await backend?.stop();
    await database?.drop();
  });

  it('stores every acknowledged event exactly once, drains every outbox and derives each state from its events', async () => {
    const random = seededRandom(20261125);
    let recorded = 0;
    let failedRequests = 0;
    let duplicatesReported = 0;

    const launch = (shopper: Omit<Shopper, 'store' | 'kill'> & Partial<Shopper>): ConsentStore => {
      const app = appProcess(shopper.storage);
      const http = createFetchHttp({ baseUrl: backend.url, defaultTimeoutMs: 5_000 });
      const api = new PrivacyApi({
        http: {
          request: async (req) => {
            if (!app.isAlive()) throw new Error('app process was killed');
            try {
              const res = await http.request(req);
              const dup = (res.body as { duplicates?: unknown } | null)?.duplicates;
              if (typeof dup === 'number') duplicatesReported += dup;
              return res;
            } catch (err) {
              failedRequests++;
              throw err;
            }
          },
        },
        token: shopper.token,
        onTokenChange: (t) => (shopper.token = t),
      });
      const store = new ConsentStore({
        storage: app.storage,
        clock: { now: () => Date.now() },
        ids: shopper.ids,
        api,
        deviceId: `device-${shopper.index}`,
        timer: app.timer,
        random: seededRandom(shopper.index * 7919 + (shopper.relaunches ?? 0)),
        backoff: { baseMs: 50, maxMs: 1_000 },
      });
      shopper.kill = app.kill;
      shopper.store = store;
      return store;
    };

    const shoppers: Shopper[] = Array.from({ length: SHOPPERS }, (_, index) => ({
      index,
      storage: new MemoryStorage(),
      ids: new SequentialIds(`s${index}-evt`),
      token: null,
      relaunches: 0,
    })) as unknown as Shopper[];
    for (const s of shoppers) launch(s);

    // Sign in and agree before the faults start (a sign-in is not an outbox matter).
    const version = ((await (await fetch(`${backend.url}/v1/policy/current?include=meta`)).json()) as { version: number }).version;
    await Promise.all(
      shoppers.map(async (s) => {
        await s.store.hydrate();
        const api = new PrivacyApi({ http: createFetchHttp({ baseUrl: backend.url, defaultTimeoutMs: 5_000 }), onTokenChange: (t) => (s.token = t) });
        await api.login(`dev:reliability-${s.index}`);
        s.kill();
        launch(s);
        await s.store.hydrate();
        await s.store.acceptPolicy(version);
        recorded++;
      }),
    );

    // Kill points: five fractions of the workload, drawn once. Shoppers pause at the next kill
    // point until the kill has happened (not the restart), so every kill lands mid-flow however
    // fast or slow the machine is, and decisions go on being made while the backend is down.
    const killAt = Array.from({ length: KILLS }, () => Math.floor(TOTAL * (0.08 + random() * 0.8))).sort((a, b) => a - b);
    let gate = killAt[0]!;
    const kills: { at: number; downMs: number }[] = [];
    const killer = (async () => {
      for (let i = 0; i < KILLS; i++) {
        while (recorded < killAt[i]!) await sleep(5);
        const t = Date.now();
        const at = recorded;
        await backend.kill();
        gate = killAt[i + 1] ?? Infinity;
        await sleep(100 + Math.floor(random() * 400));
        await backend.start();
        kills.push({ at, downMs: Date.now() - t });
      }
    })();

    await Promise.all(
      shoppers.map(async (s) => {
        const r = seededRandom(1000 + s.index);
        let made = 1; // the policy acceptance
        while (made < EVENTS_PER_SHOPPER) {
          const chunk = Math.min(EVENTS_PER_SHOPPER - made, 1 + Math.floor(r() * 8));
          for (let k = 0; k < chunk; k++) {
            while (recorded >= gate) await sleep(5);
            const pick = r();
            if (pick < 0.45) await s.store.grant(CONSENT_PURPOSES[Math.floor(r() * CONSENT_PURPOSES.length)]!);
            else if (pick < 0.8) await s.store.withdraw(CONSENT_PURPOSES[Math.floor(r() * CONSENT_PURPOSES.length)]!);
            else await s.store.recordPermission(CAPABILITIES[Math.floor(r() * CAPABILITIES.length)]!, r() < 0.5 ? 'granted' : 'denied');
            made++;
            recorded++;
          }
          if (r() < 0.04) {
            // The app is killed and relaunched: a new store over what reached storage.
            s.kill();
            s.relaunches++;
            launch(s);
            await s.store.hydrate();
          }
          await sleep(20 + Math.floor(r() * 120));
        }
      }),
    );
    await killer;
    expect(kills).toHaveLength(KILLS);
    for (const k of kills) expect(k.at).toBeLessThan(TOTAL);
    expect(backend.starts).toBe(KILLS + 1);

    // Every outbox drains (retries run on their own timers; sync() hurries them), bounded.
    const deadline = Date.now() + 60_000;
    while (shoppers.some((s) => s.store.pendingCount > 0) && Date.now() < deadline) {
      await Promise.all(shoppers.filter((s) => s.store.pendingCount > 0).map((s) => s.store.sync()));
      await sleep(100);
    }
    expect(shoppers.filter((s) => s.store.pendingCount > 0).map((s) => s.index)).toEqual([]);

    // The server holds each device's events exactly once, in the device's order, but repeated observations.
    let kept = 0;
    for (const s of shoppers) {
      const local: readonly LedgerEvent[] = s.store.events;
      expect(local).toHaveLength(EVENTS_PER_SHOPPER);
      const res = await fetch(`${backend.url}/v1/me/consents`, { headers: { authorization: `Bearer ${s.token}` } });
      expect(res.status).toBe(200);
      const body = (await res.json()) as { state: ConsentState; events: LedgerEvent[] };
      const keep = keptOf(local);
      kept += keep.length;
      expect({ shopper: s.index, ids: body.events.map((e) => e.id) }).toEqual({ shopper: s.index, ids: keep.map((e) => e.id) });
      expect(body.state).toEqual(reduceLedger(body.events));
      // The server's state, times included, is the device's history reduced as the server keeps it...
      expect(body.state).toEqual(reduceLedger(keep));
      // ...and it holds the device's decisions: the same policy and consents with their times, the same permission values.
      expect(withoutPermissionTimes(body.state)).toEqual(withoutPermissionTimes(s.store.state));
    }
    const counts = await sql<{ rows: number; distinct_ids: number }>`
      select count(*)::int as rows, count(distinct (user_id, event_id))::int as distinct_ids from consent_events`.execute(database.database.db);
    expect(counts.rows[0]).toEqual({ rows: kept, distinct_ids: kept });

    // The faults really hit requests in flight, and apps were relaunched mid-sync.
    expect(failedRequests).toBeGreaterThan(0);
    expect(shoppers.reduce((n, s) => n + s.relaunches, 0)).toBeGreaterThan(0);
    console.log(
      `kill-restart: ${TOTAL} events from ${SHOPPERS} shoppers; ${KILLS} backend kills at ${kills.map((k) => k.at).join(', ')} ` +
        `(down ${kills.map((k) => k.downMs).join(', ')} ms); ${failedRequests} failed requests; ` +
        `${shoppers.reduce((n, s) => n + s.relaunches, 0)} app relaunches; ${duplicatesReported} resent events recognised as duplicates`,
    );
  });
});
