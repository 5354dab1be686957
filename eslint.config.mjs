// Lint: TypeScript rules, the module's layering (domain/ and stores/ never touch the platform), and
// the package boundary (everything outside src/privacy/ reaches the module by its entry points only).
import tseslint from 'typescript-eslint';

/** The entry points `@maison/privacy` exports (src/privacy/package.json). */
const PRIVACY_ENTRIES = ['platform', 'client', 'config', 'contract', 'pages', 'testing'];
const packageBoundary = {
  patterns: [
    {
      regex: `^@maison/privacy/(?!(${PRIVACY_ENTRIES.join('|')})$)`,
      message: 'Import the privacy module by its entry points only: @maison/privacy, /platform, /client, /config, /contract, /pages, /testing.',
    },
    { regex: '^(\\.{1,2}/)+(src/)?privacy(/|$)', message: 'Import the privacy module by its package name (@maison/privacy), never by path.' },
  ],
};

const platformImports = [
  { name: '@tarojs/taro', message: 'Only adapters/, components/ and pages/ may use the platform.' },
  { name: '@tarojs/components', message: 'Only components/ and pages/ render.' },
];

export default tseslint.config(
  { ignores: ['dist/**', 'src/privacy/dist/**', 'node_modules/**', '.data/**', 'test-output/**', 'bench-results/**', '**/*.js', '**/*.mjs'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-require-imports': 'off',
    },
  },
  {
    files: ['**/*.ts', '**/*.tsx'],
    ignores: ['src/privacy/**'],
    rules: { 'no-restricted-imports': ['error', packageBoundary] },
  },
  {
    files: ['src/privacy/domain/**/*.ts'],
    // Tests check the domain against the shipped content.
    ignores: ['src/privacy/domain/**/*.test.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [...platformImports, { name: 'mobx', message: 'domain/ is pure TypeScript.' }, { name: 'react', message: 'domain/ is pure TypeScript.' }],
        patterns: [{ group: ['**/adapters/**', '**/stores/**', '**/components/**', '**/pages/**', '**/data/**', '**/declarations/**'], message: 'domain/ depends on nothing else in the module: no platform, no stores, no shipped content.' }],
      }],
    },
  },
  {
    files: ['src/privacy/domain/**/*.ts'],
    ignores: ['src/privacy/domain/**/*.test.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', {
        patterns: [{ group: ['**/texts/**'], allowTypeImports: true, message: "domain/ holds no words: they are passed in from texts/ (its types may be named)." }],
      }],
    },
  },
  {
    files: ['src/privacy/texts/**/*.ts'],
    ignores: ['src/privacy/texts/**/*.test.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [...platformImports, { name: 'mobx', message: 'texts/ are words and the functions that fill them.' }, { name: 'react', message: 'texts/ are words and the functions that fill them.' }],
        patterns: [{ group: ['**/adapters/**', '**/stores/**', '**/components/**', '**/pages/**', '**/data/**', '**/declarations/**'], message: 'texts/ read nothing of the module but the domain\'s types.' }],
      }],
    },
  },
  {
    files: ['src/privacy/stores/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: platformImports,
        patterns: [{ group: ['**/adapters/**', '**/components/**', '**/pages/**'], message: 'stores/ get their I/O through ports.' }],
      }],
    },
  },
);
