import { ConfigError } from './config';
import { DataDirLockedError } from './db/dataDirLock';
import { startServer } from './index';

/** Boots the backend from the environment: `tsx server/src/main.ts`. */
async function main(): Promise<void> {
  // Handlers first: a signal during start-up waits for the database to open, then closes it.
  let stopRequested: string | null = null;
  let stop = (signal: string) => {
    stopRequested = signal;
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));

  const server = await startServer({ port: process.env.PORT ? undefined : 3000 });
  const { config, url } = server;
  const lines = [
    `Backend listening on ${url} (${config.databaseUrl ? 'PostgreSQL' : `PGlite in ${config.dataDir ?? 'memory'}`})`,
    config.staticDir ? `Shop (h5): ${url}/` : null,
    `Ops console: ${url}/ops`,
    `OpenAPI: ${url}/openapi.json`,
    config.douyin ? `Douyin login: on (code2Session at ${config.douyin.apiBase})` : null,
    config.devLogin ? 'DEV_LOGIN=1: "dev:<name>" login codes are accepted (demo only; the h5 app has no WeChat login)' : null,
  ];
  for (const l of lines) if (l) console.log(l);
  // On a line of its own so scripts can pick it up; printed once, on an empty embedded database only.
  if (server.firstOpsToken) console.log(`OPS_TOKEN=${server.firstOpsToken}`);

  let stopping = false;
  stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal}: closing`);
    // PGlite has no crash recovery: close it before exiting.
    server.close().then(
      () => process.exit(0),
      (err) => {
        console.error(err);
        process.exit(1);
      },
    );
  };
  if (stopRequested) stop(stopRequested);
}

main().catch((err) => {
  if (err instanceof ConfigError || err instanceof DataDirLockedError) {
    console.error(`Cannot start: ${err.message}`);
  } else {
    console.error(err);
  }
  process.exit(1);
});
