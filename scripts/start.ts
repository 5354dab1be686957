/**
 * `npm start`: builds the h5 shop for production, then starts the backend on 127.0.0.1 with the
 * embedded database (PGlite in .data/, or PostgreSQL with DATABASE_URL), serving the shop and the
 * ops console (built with Vite first). The browser demo has no WeChat login, so it runs with DEV_LOGIN=1 and says so.
 */
import { execFileSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { startServer } from '../server/src';

const ROOT = resolve(__dirname, '..');

async function main(): Promise<void> {
  console.log('Building the ops console…');
  execFileSync('npm', ['run', '--silent', 'build:console'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, NODE_ENV: 'production', VITE_CONFIG_NATIVE_IGNORE_WARNING: 'true' } });
  console.log('Building the h5 shop (production)…');
  execFileSync(join(ROOT, 'node_modules', '.bin', 'taro'), ['build', '--type', 'h5'], {
    cwd: ROOT,
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, NODE_ENV: 'production' },
  });

  const devLogin = process.env.NODE_ENV !== 'production';
  // Dev login is accepted only with NODE_ENV=development on a loopback address: the demo says so.
  const server = await startServer({
    env: { ...process.env, NODE_ENV: devLogin ? 'development' : 'production' },
    port: Number(process.env.PORT ?? 3000),
    devLogin,
    staticDir: join(ROOT, 'dist', 'h5'),
  });
  const db = server.config.databaseUrl ? 'PostgreSQL (DATABASE_URL)' : `PGlite in ${server.config.dataDir}`;
  console.log(`\nShop (h5):    ${server.url}/`);
  console.log(`Ops console:  ${server.url}/ops`);
  console.log(`API docs:     ${server.url}/openapi.json`);
  console.log(`Database:     ${db}`);
  if (devLogin) console.log('Login:        DEV_LOGIN=1 (browser demo without WeChat: dev:<name> login codes are accepted)');
  if (server.firstOpsToken) console.log(`\nOPS_TOKEN=${server.firstOpsToken}`);

  const stop = async () => {
    await server.close();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
