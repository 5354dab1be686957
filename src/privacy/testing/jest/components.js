// @ts-check
/**
 * `@tarojs/components` in Jest (`@maison/privacy/testing/jest-preset`): each component (`View`,
 * `Button`, …) renders a host element of its own name with the props it was given, so the module's
 * components can be imported, and rendered by a React test renderer.
 */
const { createElement } = require('react');

/** @type {Map<string, unknown>} */
const made = new Map();
/** @type {Record<string | symbol, unknown>} */
const components = new Proxy(/** @type {Record<string | symbol, unknown>} */ ({}), {
  get(_target, name) {
    if (name === '__esModule') return true;
    if (name === 'default') return components;
    if (typeof name !== 'string' || name === 'then') return undefined;
    if (!made.has(name)) {
      /** @param {Record<string, unknown>} props */
      const component = (props) => createElement(`taro-${name.toLowerCase()}`, props);
      component.displayName = name;
      made.set(name, component);
    }
    return made.get(name);
  },
});

module.exports = components;
