// Five layers: unit (domain, stores, scripts, server), weapp (compiled bundle in a simulated WeChat
// host), tt (the Douyin build in a simulated Douyin host), browser (h5 build in Chromium) and
// adoption (the packed module in another Taro app). `npm test` builds weapp, h5 and tt first.
const transform = {
  '^.+\\.(t|j)sx?$': ['@swc/jest', { jsc: { parser: { syntax: 'typescript', tsx: true }, transform: { react: { runtime: 'automatic' } }, target: 'es2022' } }],
};
/**
 * The repository runs @maison/privacy from its TypeScript sources, as tsconfig.json's `paths` say
 * (the package's exports name its build, src/privacy/dist/, which only `npm pack` makes): each path
 * becomes a moduleNameMapper entry.
 */
function sourcePaths() {
  const ts = require('typescript');
  const { config, error } = ts.readConfigFile(require.resolve('./tsconfig.json'), ts.sys.readFile);
  if (error) throw new Error(ts.flattenDiagnosticMessageText(error.messageText, '\n'));
  const escape = (s) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&');
  return Object.fromEntries(
    Object.entries(config.compilerOptions.paths ?? {}).map(([pattern, [target]]) => [
      `^${escape(pattern).replace('*', '(.*)')}$`,
      `<rootDir>/${target.replace('*', '$1')}`,
    ]),
  );
}
// test-output/ holds copies of apps (the adoption app with its own node_modules): never modules of
// ours; src/privacy/dist/ is the package's build, which the repository never loads.
const common = {
  transform,
  testEnvironment: 'node',
  moduleFileExtensions: ['ts', 'tsx', 'js', 'json'],
  moduleNameMapper: sourcePaths(),
  modulePathIgnorePatterns: ['<rootDir>/test-output/', '<rootDir>/src/privacy/dist/'],
};

module.exports = {
  // The ops console's Vite build, which the backend serves at /ops (test/build.ts).
  globalSetup: '<rootDir>/test/globalSetup.ts',
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/src/**/*.test.ts?(x)', '<rootDir>/scripts/**/*.test.ts', '<rootDir>/server/**/*.test.ts?(x)', '<rootDir>/test/integration/**/*.test.ts', '<rootDir>/bench/**/*.test.ts'] },
    { ...common, displayName: 'weapp', testMatch: ['<rootDir>/test/weapp/**/*.test.ts'] },
    { ...common, displayName: 'tt', testMatch: ['<rootDir>/test/tt/**/*.test.ts'] },
    // pixelmatch ships as ES modules only: compiled to CommonJS like our own files.
    { ...common, displayName: 'browser', testMatch: ['<rootDir>/test/browser/**/*.test.ts'], transformIgnorePatterns: ['/node_modules/(?!pixelmatch/)'] },
    // The packed module installed into a Taro app that is not this one, built and run on both platforms.
    { ...common, displayName: 'adoption', testMatch: ['<rootDir>/test/adoption/**/*.test.ts'], transformIgnorePatterns: ['/node_modules/(?!pixelmatch/)'] },
  ],
};
