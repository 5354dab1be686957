/**
 * The h5 warranty camera (getUserMedia, BarcodeDetector, jsQR) stays out of the weapp bundle: the
 * production weapp build holds none of it, while the h5 build does (so the markers are real).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ensureProductionBuild } from '../build';

jest.setTimeout(300_000);

/** Every JS file under `dir`, with its text. */
function scripts(dir: string): { path: string; text: string }[] {
  const out: { path: string; text: string }[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...scripts(path));
    else if (name.endsWith('.js')) out.push({ path, text: readFileSync(path, 'utf8') });
  }
  return out;
}

// jsQR's option name and the browser camera APIs the h5 camera calls.
const MARKERS = ['inversionAttempts', 'getUserMedia', 'BarcodeDetector'];

test('the weapp build carries no browser camera and no QR decoder', () => {
  const weapp = scripts(ensureProductionBuild('weapp'));
  expect(weapp.length).toBeGreaterThan(3);
  for (const marker of MARKERS) {
    expect(weapp.filter((f) => f.text.includes(marker)).map((f) => f.path)).toEqual([]);
  }
});

test('the h5 build has them, the decoder in a chunk of its own loaded on demand', () => {
  const h5 = scripts(ensureProductionBuild('h5'));
  for (const marker of MARKERS) expect(h5.some((f) => f.text.includes(marker))).toBe(true);
  const decoder = h5.filter((f) => f.text.includes('inversionAttempts'));
  // The page's own chunk names the option; the library's chunk is separate from the entry.
  expect(decoder.some((f) => /jsqr\.[0-9a-f]+\.js$/.test(f.path))).toBe(true);
  expect(h5.filter((f) => /\/app\.[0-9a-f]+\.js$/.test(f.path)).every((f) => !f.text.includes('inversionAttempts'))).toBe(true);
});
