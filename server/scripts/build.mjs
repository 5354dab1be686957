// `npm run build --workspace server`: compiles the backend to plain JavaScript in server/dist/, what
// production runs (`npm start --workspace server` = `node dist/main.js`), so a production install
// needs no TypeScript loader or build tool.
//
// One CommonJS bundle per entry point, all directly in dist/ (src/paths.ts finds the server's
// folder one level up from either src/ or dist/). The parts of @maison/privacy the server uses
// (contract, data, config: plain TypeScript) are compiled in; every other package stays a
// require() of node_modules and must be one of the server's `dependencies` (src/packaging.test.ts).
import { build } from 'esbuild';
import { existsSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const SERVER = join(dirname(fileURLToPath(import.meta.url)), '..');
export const ENTRY_POINTS = {
  main: 'src/main.ts',
  index: 'src/index.ts',
  'ops-token': 'src/commands/opsTokenCli.ts',
};

/** Compiled into the bundles: the privacy package's TypeScript entry points. */
const COMPILED_IN = /^@maison\/privacy(\/|$)/;

const externalPackages = {
  name: 'external-packages',
  setup(b) {
    // A bare specifier (a package or a node: built-in) stays a require(), except the privacy package.
    b.onResolve({ filter: /^[^./]/ }, (args) => (COMPILED_IN.test(args.path) ? undefined : { path: args.path, external: true }));
  },
};

const DIST = join(SERVER, 'dist');
/** The files the last build read (esbuild's metafile inputs), and when it started. */
const INPUTS = join(DIST, '.inputs.json');

/** True when dist/ was built after the last change to any file it was built from. */
export function isFresh() {
  if (!existsSync(INPUTS)) return false;
  const { startedAt, inputs } = JSON.parse(readFileSync(INPUTS, 'utf8'));
  const files = [...inputs, 'package.json', 'scripts/build.mjs'].map((f) => join(SERVER, f));
  return files.every((f) => existsSync(f) && statSync(f).mtimeMs < startedAt);
}

export async function buildServer({ quiet = false } = {}) {
  const started = Date.now();
  const outdir = DIST;
  rmSync(outdir, { recursive: true, force: true });
  const result = await build({
    absWorkingDir: SERVER,
    entryPoints: ENTRY_POINTS,
    outdir,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node22',
    sourcemap: true,
    metafile: true,
    logLevel: quiet ? 'error' : 'warning',
    plugins: [externalPackages],
  });
  writeFileSync(INPUTS, JSON.stringify({ startedAt: started, inputs: Object.keys(result.metafile.inputs) }));
  if (!quiet) console.log(`server/dist built in ${Date.now() - started} ms`);
  return result.metafile;
}

// `--if-stale`: keep a dist/ that is newer than every file it was built from (npm start, tests).
if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const skip = process.argv.includes('--if-stale') && isFresh();
  if (skip) console.log('server/dist is up to date');
  (skip ? Promise.resolve() : buildServer()).catch((err) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  });
}
