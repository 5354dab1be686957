import fp from 'fastify-plugin';
import { openDatabase, type Database } from '../../db/database';

/** Opens the database (PGlite or PostgreSQL) with migrations applied, or adopts one given. */
export default fp<{ database?: Database }>(
  async (app, opts) => {
    const owned = !opts.database;
    const database =
      opts.database ??
      (await openDatabase(
        app.config.databaseUrl ? {
              kind: 'postgres',
              url: app.config.databaseUrl,
              poolSize: app.config.databasePoolSize,
              connectTimeoutMs: app.config.databaseTimeouts.connectMs,
              queryTimeoutMs: app.config.databaseTimeouts.queryMs,
            } : { kind: 'pglite', dataDir: app.config.dataDir },
      ));
    app.decorate('database', database);
    if (owned) app.addHook('onClose', async () => database.close());
  },
  { name: 'database' },
);
