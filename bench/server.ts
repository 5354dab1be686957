/** Server figures: the cached policy path (304) against a hello-world route on the same server. */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { join } from 'node:path';
import { startServer } from '../server/src';
import { ROOT } from '../test/build';

interface Row {
  name: string;
  value: number;
  unit: string;
  baseline?: { name: string; value: number };
  goal?: string;
}

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

export async function serverBench({ smoke }: { smoke: boolean }): Promise<Row[]> {
  console.log('\n# server (loopback, load generator in a second process)');
  const server = await startServer({ port: 0, dataDir: null, logLevel: 'silent', purgeIntervalSeconds: 0, env: { ...process.env, NODE_ENV: 'production', WECHAT_APP_ID: 'wx-bench', WECHAT_APP_SECRET: 'bench-secret' } });
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
