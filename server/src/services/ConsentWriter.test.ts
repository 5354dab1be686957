import type { LedgerEvent } from '@maison/privacy/contract';
import { reduceLedger } from '@maison/privacy/contract';
import { build, publishPolicy, testTargets, tinyPolicy, type TestServer } from '../../test/helper';
import { sha256Hex } from '../domain/tokens';
import type { AppendOutcome, AppendRequest } from '../repositories/ConsentRepository';
import { ConsentRepository } from '../repositories/ConsentRepository';
import { ConsentWriter } from './ConsentWriter';

jest.setTimeout(60_000);

const event = (id: string, policyVersion = 1, purpose = 'marketing'): LedgerEvent =>
  ({ id, kind: 'consent', purpose, value: 'granted', policyVersion, deviceId: 'dev-w', occurredAt: '2026-03-01T00:00:00.000Z', source: 'settings' }) as LedgerEvent;
const request = (tag: string, size = 1): AppendRequest => ({ tokenHash: tag, events: Array.from({ length: size }, (_, i) => event(`${tag}-${i}`)) });
const stored = (r: AppendRequest): AppendOutcome => ({ kind: 'stored', userId: r.tokenHash, accepted: r.events.length, duplicates: 0, state: reduceLedger([]) });

/** A repository double whose statements finish only when the test says so. */
function heldRepository(fail: (r: AppendRequest) => Error | null = () => null) {
  const calls: { requests: AppendRequest[]; finish(): void }[] = [];
  const repo = {
    appendAll: (requests: readonly AppendRequest[]) =>
      new Promise<AppendOutcome[]>((resolve, reject) => {
        calls.push({
          requests: [...requests],
          finish: () => {
            const err = requests.map(fail).find((e) => e !== null);
            if (err) reject(err);
            else resolve(requests.map(stored));
          },
        });
      }),
  };
  return { repo, calls, sizes: () => calls.map((c) => c.requests.map((r) => r.tokenHash)) };
}

const flush = () => new Promise((resolve) => setImmediate(resolve));

describe('ConsentWriter', () => {
  it('sends a lone request at once, and the requests that arrive while statements are in flight together in the next', async () => {
    const { repo, calls, sizes } = heldRepository();
    const writer = new ConsentWriter(repo, { statements: 2, maxEvents: 1000 });
    const results = ['a', 'b', 'c', 'd', 'e'].map((tag) => writer.append(request(tag)));
    await flush();
    expect(sizes()).toEqual([['a'], ['b']]);
    calls[1]!.finish();
    await flush();
    expect(sizes()).toEqual([['a'], ['b'], ['c', 'd', 'e']]);
    calls[0]!.finish();
    calls[2]!.finish();
    expect((await Promise.all(results)).map((o) => o.kind === 'stored' && o.userId)).toEqual(['a', 'b', 'c', 'd', 'e']);
  });

  it('keeps a statement within maxEvents, but never splits a request', async () => {
    const { repo, calls, sizes } = heldRepository();
    const writer = new ConsentWriter(repo, { statements: 1, maxEvents: 10 });
    const results = [request('first'), request('a', 4), request('b', 4), request('c', 4), request('huge', 25), request('d', 1)].map((r) => writer.append(r));
    for (let i = 0; i < 5; i++) {
      await flush();
      calls[i]!.finish();
    }
    await Promise.all(results);
    expect(sizes()).toEqual([['first'], ['a', 'b'], ['c'], ['huge'], ['d']]);
    expect(calls.map((c) => c.requests.reduce((n, r) => n + r.events.length, 0))).toEqual([1, 8, 4, 25, 1]);
  });

  it('retries each request of a failed shared statement alone, so only the faulty one fails', async () => {
    const { repo, calls, sizes } = heldRepository((r) => (r.tokenHash === 'bad' ? new Error('invalid input syntax for type integer') : null));
    const writer = new ConsentWriter(repo, { statements: 1, maxEvents: 1000 });
    const results = ['first', 'a', 'bad', 'b'].map((tag) => writer.append(request(tag)).then((o) => o.kind, (err: Error) => err.message));
    for (let i = 0; i < 5; i++) {
      await flush();
      calls[i]?.finish();
    }
    expect(await Promise.all(results)).toEqual(['stored', 'stored', 'invalid input syntax for type integer', 'stored']);
    expect(sizes()).toEqual([['first'], ['a', 'bad', 'b'], ['a'], ['bad'], ['b']]);
  });

  it('fails every request of a statement lost to an outage, without retrying it', async () => {
    const outage = Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
    const { repo, calls, sizes } = heldRepository(() => outage);
    const writer = new ConsentWriter(repo, { statements: 1, maxEvents: 1000 });
    const results = ['first', 'a', 'b'].map((tag) => writer.append(request(tag)).then((o) => o.kind, (err: Error) => err.message));
    for (let i = 0; i < 3; i++) {
      await flush();
      calls[i]?.finish();
    }
    expect(await Promise.all(results)).toEqual(['connect ECONNREFUSED', 'connect ECONNREFUSED', 'connect ECONNREFUSED']);
    expect(sizes()).toEqual([['first'], ['a', 'b']]);
  });

  it('refuses a request with 503 at once when too many events already wait, and takes requests again once they drain', async () => {
    const { repo, calls, sizes } = heldRepository();
    const writer = new ConsentWriter(repo, { statements: 1, maxEvents: 100, maxWaitingEvents: 10 });
    const outcome = (r: AppendRequest) => writer.append(r).then((o) => o.kind, (err: { statusCode?: number; message: string }) => `${err.statusCode} ${err.message}`);
    const first = outcome(request('first', 50)); // in flight: it does not wait
    const queued = [outcome(request('a', 6)), outcome(request('b', 4))]; // 10 events wait
    const refused = await outcome(request('c', 1));
    expect(refused).toBe('503 The service is busy, try again shortly');
    await flush();
    calls[0]!.finish();
    await flush();
    calls[1]!.finish();
    expect(await Promise.all([first, ...queued])).toEqual(['stored', 'stored', 'stored']);
    const again = outcome(request('d', 8));
    await flush();
    calls[2]!.finish();
    expect(await again).toBe('stored');
    expect(sizes()).toEqual([['first'], ['a', 'b'], ['d']]);
  });

  it('refuses settings that could never write', () => {
    const { repo } = heldRepository();
    expect(() => new ConsentWriter(repo, { statements: 0, maxEvents: 10 })).toThrow('at least one statement');
    expect(() => new ConsentWriter(repo, { statements: 1, maxEvents: 0 })).toThrow('at least one statement');
  });
});

describe.each(testTargets())('ConsentWriter on $name', (target) => {
  let s: TestServer;
  let version: number;
  beforeAll(async () => {
    s = await build(target);
    version = await publishPolicy(s, tinyPolicy('writer'), true);
  });
  afterAll(async () => s?.close());

  it('stores concurrent requests as if written one by one in arrival order: each id once, duplicates counted, states current', async () => {
    const repo = new ConsentRepository(s.db);
    const sizes: number[] = [];
    const writer = new ConsentWriter({ appendAll: (r) => (sizes.push(r.length), repo.appendAll(r)) }, { statements: 1, maxEvents: 1000 });
    // Six shoppers; the first two are one user signed in on two devices.
    const first = await s.login('writer-shared');
    const shoppers = [first, await s.login('writer-shared'), ...(await Promise.all([1, 2, 3, 4].map((i) => s.login(`writer-${i}`))))];
    expect(shoppers[1]!.userId).toBe(first.userId);
    const purposes = ['marketing', 'personalisation', 'analytics'];
    // Each shopper sends 8 batches at once, each repeating ids of earlier batches and of the other device.
    const sent: { userId: string; request: AppendRequest }[] = [];
    for (let b = 0; b < 8; b++) {
      for (const [k, shopper] of shoppers.entries()) {
        const ids = [`b${b}-k${k}`, `b${b}-k${k}-x`, `b${Math.max(0, b - 1)}-k${k}`, `shared-${b % 3}`];
        const events = ids.map((id, i) => ({ ...event(id, version, purposes[(b + i) % 3]!), value: (b + k + i) % 2 ? 'granted' : 'withdrawn' }) as LedgerEvent);
        sent.push({ userId: shopper.userId, request: { tokenHash: sha256Hex(shopper.token), events } });
      }
    }
    const outcomes = await Promise.all(sent.map((x) => writer.append(x.request)));
    expect(Math.max(...sizes)).toBeGreaterThan(1);
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(sent.length);

    // The reference: the same requests one by one, in arrival order.
    const seen = new Map<string, string[]>();
    sent.forEach(({ userId, request: r }, i) => {
      const ids = seen.get(userId) ?? [];
      seen.set(userId, ids);
      let accepted = 0;
      for (const e of r.events) {
        if (ids.includes(e.id)) continue;
        ids.push(e.id);
        accepted++;
      }
      const outcome = outcomes[i]!;
      if (outcome.kind !== 'stored') throw new Error(`request ${i} refused`);
      expect({ i, userId: outcome.userId, accepted: outcome.accepted, duplicates: outcome.duplicates }).toEqual({ i, userId, accepted, duplicates: r.events.length - accepted });
    });
    for (const [userId, ids] of seen) {
      const events = await repo.list(userId);
      expect(events.map((e) => e.id)).toEqual(ids);
      const last = outcomes.filter((o, i) => sent[i]!.userId === userId && o.kind === 'stored').at(-1);
      expect(last?.kind === 'stored' && last.state).toEqual(reduceLedger(events));
    }
  });

  it('lets a request that breaks the shared statement fail alone: the others are stored, it stores nothing', async () => {
    const repo = new ConsentRepository(s.db);
    const writer = new ConsentWriter(repo, { statements: 1, maxEvents: 1000 });
    const shoppers = await Promise.all(['a', 'b', 'c', 'd'].map((t) => s.login(`writer-fault-${t}`)));
    const requests = shoppers.map((sh, i) => ({ tokenHash: sha256Hex(sh.token), events: [event(`fault-${i}`, i === 2 ? 1.5 : version)] }));
    const results = await Promise.all(requests.map((r) => writer.append(r).then((o) => o.kind, (err: Error) => `failed: ${err.message}`)));
    expect(results.slice(0, 2)).toEqual(['stored', 'stored']);
    expect(results[2]).toMatch(/^failed: .*integer/);
    expect(results[3]).toBe('stored');
    const counts = await Promise.all(shoppers.map(async (sh) => (await repo.list(sh.userId)).length));
    expect(counts).toEqual([1, 1, 0, 1]);
  });
});
