// @ts-check
/**
 * `@tarojs/taro` in Jest (`@maison/privacy/testing/jest-preset`): Taro's runtime is an ES module
 * for a mini-program host, so importing `@maison/privacy` in Node would fail. Hooks
 * (`useDidShow`, `useLaunch`, …) do nothing; any other API throws and names itself, so a test
 * that reaches the platform says so instead of passing on an invented answer.
 */
/** @param {string} name */
const unavailable = (name) => () => {
  throw new Error(`Taro.${name} is not available in Jest (stubbed by @maison/privacy/testing/jest-preset): drive the module through createTestRootStore's ports`);
};

/** @type {Record<string | symbol, unknown>} */
const taro = new Proxy(/** @type {Record<string | symbol, unknown>} */ ({}), {
  get(_target, name) {
    if (name === '__esModule') return true;
    if (name === 'default') return taro;
    if (typeof name !== 'string' || name === 'then') return undefined;
    if (/^use[A-Z]/.test(name)) return () => undefined;
    return unavailable(name);
  },
});

module.exports = taro;
