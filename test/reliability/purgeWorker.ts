/**
 * A purge worker process for the crash suite: runs the AccountPurger against DATABASE_URL and,
 * when CRASH_AT names a step, kills itself with SIGKILL right after that step ran, leaving
 * whatever transaction was open to the database.
 */
import { AccountPurger, openDatabase, type PurgeStep } from '../../server/src';
import { OVERSEAS_PURPOSES } from '../../server/src/deployment';
import { Pseudonyms } from '../../server/src/domain/pseudonyms';
import { TEST_PSEUDONYM_KEY } from '../../server/test/pseudonymKey';

async function main(): Promise<void> {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('DATABASE_URL is required');
  const crashAt = process.env.CRASH_AT as PurgeStep | undefined;
  const database = await openDatabase({ kind: 'postgres', url, poolSize: 2 });
  const purger = new AccountPurger(database.db, {
    pseudonyms: new Pseudonyms(process.env.PSEUDONYM_KEY ?? TEST_PSEUDONYM_KEY),
    receiver: process.env.OVERSEAS_RECEIVER ?? 'overseas-group-entity',
    overseasPurposes: OVERSEAS_PURPOSES,
    onStep: (step) => {
      if (step === crashAt) process.kill(process.pid, 'SIGKILL');
    },
  });
  const purged = await purger.runOnce();
  await database.close();
  console.log(JSON.stringify({ purged }));
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
