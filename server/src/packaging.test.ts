import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import { builtinModules } from 'node:module';
import { join, relative } from 'node:path';
import { ensureServerBuild } from '../../test/build';

jest.setTimeout(120_000);

const ROOT = join(__dirname, '../..');
const SERVER = join(ROOT, 'server');
const serverPackage = JSON.parse(fs.readFileSync(join(SERVER, 'package.json'), 'utf8')) as { scripts: Record<string, string>; dependencies: Record<string, string> };

/** Build tools and front-end packages: none of them runs in the backend. */
const BUILD_TOOLS = /^(tsx|esbuild|@esbuild\/.*|typescript|ts-node|@swc\/.*|@babel\/.*|babel-.*|rollup|@rollup\/.*|rolldown|@rolldown\/.*|vite|postcss|postcss-.*|webpack|webpack-.*|terser|sass|less|jest|@jest\/.*|@tarojs\/.*|react|react-dom|mobx|mobx-react-lite)$/;

/**
 * The server's production tree: `npm ls --workspace server --omit=dev --all --parseable`, what
 * `npm install --omit=dev` keeps for it (optional peers included, when something pulls them in).
 * One entry per installed folder, as its path below the repository.
 */
function productionTree(): string[] {
  return execFileSync('npm', ['ls', '--workspace', 'server', '--omit=dev', '--all', '--parseable'], { cwd: ROOT, encoding: 'utf8' })
    .split('\n')
    .filter((p) => p.includes('node_modules/'))
    .map((p) => relative(ROOT, p));
}
const packageName = (path: string) => path.replace(/^.*node_modules\//, '');

describe('the backend as its own package', () => {
  it('installs for production with what it runs and no build tool, Taro, React or MobX', () => {
    const tree = productionTree();
    const names = [...new Set(tree.map(packageName))];
    expect(names).toEqual(expect.arrayContaining(['fastify', 'kysely', 'pg', '@electric-sql/pglite']));
    expect(names.filter((name) => BUILD_TOOLS.test(name))).toEqual([]);
    // The privacy package is compiled into dist/ (its contract, data and config entry points), so
    // its optional peers (Taro, React, MobX, with webpack and Babel behind them) stay out.
    expect(names).not.toContain('@maison/privacy');
    // Measured 2026-12 with Node 22: 124 folders (517 when the server ran TypeScript through tsx and
    // depended on the privacy package's sources). Room for a patch release's new helper, not for a toolchain.
    expect(tree.length).toBeLessThan(160);
  });

  it('runs compiled JavaScript: start and ops:token are plain node on dist/', () => {
    expect(serverPackage.scripts.start).toBe('node --enable-source-maps dist/main.js');
    expect(serverPackage.scripts['ops:token']).toBe('node --enable-source-maps dist/ops-token.js');
    const dist = ensureServerBuild();
    const required = new Set<string>();
    for (const file of fs.readdirSync(dist).filter((f) => f.endsWith('.js'))) {
      for (const m of fs.readFileSync(join(dist, file), 'utf8').matchAll(/\brequire\("([^"]+)"\)/g)) required.add(m[1]!);
    }
    const packages = [...required].filter((r) => !r.startsWith('node:') && !builtinModules.includes(r)).map((r) => (r.startsWith('@') ? r.split('/').slice(0, 2).join('/') : r.split('/')[0]!));
    // Every package the compiled server loads is one of its own production dependencies…
    expect([...new Set(packages)].filter((p) => !(p in serverPackage.dependencies))).toEqual([]);
    // …and nothing of ours is loaded from sources at run time.
    expect([...required].filter((r) => /^(@maison\/|\.)/.test(r))).toEqual([]);
  });

  it('boots from dist/ with nothing on the module path but its production tree', async () => {
    // A copy of the files production needs, beside a node_modules that links only the production
    // tree; --preserve-symlinks keeps every lookup inside that node_modules.
    const dist = ensureServerBuild();
    const dir = fs.mkdtempSync(join(os.tmpdir(), 'privacy-server-prod-'));
    let child: ChildProcess | undefined;
    try {
      const copy = (from: string) => fs.cpSync(join(ROOT, from), join(dir, from), { recursive: true });
      for (const f of ['server/package.json', 'server/src/migrations', 'server/src/db/pgliteWorker.mjs', 'server/data']) copy(f);
      fs.cpSync(dist, join(dir, 'server', 'dist'), { recursive: true });
      for (const path of productionTree().filter((p) => p.split('node_modules/').length === 2)) {
        fs.mkdirSync(join(dir, path, '..'), { recursive: true });
        fs.symlinkSync(join(ROOT, path), join(dir, path));
      }
      const proc = spawn(process.execPath, ['--preserve-symlinks', '--preserve-symlinks-main', 'dist/main.js'], {
        cwd: join(dir, 'server'),
        env: { ...process.env, NODE_PATH: '', NODE_OPTIONS: '', NODE_ENV: 'development', DEV_LOGIN: '1', DATA_DIR: ':memory:', PORT: '0', LOG_LEVEL: 'warn' },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let out = '';
      child = proc;
      proc.stdout.on('data', (d) => (out += String(d)));
      proc.stderr.on('data', (d) => (out += String(d)));
      const exited = new Promise<number | null>((resolve) => proc.on('exit', (code) => resolve(code)));
      let url: string | undefined;
      for (let i = 0; i < 600 && !url && proc.exitCode === null; i++) {
        url = out.match(/listening on (http:\/\/127\.0\.0\.1:\d+)/)?.[1];
        if (!url) await new Promise((r) => setTimeout(r, 100));
      }
      if (!url) throw new Error(`the compiled server did not start: ${out}`);
      expect((await fetch(`${url}/readyz`)).status).toBe(200);
      expect((await (await fetch(`${url}/v1/policy/current`)).json()).version).toBe(1);
      const session = await fetch(`${url}/v1/sessions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code: 'dev:ana' }) });
      expect(session.status).toBe(201);
      proc.kill('SIGTERM');
      expect(await exited).toBe(0);
      expect(out).not.toMatch(/Cannot find module|MODULE_NOT_FOUND/);
    } finally {
      if (child && child.exitCode === null) child.kill('SIGKILL');
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
