import type { IPluginContext } from '@tarojs/service';

/**
 * Lets `aria-label` through to WeChat's switch, textarea and input. Taro's mini-program templates
 * list each component's attributes and leave `aria-label` out, so `ariaLabel` on those components
 * never reached WXML, and a screen reader read the switches without their names.
 */
export default (ctx: IPluginContext) => {
  ctx.registerMethod({
    name: 'onSetupClose',
    fn(platform: { template?: { mergeComponents?(c: IPluginContext, patch: Record<string, Record<string, string>>): void } }) {
      platform.template?.mergeComponents?.(ctx, { Switch: { 'aria-label': '' }, Textarea: { 'aria-label': '' }, Input: { 'aria-label': '' } });
    },
  });
};
