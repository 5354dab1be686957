// @ts-check
/**
 * Taro plugin of the demo shop's build: Douyin's `<camera>` gets the attributes and events the
 * warranty scan uses, which Taro's tt component table leaves out (its camera binds only
 * `device-position`, `flash`, `stop` and `error`). Douyin documents them on the camera component
 * (https://developer.open-douyin.com/docs/resource/zh-CN/mini-app/develop/component/media-component/camera):
 * `mode` with `scanCode` and `bindscancode` from base library 2.41.0, `resolution`, `frame-size`
 * and `bindinitdone` from 1.78.0. WeChat's table already has them. One table (douyin-camera.json)
 * feeds both halves: the templates here, the runtime's attribute aliases in douyinCameraRuntime.js.
 *
 * @param {{ registerMethod(method: { name: string; fn: (platform: { platform: string; runtimePath: string | string[]; template: { mergeComponents(ctx: unknown, patch: Record<string, Record<string, string>>): void } }) => void }): void }} ctx
 */
const { join } = require('node:path');

const TABLE = join(__dirname, 'douyin-camera.json');
const RUNTIME = join(__dirname, 'douyinCameraRuntime.js');

module.exports = (ctx) => {
  ctx.registerMethod({
    name: 'onSetupClose',
    fn(platform) {
      if (platform.platform !== 'tt') return;
      platform.template.mergeComponents(ctx, JSON.parse(JSON.stringify(require(TABLE))));
      const runtimes = Array.isArray(platform.runtimePath) ? platform.runtimePath : [platform.runtimePath];
      if (!runtimes.includes(RUNTIME)) platform.runtimePath = [...runtimes, RUNTIME];
    },
  });
};
