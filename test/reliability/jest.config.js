// `npm run test:reliability`: long, fault-injecting suites (server kills, database outage, fuzzing,
// storage corruption, network capture). Kept out of `npm test`; CI runs both.
const base = require('../../jest.config.js').projects[0];

module.exports = {
  rootDir: '../..',
  displayName: 'reliability',
  transform: base.transform,
  testEnvironment: 'node',
  moduleFileExtensions: base.moduleFileExtensions,
  modulePathIgnorePatterns: base.modulePathIgnorePatterns,
  testMatch: ['<rootDir>/test/reliability/**/*.test.ts'],
};
