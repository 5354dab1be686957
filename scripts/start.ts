/**
 * `npm start`: builds the h5 shop for production and the backend to JavaScript (server/dist), then
 * starts that compiled backend on 127.0.0.1 with the embedded database (PGlite in .data/, or
 * PostgreSQL with DATABASE_URL), serving the shop and the ops console (built with Vite first).
 *
 * NODE_ENV decides the mode before anything is built (scripts/start-mode.ts): unset or
 * `development` is the browser demo with dev login (the h5 shop has no WeChat login), said on the
 * first line; `production` runs without it; any other value is refused with the accepted ones named.
 */
import { execFileSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import type * as Server from '../server/src';
import { requireSupportedNode } from './runtime';
import { startMode } from './start-mode';

const ROOT = resolve(__dirname, '..');

function refuse(message: string): never {
  console.error(`\n✖ ${message}\n`);
  process.exit(1);
}

async function main(): Promise<void> {
  requireSupportedNode();
  const mode = startMode(process.env);
  if (!mode.ok) refuse(mode.message);
  console.log(mode.summary);
  const env = { ...process.env, NODE_ENV: mode.nodeEnv, DEV_LOGIN: mode.devLogin ? '1' : '0' };

  console.log('Building the backend (server/dist)…');
  execFileSync(process.execPath, [join(ROOT, 'server', 'scripts', 'build.mjs'), '--if-stale'], { cwd: join(ROOT, 'server'), stdio: ['ignore', 'ignore', 'inherit'] });
  // The compiled backend, as production runs it; its settings are checked before the slow builds.
  const server: typeof Server = require(join(ROOT, 'server', 'dist', 'index.js'));
  const staticDir = join(ROOT, 'dist', 'h5');
  try {
    server.loadConfig({ ...env, STATIC_DIR: staticDir });
  } catch (err) {
    if (err instanceof server.ConfigError) refuse(`Cannot start: ${err.message}`);
    throw err;
  }

  console.log('Building the ops console…');
  execFileSync('npm', ['run', '--silent', 'build:console'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, NODE_ENV: 'production', VITE_CONFIG_NATIVE_IGNORE_WARNING: 'true' } });
  console.log('Building the h5 shop (production)…');
  execFileSync(join(ROOT, 'node_modules', '.bin', 'taro'), ['build', '--type', 'h5'], {
    cwd: ROOT,
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, NODE_ENV: 'production' },
  });

  const running = await server.startServer({ env, port: Number(process.env.PORT ?? 3000), devLogin: mode.devLogin, staticDir });
  const db = running.config.databaseUrl ? 'PostgreSQL (DATABASE_URL)' : `PGlite in ${running.config.dataDir}`;
  console.log(`\nShop (h5):    ${running.url}/`);
  console.log(`Ops console:  ${running.url}/ops`);
  console.log(`API docs:     ${running.url}/openapi.json`);
  console.log(`Database:     ${db}`);
  console.log(`Mode:         NODE_ENV=${running.config.nodeEnv}, Node ${process.versions.node}`);
  console.log(
    running.config.devLogin
      ? 'Login:        DEV_LOGIN=1 (browser demo without WeChat: dev:<name> login codes are accepted)'
      : 'Login:        WeChat only (no dev login)',
  );
  if (running.firstOpsToken) console.log(`\nOPS_TOKEN=${running.firstOpsToken}`);

  const stop = async () => {
    await running.close();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
