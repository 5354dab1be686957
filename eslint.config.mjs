// Lint: TypeScript rules plus the module's layering (domain/ and stores/ never touch the platform).
import tseslint from 'typescript-eslint';

const platformImports = [
  { name: '@tarojs/taro', message: 'Only adapters/, components/ and pages/ may use the platform.' },
  { name: '@tarojs/components', message: 'Only components/ and pages/ render.' },
];

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', '.data/**', 'test-output/**', 'bench-results/**', '**/*.js', '**/*.mjs'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-require-imports': 'off',
    },
  },
  {
    files: ['src/privacy/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [...platformImports, { name: 'mobx', message: 'domain/ is pure TypeScript.' }, { name: 'react', message: 'domain/ is pure TypeScript.' }],
        patterns: [{ group: ['**/adapters/**', '**/stores/**', '**/components/**', '**/pages/**'], message: 'domain/ depends on nothing else in the module.' }],
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
