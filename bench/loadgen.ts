/**
 * A bounded HTTP load generator, run in its own process so it does not share the server's event
 * loop. Loopback only. Prints one JSON line: { requests, seconds, rps, p50, p99, statuses }.
 * Usage: tsx bench/loadgen.ts <url> <concurrency> <seconds> [header=value ...]
 */
import http from 'node:http';
import { performance } from 'node:perf_hooks';

const [url, concurrencyArg, secondsArg, ...headerArgs] = process.argv.slice(2);
const target = new URL(url);
if (!['127.0.0.1', 'localhost', '[::1]'].includes(target.hostname)) throw new Error('loopback targets only');
const concurrency = Number(concurrencyArg);
const seconds = Number(secondsArg);
const headers = Object.fromEntries(headerArgs.map((h) => [h.slice(0, h.indexOf('=')), h.slice(h.indexOf('=') + 1)]));
const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
const latencies: number[] = [];
const statuses: Record<number, number> = {};
const end = performance.now() + seconds * 1000;

function once(): Promise<void> {
  const t = performance.now();
  return new Promise((resolve, reject) => {
    const req = http.request(target, { agent, headers }, (res) => {
      res.resume();
      res.on('end', () => {
        latencies.push(performance.now() - t);
        statuses[res.statusCode ?? 0] = (statuses[res.statusCode ?? 0] ?? 0) + 1;
        resolve();
      });
    });
    req.on('error', reject);
    req.end();
  });
}

async function worker(): Promise<void> {
  while (performance.now() < end) await once();
}

(async () => {
  const start = performance.now();
  await Promise.all(Array.from({ length: concurrency }, worker));
  const elapsed = (performance.now() - start) / 1000;
  latencies.sort((a, b) => a - b);
  const q = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))] ?? 0;
  console.log(JSON.stringify({ requests: latencies.length, seconds: elapsed, rps: latencies.length / elapsed, p50: q(0.5), p99: q(0.99), statuses }));
  agent.destroy();
})();
