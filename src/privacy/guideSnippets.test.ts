/**
 * The adopter's guide (README.md) compiles: every ```ts and ```tsx block, each its own module,
 * type-checked under `strict` against the package's types, with the compiler options of a Taro app
 * (those of test/adoption/app/tsconfig.json) and the globals every Taro app declares.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import * as config from './config';

const README = join(__dirname, 'README.md');
const ROOT = join(__dirname, '..', '..');

/**
 * `@maison/privacy` from its sources, as everywhere in the repository: tsconfig.json's paths (the
 * package's exports name its build, which the adoption test type-checks an app against).
 */
function sourcePaths(): ts.MapLike<string[]> {
  const { config, error } = ts.readConfigFile(join(ROOT, 'tsconfig.json'), ts.sys.readFile);
  if (error) throw new Error(ts.flattenDiagnosticMessageText(error.messageText, '\n'));
  return (config as { compilerOptions: { paths: ts.MapLike<string[]> } }).compilerOptions.paths;
}

/** The fenced blocks of a Markdown text, with their language and first line. */
function codeBlocks(markdown: string): { lang: string; code: string; line: number }[] {
  const blocks: { lang: string; code: string; line: number }[] = [];
  const lines = markdown.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const open = /^```(\w*)\s*$/.exec(lines[i]);
    if (!open) continue;
    const start = i + 1;
    let end = start;
    while (end < lines.length && !/^```\s*$/.test(lines[end])) end++;
    blocks.push({ lang: open[1], code: lines.slice(start, end).join('\n'), line: start + 1 });
    i = end;
  }
  return blocks;
}

const OPTIONS: ts.CompilerOptions = {
  target: ts.ScriptTarget.ES2017,
  module: ts.ModuleKind.ESNext,
  moduleResolution: ts.ModuleResolutionKind.Bundler,
  lib: ['lib.es2020.d.ts', 'lib.dom.d.ts'],
  jsx: ts.JsxEmit.ReactJSX,
  strict: true,
  esModuleInterop: true,
  resolveJsonModule: true,
  skipLibCheck: true,
  isolatedModules: true,
  moduleDetection: ts.ModuleDetectionKind.Force,
  noEmit: true,
  types: ['node'],
  baseUrl: ROOT,
  paths: sourcePaths(),
};

/** What a Taro app's template declares (its types/global.d.ts). */
const GLOBALS = '/// <reference types="@tarojs/taro" />\ndeclare module \'*.scss\';\n';

test('the README has TypeScript snippets for each part of the setup', () => {
  const blocks = codeBlocks(readFileSync(README, 'utf8'));
  const ts = blocks.filter((b) => b.lang === 'ts' || b.lang === 'tsx');
  expect(ts.length).toBeGreaterThanOrEqual(8);
  for (const needle of ["plugins: ['@maison/privacy/taro-plugin']", 'createTestRootStore', 'PrivacyGatedApiId', 'useFeatureGate']) {
    expect(ts.some((b) => b.code.includes(needle))).toBe(true);
  }
  // TypeScript always says its language, so none escapes the check.
  expect(blocks.filter((b) => !['ts', 'tsx'].includes(b.lang) && /^(import|export) /m.test(b.code)).map((b) => b.line)).toEqual([]);
});

test('every ts / tsx snippet of the README compiles under strict against the package', () => {
  const blocks = codeBlocks(readFileSync(README, 'utf8')).filter((b) => b.lang === 'ts' || b.lang === 'tsx');
  // Virtual files in the repository, so `@maison/privacy` and its peers resolve as in an app.
  const dir = join(ROOT, 'test-output', 'readme-snippets');
  // A block whose first line names its file (`// src/legal/policy/index.tsx`) sits there, so the
  // guide's imports between its own files resolve; the others sit in src/.
  const placed = (b: { lang: string; code: string; line: number }, i: number): string => {
    const named = /^\/\/ ((?:src|test)\/[\w./-]+\.tsx?)\b/.exec(b.code);
    return join(dir, named ? named[1]! : `src/block-${i + 1}-line-${b.line}.${b.lang}`);
  };
  const files = new Map<string, string>(blocks.map((b, i) => [placed(b, i), b.code]));
  files.set(join(dir, 'globals.d.ts'), GLOBALS);
  // The policy document the guide's documents.ts imports.
  files.set(join(dir, 'src/privacy/policy.json'), '{}');
  const host = ts.createCompilerHost(OPTIONS);
  const { fileExists, readFile, getSourceFile } = host;
  host.fileExists = (f) => files.has(f) || fileExists(f);
  host.readFile = (f) => files.get(f) ?? readFile(f);
  const { directoryExists } = host;
  host.directoryExists = (d) => [...files.keys()].some((f) => f.startsWith(`${d}/`)) || (directoryExists?.(d) ?? false);
  host.getSourceFile = (f, language, onError, create) => {
    const text = files.get(f);
    return text !== undefined ? ts.createSourceFile(f, text, language, true) : getSourceFile(f, language, onError, create);
  };
  const program = ts.createProgram({ rootNames: [...files.keys()], options: OPTIONS, host });
  const problems = ts
    .getPreEmitDiagnostics(program)
    .map((d) => {
      const where = d.file ? `${d.file.fileName.slice(dir.length + 1)}:${d.file.getLineAndCharacterOfPosition(d.start ?? 0).line + 1}` : '';
      return `${where} ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`;
    });
  expect(problems).toEqual([]);
});

/** Runs a README block as a CommonJS module: its imports are `modules`' entries, nothing else. */
function runBlock(code: string, modules: Record<string, unknown>): Record<string, unknown> {
  const js = ts.transpileModule(code, { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2020, esModuleInterop: true } }).outputText;
  const exports: Record<string, unknown> = {};
  const requireFrom = (id: string): unknown => {
    if (!(id in modules)) throw new Error(`the README block imports ${id}, which this test does not provide`);
    return modules[id];
  };
  new Function('exports', 'require', js)(exports, requireFrom);
  return exports;
}

test("the README's example description passes the package's own checks, as its own test says it must", () => {
  const blocks = codeBlocks(readFileSync(README, 'utf8'));
  const named = (file: string) => {
    const block = blocks.find((b) => b.code.startsWith(`// ${file}`));
    if (!block) throw new Error(`the README has no block for ${file}`);
    return block.code;
  };
  const { APP_TEXTS } = runBlock(named('src/privacy/texts.ts'), {});
  const { APP_PRIVACY } = runBlock(named('src/privacy/app.ts'), { '@maison/privacy/config': config, './texts': { APP_TEXTS } }) as { APP_PRIVACY: config.PrivacyApp };
  // The placeholder content hash is checked only against a document (the README's check prints the real one).
  expect(config.privacyAppProblems(APP_PRIVACY)).toEqual([]);
  expect(config.catalogueProblems(APP_PRIVACY)).toEqual([]);
});
