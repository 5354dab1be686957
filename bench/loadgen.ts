/**
 * A bounded HTTP load generator, run in its own process so it does not share the server's event
 * loop. Loopback only. Prints one JSON line: { requests, seconds, rps, p50, p99, statuses }.
 * Usage: tsx bench/loadgen.ts <url> <concurrency> <seconds> [header=value ...]
 */
import { performance } from 'node:perf_hooks';
import { Connection } from './httpClient';

const [url, concurrencyArg, secondsArg, ...headerArgs] = process.argv.slice(2);
const target = new URL(url);
if (!['127.0.0.1', 'localhost', '[::1]'].includes(target.hostname)) throw new Error('loopback targets only');
const concurrency = Number(concurrencyArg);
const seconds = Number(secondsArg);
const headers = Object.fromEntries(headerArgs.map((h) => [h.slice(0, h.indexOf('=')), h.slice(h.indexOf('=') + 1)]));
const latencies: number[] = [];
const statuses: Record<number, number> = {};
const end = performance.now() + seconds * 1000;
const path = target.pathname + target.search;

async function worker(): Promise<void> {
  const connection = new Connection(target);
  while (performance.now() < end) {
    const t = performance.now();
    const { status } = await connection.request('GET', path, headers);
    latencies.push(performance.now() - t);
    statuses[status] = (statuses[status] ?? 0) + 1;
  }
  connection.close();
}

(async () => {
  const start = performance.now();
  await Promise.all(Array.from({ length: concurrency }, worker));
  const elapsed = (performance.now() - start) / 1000;
  latencies.sort((a, b) => a - b);
  const q = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))] ?? 0;
  console.log(JSON.stringify({ requests: latencies.length, seconds: elapsed, rps: latencies.length / elapsed, p50: q(0.5), p99: q(0.99), statuses }));
})();
