/**
 * `npm run policy:import [-- --in <text> --out <json> --check]`: imports the policy text and writes
 * the bundled default policy (version 1), printing what needs a human. `--check` writes nothing and
 * fails when the committed JSON is not what the importer makes of the text.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { policyContentHash, policyDocumentProblems } from '@maison/privacy/contract';
import { formatPolicyJson, importPolicyText, PolicyImportError } from './importPolicy';

/** The seed as committed beside the importer (a copy of shared/seed/privacy-policy-2023-12.zh-en.txt). */
const DEFAULT_INPUT = 'scripts/policy-import/seed/privacy-policy-2023-12.zh-en.txt';
/** The bundled default policy the app falls back to. */
const DEFAULT_OUTPUT = 'src/privacy/data/policy-v1.json';

function option(args: string[], name: string, fallback: string): string {
  const at = args.indexOf(name);
  if (at < 0) return fallback;
  const value = args[at + 1];
  if (value === undefined || value.startsWith('--')) throw new Error(`${name} needs a path`);
  return value;
}

function main(args: string[]): number {
  const input = resolve(option(args, '--in', DEFAULT_INPUT));
  const output = resolve(option(args, '--out', DEFAULT_OUTPUT));
  const check = args.includes('--check');
  const { document, warnings } = importPolicyText(readFileSync(input, 'utf8'));
  for (const w of warnings) process.stderr.write(`warning ${w}\n`);
  const problems = policyDocumentProblems(document);
  if (problems.length > 0) {
    for (const p of problems) process.stderr.write(`invalid ${p}\n`);
    process.stderr.write('not written: the document fails the schema check\n');
    return 1;
  }
  const json = formatPolicyJson(document);
  const sizes = (['zh', 'en'] as const).map((l) => `${l} ${Buffer.byteLength(JSON.stringify(document.texts[l]))} B`).join(', ');
  const summary = `${document.texts.en.sections.length} sections, updated ${document.updated}, ${sizes}, sha256 ${policyContentHash(document)}`;
  if (check) {
    let current = '';
    try {
      current = readFileSync(output, 'utf8');
    } catch {
      // A missing file is simply out of date.
    }
    if (current !== json) {
      process.stderr.write(`${output} is out of date: run npm run policy:import\n`);
      return 1;
    }
    process.stdout.write(`${output} is up to date (${summary})\n`);
    return 0;
  }
  writeFileSync(output, json);
  process.stdout.write(`wrote ${output}: ${summary}; ${warnings.length} warnings\n`);
  return 0;
}

try {
  process.exitCode = main(process.argv.slice(2));
} catch (e) {
  process.stderr.write(`${e instanceof PolicyImportError ? 'cannot import: ' : ''}${e instanceof Error ? e.message : String(e)}\n`);
  process.exitCode = 1;
}
