/**
 * Deletion notices to the overseas receiver survive the server process being killed (SIGKILL, no
 * shutdown hooks), on PostgreSQL: a notice the receiver could not take is sent by the next process;
 * one the receiver acted on but whose answer never reached the sender is sent again, same id, and
 * the receiver (which deletes once per id) answers it; each ends acknowledged, recorded once.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { sql } from 'kysely';
import { build, publishPolicy, tinyPolicy, TEST_PSEUDONYM_KEY, type TestServer } from '../../server/test/helper';
import { fakeReceiver, unusedPort, type FakeReceiver } from '../../server/test/fakeReceiver';
import { purgeFixture, type PurgeFixture } from '../../server/test/purgeFixtures';
import { ROOT } from '../build';

jest.setTimeout(300_000);

const adminUrl = process.env.TEST_DATABASE_URL;
if (!adminUrl) throw new Error('TEST_DATABASE_URL is not set: run this suite through `npm run test:reliability`.');

const SECRET = 'reliability-receiver-secret-0123456789';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until(what: string, check: () => Promise<boolean> | boolean, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(50);
  }
}

/** The backend as its own OS process, sending notices to `receiverUrl`; it purges nothing itself. */
async function startBackend(databaseUrl: string, receiverUrl: string): Promise<{ child: ChildProcess; kill(): Promise<void> }> {
  const port = await unusedPort();
  const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'server/src/main.ts')], {
    cwd: ROOT,
    stdio: ['ignore', 'ignore', 'pipe'],
    env: {
      ...process.env,
      NODE_ENV: 'test',
      HOST: '127.0.0.1',
      PORT: String(port),
      DATABASE_URL: databaseUrl,
      DEV_LOGIN: '1',
      PSEUDONYM_KEY: TEST_PSEUDONYM_KEY,
      LOG_LEVEL: 'silent',
      PURGE_INTERVAL_SECONDS: '0',
      OVERSEAS_RECEIVER_URL: receiverUrl,
      OVERSEAS_RECEIVER_SECRET: SECRET,
      OVERSEAS_RECEIVER_TIMEOUT_MS: '2000',
      OVERSEAS_RECEIVER_RETRY_MS: '100',
      OVERSEAS_RECEIVER_RETRY_MAX_MS: '400',
    },
  });
  let stderr = '';
  child.stderr!.on('data', (c: Buffer) => (stderr = (stderr + c.toString()).slice(-4000)));
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`backend exited during start (${child.exitCode}): ${stderr}`);
    if (await fetch(`http://127.0.0.1:${port}/readyz`).then((r) => r.status === 200, () => false)) break;
    if (Date.now() > deadline) throw new Error(`backend not ready within 60 s: ${stderr}`);
    await sleep(100);
  }
  return {
    child,
    kill: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise<void>((r) => child.once('exit', () => r()));
      child.kill('SIGKILL');
      await exited;
    },
  };
}

describe('deletion notices across a killed server process (PostgreSQL)', () => {
  let s: TestServer;
  let version: number;
  let databaseUrl: string;
  let receiver: FakeReceiver;
  const processes: { kill(): Promise<void> }[] = [];

  const notice = (p: PurgeFixture) => s.db.selectFrom('receiver_deletions').selectAll().where('subject_hash', '=', s.app.pseudonyms.cancellation(p.userId)).executeTakeFirstOrThrow();
  const deliveriesOf = (p: PurgeFixture) => receiver.deliveries.filter((d) => d.body?.subject === s.app.pseudonyms.overseas(p.userId));

  beforeAll(async () => {
    s = await build({ name: 'postgres', adminUrl });
    version = await publishPolicy(s, tinyPolicy('receiver-restart'), true);
    const url = new URL(adminUrl);
    url.pathname = `/${(await sql<{ db: string }>`select current_database() as db`.execute(s.db)).rows[0]!.db}`;
    databaseUrl = url.toString();
  });
  afterEach(async () => {
    for (const p of processes.splice(0)) await p.kill();
    await receiver?.close();
  });
  afterAll(async () => s?.close());

  it('a notice the receiver could not take (500s) when the process was killed is sent by the next process', async () => {
    receiver = fakeReceiver(SECRET);
    receiver.answers = Array.from({ length: 1000 }, () => 500);
    await receiver.listen();
    const p = await purgeFixture(s, version, 'restart-down');
    // The purge commits the notice (this process has no endpoint: it queues only).
    expect(await s.app.purger.runOnce()).toBe(1);
    const first = await startBackend(databaseUrl, receiver.url);
    processes.push(first);
    await until('two refused attempts', () => deliveriesOf(p).length >= 2);
    await first.kill();
    const before = await notice(p);
    expect(before.acknowledged_at).toBeNull();
    expect(before.last_error).toBe('HTTP 500');

    receiver.answers = [];
    processes.push(await startBackend(databaseUrl, receiver.url));
    await until('the acknowledgement', async () => (await notice(p)).acknowledged_at !== null);
    const tries = deliveriesOf(p);
    expect(tries.every((d) => d.verified)).toBe(true);
    expect(new Set(tries.map((d) => d.body!.id)).size).toBe(1);
    expect(tries.at(-1)!.answer).toBe(204);
    expect(await notice(p)).toMatchObject({ acknowledged_status: 204, receiver_subject: null, last_error: null, attempts: tries.length });
  });

  it('a notice the receiver acted on, with the process killed before the answer arrived, is sent again with the same id and recorded once', async () => {
    receiver = fakeReceiver(SECRET);
    receiver.answers = ['delete-then-hang'];
    await receiver.listen();
    const p = await purgeFixture(s, version, 'restart-lost-answer');
    expect(await s.app.purger.runOnce()).toBe(1);
    const first = await startBackend(databaseUrl, receiver.url);
    processes.push(first);
    await until('the first delivery', () => deliveriesOf(p).length === 1);
    // Killed while waiting for the answer: the receiver has deleted, the sender does not know.
    await first.kill();
    const id = String(deliveriesOf(p)[0]!.body!.id);
    expect(receiver.deleted.get(id)).toBe(s.app.pseudonyms.overseas(p.userId));
    expect(await notice(p)).toMatchObject({ acknowledged_at: null, attempts: 1 });

    // The next process waits out the dead one's claim (its timeout and a margin), then sends it again.
    processes.push(await startBackend(databaseUrl, receiver.url));
    await until('the acknowledgement of the resent notice', async () => (await notice(p)).acknowledged_at !== null);
    const tries = deliveriesOf(p);
    expect(tries.map((d) => [d.body!.id, d.verified])).toEqual([
      [id, true],
      [id, true],
    ]);
    expect(receiver.deleted.size).toBe(1);
    expect(await notice(p)).toMatchObject({ notification_id: id, attempts: 2, acknowledged_status: 204, receiver_subject: null });
    // Acknowledged: nothing more is sent.
    await sleep(1500);
    expect(deliveriesOf(p)).toHaveLength(2);
  });
});
