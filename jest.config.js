// Four layers: unit (domain, stores, scripts, server), weapp (compiled bundle in a simulated WeChat
// host), browser (h5 build in Chromium) and adoption (the packed module in another Taro app).
// `npm test` builds both platforms first.
const transform = {
  '^.+\\.(t|j)sx?$': ['@swc/jest', { jsc: { parser: { syntax: 'typescript', tsx: true }, transform: { react: { runtime: 'automatic' } }, target: 'es2022' } }],
};
// test-output/ holds copies of apps (the adoption app with its own node_modules): never modules of ours.
const common = { transform, testEnvironment: 'node', moduleFileExtensions: ['ts', 'tsx', 'js', 'json'], modulePathIgnorePatterns: ['<rootDir>/test-output/'] };

module.exports = {
  // The ops console's Vite build, which the backend serves at /ops (test/build.ts).
  globalSetup: '<rootDir>/test/globalSetup.ts',
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/src/**/*.test.ts?(x)', '<rootDir>/scripts/**/*.test.ts', '<rootDir>/server/**/*.test.ts?(x)', '<rootDir>/test/integration/**/*.test.ts', '<rootDir>/bench/**/*.test.ts'] },
    { ...common, displayName: 'weapp', testMatch: ['<rootDir>/test/weapp/**/*.test.ts'] },
    // pixelmatch ships as ES modules only: compiled to CommonJS like our own files.
    { ...common, displayName: 'browser', testMatch: ['<rootDir>/test/browser/**/*.test.ts'], transformIgnorePatterns: ['/node_modules/(?!pixelmatch/)'] },
    // The packed module installed into a Taro app that is not this one, built and run on both platforms.
    { ...common, displayName: 'adoption', testMatch: ['<rootDir>/test/adoption/**/*.test.ts'] },
  ],
};
