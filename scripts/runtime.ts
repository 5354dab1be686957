/**
 * The Node the project runs on: a maintained LTS, 22 or later (`engines` in package.json). `npm
 * install` brings its own Node 22 (the registry's `node` package, in `node_modules/.bin/node`) and
 * npm scripts put `node_modules/.bin` first on the path, so `npm start` and `npm test` run on it
 * even where the machine's own Node is older.
 */
export const MIN_NODE_MAJOR = 22;

/** Why this Node cannot run the project, or null when it can. */
export function nodeVersionProblem(version: string = process.versions.node, execPath: string = process.execPath): string | null {
  const major = Number.parseInt(version.replace(/^v/, ''), 10);
  if (Number.isInteger(major) && major >= MIN_NODE_MAJOR) return null;
  return (
    `Node ${version} (${execPath}) runs this, but the project needs Node ${MIN_NODE_MAJOR} or later (Node 20 reached end-of-life on 2026-04-30).\n` +
    `  Run it through npm (npm start, npm test, npm run …): npm puts the project's own Node ${MIN_NODE_MAJOR}, node_modules/.bin/node,\n` +
    '  first on the path. If that file is missing, run npm install --no-audit --no-fund first, or install Node 22 LTS.'
  );
}

/** Exits with the reason when this Node is too old. */
export function requireSupportedNode(): void {
  const problem = nodeVersionProblem();
  if (problem) {
    console.error(`\n✖ ${problem}\n`);
    process.exit(1);
  }
}
