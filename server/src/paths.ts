import path from 'node:path';

/**
 * The server package's folder. This file runs from `server/src/` (tsx, Jest) or bundled into a file
 * of `server/dist/` (`npm run build --workspace server`, what production runs); both sit one level
 * below it, so the files the server reads at run time are found the same way in both.
 */
export const SERVER_ROOT = path.resolve(__dirname, '..');
/** The repository: the default PGlite folder `.data/` lives here. */
export const REPO_ROOT = path.resolve(SERVER_ROOT, '..');

/** A file or folder of the server package, e.g. `serverPath('data', 'cn-calendar.json')`. */
export const serverPath = (...parts: string[]): string => path.join(SERVER_ROOT, ...parts);
