import { loadConfig, ConfigError } from '../config';
import { openDatabase } from '../db/database';
import { DataDirLockedError } from '../db/dataDirLock';
import { createOpsToken, OpsTokenArgumentError, parseOpsTokenArgs } from './createOpsToken';

/**
 * `npm run ops:token -- --role publisher --name NAME [--days 90]`: creates a named ops token in
 * the database of DATABASE_URL, or in the PGlite folder while no server holds it. The token is
 * printed alone on the last line.
 */
async function main(): Promise<void> {
  const args = parseOpsTokenArgs(process.argv.slice(2));
  const config = loadConfig({ ...process.env, LOG_LEVEL: 'silent' });
  const database = await openDatabase(config.databaseUrl ? { kind: 'postgres', url: config.databaseUrl, poolSize: 1 } : { kind: 'pglite', dataDir: config.dataDir });
  try {
    const created = await createOpsToken(database.db, args);
    console.log(`Created ${args.role} token "${args.name}" (id ${created.id}), expires ${created.expiresAt}:`);
    console.log(created.token);
  } finally {
    await database.close();
  }
}

main().catch((err) => {
  if (err instanceof OpsTokenArgumentError || err instanceof ConfigError || err instanceof DataDirLockedError) console.error(err.message);
  else console.error(err);
  process.exit(1);
});
