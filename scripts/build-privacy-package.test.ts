/**
 * The package's build (scripts/build-privacy-package.ts), into a folder of its own under
 * test-output/ (the adoption test packs the real one): its declarations mean what the sources
 * mean, and the exports map alone decides what is built.
 */
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { buildPrivacyPackage, CLASS_FIELD_MODULE, classFieldRewriter, PACKAGE_DIR, type PackageJson } from './build-privacy-package';

jest.setTimeout(120_000);

const OUT = join(__dirname, '..', 'test-output', `privacy-build-${process.env.JEST_WORKER_ID ?? '0'}-${process.pid}`);
const manifest = (): PackageJson & { exports: Record<string, unknown> } => JSON.parse(readFileSync(join(PACKAGE_DIR, 'package.json'), 'utf8'));
const filesUnder = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((d) => (d.isDirectory() ? filesUnder(join(dir, d.name)) : [join(dir, d.name)]));

/** The descriptor TypeScript writes out at each class field below ES2022. */
const FIELD_DESCRIPTOR = /enumerable: true,\s*configurable: true,\s*writable: true,/;

afterAll(() => rmSync(OUT, { recursive: true, force: true }));

describe('the package as built', () => {
  const dist = join(OUT, 'dist');
  beforeAll(() => buildPrivacyPackage({ dist, quiet: true }));

  test('every module is ES2017 JavaScript loading its imports by file name; TARO_ENV is left for the host build', () => {
    const js = filesUnder(dist).filter((f) => f.endsWith('.js'));
    for (const file of js) {
      const text = readFileSync(file, 'utf8');
      for (const { fileName } of ts.preProcessFile(text, true, true).importedFiles.filter((i) => i.fileName.startsWith('.'))) {
        expect([relative(dist, file), fileName, existsSync(join(file, '..', fileName))]).toEqual([relative(dist, file), fileName, true]);
        expect(fileName).toMatch(/\.(js|scss|css|json)$/);
      }
    }
    const platform = readFileSync(join(dist, 'platform.js'), 'utf8').replace(/\s+/g, ' ');
    for (const branch of [
      "process.env.TARO_ENV === 'weapp' ? require('./adapters/platform.weapp.js')",
      ": process.env.TARO_ENV === 'tt' ? require('./adapters/platform.tt.js')",
      ": process.env.TARO_ENV === 'h5' || process.env.TARO_ENV === undefined ? require('./adapters/platform.h5.js')",
      ": require('./adapters/platform.unsupported.js')",
    ])
      expect(platform).toContain(branch);
    expect(readFileSync(join(dist, 'components/PrivacySheet.js'), 'utf8')).toContain('from "react/jsx-runtime"');
  });

  test('class fields are defined through classField.js: no module writes the descriptor out at each field', () => {
    const js = filesUnder(dist).filter((f) => f.endsWith('.js') && !f.endsWith('classField.js'));
    expect(js.filter((f) => FIELD_DESCRIPTOR.test(readFileSync(f, 'utf8')))).toEqual([]);
    const store = readFileSync(join(dist, 'stores/ConsentStore.js'), 'utf8');
    expect(store).toContain("import { defineClassField as __defineClassField } from '../classField.js';");
    expect(store).toMatch(/__defineClassField\(this, "\w+", /);
  });

  test("the contract's FromSchema types are written out, and mean what the sources mean", () => {
    const declarations = filesUnder(dist).filter((f) => f.endsWith('.d.ts'));
    expect(declarations.filter((f) => /json-schema-to-ts|FromSchema/.test(readFileSync(f, 'utf8')))).toEqual([]);
    // Each exported alias written with FromSchema, from the sources and from dist/, assignable both ways.
    const checks: string[] = ['type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;'];
    let count = 0;
    for (const [i, file] of ['domain/contract.ts', 'domain/admin-contract.ts'].entries()) {
      const source = ts.createSourceFile(file, readFileSync(join(PACKAGE_DIR, file), 'utf8'), ts.ScriptTarget.Latest, true);
      checks.push(`import type * as S${i} from ${JSON.stringify(join(PACKAGE_DIR, file.replace(/\.ts$/, '')))};`);
      checks.push(`import type * as D${i} from ${JSON.stringify(join(dist, file.replace(/\.ts$/, '')))};`);
      for (const node of source.statements) {
        if (!ts.isTypeAliasDeclaration(node) || !node.modifiers?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword) || !node.type.getText(source).includes('FromSchema')) continue;
        checks.push(`export const same${i}_${node.name.text}: Same<S${i}.${node.name.text}, D${i}.${node.name.text}> = true;`);
        count++;
      }
    }
    expect(count).toBeGreaterThanOrEqual(30);
    const check = join(OUT, 'same-types.ts');
    writeFileSync(check, checks.join('\n'));
    const program = ts.createProgram([check], {
      strict: true,
      target: ts.ScriptTarget.ES2020,
      module: ts.ModuleKind.ESNext,
      moduleResolution: ts.ModuleResolutionKind.Bundler,
      resolveJsonModule: true,
      skipLibCheck: true,
      noEmit: true,
      types: [],
    });
    const problems = ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
    expect(problems).toEqual([]);
  });
});

test('the exports map decides what is built: an entry point taken out of it is not built, and the build needs no other change', () => {
  const pkg = manifest();
  const built = (subpath: string) => JSON.stringify(pkg.exports[subpath]).match(/"\.\/dist\/([^"]+)\.js"/)?.[1];
  // The last entry point built from dist/ (./testing, which no other module imports), taken out.
  const [subpath, stem] = Object.keys(pkg.exports)
    .map((k) => [k, built(k)] as const)
    .filter(([k, s]) => k !== '.' && s)
    .pop()!;
  const exports = Object.fromEntries(Object.entries(pkg.exports).filter(([k]) => k !== subpath));
  const dist = join(OUT, 'fewer-entry-points');
  const result = buildPrivacyPackage({ dist, packageJson: { ...pkg, exports }, quiet: true });
  expect(result.entryPoints).toBe(Object.keys(exports).filter((k) => built(k)).length);
  expect([subpath, existsSync(join(dist, `${stem}.js`)), existsSync(join(dist, `${stem}.d.ts`))]).toEqual([subpath, false, false]);
  expect(existsSync(join(dist, 'index.js'))).toBe(true);
});

test('a class defined through classField.js is the class TypeScript writes: the same own properties, descriptors, order and evaluation order', () => {
  const source = `
    const log = [];
    class Base {
      a = (log.push('a'), 1);
      b?: string;
      static s = (log.push('static s'), 'S');
      constructor() { log.push('Base constructor'); }
    }
    class Derived extends Base {
      c = this.a + 1;
      declare d: number;
      constructor(readonly e: number) { super(); log.push('Derived constructor'); }
    }
    class Failure extends Error { override name = 'Failure'; }
    const Expr = class { static t = (log.push('static t'), 1); u = 2; };
    const derived = new Derived(5);
    const failure = new Failure('x');
    const expr = new Expr();
    return { log, derived, failure, expr, Base, Expr };
  `;
  const compile = (rewrite: boolean) =>
    ts.transpileModule(source.replace('return {', 'export const out = {'), {
      compilerOptions: { target: ts.ScriptTarget.ES2017, module: ts.ModuleKind.ESNext, useDefineForClassFields: true },
      transformers: rewrite ? { after: [classFieldRewriter('./classField.js')] } : {},
    }).outputText;
  const plain = compile(false);
  const rewritten = compile(true);
  expect(plain).toMatch(FIELD_DESCRIPTOR);
  expect(rewritten).not.toMatch(FIELD_DESCRIPTOR);
  expect(rewritten).toContain("import { defineClassField as __defineClassField } from './classField.js';");
  // The helper as the package ships it, compiled from its one source file.
  const helper = { exports: {} as { defineClassField?: unknown } };
  const helperJs = ts.transpileModule(readFileSync(CLASS_FIELD_MODULE, 'utf8'), { compilerOptions: { target: ts.ScriptTarget.ES2017, module: ts.ModuleKind.CommonJS } }).outputText;
  new Function('module', 'exports', helperJs)(helper, helper.exports);
  const defineClassField = helper.exports.defineClassField;
  expect(typeof defineClassField).toBe('function');
  const run = (code: string) => {
    const body = code.replace(/^import .*$/m, '').replace('export const out = {', 'return {');
    return new Function('__defineClassField', body)(defineClassField) as Record<string, object>;
  };
  const shape = (r: Record<string, object>) =>
    Object.fromEntries(Object.entries(r).map(([k, v]) => [k, Array.isArray(v) ? v : { keys: Reflect.ownKeys(v), descriptors: Object.getOwnPropertyDescriptors(v) }]));
  expect(shape(run(rewritten))).toEqual(shape(run(plain)));
  expect(run(rewritten).log).toEqual(['static s', 'static t', 'a', 'Base constructor', 'Derived constructor']);
});
