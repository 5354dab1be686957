/** The real backend serving the h5 production build, on a free port with an in-memory PGlite. */
import { startServer, type RunningServer } from '../../server/src';
import { ensureProductionBuild } from '../build';

/** `env`: more environment, e.g. the `SMS_*` variables of a fake SMS provider (server/test/fakeSms.ts). */
export async function startShop(options: { coolingOffSeconds?: number; purgeIntervalSeconds?: number; env?: Record<string, string> } = {}): Promise<RunningServer> {
  const staticDir = ensureProductionBuild('h5');
  return startServer({
    port: 0,
    dataDir: null,
    devLogin: true,
    staticDir,
    logLevel: 'silent',
    purgeIntervalSeconds: options.purgeIntervalSeconds ?? 0,
    coolingOffSeconds: options.coolingOffSeconds,
    env: { ...process.env, NODE_ENV: 'test', ...options.env },
  });
}
