// @ts-check
/**
 * Taro plugin (`@maison/privacy/taro-plugin`, in the app's `plugins`): the weapp templates bind the
 * ARIA attributes of `aria-components.json`, and the weapp runtime knows them, so an `aria-label`
 * set in JSX reaches WeChat under its compressed name.
 *
 * Plain CommonJS so that Taro loads it by name from an installed package: Taro resolves a plugin
 * name from the app's root and `require`s the file as it is, and Node does not compile TypeScript
 * inside node_modules. (`require.resolve('@maison/privacy/taro-plugin')` finds this file too.)
 *
 * WeChat reads `aria-*` on its built-in components (base library 2.7.1+, "aria-component"), but
 * Taro's component lists carry none. Both halves read the one table: the build merges it into the
 * templates here, the runtime into the attribute alias map (`runtime.ts`); were they to differ,
 * every attribute of the component would land under the wrong compressed name.
 *
 * The table holds what the module's JSX already says and WeChat has no other way to know:
 * - a control's name: switch, textarea and input are void elements without text; a button is named
 *   by its text and takes `aria-label` when it has none. WeChat's own controls announce their role
 *   and state (checked, disabled) themselves, so no `aria-checked` / `aria-disabled`.
 * - a view's role, name, heading level, and for sheets and status lines `aria-modal`,
 *   `aria-labelledby` and `aria-live` (all in WeChat's aria-component list). JSX and
 *   h5 say `role`; WeChat reads `aria-role`, so the view templates bind the `role` data under that name.
 * `""`: bound with no default, as Taro binds plain attributes.
 *
 * weapp only: h5 renders JSX attributes on the DOM already. Without this plugin the module's
 * weapp development builds say so on the console (`adapters/ariaPluginCheck.ts`).
 */
const { join } = require('node:path');

/**
 * @typedef {(name: string, value: string, componentName?: string, componentAlias?: unknown) => string} ReplacePropName
 * @typedef {{
 *   registerMethod(method: { name: string; fn: (platform: MiniPlatform) => void }): void;
 *   runOpts?: { options?: { platform?: string } };
 * }} PluginContext
 * The part of Taro's platform object (TaroPlatformBase) and its template this plugin touches.
 * @typedef {{
 *   platform: string;
 *   runtimePath: string | string[];
 *   template: {
 *     mergeComponents(ctx: PluginContext, patch: Record<string, Record<string, string>>): void;
 *     replacePropName: ReplacePropName;
 *   };
 * }} MiniPlatform
 */

const TABLE = join(__dirname, 'aria-components.json');
/**
 * The runtime half, by the package's own export: the app entry imports it, and the app's resolver
 * finds the compiled `dist/taro-plugin/runtime.js` in an installed package (the repository maps the
 * name to `runtime.ts` through tsconfig.json's paths).
 */
const RUNTIME = '@maison/privacy/taro-plugin/runtime';

/**
 * The platforms the module has adapters for. Any other build target stops here, before webpack
 * runs: a platform without adapters must never fall back to the browser's (localStorage, fetch,
 * a development login) in a mini-program. Without this plugin such an app stops at start instead
 * (adapters/platform.unsupported.ts).
 */
const SUPPORTED_PLATFORMS = Object.freeze(['weapp', 'tt', 'h5']);

/**
 * Throws when `platform` (Taro's `--type`) is one the module does not support.
 * @param {string | undefined} platform
 */
function assertSupportedPlatform(platform) {
  if (platform === undefined || SUPPORTED_PLATFORMS.includes(platform)) return;
  throw new Error(
    `@maison/privacy has no adapters for the Taro platform "${platform}": it builds for ${SUPPORTED_PLATFORMS.join(', ')}. ` +
      'Build one of those, or leave the module out of this target.',
  );
}

/** @param {PluginContext} ctx */
function privacyTaroPlugin(ctx) {
  assertSupportedPlatform(ctx.runOpts?.options?.platform ?? process.env.TARO_ENV);
  // Called once the platform has set up its own components and runtime, before the build starts.
  ctx.registerMethod({
    name: 'onSetupClose',
    fn(platform) {
      if (platform.platform !== 'weapp') return;
      // A copy: Taro's merge writes into the objects it is given.
      const { template } = platform;
      template.mergeComponents(ctx, JSON.parse(JSON.stringify(require(TABLE))));
      const replacePropName = template.replacePropName.bind(template);
      /** @type {ReplacePropName} */
      template.replacePropName = (name, value, componentName, componentAlias) =>
        componentName === 'view' && name === 'role' ? 'aria-role' : replacePropName(name, value, componentName, componentAlias);
      const runtimes = Array.isArray(platform.runtimePath) ? platform.runtimePath : [platform.runtimePath];
      if (!runtimes.includes(RUNTIME)) platform.runtimePath = [...runtimes, RUNTIME];
    },
  });
}

module.exports = privacyTaroPlugin;
module.exports.SUPPORTED_PLATFORMS = SUPPORTED_PLATFORMS;
module.exports.assertSupportedPlatform = assertSupportedPlatform;
