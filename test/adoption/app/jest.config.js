// The app's unit tests: the package's preset compiles its ES modules and the app's TypeScript tests to CommonJS, and stands in for Taro and stylesheets.
module.exports = {
  preset: '@maison/privacy/testing',
  testMatch: ['<rootDir>/test/**/*.spec.ts'],
};
