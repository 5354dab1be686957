/**
 * A stand-in for the overseas receiver's deletion endpoint, on loopback, doing what server/README.md
 * asks of a receiver ("Deletion notices to the overseas receiver"): it reads the raw body, checks
 * the timestamp is within five minutes and the signature (`v1=` + hex HMAC-SHA256 of
 * `<timestamp>.<raw body>` under the shared secret) in constant time, refuses a bad one with 401,
 * deletes once per notice id and answers 2xx. Tests script other answers.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * How the receiver answers one delivery: a status; `hang` (never answers, deletes nothing); or
 * `delete-then-hang` (deletes, then its answer never leaves: the sender cannot know it acted).
 */
export type ReceiverAnswer = number | 'hang' | 'delete-then-hang';

/** One POST as the receiver saw it. */
export interface Delivery {
  raw: string;
  body: Record<string, unknown> | null;
  headers: http.IncomingHttpHeaders;
  /** Whether timestamp and signature checked out. */
  verified: boolean;
  /** What it answered. */
  answer: ReceiverAnswer;
}

export interface FakeReceiver {
  readonly url: string;
  readonly port: number;
  readonly deliveries: Delivery[];
  /** Notice ids whose subject was deleted (once each, whatever the resends). */
  readonly deleted: Map<string, string>;
  /** Answers for the next verified deliveries, in order; after them, 204. */
  answers: ReceiverAnswer[];
  /** Starts listening (on `port` when given: a restart at the same address). */
  listen(port?: number): Promise<void>;
  close(): Promise<void>;
}

/** Greatest age of a signed timestamp the receiver accepts, either way (seconds). */
export const RECEIVER_TOLERANCE_SECONDS = 300;

/** Whether `signature` is the notice's: `v1=` + HMAC-SHA256(secret, `${timestamp}.${raw}`), compared in constant time. */
export function verifySignature(secret: string, timestamp: string | undefined, signature: string | undefined, raw: string, nowSeconds = Math.floor(Date.now() / 1000)): boolean {
  if (!timestamp || !/^\d{1,12}$/.test(timestamp) || !signature?.startsWith('v1=')) return false;
  if (Math.abs(nowSeconds - Number(timestamp)) > RECEIVER_TOLERANCE_SECONDS) return false;
  const expected = Buffer.from(createHmac('sha256', secret).update(`${timestamp}.${raw}`, 'utf8').digest('hex'), 'utf8');
  const given = Buffer.from(signature.slice(3), 'utf8');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** A receiver that checks notices with `secret`; not yet listening. */
export function fakeReceiver(secret: string): FakeReceiver {
  const deliveries: Delivery[] = [];
  const deleted = new Map<string, string>();
  const hanging = new Set<http.ServerResponse>();
  let server: http.Server | null = null;
  let port = 0;
  const receiver: FakeReceiver = {
    get url() {
      return `http://127.0.0.1:${port}/deletions`;
    },
    get port() {
      return port;
    },
    deliveries,
    deleted,
    answers: [],
    async listen(at = 0) {
      server = http.createServer((req, res) => {
        const chunks: Buffer[] = [];
        req.on('data', (c: Buffer) => chunks.push(c));
        req.on('end', () => {
          const raw = Buffer.concat(chunks).toString('utf8');
          const header = (name: string) => {
            const v = req.headers[name];
            return Array.isArray(v) ? v[0] : v;
          };
          const verified = req.method === 'POST' && req.url === '/deletions' && verifySignature(secret, header('x-privacy-timestamp'), header('x-privacy-signature'), raw);
          let body: Record<string, unknown> | null = null;
          try {
            body = JSON.parse(raw) as Record<string, unknown>;
          } catch {
            body = null;
          }
          const answer: ReceiverAnswer = !verified ? 401 : (receiver.answers.shift() ?? 204);
          deliveries.push({ raw, body, headers: req.headers, verified, answer });
          const deletes = answer === 'delete-then-hang' || (typeof answer === 'number' && answer >= 200 && answer < 300);
          if (verified && deletes && typeof body?.id === 'string' && typeof body.subject === 'string' && !deleted.has(body.id)) deleted.set(body.id, body.subject);
          if (answer === 'hang' || answer === 'delete-then-hang') {
            hanging.add(res);
            return;
          }
          res.writeHead(answer, answer >= 300 && answer < 400 ? { location: 'http://127.0.0.1:9/elsewhere' } : {});
          res.end();
        });
      });
      await new Promise<void>((resolve, reject) => {
        server!.once('error', reject);
        server!.listen(at, '127.0.0.1', () => resolve());
      });
      port = (server.address() as AddressInfo).port;
    },
    async close() {
      for (const res of hanging) res.destroy();
      hanging.clear();
      const s = server;
      server = null;
      if (!s) return;
      s.closeAllConnections();
      await new Promise<void>((resolve) => s.close(() => resolve()));
    },
  };
  return receiver;
}

/** A loopback port nothing listens on right now (the receiver is down: connection refused). */
export async function unusedPort(): Promise<number> {
  const s = http.createServer();
  await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', () => resolve()));
  const p = (s.address() as AddressInfo).port;
  await new Promise<void>((resolve) => s.close(() => resolve()));
  return p;
}
