/**
 * The committed seed and its two halves, split here independently of the importer (at the English
 * title line) so tests can compare the importer's output against the source.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Lang } from '@maison/privacy/contract';

/** Path of the committed copy of the shop's policy text (zh then en). */
export const SEED_PATH = join(__dirname, 'seed', 'privacy-policy-2023-12.zh-en.txt');

/** The seed text as committed. */
export function readSeed(): string {
  return readFileSync(SEED_PATH, 'utf8');
}

/** The seed's Chinese and English halves, split at the line reading "Privacy Policy". */
export function seedHalves(text = readSeed()): Record<Lang, string> {
  const lines = text.split('\n');
  const at = lines.findIndex((l) => l.trim() === 'Privacy Policy');
  if (at < 0) throw new Error('seed has no "Privacy Policy" line');
  return { zh: lines.slice(0, at).join('\n'), en: lines.slice(at).join('\n') };
}
