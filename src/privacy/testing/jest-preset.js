// @ts-check
/**
 * Jest preset for apps that test with `@maison/privacy/testing` (and the stores of `@maison/privacy`)
 * in Node, without Taro: `preset: '@maison/privacy/testing'` in jest.config.js.
 *
 * - The package ships ES modules (`dist/*.js`) and Jest runs CommonJS: Jest's default leaves
 *   node_modules untransformed, so the package is let through, and its `.js` files with the app's
 *   `.ts` / `.tsx` tests are compiled by `jest/transform.js` (TypeScript's transpileModule; needs
 *   only `typescript`). An app's own `transform` entries come first; an app that sets its own
 *   `transformIgnorePatterns` keeps `@maison/privacy` out of them: `'/node_modules/(?!@maison/privacy/)'`.
 * - Its components import stylesheets: `jest/style.js` stands for them.
 * - `@tarojs/taro` and `@tarojs/components` ship as ES modules for a mini-program runtime, and
 *   `@maison/privacy`'s React parts import them: `jest/taro.js` (hooks do nothing, any API throws
 *   and names itself) and `jest/components.js` (each component a host element of its name) stand
 *   for them. The fakes and `createTestRootStore` never reach them.
 */
const { join } = require('node:path');

module.exports = {
  testEnvironment: 'node',
  transform: { '\\.[jt]sx?$': join(__dirname, 'jest', 'transform.js') },
  transformIgnorePatterns: ['[/\\\\]node_modules[/\\\\](?!@maison[/\\\\]privacy[/\\\\])'],
  moduleNameMapper: {
    '\\.(css|scss|sass|less)$': join(__dirname, 'jest', 'style.js'),
    '^@tarojs/taro$': join(__dirname, 'jest', 'taro.js'),
    '^@tarojs/components$': join(__dirname, 'jest', 'components.js'),
  },
};
