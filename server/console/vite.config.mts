/**
 * The ops console's build: React + TypeScript into `server/console/dist`, served by the backend
 * under `/ops/`. No inline script (the CSP is `script-src 'self'`): one module entry and its CSS.
 */
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const here = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root: here,
  base: '/ops/',
  plugins: [react()],
  // @maison/privacy from its sources, as tsconfig.json's paths say (its exports name its build).
  resolve: { tsconfigPaths: true },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2020',
    // Small assets stay files: a data: URL for a script would be refused by the CSP anyway.
    assetsInlineLimit: 0,
    // One entry chunk: nothing to preload, and no polyfill code to ship.
    modulePreload: { polyfill: false },
  },
  logLevel: 'warn',
});
