/**
 * Server figures: the cached policy path (304) against a hello-world route on the same server;
 * consent events stored per second on PostgreSQL against raw multi-row INSERTs of the same rows;
 * the purge of cancelled accounts.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { promisify } from 'node:util';
import { join } from 'node:path';
import { sql } from 'kysely';
import { openDatabase, startServer } from '../server/src';
import { purgeBench } from '../server/bench/purgeBench';
import { startFakeWechat } from '../server/test/fakeWechat';
import { ROOT } from '../test/build';
import { createBenchDatabase } from './pgDatabase';
import type { Row } from './row';

/** A throwaway pseudonym key for the benchmark's servers (production requires one). */
const BENCH_PSEUDONYM_KEY = randomBytes(32).toString('hex');


interface LoadResult {
  requests: number;
  rps: number;
  p50: number;
  p99: number;
  statuses: Record<string, number>;
}

/** Runs the load generator in another process (asynchronously: the server shares this process's event loop). */
async function load(url: string, concurrency: number, seconds: number, headers: Record<string, string> = {}): Promise<LoadResult> {
  const { stdout } = await promisify(execFile)(
    join(ROOT, 'node_modules', '.bin', 'tsx'),
    [join(__dirname, 'loadgen.ts'), url, String(concurrency), String(seconds), ...Object.entries(headers).map(([k, v]) => `${k}=${v}`)],
    { encoding: 'utf8' },
  );
  return JSON.parse(stdout.trim().split('\n').pop()!) as LoadResult;
}

/**
 * The ports production requires, pointed at addresses that do not resolve (`.invalid`): the policy
 * bench sends no deletion notice and no SMS, it only needs the server to start as in production.
 */
const PRODUCTION_PORTS = Object.freeze({
  OVERSEAS_RECEIVER_URL: 'https://receiver.invalid/deletions',
  OVERSEAS_RECEIVER_SECRET: 'bench-receiver-secret-0123456789abcdef',
  SMS_API_URL: 'https://sms.invalid/',
  SMS_SECRET_ID: 'bench-secret-id',
  SMS_SECRET_KEY: 'bench-secret-key',
  SMS_SDK_APP_ID: '1400000000',
  SMS_SIGN_NAME: 'bench',
  SMS_TEMPLATE_ID: '100000',
});

export async function serverBench({ smoke }: { smoke: boolean }): Promise<Row[]> {
  console.log('\n# server (loopback, load generator in a second process)');
  return [...(await policyBench(smoke)), ...(await consentBench(smoke)), ...(await purge(smoke))];
}

async function policyBench(smoke: boolean): Promise<Row[]> {
  const server = await startServer({ port: 0, dataDir: null, logLevel: 'silent', purgeIntervalSeconds: 0, env: { ...process.env, ...PRODUCTION_PORTS, NODE_ENV: 'production', WECHAT_APP_ID: 'wx-bench', WECHAT_APP_SECRET: 'bench-secret', PSEUDONYM_KEY: BENCH_PSEUDONYM_KEY } });
  try {
    const seconds = smoke ? 1 : 5;
    const first = await fetch(`${server.url}/v1/policy/current?include=meta`);
    const etag = first.headers.get('etag');
    if (!etag) throw new Error('no ETag on /v1/policy/current');
    // Warm both paths, then measure each.
    await load(`${server.url}/healthz`, 10, 0.5);
    const hello = await load(`${server.url}/healthz`, 20, seconds);
    const cached = await load(`${server.url}/v1/policy/current?include=meta`, 20, seconds, { 'if-none-match': etag });
    if (!cached.statuses['304'] || Object.keys(cached.statuses).length !== 1) throw new Error(`expected only 304s: ${JSON.stringify(cached.statuses)}`);
    const full = await load(`${server.url}/v1/policy/current`, 20, seconds);
    return [
      { name: 'GET /v1/policy/current with If-None-Match (304)', value: Math.round(cached.rps), unit: 'req/s', baseline: { name: 'GET /healthz hello-world', value: Math.round(hello.rps) }, goal: 'ratio ≥ 0.8' },
      { name: '  304 path p99 latency', value: Math.round(cached.p99 * 100) / 100, unit: 'ms' },
      { name: 'GET /v1/policy/current full bilingual content (200)', value: Math.round(full.rps), unit: 'req/s', baseline: { name: 'GET /healthz hello-world', value: Math.round(hello.rps) } },
    ];
  } finally {
    await server.close();
  }
}

interface ConsentLoadResult {
  batches: number;
  events: number;
  seconds: number;
  eventsPerSecond: number;
  p50: number;
  p99: number;
  statuses: Record<string, number>;
  /** CPU time the load generator used, and busy CPU time of the whole machine, over the measured run. */
  loadgenCpuMs: number;
  machineCpuMs: number;
  /** CPU time of this process (where the API server runs) meanwhile. */
  benchProcessCpuMs: number;
}

type Shopper = { token: string; userId: string };
const perBatch = (ms: number, r: { batches: number }) => Math.round((ms / r.batches) * 100) / 100;
const round2 = (x: number) => Math.round(x * 100) / 100;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)]!;
const CONCURRENCY = 50;
const BATCH = 20;
/** The offered load of the latency figure: 10,000 events/s. */
const OPEN_LOOP_BATCHES_PER_SECOND = 500;

/**
 * Consent events stored per second through `POST /v1/me/consents` on PostgreSQL, 50 concurrent
 * connections, batches of 20, each request one shopper's new events; the baseline sends the same
 * rows as multi-row INSERTs over 50 PostgreSQL connections, in the same database. Server,
 * PostgreSQL and load generator share this machine, whose speed drifts by tens of percent from
 * one run to the next, so the two alternate in rounds and each round gives a ratio; the figure is
 * the median round. Then both at a fixed offered load (open loop) for the latency a shopper sees
 * below saturation.
 */
export async function consentBench(smoke: boolean): Promise<Row[]> {
  const shopperCount = smoke ? 100 : 1000;
  const seconds = smoke ? 1 : 5;
  const rounds = smoke ? 1 : 3;
  const pgDb = await createBenchDatabase();
  const work = mkdtempSync(join(tmpdir(), 'consent-bench-'));
  const consentLoad = async (mode: 'http' | 'raw', target: string, shoppers: Shopper[], policyVersion: number, tag: string, secs: number, rate?: number) => {
    const spec = join(work, `${tag}.json`);
    writeFileSync(spec, JSON.stringify({ target, shoppers, concurrency: CONCURRENCY, seconds: secs, batch: BATCH, policyVersion, tag, rate }));
    const cpu0 = process.cpuUsage();
    const { stdout } = await promisify(execFile)(join(ROOT, 'node_modules', '.bin', 'tsx'), [join(__dirname, 'consentLoad.ts'), mode, spec], { encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 });
    const cpu = process.cpuUsage(cpu0);
    const r: ConsentLoadResult = { ...(JSON.parse(stdout.trim().split('\n').pop()!) as Omit<ConsentLoadResult, 'benchProcessCpuMs'>), benchProcessCpuMs: (cpu.user + cpu.system) / 1000 };
    const bad = Object.keys(r.statuses).filter((k) => k !== '200' && k !== 'inserted');
    if (bad.length) throw new Error(`consent load (${mode}) had failures: ${JSON.stringify(r.statuses)}`);
    if (r.events !== r.batches * BATCH) throw new Error(`consent load (${mode}) stored ${r.events} of ${r.batches * BATCH} events`);
    return r;
  };
  // The API server runs only while it is measured: the shared PostgreSQL allows ~100
  // connections, and its pool must not hold 50 of them while the baseline opens its own 50.
  const wechat = await startFakeWechat({ appId: 'wx-bench', secret: 'bench-secret' });
  const withServer = async <T>(f: (url: string) => Promise<T>): Promise<T> => {
    const server = await startServer({
      port: 0,
      databaseUrl: pgDb.url,
      logLevel: 'silent',
      purgeIntervalSeconds: 0,
      wechatApiBase: wechat.url,
      env: {
        ...process.env,
        // The fake WeChat server speaks plain http, which production refuses for code2Session.
        NODE_ENV: 'test',
        PSEUDONYM_KEY: BENCH_PSEUDONYM_KEY,
        WECHAT_APP_ID: 'wx-bench',
        WECHAT_APP_SECRET: 'bench-secret',
        DATABASE_POOL_SIZE: String(CONCURRENCY),
        RATE_LIMIT_LOGIN_PER_MINUTE: '100000',
        RATE_LIMIT_WRITES_PER_MINUTE: '100000',
      },
    });
    try {
      return await f(server.url);
    } finally {
      await server.close();
    }
  };
  try {
    const database = await openDatabase({ kind: 'postgres', url: pgDb.url, poolSize: 1 });
    const rawShoppers = (
      await sql<{ id: string }>`insert into users (id, subject_hash) select gen_random_uuid(), 'bench-raw-' || g from generate_series(1, ${shopperCount}) g returning id`.execute(database.db)
    ).rows.map((r) => ({ token: '', userId: r.id }));
    await database.close();
    const { shoppers, policyVersion } = await withServer(async (url) => {
      const shoppers: Shopper[] = [];
      for (let i = 0; i < shopperCount; i += CONCURRENCY) {
        const page = await Promise.all(
          Array.from({ length: Math.min(CONCURRENCY, shopperCount - i) }, async (_, k) => {
            const res = await fetch(`${url}/v1/sessions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code: `ok:bench-shopper-${i + k}` }) });
            if (res.status !== 201) throw new Error(`login failed: ${res.status} ${await res.text()}`);
            return (await res.json()) as Shopper;
          }),
        );
        shoppers.push(...page);
      }
      return { shoppers, policyVersion: ((await (await fetch(`${url}/v1/policy/current?include=meta`)).json()) as { version: number }).version };
    });
    const raw = (tag: string, secs: number, rate?: number) => consentLoad('raw', pgDb.url, rawShoppers, 1, tag, secs, rate);
    const api = (tag: string, secs: number, rate?: number) =>
      withServer(async (url) => {
        await consentLoad('http', url, shoppers, policyVersion, `${tag}-warm`, 0.5);
        return consentLoad('http', url, shoppers, policyVersion, tag, secs, rate);
      });

    await raw('warm-raw', 0.5);
    const pairs: { raw: ConsentLoadResult; api: ConsentLoadResult; ratio: number }[] = [];
    for (let i = 0; i < rounds; i++) {
      const r = await raw(`raw-${i}`, seconds);
      const a = await api(`api-${i}`, seconds);
      pairs.push({ raw: r, api: a, ratio: a.eventsPerSecond / r.eventsPerSecond });
    }
    const mid = pairs.find((p) => p.ratio === median(pairs.map((x) => x.ratio)))!;
    const rate = smoke ? OPEN_LOOP_BATCHES_PER_SECOND / 5 : OPEN_LOOP_BATCHES_PER_SECOND;
    const rawOpen = await raw('raw-open', seconds, rate);
    const apiOpen = await api('api-open', seconds, rate);
    const offered = `${(rate * BATCH).toLocaleString('en')} events/s offered`;
    return [
      {
        name: `consent events stored/s, PostgreSQL, 50 conns, batches of 20 (${rounds > 1 ? `median of ${rounds} rounds; ratios ${pairs.map((p) => round2(p.ratio)).join(', ')}` : 'one round'})`,
        value: Math.round(mid.api.eventsPerSecond),
        unit: 'events/s',
        baseline: { name: 'raw multi-row INSERTs, same rows, same round', value: Math.round(mid.raw.eventsPerSecond) },
        goal: 'ratio ≥ 0.5',
      },
      { name: '  consent batch p99 latency at full load (API)', value: round2(mid.api.p99), unit: 'ms', baseline: { name: 'raw INSERT p99', value: round2(mid.raw.p99) }, goal: '< 50 ms' },
      { name: '  consent batch p50 latency at full load (API)', value: round2(mid.api.p50), unit: 'ms', baseline: { name: 'raw INSERT p50', value: round2(mid.raw.p50) } },
      { name: `  consent batch p99 latency, ${offered} (API)`, value: round2(apiOpen.p99), unit: 'ms', baseline: { name: 'raw INSERT p99', value: round2(rawOpen.p99) } },
      { name: `  consent batch p50 latency, ${offered} (API)`, value: round2(apiOpen.p50), unit: 'ms', baseline: { name: 'raw INSERT p50', value: round2(rawOpen.p50) } },
      // Where the CPU goes: server, PostgreSQL and the load generator share this machine's cores.
      { name: '  machine CPU per batch at full load (API)', value: perBatch(mid.api.machineCpuMs, mid.api), unit: 'ms', baseline: { name: 'raw INSERTs', value: perBatch(mid.raw.machineCpuMs, mid.raw) } },
      { name: '    of which the API server process', value: perBatch(mid.api.benchProcessCpuMs, mid.api), unit: 'ms' },
      { name: '    of which the load generator', value: perBatch(mid.api.loadgenCpuMs, mid.api), unit: 'ms', baseline: { name: 'raw INSERT client', value: perBatch(mid.raw.loadgenCpuMs, mid.raw) } },
    ];
  } finally {
    await wechat.close();
    await pgDb.drop();
    rmSync(work, { recursive: true, force: true });
  }
}

/** The purge of cancelled accounts on PostgreSQL (100,000 in the full run). */
async function purge(smoke: boolean): Promise<Row[]> {
  const n = smoke ? 2_000 : 100_000;
  const r = await purgeBench(n);
  if (r.accounts !== n || r.usersLeft !== 0) throw new Error(`purge bench: purged ${r.accounts} of ${n}; ${r.usersLeft} users left`);
  return [{ name: `purge of ${n} cancelled accounts (PostgreSQL)`, value: Math.round(r.seconds * 10) / 10, unit: 's', goal: n === 100_000 ? '< 60 s' : undefined }];
}
