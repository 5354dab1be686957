// The app's unit tests: the package's preset compiles its TypeScript and stands in for Taro and stylesheets.
module.exports = {
  preset: '@maison/privacy/testing',
  testMatch: ['<rootDir>/test/**/*.spec.ts'],
};
