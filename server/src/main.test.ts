import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { policyContentHash } from '@maison/privacy/contract';
import { bundledPolicy } from './domain/policyTools';

jest.setTimeout(240_000);

const ROOT = path.resolve(__dirname, '..', '..');
const TSX = path.join(ROOT, 'node_modules', '.bin', 'tsx');

interface Proc {
  output: () => string;
  exited: Promise<number | null>;
  kill: (signal: NodeJS.Signals) => void;
  waitFor: (re: RegExp) => Promise<RegExpMatchArray>;
}

function run(script: string, env: Record<string, string>, args: string[] = []): Proc {
  // node with tsx's loader (not the tsx CLI) so signals reach the server process itself.
  const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], { cwd: ROOT, env: { ...process.env, NODE_ENV: 'development', LOG_LEVEL: 'warn', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout.on('data', (d) => (out += String(d)));
  child.stderr.on('data', (d) => (out += String(d)));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return {
    output: () => out,
    exited,
    kill: (signal) => child.kill(signal),
    waitFor: async (re) => {
      for (let i = 0; i < 1200; i++) {
        const m = out.match(re);
        if (m) return m;
        if (child.exitCode !== null) throw new Error(`exited ${child.exitCode}: ${out}`);
        await new Promise((r) => setTimeout(r, 100));
      }
      throw new Error(`timed out waiting for ${re}: ${out}`);
    },
  };
}

describe('server process and ops:token command (PGlite folder)', () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'privacy-main-'));
  });
  afterAll(() => {
    fs.rmSync(dir, { recursive: true, force: true });
  });
  const env = () => ({ DATA_DIR: dir, PORT: '0', DEV_LOGIN: '1' });

  it('seeds the bundled policy, prints a first ops token once, refuses a second process, and closes on signals', async () => {
    const a = run('server/src/main.ts', env());
    const [, url] = await a.waitFor(/listening on (http:\/\/127\.0\.0\.1:\d+)/);
    const [, token] = await a.waitFor(/^OPS_TOKEN=(ops_[A-Za-z0-9_-]+)$/m);
    expect(a.output()).toContain('DEV_LOGIN=1');

    const current = await (await fetch(`${url}/v1/policy/current`)).json();
    expect(current.version).toBe(1);
    expect(current.contentHash).toBe(policyContentHash(bundledPolicy()!));
    expect((await fetch(`${url}/v1/admin/policies`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(200);

    const b = run('server/src/main.ts', env());
    expect(await b.exited).toBe(1);
    expect(b.output()).toMatch(/in use by process \d+/);

    const busy = spawnSync(TSX, ['server/src/commands/opsTokenCli.ts', '--role', 'viewer', '--name', 'ana'], { cwd: ROOT, env: { ...process.env, ...env() }, encoding: 'utf8' });
    expect(busy.status).toBe(1);
    expect(busy.stderr).toMatch(/in use by process/);

    a.kill('SIGTERM');
    expect(await a.exited).toBe(0);
    expect(fs.existsSync(path.join(dir, 'server.lock'))).toBe(false);

    const cli = spawnSync(TSX, ['server/src/commands/opsTokenCli.ts', '--role', 'publisher', '--name', 'Wang Fang'], { cwd: ROOT, env: { ...process.env, ...env() }, encoding: 'utf8' });
    expect(cli.status).toBe(0);
    const lines = cli.stdout.trim().split('\n');
    const cliToken = lines[lines.length - 1]!;
    expect(cliToken).toMatch(/^ops_[A-Za-z0-9_-]{40,}$/);

    const again = run('server/src/main.ts', env());
    const [, url2] = await again.waitFor(/listening on (http:\/\/127\.0\.0\.1:\d+)/);
    const tokens = await (await fetch(`${url2}/v1/admin/tokens`, { headers: { authorization: `Bearer ${cliToken}` } })).json();
    expect(tokens.tokens.map((t: { name: string }) => t.name).sort()).toEqual(['Wang Fang', 'first-publisher']);
    expect((await (await fetch(`${url2}/v1/policy/current?include=meta`)).json()).version).toBe(1);
    again.kill('SIGINT');
    expect(await again.exited).toBe(0);
    expect(again.output()).not.toContain('OPS_TOKEN=');
  });

  it('refuses bad settings at boot with the setting named', async () => {
    const bad = run('server/src/main.ts', { ...env(), PORT: 'eighty' });
    expect(await bad.exited).toBe(1);
    expect(bad.output()).toContain('Cannot start: PORT must be a whole number');
    const cli = spawnSync(TSX, ['server/src/commands/opsTokenCli.ts', '--role', 'root'], { cwd: ROOT, env: { ...process.env, ...env() }, encoding: 'utf8' });
    expect(cli.status).toBe(1);
    expect(cli.stderr).toContain('--role must be one of viewer, publisher');
  });
});
