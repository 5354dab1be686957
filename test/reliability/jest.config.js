// `npm run test:reliability`: long, fault-injecting suites (server kills, database outage, fuzzing,
// storage corruption, network capture). Kept out of `npm test`; CI runs both.
const base = require('../../jest.config.js').projects[0];

module.exports = {
  rootDir: '../..',
  displayName: 'reliability',
  transform: base.transform,
  testEnvironment: 'node',
  moduleFileExtensions: base.moduleFileExtensions,
  // @maison/privacy resolves to its sources as in the main projects (tsconfig.json's paths).
  moduleNameMapper: base.moduleNameMapper,
  modulePathIgnorePatterns: base.modulePathIgnorePatterns,
  // @maison/privacy from its sources, as in the other projects: the package's compiled `dist/`
  // exists only after a pack, so without this the suite depended on running after the adoption test.
  moduleNameMapper: base.moduleNameMapper,
  testMatch: ['<rootDir>/test/reliability/**/*.test.ts'],
};
