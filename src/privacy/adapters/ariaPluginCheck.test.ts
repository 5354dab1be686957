import ARIA_COMPONENTS from '../taro-plugin/aria-components.json';
import { ARIA_PLUGIN_MISSING, ariaPluginMissing, warnIfAriaPluginMissing } from './ariaPluginCheck';

describe('the Taro plugin check of development builds', () => {
  const taroOnly = { View: { class: '', style: '', id: '' }, Button: { size: "'default'" } };
  // What the runtime half (taro-plugin/runtime.ts) merges into the runtime's table.
  const withPlugin = { ...taroOnly, View: { ...taroOnly.View, ...ARIA_COMPONENTS.View } };

  it('finds the plugin missing from a runtime table without the ARIA attributes, and says how to add it', () => {
    const warnings: string[] = [];
    expect(ariaPluginMissing(taroOnly)).toBe(true);
    expect(warnIfAriaPluginMissing(taroOnly, (m) => warnings.push(m))).toBe(true);
    expect(warnings).toEqual([ARIA_PLUGIN_MISSING]);
    expect(ARIA_PLUGIN_MISSING).toContain("plugins: ['@maison/privacy/taro-plugin']");
  });

  it('stays quiet when the plugin merged its table', () => {
    const warnings: string[] = [];
    expect(ariaPluginMissing(withPlugin)).toBe(false);
    expect(warnIfAriaPluginMissing(withPlugin, (m) => warnings.push(m))).toBe(false);
    expect(warnings).toEqual([]);
  });

  it('reads the table the runtime half merges into', async () => {
    const shared = await import('@tarojs/shared');
    expect(ariaPluginMissing(shared.internalComponents)).toBe(true);
    await import('../taro-plugin/runtime');
    expect(ariaPluginMissing(shared.internalComponents)).toBe(false);
  });
});
