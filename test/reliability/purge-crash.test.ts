/**
 * The purge job's process is killed (SIGKILL) right after each step, with its transaction open,
 * then run again: every time the end state equals an uncrashed purge's, nothing is done twice,
 * and no text column anywhere still holds the shopper's identifiers.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { sql } from 'kysely';
import { PURGE_STEPS, type PurgeStep } from '../../server/src';
import { build, publishPolicy, tinyPolicy, type TestServer } from '../../server/test/helper';
import { expectFullyPurged, purgedEndState, purgeFixture } from '../../server/test/purgeFixtures';
import { ROOT } from '../build';

jest.setTimeout(300_000);

const adminUrl = process.env.TEST_DATABASE_URL;
if (!adminUrl) throw new Error('TEST_DATABASE_URL is not set: run this suite through `npm run test:reliability`.');

/** Runs the purge worker as its own process; resolves with its exit signal or code and output. */
function runWorker(databaseUrl: string, overseasReceiver: string, crashAt?: PurgeStep): Promise<{ signal: NodeJS.Signals | null; code: number | null; stdout: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(__dirname, 'purgeWorker.ts')], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: databaseUrl, OVERSEAS_RECEIVER: overseasReceiver, ...(crashAt ? { CRASH_AT: crashAt } : {}) },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let stdout = '';
    child.stdout!.on('data', (c: Buffer) => (stdout += c.toString()));
    child.on('error', reject);
    child.on('exit', (code, signal) => resolve({ code, signal, stdout }));
  });
}

describe('purge worker killed at each step (PostgreSQL)', () => {
  let s: TestServer;
  let version: number;
  let url: string;

  beforeAll(async () => {
    s = await build({ name: 'postgres', adminUrl });
    version = await publishPolicy(s, tinyPolicy('purge-crash'), true);
    url = (await sql<{ db: string }>`select current_database() as db`.execute(s.db)).rows[0]!.db;
    const u = new URL(adminUrl);
    u.pathname = `/${url}`;
    url = u.toString();
  });
  afterAll(async () => s?.close());

  it.each(PURGE_STEPS.map((step) => [step]))('after a kill at %s, a rerun reaches the uncrashed end state once', async (step: PurgeStep) => {
    const receiver = s.app.config.overseasReceiver;
    const reference = await purgeFixture(s, version, `ref-${step}`);
    expect(await runWorker(url, receiver)).toMatchObject({ code: 0, stdout: expect.stringContaining('"purged":1') });
    const expected = await purgedEndState(s.db, reference);

    const victim = await purgeFixture(s, version, `kill-${step}`);
    const killed = await runWorker(url, receiver, step);
    expect(killed.signal).toBe('SIGKILL');
    // The kill left either the committed claim or nothing: the account is still whole.
    expect((await s.db.selectFrom('users').select('id').where('id', '=', victim.userId).execute()).length).toBe(1);
    const mid = await s.db.selectFrom('cancellation_requests').select('status').where('user_id', '=', victim.userId).orderBy('requested_at', 'desc').executeTakeFirst();
    expect(['pending', 'processing']).toContain(mid?.status);

    // The rerun (another process) finds the half-done work, also behind the dead one's locks.
    const rerun = await runWorker(url, receiver);
    expect(rerun).toMatchObject({ code: 0, stdout: expect.stringContaining('"purged":1') });
    expect(await purgedEndState(s.db, victim)).toEqual(expected);
    await expectFullyPurged(s, victim);
    // A third run has nothing left to do.
    expect(await runWorker(url, receiver)).toMatchObject({ code: 0, stdout: expect.stringContaining('"purged":0') });
  });
});
