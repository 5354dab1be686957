/**
 * Development builds on WeChat: is the package's Taro plugin in the app's config? The plugin is
 * both halves of the accessible names: it adds `aria-*` to the weapp templates and lists
 * `taro-plugin/runtime.ts` among the runtimes, which adds them to the component table the runtime
 * compresses attribute names with. Without the plugin that table has no `aria-label` on `View`,
 * and every name, role and live region of the module's sheets is dropped without an error.
 */
import { internalComponents } from '@tarojs/shared';

export const ARIA_PLUGIN_MISSING =
  "[@maison/privacy] The package's Taro plugin is not loaded: WeChat receives no aria-* attributes, so screen readers get no names or roles for the privacy sheets. " +
  "Add it to the app's Taro config (config/index.ts): plugins: ['@maison/privacy/taro-plugin'].";

/** True when the runtime's component table lacks the plugin's attributes. */
export function ariaPluginMissing(components: Readonly<Record<string, Readonly<Record<string, string>>>> = internalComponents): boolean {
  return !Object.prototype.hasOwnProperty.call(components.View ?? {}, 'aria-label');
}

/** Warns once on the console when the plugin is missing; returns whether it warned. */
export function warnIfAriaPluginMissing(
  components: Readonly<Record<string, Readonly<Record<string, string>>>> = internalComponents,
  warn: (message: string) => void = console.warn,
): boolean {
  if (!ariaPluginMissing(components)) return false;
  warn(ARIA_PLUGIN_MISSING);
  return true;
}
