// @ts-check
/**
 * Jest transform (`@maison/privacy/testing/jest-preset`): the package's ES modules (`dist/*.js`)
 * and the app's TypeScript tests, to CommonJS with TypeScript's own `transpileModule`, one file at
 * a time. Needs only `typescript`, which a TypeScript app has already; types are checked by the
 * app's `tsc`, not here.
 */
const { createHash } = require('node:crypto');
const ts = require('typescript');

/** @type {import('typescript').CompilerOptions} */
const COMPILER_OPTIONS = {
  module: ts.ModuleKind.CommonJS,
  target: ts.ScriptTarget.ES2022,
  jsx: ts.JsxEmit.ReactJSX,
  esModuleInterop: true,
  useDefineForClassFields: true,
  inlineSourceMap: true,
  inlineSources: true,
};

module.exports = {
  /** @param {string} sourceText @param {string} sourcePath */
  process(sourceText, sourcePath) {
    return { code: ts.transpileModule(sourceText, { fileName: sourcePath, compilerOptions: COMPILER_OPTIONS }).outputText };
  },
  /** @param {string} sourceText @param {string} sourcePath */
  getCacheKey(sourceText, sourcePath) {
    return createHash('sha256').update(ts.version).update('\0').update(sourcePath).update('\0').update(sourceText).digest('hex');
  },
};
