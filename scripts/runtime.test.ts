import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { MIN_NODE_MAJOR, nodeVersionProblem } from './runtime';

const ROOT = join(__dirname, '..');
const major = (version: string) => Number.parseInt(version.replace(/^v/, ''), 10);

function versionOf(command: string, args: string[]): string {
  const r = spawnSync(command, args, { cwd: ROOT, env: process.env, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${command} ${args.join(' ')} failed (${r.status}): ${r.stderr}`);
  return r.stdout.trim();
}

describe('the Node the project runs on', () => {
  it('refuses Node 20 with the fix named, accepts 22 and 24', () => {
    const problem = nodeVersionProblem('20.20.2', '/usr/bin/node');
    expect(problem).toContain('Node 20.20.2 (/usr/bin/node)');
    expect(problem).toContain('needs Node 22 or later');
    expect(problem).toContain('npm install');
    expect(nodeVersionProblem('v18.19.0', 'node')).not.toBeNull();
    expect(nodeVersionProblem('22.23.3', 'node')).toBeNull();
    expect(nodeVersionProblem('24.1.0', 'node')).toBeNull();
  });

  it('says the same version in every engines field', () => {
    for (const file of ['package.json', 'server/package.json', 'src/privacy/package.json']) {
      expect(JSON.parse(readFileSync(join(ROOT, file), 'utf8')).engines).toEqual({ node: `>=${MIN_NODE_MAJOR}` });
    }
  });

  // This file runs in a Jest worker (forked with the runner's process.execPath); the commands below
  // are how the suite and the scripts start other processes: by execPath, by `node` on the path
  // (spawnSync('node', …) and every `#!/usr/bin/env node` bin: taro, tsx, jest, vite), and through npx.
  it(`runs the tests and every child process on Node ${MIN_NODE_MAJOR} or later`, () => {
    expect(major(process.versions.node)).toBeGreaterThanOrEqual(MIN_NODE_MAJOR);
    const seen = {
      execPath: versionOf(process.execPath, ['-p', 'process.versions.node']),
      pathNode: versionOf('node', ['-p', 'process.versions.node']),
      envShebang: versionOf('/usr/bin/env', ['node', '-p', 'process.versions.node']),
      npx: versionOf('npx', ['--no', '--', 'node', '-p', 'process.versions.node']),
    };
    const verdict = Object.fromEntries(Object.entries(seen).map(([how, v]) => [how, major(v) >= MIN_NODE_MAJOR ? 'ok' : `Node ${v}`]));
    expect(verdict).toEqual({ execPath: 'ok', pathNode: 'ok', envShebang: 'ok', npx: 'ok' });
  });
});
